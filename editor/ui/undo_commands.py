"""Undoable library operations (delete, move, reorder) as QUndoCommands.

The core has no "restore a deleted article" service, so undoing a delete
recreates the article from a snapshot of all its fields (``create_article``)
and puts it back at its place (``move_article``). The recreated article gets a
new id: :class:`IdMap` lets older commands on the stack, which still hold the
old id, find it. (A core ``restore_article(snapshot)`` keeping the id and the
revisions would be cleaner; see the report of the main-window issue.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtGui import QUndoCommand

from editor.core.errors import FeuilletError, NotFound
from editor.core.services import ARTICLE_FIELDS

Scope = int | None  # an issue id, None for the draft pool


@dataclass
class Change:
    """What a command changed, for the window to refresh what it shows."""

    scopes: set[Scope] = field(default_factory=set)
    deleted: set[int] = field(default_factory=set)
    created: set[int] = field(default_factory=set)
    error: str = ""


Notify = Callable[[Change], None]


class IdMap:
    """Follows the ids of articles recreated by undoing a delete."""

    def __init__(self) -> None:
        self._new: dict[int, int] = {}

    def resolve(self, article_id: int) -> int:
        seen = set()
        while article_id in self._new and article_id not in seen:
            seen.add(article_id)
            article_id = self._new[article_id]
        return article_id

    def remap(self, old_id: int, new_id: int) -> None:
        if old_id != new_id:
            self._new[old_id] = new_id


@dataclass(frozen=True)
class ArticleSnapshot:
    original_id: int
    scope: Scope
    position: int
    fields: dict[str, Any]


def _ids(services: Any, scope: Scope) -> list[int]:
    return list(services.article_ids("pool" if scope is None else scope))


def snapshot_article(services: Any, article_id: int) -> ArticleSnapshot:
    """Every field of an article and where it sits, enough to recreate it."""
    article = services.get_article(article_id)
    fields = {name: getattr(article, name) for name in ARTICLE_FIELDS}
    scope = article.issue_id
    order = _ids(services, scope)
    position = order.index(article_id) if article_id in order else len(order)
    return ArticleSnapshot(article_id, scope, position, fields)


class _LibraryCommand(QUndoCommand):
    def __init__(self, services: Any, id_map: IdMap, notify: Notify, text: str) -> None:
        super().__init__(text)
        self._services = services
        self._ids = id_map
        self._notify = notify

    def _run(self, work: Callable[[Change], None]) -> None:
        change = Change()
        try:
            work(change)
        except FeuilletError as exc:
            # Something changed under us (article gone…): report, drop the command.
            change.error = str(exc)
            self.setObsolete(True)
        self._notify(change)


class DeleteArticlesCommand(_LibraryCommand):
    """Delete articles; undo recreates them with the same content and place."""

    def __init__(self, services: Any, id_map: IdMap, notify: Notify, ids: Iterable[int],
                 text: str) -> None:  # fmt: skip
        super().__init__(services, id_map, notify, text)
        self._original_ids = list(ids)
        self._snapshots: list[ArticleSnapshot] = []

    def redo(self) -> None:
        def work(change: Change) -> None:
            # All snapshots first: positions must be those of the list before
            # any deletion, so that undo can reinsert in ascending order.
            current = [self._ids.resolve(original) for original in self._original_ids]
            self._snapshots = [
                replace(snapshot_article(self._services, article_id), original_id=original)
                for original, article_id in zip(self._original_ids, current, strict=True)
            ]
            for article_id, snap in zip(current, self._snapshots, strict=True):
                self._services.delete_article(article_id)
                change.deleted.add(article_id)
                change.scopes.add(snap.scope)

        self._run(work)

    def undo(self) -> None:
        def work(change: Change) -> None:
            # Ascending positions: each reinsertion lands where it was.
            for snap in sorted(self._snapshots, key=lambda s: (str(s.scope), s.position)):
                fields = dict(snap.fields)
                title = fields.pop("title")
                scope = snap.scope
                try:
                    new_id = self._services.create_article(scope, title, **fields)
                except NotFound:  # its issue was deleted meanwhile: back to the pool
                    scope = None
                    new_id = self._services.create_article(None, title, **fields)
                self._services.move_article(new_id, scope, snap.position)
                self._ids.remap(snap.original_id, new_id)
                change.created.add(new_id)
                change.scopes.add(scope)

        self._run(work)


class MoveArticlesCommand(_LibraryCommand):
    """Move articles into an issue or the pool at a position (also reorders)."""

    def __init__(self, services: Any, id_map: IdMap, notify: Notify, ids: Iterable[int],
                 target: Scope, position: int | None, text: str) -> None:  # fmt: skip
        super().__init__(services, id_map, notify, text)
        self._original_ids = list(dict.fromkeys(ids))
        self._target = target
        self._position = position
        self._origins: dict[int, Scope] = {}
        self._orders: dict[Scope, list[int]] = {}

    def redo(self) -> None:
        def work(change: Change) -> None:
            ids = [self._ids.resolve(i) for i in self._original_ids]
            rows = self._services.article_rows(ids)
            missing = [i for i in ids if i not in rows]
            if missing:
                raise NotFound(f"no article with id {missing[0]}")
            # Remember the original lists in original ids, to put them back on undo.
            self._origins = {
                orig: rows[i].issue_id for orig, i in zip(self._original_ids, ids, strict=True)
            }
            self._orders = {}
            for scope in {*self._origins.values(), self._target}:
                self._orders[scope] = [self._original(i) for i in _ids(self._services, scope)]
            for article_id in ids:
                if rows[article_id].issue_id != self._target:
                    self._services.move_article(article_id, self._target)
            others = [i for i in _ids(self._services, self._target) if i not in ids]
            at = len(others) if self._position is None else max(0, min(self._position, len(others)))
            self._services.reorder_articles(self._target, others[:at] + ids + others[at:])
            change.scopes.update(self._orders)

        self._run(work)

    def _original(self, article_id: int) -> int:
        for orig in self._original_ids:
            if self._ids.resolve(orig) == article_id:
                return orig
        return article_id

    def undo(self) -> None:
        def work(change: Change) -> None:
            for original, scope in self._origins.items():
                current = self._ids.resolve(original)
                if scope != self._target:
                    self._services.move_article(current, scope)
            for scope, order in self._orders.items():
                wanted = [self._ids.resolve(i) for i in order]
                present = _ids(self._services, scope)
                # Articles added since the move (not undoable) keep their place at the end.
                final = [i for i in wanted if i in present] + [
                    i for i in present if i not in wanted
                ]
                self._services.reorder_articles(scope, final)
                change.scopes.add(scope)

        self._run(work)
