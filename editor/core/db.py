"""Opening a library file: engine, SQLite pragmas, transactions and migrations.

Every connection gets WAL, ``synchronous=FULL`` (an acknowledged save survives a
power cut), foreign keys and a busy timeout. Write transactions start with
``BEGIN IMMEDIATE`` so that two writers fail fast on the lock instead of
deadlocking halfway through; read transactions stay deferred so that the
command line can read and export while the window writes.

SQLite errors a user can act on (disk full, library busy, I/O error, damaged
file) are translated into :mod:`editor.core.errors` classes at the session
boundary, so every service raises a plain message instead of a traceback.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from editor.core.errors import (
    FeuilletError,
    LibraryBusy,
    LibraryDamaged,
    LibraryError,
    StorageError,
    StorageFull,
    ValidationError,
)

BUSY_TIMEOUT_MS = 5000
_READONLY_OPTION = "feuillet_readonly"


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy's "begin" event own transaction control (pysqlite would
    # otherwise issue its own deferred BEGIN at the first write).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode and str(mode[0]).lower() not in ("wal", "memory"):
            raise LibraryError(f"the library cannot use write-ahead logging ({mode[0]})")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _begin(conn) -> None:  # type: ignore[no-untyped-def]
    if conn.get_execution_options().get(_READONLY_OPTION):
        conn.exec_driver_sql("BEGIN DEFERRED")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(path: Path) -> Engine:
    """An engine on one SQLite file with Feuillet's pragmas and transaction rules."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


def translate_error(exc: BaseException, path: Path) -> FeuilletError | None:
    """The user-facing error for an SQLite failure, None when it is a bug."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(original, sqlite3.Error):
        return None
    text = str(original).lower()
    if "database or disk is full" in text or "disk is full" in text:
        return StorageFull(
            "the disk holding the library is full: the last change was not written "
            "(everything saved before is intact); free some space and try again"
        )
    if "database is locked" in text or "database is busy" in text or "table is locked" in text:
        return LibraryBusy(
            f"the library is busy: another program kept it locked for more than "
            f"{BUSY_TIMEOUT_MS // 1000} seconds; nothing was written, try again in a moment"
        )
    if "disk i/o error" in text:
        return StorageError(
            "the disk reported an error while using the library; nothing was written. "
            "Check the disk (or network drive), then try again"
        )
    if "readonly database" in text or "read-only" in text:
        return StorageError(f"the library {path} cannot be written (read-only file or disk)")
    if "malformed" in text or "file is not a database" in text:
        return LibraryDamaged(path, detail="SQLite cannot read part of it")
    if "could not decode to utf-8" in text:
        return LibraryDamaged(path, detail="some of its text has damaged characters")
    return None


@contextmanager
def translated_errors(path: Path) -> Iterator[None]:
    """Re-raise SQLite failures a user can act on as FeuilletError subclasses."""
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        mapped = translate_error(exc, path)
        if mapped is None:
            raise
        raise mapped from exc
    except UnicodeEncodeError as exc:
        # A lone surrogate (pasted garbage) cannot be stored as UTF-8: refuse the
        # save with a message rather than a traceback; the editor keeps the text.
        raise ValidationError(
            "the text contains an invalid character (often a damaged emoji from a paste); "
            "nothing was saved: remove or retype the odd character"
        ) from exc
    except ValueError as exc:
        # SQLAlchemy parsing a stored date that bit rot made unreadable; services
        # validate their own input before any session opens, so this is the file.
        text = str(exc)
        if "Invalid isoformat string" not in text and "Couldn't parse" not in text:
            raise
        raise LibraryDamaged(path, detail="a date stored in it cannot be read") from exc


@dataclass
class Database:
    """An open library file: hands out write and read sessions, one transaction each."""

    path: Path
    engine: Engine

    def __post_init__(self) -> None:
        self._writer = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._reader = sessionmaker(
            bind=self.engine.execution_options(**{_READONLY_OPTION: True}),
            expire_on_commit=False,
        )

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one BEGIN IMMEDIATE transaction, committed on success."""
        with translated_errors(self.path), self._writer() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session in one deferred (snapshot) transaction, never committed."""
        with translated_errors(self.path), self._reader() as session, session.begin():
            yield session

    def close(self) -> None:
        # A clean checkpoint keeps the -wal file from growing between sessions. It
        # runs on the raw connection: through SQLAlchemy it would sit inside the
        # BEGIN IMMEDIATE of the "begin" hook, where SQLite refuses to checkpoint.
        try:
            raw = self.engine.raw_connection()
            try:
                raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()
        except Exception as exc:  # noqa: BLE001 - closing must never fail over a checkpoint
            # Another process reading (the window and the CLI) is normal: the
            # next close or SQLite's own auto-checkpoint will do it.
            logging.getLogger(__name__).info("WAL checkpoint skipped: %s", exc)
        self.engine.dispose()


def open_database(path: Path) -> Database:
    """Open (creating when missing) the SQLite file; schema is handled by migrations."""
    return Database(path=path, engine=make_engine(path))
