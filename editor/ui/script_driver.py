"""Drives the real window from a JSON script, for the end-to-end tests only.

Imported by :mod:`editor.app` only when ``FEUILLET_TEST_SCRIPT`` is set. The
script is a list of steps run one after the other on the event loop::

    [{"select_article": 3}, {"type": " ajouté"}, {"wait": 300}, {"quit": true}]

Checks (``expect_open``, ``expect_body_contains``) fail the run with status 3.
The window starts the driver once its library is open; ``quit`` first dismisses
a modal question left open (the recovery prompt), as a user would.

Text is typed as key events carrying the text (what a keyboard sends), so the
editor's own "changed" signal drives autosave exactly as for a user.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication


class ScriptDriver(QObject):
    STEP_DELAY_MS = 50

    def __init__(self, window: Any, path: Path) -> None:
        super().__init__(window)
        self._window = window
        self._steps: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))

    def start(self) -> None:
        QTimer.singleShot(self.STEP_DELAY_MS, self._next)

    def _next(self) -> None:
        if not self._steps:
            return
        step = self._steps.pop(0)
        delay = self.STEP_DELAY_MS
        try:
            delay = self._run(step) or delay
        except Exception as exc:  # noqa: BLE001 - report and stop with a distinct status
            print(f"feuillet test script: step {step} failed: {exc!r}", file=sys.stderr)
            QApplication.exit(3)
            return
        QTimer.singleShot(delay, self._next)

    def _run(self, step: dict[str, Any]) -> int | None:
        window = self._window
        if "select_article" in step:
            article_id = int(step["select_article"])
            row = window.services.article_rows([article_id]).get(article_id)
            if row is None or not window.library_pane.select_article(article_id, row.issue_id):
                raise LookupError(f"article {article_id} not in the tree")
        elif "select_issue" in step:
            if not window.library_pane.select_issue(int(step["select_issue"])):
                raise LookupError(f"issue {step['select_issue']} not in the tree")
        elif "type" in step:
            body = window.editor.body_edit()
            body.setFocus()
            body.moveCursor(QTextCursor.MoveOperation.End)
            for char in str(step["type"]):
                key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
                text = "\r" if char == "\n" else char
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(
                        body, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
                    )
        elif "expect_open" in step:
            expected = tuple(step["expect_open"])
            if window.session.current() != expected:
                raise AssertionError(f"open item is {window.session.current()}, not {expected}")
        elif "expect_body_contains" in step:
            if step["expect_body_contains"] not in window.editor.body_edit().toPlainText():
                raise AssertionError("the body does not contain the expected text")
        elif "save" in step:
            window.save_now()
        elif "wait" in step:
            return int(step["wait"])
        elif "quit" in step:
            modal = QApplication.activeModalWidget()
            if modal is not None:
                # A start-up question (recovered text) that nobody will answer:
                # dismiss it, then quit once its nested event loop has returned.
                modal.close()
                self._steps.insert(0, step)
                return self.STEP_DELAY_MS
            window.close()
        else:
            raise ValueError(f"unknown step {step}")
        return None
