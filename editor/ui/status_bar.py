"""The status bar: words, signes, feuillets, reading time and "is it saved?".

Editors count in *signes* (characters including spaces) and *feuillets*
(1,500 signes). Counting is a pure function over the text with Markdown markup
removed; the bar recounts at most every 300 ms while the user types, so a
20,000-word article costs a few milliseconds per pause, not per keystroke.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from editor.ui.i18n import Translator

SIGNES_PER_FEUILLET = 1500

_MARKUP = [
    # Block fences and the fields a reader never sees (figure image, alt, link url).
    (re.compile(r"^(?::::.*|(?:image|alt|url):\s.*)$", re.M), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.M), ""),  # block markers
    (re.compile(r"[*_`~]{1,3}"), ""),  # emphasis and code marks
]
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class TextCounts:
    words: int = 0
    signes: int = 0

    @property
    def feuillets(self) -> float:
        return self.signes / SIGNES_PER_FEUILLET

    def reading_minutes(self, words_per_minute: int = 230) -> int:
        return math.ceil(self.words / max(1, words_per_minute)) if self.words else 0


def plain_text(markdown: str) -> str:
    """The text a reader sees, roughly: markup and directive lines removed."""
    text = markdown
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return text


def count_text(*parts: str) -> TextCounts:
    """Words (tokens with a letter or digit) and signes (spaces counted once)."""
    words = 0
    signes = 0
    for part in parts:
        text = _SPACES.sub(" ", plain_text(part)).strip()
        if not text:
            continue
        tokens = text.split(" ")
        words += sum(1 for token in tokens if _WORD.search(token))
        signes += len(text) + (1 if signes else 0)
    return TextCounts(words, signes)


class FeuilletStatusBar(QStatusBar):
    """Counts on the right, save state at the far right, messages on the left."""

    COUNT_DELAY_MS = 300

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self._tr = translator
        self._text_source: Callable[[], tuple[str, ...]] | None = None
        self._counts = TextCounts()
        self._reading_speed = 230
        self._state = ("saved", "")
        self._count_label = QLabel(self)
        self._count_label.setObjectName("countLabel")
        # The counts may be cut on a narrow window rather than widen it (the
        # length gauge sits beside them); the tooltip and a wider window show them.
        self._count_label.setMinimumWidth(60)
        self._save_label = QLabel(self)
        self._save_label.setObjectName("saveLabel")
        self.addPermanentWidget(self._count_label)
        self.addPermanentWidget(self._save_label)
        self._timer = QTimer(self, singleShot=True, interval=self.COUNT_DELAY_MS)
        self._timer.timeout.connect(self.recount)
        translator.language_changed.connect(self.retranslate)
        self.retranslate()

    # -- counts -----------------------------------------------------------------

    def set_text_source(self, source: Callable[[], tuple[str, ...]] | None) -> None:
        """Where the text to count comes from (None: nothing open); counts now."""
        self._text_source = source
        self.recount()

    def text_changed(self) -> None:
        if not self._timer.isActive():
            self._timer.start()  # at most one recount per 300 ms while typing

    def recount(self) -> None:
        self._timer.stop()
        self._counts = count_text(*self._text_source()) if self._text_source else TextCounts()
        self._show_counts()

    @property
    def counts(self) -> TextCounts:
        return self._counts

    def set_reading_speed(self, words_per_minute: int) -> None:
        self._reading_speed = words_per_minute
        self._show_counts()

    def _show_counts(self) -> None:
        if self._text_source is None:
            self._count_label.setText("")
            return
        tr = self._tr.tr
        c = self._counts
        minutes = c.reading_minutes(self._reading_speed)
        reading = (
            tr("status.reading_short")
            if c.words and minutes <= 1
            else tr("status.reading", minutes=minutes)
        )
        parts = [
            tr("status.words", count=self._tr.format_number(c.words)),
            tr("status.signes", count=self._tr.format_number(c.signes)),
            tr("status.feuillets", count=self._tr.format_number(c.feuillets, 1)),
            reading,
        ]
        self._count_label.setText("   ·   ".join(parts))
        self._count_label.setToolTip(tr("status.counts_tip"))

    # -- save state -------------------------------------------------------------

    def set_save_state(self, state: str, detail: str = "") -> None:
        self._state = (state, detail)
        tr = self._tr.tr
        text = tr(f"save.{state}")
        colors = {"saved": "#2e7d4f", "dirty": "#9a6700", "error": "#b42318", "conflict": "#b42318"}
        self._save_label.setText(f"● {text}")
        self._save_label.setStyleSheet(f"color: {colors.get(state, '#3d4b5c')}; padding: 0 6px;")
        self._save_label.setToolTip(detail or text)
        if state in ("error", "conflict") and detail:
            self.showMessage(
                f"{text} : {detail}" if self._tr.language == "fr" else f"{text}: {detail}"
            )
        elif state == "saved":
            self.clearMessage()

    def save_text(self) -> str:
        return self._save_label.text().lstrip("● ")

    def count_text(self) -> str:
        return self._count_label.text()

    def retranslate(self, _language: str = "") -> None:
        self._show_counts()
        self.set_save_state(*self._state)
