"""Bringing a library file's schema to the version this program expects.

Alembic runs programmatically on the library's own engine (no alembic.ini, no
working-directory assumptions), so a packaged application migrates the same way
as the test suite. A library written by a newer Feuillet is refused untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.errors import LibraryError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

HEAD_REVISION = "0001"
"""The newest migration, known without loading Alembic (a test keeps it true):
opening an up-to-date library, the common case, then costs no Alembic import."""


def _config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The schema revision this program writes, read from the migration scripts."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the file, None for an empty (new) file."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def check_not_newer(engine: Engine) -> None:
    """Refuse a file stamped by a newer Feuillet before anything writes to it."""
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise LibraryError(
            "this library was made by a newer version of Feuillet "
            f"(schema {current}); update Feuillet to open it"
        )


def _run(engine: Engine, action: str, target: str) -> None:
    from alembic import command

    config = _config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        getattr(command, action)(config, target)


def upgrade(engine: Engine, target: str = "head") -> None:
    check_not_newer(engine)
    _run(engine, "upgrade", target)


def downgrade(engine: Engine, target: str) -> None:
    _run(engine, "downgrade", target)
