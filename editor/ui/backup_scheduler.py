"""Rolling backups while the window is open: every ten minutes of changes, and at quit.

The backups themselves (SQLite's online backup API, never a file copy; pruning
to the last ten plus one a day for thirty days) are the core's
:class:`editor.core.safety.backup.BackupManager`. This controller only decides
*when*: a timer checks once a minute whether anything was saved since the last
backup, and the copy runs on a worker thread so that a large library never
freezes typing. At quit the last backup runs on the GUI thread, after the last
save, because the library closes right after.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

CHECK_INTERVAL_MS = 60_000
"""How often the timer asks; the manager itself waits ten minutes between backups."""


class BackupScheduler(QObject):
    """Backs the library up when something changed, off the GUI thread."""

    backed_up = Signal(str)  # path of the new backup
    failed = Signal(str)  # plain message (disk full, folder not writable…)

    def __init__(
        self,
        library_path: Path,
        run_in_background: Callable[..., None],
        parent: QObject | None = None,
        *,
        manager: Any = None,
        interval_ms: int = CHECK_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        from editor.core.safety.backup import BackupManager

        self._manager = manager or BackupManager(Path(library_path))
        self._run = run_in_background
        self._changed = False
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    @classmethod
    def for_window(cls, window: Any, library_path: Path) -> BackupScheduler:
        """The window's scheduler: fed by its autosave, reporting in its status bar."""
        scheduler = cls(library_path, window.ops.run, window)
        window.autosave.article_saved.connect(scheduler.note_change)
        window.autosave.issue_saved.connect(scheduler.note_change)
        scheduler.failed.connect(
            lambda message: window.status.showMessage(
                window.translator.tr("backup.failed", message=message), 10_000
            )
        )
        return scheduler

    def note_change(self, *_args: object) -> None:
        """Connected to the autosave's "saved" signals: there is something new to keep."""
        self._changed = True

    @property
    def has_changes(self) -> bool:
        return self._changed

    def tick(self) -> None:
        """The timer's call: start a background backup when one is due."""
        if not self._changed or self._running:
            return
        self._running = True
        self._changed = False  # saves made during the copy count for the next one
        self._run(
            "backup",
            self._manager.maybe_backup,
            True,
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, path: object) -> None:
        self._running = False
        if path is not None:
            self.backed_up.emit(str(path))

    def _failed(self, error: Exception) -> None:
        self._running = False
        self._changed = True  # try again at the next tick
        logging.getLogger(__name__).warning("automatic backup failed: %s", error)
        self.failed.emit(str(error))

    def at_quit(self) -> Path | None:
        """Last backup before the library closes, when anything changed since the
        previous one. Never raises: quitting must not be blocked by a full disk."""
        self._timer.stop()
        if not self._changed:
            return None
        try:
            return self._manager.backup_now("quit")
        except Exception as exc:  # noqa: BLE001 - reported, quitting goes on
            logging.getLogger(__name__).warning("backup at quit failed: %s", exc)
            self.failed.emit(str(exc))
            return None
