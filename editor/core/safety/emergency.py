"""Where unsaved text goes when the library cannot take it (disk full, I/O error).

``EmergencyWriter.write`` tries, in order, the library's recovery journal folder,
a "Feuillet emergency copies" folder in the user's home and one in the system
temp folder (often another disk, or memory). At the first place that works it
writes a plain Markdown file a person can open in any editor, plus the JSON the
program can import back, and returns the Markdown path for the message.
Nothing already saved is touched: these are new files, written atomically.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from editor.core.errors import StorageError
from editor.core.safety.atomic import atomic_write_text
from editor.core.safety.recovery import RecoveryJournal, journal_folder

FOLDER_NAME = "Feuillet emergency copies"
_LABELS = (
    ("kicker", "Rubrique"),
    ("standfirst", "Chapeau"),
    ("byline_name", "Signature"),
    ("byline_role", "Fonction"),
    ("source", "Source"),
    ("credit", "Crédit"),
    ("tags", "Mots-clés"),
)


def _text(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return "" if value is None else str(value)


def readable_copy(fields: dict[str, Any]) -> str:
    """The fields as a Markdown document a person can read and paste back."""
    lines = [f"# {_text(fields.get('title')) or '(sans titre)'}", ""]
    for key, label in _LABELS:
        if _text(fields.get(key)):
            lines.append(f"**{label}** : {_text(fields[key])}  ")
    lines += ["", _text(fields.get("body")), ""]
    return "\n".join(lines)


class EmergencyWriter:
    """Writes unsaved fields somewhere safe; see the module docstring."""

    def __init__(self, library_path: Path, *, extra_folders: Sequence[Path] | None = None) -> None:
        self.library_path = Path(library_path)
        self.folders = list(extra_folders) if extra_folders is not None else self.default_folders()

    def default_folders(self) -> list[Path]:
        folders = [journal_folder(self.library_path) / "emergency"]
        try:
            folders.append(Path.home() / FOLDER_NAME)
        except RuntimeError:
            pass  # no home directory (service account)
        folders.append(Path(tempfile.gettempdir()) / FOLDER_NAME)
        return folders

    def write(self, article_id: int | None, fields: dict[str, Any], base_version: int = 0) -> Path:
        """Save ``fields`` at the first place that works; returns the readable file.

        Also records them in the recovery journal when possible, so the next
        start offers them back. Raises StorageError when nothing worked at all:
        then the editor's copy is the only one, and the message must say so.
        """
        if article_id is not None:
            try:
                RecoveryJournal(self.library_path).record(article_id, fields, base_version)
            except OSError:
                pass  # same disk, probably full too: the folders below may still work
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        stem = f"{self.library_path.stem}-article-{article_id if article_id is not None else 'new'}"
        payload = json.dumps(
            {
                "library": str(self.library_path),
                "article_id": article_id,
                "base_version": base_version,
                "written": stamp,
                "fields": {key: _text(value) for key, value in fields.items()},
            },
            ensure_ascii=True,
        )
        failures = []
        for folder in self.folders:
            target = folder / f"{stem}-{stamp}.md"
            try:
                atomic_write_text(target.with_suffix(".json"), payload)
                atomic_write_text(target, readable_copy(fields))
            except OSError as exc:
                failures.append(f"{folder}: {exc.strerror or exc}")
                continue
            return target
        raise StorageError(
            "your text could not be written anywhere (" + "; ".join(failures) + "). "
            "It is still in the editor: copy it into another program before closing Feuillet"
        )
