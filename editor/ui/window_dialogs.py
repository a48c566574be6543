"""The main window's secondary dialogs: preferences, about, history, backups, recovery,
and at start-up the offer to restore the latest backup of a damaged library.

Kept apart from :mod:`editor.ui.main_window` (layout and menus only). The
dialogs are imported when opened, not with the window's shell: they import the
core (SQLAlchemy), which the first paint must not wait for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject


class WindowDialogs(QObject):
    """Opens the dialogs of one main window (``window`` gives settings, session…)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window

    def preferences(self) -> None:
        from editor.ui.preferences_dialog import PreferencesDialog

        window = self._window
        dialog = PreferencesDialog(window.settings, window.translator, window)
        if dialog.exec():
            window.status.set_reading_speed(window.settings.reading_speed())
            device = window.settings.preview_device()
            window.registry.action(f"view.device.{device}").setChecked(True)

    def about(self) -> None:
        from editor.ui.preferences_dialog import show_about

        show_about(self._window, self._window.translator)

    def history(self) -> None:
        window = self._window
        current = window.session.current() if window.session is not None else None
        if current is None or current[0] != "article" or not window.session.flush():
            return
        # Imported when opened: the dialog imports the core (SQLAlchemy), which
        # the window's first paint must not wait for.
        from editor.ui.history_dialog import HistoryDialog

        HistoryDialog(window.services, current[1], window).exec()
        window.session.reload_current()  # a restored revision changed the article

    def backups(self) -> None:
        window = self._window
        if window.session is None or not window.session.flush():
            return
        from editor.ui.backup_dialog import BackupDialog

        dialog = BackupDialog(window.library, window)
        dialog.restored.connect(lambda _result: window.reload_all())
        dialog.exec()

    def offer_recoveries(self) -> bool:
        """Text typed but never saved before a crash: offer it back. True when
        something was put back in the editor."""
        window = self._window
        if window.session is None:
            return False
        from editor.ui.recovery_prompt import offer_recoveries

        before = window.session.current()
        offer_recoveries(
            window.library.path, window.services, window, window.session.restore_recovery
        )
        return window.session.current() != before


def offer_backup_restore(window: Any, library_path: Path, error: Exception) -> bool:
    """The library is damaged and a sound backup exists: offer to restore it.

    True once the backup is in place (the caller opens the library again);
    False when the user quits, or the restore failed (then said why). The
    damaged file is never lost: the core set it aside, or the restore does.
    """
    from PySide6.QtWidgets import QMessageBox

    from editor.core.errors import FeuilletError
    from editor.core.safety.restore import restore_backup

    backup = Path(error.latest_backup)  # type: ignore[attr-defined]
    tr = window.translator.tr
    box = QMessageBox(QMessageBox.Icon.Warning, tr("dialog.damaged_title"),
                      tr("dialog.damaged_text"), QMessageBox.StandardButton.NoButton, window)  # fmt: skip
    box.setObjectName("damagedLibraryDialog")
    box.setInformativeText(tr("dialog.damaged_offer", when=backup_time(window, backup)))
    box.setDetailedText(str(error))
    restore = box.addButton(tr("dialog.damaged_restore"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("dialog.damaged_quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        restore_backup(library_path, backup)
    except (FeuilletError, OSError) as exc:
        QMessageBox.critical(window, tr("dialog.damaged_title"),
                             tr("dialog.restore_failed", error=str(exc)))  # fmt: skip
        return False
    window.status.showMessage(tr("status.restored_backup", when=backup_time(window, backup)), 15000)
    return True


def backup_time(window: Any, backup: Path) -> str:
    """When ``backup`` was made, in the window's language ("" if unknown)."""
    from PySide6.QtCore import QDateTime, QLocale

    try:
        stamp = int(backup.stat().st_mtime)
    except OSError:
        return ""
    when = QDateTime.fromSecsSinceEpoch(stamp)
    return window.translator.locale().toString(when, QLocale.FormatType.ShortFormat)
