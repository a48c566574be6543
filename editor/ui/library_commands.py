"""What the library's actions do: new, duplicate, rename, delete, move.

Deletes and moves (including drag and drop) go through the QUndoStack as
commands from :mod:`editor.ui.undo_commands`; creating and renaming are plain
service calls. Before anything that reads an article from the database
(duplicate, delete, move), the open article is saved first, so what is copied
or kept for undo is what the user sees.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from editor.core.errors import FeuilletError
from editor.ui.actions import ActionRegistry, make_icon
from editor.ui.article_model import ArticleTreeModel
from editor.ui.i18n import Translator
from editor.ui.library_pane import LibraryPane
from editor.ui.tree_nodes import Kind
from editor.ui.undo_commands import Change, DeleteArticlesCommand, IdMap, MoveArticlesCommand


class Session(Protocol):
    """What the commands need from the editing session (window_controller)."""

    def flush(self) -> bool: ...
    def current(self) -> tuple[str, int] | None: ...
    def forget_deleted(self, article_ids: set[int]) -> None: ...
    def close_current(self) -> None: ...
    def reload_current(self) -> None: ...
    def reselect_current(self) -> None: ...
    def show_message(self, text: str) -> None: ...


class LibraryCommands(QObject):
    def __init__(self, services: Any, model: ArticleTreeModel, pane: LibraryPane,
                 registry: ActionRegistry, translator: Translator, session: Session,
                 window: QWidget) -> None:  # fmt: skip
        super().__init__(window)
        self._services = services
        self._model = model
        self._pane = pane
        self._registry = registry
        self._tr = translator
        self._session = session
        self._window = window
        self.undo_stack = QUndoStack(self)
        self.id_map = IdMap()
        model.move_requested.connect(self.move, Qt.ConnectionType.QueuedConnection)
        pane.context_menu_requested.connect(self.show_context_menu)
        pane.tree.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        pane.tree.selectionModel().currentChanged.connect(lambda *_: self.update_actions())
        for action_id, handler in (
            ("article.new", self.new_article),
            ("issue.new", self.new_issue),
            ("article.duplicate", self.duplicate),
            ("article.rename", self.rename_article),
            ("article.delete", self.delete_articles),
            ("issue.rename", self.rename_issue),
            ("issue.delete", self.delete_issue),
            ("edit.undo", self.undo),
            ("edit.redo", self.redo),
        ):
            registry.connect(action_id, handler)
        registry.restrict_shortcut("article.delete", pane.tree)
        # The stack outlives the tree while the window is destroyed: go quiet then.
        pane.destroyed.connect(lambda *_: self.undo_stack.blockSignals(True))
        self.undo_stack.canUndoChanged.connect(lambda _b: self.update_actions())
        self.undo_stack.canRedoChanged.connect(lambda _b: self.update_actions())
        self.undo_stack.indexChanged.connect(lambda _i: self.update_actions())
        translator.language_changed.connect(lambda _l: self.update_actions())
        self.update_actions()

    # -- enabling ---------------------------------------------------------------

    def update_actions(self) -> None:
        kind, _ident = self._pane.current_item()
        articles = bool(self._pane.selected_article_ids())
        reg = self._registry
        reg.set_enabled("article.duplicate", kind is Kind.ARTICLE)
        reg.set_enabled("article.rename", kind is Kind.ARTICLE)
        reg.set_enabled("article.delete", articles)
        reg.set_enabled("issue.rename", kind is Kind.ISSUE)
        reg.set_enabled("issue.delete", kind is Kind.ISSUE)
        move_menu = reg.menu("move_to")
        if move_menu is not None:
            move_menu.setEnabled(articles)
        for action_id, can, text in (
            ("edit.undo", self.undo_stack.canUndo(), self.undo_stack.undoText()),
            ("edit.redo", self.undo_stack.canRedo(), self.undo_stack.redoText()),
        ):
            action = reg.action(action_id)
            action.setEnabled(can)
            base = self._tr.tr("action.undo" if action_id == "edit.undo" else "action.redo")
            action.setText(f"{base} : {text}" if can and text and self._tr.language == "fr"
                           else f"{base}: {text}" if can and text else base)  # fmt: skip

    # -- where new things go ----------------------------------------------------

    def _target_scope(self) -> int | None:
        """The issue the selection is in (None: the pool)."""
        index = self._pane.current_index()
        kind, ident = self._model.item(index)
        if kind is Kind.ISSUE:
            return ident
        if kind is Kind.ARTICLE:
            scope = self._model.article_scope_of(index)
            if scope and scope[0] is Kind.ISSUE:
                return scope[1]
            if scope and scope[0] is Kind.SEARCH and ident is not None:
                row = self._services.article_rows([ident]).get(ident)
                return row.issue_id if row else None
        return None

    def selected_issue_id(self) -> int | None:
        """The issue of the selection: the selected issue, or the issue of the
        selected article (what Export…, Publish… and Check issue act on)."""
        return self._target_scope()

    def _target_publication(self) -> int | None:
        kind, ident = self._pane.current_item()
        if kind is Kind.PUBLICATION:
            return ident
        scope = self._target_scope()
        if scope is not None:
            row = self._model.issue_row(scope)
            if row is not None:
                return row.publication_id
        publications = self._services.list_publications()
        return publications[0].id if publications else None

    # -- plain commands ---------------------------------------------------------

    def _guard(self, work: Any) -> Any:
        try:
            return work()
        except FeuilletError as exc:
            QMessageBox.warning(self._window, self._tr.tr("dialog.error_title"), str(exc))
            return None

    def new_article(self) -> int | None:
        if not self._session.flush():
            return None
        scope = self._target_scope()
        new_id = self._guard(
            lambda: self._services.create_article(scope, self._tr.tr("new.article_title"))
        )
        if new_id is not None:
            self._model.refresh_scopes([scope])
            self._pane.select_article(new_id, scope)
        return new_id

    def new_issue(self) -> int | None:
        if not self._session.flush():
            return None
        publication_id = self._target_publication()

        def create() -> int:
            pub = publication_id
            if pub is None:
                pub = self._services.create_publication(self._tr.tr("new.publication_name"))
            return self._services.create_issue(
                pub, self._tr.tr("new.issue_title"), issue_date=date.today()
            )

        issue_id = self._guard(create)
        if issue_id is not None:
            self._model.reload()
            self._pane.select_issue(issue_id)
        return issue_id

    def duplicate(self) -> int | None:
        kind, ident = self._pane.current_item()
        if kind is not Kind.ARTICLE or ident is None or not self._session.flush():
            return None
        copy_id = self._guard(lambda: self._services.duplicate_article(ident))
        if copy_id is not None:
            scope = self._services.article_rows([copy_id])[copy_id].issue_id
            self._model.refresh_scopes([scope])
            self._pane.select_article(copy_id, scope)
        return copy_id

    def _ask_text(self, title_key: str, label_key: str, value: str) -> str | None:
        text, ok = QInputDialog.getText(
            self._window, self._tr.tr(title_key), self._tr.tr(label_key), text=value
        )
        text = text.strip()
        return text if ok and text and text != value else None

    def rename_article(self, new_title: str | None = None) -> None:
        kind, ident = self._pane.current_item()
        if kind is not Kind.ARTICLE or ident is None or not self._session.flush():
            return
        title = new_title or self._ask_text(
            "dialog.rename_article", "dialog.new_title", self._services.get_article(ident).title
        )
        if not title:
            return
        if self._guard(lambda: self._services.save_draft(ident, {"title": title})) is not None:
            self._model.article_changed(ident)
            if self._session.current() == ("article", ident):
                self._session.reload_current()

    def rename_issue(self, new_title: str | None = None) -> None:
        kind, ident = self._pane.current_item()
        if kind is not Kind.ISSUE or ident is None or not self._session.flush():
            return
        row = self._model.issue_row(ident)
        title = new_title or self._ask_text(
            "dialog.rename_issue", "dialog.new_title", row.title if row else ""
        )
        if not title:
            return
        self._guard(lambda: self._services.update_issue(ident, title=title))
        self._model.reload()
        self._session.reselect_current()
        if self._session.current() == ("issue", ident):
            self._session.reload_current()

    def delete_issue(self, confirm: bool = True) -> None:
        kind, ident = self._pane.current_item()
        if kind is not Kind.ISSUE or ident is None or not self._session.flush():
            return
        row = self._model.issue_row(ident)
        if confirm:
            answer = QMessageBox.question(
                self._window,
                self._tr.tr("dialog.delete_issue_title"),
                self._tr.tr("dialog.delete_issue_text", title=row.title if row else ""),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self._session.current() == ("issue", ident):
            self._session.close_current()
        self._guard(lambda: self._services.delete_issue(ident))
        self._model.reload()
        self._session.reselect_current()

    # -- undoable commands ------------------------------------------------------

    def undo(self) -> None:
        """Undo the last library command and say so (replacing "Ctrl+Z to undo")."""
        if not self.undo_stack.canUndo():
            return
        text = self.undo_stack.undoText()
        self.undo_stack.undo()
        self._session.show_message(self._tr.tr("status.undone", what=text))

    def redo(self) -> None:
        if not self.undo_stack.canRedo():
            return
        text = self.undo_stack.redoText()
        self.undo_stack.redo()
        self._session.show_message(self._tr.tr("status.redone", what=text))

    def _notify(self, change: Change) -> None:
        self._session.forget_deleted(change.deleted)
        self._model.refresh_scopes(change.scopes)
        if not (change.created and self._select_restored(change.created)):
            self._session.reselect_current()
        if change.error:
            self._session.show_message(change.error)

    def _select_restored(self, created: set[int]) -> bool:
        """Undoing a delete: select (and so open) what came back, where it came back."""
        rows = self._services.article_rows(sorted(created))
        first = next((rows[i] for i in sorted(rows)), None)
        return first is not None and self._pane.select_article(first.id, first.issue_id)

    def delete_articles(self, ids: list[int] | None = None) -> None:
        ids = ids or self._pane.selected_article_ids()
        if not ids or not self._session.flush():
            return
        rows = self._services.article_rows(ids)
        if len(ids) == 1 and ids[0] in rows:
            text = self._tr.tr("undo.delete_one", title=rows[ids[0]].title)
        else:
            text = self._tr.tr("undo.delete_many", count=len(ids))
        self.undo_stack.push(DeleteArticlesCommand(self._services, self.id_map, self._notify,
                                                   ids, text))  # fmt: skip
        self._session.show_message(self._tr.tr("status.deleted_hint", what=text))

    def move(self, ids: list[int], target: int | None, position: int | None = None) -> None:
        if not ids or not self._session.flush():
            return
        rows = self._services.article_rows(ids)
        if len(ids) == 1 and ids[0] in rows:
            text = self._tr.tr("undo.move_one", title=rows[ids[0]].title)
        else:
            text = self._tr.tr("undo.move_many", count=len(ids))
        self.undo_stack.push(MoveArticlesCommand(self._services, self.id_map, self._notify,
                                                 ids, target, position, text))  # fmt: skip

    # -- menus ------------------------------------------------------------------

    def fill_move_menu(self, menu: QMenu) -> None:
        """The "Move to" submenu: the pool, then every issue by publication."""
        menu.clear()
        ids = self._pane.selected_article_ids()
        pool = menu.addAction(make_icon("ph.tray"), self._tr.tr("tree.pool"))
        pool.triggered.connect(lambda: self.move(ids, None))
        for publication, issues in self._model.issue_rows():
            menu.addSection(publication)
            for issue in issues:
                action = menu.addAction(issue.title)
                action.triggered.connect(lambda _c=False, i=issue.id: self.move(ids, i))
        menu.setEnabled(bool(ids))

    def show_context_menu(self, global_pos: QPoint) -> None:
        menu = self.build_context_menu()
        if not menu.isEmpty():
            menu.exec(global_pos)
        menu.deleteLater()

    def build_context_menu(self) -> QMenu:
        kind, _ident = self._pane.current_item()
        reg = self._registry
        menu = QMenu(self._pane)
        if kind is Kind.ARTICLE:
            self._add_items(menu, ("article.new", "article.duplicate", "article.rename", None))
            move = menu.addMenu(make_icon("ph.arrow-square-right"), self._tr.tr("menu.move_to"))
            self.fill_move_menu(move)
            menu.addAction(reg.action("file.history"))
            menu.addSeparator()
            menu.addAction(reg.action("article.delete"))
        elif kind is Kind.ISSUE:
            self._add_items(
                menu, ("article.new", "issue.new", None, "issue.rename", "issue.delete")
            )
        elif kind is Kind.POOL:
            menu.addAction(reg.action("article.new"))
        elif kind is Kind.PUBLICATION:
            menu.addAction(reg.action("issue.new"))
        return menu

    def _add_items(self, menu: QMenu, items: tuple[str | None, ...]) -> None:
        for item in items:
            if item is None:
                menu.addSeparator()
            else:
                menu.addAction(self._registry.action(item))
