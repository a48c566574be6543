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
        for key, text_key in (*FIELDS, ("tags", "tags"), ("date", "date"), ("images", "images")):
            label = QLabel()
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.field_labels[key] = label
            form.addRow(t("title_field" if key == "title" else text_key), label)
        box.addLayout(form)
        self.message = QLabel(t("no_selection"))
        self.message.setWordWrap(True)
        self.message.setObjectName("importMessage")
        box.addWidget(self.message)
        self.tabs = QTabWidget()
        self.preview = _QuietBrowser()
        self.preview.setOpenLinks(False)
        self.markdown = QPlainTextEdit()
        self.markdown.setReadOnly(True)
        self.tabs.addTab(self.preview, t("preview"))
        self.tabs.addTab(self.markdown, t("markdown"))
        box.addWidget(self.tabs, 1)

    def show_outcome(self, outcome: Any, rendered: str) -> None:
        """Show one reading outcome (None: nothing selected); ``rendered`` is its body as HTML."""
        article = outcome.article if outcome is not None else None
        for key, label in self.field_labels.items():
            label.setText(field_text(article, key) if article is not None else "")
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
        self.preview.setHtml(rendered if article is not None else "")
        self.markdown.setPlainText(article.body_markdown if article is not None else "")


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
