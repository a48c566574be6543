"""Deterministic zip archives: the same files give byte-identical archives.

Entries are sorted, dated 1980-01-01 (the zip epoch), stored with fixed
permissions (0644) and a fixed "made by" system; already compressed images
are stored, text is deflated. Every name is validated first, because Python's
zipfile would store ``../x`` or ``/etc/x`` as given.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from editor.core.export.paths import validate_relative_path

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_STORED_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".zip")


def write_zip(target: Path, files: dict[str, bytes], *, root: str = "") -> None:
    """Write ``files`` (relative POSIX path → bytes) under the folder ``root``."""
    if root:
        validate_relative_path(root)
    names = {(f"{root}/{path}" if root else path): data for path, data in files.items()}
    for name in names:
        validate_relative_path(name)
    with zipfile.ZipFile(target, "w") as archive:
        for name in sorted(names):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.create_system = 3  # Unix, whatever the exporting OS, for identical bytes
            info.external_attr = (0o100644 & 0xFFFF) << 16
            stored = name.lower().endswith(_STORED_SUFFIXES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, names[name], compresslevel=None if stored else 9)
