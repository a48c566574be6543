"""Library-wide replacement as one undo step, refused if a field changed since the search.

The find/replace dialog (:mod:`editor.ui.find_replace_dialog`) computes a
:class:`~editor.core.find_replace.ReplacementPlan`; :class:`ReplaceInLibraryCommand`
applies it through :func:`apply_checked`, one call to the core's
``apply_text_changes`` with the text each field is expected to hold: the core
compares and writes inside ONE transaction and refuses the whole batch
(``ConflictError``) when a field was edited meanwhile, so there is no window
between a check and the write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtGui import QUndoCommand

from editor.core.errors import ConflictError, FeuilletError
from editor.core.find_replace import ReplacementPlan

TEXT_FIELDS = ("title", "kicker", "standfirst", "byline_name", "byline_role", "source", "credit", "body")  # fmt: skip
Item = tuple[int, str, str]  # (article id, field, text)


class StalePlanError(Exception):
    """Fields changed since the plan was computed; nothing was written."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


def read_items(services: Any, article_ids: Iterable[int]) -> list[Item]:
    """The text fields of these articles, as the core's search wants them.

    One bulk read (``article_texts``), not one query per article: a library-wide
    search over thousands of articles stays a single round trip.
    """
    ids = list(article_ids)
    texts = services.article_texts(ids)
    return [
        (article_id, field, str(texts[article_id].get(field) or ""))
        for article_id in ids
        if article_id in texts
        for field in TEXT_FIELDS
    ]


def apply_checked(services: Any, changes: list[tuple[int, str, str, str]]) -> list[int]:
    """Write (id, field, expected, new) in one transaction if every field still holds
    ``expected``; raises :class:`StalePlanError` otherwise (nothing written).
    Returns the ids of the articles written."""
    if any(field == "title" and not new.strip() for _a, field, _e, new in changes):
        raise ValueError("empty title")
    try:
        services.apply_text_changes([(a, f, new, expected) for a, f, expected, new in changes])
    except ConflictError as exc:
        raise StalePlanError(str(exc)) from exc
    return sorted({article_id for article_id, *_rest in changes})


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
        # What the library holds after redo (cleaning may differ from new_text,
        # e.g. a title is stripped): undo expects exactly that, not the plan's text.
        self._stored: dict[tuple[int, str], str] = {}
        self.error = ""
        self.stale_count = 0
        # Set by the window (a replace_sync.BodyUndoLink): told which command runs
        # in which direction while ``notify`` updates the open article.
        self.link: Any = None

    def _changes(self, forward: bool) -> list[tuple[int, str, str, str]]:
        if forward:
            return [(int(e.doc_id), e.field, e.old_text, e.new_text) for e in self.plan.edits]
        return [
            (int(e.doc_id), e.field, self._stored.get((int(e.doc_id), e.field), e.new_text),
             e.old_text)
            for e in self.plan.edits
        ]  # fmt: skip

    def _run(self, forward: bool) -> None:
        ids: list[int] = []
        if self._before is not None and not self._before():
            self.error = "unsaved changes could not be saved"
            self.setObsolete(True)
        else:
            try:
                ids = apply_checked(self._services, self._changes(forward))
                self.error, self.stale_count = "", 0
                if forward:
                    texts = self._services.article_texts(ids)
                    self._stored = {
                        (int(e.doc_id), e.field): str(texts[int(e.doc_id)][e.field] or "")
                        for e in self.plan.edits
                    }
            except (StalePlanError, ValueError, FeuilletError) as exc:
                self.stale_count = 1 if isinstance(exc, StalePlanError) else 0
                # Someone edited these fields since: never overwrite their work.
                self.error = str(exc)
                self.setObsolete(True)  # QUndoStack drops it instead of keeping a lie
        if self._notify is None:
            return
        if self.link is not None:
            self.link.begin(self, forward)
        try:
            self._notify(ids, self.error)
        finally:
            if self.link is not None:
                self.link.end()

    def redo(self) -> None:
        self._run(True)

    def undo(self) -> None:
        self._run(False)
