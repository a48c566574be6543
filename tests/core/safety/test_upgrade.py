"""Schema upgrades back up first; a newer library is refused with its bytes unchanged.

"An older version" is made real: the migrations folder is copied and a test
migration 0002 is added after the real head, so the library made by this
program (at 0001) is, for the patched program, a library of an older version.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from editor.core import schema
from editor.core.errors import LibraryError, LibraryTooNew
from editor.core.library import open_library
from editor.core.safety.backup import BackupManager

MIGRATION_0002 = '''"""Test-only migration: a column the next version adds.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.add_column(sa.Column("reading_time", sa.Integer, nullable=False, server_default="0"))
    {failure}


def downgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.drop_column("reading_time")
'''


@pytest.fixture
def next_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Patch the program into "the next version", whose 0002 may fail on purpose."""

    def install(fail: bool = False) -> None:
        folder = tmp_path / "migrations-next"
        shutil.copytree(schema.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
        failure = 'raise RuntimeError("disk unplugged")' if fail else "pass"
        (folder / "versions" / "0002_test.py").write_text(MIGRATION_0002.format(failure=failure))
        monkeypatch.setattr(schema, "MIGRATIONS_DIR", folder)
        monkeypatch.setattr(schema, "HEAD_REVISION", "0002")

    return install


def _revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def test_older_library_is_backed_up_then_upgraded(library_path: Path, next_version) -> None:
    with open_library(library_path) as lib:
        lib.services.save_draft(1, {"body": "écrit avec la version précédente"})
    next_version()
    assert schema.head_revision() == "0002"
    with open_library(library_path, writer=True) as lib:
        backup = lib.upgrade_backup
        assert backup is not None
        assert lib.services.get_article(1).body == "écrit avec la version précédente"
    assert _revision(library_path) == "0002"
    assert _revision(backup) == "0001"
    infos = BackupManager(library_path).list()
    assert [info.reason for info in infos] == ["before-upgrade-0001-to-0002"]
    # The next open needs no upgrade, hence no new backup.
    with open_library(library_path) as lib:
        assert lib.upgrade_backup is None
    assert len(BackupManager(library_path).list()) == 1


def test_failed_upgrade_leaves_the_library_as_it_was(library_path: Path, next_version) -> None:
    open_library(library_path).close()
    next_version(fail=True)
    with pytest.raises(LibraryError, match="could not be upgraded.*left as it was") as info:
        open_library(library_path)
    assert "disk unplugged" in str(info.value)
    assert "before-upgrade" in str(info.value)
    assert _revision(library_path) == "0001"
    conn = sqlite3.connect(library_path)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(article)")}
    conn.close()
    assert "reading_time" not in columns


def test_library_from_a_newer_version_is_refused_untouched(library_path: Path) -> None:
    with open_library(library_path) as lib:
        lib.services.save_draft(1, {"body": "écrit par Feuillet 3"})
    conn = sqlite3.connect(library_path)
    conn.execute("UPDATE alembic_version SET version_num = '0042_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = library_path.read_bytes()
    for writer in (False, True):
        with pytest.raises(LibraryTooNew, match="newer version of Feuillet.*untouched"):
            open_library(library_path, writer=writer)
    assert library_path.read_bytes() == before
    assert BackupManager(library_path).list() == []
