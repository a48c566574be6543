"""Path checks that keep every written file inside the export.

Names come from users (titles, theme names, original file names), so no path
is trusted: archive member names are validated one by one, and files written
into a folder are resolved and checked to stay under it.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from editor.core.export.errors import ExportError
from editor.core.export.slugs import is_safe_file_name


def validate_relative_path(name: str) -> str:
    """Return ``name`` if it is a safe relative POSIX path, else raise ExportError.

    Refused: empty names, absolute paths, drive letters, backslashes, ``.``
    and ``..`` components, control characters and names Windows cannot store.
    Python's zipfile would store ``../x`` as given, hence this check before
    every archive entry and every file written.
    """
    if not isinstance(name, str) or not name:
        raise ExportError("Refused an empty path inside the export.")
    if "\\" in name or name.startswith("/") or "\x00" in name:
        raise ExportError(f"Refused an unsafe path inside the export: {name!r}.")
    parts = PurePosixPath(name).parts
    if name.endswith("/") or any(part in {"", ".", ".."} for part in name.split("/")):
        raise ExportError(f"Refused an unsafe path inside the export: {name!r}.")
    if not all(is_safe_file_name(part) for part in parts):
        raise ExportError(f"Refused an unsafe path inside the export: {name!r}.")
    return name


def safe_join(root: Path, name: str) -> Path:
    """Join a validated relative ``name`` to ``root`` and check it stays inside.

    The resolve-and-compare step also catches a symbolic link planted inside
    the folder that would lead out of it.
    """
    validate_relative_path(name)
    root_resolved = root.resolve()
    target = (root_resolved / name).resolve()
    if not target.is_relative_to(root_resolved) or target == root_resolved:
        raise ExportError(f"Refused a path that leads outside the export: {name!r}.")
    return target
