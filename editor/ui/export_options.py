"""What the export dialog offers and remembers: formats, file names, folders.

Kept apart from :mod:`editor.ui.export_dialog` (the widget) so that the dialog
stays about layout and flow.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

FORMATS = ("bundle", "zip", "single", "email", "fragment", "pdf")
FORMAT_SUFFIXES = {
    "bundle": "", "zip": ".zip", "single": ".html",
    "email": "-email.html", "fragment": "-fragment.html", "pdf": ".pdf",
}  # fmt: skip
LAST_FOLDER_KEY = "export/last_folder"


class FolderMemory:
    """Remembers the last export folder in the settings object the window passes in.

    Accepts an object with ``last_export_folder()``/``set_last_export_folder()``
    (the window's Settings, once it has them), a QSettings-like object
    (``value``/``setValue``), or None (remembered for this dialog only).
    """

    def __init__(self, settings: Any) -> None:
        self._settings = settings
        self._folder: Path | None = None

    def folder(self) -> Path:
        settings, raw = self._settings, ""
        if hasattr(settings, "last_export_folder"):
            raw = str(settings.last_export_folder() or "")
        elif hasattr(settings, "value"):
            raw = str(settings.value(LAST_FOLDER_KEY, "") or "")
        if raw and Path(raw).is_dir():
            return Path(raw)
        return self._folder or Path.home()

    def remember(self, folder: Path) -> None:
        self._folder = folder
        if hasattr(self._settings, "set_last_export_folder"):
            self._settings.set_last_export_folder(str(folder))
        elif hasattr(self._settings, "setValue"):
            self._settings.setValue(LAST_FOLDER_KEY, str(folder))


def _slug(text: str, issue_id: int) -> str:
    from editor.core.export import slugify

    return slugify(text, fallback=f"issue-{issue_id}")


def _user_themes_dirs() -> tuple[Path, ...]:
    from editor.core.paths import user_themes_dir

    folder = user_themes_dir()
    return (folder,) if folder.is_dir() else ()


def _cache_dir() -> Path:
    from editor.core.paths import export_cache_dir

    return export_cache_dir()
