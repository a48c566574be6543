"""Rolling backups from the window: after changes, off the GUI thread, and at quit."""

from __future__ import annotations

from pathlib import Path

from editor.core.safety.backup import BackupManager
from editor.ui.backup_scheduler import BackupScheduler
from tests.ui.test_autosave import _open_first, type_text


class FakeManager:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def maybe_backup(self, changed: bool) -> str:
        self.calls.append("auto")
        return "/backups/auto.feuillet"

    def backup_now(self, reason: str) -> str:
        self.calls.append(reason)
        if reason == "fail":
            raise OSError("disk full")
        return f"/backups/{reason}.feuillet"


def run_now(_channel, fn, *args, on_done, on_error):  # type: ignore[no-untyped-def]
    try:
        result = fn(*args)
    except Exception as exc:  # noqa: BLE001 - mirrors OpRunner
        on_error(exc)
    else:
        on_done(result)


def test_backs_up_only_after_changes(qtbot, tmp_path: Path) -> None:
    manager = FakeManager()
    scheduler = BackupScheduler(tmp_path / "lib.feuillet", run_now, manager=manager)
    scheduler.tick()
    assert manager.calls == []  # nothing saved: nothing to back up
    scheduler.note_change(1, 2, ["body"])
    with qtbot.waitSignal(scheduler.backed_up) as signal:
        scheduler.tick()
    assert signal.args == ["/backups/auto.feuillet"] and manager.calls == ["auto"]
    scheduler.tick()
    assert manager.calls == ["auto"]
    assert scheduler.at_quit() is None  # no change since the last backup


def test_a_failed_backup_is_reported_and_retried(qtbot, tmp_path: Path) -> None:
    class Failing(FakeManager):
        def maybe_backup(self, changed: bool) -> str:
            raise OSError("disk full")

    scheduler = BackupScheduler(tmp_path / "lib.feuillet", run_now, manager=Failing())
    scheduler.note_change()
    with qtbot.waitSignal(scheduler.failed) as signal:
        scheduler.tick()
    assert "disk full" in signal.args[0] and scheduler.has_changes


def test_the_window_backs_up_at_quit_after_the_last_save(qtbot, window_factory, library) -> None:
    window = window_factory()
    _open_first(window, library)
    type_text(window.editor.body_edit(), "Une phrase à garder. ")
    window.registry.action("file.save").trigger()
    assert BackupManager(library.path).list() == []
    window.shutdown()
    [backup] = BackupManager(library.path).list()
    assert backup.path.name.endswith(".quit.feuillet")
