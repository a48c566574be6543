"""The main window: three panes in a splitter, menus, toolbar, status bar, Checks dock.

Layout and menus only. What the commands do lives in
:mod:`editor.ui.library_commands` and :mod:`editor.ui.publishing_commands`,
what is open in :mod:`editor.ui.window_controller`, saving in :mod:`editor.ui.autosave`,
the secondary dialogs in :mod:`editor.ui.window_dialogs`, spell check, length
target, find/replace and import in :mod:`editor.ui.writing_aids`.

Start-up comes in steps, so that something useful is on screen at once:

1. ``MainWindow(None, …)`` is a light shell: menus, the editor pane, stand-ins
   for the library and the preview, "Opening the library…" in the status bar.
   Nothing here imports SQLAlchemy (~0.5 s) or qtawesome (~0.2 s).
2. The composition root opens the library after the shell's first paint and
   calls :meth:`MainWindow.attach_library`, which builds the tree and the
   editing session (the modules that import the core are imported there).
3. Once the library list has painted: the writing aids, icons, then the
   web-engine preview.

Tests pass the library to the constructor and get all of it at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QToolBar, QWidget

from editor.ui.actions import ActionRegistry
from editor.ui.editor_pane import EditorPane
from editor.ui.i18n import Translator
from editor.ui.ops import OpRunner
from editor.ui.pane_fallbacks import PreviewPlaceholder, StandInPreview
from editor.ui.publishing_commands import PublishingCommands
from editor.ui.settings import DEVICES, Settings
from editor.ui.status_bar import FeuilletStatusBar
from editor.ui.window_dialogs import WindowDialogs

PANES = ("library", "editor", "preview")
# Actions that need an open library: disabled in the shell, enabled by attach_library.
LIBRARY_ACTIONS = ("article.", "issue.", "edit.", "file.save", "file.import", "file.history",
                   "file.backups")  # fmt: skip


class MainWindow(QMainWindow):
    first_painted = Signal()  # the shell is on screen: time to open the library
    library_attached = Signal()
    list_painted = Signal()  # first paint of the library list (start-up benchmark)
    preview_ready = Signal()

    def __init__(self, library: Any, settings: Settings, translator: Translator,
                 with_preview: bool = True, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings
        self.translator = translator
        self._with_preview = with_preview
        self._painted = False
        self._list_ready_done = False
        self._preview_scheduled = False
        self._shut_down = False
        self.library: Any = None
        self.services: Any = None
        self.model: Any = None
        self.library_pane: Any = None
        self.autosave: Any = None
        self.session: Any = None
        self.commands: Any = None
        self.preview: Any = None
        self.aids: Any = None  # editor.ui.writing_aids.WritingAids, once attached
        self.backups: Any = None  # editor.ui.backup_scheduler.BackupScheduler
        self.spell: Any = None
        self.target_gauge: Any = None
        self.find_dialog: Any = None

        self.registry = ActionRegistry(translator, self)
        self.ops = OpRunner(self)
        self.editor = EditorPane(self, defer_icons=True)
        self.editor.setObjectName("editorPane")
        self._library_placeholder = PreviewPlaceholder("", self)
        self._library_placeholder.setObjectName("libraryPlaceholder")
        self._placeholder = PreviewPlaceholder("", self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        for widget in (self._library_placeholder, self.editor, self._placeholder):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.status = FeuilletStatusBar(translator, self)
        self.setStatusBar(self.status)
        self.dialogs = WindowDialogs(self)
        self.publishing = PublishingCommands(self, self.registry, translator,
                                             lambda text: self.status.showMessage(text, 8000))  # fmt: skip
        self.registry.build_menus(self.menuBar(), {"move_to": self._fill_move_menu})
        self._build_toolbar()
        self._connect_actions()
        translator.language_changed.connect(self.retranslate)
        self._restore_settings()
        self.retranslate()
        if library is not None:
            self.attach_library(library)
        else:
            self.status.showMessage(translator.tr("status.opening_library"))

    # -- building -------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar(self)
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setIconSize(QSize(18, 18))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        # Device widths are not repeated here: the preview pane has its own switcher.
        for item in ("article.new", "issue.new", None, "edit.undo", "edit.redo", None,
                     "file.history", "edit.search", None, "issue.check", "issue.export",
                     "issue.publish"):  # fmt: skip
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
        reg.connect("file.preferences", self.dialogs.preferences)
        reg.connect("file.history", self.dialogs.history)
        reg.connect("file.backups", self.dialogs.backups)
        reg.connect("help.about", self.dialogs.about)
        reg.action("edit.spell").setChecked(True)  # spelling is checked unless turned off
        for pane in PANES:
            reg.connect(f"view.{pane}", lambda checked, p=pane: self.set_pane_visible(p, checked))
        for device in DEVICES:
            reg.connect(f"view.device.{device}",
                        lambda checked, d=device: checked and self.set_device(d))  # fmt: skip
        for action_id in reg.ids():
            if action_id.startswith(LIBRARY_ACTIONS):
                reg.set_enabled(action_id, False)
        move_menu = reg.menu("move_to")
        if move_menu is not None:
            move_menu.setEnabled(False)

    def attach_library(self, library: Any) -> None:
        """Build what needs the open library: tree, editing session, commands."""
        # Imported here, not at the top: these modules import the core (SQLAlchemy).
        from editor.ui.article_model import ArticleTreeModel
        from editor.ui.autosave import AutosaveController
        from editor.ui.backup_scheduler import BackupScheduler
        from editor.ui.library_commands import LibraryCommands
        from editor.ui.library_pane import LibraryPane
        from editor.ui.window_controller import EditingSession

        self.library = library
        self.services = library.services
        tr = self.translator
        self.model = ArticleTreeModel(self.services, tr, self)
        self.library_pane = LibraryPane(self.model, tr, self.ops, self.services.search, self)
        # Before the first show, sizes() are not laid out yet: use the saved ones.
        sizes = self.splitter.sizes() if self.isVisible() else self.settings.splitter_sizes()
        self.splitter.replaceWidget(0, self.library_pane)
        self._library_placeholder.deleteLater()
        self.splitter.setSizes(sizes)
        self.library_pane.setVisible(self.settings.pane_visible("library"))
        from editor.core.safety.emergency import EmergencyWriter
        from editor.core.safety.recovery import RecoveryJournal

        self.autosave = AutosaveController(
            self.services, self.editor.current_fields, self,
            journal=RecoveryJournal(library.path),
            emergency=EmergencyWriter(library.path),
        )  # fmt: skip
        self.backups = BackupScheduler.for_window(self, library.path)
        self.session = EditingSession(self.services, self.editor, self.autosave, self.status,
                                      self.library_pane, self.model, tr, self)  # fmt: skip
        self.commands = LibraryCommands(self.services, self.model, self.library_pane,
                                        self.registry, tr, self.session, self)  # fmt: skip
        self.publishing.attach(library, self.model, self.library_pane, self.session,
                               self.commands.selected_issue_id)  # fmt: skip
        for action_id in ("article.new", "issue.new", "file.save", "edit.search"):
            self.registry.set_enabled(action_id, True)
        self.registry.set_enabled("file.backups", True)
        self.registry.connect("edit.search", self.library_pane.focus_search)
        self.session.title_changed.connect(self.update_title)
        self.session.opened.connect(lambda *_: self._update_item_actions())
        self.library_pane.search_failed.connect(self.session.show_message)
        if not self._painted:
            self.attach_writing_aids()  # built with its library (tests): all at once
        self._update_item_actions()
        self.status.clearMessage()
        self.update_title()
        if self.preview is not None:
            self.preview.set_services(self.services)
            self.session.set_preview(self.preview)
        if self._painted:
            self._watch_list()
        self.library_attached.emit()

    def attach_writing_aids(self) -> None:
        """Spell check, length target, find/replace, import. At start-up they come
        right after the list's first paint (~60 ms that "usable" need not wait for)."""
        from editor.ui.writing_aids import WritingAids

        if self.aids is None and self.library is not None and not self._shut_down:
            self.aids = WritingAids(self)
            self.spell, self.target_gauge = self.aids.spell, self.aids.target_gauge
            self.find_dialog = self.aids.find_dialog

    def _update_item_actions(self) -> None:
        current = self.session.current() if self.session is not None else None
        self.registry.set_enabled(
            "file.history",
            current is not None and current[0] == "article",
        )

    def _fill_move_menu(self, menu: Any) -> None:
        if self.commands is not None:
            self.commands.fill_move_menu(menu)

    # -- settings ---------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1440, 900)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        self.publishing.sync_action(restored=True)
        self.splitter.setSizes(self.settings.splitter_sizes())
        for pane in PANES:
            self.registry.action(f"view.{pane}").setChecked(self.settings.pane_visible(pane))
        self.registry.action(f"view.device.{self.settings.preview_device()}").setChecked(True)
        self.status.set_reading_speed(self.settings.reading_speed())

    def save_settings(self) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.set_splitter_sizes(self.splitter.sizes())
        current = self.session.current() if self.session is not None else None
        if current is not None:
            self.settings.set_last_selection(str(self.library.path), *current)
        self.settings.sync()

    def open_initial_item(self) -> None:
        """The item open at the last quit, else the first article of the newest issue."""
        self.session.open_initial(self.settings.last_selection(str(self.library.path)))

    # -- panes ------------------------------------------------------------------

    def set_pane_visible(self, pane: str, visible: bool) -> None:
        index = PANES.index(pane)
        widget = self.preview if pane == "preview" and self.preview is not None else None
        (widget or self.splitter.widget(index)).setVisible(visible)
        self.settings.set_pane_visible(pane, visible)

    def set_device(self, device: str) -> None:
        self.settings.set_preview_device(device)
        if self.preview is not None:
            self.preview.set_device(device)

    def _device_picked_in_preview(self, device: str) -> None:
        if device in DEVICES:
            self.registry.action(f"view.device.{device}").setChecked(True)

    # -- start-up sequence --------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._painted:
            self.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            if watched is self and not self._painted:
                self.removeEventFilter(self)
                self._painted = True
                self.first_painted.emit()
                if self.library_pane is not None:
                    self._watch_list()
            elif self.library_pane is not None and watched is self.library_pane.tree.viewport():
                watched.removeEventFilter(self)
                self.list_painted.emit()
                QTimer.singleShot(0, self._list_ready)  # after this frame reaches the screen
        return super().eventFilter(watched, event)

    def _watch_list(self) -> None:
        # Icons and the web engine wait until the list has painted, or half a
        # second if the list is hidden.
        self.library_pane.tree.viewport().installEventFilter(self)
        QTimer.singleShot(500, self._list_ready)

    def _list_ready(self) -> None:
        if self._list_ready_done or self._shut_down:
            return
        self._list_ready_done = True
        self.attach_writing_aids()
        self.load_icons()
        if self._with_preview and not self._preview_scheduled:
            self._preview_scheduled = True
            QTimer.singleShot(0, self.create_preview)

    def load_icons(self) -> None:
        """Toolbar, menu and pane icons (qtawesome), once the window is usable."""
        self.registry.load_icons()
        self.editor.load_icons()
        if self.library_pane is not None:
            self.library_pane.load_icons()

    def create_preview(self) -> None:
        if self.preview is not None or self._shut_down:
            return
        try:  # the web engine is a separate wheel: without it, a plain stand-in
            from editor.ui.preview_pane import PreviewPane as preview_class
        except ImportError:
            preview_class = StandInPreview
        preview = preview_class(self)
        preview.setObjectName("previewPane")
        if self.services is not None:
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
        if self.session is not None:
            self.session.set_preview(preview)
        self.preview_ready.emit()

    # -- window -----------------------------------------------------------------

    def update_title(self) -> None:
        if self.library is None:
            self.setWindowTitle("Feuillet")
            return
        context = self.session.context_title()
        parts = [p for p in (context, self.library.path.stem) if p]
        self.setWindowTitle(" — ".join(parts) + "[*] — Feuillet")
        self.setWindowModified(self.autosave.state.value != "saved")

    def retranslate(self, language: str = "") -> None:
        language = language or self.translator.language
        self.editor.set_ui_language(language)
        if self.preview is not None and hasattr(self.preview, "set_ui_language"):
            self.preview.set_ui_language(language)
        if self.preview is None:
            self._placeholder.set_text(self.translator.tr("preview.loading"))
        if self.library_pane is None:
            self._library_placeholder.set_text(self.translator.tr("status.opening_library"))
        self.toolbar.setWindowTitle(self.translator.tr("toolbar.main"))
        self.update_title()

    def save_now(self) -> None:
        if self.session is not None and self.session.flush():
            self.status.showMessage(self.translator.tr("save.saved"), 3000)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        leaving = event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow()
        if leaving and self.autosave is not None:
            self.autosave.save_now()  # leaving for another application: save now

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._shut_down and self.session is not None and not self.session.leave():
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
        if self.library is not None:
            self.save_settings()  # the shell alone (library refused) keeps the last layout
        self.shutdown()
        event.accept()

    @property
    def is_shut_down(self) -> bool:
        return self._shut_down

    def shutdown(self) -> None:
        """Stop the preview, exports, checks and background jobs (before the library closes)."""
        if self._shut_down:
            return
        self._shut_down = True
        if self.autosave is not None:
            self.autosave.close()
        if self.backups is not None:
            self.backups.at_quit()  # after the last save, before the library closes
        if self.preview is not None:
            self.preview.shutdown()
        self.publishing.shutdown()
        if self.aids is not None:
            self.aids.shutdown()
        self.ops.wait()

    def reload_all(self) -> None:
        """The library file was replaced (backup restored): show it afresh."""
        self.model.reload()
        self.session.reload_current()
        self.session.reselect_current()
