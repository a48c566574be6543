"""The main window: layout, menus, language switch, title, geometry, selection."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from editor.ui.actions import ACTION_SPECS, MENU_SPECS
from editor.ui.i18n import Translator
from editor.ui.main_window import MainWindow
from editor.ui.preferences_dialog import PreferencesDialog
from editor.ui.settings import Settings
from editor.ui.tree_nodes import Kind


def _menu_titles(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


def test_menus_in_french_then_english_on_the_fly(qtbot, window_factory) -> None:
    window = window_factory("fr")
    assert _menu_titles(window) == ["Fichier", "Édition", "Affichage", "Numéro", "Article", "Aide"]
    assert window.registry.action("article.new").text() == "Nouvel article"
    window.translator.set_language("en")
    assert _menu_titles(window) == ["File", "Edit", "View", "Issue", "Article", "Help"]
    assert window.registry.action("article.new").text() == "New article"
    pool = window.model.pool_index()
    assert pool.data() == "Drafts (1)"
    assert window.status.save_text() == "Saved"


def test_every_action_has_both_translations(qapp) -> None:
    for language in ("fr", "en"):
        translator = Translator(language)
        for spec in ACTION_SPECS:
            assert translator.has(spec.text_key), (language, spec.text_key)
        for menu in MENU_SPECS:
            assert translator.has(menu.title_key), (language, menu.title_key)


def test_preferences_switch_language(qtbot, window_factory, settings_dir) -> None:
    window = window_factory("fr")
    dialog = PreferencesDialog(window.settings, window.translator, window)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.speed.setValue(200)
    dialog.accept()
    assert _menu_titles(window)[0] == "File"
    assert Settings(settings_dir).language() == "en"
    assert Settings(settings_dir).reading_speed() == 200


def test_layout_three_panes_and_title(qtbot, window_factory, library) -> None:
    window = window_factory()
    assert window.splitter.count() == 3
    assert window.splitter.widget(0) is window.library_pane
    assert window.splitter.widget(1) is window.editor
    article_id = library.services.article_ids(1)[0]
    window.library_pane.select_article(article_id, 1)
    title = window.windowTitle()
    assert "Territoires en action › Semaine 29" in title
    assert library.path.stem in title and "[*]" in title
    assert window.library_pane.select_issue(1)
    assert window.session.current() == ("issue", 1)
    assert window.editor.current_fields()["label"] == "Semaine 29"


def test_geometry_splitter_and_selection_are_restored(qtbot, library, settings_dir) -> None:
    first = MainWindow(library, Settings(settings_dir), Translator("fr"), with_preview=False)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)  # fits the offscreen screen (restoreGeometry clamps)
    first.splitter.setSizes([200, 280, 220])
    sizes = first.splitter.sizes()
    article_id = library.services.article_ids(1)[2]
    first.library_pane.select_article(article_id, 1)
    first.registry.action("view.device.mobile").setChecked(True)
    first.close()

    second = MainWindow(library, Settings(settings_dir), Translator("fr"), with_preview=False)
    qtbot.addWidget(second)
    second.show()
    assert (second.size().width(), second.size().height()) == (700, 500)
    assert second.splitter.sizes() == sizes
    assert second.registry.action("view.device.mobile").isChecked()
    second.open_initial_item()
    assert second.session.current() == ("article", article_id)
    second.close()


def test_toggle_panes(qtbot, window_factory) -> None:
    window = window_factory()
    window.registry.action("view.library").setChecked(False)
    assert not window.library_pane.isVisible()
    assert window.settings.pane_visible("library") is False
    window.registry.action("view.library").setChecked(True)
    assert window.library_pane.isVisible()


def test_new_article_issue_duplicate_rename(qtbot, window_factory, library) -> None:
    window = window_factory()
    s = library.services
    window.library_pane.select_issue(1)
    new_id = window.commands.new_article()
    assert s.get_article(new_id).issue_id == 1
    assert window.session.current() == ("article", new_id)
    copy_id = window.commands.duplicate()
    assert s.get_article(copy_id).title == "Nouvel article (copie)"
    window.commands.rename_article("Titre renommé")
    assert s.get_article(copy_id).title == "Titre renommé"
    assert window.editor.current_fields()["title"] == "Titre renommé"
    issue_id = window.commands.new_issue()
    assert window.session.current() == ("issue", issue_id)
    assert window.model.index_for_issue(issue_id).isValid()
    window.commands.rename_issue("Semaine 30")
    assert s.get_issue(issue_id).title == "Semaine 30"


def test_context_menu_and_move_to(qtbot, window_factory, library) -> None:
    window = window_factory()
    s = library.services
    article_id = s.article_ids(1)[0]
    window.library_pane.select_article(article_id, 1)
    menu = window.commands.build_context_menu()
    names = [a.text() for a in menu.actions() if a.text()]
    assert names[:3] == ["Nouvel article", "Dupliquer", "Renommer…"]
    assert "Déplacer vers" in names and "Supprimer" in names
    move = next(a.menu() for a in menu.actions() if a.menu())
    targets = [a.text() for a in move.actions() if a.text()]
    assert targets[0] == "Brouillons" and any("Semaine 29" in t for t in targets)
    next(a for a in move.actions() if a.text() == "Brouillons").trigger()
    qtbot.waitUntil(lambda: s.get_article(article_id).issue_id is None)
    window.commands.undo_stack.undo()
    assert s.get_article(article_id).issue_id == 1
    window.library_pane.select_issue(1)
    issue_menu = [a.text() for a in window.commands.build_context_menu().actions() if a.text()]
    assert "Renommer le numéro…" in issue_menu


def test_search_field_filters_with_the_index(qtbot, window_factory) -> None:
    window = window_factory()
    pane = window.library_pane
    pane.search_edit.setText("debit")  # no accent needed: "haut débit"
    qtbot.waitUntil(lambda: window.model.searching, timeout=3000)
    results = window.model.index(0, 0)
    assert window.model.item(results)[0] is Kind.SEARCH
    titles = [
        window.model.index(r, 0, results).data() for r in range(window.model.rowCount(results))
    ]
    assert any("haut débit" in t for t in titles)
    pane.search_edit.clear()
    qtbot.waitUntil(lambda: not window.model.searching, timeout=3000)
    assert window.model.item(window.model.index(0, 0, QModelIndex()))[0] is Kind.PUBLICATION


def test_preview_is_created_after_show(qtbot, window_factory, library) -> None:
    """The real preview (web engine) comes on the first event-loop turn after showing."""
    window = window_factory(with_preview=True, show=False)
    assert window.preview is None
    with qtbot.waitSignal(window.preview_ready, timeout=20000):
        window.show()
    assert window.splitter.widget(2) is window.preview
    window.library_pane.select_article(library.services.article_ids(1)[0], 1)
    window.registry.action("view.device.email").setChecked(True)
    assert window.preview.device() == "email"


def test_history_and_backups_open_when_available(
    qtbot, window_factory, library, monkeypatch
) -> None:
    from PySide6.QtWidgets import QDialog

    opened: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    window = window_factory()
    history = window.registry.action("file.history")
    assert not history.isEnabled()  # nothing open yet
    window.library_pane.select_article(library.services.article_ids(1)[0], 1)
    assert history.isEnabled()
    history.trigger()
    window.registry.action("file.backups").trigger()
    assert opened == ["HistoryDialog", "BackupDialog"]
