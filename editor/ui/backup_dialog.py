"""The backups dialog: the library's backups, back up now, restore one.

Opened from the window with its open ``Library`` (``BackupDialog(library, parent)``)
or, before any library could be opened (a damaged file at start-up), with just
the library's path. A restore from the window keeps the window's writer lock,
lets go of the database connections (their files are replaced) and announces
``restored``: the window must then reload everything it shows. The services
keep working, since the engine reconnects to the restored file on next use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.errors import FeuilletError
from editor.core.safety.backup import BackupInfo, BackupManager
from editor.core.safety.restore import RestoreResult, restore_backup
from editor.ui.history_dialog import safety_text


def _reason_text(widget: QWidget | None, reason: str) -> str:
    if reason.startswith("before-upgrade"):
        reason = "before-upgrade"  # "before-upgrade-<revision>"
    text = safety_text(widget, f"reason.{reason}")
    return reason if text == f"safety.reason.{reason}" else text


class BackupDialog(QDialog):
    """Lists backups newest first; "Back up now"; "Restore…" after confirmation."""

    restored = Signal(object)  # RestoreResult: the window reloads everything it shows

    def __init__(
        self,
        library: Any,
        parent: QWidget | None = None,
        *,
        manager: BackupManager | None = None,
        on_restored: Callable[[RestoreResult], None] | None = None,
    ) -> None:
        super().__init__(parent)
        # Either an open Library (from the window) or a bare path (at start-up).
        self._library = None if isinstance(library, (str, Path)) else library
        self.library_path = Path(library) if self._library is None else Path(library.path)
        self.manager = manager or BackupManager(self.library_path)
        self._on_restored = on_restored
        self.last_message = ""
        self.setWindowTitle(self._t("backups.title"))
        self.resize(720, 420)
        self._build()
        self.refresh()

    def _t(self, key: str, **values: object) -> str:
        return safety_text(self.parentWidget(), key, **values)

    def _build(self) -> None:
        self.where = QLabel(self._t("backups.where", folder=self.manager.folder))
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget()
        self.tree.setObjectName("backupList")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [self._t("backups.when"), self._t("backups.reason"), self._t("backups.size")]
        )
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        self.backup_button = QPushButton(self._t("backups.now"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self._t("backups.restore"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button = QPushButton(self._t("backups.folder"))
        self.folder_button.clicked.connect(self._show_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.backup_button, self.restore_button, self.folder_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def refresh(self) -> None:
        self.tree.clear()
        self.backups: list[BackupInfo] = self.manager.list()
        for info in self.backups:
            item = QTreeWidgetItem(
                [
                    info.created.strftime("%Y-%m-%d %H:%M:%S"),
                    _reason_text(self.parentWidget(), info.reason),
                    f"{info.size / 1_000_000:.1f} MB",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(0, str(info.path))
            self.tree.addTopLevelItem(item)
        if not self.backups:
            self.tree.addTopLevelItem(QTreeWidgetItem([self._t("backups.none")]))
            self.tree.setEnabled(False)
        else:
            self.tree.setEnabled(True)
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        index = self.tree.indexOfTopLevelItem(self.tree.currentItem())
        if not self.backups or not 0 <= index < len(self.backups):
            return None
        return self.backups[index]

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    # -- actions ---------------------------------------------------------------------

    def backup_now(self) -> Path | None:
        try:
            path = self.manager.backup_now("manual")
        except FeuilletError as exc:
            self.inform(self._t("backups.failed", error=str(exc)), error=True)
            return None
        self.refresh()
        self.inform(self._t("backups.made", path=path))
        return path

    def confirm_restore(self, info: BackupInfo) -> bool:
        """Ask before replacing the library (tests replace this method)."""
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self._t("backups.confirm", when=info.created.strftime("%Y-%m-%d %H:%M")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, text: str, *, error: bool = False) -> None:
        """Tell the user (tests replace this method to avoid modal boxes)."""
        self.last_message = text
        if error:
            QMessageBox.warning(self, self.windowTitle(), text)
        else:
            QMessageBox.information(self, self.windowTitle(), text)

    def restore_selected(self) -> RestoreResult | None:
        info = self.selected()
        if info is None or not self.confirm_restore(info):
            return None
        try:
            result = self._restore(info.path)
        except FeuilletError as exc:
            self.inform(self._t("backups.failed", error=str(exc)), error=True)
            return None
        self.refresh()
        self.inform(self._t("backups.done", path=result.safety_backup or "—"))
        self.restored.emit(result)
        if self._on_restored is not None:
            self._on_restored(result)
        return result

    def _restore(self, backup: Path) -> RestoreResult:
        library = self._library
        lock = getattr(library, "lock", None) if library is not None else None
        if library is not None:
            # Our own pooled connections must let go of the file being replaced;
            # the engine opens fresh ones on the restored file at next use.
            library.db.engine.dispose()
        return restore_backup(self.library_path, backup, held_lock=lock, manager=self.manager)

    def _show_folder(self) -> None:
        self.manager.folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.manager.folder)))
