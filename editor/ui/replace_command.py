"""Library-wide replacement as one undo step, refused if a field changed since the search.

The find/replace dialog (:mod:`editor.ui.find_replace_dialog`) computes a
:class:`~editor.core.find_replace.ReplacementPlan`; :class:`ReplaceInLibraryCommand`
applies it in one transaction through :func:`apply_checked`, which re-reads
every field just before writing and raises :class:`StalePlanError` when one
no longer holds the text the plan was computed from (edited meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtGui import QUndoCommand

from editor.core.find_replace import ReplacementPlan

TEXT_FIELDS = ("title", "kicker", "standfirst", "byline_name", "byline_role", "source", "credit", "body")  # fmt: skip
Item = tuple[int, str, str]  # (article id, field, text)


class StalePlanError(Exception):
    """Fields changed since the plan was computed; nothing was written."""

    def __init__(self, stale: list[tuple[int, str]]) -> None:
        super().__init__(f"{len(stale)} field(s) changed since the search")
        self.stale = stale


def read_items(services: Any, article_ids: Iterable[int]) -> list[Item]:
    """The text fields of these articles, as the core's search wants them."""
    items: list[Item] = []
    for article_id in article_ids:
        article = services.get_article(article_id)
        items += [(article_id, f, str(getattr(article, f) or "")) for f in TEXT_FIELDS]
    return items


def apply_checked(services: Any, changes: list[tuple[int, str, str, str]]) -> list[int]:
    """Write (id, field, expected, new) in one transaction if every field still holds
    ``expected``; raises :class:`StalePlanError` otherwise. Returns the article ids.

    The check re-reads the articles just before the write; the window is the
    library's only writer (it holds the writer lock), so nothing slips in between.
    """
    current: dict[int, Any] = {}
    stale = []
    for article_id, field, expected, new in changes:
        if article_id not in current:
            current[article_id] = services.get_article(article_id)
        if str(getattr(current[article_id], field) or "") != expected:
            stale.append((article_id, field))
        elif field == "title" and not new.strip():
            raise ValueError("empty title")
    if stale:
        raise StalePlanError(stale)
    services.apply_text_changes([(a, f, new) for a, f, _expected, new in changes])
    return sorted(current)


class ReplaceInLibraryCommand(QUndoCommand):
    """A library-wide replacement as one undo step; undo writes back the old texts.

    ``notify(ids, error)`` tells the window what changed (to reload the open
    article) or why a redo/undo was refused; ``before()`` saves pending edits
    first and may return False to refuse.
    """

    def __init__(self, services: Any, plan: ReplacementPlan, text: str = "",
                 notify: Callable[[list[int], str], None] | None = None,
                 before: Callable[[], bool] | None = None) -> None:  # fmt: skip
        super().__init__(text or "Replace")
        self._services = services
        self.plan = plan
        self._notify = notify
        self._before = before
        self.error = ""
        self.stale_count = 0

    def _run(self, forward: bool) -> None:
        if self._before is not None and not self._before():
            self.error = "unsaved changes could not be saved"
            self.setObsolete(True)
        else:
            changes = [
                (int(e.doc_id), e.field, e.old_text, e.new_text)
                if forward
                else (int(e.doc_id), e.field, e.new_text, e.old_text)
                for e in self.plan.edits
            ]
            try:
                ids = apply_checked(self._services, changes)
                self.error, self.stale_count = "", 0
            except (StalePlanError, ValueError) as exc:
                self.stale_count = len(getattr(exc, "stale", ()))
                # Someone edited these fields since: never overwrite their work.
                self.error = str(exc)
                self.setObsolete(True)  # QUndoStack drops it instead of keeping a lie
                ids = []
        if self._notify is not None:
            self._notify(ids, self.error)

    def redo(self) -> None:
        self._run(True)

    def undo(self) -> None:
        self._run(False)
