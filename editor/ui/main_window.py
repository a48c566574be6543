"""The main window: three panes in a splitter, menus, toolbar and status bar.

Layout and menus only. What the commands do lives in
:mod:`editor.ui.library_commands`, what is open in
:mod:`editor.ui.window_controller`, saving in :mod:`editor.ui.autosave`.
The preview (QtWebEngine, slow to import) is created on the first turn of the
event loop after the window is shown, so the window appears at once.
"""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QToolBar, QWidget

from editor.ui.actions import ActionRegistry
from editor.ui.article_model import ArticleTreeModel
from editor.ui.autosave import AutosaveController
from editor.ui.i18n import Translator
from editor.ui.library_commands import LibraryCommands
from editor.ui.library_pane import LibraryPane
from editor.ui.ops import OpRunner
from editor.ui.pane_fallbacks import PreviewPlaceholder, StandInPreview
from editor.ui.settings import DEVICES, Settings
from editor.ui.status_bar import FeuilletStatusBar
from editor.ui.tree_nodes import Kind
from editor.ui.window_controller import EditingSession

PANES = ("library", "editor", "preview")


def _optional(module: str, name: str) -> Any | None:
    """A class from a module another part of the app may not ship yet."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


class MainWindow(QMainWindow):
    list_painted = Signal()  # first paint of the library list (start-up benchmark)
    preview_ready = Signal()

    def __init__(self, library: Any, settings: Settings, translator: Translator,
                 with_preview: bool = True, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.library = library
        self.services = library.services
        self.settings = settings
        self.translator = translator
        self._with_preview = with_preview
        self._shown_once = False
        self._preview_scheduled = False
        self._shut_down = False
        self.preview: Any = None

        self.registry = ActionRegistry(translator, self)
        self.ops = OpRunner(self)
        self.model = ArticleTreeModel(self.services, translator, self)
        self.library_pane = LibraryPane(
            self.model, translator, self.ops, self.services.search, self
        )
        from editor.ui.editor_pane import EditorPane

        self.editor = EditorPane(self)
        self.editor.setObjectName("editorPane")
        self._placeholder = PreviewPlaceholder("", self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        for widget in (self.library_pane, self.editor, self._placeholder):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.status = FeuilletStatusBar(translator, self)
        self.setStatusBar(self.status)

        journal_class = _optional("editor.core.safety.recovery", "RecoveryJournal")
        emergency_class = _optional("editor.core.safety.emergency", "EmergencyWriter")
        self.autosave = AutosaveController(
            self.services,
            self.editor.current_fields,
            self,
            journal=journal_class(library.path) if journal_class else None,
            emergency=emergency_class(library.path) if emergency_class else None,
        )
        self.session = EditingSession(self.services, self.editor, self.autosave, self.status,
                                      self.library_pane, self.model, translator, self)  # fmt: skip
        self.commands = LibraryCommands(self.services, self.model, self.library_pane,
                                        self.registry, translator, self.session, self)  # fmt: skip
        self.registry.build_menus(self.menuBar(), {"move_to": self.commands.fill_move_menu})
        self._build_toolbar()
        self._connect_actions()
        self.session.title_changed.connect(self.update_title)
        self.session.opened.connect(lambda *_: self._update_item_actions())
        self.library_pane.search_failed.connect(self.session.show_message)
        translator.language_changed.connect(self.retranslate)
        self._restore_settings()
        self.retranslate()

    # -- building -------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar(self)
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setIconSize(QSize(18, 18))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        # Device widths are not repeated here: the preview pane has its own switcher.
        for item in ("article.new", "issue.new", None, "edit.undo", "edit.redo", None,
                     "file.history", "edit.search"):  # fmt: skip
            if item is None:
                bar.addSeparator()
            else:
                bar.addAction(self.registry.action(item))
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar

    def _connect_actions(self) -> None:
        reg = self.registry
        reg.connect("file.save", self.save_now)
        reg.connect("file.quit", self.close)
        reg.connect("file.preferences", self.show_preferences)
        reg.connect("file.history", self.show_history)
        reg.connect("file.backups", self.show_backups)
        reg.connect("edit.search", self.library_pane.focus_search)
        reg.connect("help.about", self.show_about)
        for pane in PANES:
            reg.connect(f"view.{pane}", lambda checked, p=pane: self.set_pane_visible(p, checked))
        for device in DEVICES:
            reg.connect(f"view.device.{device}",
                        lambda checked, d=device: checked and self.set_device(d))  # fmt: skip
        self._history_dialog = _optional("editor.ui.history_dialog", "HistoryDialog")
        self._backup_dialog = _optional("editor.ui.backup_dialog", "BackupDialog")
        reg.set_enabled("file.backups", self._backup_dialog is not None)
        self._update_item_actions()

    def _update_item_actions(self) -> None:
        current = self.session.current()
        self.registry.set_enabled(
            "file.history",
            self._history_dialog is not None and current is not None and current[0] == "article",
        )

    # -- settings ---------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1440, 900)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        self.splitter.setSizes(self.settings.splitter_sizes())
        for pane in PANES:
            self.registry.action(f"view.{pane}").setChecked(self.settings.pane_visible(pane))
        self.registry.action(f"view.device.{self.settings.preview_device()}").setChecked(True)
        self.status.set_reading_speed(self.settings.reading_speed())

    def save_settings(self) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.set_splitter_sizes(self.splitter.sizes())
        current = self.session.current()
        if current is not None:
            self.settings.set_last_selection(str(self.library.path), *current)
        self.settings.sync()

    def open_initial_item(self) -> None:
        """The item open at the last quit, else the first article of the newest issue."""
        last = self.settings.last_selection(str(self.library.path))
        pane = self.library_pane
        if last is not None:
            kind, ident = last
            if kind == "issue" and pane.select_issue(ident):
                return
            if kind == "article":
                row = self.services.article_rows([ident]).get(ident)
                if row is not None and pane.select_article(ident, row.issue_id):
                    self.editor.body_edit().setFocus()  # ready to type
                    return
        for _publication, issues in self.model.issue_rows():
            for issue in issues:
                ids = self.services.article_ids(issue.id)
                if ids and pane.select_article(ids[0], issue.id):
                    self.editor.body_edit().setFocus()  # ready to type
                    return

    # -- panes ------------------------------------------------------------------

    def set_pane_visible(self, pane: str, visible: bool) -> None:
        widget = {"library": self.library_pane, "editor": self.editor}.get(pane)
        if widget is None:
            widget = self.preview if self.preview is not None else self._placeholder
        widget.setVisible(visible)
        self.settings.set_pane_visible(pane, visible)

    def set_device(self, device: str) -> None:
        self.settings.set_preview_device(device)
        if self.preview is not None:
            self.preview.set_device(device)

    def _device_picked_in_preview(self, device: str) -> None:
        if device in DEVICES:
            self.registry.action(f"view.device.{device}").setChecked(True)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self._with_preview:
                # The web engine (~0.3 s) waits until the library list has painted,
                # or half a second if the list is hidden.
                self.library_pane.tree.viewport().installEventFilter(self)
                QTimer.singleShot(500, self._schedule_preview)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and watched is self.library_pane.tree.viewport():
            watched.removeEventFilter(self)
            self.list_painted.emit()
            self._schedule_preview()
        return super().eventFilter(watched, event)

    def _schedule_preview(self) -> None:
        if not self._preview_scheduled:
            self._preview_scheduled = True
            QTimer.singleShot(0, self.create_preview)

    def create_preview(self) -> None:
        if self.preview is not None or self._shut_down:
            return
        preview_class = _optional("editor.ui.preview_pane", "PreviewPane") or StandInPreview
        preview = preview_class(self)
        preview.setObjectName("previewPane")
        preview.set_services(self.services)
        preview.set_device(self.settings.preview_device())
        if hasattr(preview, "set_ui_language"):
            preview.set_ui_language(self.translator.language)
        if hasattr(preview, "sig_device_changed"):
            preview.sig_device_changed.connect(self._device_picked_in_preview)
        sizes = self.splitter.sizes()
        self.splitter.replaceWidget(2, preview)
        self._placeholder.deleteLater()
        self.splitter.setSizes(sizes)
        preview.setVisible(self.settings.pane_visible("preview"))
        self.preview = preview
        self.session.set_preview(preview)
        self.preview_ready.emit()

    # -- window -----------------------------------------------------------------

    def update_title(self) -> None:
        context = self.session.context_title()
        parts = [p for p in (context, self.library.path.stem) if p]
        self.setWindowTitle(" — ".join(parts) + "[*] — Feuillet")
        self.setWindowModified(self.autosave.state.value != "saved")

    def retranslate(self, language: str = "") -> None:
        language = language or self.translator.language
        if hasattr(self.editor, "set_ui_language"):
            self.editor.set_ui_language(language)
        if self.preview is not None and hasattr(self.preview, "set_ui_language"):
            self.preview.set_ui_language(language)
        if isinstance(self._placeholder, PreviewPlaceholder) and self.preview is None:
            self._placeholder.set_text(self.translator.tr("preview.loading"))
        self.toolbar.setWindowTitle(self.translator.tr("toolbar.main"))
        self.update_title()

    def save_now(self) -> None:
        if self.session.flush():
            self.status.showMessage(self.translator.tr("save.saved"), 3000)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.autosave.save_now()  # leaving for another application: save now

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._shut_down and not self.session.leave():
            answer = QMessageBox.warning(
                self,
                self.translator.tr("dialog.unsaved_title"),
                self.translator.tr("dialog.unsaved_text", detail=self.autosave.detail),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        self.save_settings()
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop the preview's web engine and background jobs (before the app quits)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.autosave.close()
        if self.preview is not None:
            self.preview.shutdown()
        self.ops.wait()

    # -- dialogs ----------------------------------------------------------------

    def show_preferences(self) -> None:
        from editor.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self.translator, self)
        if dialog.exec():
            self.status.set_reading_speed(self.settings.reading_speed())
            self.registry.action(f"view.device.{self.settings.preview_device()}").setChecked(True)

    def show_about(self) -> None:
        from editor.ui.preferences_dialog import show_about

        show_about(self, self.translator)

    def show_history(self) -> None:
        current = self.session.current()
        if self._history_dialog is None or current is None or current[0] != "article":
            return
        if not self.session.flush():
            return
        self._history_dialog(self.services, current[1], self).exec()
        self.session.reload_current()  # a restored revision changed the article

    def show_backups(self) -> None:
        if self._backup_dialog is None or not self.session.flush():
            return
        dialog = self._backup_dialog(self.library, self)
        dialog.restored.connect(lambda _result: self.reload_all())
        dialog.exec()

    def reload_all(self) -> None:
        """The library file was replaced (backup restored): show it afresh."""
        self.model.reload()
        self.session.reload_current()
        self.session.reselect_current()

    def offer_recoveries(self) -> bool:
        """Text typed but never saved before a crash: offer it back. True when
        something was put back in the editor."""
        offer = _optional("editor.ui.recovery_prompt", "offer_recoveries")
        if offer is None:
            return False
        before = self.session.current()
        offer(self.library.path, self.services, self, self.session.restore_recovery)
        return self.session.current() != before

    def current_kind(self) -> Kind:
        return self.library_pane.current_item()[0]
