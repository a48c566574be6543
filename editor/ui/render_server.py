"""The preview's render worker process: the server side of :mod:`editor.ui.workers`.

It runs in a child process started by :class:`editor.ui.workers.RenderClient`
(``python -m editor.ui.render_server``, or ``feuillet --render-worker`` in the
packaged application) and makes no Qt call at all, so that it starts fast and
renders with a GIL of its own. The protocol is described in
:mod:`editor.ui.workers`.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date, datetime
from typing import Any

LIVE_TOKEN = "FEUILLETLIVEREGIONf3a9c1d2"
"""Placeholder of the live region in a page; shared with the GUI side."""


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
