"""Atomic placement of an export: build beside the target, then move it in.

Files are replaced with ``os.replace`` (atomic on one file system). A folder
cannot be swapped atomically with portable calls, so the old one is renamed
aside, the new one renamed in, and the old one deleted; if the process dies
between the two renames, the next export finds the aside copy and puts it
back before doing anything else. Either way an interrupted or failed export
leaves the previous one in place.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from editor.core.export.errors import ExportError

_TMP_TAG = ".feuillet-tmp-"
_OLD_TAG = ".feuillet-old-"


def _leftovers(target: Path, tag: str) -> list[Path]:
    prefix = f".{target.name}{tag}"
    if not target.parent.is_dir():
        return []
    return sorted(p for p in target.parent.iterdir() if p.name.startswith(prefix))


def recover(target: Path) -> None:
    """Undo what an export killed mid-way left: restore an aside copy, drop temp folders."""
    olds = _leftovers(target, _OLD_TAG)
    if olds and not target.exists():
        newest = max(olds, key=lambda p: p.stat().st_mtime)
        os.replace(newest, target)
        olds.remove(newest)
    for leftover in olds + _leftovers(target, _TMP_TAG):
        _remove(leftover)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _is_previous_export(folder: Path) -> bool:
    """Only a folder Feuillet made (or an empty one) may be replaced by --force."""
    if not any(folder.iterdir()):
        return True
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("generator", {}).get("name") == "Feuillet"


def check_target(target: Path, *, force: bool) -> Path:
    """Resolve ``target``, create its parent, and refuse what must not be replaced."""
    target = Path(target).expanduser()
    if target.name in ("", ".", ".."):
        raise ExportError(f"{str(target)!r} is not a usable export name.")
    target = target.parent.resolve() / target.name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"Cannot create the folder {target.parent}: {exc.strerror}.") from exc
    recover(target)
    if target.is_symlink():
        raise ExportError(f"{target} is a symbolic link; choose another export path.")
    if target.exists():
        if not force:
            raise ExportError(
                f"{target} already exists. Choose another path or replace it (--force)."
            )
        if target.is_dir() and not _is_previous_export(target):
            raise ExportError(
                f"{target} is a folder that is not a Feuillet export; refusing to replace it."
            )
    return target


def staging_dir(target: Path) -> Path:
    """A fresh folder beside ``target`` (same file system, so renames are atomic)."""
    try:
        return Path(tempfile.mkdtemp(prefix=f".{target.name}{_TMP_TAG}", dir=target.parent))
    except OSError as exc:
        raise ExportError(f"Cannot write in {target.parent}: {exc.strerror}.") from exc


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def publish(built: Path, target: Path) -> None:
    """Move ``built`` (a file or a folder) to ``target``, replacing what is there."""
    if not target.exists() or (target.is_file() and built.is_file()):
        os.replace(built, target)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}{_OLD_TAG}", dir=target.parent))
    aside.rmdir()  # only the unique name was wanted; rename needs it free
    os.replace(target, aside)
    try:
        os.replace(built, target)
    except OSError:
        os.replace(aside, target)
        raise
    _remove(aside)
