"""The left pane: search field above the library tree.

The pane shows and selects; it never writes. Selecting an item emits
``article_selected``/``issue_selected``; a drop asks the model, which emits
``move_requested`` for :mod:`editor.ui.library_commands` to push an undoable
command. Typing in the search field runs the full-text search on a worker
after a short pause and shows the matches as a flat list. The search icon
comes with :meth:`LibraryPane.load_icons`, after the window's first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from editor.ui.actions import make_icon
from editor.ui.article_model import ArticleTreeModel
from editor.ui.i18n import Translator
from editor.ui.ops import OpRunner
from editor.ui.tree_nodes import Kind


class LibraryTree(QTreeView):
    """A tree tuned for long lists: uniform row heights, no header, drag to move."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryTree")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)  # lets the view skip measuring 100k rows
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setAutoExpandDelay(600)
        self.setExpandsOnDoubleClick(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setIndentation(16)
        self.setAnimated(False)


class LibraryPane(QWidget):
    article_selected = Signal(int)
    issue_selected = Signal(int)
    other_selected = Signal()  # a publication, the pool, or nothing
    context_menu_requested = Signal(QPoint)
    search_failed = Signal(str)

    SEARCH_DELAY_MS = 250

    def __init__(
        self,
        model: ArticleTreeModel,
        translator: Translator,
        ops: OpRunner,
        search: Callable[[str], list[Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPane")
        self._model = model
        self._tr = translator
        self._ops = ops
        self._search = search
        self._silent = False
        self._saved_expansion: set[tuple[int, int | None]] = set()

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("librarySearch")
        self.search_edit.setClearButtonEnabled(True)
        self.tree = LibraryTree(self)
        self.tree.setModel(model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.tree, 1)

        self._search_timer = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.customContextMenuRequested.connect(
            lambda pos: self.context_menu_requested.emit(self.tree.viewport().mapToGlobal(pos))
        )
        model.modelAboutToBeReset.connect(self._remember_expansion)
        model.modelReset.connect(self._restore_expansion)
        translator.language_changed.connect(self.retranslate)
        self.retranslate()
        self.expand_defaults()

    def load_icons(self) -> None:
        """The search field's magnifier (the window calls this after its first paint)."""
        if self.search_edit.property("iconLoaded"):
            return
        self.search_edit.setProperty("iconLoaded", True)
        self.search_edit.addAction(
            make_icon("ph.magnifying-glass"), QLineEdit.ActionPosition.LeadingPosition
        )

    # -- selection --------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._silent:
            return
        kind, ident = self._model.item(current)
        if kind is Kind.ARTICLE and ident is not None:
            self.article_selected.emit(ident)
        elif kind is Kind.ISSUE and ident is not None:
            self.issue_selected.emit(ident)
        else:
            self.other_selected.emit()

    def current_item(self) -> tuple[Kind, int | None]:
        return self._model.item(self.tree.currentIndex())

    def current_index(self) -> QModelIndex:
        return self.tree.currentIndex()

    def selected_article_ids(self) -> list[int]:
        """Selected articles in display order (the current one if none selected)."""
        indexes = sorted(self.tree.selectionModel().selectedIndexes(),
                         key=lambda i: (i.internalId(), i.row()))  # fmt: skip
        ids = [self._model.item(i)[1] for i in indexes if self._model.item(i)[0] is Kind.ARTICLE]
        if not ids:
            kind, ident = self.current_item()
            if kind is Kind.ARTICLE and ident is not None:
                ids = [ident]
        return [i for i in dict.fromkeys(ids) if i is not None]

    def _select(self, index: QModelIndex, silent: bool) -> bool:
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self._silent = silent
        try:
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        finally:
            self._silent = False
        self.tree.scrollTo(index)
        return True

    def select_article(self, article_id: int, issue_id: int | None, silent: bool = False) -> bool:
        return self._select(self._model.index_for_article(article_id, issue_id), silent)

    def select_issue(self, issue_id: int, silent: bool = False) -> bool:
        return self._select(self._model.index_for_issue(issue_id), silent)

    # -- expansion --------------------------------------------------------------

    def expand_defaults(self) -> None:
        """Publications open, the most recent issue of each open, the pool closed."""
        root = QModelIndex()
        for row in range(self._model.rowCount(root)):
            index = self._model.index(row, 0, root)
            kind, _ident = self._model.item(index)
            if kind in (Kind.PUBLICATION, Kind.SEARCH):
                self.tree.expand(index)
                if kind is Kind.PUBLICATION and self._model.rowCount(index):
                    self.tree.expand(self._model.index(0, 0, index))

    def _walk_containers(self) -> list[QModelIndex]:
        found: list[QModelIndex] = []
        root = QModelIndex()
        for row in range(self._model.rowCount(root)):
            index = self._model.index(row, 0, root)
            found.append(index)
            if self._model.item(index)[0] is Kind.PUBLICATION:
                found.extend(
                    self._model.index(r, 0, index) for r in range(self._model.rowCount(index))
                )
        return found

    def _remember_expansion(self) -> None:
        if self._model.searching:
            return
        self._saved_expansion = {
            (int(kind), ident)
            for index in self._walk_containers()
            if self.tree.isExpanded(index)
            for kind, ident in [self._model.item(index)]
        }

    def _restore_expansion(self) -> None:
        if self._model.searching:
            self.expand_defaults()
            return
        if not self._saved_expansion:
            self.expand_defaults()
            return
        for index in self._walk_containers():
            kind, ident = self._model.item(index)
            if (int(kind), ident) in self._saved_expansion:
                self.tree.expand(index)

    # -- search -----------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _run_search(self) -> None:
        query = self.search_edit.text().strip()
        if not query:
            if self._model.searching:
                self._model.set_search_results(None)
            return
        self._ops.run(
            "library-search",
            self._search,
            query,
            on_done=lambda rows: self._model.set_search_results([row.id for row in rows]),
            on_error=lambda exc: self.search_failed.emit(str(exc)),
        )

    def retranslate(self, _language: str = "") -> None:
        self.search_edit.setPlaceholderText(self._tr.tr("library.search_placeholder"))
        self.search_edit.setToolTip(self._tr.tr("library.search_tip"))
