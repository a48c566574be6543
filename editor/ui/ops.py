"""Running slow service calls off the GUI thread, results delivered by signal.

In the spirit of Anki's ``CollectionOp``: a call is a plain function of the
core run on a QThreadPool worker; its result (or its exception) comes back on
the GUI thread through a queued signal. Each call has a *channel*: a newer call
on the same channel makes older pending results stale, so a search typed fast
shows only the answer to the last query. Quick writes (saving a draft takes
well under a millisecond with SQLite WAL) stay on the GUI thread on purpose:
their order and their errors must be certain.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call to us."""

    succeeded = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Results in flight, by token: PySide6 6.12 on Python 3.11 can drop its
        # reference to a queued Python object before the slot runs, so the
        # worker parks the object here and the GUI thread takes it back.
        self.in_flight: dict[int, object] = {}


class _Job(QRunnable):
    def __init__(self, relay: _Relay, token: int, fn: Callable[..., Any], args: tuple) -> None:
        super().__init__()
        self._relay = relay
        self._token = token
        self._fn = fn
        self._args = args

    def run(self) -> None:
        try:
            result = self._fn(*self._args)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread's error handler
            self._relay.in_flight[self._token] = exc
            self._relay.failed.emit(self._token, exc)
        else:
            self._relay.in_flight[self._token] = result
            self._relay.succeeded.emit(self._token, result)


class OpRunner(QObject):
    """Runs ``fn(*args)`` on a worker; calls ``on_done(result)`` on the GUI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._succeeded)
        self._relay.failed.connect(self._failed)
        self._next_token = 0
        self._pending: dict[
            int, tuple[str, Callable[[Any], None], Callable[[Exception], None] | None]
        ] = {}
        self._latest: dict[str, int] = {}

    def run(
        self,
        channel: str,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._next_token += 1
        token = self._next_token
        self._pending[token] = (channel, on_done, on_error)
        self._latest[channel] = token
        self._pool.start(_Job(self._relay, token, fn, args))

    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = 5000) -> bool:
        """Block until running jobs end (at quit, before the database closes)."""
        return self._pool.waitForDone(msecs)

    def _take(
        self, token: int
    ) -> tuple[Callable[[Any], None], Callable[[Exception], None] | None] | None:
        entry = self._pending.pop(token, None)
        if entry is None:
            return None
        channel, on_done, on_error = entry
        if self._latest.get(channel) != token:
            return None  # a newer call on this channel supersedes this answer
        return on_done, on_error

    def _succeeded(self, token: int, result: object) -> None:
        self._relay.in_flight.pop(token, None)
        handlers = self._take(token)
        if handlers is not None:
            handlers[0](result)

    def _failed(self, token: int, error: object) -> None:
        self._relay.in_flight.pop(token, None)
        handlers = self._take(token)
        if handlers is not None and handlers[1] is not None:
            handlers[1](error if isinstance(error, Exception) else RuntimeError(str(error)))
