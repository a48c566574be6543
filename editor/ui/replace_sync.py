"""One Ctrl+Z for a library-wide replace that touched the open article.

A replace over an issue or the library is ONE command on the window's
QUndoStack (:class:`~editor.ui.replace_command.ReplaceInLibraryCommand`): the
library writes every field in one checked transaction. The open article's body,
though, lives in a QTextDocument with an undo stack of its own, and the body
editor takes Ctrl+Z for itself. Reloading the article after the replace (as
before) wiped that history and left the editor's Ctrl+Z with nothing to do.

:class:`BodyUndoLink` keeps both stacks in step instead:

- when the command writes the open article, the new body goes into the
  document as ONE edit block (the earlier history stays valid), and the
  command remembers where that block sits in the document's history (a
  :class:`BodyMark`);
- Ctrl+Z in the body editor, when the next step to undo is exactly that block,
  goes to the window's stack (the whole replace, every article) instead of the
  document; the command's undo then steps the document back over its block, so
  redo in the document and in the library stay possible too;
- anything else (the user typed after the replace, another article was
  opened) falls back to a plain edit block: never a silent divergence between
  what the editor shows and what the library holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QTextCursor, QTextDocument, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QPlainTextEdit

_BOUNDARY = "\u200b"  # inserted then removed at the end of our block: see _write_block


@dataclass(frozen=True)
class BodyMark:
    """Where a command's block sits in the document's history."""

    generation: int  # the document's content since the last (re)load
    before_steps: int
    before_text: str
    after_steps: int
    after_text: str


class BodyUndoLink:
    """Links the body editor's undo to library-wide replace commands."""

    def __init__(self, body: QPlainTextEdit, stack: QUndoStack,
                 undo: Callable[[], None], redo: Callable[[], None]) -> None:  # fmt: skip
        self._body = body
        self._stack = stack
        self._undo = undo  # the window's undo (it also updates the status bar)
        self._redo = redo
        self._generation = 0
        self._active: tuple[QUndoCommand, bool] | None = None
        if hasattr(body, "undo_router"):
            body.undo_router = self.route

    def document_reloaded(self) -> None:
        """Another item was opened (or this one reloaded): older marks no longer apply."""
        self._generation += 1

    # -- while a command runs -------------------------------------------------

    def begin(self, command: QUndoCommand, forward: bool) -> None:
        """``command`` is writing the library (``forward``: redo, else undo)."""
        self._active = (command, forward)

    def end(self) -> None:
        self._active = None

    def apply(self, text: str) -> bool:
        """Bring the body to ``text`` (the stored body after the command ran)."""
        doc = self._body.document()
        if doc.toPlainText() == text:
            return True
        command, forward = self._active or (None, True)
        mark = self._mark_of(command)
        steps = doc.availableUndoSteps()
        if mark is not None:
            # Stepping over our own block keeps the document's redo (and undo) intact.
            at, shown = (mark.before_steps, mark.before_text) if forward else (
                mark.after_steps, mark.after_text)  # fmt: skip
            at_mark = steps == at and doc.toPlainText() == shown
            if at_mark and self._step(doc, undo=not forward, text=text):
                return True
        before_steps, before_text = steps, doc.toPlainText()
        write_block(doc, text)
        if command is not None:
            # Only a forward block can be stepped over later (undo after redo);
            # an undo written as a new block is just history.
            new_mark = BodyMark(self._generation, before_steps, before_text,
                                doc.availableUndoSteps(), doc.toPlainText())  # fmt: skip
            command.body_mark = new_mark if forward else None  # type: ignore[attr-defined]
        return doc.toPlainText() == text

    def _mark_of(self, command: QUndoCommand | None) -> BodyMark | None:
        mark = getattr(command, "body_mark", None) if command is not None else None
        return mark if mark is not None and mark.generation == self._generation else None

    @staticmethod
    def _step(doc: QTextDocument, *, undo: bool, text: str) -> bool:
        """Undo (or redo) the document one step; keep it only if it lands on ``text``."""
        if not (doc.isUndoAvailable() if undo else doc.isRedoAvailable()):
            return False
        (doc.undo if undo else doc.redo)()
        if doc.toPlainText() == text:
            return True
        (doc.redo if undo else doc.undo)()  # not our block after all: put it back
        return False

    # -- Ctrl+Z in the body editor ---------------------------------------------

    def route(self, redo: bool) -> bool:
        """True when the step the editor would undo (redo) is a replace's block:
        the window's stack then undoes the whole replace instead."""
        stack = self._stack
        doc = self._body.document()
        if redo:
            command = stack.command(stack.index()) if stack.canRedo() else None
            mark = self._mark_of(command)
            if mark is None or doc.availableUndoSteps() != mark.before_steps:
                return False
            if doc.toPlainText() != mark.before_text:
                return False
            self._redo()
            return True
        command = stack.command(stack.index() - 1) if stack.canUndo() else None
        mark = self._mark_of(command)
        if mark is None or doc.availableUndoSteps() != mark.after_steps:
            return False
        if doc.toPlainText() != mark.after_text:
            return False
        self._undo()
        return True


def write_block(doc: QTextDocument, text: str) -> None:
    """Rewrite only the changed stretch, as one edit block (one undo step).

    The block ends with a removal (a zero-width space inserted and removed):
    QTextDocument merges a typed character into the previous command when that
    command was an insertion just before it, which would glue the user's next
    word to our block and make one Ctrl+Z undo both.
    """
    old = doc.toPlainText()
    prefix = _common_prefix(old, text)
    suffix = _common_prefix(old[prefix:][::-1], text[prefix:][::-1])
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    cursor.setPosition(prefix)
    cursor.setPosition(len(old) - suffix, QTextCursor.MoveMode.KeepAnchor)
    middle = text[prefix : len(text) - suffix]
    cursor.insertText(middle)
    end = prefix + len(middle)
    cursor.setPosition(end)
    cursor.insertText(_BOUNDARY)
    cursor.setPosition(end)
    cursor.setPosition(end + 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    cursor.endEditBlock()


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection: slice comparisons run in C."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low
