"""The user's window preferences, stored with QSettings, created at run time.

Never instantiated at import time. ``FEUILLET_SETTINGS_DIR`` (or an explicit
directory) redirects storage to an INI file there, so that tests and the
end-to-end run never read or write the user's real settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_DIR_ENV = "FEUILLET_SETTINGS_DIR"
DEVICES = ("desktop", "tablet", "mobile", "email")
DEFAULT_SPLITTER_SIZES = (260, 640, 520)
DEFAULT_READING_SPEED = 230


class Settings:
    """Typed accessors over one QSettings store."""

    def __init__(self, directory: Path | None = None) -> None:
        env_dir = os.environ.get(SETTINGS_DIR_ENV)
        if directory is None and env_dir:
            directory = Path(env_dir)
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
            self._qs = QSettings(str(directory / "feuillet.ini"), QSettings.Format.IniFormat)
        else:
            self._qs = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Feuillet", "Feuillet"
            )

    @property
    def path(self) -> str:
        return self._qs.fileName()

    def sync(self) -> None:
        self._qs.sync()

    # -- raw values -----------------------------------------------------------

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _str(self, key: str, default: str = "") -> str:
        value = self._qs.value(key, default)
        return str(value) if value is not None else default

    def _int(self, key: str, default: int) -> int:
        try:
            return int(self._qs.value(key, default))
        except (TypeError, ValueError):
            return default

    def _bool(self, key: str, default: bool) -> bool:
        value = self._qs.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)

    # -- window ---------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)

    def splitter_sizes(self) -> list[int]:
        raw = self._qs.value("window/splitter", None)
        if isinstance(raw, (list, tuple)) and len(raw) == 3:
            try:
                sizes = [int(v) for v in raw]
            except (TypeError, ValueError):
                sizes = []
            if len(sizes) == 3 and sum(sizes) > 0:
                return sizes
        return list(DEFAULT_SPLITTER_SIZES)

    def set_splitter_sizes(self, sizes: list[int]) -> None:
        self._qs.setValue("window/splitter", [int(v) for v in sizes])

    def pane_visible(self, pane: str) -> bool:
        return self._bool(f"window/show_{pane}", True)

    def set_pane_visible(self, pane: str, visible: bool) -> None:
        self._qs.setValue(f"window/show_{pane}", bool(visible))

    # -- preferences ----------------------------------------------------------

    def language(self) -> str:
        """ "system", "fr" or "en"."""
        value = self._str("ui/language", "system")
        return value if value in ("system", "fr", "en") else "system"

    def set_language(self, language: str) -> None:
        self._qs.setValue("ui/language", language)

    def preview_device(self) -> str:
        value = self._str("preview/device", "desktop")
        return value if value in DEVICES else "desktop"

    def set_preview_device(self, device: str) -> None:
        self._qs.setValue("preview/device", device if device in DEVICES else "desktop")

    def reading_speed(self) -> int:
        """Words per minute used for the reading time (clamped to a sane range)."""
        return max(100, min(600, self._int("ui/reading_speed", DEFAULT_READING_SPEED)))

    def set_reading_speed(self, words_per_minute: int) -> None:
        self._qs.setValue("ui/reading_speed", int(words_per_minute))

    # -- export ---------------------------------------------------------------

    def last_export_folder(self) -> str:
        """The folder the last export went to ("" before the first export)."""
        return self._str("export/last_folder", "")

    def set_last_export_folder(self, folder: str) -> None:
        self._qs.setValue("export/last_folder", str(folder))

    # -- what was open --------------------------------------------------------

    def last_selection(self, library_key: str) -> tuple[str, int] | None:
        value = self._str(f"libraries/{_key(library_key)}/selection")
        kind, _, ident = value.partition(":")
        if kind in ("article", "issue") and ident.isdigit():
            return kind, int(ident)
        return None

    def set_last_selection(self, library_key: str, kind: str, ident: int) -> None:
        self._qs.setValue(f"libraries/{_key(library_key)}/selection", f"{kind}:{ident}")


def _key(library_key: str) -> str:
    # QSettings groups treat "/" and "\\" as separators: flatten a file path.
    return "".join(ch if ch.isalnum() else "_" for ch in library_key)[-120:]
