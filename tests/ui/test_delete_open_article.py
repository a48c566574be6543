"""Deleting the open article, then undoing: clean empty state, then the article is back.

From the QA walkthrough: the deleted article stayed in the preview, the editor
kept an empty toolbar and text box under a placeholder stuck at the top, and
after Ctrl+Z nothing was selected while the status bar still offered "Ctrl+Z".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from editor.ui.pane_fallbacks import StandInPreview
from tests.ui.test_preview import js, make_pane


def _delete_open_article(qtbot: Any, window: Any, library: Any) -> tuple[int, str]:
    s = library.services
    victim = s.article_ids(1)[1]
    title = s.get_article(victim).title
    pane = window.library_pane
    assert pane.select_article(victim, 1)
    assert window.session.current() == ("article", victim)
    pane.tree.setFocus()
    qtbot.keyClick(pane.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: victim not in s.article_ids(1))
    return victim, title


def test_delete_leaves_a_clean_empty_state(qtbot, window_factory, library) -> None:
    window = window_factory()
    preview = StandInPreview()
    qtbot.addWidget(preview)
    window.session.set_preview(preview)
    victim, title = _delete_open_article(qtbot, window, library)
    editor = window.editor
    assert window.session.current() is None
    assert preview.is_empty(), "the deleted article must leave the preview"
    assert editor.is_empty()
    # Only the centred placeholder: no toolbar, no text box under it.
    assert not editor.body_edit().isVisible()
    assert not editor._toolbar.isVisible()
    placeholder = editor.findChild(type(editor._empty), "editorEmpty")
    assert placeholder.isVisible() and placeholder.alignment() & Qt.AlignmentFlag.AlignVCenter
    qtbot.waitUntil(lambda: placeholder.height() > editor.height() // 2)  # fills the pane
    assert title in window.status.currentMessage() and "Ctrl+Z" in window.status.currentMessage()


def test_undo_selects_and_shows_the_restored_article(qtbot, window_factory, library) -> None:
    window = window_factory()
    preview = StandInPreview()
    qtbot.addWidget(preview)
    window.session.set_preview(preview)
    victim, title = _delete_open_article(qtbot, window, library)
    window.library_pane.tree.setFocus()
    qtbot.keyClick(window.library_pane.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    s = library.services
    qtbot.waitUntil(lambda: len(s.article_ids(1)) == 4)
    restored = s.article_ids(1)[1]
    assert window.session.current() == ("article", restored)
    assert window.library_pane.current_item()[1] == restored
    assert window.editor.current_fields()["title"] == title
    assert window.editor.body_edit().isVisible()
    assert preview.shown == ("article", restored)
    message = window.status.currentMessage()
    assert "Ctrl+Z" not in message and message == f"Annulé : Supprimer « {title} »"


def test_web_preview_clears_to_an_empty_page(qtbot, library) -> None:
    pane = make_pane(qtbot, library)
    try:
        article_id = library.services.article_ids(1)[0]
        with qtbot.waitSignal(pane.sig_loaded, timeout=20000):
            pane.show_article(article_id)
        title = library.services.get_article(article_id).title
        assert title in js(qtbot, pane, "document.body.innerText")
        with qtbot.waitSignal(pane.sig_loaded, timeout=20000):
            pane.clear()
        text = js(qtbot, pane, "document.body.innerText")
        assert title not in text and "Aucun article ouvert" in text
        assert pane.is_empty()
    finally:
        pane.shutdown()
        pane.deleteLater()
