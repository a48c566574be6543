"""How find results are shown and reached: the context column, the match in bold.

Used by :mod:`editor.ui.find_replace_dialog` (its results list) and by the
window (``select_range`` after ``sig_match_activated``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCursor,
    QTextDocument,
)
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


# The context column holds (before, match, after) under this role: the delegate
# centres the match and elides both sides to the column's width.
PARTS_ROLE = Qt.ItemDataRole.UserRole + 1
ELLIPSIS = "…"


def context_parts(match: Any) -> tuple[str, str, str]:
    """The context line split around the match (the core's ``…`` marks stripped)."""
    c, s, e = match.context, match.context_start, match.context_end
    return c[:s].removeprefix(ELLIPSIS), c[s:e], c[e:].removesuffix(ELLIPSIS)


def centred_context(parts: tuple[str, str, str], width: int, normal: QFontMetrics,
                    bold: QFontMetrics) -> tuple[str, str, str]:  # fmt: skip
    """Fit ``before``/``match``/``after`` in ``width`` pixels with the match in view:
    the match first, then the room left shared between both sides, each elided
    away from the match ("…la ville, l'**agglomération** et le CIAS…")."""
    before, found, after = parts
    if bold.horizontalAdvance(found) >= width:
        return "", bold.elidedText(found, Qt.TextElideMode.ElideRight, width), ""
    room = width - bold.horizontalAdvance(found)
    if normal.horizontalAdvance(before) + normal.horizontalAdvance(after) <= room:
        return before, found, after
    left_wanted = normal.horizontalAdvance(before)
    right_wanted = normal.horizontalAdvance(after)
    half = room // 2
    # A short side gives what it does not need to the other one.
    left = min(left_wanted, max(half, room - right_wanted))
    right = room - left
    return (
        normal.elidedText(before, Qt.TextElideMode.ElideLeft, left) if before else "",
        found,
        normal.elidedText(after, Qt.TextElideMode.ElideRight, right) if after else "",
    )


class BoldMatchDelegate(QStyledItemDelegate):
    """Paints the context column: the match in bold, centred, both sides elided."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        parts = index.data(PARTS_ROLE)
        if parts:
            self._paint_parts(painter, option, index, tuple(parts))
            return
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

    def _paint_parts(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex,
                     parts: tuple[str, str, str]) -> None:  # fmt: skip
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        bold_font = QFont(option.font)
        bold_font.setBold(True)
        rect = option.rect.adjusted(3, 0, -3, 0)
        normal, bold = QFontMetrics(option.font), QFontMetrics(bold_font)
        shown = centred_context(parts, rect.width(), normal, bold)
        selected = option.state & QStyle.StateFlag.State_Selected
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(option.palette.color(role))
        x = rect.left()
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        for text, font, metrics in ((shown[0], option.font, normal), (shown[1], bold_font, bold),
                                    (shown[2], option.font, normal)):  # fmt: skip
            painter.setFont(font)
            advance = metrics.horizontalAdvance(text)
            painter.drawText(QRect(x, rect.top(), advance + 1, rect.height()), align, text)
            x += advance
        painter.restore()


def context_html(match: Any) -> str:
    import html

    c, s, e = match.context, match.context_start, match.context_end
    return f"{html.escape(c[:s])}<b>{html.escape(c[s:e])}</b>{html.escape(c[e:])}"
