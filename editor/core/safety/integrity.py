"""What a file given as a library really is, checked without writing to it.

Every open starts here: the file is opened read-only (an SQLite ``mode=ro``
URI, so not even a WAL checkpoint can touch it) and classified:

- missing or empty: a new library will be created;
- not SQLite at all (a text file given as ``--library``): refused, untouched;
- an SQLite database of another program: refused, untouched;
- damaged (SQLite header, but ``PRAGMA quick_check`` fails or SQLite cannot
  read it): set aside by renaming, with its ``-wal``/``-shm``, so that nothing
  ever writes to it and a backup can take its place;
- a Feuillet library, with its schema revision.
"""

from __future__ import annotations

import enum
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from editor.core.errors import LibraryBusy
from editor.core.fields import CONTENT_FIELDS

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


class FileState(enum.Enum):
    MISSING = "missing"
    NOT_SQLITE = "not-sqlite"
    FOREIGN = "foreign"
    DAMAGED = "damaged"
    LIBRARY = "library"


@dataclass(frozen=True)
class FileCheck:
    path: Path
    state: FileState
    revision: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.state in (FileState.MISSING, FileState.LIBRARY)


def readonly_uri(path: Path) -> str:
    # as_uri percent-encodes spaces, '#' and '?', which a naive f-string would not.
    return Path(os.path.abspath(path)).as_uri() + "?mode=ro"


@contextmanager
def connect_readonly(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection that cannot modify the file (not even checkpoint it)."""
    conn = sqlite3.connect(readonly_uri(path), uri=True, timeout=5.0)
    with closing(conn):
        yield conn


def _header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(100)


def check_rows(conn: sqlite3.Connection, pragma: str) -> list[str]:
    """Problems reported by ``PRAGMA quick_check``/``integrity_check`` ([] when ok)."""
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
    return [] if rows == ["ok"] else rows


def inspect_file(path: Path, *, full: bool = False) -> FileCheck:
    """Classify ``path`` without writing to it. ``full`` runs integrity_check
    (slow, thorough) instead of quick_check (fast, run at every open)."""
    path = Path(path)
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return FileCheck(path, FileState.MISSING)
    if not path.is_file():
        return FileCheck(path, FileState.NOT_SQLITE, problems=["it is a folder, not a file"])
    try:
        header = _header(path)
    except OSError as exc:
        return FileCheck(path, FileState.NOT_SQLITE, problems=[f"unreadable: {exc.strerror}"])
    if not header.startswith(SQLITE_MAGIC):
        return FileCheck(path, FileState.NOT_SQLITE, problems=["not an SQLite file"])
    if len(header) < 100:
        return FileCheck(path, FileState.DAMAGED, problems=["the file is cut short"])
    try:
        with connect_readonly(path) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            problems = check_rows(conn, "integrity_check" if full else "quick_check")
            if problems:
                return FileCheck(path, FileState.DAMAGED, problems=problems[:20])
            if not tables:
                return FileCheck(path, FileState.MISSING)  # an empty SQLite file
            if "alembic_version" not in tables or "article" not in tables:
                return FileCheck(
                    path, FileState.FOREIGN, problems=["an SQLite database of another program"]
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else None
            if full:
                problems = _deep_checks(conn)
                if problems:
                    return FileCheck(path, FileState.DAMAGED, revision, problems)
            return FileCheck(path, FileState.LIBRARY, revision)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            # Someone is recovering the WAL right now: not damage.
            raise LibraryBusy(
                "the library is busy (another program is using it); try again in a moment"
            ) from exc
        return FileCheck(path, FileState.DAMAGED, problems=[str(exc)])
    except sqlite3.DatabaseError as exc:
        return FileCheck(path, FileState.DAMAGED, problems=[str(exc)])


_TEXT_COLUMNS = {
    "article": CONTENT_FIELDS,
    "revision": ("title", "standfirst", "body", "fields_json"),
    "issue": ("title", "label", "introduction", "sign_off"),
    "publication": ("name", "footer_lines", "legal_lines"),
}


def _undecodable_text(conn: sqlite3.Connection) -> list[str]:
    """Rows whose text is no longer valid UTF-8 (bit rot that quick_check cannot see)."""
    problems = []
    conn.text_factory = bytes
    try:
        for table, columns in _TEXT_COLUMNS.items():
            for row in conn.execute(f"SELECT id, {', '.join(columns)} FROM {table}"):
                for column, value in zip(columns, row[1:], strict=True):
                    try:
                        if isinstance(value, bytes):
                            value.decode("utf-8")
                    except UnicodeDecodeError:
                        problems.append(f"{table} {row[0]}: damaged characters in {column}")
    except sqlite3.OperationalError:
        pass  # an older schema without one of these columns: nothing to scan there
    finally:
        conn.text_factory = str
    return problems


def _deep_checks(conn: sqlite3.Connection) -> list[str]:
    problems = _undecodable_text(conn)
    problems += [
        f"broken reference in {row[0]} row {row[1]}"
        for row in conn.execute("PRAGMA foreign_key_check")
    ]
    try:
        conn.execute("INSERT INTO article_fts(article_fts) VALUES ('integrity-check')")
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc):  # old SQLite refuses the check on read-only files
            problems.append(f"search index: {exc}")
    except sqlite3.DatabaseError as exc:
        problems.append(f"search index: {exc}")
    return problems


def damaged_name(path: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
        counter += 1
    return candidate


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged library and its side files; returns the new main name.

    The side files keep their suffix after the new name (``x.damaged-…-wal``)
    so that SQLite still pairs them with it if someone tries to salvage it.
    """
    target = damaged_name(path, now)
    for suffix in SIDE_SUFFIXES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    os.replace(path, target)
    return target
