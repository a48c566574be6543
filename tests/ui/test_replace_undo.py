"""One Ctrl+Z undoes a library-wide replace, wherever the focus is.

From the QA walkthrough: after "Replace all" over the issue, Ctrl+Z in the body
editor did nothing (the editor ate it), and the open article had been reloaded,
which wiped its own undo history.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.test_spell_check import type_text

MARK = "Trifouillis"


def _window_with_mark(qtbot: Any, window_factory: Any, library: Any) -> Any:
    services = library.services
    for article_id in (2, 3):
        article = services.get_article(article_id)
        services.save_draft(article_id, {"body": article.body + f"\n\nÀ {MARK}."})
    window = window_factory("fr")
    assert window.library_pane.select_article(2, 1)
    qtbot.waitUntil(lambda: window.session.current() == ("article", 2))
    return window


def _replace_in_issue(window: Any, replacement: str) -> int:
    dialog = window.find_dialog
    window.registry.action("edit.replace").trigger()
    dialog.set_scope("issue")
    dialog.find_field.setText(MARK)
    dialog.replace_field.setText(replacement)
    count = dialog.replace_all()
    dialog.hide()
    return count


def test_ctrl_z_in_the_body_undoes_the_whole_replace(qtbot, window_factory, library) -> None:
    services = library.services
    window = _window_with_mark(qtbot, window_factory, library)
    body = window.editor.body_edit()
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    type_text(body, " Écrit avant.")  # history the replace must not wipe
    assert window.session.flush()
    assert _replace_in_issue(window, "Blois") == 2
    assert "Blois" in body.toPlainText() and "Écrit avant." in body.toPlainText()
    assert "Blois" in services.get_article(3).body
    assert not window.autosave.dirty  # the library already holds what is shown

    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert MARK in services.get_article(3).body, "the other article is restored too"
    assert MARK in services.get_article(2).body
    assert MARK in body.toPlainText() and "Blois" not in body.toPlainText()
    assert window.status.currentMessage().startswith("Annulé :")

    # The editor's own history survived: the next Ctrl+Z undoes the typing.
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Écrit avant." not in body.toPlainText()
    qtbot.keyClick(
        body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert "Écrit avant." in body.toPlainText()
    # Redo in the editor redoes the whole replace again.
    qtbot.keyClick(
        body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert "Blois" in services.get_article(3).body and "Blois" in body.toPlainText()


def test_window_undo_with_focus_elsewhere_keeps_editor_and_library_in_step(
    qtbot, window_factory, library
) -> None:
    services = library.services
    window = _window_with_mark(qtbot, window_factory, library)
    body = window.editor.body_edit()
    assert _replace_in_issue(window, "Blois") == 2
    window.library_pane.tree.setFocus()
    qtbot.keyClick(window.library_pane.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert MARK in services.get_article(3).body and MARK in body.toPlainText()
    # Nothing left for the editor to undo on its own: the body matches the library.
    assert body.toPlainText() == services.get_article(2).body
    assert not window.autosave.dirty


def test_typing_after_the_replace_is_undone_first(qtbot, window_factory, library) -> None:
    services = library.services
    window = _window_with_mark(qtbot, window_factory, library)
    body = window.editor.body_edit()
    assert _replace_in_issue(window, "Blois") == 2
    body.setFocus()
    cursor = body.textCursor()
    cursor.setPosition(body.toPlainText().rindex("Blois") + len("Blois"))
    body.setTextCursor(cursor)
    type_text(body, "x")  # right after the block's text: must not merge into it
    assert "Bloisx" in body.toPlainText()
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Bloisx" not in body.toPlainText() and "Blois" in body.toPlainText()
    assert "Blois" in services.get_article(3).body  # the replace itself is still there
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert MARK in services.get_article(3).body and MARK in body.toPlainText()
