"""The Markdown body editor: a QPlainTextEdit tuned for writing articles.

QPlainTextEdit rather than QTextEdit: its layout is per block and scales to
long articles, and the source stays plain text. On top of it: a readable font
and a comfortable measure (the text column is capped and centred), list
continuation on Enter, Tab/Shift+Tab to nest list items, paste cleanup (HTML
becomes Markdown) and images pasted or dropped going through the image flow.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from editor.ui.highlighter import MarkdownHighlighter
from editor.ui.image_insert import ImageInserter, images_from_mime, mime_has_image
from editor.ui.paste import markdown_from_mime

MEASURE_CHARS = 76  # a comfortable line length for prose
INDENT = "    "  # Python-Markdown nests lists by four spaces
_LIST_ITEM = re.compile(r"^(\s*)(?:([-*+])|(\d{1,9})([.)]))(\s+)(\[[ xX]\]\s+)?")
_QUOTE_LINE = re.compile(r"^(\s*(?:>\s?)+)")


class BodyEditor(QPlainTextEdit):
    """Plain-text Markdown editor with highlighting and Markdown-aware keys."""

    sig_scrolled = Signal(float)
    sig_notice = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = "fr"
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(self.wordWrapMode())
        self.setTabChangesFocus(False)
        font = QFont(QGuiApplication.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        self.setFont(font)
        self.document().setDocumentMargin(12)
        self.setCenterOnScroll(False)
        self.highlighter = MarkdownHighlighter(self.document())
        self.images = ImageInserter(self, lambda: self._lang)
        # Set by the window: ``router(redo)`` returns True when it handled Ctrl+Z
        # (or redo) itself, i.e. when the step to undo is a library-wide replace
        # on the window's undo stack rather than an edit of this document alone.
        self.undo_router: Callable[[bool], bool] | None = None
        self.verticalScrollBar().valueChanged.connect(self._emit_scrolled)
        self.verticalScrollBar().rangeChanged.connect(lambda *_: self._emit_scrolled())

    # -- language & layout --------------------------------------------------

    def set_ui_language(self, lang: str) -> None:
        self._lang = lang

    def set_language(self, language: str) -> None:
        """Language of the text being written (typographic hints, spell locale)."""
        self.highlighter.set_language(language)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._update_measure()

    def _update_measure(self) -> None:
        """Centre a text column of about MEASURE_CHARS characters."""
        measure = self.fontMetrics().averageCharWidth() * MEASURE_CHARS
        spare = self.width() - measure - self.verticalScrollBar().sizeHint().width() - 24
        side = max(0, spare // 2)
        margins = self.viewportMargins()
        if margins.left() != side:
            self.setViewportMargins(side, 0, side, 0)

    def _emit_scrolled(self) -> None:
        bar = self.verticalScrollBar()
        self.sig_scrolled.emit(bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0)

    def top_line(self) -> int:
        """Number (0-based) of the first source line visible at the top."""
        return self.firstVisibleBlock().blockNumber()

    # -- keys ---------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self.undo_router is not None:
            for redo, standard in ((False, QKeySequence.StandardKey.Undo),
                                   (True, QKeySequence.StandardKey.Redo)):  # fmt: skip
                if event.matches(standard) and self.undo_router(redo):
                    event.accept()
                    return
        key, mods = event.key(), event.modifiers()
        plain = not (mods & ~Qt.KeyboardModifier.KeypadModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain and self._continue_list():
            return
        if key == Qt.Key.Key_Tab and plain and self._indent_lines(+1):
            return
        if key == Qt.Key.Key_Backtab and self._indent_lines(-1):
            return
        if key == Qt.Key.Key_Tab and plain:
            self.textCursor().insertText(INDENT)
            return
        super().keyPressEvent(event)

    def _continue_list(self) -> bool:
        """Enter in a list item starts the next item; in an empty item ends the list."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block()
        text = block.text()
        column = cursor.positionInBlock()
        item = _LIST_ITEM.match(text)
        quote = None if item else _QUOTE_LINE.match(text)
        marker_end = item.end() if item else quote.end() if quote else -1
        if marker_end < 0 or column < marker_end:
            return False
        if not text[marker_end:].strip():
            # Empty item: Enter leaves the list, like every word processor.
            cursor.beginEditBlock()
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            return True
        if item:
            indent, bullet, number, delim, space, task = item.groups()
            marker = bullet if bullet else f"{int(number) + 1}{delim}"
            prefix = f"{indent}{marker}{space}{'[ ] ' if task else ''}"
        else:
            prefix = quote.group(1) if quote else ""
        cursor.insertText("\n" + prefix)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def _indent_lines(self, direction: int) -> bool:
        """Tab/Shift+Tab on list items (or a multi-line selection) nests them."""
        cursor = self.textCursor()
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart())
        last = doc.findBlock(cursor.selectionEnd())
        multi = first != last
        if not multi and not _LIST_ITEM.match(first.text()):
            return direction < 0 and first.text().startswith(" ") and self._dedent(first, first)
        if direction > 0:
            edit = QTextCursor(doc)
            edit.beginEditBlock()
            block = first
            while block.isValid():
                edit.setPosition(block.position())
                edit.insertText(INDENT)
                if block == last:
                    break
                block = block.next()
            edit.endEditBlock()
            return True
        return self._dedent(first, last)

    def _dedent(self, first, last) -> bool:  # type: ignore[no-untyped-def]
        edit = QTextCursor(self.document())
        edit.beginEditBlock()
        block = first
        while block.isValid():
            text = block.text()
            count = len(text) - len(text.lstrip(" "))
            count = min(count, len(INDENT))
            if text.startswith("\t"):
                count = 1
            if count:
                edit.setPosition(block.position())
                edit.setPosition(block.position() + count, QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()
            if block == last:
                break
            block = block.next()
        edit.endEditBlock()
        return True

    # -- clipboard & drops --------------------------------------------------

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt override)
        """Copy as plain text only: our own HTML would come back escaped on paste."""
        mime = QMimeData()
        mime.setText(self.textCursor().selectedText().replace("\u2029", "\n"))
        return mime

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt override)
        return mime_has_image(source) or source.hasHtml() or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        if mime_has_image(source):
            images = images_from_mime(source)
            if images:
                self.images.insert_images(images, "figure")
                return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pasted = markdown_from_mime(source)
            if pasted is None:
                return
            cursor = self.textCursor()
            # One edit block: a single undo step, and one layout pass for huge pastes.
            cursor.beginEditBlock()
            cursor.insertText(pasted.markdown)
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        finally:
            QApplication.restoreOverrideCursor()
        if pasted is not None and pasted.degraded:
            from editor.ui.markdown_actions import tr

            self.sig_notice.emit(tr("paste_plain", self._lang))
