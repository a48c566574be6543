"""The safety checks ``open_library`` runs before it lets SQLAlchemy near a file.

Nothing here writes to the library: a file that is not a library is refused
untouched, a damaged one is renamed aside (never while another process has
the library open), and a library from a newer Feuillet is refused untouched.
"""

from __future__ import annotations

import os
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from editor.core.errors import LibraryDamaged, LibraryError, NotALibrary
from editor.core.safety.backup import BackupManager
from editor.core.safety.integrity import FileCheck, FileState, inspect_file, move_aside
from editor.core.safety.lock import WriterLock, lock_holder
from editor.core.safety.upgrade import refuse_if_newer


def _latest_good_backup(path: Path) -> Path | None:
    try:
        return BackupManager(path).latest_good()
    except OSError:
        return None


def set_aside_orphans(path: Path) -> None:
    """A -wal without its database must never be replayed onto a new library."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            with suppress(OSError):
                os.replace(side, side.with_name(f"{side.name}.orphan-{stamp}"))


def preflight(path: Path, *, create: bool, lock: WriterLock | None) -> FileCheck:
    """Classify ``path`` and raise the right error for anything but a usable file.

    ``lock`` is the writer lock when the caller holds it; without it a damaged
    file is only set aside when no other process holds the lock.
    """
    check = inspect_file(path)
    if check.state is FileState.MISSING:
        if not create:
            raise LibraryError(f"no library at {path}")
        if not path.exists():
            set_aside_orphans(path)
        return check
    if check.state in (FileState.NOT_SQLITE, FileState.FOREIGN):
        backup = _latest_good_backup(path) if check.state is FileState.NOT_SQLITE else None
        raise NotALibrary(path, check.problems[0], backup)
    if check.state is FileState.DAMAGED:
        backup = _latest_good_backup(path)
        if lock is None and lock_holder(path) is not None:
            # The window has it open: renaming it under its feet would lose its writes.
            raise LibraryDamaged(path, None, backup)
        try:
            moved = move_aside(path)
        except OSError:
            # Held open elsewhere (Windows) or a read-only folder: left where it is.
            raise LibraryDamaged(path, None, backup) from None
        raise LibraryDamaged(path, moved, backup)
    refuse_if_newer(path, check.revision)
    return check
