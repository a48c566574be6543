"""The main window's secondary dialogs: preferences, about, history, backups, recovery.

Kept apart from :mod:`editor.ui.main_window` (layout and menus only). History,
backups and the recovery prompt are optional modules: when a build lacks one,
its menu entry is disabled instead of failing.
"""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import QObject


def optional(module: str, name: str) -> Any | None:
    """A class from a module another part of the app may not ship yet."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


class WindowDialogs(QObject):
    """Opens the dialogs of one main window (``window`` gives settings, session…)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self._history_dialog = optional("editor.ui.history_dialog", "HistoryDialog")
        self._backup_dialog = optional("editor.ui.backup_dialog", "BackupDialog")

    @property
    def has_history(self) -> bool:
        return self._history_dialog is not None

    @property
    def has_backups(self) -> bool:
        return self._backup_dialog is not None

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
        if self._history_dialog is None or current is None or current[0] != "article":
            return
        if not window.session.flush():
            return
        self._history_dialog(window.services, current[1], window).exec()
        window.session.reload_current()  # a restored revision changed the article

    def backups(self) -> None:
        window = self._window
        if self._backup_dialog is None or window.session is None or not window.session.flush():
            return
        dialog = self._backup_dialog(window.library, window)
        dialog.restored.connect(lambda _result: window.reload_all())
        dialog.exec()

    def offer_recoveries(self) -> bool:
        """Text typed but never saved before a crash: offer it back. True when
        something was put back in the editor."""
        window = self._window
        offer = optional("editor.ui.recovery_prompt", "offer_recoveries")
        if offer is None or window.session is None:
            return False
        before = window.session.current()
        offer(window.library.path, window.services, window, window.session.restore_recovery)
        return window.session.current() != before
