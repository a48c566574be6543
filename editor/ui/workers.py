"""The preview's render worker: a separate process speaking JSON lines.

Python-Markdown holds the GIL, so rendering in a thread would add ~10 ms to
every keystroke (DESIGN.md); in a separate process typing stays at ~5 ms. The
GUI side (:class:`RenderClient`) starts ``python -m editor.ui.render_server`` with
QProcess, sends one request per line on its stdin and reads one reply per
line from its stdout:

- ``{"op": "page", ...}``: the whole themed page (``render_article_page`` /
  ``render_issue_page``, the export's own functions), its live region split
  into blocks framed by comments (see ``preview_patch``);
- ``{"op": "blocks", "text", "known", "version", ...}``: the live text split into
  blocks (``editor.core.render.IncrementalRenderer``, cache by block hash); the
  whole block order and the HTML of blocks the page does not have yet. It also
  (re)sets the worker's copy of the text, numbered ``version``;
- ``{"op": "delta", "base", "version", "start", "end", "lines", ...}``: while the
  user types, only the lines that changed since version ``base`` (lines
  ``start:end`` of it become ``lines``). The reply is a splice of the block list,
  ``{"op": "splice", "from", "version", "head", "tail", "shift", "blocks", "html"}``:
  keep the first ``head`` and last ``tail`` blocks (the latter moved by ``shift``
  lines), replace the ones between by ``blocks`` (``[id, start, end]``), with the
  HTML of those. A worker without version ``base`` (restarted, or its renderer
  reset because the images changed) answers ``{"op": "resync"}`` and the pane
  sends the whole text again. ~165 KB per request and ~17 KB per reply became
  ~300 and ~900 bytes at 20k words.

The client keeps at most one request in flight and one pending (only the
latest text matters), and kills and restarts a worker that takes longer than
the time limit, so typing never waits for the preview.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

# The server side lives in its own Qt-free module; re-exported for callers.
from editor.ui.render_server import LIVE_TOKEN, _Worker, serve, serve_from_argv  # noqa: F401

RENDER_WORKER_FLAG = "--render-worker"
"""Argument that makes the ``feuillet`` binary serve as a render worker."""

DEFAULT_TIMEOUT_MS = 5000

# -- GUI side ----------------------------------------------------------------


def issue_to_json(issue: Any) -> dict[str, Any]:
    """An IssueDoc as plain JSON (dates as ISO strings)."""

    def convert(value: Any) -> Any:
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [convert(v) for v in value]
        return value

    return convert(asdict(issue))


class RenderClient(QObject):
    """Owns the worker process; at most one request in flight, one pending."""

    sig_reply = Signal(object)  # the reply dict
    sig_timed_out = Signal()
    sig_crashed = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self._timeout_ms = timeout_ms
        self._extra_args = extra_args
        self._process: QProcess | None = None
        self._ready = False
        self._buffer = bytearray()
        self._seq = 0
        self._in_flight: int | None = None
        self._pending: Callable[[], dict[str, Any] | None] | None = None
        self._closing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self.restarts = 0
        self.timing: dict[str, float] = {}  # stages of the last request (benchmarks)
        self._sent_at = 0.0

    @property
    def busy(self) -> bool:
        return self._in_flight is not None or self._pending is not None

    def start(self) -> None:
        if self._process is not None or self._closing:
            return
        process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        root = str(Path(__file__).resolve().parents[2])
        env.insert("PYTHONPATH", os.pathsep.join(filter(None, [root, env.value("PYTHONPATH")])))
        process.setProcessEnvironment(env)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        process.readyReadStandardOutput.connect(self._on_output)
        process.readyReadStandardError.connect(self._drain_stderr)
        process.finished.connect(self._on_finished)
        self._process, self._ready = process, False
        self._buffer.clear()
        if getattr(sys, "frozen", False):
            # A packaged app has no "python -m": its own binary serves as the worker.
            process.start(sys.executable, [RENDER_WORKER_FLAG, *self._extra_args])
        else:
            process.start(sys.executable, ["-m", "editor.ui.render_server", *self._extra_args])

    def submit(self, build: Callable[[], dict[str, Any] | None]) -> None:
        """Queue a request; ``build`` runs when it is sent, replacing any pending one."""
        self._pending = build
        self.start()
        self._pump()

    def _pump(self) -> None:
        if self._in_flight is not None or self._pending is None:
            return
        if self._process is None:
            self.start()
        if not self._ready or self._process is None:
            return  # sent once the worker says it is ready
        build, self._pending = self._pending, None
        started = time.perf_counter()
        payload = build()
        if payload is None:
            self._pump()
            return
        built = time.perf_counter()
        self._seq += 1
        payload["seq"] = self._seq
        self._in_flight = self._seq
        self._process.write(json.dumps(payload, ensure_ascii=False).encode("utf-8") + b"\n")
        self._timer.start(self._timeout_ms)
        sent = time.perf_counter()
        self.timing = {"build_ms": (built - started) * 1000, "send_ms": (sent - built) * 1000}
        self._sent_at = sent

    def _on_output(self) -> None:
        if self._process is None:
            return
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        while (newline := self._buffer.find(b"\n")) >= 0:
            received = time.perf_counter()
            line = bytes(self._buffer[:newline])
            del self._buffer[: newline + 1]
            try:
                reply = json.loads(line)
            except ValueError:
                continue
            if reply.get("ready"):
                self._ready = True
            elif reply.get("seq") == self._in_flight:
                self._timer.stop()
                self._in_flight = None
                self.timing["round_trip_ms"] = (received - self._sent_at) * 1000
                self.timing["parse_ms"] = (time.perf_counter() - received) * 1000
                self.timing["reply_bytes"] = len(line)
                self.sig_reply.emit(reply)
        self._pump()

    def _drain_stderr(self) -> None:
        if self._process is not None:
            sys.stderr.write(
                bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace")
            )

    def _on_timeout(self) -> None:
        """Too slow: kill the worker (its cache goes with it) and move on."""
        self._in_flight = None
        self._kill()
        self.restarts += 1
        self.sig_timed_out.emit()
        if self._pending is not None:
            self.start()

    def _on_finished(self, *_args: object) -> None:
        process = self.sender()
        if process is not self._process or self._closing:
            return
        self._process = None
        self._timer.stop()
        lost = self._in_flight is not None
        self._in_flight = None
        if lost:
            self.sig_crashed.emit("render worker exited")
        if self._pending is not None:
            self.start()

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        process.finished.disconnect(self._on_finished)
        process.kill()
        process.waitForFinished(2000)
        process.deleteLater()

    def shutdown(self) -> None:
        self._closing = True
        self._timer.stop()
        self._pending = None
        process, self._process = self._process, None
        if process is None:
            return
        process.finished.disconnect(self._on_finished)
        process.closeWriteChannel()
        if not process.waitForFinished(1500):
            process.kill()
            process.waitForFinished(1500)
        process.deleteLater()


if __name__ == "__main__":
    serve_from_argv(sys.argv)
