"""The history dialog (revisions, coloured word diff, restore through the window's
callback or on its own) and the start-up recovery prompt, which reuses its diff."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from editor.core.library import Library, open_library  # noqa: E402
from editor.core.safety.recovery import RecoveryJournal  # noqa: E402


@pytest.fixture
def safety_library(tmp_path: Path) -> Iterator[Library]:
    lib = open_library(tmp_path / "ui.feuillet")
    yield lib
    lib.close()


def _two_versions(lib: Library) -> None:
    services = lib.services
    version = services.save_draft(1, {"body": "Le conseil a voté le budget."}).version
    services.record_revision(1, "autosave")
    services.save_draft(1, {"body": "Le conseil a adopté le budget 2026."}, version)


def test_lists_revisions_and_shows_a_coloured_word_diff(qtbot, safety_library) -> None:
    from editor.ui.history_dialog import HistoryDialog

    _two_versions(safety_library)
    dialog = HistoryDialog(safety_library.services, 1)
    qtbot.addWidget(dialog)
    assert dialog.revision_list.count() == 1
    assert "+2 / −1" in dialog.revision_list.item(0).text()
    html = dialog.diff_view.toHtml()
    assert "voté" in html and "adopté" in html and "2026" in html
    assert "line-through" in html  # removed words struck through
    assert "#fbd9d9" in html.lower() or "fbd9d9" in html.lower()
    assert dialog.restore_button.isEnabled()


def test_restore_goes_through_the_window_callback(qtbot, safety_library) -> None:
    from editor.ui.history_dialog import HistoryDialog

    _two_versions(safety_library)
    received: list[dict] = []
    dialog = HistoryDialog(safety_library.services, 1, None, on_restore=received.append)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.restored):
        qtbot.mouseClick(dialog.restore_button, qtbot_button())
    assert received[0]["body"] == "Le conseil a voté le budget."
    assert "status" not in received[0]
    # The window owns the save (undoable): nothing was written by the dialog.
    assert safety_library.services.get_article(1).body == "Le conseil a adopté le budget 2026."
    assert dialog.result() == dialog.DialogCode.Accepted


def test_restore_without_callback_saves_and_can_be_undone(qtbot, safety_library) -> None:
    from editor.ui.history_dialog import HistoryDialog

    _two_versions(safety_library)
    dialog = HistoryDialog(safety_library.services, 1)
    qtbot.addWidget(dialog)
    dialog.restore_selected()
    services = safety_library.services
    assert services.get_article(1).body == "Le conseil a voté le budget."
    # The replaced text became a revision: the restore is reversible.
    reasons = [r.reason for r in services.list_revisions(1)]
    assert "before-restore" in reasons
    again = HistoryDialog(services, 1)
    qtbot.addWidget(again)
    bodies = [r.body for r in again._revisions]
    assert "Le conseil a adopté le budget 2026." in bodies


def test_empty_history_and_unsaved_current_text(qtbot, safety_library) -> None:
    from editor.ui.history_dialog import HistoryDialog

    article_id = safety_library.services.create_article(None, "Neuf", body="rien")
    dialog = HistoryDialog(safety_library.services, article_id)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert not dialog.revision_list.isEnabled()
    safety_library.services.record_revision(article_id, "manual")
    dialog = HistoryDialog(
        safety_library.services, article_id, current_fields={"body": "rien de rien"}
    )
    qtbot.addWidget(dialog)
    assert "de rien" in dialog.diff_view.toPlainText()


def test_texts_follow_the_window_language(qtbot, safety_library) -> None:
    from PySide6.QtWidgets import QWidget

    from editor.ui.history_dialog import HistoryDialog

    class FakeTranslator:
        language = "fr"

        def has(self, key: str) -> bool:
            return False

    parent = QWidget()
    parent.translator = FakeTranslator()  # type: ignore[attr-defined]
    qtbot.addWidget(parent)
    dialog = HistoryDialog(safety_library.services, 1, parent)
    assert dialog.restore_button.text() == "Restaurer cette version"
    assert dialog.windowTitle().startswith("Historique de « ")


def qtbot_button():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


# -- the recovery prompt ---------------------------------------------------------------


def test_recovery_prompt_restores_and_discards(qtbot, safety_library) -> None:
    from editor.ui.recovery_prompt import RecoveryPrompt, offer_recoveries

    services = safety_library.services
    journal = RecoveryJournal(safety_library.path)
    for article_id in (1, 2):
        article = services.get_article(article_id)
        journal.record(
            article_id, {"body": article.body + " Phrase jamais enregistrée."}, article.version
        )
    pending = journal.pending(services)
    restored = []
    prompt = RecoveryPrompt(pending, journal, services, None, restored.append)
    qtbot.addWidget(prompt)
    assert prompt.list.count() == 2
    assert "+3 / −0" in prompt.list.item(0).text()
    assert "jamais enregistrée" in prompt.diff_view.toPlainText()
    prompt.restore_selected()
    assert [r.article_id for r in restored] == [1]
    assert journal.read(1) is not None  # kept until the window's save clears it
    prompt.discard_selected()
    assert journal.read(2) is None
    assert prompt.result() == prompt.DialogCode.Accepted
    # Nothing left to offer once the window saved the restored text.
    services.save_draft(1, restored[0].fields)
    assert offer_recoveries(safety_library.path, services, None, restored.append) is None
