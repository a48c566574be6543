"""The Issue menu's publishing commands and the "Checks" dock of the window.

**Export…** and **Publish…** open an :class:`~editor.ui.export_dialog.ExportDialog`
for the issue of the selection (the selected issue, or the issue of the selected
article). The open article is saved first, so what is exported is what the user
sees. A publication refreshes the issue's status in the tree, and reloads the
issue if it is open in the editor: the editor holds the status field, and an
autosave of the old value would otherwise undo "published".

The **Checks** dock holds a :class:`~editor.ui.check_panel.CheckPanel`. While
it is visible it follows the selection, one check per issue (a check renders
every article on a worker thread; a hidden dock costs nothing). Activating a
problem selects its article, which opens it in the editor.

The dock exists from the window's first paint, so ``restoreState`` puts it back
where the user left it; the commands work once the library is attached.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from editor.ui.actions import ActionRegistry
from editor.ui.check_panel import CheckPanel
from editor.ui.i18n import Translator

ISSUE_ACTIONS = ("issue.check", "issue.export", "issue.publish")
DOCK_HEIGHT = 190  # px: a summary line and five or six problems


class PublishingCommands(QObject):
    """Export/Publish dialogs and the Checks dock of one main window."""

    def __init__(
        self,
        window: QMainWindow,
        registry: ActionRegistry,
        translator: Translator,
        show_message: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._registry = registry
        self._tr = translator
        self._show_message = show_message
        self._library: Any = None
        self._model: Any = None
        self._pane: Any = None
        self._session: Any = None
        self._selected_issue: Callable[[], int | None] = lambda: None
        self._dialogs: list[Any] = []
        self._fitted = False  # the dock got its first height (or the saved one)

        self.panel = CheckPanel(translator)
        self.dock = QDockWidget(window)
        self.dock.setObjectName("checksDock")  # saveState/restoreState key
        self.dock.setWidget(self.panel)
        self.dock.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea
        )
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()  # until the user asks (or restoreState shows it again)
        self.dock.visibilityChanged.connect(self._dock_visibility_changed)
        self.panel.sig_article_activated.connect(self.select_article)

        registry.connect("view.checks", self.set_dock_visible)
        registry.connect("issue.check", self.check_selected_issue)
        registry.connect("issue.export", lambda: self.open_dialog(publish=False))
        registry.connect("issue.publish", lambda: self.open_dialog(publish=True))
        translator.language_changed.connect(self.retranslate)
        self.retranslate()
        self.update_actions()

    # -- wiring -----------------------------------------------------------------

    def attach(self, library: Any, model: Any, pane: Any, session: Any,
               selected_issue: Callable[[], int | None]) -> None:  # fmt: skip
        """The library is open: the commands can work (called once)."""
        self._library = library
        self._model = model
        self._pane = pane
        self._session = session
        self._selected_issue = selected_issue
        selection = pane.tree.selectionModel()
        selection.currentChanged.connect(lambda *_: self._selection_changed())
        model.modelReset.connect(self._selection_changed)
        self._selection_changed()

    def retranslate(self, _language: str = "") -> None:
        self.dock.setWindowTitle(self._tr.tr("dock.checks"))

    def selected_issue(self) -> int | None:
        return self._selected_issue() if self._library is not None else None

    def update_actions(self) -> None:
        enabled = self.selected_issue() is not None
        for action_id in ISSUE_ACTIONS:
            self._registry.set_enabled(action_id, enabled)

    def _selection_changed(self) -> None:
        self.update_actions()
        if self.dock.isVisible():
            self._follow(self.selected_issue())

    def _follow(self, issue_id: int | None) -> None:
        """Check ``issue_id`` unless the panel already shows it (a click on another
        article of the same issue must not re-render the whole issue)."""
        if self._library is None:
            return
        if issue_id != self.panel.issue_id or (issue_id is None and self.panel.problems):
            self.panel.set_issue(self._library.services, issue_id)

    # -- the dock ---------------------------------------------------------------

    def set_dock_visible(self, visible: bool) -> None:
        self.dock.setVisible(visible)
        if visible:
            self.dock.raise_()
            if not self._fitted:
                self._fitted = True
                QTimer.singleShot(0, self._fit_dock)  # once the layout has placed it

    def _fit_dock(self) -> None:
        # Qt gives a new bottom dock what the editor can spare: the problems need less.
        if self.dock.isVisible() and self.dock.height() > DOCK_HEIGHT + 40:
            self._window.resizeDocks([self.dock], [DOCK_HEIGHT], Qt.Orientation.Vertical)

    def _dock_visibility_changed(self, visible: bool) -> None:
        self.sync_action()
        if visible:
            self._follow(self.selected_issue())

    def sync_action(self, restored: bool = False) -> None:
        """Keep View ▸ Checks ticked as the dock is (its own close button hides it).
        ``restored``: after restoreState, whose height for the dock is the user's."""
        action = self._registry.action("view.checks")
        shown = not self.dock.isHidden()
        self._fitted = self._fitted or (restored and shown)
        if action.isChecked() != shown:
            action.blockSignals(True)
            action.setChecked(shown)
            action.blockSignals(False)

    def check_selected_issue(self) -> None:
        """Issue ▸ Check issue: show the dock and check the issue again now."""
        issue_id = self.selected_issue()
        if issue_id is None:
            return
        self._registry.action("view.checks").setChecked(True)  # shows the dock
        if issue_id == self.panel.issue_id and not self.panel.is_checking():
            self.panel.recheck()
        else:
            self._follow(issue_id)

    def select_article(self, article_id: int) -> bool:
        """A problem was activated: select its article (the session opens it)."""
        if self._library is None:
            return False
        row = self._library.services.article_rows([article_id]).get(article_id)
        if row is None or not self._pane.select_article(article_id, row.issue_id):
            return False
        editor = getattr(self._window, "editor", None)
        if editor is not None and hasattr(editor, "body_edit"):
            editor.body_edit().setFocus()
        return True

    # -- export and publish -----------------------------------------------------

    def open_dialog(self, publish: bool = False) -> Any:
        """Open Export… (or Publish…) for the selected issue; the dialog, or None."""
        issue_id = self.selected_issue()
        if issue_id is None or not self._session.flush():
            return None
        from editor.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self._library, issue_id, publish=publish,
                              settings=getattr(self._window, "settings", None),
                              translator=self._tr, parent=self._window)  # fmt: skip
        dialog.sig_exported.connect(self._exported)
        dialog.sig_published.connect(self._published)
        dialog.finished.connect(lambda _result, d=dialog: self._dialog_closed(d))
        self._dialogs.append(dialog)
        dialog.open()  # window-modal, without a nested event loop
        return dialog

    def dialogs(self) -> list[Any]:
        return list(self._dialogs)

    def _dialog_closed(self, dialog: Any) -> None:
        dialog.shutdown()
        if dialog in self._dialogs:
            self._dialogs.remove(dialog)
        dialog.deleteLater()

    def _exported(self, export: Any) -> None:
        self._show_message(self._tr.tr("status.exported", path=getattr(export, "path", "")))

    def _published(self, issue_id: int) -> None:
        self._model.refresh_issue_rows()
        if self._session.current() == ("issue", issue_id):
            self._session.reload_current()  # the editor's status field says "published" too
        row = self._model.issue_row(issue_id)
        title = (row.label or row.title) if row is not None else str(issue_id)
        self._show_message(self._tr.tr("status.issue_published", title=title))
        if self.dock.isVisible() and self.panel.issue_id == issue_id:
            self.panel.recheck()

    def shutdown(self) -> None:
        """Cancel running exports and wait for checks (before the library closes)."""
        for dialog in list(self._dialogs):
            dialog.shutdown()
        self.panel.shutdown()
