"""User-visible strings of the window in French and English, switchable live.

The catalogues are plain JSON files in ``resources/translations`` (one per
language, key → text). A Python catalogue was preferred over Qt's .ts/.qm
toolchain because the strings must switch on the fly without recreating widgets,
the keys are shared by tests, and a translator can edit JSON without Qt tools.
Widgets connect to :attr:`Translator.language_changed` and re-read their texts.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Signal

LANGUAGES = ("fr", "en")
FALLBACK_LANGUAGE = "en"


def translations_dir() -> Path:
    """``resources/translations`` next to the ``editor`` package (source tree or bundle)."""
    return Path(__file__).resolve().parents[2] / "resources" / "translations"


def system_language() -> str:
    """The system locale's language when we ship it, English otherwise."""
    name = QLocale.system().name()[:2].lower()
    return name if name in LANGUAGES else FALLBACK_LANGUAGE


def normalise_language(language: str | None) -> str:
    """``None``/``""``/``"system"`` → the system language; unknown codes → fallback."""
    if not language or language == "system":
        return system_language()
    code = language[:2].lower()
    return code if code in LANGUAGES else FALLBACK_LANGUAGE


class Translator(QObject):
    """Looks up keys in the current language's catalogue; announces switches."""

    language_changed = Signal(str)

    def __init__(
        self,
        language: str | None = None,
        directory: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._directory = directory or translations_dir()
        self._catalogues: dict[str, dict[str, str]] = {}
        self._language = normalise_language(language)

    @property
    def language(self) -> str:
        return self._language

    def locale(self) -> QLocale:
        """The QLocale matching the language, for numbers and dates."""
        return QLocale(
            QLocale.Language.French if self._language == "fr" else QLocale.Language.English
        )

    def set_language(self, language: str | None) -> None:
        code = normalise_language(language)
        if code != self._language:
            self._language = code
            self.language_changed.emit(code)

    def _catalogue(self, language: str) -> dict[str, str]:
        # Loaded on first use rather than at import: no file I/O at import time.
        if language not in self._catalogues:
            path = self._directory / f"{language}.json"
            try:
                self._catalogues[language] = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._catalogues[language] = {}
        return self._catalogues[language]

    def has(self, key: str, language: str | None = None) -> bool:
        return key in self._catalogue(language or self._language)

    def tr(self, key: str, **values: object) -> str:
        """The text for ``key``; falls back to the other language, then to the key."""
        text = self._catalogue(self._language).get(key)
        if text is None:
            other = next(lang for lang in LANGUAGES if lang != self._language)
            text = self._catalogue(other).get(key, key)
        if values:
            try:
                return text.format(**values)
            except (KeyError, IndexError, ValueError):
                return text
        return text

    def format_number(self, value: float, decimals: int = 0) -> str:
        return self.locale().toString(float(value), "f", decimals)
