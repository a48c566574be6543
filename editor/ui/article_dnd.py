"""Drag and drop of articles in the library tree, as a mixin of the tree model.

The payload is a custom MIME type holding article ids (JSON), never rows: a
drop only *asks* for a move (``move_requested``), which the window turns into
an undoable command; the view's own row removal is a no-op (``removeRows`` is
not implemented), so what the tree shows always comes from the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt

from editor.ui.tree_nodes import ARTICLE_MIME, Kind, Node


class ArticleDragDrop:
    """Needs from the model: ``_nodes``, ``_container``, ``_ensure_ids``, ``item``
    and the ``move_requested`` signal."""

    _nodes: dict[int, Node]
    move_requested: Any

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ARTICLE_MIME]

    def mimeData(self, indexes: Iterable[QModelIndex]) -> QMimeData | None:
        ids: list[int] = []
        for index in sorted(indexes, key=lambda i: (i.internalId(), i.row())):
            kind, ident = self.item(index)
            if kind is Kind.ARTICLE and ident is not None and ident not in ids:
                ids.append(ident)
        if not ids:
            return None
        data = QMimeData()
        data.setData(ARTICLE_MIME, QByteArray(json.dumps({"ids": ids}).encode()))
        return data

    def _drop_target(self, row: int, parent: QModelIndex) -> tuple[Node, int | None] | None:
        if not parent.isValid():
            return None
        holder = self._nodes[parent.internalId()]
        if holder.holds_articles:  # dropped onto an article: insert before it
            return (holder, parent.row()) if holder.kind is not Kind.SEARCH else None
        node = self._container(parent)
        if node is not None and node.kind in (Kind.ISSUE, Kind.POOL):
            return node, (row if row >= 0 else None)
        return None

    @staticmethod
    def decode_ids(data: QMimeData) -> list[int]:
        if not data.hasFormat(ARTICLE_MIME):
            return []
        try:
            payload = json.loads(bytes(data.data(ARTICLE_MIME).data()).decode())
            return [int(i) for i in payload.get("ids", [])]
        except (ValueError, TypeError, AttributeError):
            return []

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: QModelIndex) -> bool:  # fmt: skip
        return bool(self.decode_ids(data)) and self._drop_target(row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex) -> bool:  # fmt: skip
        ids = self.decode_ids(data)
        target = self._drop_target(row, parent)
        if not ids or target is None or action == Qt.DropAction.IgnoreAction:
            return False
        node, position = target
        if position is not None:
            # Qt counts rows with the dragged articles still in place; the move
            # service counts them without: drop the ones above the drop point.
            shown = self._ensure_ids(node)[:position]
            position -= sum(1 for i in shown if i in set(ids))
        self.move_requested.emit(ids, node.ident, position)
        # The rows are moved by the command, not by the view (removeRows is a no-op).
        return True
