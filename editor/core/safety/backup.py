"""Rolling backups of a library, made with SQLite's online backup API.

A backup is never a copy of the live file (which could catch a write halfway):
``sqlite3.Connection.backup`` reads one consistent snapshot, WAL included,
through a read-only connection, into a temp file that is checked, switched to
a self-contained rollback journal, fsynced and only then renamed into place.
A half-made backup (process killed) stays a hidden temp file and never counts.

Backups live beside the library in ``<library dir>/<library name> backups/``
and are named ``<name>.<YYYY-MM-DD_HH-MM-SS>.<reason>.feuillet`` (local time,
so a user can pick one by its name). Pruning keeps the last 10 plus the newest
of each of the last 30 days, and the "before-…" safety copies for 30 days.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from editor.core.errors import LibraryError, StorageError, StorageFull
from editor.core.safety.atomic import fsync_directory, fsync_file, remove_stale_temp_files
from editor.core.safety.integrity import check_rows, connect_readonly

BACKUP_SUFFIX = ".feuillet"
KEEP_LAST = 10
KEEP_DAYS = 30
AUTO_INTERVAL = timedelta(minutes=10)
_STAMP_FORMAT = "%Y-%m-%d_%H-%M-%S"
_NAME_RE = re.compile(
    r"^(?P<stem>.+)\.(?P<stamp>\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d)(?:-(?P<n>\d+))?"
    r"\.(?P<reason>[a-z0-9-]+)" + re.escape(BACKUP_SUFFIX) + "$"
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int

    @property
    def pinned(self) -> bool:
        """Safety copies made before an upgrade or a restore."""
        return self.reason.startswith("before-")


def default_backup_folder(library_path: Path) -> Path:
    library_path = Path(library_path)
    return library_path.parent / f"{library_path.stem} backups"


def _clean_reason(reason: str) -> str:
    cleaned = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-")
    return cleaned[:40] or "manual"


def storage_error(exc: BaseException, what: str) -> StorageError:
    text = str(exc)
    if "full" in text.lower() or getattr(exc, "errno", None) == 28:  # ENOSPC
        return StorageFull(f"the disk is full: {what} could not be written")
    return StorageError(f"{what} could not be written: {text}")


def online_copy(source: Path, target: Path, *, check: str = "quick_check") -> None:
    """Copy a consistent snapshot of ``source`` to ``target`` (a new file) with the
    backup API, as a single self-contained file, checked and fsynced."""
    with connect_readonly(source) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        # The copy inherits WAL mode from the header; a backup is better as one
        # file that opens anywhere, even from read-only media.
        dst.execute("PRAGMA journal_mode = DELETE")
        problems = check_rows(dst, check)
    if problems:
        raise LibraryError(f"the copy of {source} failed its check: {problems[0]}")
    fsync_file(target)


class BackupManager:
    """Makes, lists and prunes the backups of one library."""

    def __init__(
        self,
        library_path: Path,
        folder: Path | None = None,
        *,
        clock: Callable[[], datetime] = datetime.now,
        interval: timedelta = AUTO_INTERVAL,
    ) -> None:
        self.library_path = Path(library_path)
        self.folder = Path(folder) if folder is not None else default_backup_folder(library_path)
        self._clock = clock
        self.interval = interval

    # -- making ------------------------------------------------------------------

    def _new_name(self, now: datetime, reason: str) -> Path:
        stem, stamp = self.library_path.stem, now.strftime(_STAMP_FORMAT)
        # The counter goes up across reasons too, so that same-second backups
        # keep their order in list().
        taken = {info.created for info in self.list()}
        base = datetime.strptime(stamp, _STAMP_FORMAT)
        counter = 0
        while base + timedelta(microseconds=counter) in taken:
            counter += 1
        suffix = f"-{counter}" if counter else ""
        return self.folder / f"{stem}.{stamp}{suffix}.{reason}{BACKUP_SUFFIX}"

    def backup_now(self, reason: str = "manual", *, prune: bool = True) -> Path:
        """Make a backup now and return its path; raises StorageError/LibraryError."""
        if not self.library_path.is_file():
            raise LibraryError(f"there is no library at {self.library_path} to back up")
        reason = _clean_reason(reason)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            remove_stale_temp_files(self.folder, ".*.partial")
            final = self._new_name(self._clock(), reason)
            partial = final.with_name(f".{final.name}.partial")
            try:
                online_copy(self.library_path, partial)
                os.replace(partial, final)
            except BaseException:
                with suppress(OSError):
                    partial.unlink()
                raise
            fsync_directory(self.folder)
        except OSError as exc:
            raise storage_error(exc, f"a backup in {self.folder}") from exc
        except sqlite3.DatabaseError as exc:
            if "full" in str(exc).lower():
                raise storage_error(exc, f"a backup in {self.folder}") from exc
            raise LibraryError(f"the library could not be backed up: {exc}") from exc
        if prune:
            self.prune()
        return final

    def maybe_backup(self, changed_since: bool) -> Path | None:
        """The timer's call: back up when something changed and the last backup
        is older than the interval (10 minutes); otherwise do nothing."""
        if not changed_since:
            return None
        latest = self.latest()
        if latest is not None and self._clock() - latest.created < self.interval:
            return None
        return self.backup_now("auto")

    # -- listing -----------------------------------------------------------------

    def list(self) -> list[BackupInfo]:
        """This library's backups, newest first."""
        if not self.folder.is_dir():
            return []
        found: list[BackupInfo] = []
        for path in self.folder.iterdir():
            match = _NAME_RE.match(path.name)
            if match is None or match["stem"] != self.library_path.stem or not path.is_file():
                continue
            try:
                created = datetime.strptime(match["stamp"], _STAMP_FORMAT)
                size = path.stat().st_size
            except (ValueError, OSError):
                continue
            # Same-second backups keep their order through the "-n" counter.
            created += timedelta(microseconds=int(match["n"] or 0))
            found.append(BackupInfo(path, created, match["reason"], size))
        found.sort(key=lambda info: info.created, reverse=True)
        return found

    def latest(self) -> BackupInfo | None:
        backups = self.list()
        return backups[0] if backups else None

    def latest_good(self, tries: int = 3) -> Path | None:
        """The newest backup that passes quick_check (checked newest first)."""
        for info in self.list()[:tries]:
            try:
                with connect_readonly(info.path) as conn:
                    if not check_rows(conn, "quick_check"):
                        return info.path
            except sqlite3.DatabaseError:
                continue
        return None

    # -- pruning -----------------------------------------------------------------

    def to_keep(self, backups: list[BackupInfo], now: datetime) -> set[Path]:
        keep = {info.path for info in backups[:KEEP_LAST]}
        horizon = now.date() - timedelta(days=KEEP_DAYS - 1)
        newest_of_day: dict[object, BackupInfo] = {}
        for info in backups:  # newest first: the first one seen for a day wins
            day = info.created.date()
            if day >= horizon:
                newest_of_day.setdefault(day, info)
                if info.pinned:
                    keep.add(info.path)
        keep.update(info.path for info in newest_of_day.values())
        return keep

    def prune(self) -> list[Path]:
        """Delete the backups the policy no longer needs; returns them."""
        backups = self.list()
        keep = self.to_keep(backups, self._clock())
        removed = []
        for info in backups:
            if info.path not in keep:
                with suppress(OSError):
                    info.path.unlink()
                    removed.append(info.path)
        return removed
