"""An open library: the database file, its schema brought up to date, its services.

``open_library`` is the one way in for the window, the command line and tests.
A new file gets the sample publication and issue, so a first-time user sees a
real issue at once instead of an empty window.

Before SQLAlchemy touches the file, :mod:`editor.core.safety` checks it: the
window (``writer=True``) takes the writer lock, a file that is not a library
is refused untouched, a damaged one is set aside (``LibraryDamaged`` names the
latest good backup), a newer one is refused untouched, and an older one is
backed up before it is upgraded.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DatabaseError, OperationalError

from editor.core.db import Database, open_database, translate_error
from editor.core.errors import FeuilletError, LibraryError
from editor.core.services import LibraryService

if TYPE_CHECKING:
    from editor.core.safety.lock import WriterLock


@dataclass
class Library:
    path: Path
    db: Database
    services: LibraryService
    created: bool = False
    # The writer lock, held while the window has the library open (None for the CLI).
    lock: WriterLock | None = None
    # The backup made before a schema upgrade at this open, if there was one.
    upgrade_backup: Path | None = None

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_library(
    path: Path,
    *,
    create: bool = True,
    with_sample: bool = True,
    writer: bool = False,
    program: str = "feuillet",
) -> Library:
    """Open ``path``, creating and seeding it when missing (unless ``create`` is False).

    ``writer=True`` (the window) takes the library's writer lock first and raises
    :class:`~editor.core.errors.LibraryInUse` when another process holds it; the
    command line leaves it False and relies on row versions for concurrent saves.
    """
    from editor.core.safety.lock import WriterLock

    path = Path(path)
    lock = None
    if writer:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        if path.parent.exists():
            lock = WriterLock(path, program).acquire()
    try:
        library = _open_checked(path, create=create, with_sample=with_sample, lock=lock)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    library.lock = lock
    return library


def _open_checked(
    path: Path, *, create: bool, with_sample: bool, lock: WriterLock | None
) -> Library:
    from editor.core.safety.integrity import FileState
    from editor.core.safety.opening import preflight
    from editor.core.safety.upgrade import upgrade_with_backup

    try:
        check = preflight(path, create=create, lock=lock)
    except sqlite3.Error as exc:
        mapped = translate_error(exc, path)
        raise (mapped or LibraryError(f"{path} cannot be opened: {exc}")) from exc
    except OSError as exc:
        raise LibraryError(f"{path} cannot be read: {exc.strerror or exc}") from exc
    is_new = check.state is FileState.MISSING
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(
            f"the folder of {path} cannot be created: {exc.strerror or exc}"
        ) from exc
    db = open_database(path)
    try:
        backup = upgrade_with_backup(path, db.engine, check.revision)
    except FeuilletError:
        db.engine.dispose()
        raise
    except (DatabaseError, OperationalError, sqlite3.DatabaseError) as exc:
        db.engine.dispose()
        mapped = translate_error(exc, path)
        if mapped is not None:
            raise mapped from exc
        raise LibraryError(f"{path} cannot be opened as a library: {exc.args[0]}") from exc
    library = Library(
        path=path, db=db, services=LibraryService(db), created=is_new, upgrade_backup=backup
    )
    if is_new and with_sample:
        from editor.core.sample import create_sample  # only needed once per library

        create_sample(library.services)
    return library
