"""Saving without a Save button: the controller behind "Enregistré".

Changes are written within two seconds of the last keystroke (a restarting
single-shot timer), at once on Ctrl+S, when the user switches to another item,
when the window loses focus and at quit. A save names the version it started
from, so a concurrent writer is detected instead of overwritten; on a conflict
the text stays in the editor and the window asks what to do; on any other
failure (disk full, database locked) the text stays too and the save is retried.
A revision is recorded at least every five minutes of editing and when leaving
an article that changed.

Between saves, the unsaved text also goes to the crash-recovery journal
(``editor.core.safety.recovery``) about 300 ms after each change, and is
cleared from it once saved; when the library refuses a save, an emergency copy
is written outside it (``editor.core.safety.emergency``) and its path shown.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.errors import ConflictError
from editor.core.services import ARTICLE_FIELDS, ISSUE_FIELDS


class SaveState(StrEnum):
    SAVED = "saved"
    DIRTY = "dirty"
    ERROR = "error"
    CONFLICT = "conflict"


@dataclass
class Target:
    kind: str  # "article" or "issue"
    ident: int
    version: int | None = None


class AutosaveController(QObject):
    """Owns "is everything saved?" for the item shown in the editor."""

    state_changed = Signal(str, str)  # SaveState value, detail (error message)
    conflict_detected = Signal(int, str)  # article id, message
    article_saved = Signal(int, int, list)  # id, new version, names of changed fields
    issue_saved = Signal(int, list)  # id, names of changed fields
    revision_recorded = Signal(int, str)  # article id, reason

    DEBOUNCE_MS = 2000
    JOURNAL_MS = 300
    RETRY_MS = 10_000
    REVISION_INTERVAL_S = 300.0

    def __init__(
        self,
        services: Any,
        fields_source: Callable[[], dict[str, str]],
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
        journal: Any = None,
        emergency: Any = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._journal = (
            journal  # RecoveryJournal-like: record(id, fields, version), clear(id, fields)
        )
        self._emergency = emergency  # EmergencyWriter-like: write(id, fields, version) -> Path
        self._emergency_written = False
        self._fields_source = fields_source
        self._clock = clock
        self._target: Target | None = None
        self._baseline: dict[str, str] = {}
        self._dirty = False
        self._state = SaveState.SAVED
        self._detail = ""
        self._changed_since_revision = False
        self._last_revision = clock()
        self._debounce = QTimer(self, singleShot=True, interval=self.DEBOUNCE_MS)
        self._debounce.timeout.connect(self.save_now)
        self._retry = QTimer(self, singleShot=True, interval=self.RETRY_MS)
        self._retry.timeout.connect(self.save_now)
        self._journal_timer = QTimer(self, singleShot=True, interval=self.JOURNAL_MS)
        self._journal_timer.timeout.connect(self._record_journal)

    # -- what is open -----------------------------------------------------------

    @property
    def state(self) -> SaveState:
        return self._state

    @property
    def detail(self) -> str:
        return self._detail

    @property
    def target(self) -> Target | None:
        return self._target

    @property
    def dirty(self) -> bool:
        return self._dirty

    def open_article(self, article_id: int, version: int, fields: dict[str, str]) -> None:
        self._open(Target("article", article_id, version), fields)

    def open_issue(self, issue_id: int, fields: dict[str, str]) -> None:
        self._open(Target("issue", issue_id), fields)

    def _open(self, target: Target, fields: dict[str, str]) -> None:
        self._stop_timers()
        self._target = target
        self._baseline = self._filter(fields)
        self._dirty = False
        self._changed_since_revision = False
        self._last_revision = self._clock()
        self._set_state(SaveState.SAVED)

    def close(self) -> None:
        """Forget the open item (call :meth:`leave` first to keep its changes)."""
        self._stop_timers()
        self._target = None
        self._dirty = False
        self._set_state(SaveState.SAVED)

    def set_version(self, version: int) -> None:
        """The open article was written by us elsewhere (rename): follow its version."""
        if self._target is not None and self._target.kind == "article":
            self._target.version = version

    # -- editing ----------------------------------------------------------------

    def mark_changed(self) -> None:
        """Connected to the editor's "changed" signal: one call per user edit."""
        if self._target is None:
            return
        self._dirty = True
        self._changed_since_revision = True
        if self._state is SaveState.SAVED:
            self._set_state(SaveState.DIRTY)
        if self._state is not SaveState.CONFLICT:
            self._debounce.start()  # restarts: saves 2 s after the last keystroke
        journaling = self._journal is not None and self._target.kind == "article"
        if journaling and not self._journal_timer.isActive():
            self._journal_timer.start()  # at most one journal write per 300 ms

    def save_now(self) -> bool:
        """Write pending changes now; True when nothing is left unsaved."""
        self._stop_timers()
        target = self._target
        if target is None or not self._dirty:
            return self._state is not SaveState.CONFLICT
        if self._state is SaveState.CONFLICT:
            return False
        fields = self._filter(self._fields_source())
        changed = sorted(k for k, v in fields.items() if self._baseline.get(k) != v)
        try:
            if target.kind == "article":
                saved = self._services.save_draft(target.ident, fields, target.version)
                target.version = saved.version
            else:
                self._services.update_issue(target.ident, **fields)
        except ConflictError as exc:
            self._record_journal()  # the text now lives only in the editor: journal it
            self._set_state(SaveState.CONFLICT, str(exc))
            self.conflict_detected.emit(target.ident, str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - disk full, locked, invalid: keep the text, retry
            detail = str(exc) or type(exc).__name__
            copy = self._write_emergency_copy(target, fields)
            self._set_state(SaveState.ERROR, f"{detail} — {copy}" if copy else detail)
            self._retry.start()
            return False
        self._emergency_written = False
        self._clear_journal(target, fields)
        self._baseline = fields
        self._dirty = False
        self._set_state(SaveState.SAVED)
        if target.kind == "article":
            self.article_saved.emit(target.ident, int(target.version or 0), changed)
            if self._clock() - self._last_revision >= self.REVISION_INTERVAL_S:
                self._record_revision("autosave")
        else:
            self.issue_saved.emit(target.ident, changed)
        return True

    def leave(self) -> bool:
        """Before showing another item or quitting: save, and record a revision
        when the article changed. False (keep it open) when it could not be saved."""
        if not self.save_now():
            return False
        if self._target is not None and self._target.kind == "article":
            self._record_revision("leave")
        return True

    # -- conflicts --------------------------------------------------------------

    def overwrite(self) -> bool:
        """Conflict answer "keep my version": save over the other writer."""
        if self._target is None:
            return False
        self._target.version = None
        self._set_state(SaveState.DIRTY)
        self._dirty = True
        ok = self.save_now()
        if ok and self._target is not None:
            self._target.version = self._services.get_article(self._target.ident).version
        return ok

    def save_as_copy(self) -> int | None:
        """Conflict answer "keep both": my text becomes a new article beside it."""
        if self._target is None or self._target.kind != "article":
            return None
        fields = self._filter(self._fields_source())
        title = str(fields.pop("title", "") or "").strip() or "?"
        try:
            issue_id = self._services.get_article(self._target.ident).issue_id
            new_id = self._services.create_article(issue_id, f"{title} (ma version)", **fields)
        except Exception as exc:  # noqa: BLE001 - stay in conflict, text kept in the editor
            self._set_state(SaveState.CONFLICT, str(exc))
            return None
        self._dirty = False
        self._set_state(SaveState.SAVED)
        return int(new_id)

    # -- internals --------------------------------------------------------------

    def _record_revision(self, reason: str) -> None:
        if not self._changed_since_revision or self._target is None:
            return
        try:
            self._services.record_revision(self._target.ident, reason)
        except Exception as exc:  # noqa: BLE001 - a missed snapshot must not block editing
            self._detail = str(exc)
            return
        self._changed_since_revision = False
        self._last_revision = self._clock()
        self.revision_recorded.emit(self._target.ident, reason)

    def _record_journal(self) -> None:
        target = self._target
        if self._journal is None or target is None or target.kind != "article" or not self._dirty:
            return
        try:
            self._journal.record(
                target.ident, self._filter(self._fields_source()), target.version or 0
            )
        except OSError:
            pass  # the journal is a second line of defence; the save reports disk trouble

    def _clear_journal(self, target: Target, fields: dict[str, str]) -> None:
        self._journal_timer.stop()
        if self._journal is not None and target.kind == "article":
            try:
                self._journal.clear(target.ident, fields)
            except OSError:
                pass

    def _write_emergency_copy(self, target: Target, fields: dict[str, str]) -> str:
        """Once per failure streak: the text in a file outside the library."""
        if self._emergency is None or target.kind != "article" or self._emergency_written:
            return ""
        try:
            path = self._emergency.write(target.ident, fields, target.version or 0)
        except Exception:  # noqa: BLE001 - nowhere could take it: the editor keeps the text
            return ""
        self._emergency_written = True
        return str(path)

    def _filter(self, fields: dict[str, Any]) -> dict[str, str]:
        allowed = (
            ARTICLE_FIELDS
            if self._target is None or self._target.kind == "article"
            else ISSUE_FIELDS
        )
        return {k: "" if v is None else str(v) for k, v in fields.items() if k in allowed}

    def _stop_timers(self) -> None:
        self._debounce.stop()
        self._retry.stop()
        self._journal_timer.stop()

    def _set_state(self, state: SaveState, detail: str = "") -> None:
        if state is not self._state or detail != self._detail:
            self._state = state
            self._detail = detail
            self.state_changed.emit(state.value, detail)
