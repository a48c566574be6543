"""The library file: pragmas, migrations, schema/model agreement, transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from editor.core import schema
from editor.core.db import open_database
from editor.core.library import open_library
from editor.core.models import Base


def test_every_connection_gets_the_pragmas(empty_library) -> None:
    with empty_library.db.engine.connect() as conn:
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 1000


def test_writes_take_the_write_lock_at_begin(empty_library, library_path: Path) -> None:
    """BEGIN IMMEDIATE: a second writer is refused at once, not halfway through."""
    other = sqlite3.connect(library_path, timeout=0.1, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(Exception, match="locked"), empty_library.db.write() as s:
            s.execute(text("SELECT 1"))
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_reads_proceed_while_another_process_writes(library, library_path: Path) -> None:
    other = sqlite3.connect(library_path, timeout=0.1, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE article SET title = 'x' WHERE id = 1")
    try:
        titles = [r.title for r in library.services.list_articles(None)]
        assert "x" not in titles and titles
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_migrations_match_the_models(empty_library) -> None:
    with empty_library.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # The FTS5 shadow tables are created by raw SQL on purpose; no model maps them.
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("article_fts"))]
    assert diff == []


def test_upgrade_from_empty_then_downgrade_to_nothing(tmp_path: Path) -> None:
    db = open_database(tmp_path / "m.feuillet")
    schema.upgrade(db.engine)
    assert schema.current_revision(db.engine) == schema.head_revision()
    names = set(inspect(db.engine).get_table_names())
    assert {"publication", "issue", "article", "asset", "revision", "setting"} <= names
    assert "article_fts" in names
    schema.downgrade(db.engine, "base")
    assert schema.current_revision(db.engine) is None
    leftover = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
    assert leftover == set()
    schema.upgrade(db.engine)  # and back up again on the same file
    assert schema.current_revision(db.engine) == schema.head_revision()
    db.close()


def test_reopening_keeps_data_and_does_not_reseed(library_path: Path) -> None:
    with open_library(library_path) as lib:
        count = lib.services.count_articles()
        assert lib.created
    with open_library(library_path) as lib:
        assert lib.services.count_articles() == count
        assert not lib.created


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("bonjour\n", encoding="utf-8")
    from editor.core.errors import LibraryError

    with pytest.raises(LibraryError, match="not a Feuillet library"):
        open_library(path)
    assert path.read_text(encoding="utf-8") == "bonjour\n"


def test_no_library_without_create(tmp_path: Path) -> None:
    from editor.core.errors import LibraryError

    with pytest.raises(LibraryError, match="no library"):
        open_library(tmp_path / "absent.feuillet", create=False)
    assert not (tmp_path / "absent.feuillet").exists()


def test_list_queries_walk_an_index(library) -> None:
    with library.db.engine.connect() as conn:
        plan = " ".join(
            str(row[-1])
            for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id, title FROM article ORDER BY updated DESC LIMIT 200"
            )
        )
        assert "ix_article_updated" in plan
        plan = " ".join(
            str(row[-1])
            for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM article WHERE issue_id = 1 ORDER BY position"
            )
        )
        assert "ix_article_issue_position" in plan


def test_head_revision_constant_matches_the_migrations() -> None:
    assert schema.head_revision() == schema.HEAD_REVISION


def test_opening_an_up_to_date_library_does_not_load_alembic(library_path: Path) -> None:
    import subprocess
    import sys

    open_library(library_path).close()
    code = (
        "import sys; from pathlib import Path; from editor.core.library import open_library; "
        f"open_library(Path({str(library_path)!r})).close(); "
        "print(sorted(m for m in sys.modules if m.startswith('alembic')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_closing_checkpoints_the_write_ahead_log(library_path: Path) -> None:
    lib = open_library(library_path)
    for n in range(50):
        lib.services.set_setting(f"k{n}", "v" * 1000)
    wal = library_path.with_name(library_path.name + "-wal")
    assert wal.stat().st_size > 0
    lib.close()
    assert not wal.exists() or wal.stat().st_size == 0
