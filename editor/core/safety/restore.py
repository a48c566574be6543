"""Putting a backup in place of the library, without losing the current state.

Order matters, each step leaving a usable library if the process dies there:

1. the backup is fully integrity-checked and must be a Feuillet library no
   newer than this program (it is only read);
2. the writer lock is taken (refused while a window has the library open);
3. the current library is backed up ("before-restore"); a damaged one is
   set aside instead; a file that is not a library is refused, untouched;
4. the backup is copied with the backup API into a temp file beside the
   library, checked and fsynced;
5. the current library is checkpointed, its ``-wal``/``-shm`` removed (a stale
   WAL must never be replayed onto the restored file), and the temp file is
   renamed over it atomically.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from editor.core.errors import LibraryBusy, LibraryError, LibraryTooNew, NotALibrary
from editor.core.safety.atomic import fsync_directory
from editor.core.safety.backup import BackupManager, online_copy, storage_error
from editor.core.safety.integrity import FileState, inspect_file, move_aside
from editor.core.safety.lock import WriterLock
from editor.core.safety.opening import set_aside_orphans


@dataclass(frozen=True)
class RestoreResult:
    library: Path
    restored_from: Path
    safety_backup: Path | None  # the state before the restore, when there was one
    moved_aside: Path | None  # the damaged file set aside, when it was damaged


def check_backup(backup: Path) -> None:
    """Raise a clear LibraryError unless ``backup`` is a sound, openable library."""
    from editor.core import schema  # alembic: only needed here

    backup = Path(backup)
    if not backup.is_file():
        raise LibraryError(f"there is no backup at {backup}")
    check = inspect_file(backup, full=True)
    if check.state is FileState.DAMAGED:
        raise LibraryError(
            f"the backup {backup} is damaged ({check.problems[0]}); choose another one"
        )
    if check.state is not FileState.LIBRARY:
        raise NotALibrary(backup, "not a Feuillet backup")
    if check.revision is not None and check.revision not in schema.known_revisions():
        raise LibraryTooNew(
            f"the backup {backup} was made by a newer version of Feuillet; update Feuillet first"
        )


def _checkpoint_and_detach(library: Path) -> None:
    """Fold the WAL into the main file and remove the side files."""
    busy_message = "another program is using the library right now; try the restore again"
    try:
        with closing(sqlite3.connect(library, timeout=5.0)) as conn:
            busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:
                raise LibraryBusy(busy_message)
            # Back to a single file: this fails while any other connection still
            # uses the WAL, which is exactly when replacing the file is unsafe.
            conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError as exc:
        raise LibraryBusy(busy_message) from exc
    for suffix in ("-wal", "-shm"):
        with suppress(FileNotFoundError):
            os.unlink(library.with_name(library.name + suffix))


def restore_backup(
    library_path: Path,
    backup: Path,
    *,
    held_lock: WriterLock | None = None,
    manager: BackupManager | None = None,
) -> RestoreResult:
    """Replace the library with ``backup``; see the module docstring for the steps.

    A window that has the library open passes its own ``held_lock`` after
    closing its database (its connections would keep the old file otherwise).
    """
    library_path = Path(library_path)
    backup = Path(backup)
    check_backup(backup)
    lock = held_lock if held_lock is not None else WriterLock(library_path, "feuillet restore")
    acquired_here = held_lock is None
    if acquired_here:
        lock.acquire()
    try:
        return _restore_locked(library_path, backup, manager or BackupManager(library_path))
    finally:
        if acquired_here:
            lock.release()


def _restore_locked(library: Path, backup: Path, manager: BackupManager) -> RestoreResult:
    safety: Path | None = None
    moved: Path | None = None
    current = inspect_file(library)
    if current.state is FileState.LIBRARY:
        if backup.resolve() != library.resolve():
            safety = manager.backup_now("before-restore", prune=False)
    elif current.state is FileState.DAMAGED:
        moved = move_aside(library)
    elif current.state in (FileState.NOT_SQLITE, FileState.FOREIGN):
        raise NotALibrary(library, f"{current.problems[0]}; restore to another path")
    library.parent.mkdir(parents=True, exist_ok=True)
    staging = library.with_name(f".{library.name}.restoring")
    try:
        with suppress(FileNotFoundError):
            staging.unlink()
        online_copy(backup, staging, check="integrity_check")
        if current.state is FileState.LIBRARY:
            _checkpoint_and_detach(library)
        else:
            # A -wal left by a killed process beside a missing or damaged file
            # would be replayed onto the restored backup: set it aside first.
            set_aside_orphans(library)
        os.replace(staging, library)
        fsync_directory(library.parent)
    except OSError as exc:
        raise storage_error(exc, f"the restored library {library}") from exc
    finally:
        with suppress(FileNotFoundError):
            staging.unlink()
    return RestoreResult(library, backup, safety, moved)
