"""Where the library lives: ``--library``, then ``$FEUILLET_LIBRARY``, then the
user data directory each operating system expects (platformdirs)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_path

LIBRARY_ENV = "FEUILLET_LIBRARY"
DEFAULT_LIBRARY_NAME = "library.feuillet"


def default_library_path() -> Path:
    return user_data_path("Feuillet", appauthor=False) / DEFAULT_LIBRARY_NAME


def resolve_library_path(
    explicit: str | os.PathLike[str] | None, environ: Mapping[str, str] | None = None
) -> Path:
    """The library file to open, by precedence: argument, environment, default."""
    env = os.environ if environ is None else environ
    if explicit:
        return Path(explicit).expanduser()
    if env.get(LIBRARY_ENV):
        return Path(env[LIBRARY_ENV]).expanduser()
    return default_library_path()


def user_themes_dir() -> Path:
    """Themes the user copied and changed; searched before the built-in ones."""
    return user_data_path("Feuillet", appauthor=False) / "themes"


def export_cache_dir() -> Path:
    """Resized images kept by content hash, so re-exporting is fast."""
    from platformdirs import user_cache_path

    return user_cache_path("Feuillet", appauthor=False) / "export"
