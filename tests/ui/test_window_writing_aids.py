"""The writing aids in the real window: menus, spell check, target, find/replace, import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.ui.test_spell_check import type_text


def _menu_ids(window: Any, menu_id: str) -> list[str]:
    menu = window.registry.menu(menu_id)
    return [a.objectName() for a in menu.actions() if a.objectName()]


def _open_article(qtbot: Any, window: Any, article_id: int, issue_id: int | None) -> None:
    assert window.library_pane.select_article(article_id, issue_id)
    qtbot.waitUntil(lambda: window.session.current() == ("article", article_id))


def _read(qtbot: Any, dialog: Any) -> None:
    assert dialog.wait(20_000)
    qtbot.waitUntil(
        lambda: dialog.cancel_button.isHidden() and bool(dialog.outcomes()), timeout=5000
    )


def _note(folder: Path, name: str, title: str) -> Path:
    path = folder / name
    path.write_text(f"---\ntitle: {title}\n---\n\nTexte importé de {title}.\n", "utf-8")
    return path


def _titles(library: Any, scope: int | str | None) -> list[str]:
    services = library.services
    return [row.title for row in services.article_rows(services.article_ids(scope)).values()]


# -- menus ------------------------------------------------------------------------------


def test_menus_hold_the_writing_aids_with_their_shortcuts(window_factory: Any) -> None:
    window = window_factory("fr")
    file_ids = _menu_ids(window, "file")
    assert file_ids.index("file.import") == file_ids.index("issue.new") + 1
    assert {"edit.find", "edit.replace", "edit.spell"} <= set(_menu_ids(window, "edit"))
    reg = window.registry
    assert reg.action("edit.find").shortcut().toString() == "Ctrl+F"
    assert reg.action("edit.replace").shortcut().toString() == "Ctrl+H"
    assert reg.action("edit.spell").shortcut().toString() == "F7"
    assert reg.action("file.import").shortcut().isEmpty()  # Ctrl+I is italic
    assert reg.action("edit.spell").isChecked()
    assert reg.action("file.import").text() == "Importer des articles…"
    for action_id in ("file.import", "edit.find", "edit.replace", "edit.spell"):
        assert reg.action(action_id).isEnabled()


def test_find_and_replace_actions_open_the_dialog(qtbot: Any, window_factory: Any) -> None:
    window = window_factory("fr")
    _open_article(qtbot, window, 1, 1)
    window.registry.action("edit.find").trigger()
    dialog = window.find_dialog
    assert dialog.isVisible() and not dialog.replace_field.isVisibleTo(dialog)
    window.registry.action("edit.replace").trigger()
    assert dialog.replace_field.isVisibleTo(dialog)
    dialog.hide()


# -- spell check, target ----------------------------------------------------------------


def test_spell_check_underlines_in_the_window_editor(qtbot: Any, window_factory: Any) -> None:
    window = window_factory("fr")
    _open_article(qtbot, window, 1, 1)
    spell = window.spell
    qtbot.waitUntil(spell.is_ready, timeout=5000)
    body = window.editor.body_edit()
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    with qtbot.waitSignal(spell.sig_checked, timeout=3000):
        type_text(body, " Une maisson.")
    assert "maisson" in [word for _s, _e, word in spell.misspelled_ranges()]
    underline = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    assert any(sel.format.underlineStyle() == underline for sel in body.extraSelections())

    window.registry.action("edit.spell").trigger()  # F7: off
    assert not spell.is_enabled()
    assert not any(sel.format.underlineStyle() == underline for sel in body.extraSelections())


def test_spell_language_follows_the_publication(
    qtbot: Any, window_factory: Any, library: Any
) -> None:
    services = library.services
    weekly = services.create_publication("Weekly", language="en")
    issue = services.create_issue(weekly, "Week 1")
    article = services.create_article(issue, "Hello")
    window = window_factory("fr")
    window.model.reload()
    _open_article(qtbot, window, article, issue)
    assert window.spell.language == "en"
    _open_article(qtbot, window, 1, 1)
    assert window.spell.language == "fr"


def test_target_gauge_follows_the_open_article(
    qtbot: Any, window_factory: Any, library: Any
) -> None:
    window = window_factory("fr")
    gauge = window.target_gauge
    _open_article(qtbot, window, 1, 1)
    assert gauge.isVisibleTo(window.status)
    gauge.set_target_text("2 feuillets")
    assert library.services.get_setting("target.article.1")
    window.library_pane.select_issue(1)
    qtbot.waitUntil(lambda: window.session.current() == ("issue", 1))
    assert not gauge.isVisibleTo(window.status)
    _open_article(qtbot, window, 1, 1)
    assert gauge.text().endswith("feuillets")
    gauge.set_target(None)  # clearing removes the setting, not an empty row
    from sqlalchemy import select

    from editor.core.models import Setting

    with library.db.read() as s:
        assert s.scalar(select(Setting).where(Setting.key == "target.article.1")) is None


# -- find and replace in the library ----------------------------------------------------


def test_find_in_the_library_then_replace_reloads_the_open_article(
    qtbot: Any, window_factory: Any, library: Any
) -> None:
    services = library.services
    for article_id in (2, 5):  # an issue article and a draft in the pool
        article = services.get_article(article_id)
        services.save_draft(article_id, {"body": article.body + "\n\nÀ Trifouillis."})
    window = window_factory("fr")
    _open_article(qtbot, window, 2, 1)
    dialog = window.find_dialog
    window.registry.action("edit.replace").trigger()
    dialog.set_scope("library")
    dialog.find_field.setText("Trifouillis")
    matches = dialog.search()
    assert sorted({int(m.doc_id) for m in matches}) == [2, 5]

    # Activating a result in another article opens it and selects the match.
    pool_match = next(i for i, m in enumerate(matches) if int(m.doc_id) == 5)
    item = next(
        dialog.results.topLevelItem(i)
        for i in range(dialog.results.topLevelItemCount())
        if dialog.results.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == pool_match
    )
    dialog.activate(item)
    assert window.session.current() == ("article", 5)
    assert window.editor.body_edit().textCursor().selectedText() == "Trifouillis"

    dialog.replace_field.setText("Blois")
    assert dialog.replace_all() == 2
    assert "Blois" in window.editor.body_edit().toPlainText()  # the open article reloaded
    assert "Blois" in services.get_article(2).body
    window.registry.action("edit.undo").trigger()  # one step undoes the whole library
    assert "Trifouillis" in services.get_article(2).body
    assert "Trifouillis" in window.editor.body_edit().toPlainText()
    dialog.hide()


# -- import -------------------------------------------------------------------------------


def test_import_action_reads_a_file_and_refreshes_every_scope(
    qtbot: Any, window_factory: Any, library: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = _note(tmp_path, "note.md", "Une note importée")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: ([str(note)], ""))
    )
    window = window_factory("fr")
    _open_article(qtbot, window, 1, 1)
    window.registry.action("file.import").trigger()
    [dialog] = window.aids.import_dialogs()
    _read(qtbot, dialog)
    assert dialog.statuses() == {"note.md": "ok"}
    assert dialog.destination.currentData() == 1  # the issue of the open article
    dialog.set_destination(None)  # the user picks the pool instead
    ids = dialog.commit()
    assert len(ids) == 1 and "Une note importée" in _titles(library, "pool")
    pool = window.model.pool_index()
    window.library_pane.tree.expand(pool)
    qtbot.waitUntil(lambda: window.model.rowCount(pool) == 2)
    assert window.status.currentMessage() == "1 article(s) importé(s)."
    dialog.reject()


def test_files_dropped_on_an_issue_are_imported_into_it(
    qtbot: Any, window_factory: Any, library: Any, tmp_path: Path
) -> None:
    paths = [_note(tmp_path, "a.md", "Déposé A"), _note(tmp_path, "b.md", "Déposé B")]
    window = window_factory("fr")
    tree = window.library_pane.tree
    issue_index = window.model.index_for_issue(1)
    position = QPointF(tree.visualRect(issue_index).center())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    for kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
        event_class = QDropEvent
        event = event_class(position, Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, kind)  # fmt: skip
        QApplication.sendEvent(tree.viewport(), event)
    dialog = window.aids.drop_importer.last_dialog
    assert dialog is not None and dialog in window.aids.import_dialogs()
    assert dialog.destination.currentData() == 1
    _read(qtbot, dialog)
    assert len(dialog.commit()) == 2
    assert {"Déposé A", "Déposé B"} <= set(_titles(library, 1))
    qtbot.waitUntil(lambda: window.model.rowCount(issue_index) == 6)
    dialog.reject()


# -- texts ----------------------------------------------------------------------------------


def test_language_switch_updates_the_writing_aids(
    qtbot: Any, window_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = _note(tmp_path, "note.md", "Note")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: ([str(note)], ""))
    )
    window = window_factory("fr")
    _open_article(qtbot, window, 1, 1)
    find = window.find_dialog
    window.registry.action("file.import").trigger()
    [dialog] = window.aids.import_dialogs()
    _read(qtbot, dialog)
    assert find.windowTitle() == "Rechercher et remplacer"
    assert dialog.windowTitle() == "Importer des articles"
    assert window.target_gauge.text() == "Objectif…"
    assert dialog.files.topLevelItem(0).text(1) == "prêt"

    window.translator.set_language("en")
    assert find.windowTitle() == "Find and replace"
    assert find.search_button.text() == "Find"
    assert find.scope.itemText(2) == "Whole library"
    assert dialog.windowTitle() == "Import articles"
    assert dialog.add_files_button.text() == "Add files…"
    assert dialog.files.topLevelItem(0).text(1) == "ready"
    assert dialog.import_button.text() == "Import 1 article(s)"
    assert window.target_gauge.text() == "Target…"
    assert window.registry.action("edit.spell").text() == "Check spelling"
    assert window.registry.action("file.import").text() == "Import articles…"
    dialog.reject()


def test_local_text_tables_are_gone() -> None:
    import editor.ui.backup_dialog as backup_dialog
    import editor.ui.find_replace_dialog as find_replace_dialog
    import editor.ui.history_dialog as history_dialog
    import editor.ui.import_dialog as import_dialog
    import editor.ui.recovery_prompt as recovery_prompt
    import editor.ui.spell_check as spell_check
    import editor.ui.target_gauge as target_gauge

    for module in (import_dialog, find_replace_dialog, spell_check, target_gauge,
                   history_dialog, backup_dialog, recovery_prompt):  # fmt: skip
        assert not hasattr(module, "TEXTS") and not hasattr(module, "_TEXTS"), module.__name__
    for name in ("import_texts", "find_replace_texts"):
        assert not (Path(import_dialog.__file__).parent / f"{name}.py").exists()
