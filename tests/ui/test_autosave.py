"""Saving without a Save button: debounce, switching, conflicts, errors, revisions."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from editor.ui.autosave import AutosaveController, SaveState


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a keyboard, accents included (qtbot.keyClicks aborts on non-ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def _open_first(window, library) -> int:  # type: ignore[no-untyped-def]
    article_id = library.services.article_ids(1)[0]
    assert window.library_pane.select_article(article_id, 1)
    assert window.session.current() == ("article", article_id)
    return article_id


class FakeEditor:
    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = dict(fields)

    def current_fields(self) -> dict[str, str]:
        return dict(self.fields)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_debounce_saves_two_seconds_after_the_last_keystroke(
    qtbot, window_factory, library
) -> None:
    window = window_factory()
    article_id = _open_first(window, library)
    body = window.editor.body_edit()
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    type_text(body, " Été réussi.")
    assert window.autosave.state is SaveState.DIRTY
    assert window.isWindowModified()
    assert window.status.save_text() == "Modifications non enregistrées"
    assert not library.services.get_article(article_id).body.endswith("Été réussi.")
    qtbot.waitUntil(lambda: window.autosave.state is SaveState.SAVED, timeout=4000)
    assert library.services.get_article(article_id).body.endswith(" Été réussi.")
    assert window.status.save_text() == "Enregistré"
    assert not window.isWindowModified()


def test_switching_article_saves_and_records_a_revision(qtbot, window_factory, library) -> None:
    window = window_factory()
    s = library.services
    first = _open_first(window, library)
    body = window.editor.body_edit()
    body.moveCursor(body.textCursor().MoveOperation.End)
    type_text(body, " Fin.")
    second = s.article_ids(1)[1]
    assert window.library_pane.select_article(second, 1)
    assert window.session.current() == ("article", second)
    assert s.get_article(first).body.endswith(" Fin.")
    revisions = s.list_revisions(first)
    assert revisions and revisions[0].reason == "leave" and revisions[0].body.endswith(" Fin.")


def test_ctrl_s_and_deactivation_save_at_once(qtbot, window_factory, library) -> None:
    window = window_factory()
    article_id = _open_first(window, library)
    body = window.editor.body_edit()
    type_text(body, "A")
    window.registry.action("file.save").trigger()
    assert window.autosave.state is SaveState.SAVED
    type_text(body, "B")
    other = QWidget()  # the user switches to another window
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    assert window.autosave.state is SaveState.SAVED
    assert library.services.get_article(article_id).body.startswith("AB")


def test_conflict_keeps_the_text_and_offers_a_copy(qtbot, window_factory, library) -> None:
    window = window_factory()
    s = library.services
    article_id = _open_first(window, library)
    # Someone else saves the same article meanwhile (another window, the CLI…).
    s.save_draft(article_id, {"body": "Leur version."}, s.get_article(article_id).version)
    body = window.editor.body_edit()
    body.moveCursor(body.textCursor().MoveOperation.End)
    type_text(body, " Ma phrase à moi.")
    mine = body.toPlainText()
    assert not window.autosave.save_now()
    assert window.autosave.state is SaveState.CONFLICT
    assert body.toPlainText() == mine  # never lost
    assert s.get_article(article_id).body == "Leur version."
    box = window.session.conflict_box()
    assert box is not None and box.isVisible()
    assert window.status.save_text().startswith("Conflit")
    # Switching away is refused while the conflict is open.
    other = s.article_ids(1)[1]
    window.library_pane.select_article(other, 1)
    assert window.session.current() == ("article", article_id)
    keep_both = next(b for b in box.buttons() if "Garder les deux" in b.text())
    keep_both.click()
    qtbot.waitUntil(lambda: window.session.current() != ("article", article_id))
    kind, copy_id = window.session.current()
    assert kind == "article" and s.get_article(copy_id).body == mine
    assert s.get_article(article_id).body == "Leur version."


def test_conflict_overwrite(qtbot, window_factory, library) -> None:
    window = window_factory()
    s = library.services
    article_id = _open_first(window, library)
    s.save_draft(article_id, {"body": "Leur version."})
    type_text(window.editor.body_edit(), "Moi ")
    window.autosave.save_now()
    box = window.session.conflict_box()
    overwrite = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    overwrite.click()
    qtbot.waitUntil(lambda: window.autosave.state is SaveState.SAVED)
    assert s.get_article(article_id).body.startswith("Moi ")
    type_text(window.editor.body_edit(), "x")
    assert window.autosave.save_now()  # the version was followed: no new conflict


class FailingServices:
    """Real services whose save_draft fails like a full disk, until told otherwise."""

    def __init__(self, services: object) -> None:
        self._services = services
        self.fail = True

    def save_draft(self, *args: object, **kwargs: object) -> object:
        if self.fail:
            raise OSError(28, "No space left on device")
        return self._services.save_draft(*args, **kwargs)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._services, name)


def test_error_keeps_text_and_retries(qtbot, library) -> None:
    services = FailingServices(library.services)
    article = library.services.get_article(1)
    editor = FakeEditor({"title": article.title, "body": article.body})
    autosave = AutosaveController(services, editor.current_fields)
    autosave.open_article(1, article.version, editor.current_fields())
    autosave._retry.setInterval(50)
    editor.fields["body"] = "Nouveau texte"
    autosave.mark_changed()
    with qtbot.waitSignal(autosave.state_changed) as blocker:
        assert not autosave.save_now()
    assert blocker.args[0] == "error" and "No space left" in blocker.args[1]
    assert autosave.dirty and editor.fields["body"] == "Nouveau texte"
    services.fail = False
    qtbot.waitUntil(lambda: autosave.state is SaveState.SAVED, timeout=2000)
    assert library.services.get_article(1).body == "Nouveau texte"


def test_revision_every_five_minutes_of_editing(qtbot, library) -> None:
    clock = Clock()
    article = library.services.get_article(1)
    editor = FakeEditor({"title": article.title, "body": article.body})
    autosave = AutosaveController(library.services, editor.current_fields, clock=clock)
    autosave.open_article(1, article.version, editor.current_fields())
    for minute in range(12):
        clock.now += 60
        editor.fields["body"] += f" minute {minute}"
        autosave.mark_changed()
        assert autosave.save_now()
    reasons = [r.reason for r in library.services.list_revisions(1)]
    assert reasons == ["autosave", "autosave"]  # at 5 and 10 minutes, coalesced


def test_close_saves_pending_changes(qtbot, window_factory, library) -> None:
    window = window_factory()
    article_id = _open_first(window, library)
    type_text(window.editor.body_edit(), "Avant de partir. ")
    window.close()
    assert library.services.get_article(article_id).body.startswith("Avant de partir. ")


def test_unsaved_text_goes_to_the_recovery_journal(qtbot, window_factory, library) -> None:
    from editor.core.safety.recovery import RecoveryJournal

    window = window_factory()
    article_id = _open_first(window, library)
    journal = RecoveryJournal(library.path)
    type_text(window.editor.body_edit(), "Ne pas perdre. ")
    qtbot.waitUntil(lambda: journal.read(article_id) is not None, timeout=2000)
    assert journal.read(article_id)["fields"]["body"].startswith("Ne pas perdre. ")
    assert window.autosave.save_now()
    assert journal.read(article_id) is None


def test_failed_save_writes_an_emergency_copy(qtbot, library, tmp_path) -> None:
    from editor.core.safety.emergency import EmergencyWriter

    services = FailingServices(library.services)
    article = library.services.get_article(1)
    editor = FakeEditor({"title": article.title, "body": article.body})
    writer = EmergencyWriter(library.path, extra_folders=[tmp_path / "emergency"])
    autosave = AutosaveController(services, editor.current_fields, emergency=writer)
    autosave.open_article(1, article.version, editor.current_fields())
    editor.fields["body"] = "Texte précieux"
    autosave.mark_changed()
    assert not autosave.save_now()
    copies = list((tmp_path / "emergency").glob("*.md"))
    assert len(copies) == 1 and "Texte précieux" in copies[0].read_text(encoding="utf-8")
    assert str(copies[0]) in autosave.detail
    autosave.save_now()  # a retry that fails again does not pile up copies
    assert len(list((tmp_path / "emergency").glob("*.md"))) == 1


def test_recovered_text_is_put_back_as_unsaved_changes(qtbot, window_factory, library) -> None:
    from editor.core.safety.recovery import RecoveryJournal

    s = library.services
    article_id = s.article_ids(1)[1]
    journal = RecoveryJournal(library.path)
    article = s.get_article(article_id)
    journal.record(
        article_id, {"title": article.title, "body": "Texte d’avant la panne."}, article.version
    )
    window = window_factory()
    (recovery,) = journal.pending(s)
    window.session.restore_recovery(recovery)
    assert window.session.current() == ("article", article_id)
    assert window.editor.body_edit().toPlainText() == "Texte d’avant la panne."
    assert window.autosave.state is SaveState.DIRTY
    assert window.autosave.save_now()
    assert s.get_article(article_id).body == "Texte d’avant la panne."
    assert journal.read(article_id) is None
