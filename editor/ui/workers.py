"""The preview's render worker: a separate process speaking JSON lines.

Python-Markdown holds the GIL, so rendering in a thread would add ~10 ms to
every keystroke (DESIGN.md); in a separate process typing stays at ~5 ms. The
GUI side (:class:`RenderClient`) starts ``python -m editor.ui.workers`` with
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

RENDER_WORKER_FLAG = "--render-worker"
"""Argument that makes the ``feuillet`` binary serve as a render worker."""

LIVE_TOKEN = "FEUILLETLIVEREGIONf3a9c1d2"
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
            process.start(sys.executable, ["-m", "editor.ui.workers", *self._extra_args])

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


# -- worker side (runs in the child process; no Qt calls) --------------------


class _InfoStore:
    """The AssetStore the page renderer needs: which images exist (bytes are
    served by the GUI's scheme handler, never read here)."""

    def __init__(self, infos: dict[str, dict[str, Any]]) -> None:
        from editor.core.document import AssetInfo

        self._infos = {sha: AssetInfo(**info) for sha, info in infos.items()}

    def asset_info(self, sha256: str) -> Any:
        return self._infos.get(sha256)

    def asset_bytes(self, sha256: str) -> bytes:
        raise KeyError(sha256)


def _issue_from_json(data: dict[str, Any]) -> Any:
    from editor.core.document import ArticleDoc, IssueDoc, PublicationDoc

    publication = dict(data["publication"])
    for key in ("footer_lines", "legal_lines"):
        publication[key] = tuple(publication.get(key) or ())
    articles = []
    for raw in data.get("articles", ()):
        article = dict(raw, tags=tuple(raw.get("tags") or ()))
        article["updated"] = datetime.fromisoformat(raw["updated"]) if raw.get("updated") else None
        articles.append(ArticleDoc(**article))
    fields = {k: v for k, v in data.items() if k not in ("publication", "articles")}
    fields["date"] = date.fromisoformat(data["date"]) if data.get("date") else None
    return IssueDoc(publication=PublicationDoc(**publication), articles=tuple(articles), **fields)


class _Worker:
    """State of one worker process: an incremental renderer per live region, each
    holding the text of the version the pane last sent."""

    def __init__(self, delay: float = 0.0) -> None:
        self._delay = delay
        self._renderers: dict[tuple[str, str], Any] = {}
        self._versions: dict[tuple[str, str], Any] = {}  # version of each renderer's text
        self._assets: frozenset[str] = frozenset()

    def _renderer(self, language: str, prefix: str, assets: list[str] | None) -> Any:
        from editor.core.render import IncrementalRenderer, RenderOptions
        from editor.ui.asset_scheme import asset_url

        if assets is not None and frozenset(assets) != self._assets:
            self._assets = frozenset(assets)
            self._renderers.clear()  # cached blocks may have refused a now-known image
            self._versions.clear()
        key = (language, prefix)
        if key not in self._renderers:
            known = self._assets
            options = RenderOptions(
                language=language, asset_url=lambda sha: asset_url(sha) if sha in known else None
            )
            self._renderers[key] = IncrementalRenderer(options)
        return self._renderers[key]

    def _blocks(
        self, text: str, language: str, prefix: str, assets: list[str], version: Any = None
    ) -> list[list[Any]]:
        from editor.core.export.htmltools import prefix_ids

        result = self._renderer(language, prefix, assets).render(text)
        self._versions[(language, prefix)] = version
        return [
            [b.id, b.start_line, b.end_line, prefix_ids(b.html, prefix) if prefix else b.html]
            for b in result.blocks
        ]

    def _delta(self, request: dict[str, Any]) -> dict[str, Any]:
        """Apply the changed lines to the kept text; reply with the changed blocks only."""
        from editor.core.export.htmltools import prefix_ids

        started = time.perf_counter()
        language, prefix = request.get("language", "fr"), request.get("prefix", "")
        key = (language, prefix)
        renderer = self._renderer(language, prefix, request.get("assets"))
        base = request.get("base")
        if base is None or self._versions.get(key) != base or key not in self._versions:
            return {"op": "resync"}
        old = renderer.last_blocks
        start, end, lines = int(request["start"]), int(request["end"]), list(request["lines"])
        result = renderer.apply_edit(start, end, lines)
        self._versions[key] = request.get("version")
        rendered = time.perf_counter()
        new = result.blocks
        shift = len(lines) - (end - start)
        head, limit = 0, min(len(old), len(new))
        while (
            head < limit
            and old[head].id == new[head].id
            and old[head].start_line == new[head].start_line
        ):
            head += 1
        tail = 0
        while (
            tail < limit - head
            and old[-1 - tail].id == new[-1 - tail].id
            and old[-1 - tail].start_line + shift == new[-1 - tail].start_line
        ):
            tail += 1
        middle = new[head : len(new) - tail]
        return {
            "op": "splice",
            "from": base,
            "version": request.get("version"),
            "head": head,
            "tail": tail,
            "shift": shift,
            "blocks": [[b.id, b.start_line, b.end_line] for b in middle],
            "html": {b.id: prefix_ids(b.html, prefix) if prefix else b.html for b in middle},
            "worker_ms": {
                "render": (rendered - started) * 1000,
                "splice": (time.perf_counter() - rendered) * 1000,
            },
        }

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        if self._delay:
            time.sleep(self._delay)
        op = request.get("op")
        if op == "delta":
            return self._delta(request)
        if op == "blocks":
            known = set(request.get("known") or ())
            blocks = self._blocks(
                request["text"],
                request.get("language", "fr"),
                request.get("prefix", ""),
                request.get("assets", []),
                request.get("version"),
            )
            return {
                "op": "blocks",
                "version": request.get("version"),
                "order": [b[:3] for b in blocks],
                "html": {b[0]: b[3] for b in blocks if b[0] not in known},
            }
        if op == "page":
            return self._page(request)
        return {"error": f"unknown request {op!r}"}

    def _page(self, request: dict[str, Any]) -> dict[str, Any]:
        from editor.core.export.pages import render_article_page, render_issue_page
        from editor.ui.asset_scheme import asset_url
        from editor.ui.preview_patch import live_region_markup

        issue = _issue_from_json(request["issue"])
        store = _InfoStore(request.get("assets") or {})
        url = lambda sha: asset_url(sha) if store.asset_info(sha) else None  # noqa: E731
        theme = request.get("theme")
        if request["kind"] == "article":
            html = render_article_page(
                issue, store, request["article_id"], asset_url=url, theme=theme
            )
        else:
            html = render_issue_page(issue, store, asset_url=url, theme=theme)
        language = issue.publication.language
        prefix = request.get("prefix", "")
        self._renderers.pop((language, prefix), None)  # a new page: every block is new
        blocks = self._blocks(
            request.get("text", ""),
            language,
            prefix,
            sorted(request.get("assets") or ()),
            request.get("version"),
        )
        placeholder = f"<p>{LIVE_TOKEN}</p>"
        live = placeholder in html
        if live:
            html = html.replace(placeholder, live_region_markup([(b[0], b[3]) for b in blocks]), 1)
        return {
            "op": "page",
            "version": request.get("version"),
            "html": html,
            "live": live,
            "language": language,
            "order": [b[:3] for b in blocks],
            "html_by_id": {b[0]: b[3] for b in blocks},
        }


def serve(delay: float = 0.0) -> None:
    """Worker main loop: one JSON request per stdin line, one reply per stdout line."""
    # Keep the protocol channel private: anything printed by a library goes to stderr.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    import editor.core.export.pages  # noqa: F401 - warm imports before saying ready
    import editor.core.render  # noqa: F401

    worker = _Worker(delay)
    out.write(b'{"ready": true}\n')
    out.flush()
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except ValueError:
            continue
        try:
            reply = worker.handle(request)
        except Exception as exc:  # noqa: BLE001 - reported to the pane, worker keeps serving
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        reply["seq"] = request.get("seq")
        reply["generation"] = request.get("generation")
        out.write(json.dumps(reply, ensure_ascii=False).encode("utf-8") + b"\n")
        out.flush()


def serve_from_argv(argv: list[str]) -> None:
    """Entry point for ``python -m editor.ui.workers`` and ``feuillet --render-worker``."""
    serve(float(argv[argv.index("--delay") + 1]) if "--delay" in argv else 0.0)


if __name__ == "__main__":
    serve_from_argv(sys.argv)
