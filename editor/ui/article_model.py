"""The library tree: publications → issues → articles, plus the draft pool.

A QAbstractItemModel over ids, in the manner of Anki's browser table: the tree
keeps only ids; an issue's (or the pool's) id list is read when it is first
expanded and exposed to the view in batches (canFetchMore/fetchMore); the
titles and statuses shown are read a page of ids at a time through
``services.article_rows`` and kept in a small LRU cache. A 100,000-article pool
therefore costs one id query and a couple of 200-row reads per screen.

Each index stores in ``internalId`` the key of its *parent* container node, so
``parent()`` is a dictionary lookup and articles need no Python object each.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from editor.ui.article_dnd import ArticleDragDrop
from editor.ui.article_refresh import ArticleTreeRefresh
from editor.ui.i18n import Translator
from editor.ui.tree_nodes import (
    ARTICLE_ROW_ROLES,
    ID_ROLE,
    KIND_ROLE,
    STATUS_ROLE,
    Kind,
    Node,
    article_data,
    container_data,
)

__all__ = ["ID_ROLE", "KIND_ROLE", "STATUS_ROLE", "ArticleTreeModel"]


_ROOT = 0


class ArticleTreeModel(ArticleDragDrop, ArticleTreeRefresh, QAbstractItemModel):
    """Lazy tree model of the library. Writes go through commands, never here."""

    # ids, target issue id (None = pool), position in the target (None = append)
    move_requested = Signal(list, object, object)

    FETCH_BATCH = 500
    PAGE_SIZE = 200
    MAX_PAGES = 64

    def __init__(
        self, services: Any, translator: Translator, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._tr = translator
        self._nodes: dict[int, Node] = {}
        self._issue_keys: dict[int, int] = {}
        self._pool_key = -1
        self._next_key = 1
        self._pages: OrderedDict[tuple[int, int], dict[int, Any]] = OrderedDict()
        self._search_ids: list[int] | None = None
        self._changing = False
        item = Qt.ItemFlag
        base = item.ItemIsEnabled | item.ItemIsSelectable
        article = base | item.ItemIsDragEnabled | item.ItemNeverHasChildren
        self._flags = {
            "none": item.NoItemFlags,
            "container": base,
            "target": base | item.ItemIsDropEnabled,
            "article": article | item.ItemIsDropEnabled,
            "found": article,  # search results can be dragged out, not dropped onto
        }
        translator.language_changed.connect(self._retranslate)
        self._build()

    # -- structure ------------------------------------------------------------

    def _add(self, node: Node) -> Node:
        if node.holds_articles:
            node.child_flags = self._flags["found" if node.kind is Kind.SEARCH else "article"]
        self._nodes[node.key] = node
        parent = self._nodes[node.parent_key]
        node.row = len(parent.children)
        parent.children.append(node.key)
        return node

    def _new_key(self) -> int:
        self._next_key += 1
        return self._next_key

    def _build(self) -> None:
        self._nodes = {_ROOT: Node(_ROOT, Kind.ROOT, None, -1)}
        self._issue_keys.clear()
        self._pool_key = -1
        self._pages.clear()
        if self._search_ids is not None:
            node = self._add(Node(self._new_key(), Kind.SEARCH, None, _ROOT))
            node.ids = list(self._search_ids)
            node.loaded = min(len(node.ids), self.FETCH_BATCH)
            return
        issues_by_pub: dict[int, list[Any]] = {}
        for issue in self._services.list_issues():
            issues_by_pub.setdefault(issue.publication_id, []).append(issue)
        for publication in self._services.list_publications():
            pub = self._add(Node(self._new_key(), Kind.PUBLICATION, publication.id, _ROOT))
            pub.name = publication.name
            for issue in issues_by_pub.get(publication.id, []):
                node = self._add(Node(self._new_key(), Kind.ISSUE, issue.id, pub.key))
                node.issue = issue
                node.count_hint = issue.article_count
                self._issue_keys[issue.id] = node.key
        pool = self._add(Node(self._new_key(), Kind.POOL, None, _ROOT))
        pool.count_hint = self._services.count_articles("pool")
        self._pool_key = pool.key

    def reload(self) -> None:
        """Re-read publications and issues (after one is created, renamed, deleted)."""
        self._reset(self._search_ids)

    def set_search_results(self, ids: list[int] | None) -> None:
        """Show a flat list of matches (None: back to the library tree)."""
        self._reset(None if ids is None else list(ids))

    def _reset(self, search_ids: list[int] | None) -> None:
        self._changing = True  # no fetchMore from listeners while the tree is rebuilt
        try:
            self.beginResetModel()
            self._search_ids = search_ids
            self._build()
            self.endResetModel()
        finally:
            self._changing = False

    @property
    def searching(self) -> bool:
        return self._search_ids is not None

    # -- node helpers -----------------------------------------------------------

    def _container(self, index: QModelIndex) -> Node | None:
        """The container node ``index`` stands for (None for an article index)."""
        if not index.isValid():
            return self._nodes[_ROOT]
        parent = self._nodes.get(index.internalId())
        if parent is None or parent.holds_articles or index.row() >= len(parent.children):
            return None
        return self._nodes[parent.children[index.row()]]

    def _node_index(self, node: Node) -> QModelIndex:
        if node.kind is Kind.ROOT:
            return QModelIndex()
        return self.createIndex(node.row, 0, node.parent_key)

    def _ensure_ids(self, node: Node) -> list[int]:
        if node.ids is None:
            node.ids = self._services.article_ids(node.scope)
        return node.ids

    def item(self, index: QModelIndex) -> tuple[Kind, int | None]:
        """(kind, id) of an index: the article, issue or publication id; None for the pool."""
        if not index.isValid():
            return Kind.ROOT, None
        parent = self._nodes[index.internalId()]
        if parent.holds_articles:
            return Kind.ARTICLE, parent.ids[index.row()] if parent.ids else None
        node = self._nodes[parent.children[index.row()]]
        return node.kind, node.ident

    def article_scope_of(self, index: QModelIndex) -> tuple[Kind, int | None] | None:
        """For an article index, the (kind, issue id) of the list it is shown in."""
        if not index.isValid():
            return None
        parent = self._nodes[index.internalId()]
        return (parent.kind, parent.ident) if parent.holds_articles else None

    def issue_rows(self) -> list[tuple[str, list[Any]]]:
        """(publication name, its IssueRows) for "move to" menus."""
        result = []
        for key in self._nodes[_ROOT].children:
            node = self._nodes[key]
            if node.kind is Kind.PUBLICATION:
                result.append((node.name, [self._nodes[k].issue for k in node.children]))
        return result

    def issue_row(self, issue_id: int) -> Any | None:
        key = self._issue_keys.get(issue_id)
        return None if key is None else self._nodes[key].issue

    # -- Qt model interface -----------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Called for every row QTreeView lays out (100k on a big pool): kept lean.
        if column or row < 0:
            return QModelIndex()
        if parent.isValid():
            holder = self._nodes.get(parent.internalId())
            if holder is None or holder.holds_articles:
                return QModelIndex()
            children = holder.children
            prow = parent.row()
            if prow >= len(children):
                return QModelIndex()
            node = self._nodes[children[prow]]
        else:
            node = self._nodes[_ROOT]
        if row >= (node.loaded if node.holds_articles else len(node.children)):
            return QModelIndex()
        return self.createIndex(row, 0, node.key)

    def parent(self, child: QModelIndex | None = None) -> Any:  # type: ignore[override]
        if child is None:  # QObject.parent()
            return QObject.parent(self)
        if not child.isValid():
            return QModelIndex()
        node = self._nodes.get(child.internalId())
        if node is None or node.kind is Kind.ROOT:
            return QModelIndex()
        return self._node_index(node)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        node = self._container(parent)
        if node is None:
            return 0
        return node.loaded if node.holds_articles else len(node.children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.column() > 0:
            return False
        node = self._container(parent)
        if node is None:
            return False
        if node.holds_articles:
            return (len(node.ids) if node.ids is not None else node.count_hint) > 0
        return bool(node.children)

    def canFetchMore(self, parent: QModelIndex) -> bool:
        node = self._container(parent)
        if node is None or not node.holds_articles:
            return False
        return node.ids is None or node.loaded < len(node.ids)

    def fetchMore(self, parent: QModelIndex) -> None:
        node = self._container(parent)
        # Listeners of rowsAboutToBeInserted (QAbstractItemModelTester does)
        # may ask for more while we insert: never nest two inserts.
        if node is None or not node.holds_articles or self._changing:
            return
        ids = self._ensure_ids(node)
        # Geometric growth: each insert makes the view re-lay out the node, so
        # doubling keeps a jump to the end of 100k rows at ~8 inserts, not 200.
        count = min(max(self.FETCH_BATCH, node.loaded), len(ids) - node.loaded)
        if count <= 0:
            return
        self._changing = True
        try:
            self.beginInsertRows(parent, node.loaded, node.loaded + count - 1)
            node.loaded += count
            self.endInsertRows()
        finally:
            self._changing = False

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        # Precomputed: flag arithmetic on Python enums costs more than the lookup.
        parent = self._nodes.get(index.internalId()) if index.isValid() else None
        if parent is None:
            return self._flags["none"]
        if parent.holds_articles:
            return parent.child_flags
        node = self._nodes[parent.children[index.row()]]
        return self._flags["target" if node.kind in (Kind.ISSUE, Kind.POOL) else "container"]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        parent = self._nodes.get(index.internalId())
        if parent is None:
            return None
        if parent.holds_articles:
            row = index.row()
            ident = parent.ids[row] if parent.ids and row < len(parent.ids) else None
            # Only roles a view paints need the row itself (a cached page read).
            needs_row = role in ARTICLE_ROW_ROLES
            article = self._article_row(parent, row) if needs_row else None
            return article_data(article, ident, role, self._tr)
        return container_data(self._nodes[parent.children[index.row()]], role, self._tr)

    # -- data -------------------------------------------------------------------

    def _article_row(self, node: Node, row: int) -> Any | None:
        ids = node.ids or []
        if row >= len(ids):
            return None
        page_key = (node.key, row // self.PAGE_SIZE)
        page = self._pages.get(page_key)
        if page is None:
            start = page_key[1] * self.PAGE_SIZE
            page = self._services.article_rows(ids[start : start + self.PAGE_SIZE])
            self._pages[page_key] = page
            while len(self._pages) > self.MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_key)
        return page.get(ids[row])

    def _retranslate(self, _language: str = "") -> None:
        # Texts only: no row moves, so the view keeps expansion and selection.
        self._changing = True
        try:
            self.layoutAboutToBeChanged.emit()
            self.layoutChanged.emit()
        finally:
            self._changing = False

    def index_for_issue(self, issue_id: int) -> QModelIndex:
        key = self._issue_keys.get(issue_id)
        return QModelIndex() if key is None else self._node_index(self._nodes[key])

    def index_for_article(self, article_id: int, issue_id: int | None) -> QModelIndex:
        """The article's index in its issue (or the pool, or the search results),
        fetching rows up to it when needed."""
        if self._search_ids is not None:
            node = self._nodes[self._nodes[_ROOT].children[0]]
        else:
            key = self._pool_key if issue_id is None else self._issue_keys.get(issue_id)
            if key is None:
                return QModelIndex()
            node = self._nodes[key]
        ids = self._ensure_ids(node)
        if article_id not in ids:
            return QModelIndex()
        row = ids.index(article_id)
        if row >= node.loaded and not self._changing:
            self._changing = True
            try:
                self.beginInsertRows(self._node_index(node), node.loaded, row)
                node.loaded = row + 1
                self.endInsertRows()
            finally:
                self._changing = False
        return self.createIndex(row, 0, node.key)

    def pool_index(self) -> QModelIndex:
        node = self._nodes.get(self._pool_key)
        return QModelIndex() if node is None else self._node_index(node)
