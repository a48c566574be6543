"""How find results are shown and reached: the context column, the match in bold.

Used by :mod:`editor.ui.find_replace_dialog` (its results list) and by the
window (``select_range`` after ``sig_match_activated``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem


def select_range(edit: QPlainTextEdit, start: int, end: int) -> None:
    """Select [start, end) of ``edit`` and show it (after ``sig_match_activated``)."""
    cursor = QTextCursor(edit.document())
    cursor.setPosition(min(start, edit.document().characterCount() - 1))
    cursor.setPosition(
        min(end, edit.document().characterCount() - 1), QTextCursor.MoveMode.KeepAnchor
    )
    edit.setTextCursor(cursor)
    edit.ensureCursorVisible()


class BoldMatchDelegate(QStyledItemDelegate):
    """Paints the context column as rich text: the match in bold."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        html, option.text = option.text, ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(html)
        painter.save()
        painter.translate(option.rect.left() + 2, option.rect.top())
        painter.setClipRect(0, 0, option.rect.width(), option.rect.height())
        context = QAbstractTextDocumentLayout.PaintContext()
        document.documentLayout().draw(painter, context)
        painter.restore()


def context_html(match: Any) -> str:
    import html

    c, s, e = match.context, match.context_start, match.context_end
    return f"{html.escape(c[:s])}<b>{html.escape(c[s:e])}</b>{html.escape(c[e:])}"
