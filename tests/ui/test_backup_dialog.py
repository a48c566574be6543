"""The backups dialog (list, back up now, restore from the window or at start-up)
and the single-instance handshake between two windows on one library."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from editor.core.library import Library, open_library  # noqa: E402
from editor.core.safety.backup import BackupManager  # noqa: E402


@pytest.fixture
def window_library(tmp_path: Path) -> Iterator[Library]:
    """A library opened as the window opens it (writer lock held)."""
    lib = open_library(tmp_path / "ui.feuillet", writer=True)
    yield lib
    lib.close()


def _quiet(dialog, answer: bool = True) -> list[str]:  # type: ignore[no-untyped-def]
    messages: list[str] = []
    dialog.confirm_restore = lambda info: answer
    dialog.inform = lambda text, error=False: messages.append(("!" if error else "") + text)
    return messages


def test_lists_backups_and_backs_up_now(qtbot, window_library) -> None:
    from editor.ui.backup_dialog import BackupDialog

    dialog = BackupDialog(window_library)
    qtbot.addWidget(dialog)
    messages = _quiet(dialog)
    assert dialog.backups == [] and not dialog.restore_button.isEnabled()
    path = dialog.backup_now()
    assert path is not None and path.is_file()
    assert dialog.tree.topLevelItemCount() == 1
    assert dialog.tree.topLevelItem(0).text(1) == "manual"
    assert str(path) in messages[0]
    assert dialog.restore_button.isEnabled()


def test_restore_from_the_window_keeps_its_lock_and_services(qtbot, window_library) -> None:
    from editor.ui.backup_dialog import BackupDialog

    services = window_library.services
    services.save_draft(1, {"body": "version sauvegardée"})
    BackupManager(window_library.path).backup_now("auto")
    services.save_draft(1, {"body": "version à remplacer"})
    dialog = BackupDialog(window_library)
    qtbot.addWidget(dialog)
    messages = _quiet(dialog)
    with qtbot.waitSignal(dialog.restored) as signal:
        dialog.restore_selected()
    result = signal.args[0]
    assert result.safety_backup is not None and "before-restore" in result.safety_backup.name
    assert messages and str(result.safety_backup) in messages[-1]
    # The window's services read the restored file; its lock is still held.
    assert services.get_article(1).body == "version sauvegardée"
    assert window_library.lock is not None and window_library.lock.held
    services.save_draft(1, {"body": "on continue"})
    assert [info.reason for info in dialog.backups][:1] == ["before-restore"]


def test_restore_cancelled_changes_nothing(qtbot, window_library) -> None:
    from editor.ui.backup_dialog import BackupDialog

    BackupManager(window_library.path).backup_now("auto")
    dialog = BackupDialog(window_library)
    qtbot.addWidget(dialog)
    _quiet(dialog, answer=False)
    assert dialog.restore_selected() is None
    assert len(BackupManager(window_library.path).list()) == 1


def test_start_up_restore_of_a_damaged_library_from_its_path(qtbot, tmp_path: Path) -> None:
    from editor.core.errors import LibraryDamaged
    from editor.ui.backup_dialog import BackupDialog

    path = tmp_path / "abîmée.feuillet"
    with open_library(path) as lib:
        lib.services.save_draft(1, {"body": "à retrouver"})
    BackupManager(path).backup_now("quit")
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\x00" * 4096
    path.write_bytes(bytes(data))
    with pytest.raises(LibraryDamaged) as info:
        open_library(path, writer=True)
    assert info.value.latest_backup is not None
    dialog = BackupDialog(path)
    qtbot.addWidget(dialog)
    messages = _quiet(dialog)
    result = dialog.restore_selected()
    assert result is not None and result.safety_backup is None
    assert not [m for m in messages if m.startswith("!")]
    with open_library(path, writer=True) as lib:
        assert lib.services.get_article(1).body == "à retrouver"


def test_restore_refused_while_another_window_holds_the_library(qtbot, tmp_path: Path) -> None:
    from editor.core.safety.lock import WriterLock
    from editor.ui.backup_dialog import BackupDialog

    path = tmp_path / "lib.feuillet"
    open_library(path).close()
    BackupManager(path).backup_now("manual")
    dialog = BackupDialog(path)
    qtbot.addWidget(dialog)
    messages = _quiet(dialog)
    with WriterLock(path, "other window"):
        assert dialog.restore_selected() is None
    assert messages[0].startswith("!") and "already open" in messages[0]


# -- single instance ----------------------------------------------------------------


def test_second_start_brings_the_first_window_forward(qtbot, tmp_path: Path) -> None:
    from editor.ui.single_instance import SingleInstance, server_name

    path = tmp_path / "lib.feuillet"
    assert server_name(path) == server_name(tmp_path / "." / "lib.feuillet")
    assert server_name(path) != server_name(tmp_path / "autre.feuillet")
    first = SingleInstance(path)
    activated: list[bool] = []
    assert not SingleInstance(path).try_activate_existing()  # nobody listens yet
    assert first.listen(lambda: activated.append(True))
    assert SingleInstance(path).try_activate_existing()
    qtbot.waitUntil(lambda: activated == [True], timeout=3000)
    assert not SingleInstance(tmp_path / "autre.feuillet").try_activate_existing()
    # A second listener on the same library does not steal the live window's name.
    assert not SingleInstance(path).listen(lambda: None)
    first.close()
    # After the first window is gone (even killed), a new one can listen again.
    again = SingleInstance(path)
    assert again.listen(lambda: None)
    again.close()
