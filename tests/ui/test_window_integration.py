"""The window as a whole: Issue menu → Export/Publish, the Checks dock, shortcuts,
one catalogue for every text, and the start-up shell that opens the library later."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction, QKeySequence

from editor.ui.check_panel import ARTICLE_ROLE
from editor.ui.i18n import Translator, translations_dir
from editor.ui.tree_nodes import STATUS_ROLE

TIMEOUT = 30_000


@pytest.fixture(autouse=True)
def _private_export_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports from the window must not fill the user's real cache."""
    import editor.ui.export_dialog as export_dialog

    monkeypatch.setattr(export_dialog, "_cache_dir", lambda: tmp_path / "export-cache")
    monkeypatch.setattr(export_dialog, "_user_themes_dirs", lambda: ())


def _select_first_article(window: Any, library: Any, issue_id: int = 1) -> int:
    article_id = library.services.article_ids(issue_id)[0]
    assert window.library_pane.select_article(article_id, issue_id)
    return article_id


# -- Issue ▸ Export… / Publish… -----------------------------------------------------


def test_export_opens_for_the_issue_of_the_selected_article(
    qtbot: Any, window_factory: Any, library: Any, tmp_path: Path
) -> None:
    window = window_factory()
    export = window.registry.action("issue.export")
    assert window.library_pane.select_article(library.services.article_ids("pool")[0], None)
    assert not export.isEnabled()  # a draft of the pool belongs to no issue
    _select_first_article(window, library)
    assert export.isEnabled()
    export.trigger()
    [dialog] = window.publishing.dialogs()
    assert dialog.issue_id == 1 and not dialog.publishing
    assert dialog.parent() is window and dialog.isVisible()
    assert dialog.windowTitle() == "Exporter le numéro"

    dialog.set_format("single")
    dialog.set_destination(tmp_path / "out" / "semaine-29.html")
    (tmp_path / "out").mkdir()
    with qtbot.waitSignal(dialog.sig_exported, timeout=TIMEOUT):
        assert dialog.start()
    assert (tmp_path / "out" / "semaine-29.html").is_file()
    assert str(tmp_path / "out" / "semaine-29.html") in window.status.currentMessage()
    assert window.settings.last_export_folder() == str(tmp_path / "out")
    dialog.reject()
    assert window.publishing.dialogs() == []


def test_publish_refreshes_the_issue_status_in_tree_and_editor(
    qtbot: Any, window_factory: Any, library: Any, tmp_path: Path
) -> None:
    window = window_factory()
    assert window.library_pane.select_issue(1)
    assert window.session.current() == ("issue", 1)
    window.registry.action("issue.publish").trigger()
    [dialog] = window.publishing.dialogs()
    assert dialog.publishing and dialog.issue_id == 1
    qtbot.waitUntil(lambda: not dialog.check_panel.is_checking(), timeout=TIMEOUT)
    assert dialog.check_panel.error_count() == 0
    dialog.set_format("single")
    dialog.set_destination(tmp_path / "semaine-29.html")
    with qtbot.waitSignal(dialog.sig_published, timeout=TIMEOUT):
        assert dialog.start()
    assert library.services.get_issue(1).status == "published"
    assert window.model.index_for_issue(1).data(STATUS_ROLE) == "published"
    # The open issue was reloaded: an autosave cannot put the old status back.
    assert window.editor.current_fields()["status"] == "published"
    assert "publié" in window.status.currentMessage()
    dialog.reject()


def test_dialogs_are_shut_down_with_the_window(window_factory: Any, library: Any) -> None:
    window = window_factory()
    _select_first_article(window, library)
    window.registry.action("issue.export").trigger()
    [dialog] = window.publishing.dialogs()
    stopped: list[bool] = []
    dialog.shutdown = lambda: stopped.append(True)  # type: ignore[method-assign]
    window.shutdown()
    assert stopped == [True]


# -- the Checks dock ------------------------------------------------------------------


def test_check_dock_follows_selection_and_opens_the_article_of_a_problem(
    qtbot: Any, window_factory: Any, library: Any
) -> None:
    services = library.services
    empty = services.create_article(1, "Brouillon vide")
    window = window_factory()
    dock, panel = window.publishing.dock, window.publishing.panel
    assert dock.isHidden() and not window.registry.action("view.checks").isChecked()
    _select_first_article(window, library)
    assert panel.issue_id is None  # hidden: no check runs

    with qtbot.waitSignal(panel.sig_checked, timeout=TIMEOUT):
        window.registry.action("issue.check").trigger()
    assert dock.isVisible() and window.registry.action("view.checks").isChecked()
    assert panel.issue_id == 1
    assert "article-empty" in [p.code for p in panel.problems]

    # Another article of the same issue: no new check.
    assert window.library_pane.select_article(services.article_ids(1)[1], 1)
    assert not panel.is_checking() and panel.issue_id == 1
    # A draft of the pool: no issue to check.
    assert window.library_pane.select_article(services.article_ids("pool")[0], None)
    assert panel.issue_id is None and panel.problem_list.count() == 0

    with qtbot.waitSignal(panel.sig_checked, timeout=TIMEOUT):
        window.library_pane.select_issue(1)
    row = next(
        r for r in range(panel.problem_list.count())
        if panel.problem_list.item(r).data(ARTICLE_ROLE) == empty
    )  # fmt: skip
    panel.problem_list.itemActivated.emit(panel.problem_list.item(row))
    assert window.session.current() == ("article", empty)
    assert window.library_pane.current_item()[1] == empty

    window.registry.action("view.checks").setChecked(False)
    assert dock.isHidden()
    dock.show()  # e.g. restored by restoreState, or dragged back
    assert window.registry.action("view.checks").isChecked()


def test_check_dock_position_is_restored(qtbot: Any, library: Any, settings_dir: Path) -> None:
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings

    first = MainWindow(library, Settings(settings_dir), Translator("fr"), with_preview=False)
    qtbot.addWidget(first)
    first.show()
    first.registry.action("view.checks").setChecked(True)
    first.close()
    second = MainWindow(library, Settings(settings_dir), Translator("fr"), with_preview=False)
    qtbot.addWidget(second)
    second.show()
    assert second.publishing.dock.isVisible()
    assert second.registry.action("view.checks").isChecked()
    second.close()


# -- shortcuts ---------------------------------------------------------------------------


def _shortcut_owners(window: Any) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = {}
    actions = {id(a): a for a in window.findChildren(QAction)}
    for action_id in window.registry.ids():  # registry actions may live on other widgets
        action = window.registry.action(action_id)
        actions[id(action)] = action
    for action in window.editor.format_actions().values():
        actions[id(action)] = action
    for action in actions.values():
        for sequence in action.shortcuts():
            key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if key:
                owners.setdefault(key, []).append(action.objectName() or action.text())
    return owners


def test_no_two_actions_share_a_shortcut(window_factory: Any) -> None:
    window = window_factory()
    owners = _shortcut_owners(window)
    assert "Ctrl+3" in owners and "F11" in owners  # the editor's heading 3, View ▸ Preview
    clashes = {key: names for key, names in owners.items() if len(names) > 1}
    assert clashes == {}


def test_pane_toggles_use_function_keys(window_factory: Any) -> None:
    window = window_factory()
    shortcuts = {
        pane: window.registry.action(f"view.{pane}").shortcut().toString()
        for pane in ("library", "editor", "preview", "checks")
    }
    assert shortcuts == {"library": "F9", "editor": "F10", "preview": "F11", "checks": "F12"}


# -- one catalogue -----------------------------------------------------------------------


def test_catalogues_have_the_same_keys_and_hold_the_moved_texts() -> None:
    folder = translations_dir()
    fr = json.loads((folder / "fr.json").read_text(encoding="utf-8"))
    en = json.loads((folder / "en.json").read_text(encoding="utf-8"))
    assert set(fr) == set(en)
    assert fr["editor.bold"] == "Gras" and en["editor.bold"] == "Bold"
    assert fr["check.recheck"] == "Vérifier à nouveau"
    assert en["export.format.zip"] == "Zip archive"
    assert fr["safety.history.restore"] == "Restaurer cette version"
    import editor.ui.check_panel as check_panel
    import editor.ui.export_dialog as export_dialog
    import editor.ui.markdown_actions as markdown_actions

    for module in (check_panel, export_dialog, markdown_actions):
        assert not hasattr(module, "TEXTS"), module.__name__


def test_language_switch_updates_the_moved_texts(
    qtbot: Any, window_factory: Any, library: Any
) -> None:
    window = window_factory("fr")
    _select_first_article(window, library)
    window.registry.action("view.checks").setChecked(True)
    window.registry.action("issue.export").trigger()
    [dialog] = window.publishing.dialogs()
    bold = window.editor.format_actions()["bold"]
    panel = window.publishing.panel
    assert bold.text() == "Gras"
    assert window.publishing.dock.windowTitle() == "Vérifications"
    assert panel.recheck_button.text() == "Vérifier à nouveau"
    assert dialog.run_button.text() == "Exporter"

    window.translator.set_language("en")
    assert bold.text() == "Bold"
    assert window.publishing.dock.windowTitle() == "Checks"
    assert panel.recheck_button.text() == "Re-check"
    assert dialog.windowTitle() == "Export the issue"
    assert dialog.run_button.text() == "Export"
    assert dialog.format_combo.itemText(1) == "Zip archive"
    assert window.registry.action("issue.publish").text() == "Publish…"
    dialog.reject()


# -- start-up: the shell first, the library next ----------------------------------------


def test_shell_shows_before_the_library_is_attached(
    qtbot: Any, library: Any, settings_dir: Path
) -> None:
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings

    window = MainWindow(None, Settings(settings_dir), Translator("fr"), with_preview=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
    assert window.status.currentMessage() == "Ouverture de la bibliothèque…"
    assert window.library_pane is None and window.splitter.count() == 3
    assert not window.registry.action("article.new").isEnabled()
    assert not window.registry.action("issue.export").isEnabled()
    assert window.registry.action("file.quit").isEnabled()
    assert window.registry.action("article.new").icon().isNull()  # icons come later

    with qtbot.waitSignal(window.list_painted, timeout=5000):
        window.attach_library(library)
    assert window.splitter.widget(0) is window.library_pane
    assert window.registry.action("article.new").isEnabled()
    assert window.status.currentMessage() == ""
    qtbot.waitUntil(lambda: not window.registry.action("article.new").icon().isNull())
    window.open_initial_item()
    assert window.session.current() is not None
    window.close()


def test_a_library_that_cannot_be_opened_is_explained(
    qtbot: Any, tmp_path: Path, settings_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from editor.app import _open_library
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings

    shown: list[str] = []
    monkeypatch.delenv("FEUILLET_TEST_SCRIPT", raising=False)
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    # A real exit() would end the event loops of the tests that follow.
    monkeypatch.setattr(QApplication, "exit", lambda status=0: shown.append(f"exit {status}"))
    not_a_library = tmp_path / "notes.feuillet"
    not_a_library.write_bytes(b"these are not the droids you are looking for" * 100)
    window = MainWindow(None, Settings(settings_dir), Translator("fr"), with_preview=False)
    qtbot.addWidget(window)
    window.show()
    _open_library(window, not_a_library)
    assert shown[0].startswith("La bibliothèque ne peut pas être ouverte.")
    assert shown[1:] == ["exit 1"]
    assert window.library is None and window.is_shut_down


def test_a_damaged_library_is_offered_its_latest_backup(
    qtbot: Any, tmp_path: Path, settings_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from editor.app import _open_library
    from editor.core.library import open_library
    from editor.core.safety.backup import BackupManager
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings

    path = tmp_path / "journal.feuillet"
    with open_library(path) as library:
        library.services.save_draft(1, {"title": "Titre sauvegardé"})
        BackupManager(path).backup_now("manual")
    data = bytearray(path.read_bytes())
    page = 4096
    data[100:page] = b"\xa5" * (page - 100)  # page 1 after the file header: the schema
    data[page : 2 * page] = b"\xff" * page
    path.write_bytes(bytes(data))

    asked: list[str] = []

    def answer(box: QMessageBox) -> int:  # the user clicks the default button
        asked.append(box.text() + "\n" + box.informativeText())
        box.defaultButton().click()
        return 0

    monkeypatch.delenv("FEUILLET_TEST_SCRIPT", raising=False)
    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: asked.append(f"critical {args}"))
    window = MainWindow(None, Settings(settings_dir), Translator("fr"), with_preview=False)
    qtbot.addWidget(window)
    window.show()
    _open_library(window, path)
    assert len(asked) == 1 and asked[0].startswith("La bibliothèque est endommagée")
    assert "Une sauvegarde saine existe" in asked[0]
    assert window.library is not None and not window.is_shut_down
    assert window.services.get_article(1).title == "Titre sauvegardé"
    assert window.status.currentMessage().startswith("Bibliothèque restaurée")
    assert list(tmp_path.glob("journal*damaged*")), "the damaged file is kept aside"
    window.close()
    window.library.close()


def test_refusing_the_restore_ends_without_touching_the_backup(
    qtbot: Any, tmp_path: Path, settings_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from editor.app import _open_library
    from editor.core.library import open_library
    from editor.core.safety.backup import BackupManager
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings

    path = tmp_path / "journal.feuillet"
    with open_library(path):
        backup = BackupManager(path).backup_now("manual")
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    path.write_bytes(bytes(data))

    def quit_(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b is not box.defaultButton()).click()
        return 0

    exited: list[int] = []
    monkeypatch.delenv("FEUILLET_TEST_SCRIPT", raising=False)
    monkeypatch.setattr(QMessageBox, "exec", quit_)
    # A real exit() would end the event loops of the tests that follow.
    monkeypatch.setattr(QApplication, "exit", lambda status=0: exited.append(status))
    window = MainWindow(None, Settings(settings_dir), Translator("fr"), with_preview=False)
    qtbot.addWidget(window)
    window.show()
    _open_library(window, path)
    assert window.library is None and window.is_shut_down and exited == [1]
    assert backup.exists() and not path.exists()  # the damaged file was set aside


# -- polish -----------------------------------------------------------------------------


def test_check_panel_says_when_there_is_no_problem(
    qtbot: Any, window_factory: Any, library: Any
) -> None:
    window = window_factory("fr")
    panel = window.publishing.panel
    _select_first_article(window, library)
    with qtbot.waitSignal(panel.sig_checked, timeout=TIMEOUT):
        window.registry.action("issue.check").trigger()
    assert panel.problems == []
    assert panel.empty_text() == "Aucun problème trouvé ✓"
    assert panel.stack.currentWidget() is panel.empty_state
    window.translator.set_language("en")
    assert panel.empty_text() == "No problems found ✓"


def test_export_dialog_is_as_tall_as_its_content(window_factory: Any, library: Any) -> None:
    window = window_factory("fr")
    _select_first_article(window, library)
    window.registry.action("issue.export").trigger()
    [dialog] = window.publishing.dialogs()
    assert dialog.height() <= dialog.sizeHint().height() + 4
    assert dialog.height() < 330 and not dialog.status.isVisibleTo(dialog)
    dialog.reject()


def test_preview_debounce_is_short() -> None:
    from editor.ui.window_controller import EditingSession

    assert 20 <= EditingSession.PREVIEW_DELAY_MS <= 50


def test_tree_icons_are_painted_without_qtawesome(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from editor.ui.tree_nodes import Kind, badge_icon, kind_icon\n"
        "icons = [badge_icon('ready'), badge_icon('draft', issue=True), kind_icon(Kind.POOL),\n"
        "         kind_icon(Kind.PUBLICATION), kind_icon(Kind.SEARCH)]\n"
        "assert all(not i.isNull() and i.availableSizes() for i in icons)\n"
        "print('qtawesome' in sys.modules)\n"
    )
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[2], env=env, timeout=60)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
