"""Schema upgrades that can always be undone, and refusal of newer libraries.

A library stamped with a revision this program does not know was written by a
newer Feuillet: it is refused before anything opens it for writing, so its
bytes stay exactly as they were. A library at an older revision is backed up
with the online backup API ("before-upgrade-<from>-to-<to>") and only then
migrated; the migration runs in one transaction, so a failure leaves the file
at its old revision, and the backup is there in any case.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from editor.core.errors import LibraryError, LibraryTooNew
from editor.core.safety.backup import BackupManager


def refuse_if_newer(path: Path, revision: str | None) -> None:
    from editor.core import schema

    if revision is None or revision == schema.HEAD_REVISION:
        return  # new or current: no need to load Alembic to list the revisions
    if revision not in schema.known_revisions():
        raise LibraryTooNew(
            f"the library {path} was made by a newer version of Feuillet (schema {revision}); "
            "it was left untouched: update Feuillet to open it"
        )


def upgrade_with_backup(
    path: Path, engine: Engine, revision: str | None, manager: BackupManager | None = None
) -> Path | None:
    """Bring the file to the head revision; returns the backup made first, if any.

    ``revision`` is what the file was stamped with when inspected (None for a
    new, empty file, which needs no backup).
    """
    from editor.core import schema

    if revision == schema.HEAD_REVISION:
        return None  # up to date: the usual open never loads Alembic
    refuse_if_newer(path, revision)
    head = schema.head_revision()
    if revision == head:
        return None
    backup = None
    if revision is not None:
        manager = manager or BackupManager(path)
        backup = manager.backup_now(f"before-upgrade-{revision}-to-{head}", prune=False)
    try:
        schema.upgrade(engine)
    except LibraryError:
        raise
    except Exception as exc:
        # Alembic ran in one transaction: the file is still at `revision`.
        where = f"; a backup made just before is {backup}" if backup else ""
        raise LibraryError(
            f"the library {path} could not be upgraded ({exc}); it was left as it was{where}"
        ) from exc
    return backup
