"""User-visible strings of the window in French and English, switchable live.

The catalogues are plain JSON files in ``resources/translations`` (one per
language, key → text). A Python catalogue was preferred over Qt's .ts/.qm
toolchain because the strings must switch on the fly without recreating widgets,
the keys are shared by tests, and a translator can edit JSON without Qt tools.
Widgets connect to :attr:`Translator.language_changed` and re-read their texts.

This is the only catalogue of the window: the panes, the check panel and the
export dialog read their texts here too, under prefixed keys (``editor.*``,
``check.*``, ``export.*``/``publish.*``, ``safety.*``). Code that has a language
code but no :class:`Translator` (the editor pane's helpers) uses :func:`lookup`;
widgets that may be built with or without the window's translator use :class:`Texts`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

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


@lru_cache(maxsize=16)
def load_catalogue(directory: Path, language: str) -> Mapping[str, str]:
    """The catalogue of ``language`` in ``directory``, read once per process.

    Cached (read-only) because every pane and dialog looks texts up on each
    retranslation; an unreadable file gives an empty catalogue (keys show).
    """
    try:
        data = json.loads((directory / f"{language}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    return MappingProxyType({str(k): str(v) for k, v in data.items()})


def _format(text: str, values: dict[str, object]) -> str:
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text


def lookup(key: str, language: str, directory: Path | None = None, **values: object) -> str:
    """The text for ``key`` in ``language``; the other language, then the key, if missing."""
    folder = directory or translations_dir()
    code = normalise_language(language)
    text = load_catalogue(folder, code).get(key)
    if text is None:
        other = next(lang for lang in LANGUAGES if lang != code)
        text = load_catalogue(folder, other).get(key, key)
    return _format(text, values)


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

    def _catalogue(self, language: str) -> Mapping[str, str]:
        # Loaded on first use rather than at import: no file I/O at import time.
        return load_catalogue(self._directory, language)

    def has(self, key: str, language: str | None = None) -> bool:
        return key in self._catalogue(language or self._language)

    def tr(self, key: str, **values: object) -> str:
        """The text for ``key``; falls back to the other language, then to the key."""
        return lookup(key, self._language, self._directory, **values)

    def format_number(self, value: float, decimals: int = 0) -> str:
        return self.locale().toString(float(value), "f", decimals)


class QtTranslations(QObject):
    """Qt's own texts (context menus, file dialogs, standard buttons) in the
    window's language: the ``qtbase`` catalogues shipped with PySide6 follow the
    :class:`Translator`, so a French window has no "Cancel" or "Select All"."""

    def __init__(self, app: QCoreApplication, translator: Translator) -> None:
        super().__init__(app)
        self._app = app
        self._installed: QTranslator | None = None
        translator.language_changed.connect(self.apply)
        self.apply(translator.language)

    def apply(self, language: str) -> bool:
        if self._installed is not None:
            self._app.removeTranslator(self._installed)
            self._installed = None
        if language == "en":
            return True  # Qt's built-in texts are English
        catalogue = QTranslator(self)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not catalogue.load(f"qtbase_{language}", folder):
            return False
        self._app.installTranslator(catalogue)
        self._installed = catalogue
        return True


class Texts:
    """``texts(key, **values)`` for widgets built with or without the window's translator.

    With a :class:`Translator`, texts follow its language (the widget still
    connects to ``language_changed`` itself to re-read them); without one, French,
    the language of Feuillet's users. ``prefix`` is prepended to every key.
    """

    def __init__(self, translator: Translator | None = None, prefix: str = "") -> None:
        self.translator = translator
        self._prefix = prefix

    @property
    def language(self) -> str:
        language = getattr(self.translator, "language", "fr")
        return "en" if language == "en" else "fr"

    def __call__(self, key: str, **values: object) -> str:
        if self.translator is not None:
            return self.translator.tr(self._prefix + key, **values)
        return lookup(self._prefix + key, "fr", **values)
