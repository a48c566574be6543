"""Small files written atomically: temp file, fsync, rename, fsync of the folder.

A reader (or the next start after a crash) sees either the previous content or
the new one, never half of each: ``os.replace`` is atomic on POSIX and Windows.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path


def fsync_directory(directory: Path) -> None:
    """Make a rename inside ``directory`` durable (a no-op where unsupported)."""
    if os.name != "posix":
        return  # Windows has no directory handles to fsync; NTFS journals renames
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on directories; the rename still happened
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` all at once; creates the parent folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp_name)
        raise
    if durable:
        fsync_directory(path.parent)


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    # surrogatepass: a lone surrogate pasted into the editor must not make the
    # one write that protects the text fail.
    atomic_write_bytes(path, text.encode("utf-8", "surrogatepass"), durable=durable)


def remove_stale_temp_files(folder: Path, pattern: str = ".*.tmp") -> int:
    """Delete temp files a killed process left behind; returns how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for leftover in folder.glob(pattern):
        with suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed
