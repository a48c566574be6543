"""The import dialog's detail panel: the selected file's fields, warnings and body.

The body is shown as Markdown and as it will read (HTML rendered by the
export's own renderer on the reading worker), in a browser that loads
nothing, so a previewed file can never reach the network or the disk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

FIELDS = (("title", "title"), ("kicker", "kicker"), ("standfirst", "standfirst"),
          ("byline", "byline"), ("role", "role"), ("source", "source"), ("credit", "credit"))  # fmt: skip
# Rows of the detail form: field key, text key (``import.<text key>``).
ROWS = (("title", "title_field"), *FIELDS[1:], ("tags", "tags"), ("date", "date"),
        ("images", "images"))  # fmt: skip


class _QuietBrowser(QTextBrowser):
    """A QTextBrowser that loads nothing: no pictures, no stylesheets, no links followed."""

    def loadResource(self, _kind: int, _url: QUrl) -> Any:  # noqa: N802 - Qt override
        return None


class ImportPreview(QWidget):
    """Fields, message (error or warnings) and body of one read file; ``t`` gives the texts."""

    def __init__(self, t: Callable[..., str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._t = t
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.field_labels: dict[str, QLabel] = {}
        self._row_labels: dict[str, QLabel] = {}
        for key, _text_key in ROWS:
            label = QLabel()
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.field_labels[key] = label
            self._row_labels[key] = QLabel()
            form.addRow(self._row_labels[key], label)
        box.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("importMessage")
        box.addWidget(self.message)
        self.tabs = QTabWidget()
        self.preview = _QuietBrowser()
        self.preview.setOpenLinks(False)
        self.markdown = QPlainTextEdit()
        self.markdown.setReadOnly(True)
        self.tabs.addTab(self.preview, "")
        self.tabs.addTab(self.markdown, "")
        box.addWidget(self.tabs, 1)
        self._outcome: Any = None
        self.retranslate()

    def retranslate(self) -> None:
        """Labels in the current language (the dialog calls this on a language switch)."""
        for key, text_key in ROWS:
            self._row_labels[key].setText(self._t(text_key))
        self.tabs.setTabText(0, self._t("preview"))
        self.tabs.setTabText(1, self._t("markdown"))
        self._show_message(self._outcome)

    def show_outcome(self, outcome: Any, rendered: str) -> None:
        """Show one reading outcome (None: nothing selected); ``rendered`` is its body as HTML."""
        article = outcome.article if outcome is not None else None
        for key, label in self.field_labels.items():
            label.setText(field_text(article, key) if article is not None else "")
        self._outcome = outcome
        self._show_message(outcome)
        self.preview.setHtml(rendered if article is not None else "")
        self.markdown.setPlainText(article.body_markdown if article is not None else "")

    def _show_message(self, outcome: Any) -> None:
        article = outcome.article if outcome is not None else None
        if outcome is None:
            self.message.setText(self._t("no_selection"))
        elif not outcome.ok:
            self.message.setText(
                f"<span style='color:#b42318'>{_escape(outcome.error or '')}</span>"
            )
        elif article.warnings:
            lines = "<br>".join(f"• {_escape(w)}" for w in article.warnings)
            self.message.setText(f"<b>{self._t('warnings')}</b><br>{lines}")
        else:
            self.message.setText("")


def field_text(article: Any, key: str) -> str:
    """What the detail panel shows for ``key`` of an imported article."""
    if key == "tags":
        return ", ".join(article.tags)
    if key == "date":
        return article.date.isoformat() if article.date else ""
    if key == "images":
        return str(len(article.images))
    return str(getattr(article, key) or "")


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)
