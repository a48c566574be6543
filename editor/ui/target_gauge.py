"""A length target per article, shown as a gauge in the status bar.

Editors commission pieces by length: "800 mots", "3 000 signes", "2 feuillets"
(1 feuillet = 1,500 signes, characters with spaces). The target is stored in the
library per article (setting ``target.article.<id>``, JSON), so it travels with
the library (removed when the target is cleared). The gauge recounts with the
status bar's own counting rules, once typing pauses (debounced), so a long
article never costs a count per keystroke. Texts: the ``target.*`` keys of the
window's catalogue; a language switch re-reads them.

Wiring (the window)::

    gauge = TargetGauge.attach(status_bar, services, editor.current_fields, translator)
    session.opened.connect(lambda kind, ident: gauge.follow((kind, ident)))
    editor.sig_changed.connect(gauge.text_changed)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from editor.ui.i18n import Texts
from editor.ui.status_bar import SIGNES_PER_FEUILLET, TextCounts, count_text

UNITS = ("words", "signes", "feuillets")
SETTING_PREFIX = "target.article."
RECOUNT_DELAY_MS = 400
MAX_AMOUNT = 10_000_000
_UNIT_ALIASES = {
    "words": ("mot", "mots", "word", "words", "w", "m"),
    "signes": (
        "signe",
        "signes",
        "sign",
        "signs",
        "caractère",
        "caractères",
        "car",
        "chars",
        "characters",
        "character",
        "s",
        "c",
    ),  # fmt: skip
    "feuillets": ("feuillet", "feuillets", "f", "page", "pages"),
}
_TARGET_RE = re.compile(
    r"^\s*(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)\s*([^\d\s].*?)?\s*$"
)


@dataclass(frozen=True)
class Target:
    unit: str  # one of UNITS
    amount: float

    def to_json(self) -> str:
        return json.dumps({"unit": self.unit, "amount": self.amount})

    @classmethod
    def from_json(cls, text: str) -> Target | None:
        try:
            data = json.loads(text)
            target = cls(str(data["unit"]), float(data["amount"]))
        except (ValueError, TypeError, KeyError):
            return None  # an empty or damaged setting means "no target"
        return target if target.unit in UNITS and 0 < target.amount <= MAX_AMOUNT else None

    def current(self, counts: TextCounts) -> float:
        """How far ``counts`` are, in this target's unit."""
        if self.unit == "words":
            return float(counts.words)
        if self.unit == "signes":
            return float(counts.signes)
        return counts.signes / SIGNES_PER_FEUILLET

    def ratio(self, counts: TextCounts) -> float:
        return self.current(counts) / self.amount


def parse_target(text: str) -> Target | None:
    """``"2 feuillets"``, ``"3 000 signes"``, ``"800 mots"``, ``"1,5 f"`` → Target.

    A number alone counts words. Raises ValueError for anything else; an empty
    text returns None ("no target").
    """
    if not text.strip():
        return None
    match = _TARGET_RE.match(text)
    if match is None:
        raise ValueError(text)
    number = re.sub(r"[ \u00a0\u202f]", "", match.group(1))
    word = (match.group(2) or "mots").strip().lower().rstrip(".")
    unit = next((u for u, aliases in _UNIT_ALIASES.items() if word in aliases), None)
    if unit != "feuillets" and re.fullmatch(r"\d{1,3}(?:,\d{3})+", number):
        number = number.replace(",", "")  # "3,000 words": an English thousands separator
    amount = float(number.replace(",", "."))
    if unit is None or not 0 < amount <= MAX_AMOUNT:
        raise ValueError(text)
    return Target(unit, amount)


def load_target(services: Any, article_id: int) -> Target | None:
    return Target.from_json(services.get_setting(f"{SETTING_PREFIX}{article_id}"))


def save_target(services: Any, article_id: int, target: Target | None) -> None:
    """Store the target; None removes the setting (no empty rows left behind)."""
    key = f"{SETTING_PREFIX}{article_id}"
    if target is None:
        services.delete_setting(key)
    else:
        services.set_setting(key, target.to_json())


class TargetDialog(QDialog):
    """Asks for a target as text ("2 feuillets"); refuses what it cannot read, in place."""

    def __init__(self, texts: Callable[[str], str], current: str, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(texts("dialog"))
        self.target: Target | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(texts("prompt")))
        self.field = QLineEdit(current)
        self.field.setPlaceholderText(texts("hint"))
        layout.addWidget(self.field)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b42318;")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self._bad = texts("bad")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.target = parse_target(self.field.text())
        except ValueError:
            self.error.setText(self._bad)
            self.error.setVisible(True)
            return
        super().accept()


class TargetGauge(QWidget):
    """Progress towards the open article's target; a click sets it."""

    sig_target_changed = Signal(object)  # Target | None

    def __init__(self, services: Any, fields_source: Callable[[], dict[str, str]],
                 translator: Any = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("targetGauge")
        self._services = services
        self._fields_source = fields_source
        self._translator = translator
        self._texts = Texts(translator, "target.")
        self._article_id: int | None = None
        self._target: Target | None = None
        self._counts = TextCounts()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.bar.setFixedWidth(180)
        self.bar.setMaximumHeight(18)
        self.bar.setRange(0, 1000)
        layout.addWidget(self.bar)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._timer = QTimer(self, singleShot=True, interval=RECOUNT_DELAY_MS)
        self._timer.timeout.connect(self.recount)
        self.ask_target: Callable[[str], Target | None | bool] = self._ask_target
        if translator is not None and hasattr(translator, "language_changed"):
            translator.language_changed.connect(lambda _l: self._show())
        self.setVisible(False)

    @classmethod
    def attach(cls, status_bar: QStatusBar, services: Any,
               fields_source: Callable[[], dict[str, str]], translator: Any = None) -> TargetGauge:  # fmt: skip
        """Create the gauge as a permanent widget of ``status_bar``."""
        gauge = cls(services, fields_source, translator, status_bar)
        status_bar.insertPermanentWidget(0, gauge)
        return gauge

    # -- texts ------------------------------------------------------------------

    def _t(self, key: str) -> str:
        """``target.<key>`` from the window's catalogue (French without a translator)."""
        return self._texts(key)

    def _number(self, value: float, decimals: int = 0) -> str:
        if self._translator is not None and hasattr(self._translator, "format_number"):
            return str(self._translator.format_number(value, decimals))
        return QLocale(QLocale.Language.French).toString(float(value), "f", decimals)

    # -- what is open -----------------------------------------------------------

    def follow(self, current: tuple[str, int] | None) -> None:
        """The window's open item changed: ("article", id), ("issue", id) or None."""
        self.set_article(current[1] if current and current[0] == "article" else None)

    def set_article(self, article_id: int | None) -> None:
        if article_id == self._article_id:
            return
        self._article_id = article_id
        self._target = load_target(self._services, article_id) if article_id is not None else None
        self.setVisible(article_id is not None)
        self.recount()

    def target(self) -> Target | None:
        return self._target

    def set_target(self, target: Target | None) -> None:
        if self._article_id is None:
            return
        save_target(self._services, self._article_id, target)
        self._target = target
        self.sig_target_changed.emit(target)
        self.recount()

    def set_target_text(self, text: str) -> Target | None:
        """Set the target from text such as "2 feuillets"; raises ValueError if unreadable."""
        target = parse_target(text)
        self.set_target(target)
        return target

    # -- counting ---------------------------------------------------------------

    def text_changed(self) -> None:
        """Call on every edit: the count runs once typing pauses."""
        if self._article_id is not None:
            self._timer.start()

    def recount(self) -> None:
        self._timer.stop()
        if self._article_id is None:
            self._counts = TextCounts()
        else:
            fields = self._fields_source() or {}
            parts = (fields.get("title", ""), fields.get("standfirst", ""), fields.get("body", ""))
            self._counts = count_text(*parts)
        self._show()

    def counts(self) -> TextCounts:
        return self._counts

    def text(self) -> str:
        return self.bar.text()

    def _show(self) -> None:
        target = self._target
        self.setToolTip(self._t("tip"))
        if target is None:
            self.bar.setValue(0)
            self.bar.setFormat(self._t("none"))
            self.bar.setProperty("over", False)
            self.bar.setStyleSheet("")
            return
        decimals = 1 if target.unit == "feuillets" else 0
        current = target.current(self._counts)
        ratio = target.ratio(self._counts)
        self.bar.setValue(min(1000, round(ratio * 1000)))
        label = f"{self._number(current, decimals)} / {self._number(target.amount, decimals)}"
        # '%' has a meaning in QProgressBar formats: escape it should a unit contain it.
        self.bar.setFormat(f"{label} {self._t(target.unit)}".replace("%", "%%"))
        over = ratio > 1.0
        self.bar.setProperty("over", over)
        # Amber past the target (too long to fit), green once 90 % is reached.
        colour = "#c2410c" if over else "#2e7d4f" if ratio >= 0.9 else "#5b7083"
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")

    def is_over(self) -> bool:
        return bool(self.bar.property("over"))

    # -- setting it -------------------------------------------------------------

    def _current_text(self) -> str:
        target = self._target
        if target is None:
            return ""
        # No thousands separator: the text must read back through parse_target.
        value = target.amount
        amount = str(int(value)) if value == int(value) else str(value)
        if getattr(self._translator, "language", "fr") == "fr":
            amount = amount.replace(".", ",")
        return f"{amount} {self._t(target.unit)}"

    def _ask_target(self, current: str) -> Target | None | bool:
        """The dialog's answer; False when cancelled (None means "no target")."""
        dialog = TargetDialog(self._t, current, self)
        return dialog.target if dialog.exec() else False

    def edit_target(self) -> None:
        if self._article_id is None:
            return
        answer = self.ask_target(self._current_text())
        if answer is not False:
            self.set_target(answer if isinstance(answer, Target) else None)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.edit_target()
            event.accept()
            return
        super().mousePressEvent(event)
