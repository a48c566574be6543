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
