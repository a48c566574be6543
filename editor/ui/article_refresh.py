"""Keeping the library tree in step after a write, as a mixin of the tree model.

Writes go through commands (:mod:`editor.ui.library_commands`), never
through the model; afterwards the window tells the model what changed and
these methods re-read only that: one issue's (or the pool's) id list, the
issue rows, or one article's row.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from editor.ui.tree_nodes import Kind, Node


class ArticleTreeRefresh:
    """Needs from the model: ``_services``, ``_nodes``, ``_pages``, ``_issue_keys``,
    ``_pool_key``, ``_search_ids``, ``_changing``, ``_node_index``, ``FETCH_BATCH``
    and QAbstractItemModel's ``createIndex``, row insertion/removal and ``dataChanged``."""

    _services: Any
    _nodes: dict[int, Node]
    _pages: OrderedDict[tuple[int, int], dict[int, Any]]
    _issue_keys: dict[int, int]
    _pool_key: int
    _search_ids: list[int] | None
    _changing: bool
    FETCH_BATCH: int
    dataChanged: Any

    def refresh_scopes(self, issue_ids: Iterable[int | None]) -> None:
        """Re-read the article lists of these issues (None: the pool) and issue counts."""
        wanted = set(issue_ids)
        self._pages.clear()
        if self._search_ids is not None:
            return
        counts = {row.id: row for row in self._services.list_issues()}
        for issue_id in wanted:
            key = self._pool_key if issue_id is None else self._issue_keys.get(issue_id)
            if key is None or key not in self._nodes:
                continue
            node = self._nodes[key]
            if node.kind is Kind.ISSUE and issue_id in counts:
                node.issue = counts[issue_id]
            self._reload_node(node)

    def refresh_issue_rows(self) -> None:
        """Issue titles, labels, dates or statuses changed: repaint issue rows."""
        if self._search_ids is not None:
            return
        rows = {row.id: row for row in self._services.list_issues()}
        for issue_id, key in self._issue_keys.items():
            node = self._nodes[key]
            if issue_id in rows:
                node.issue = rows[issue_id]
                index = self._node_index(node)
                self.dataChanged.emit(index, index)

    def _reload_node(self, node: Node) -> None:
        self._changing = True
        try:
            self._replace_rows(node)
        finally:
            self._changing = False

    def _replace_rows(self, node: Node) -> None:
        index = self._node_index(node)
        previously = node.loaded
        if node.loaded:
            self.beginRemoveRows(index, 0, node.loaded - 1)
            node.loaded = 0
            self.endRemoveRows()
        node.ids = self._services.article_ids(node.scope)
        node.count_hint = len(node.ids)
        # Insert at once so that a collapsed node learns it has children now.
        count = min(len(node.ids), max(previously, self.FETCH_BATCH))
        if count:
            self.beginInsertRows(index, 0, count - 1)
            node.loaded = count
            self.endInsertRows()
        self.dataChanged.emit(index, index)

    def article_changed(self, article_id: int) -> None:
        """A title or status changed: forget cached rows and repaint that row."""
        self._pages.clear()
        for node in self._nodes.values():
            if node.holds_articles and node.ids and article_id in node.ids[: node.loaded]:
                index = self.createIndex(node.ids.index(article_id), 0, node.key)
                self.dataChanged.emit(index, index)
