"""The right pane: the article or issue exactly as it will be published.

The page comes from the export's own functions (``render_article_page`` /
``render_issue_page``), rendered in the worker process (``workers``), served
through the ``feuillet-asset`` scheme (no 2 MB setHtml limit) into a hardened
page (``preview_page``). While the user types, only the blocks that changed
are rendered and patched into the page (``preview_patch``), after the model
of Ghostwriter's htmlpreview: off the GUI thread, coalesced (only the latest
text matters), scroll position kept. A full load happens only when switching
article, issue or theme; device widths just resize the view.

The worker keeps its own copy of the text: each request carries only the
lines changed since the version it has (``delta``), each reply only the
blocks that changed (``splice``); any disagreement about versions (restarted
worker, dropped reply) is settled by sending the whole text again.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from typing import Any

from PySide6.QtCore import QPointF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QActionGroup, QDesktopServices, QResizeEvent
from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from editor.ui.asset_scheme import AssetSchemeHandler
from editor.ui.markdown_actions import tr
from editor.ui.preview_page import CONTENT_SECURITY_POLICY, PreviewPage, make_profile
from editor.ui.preview_patch import (
    Patch,
    patch_script,
    plan_patch,
    scroll_fraction_script,
    scroll_script,
)
from editor.ui.workers import DEFAULT_TIMEOUT_MS, LIVE_TOKEN, RenderClient, issue_to_json

DEVICE_WIDTHS: dict[str, int | None] = {"desktop": None, "tablet": 768, "mobile": 375, "email": 600}
_ASSET_REF = re.compile(r"asset:([0-9a-f]{64})")
_STAGE_MARGIN = 12


class PreviewPane(QWidget):
    """Live, hardened preview of the article or issue being edited."""

    sig_updated = Signal()  # the page now shows the latest rendered text (tests, benchmarks)
    sig_loaded = Signal()  # a full page finished loading
    sig_device_changed = Signal(str)  # the user picked a device in the pane's toolbar

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        render_timeout_ms: int = DEFAULT_TIMEOUT_MS,
        worker_args: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self._ui_lang = "fr"
        self._services: Any = None
        self._target: tuple[str, int] | None = None
        self._theme: str | None = None
        self._device = "desktop"
        self._generation = 0
        self._need_page = False
        self._live = False
        self._loaded = False
        self._text_dirty = False
        self._live_text: str | None = None
        self._language = "fr"
        self._prefix = ""
        self._order: list[str] = []
        self._starts: list[int] = []
        self._lines: list[tuple[str, int, int]] = []
        self._html: dict[str, str] = {}
        self._asset_cache: dict[str, dict[str, Any] | None] = {}
        self._scroll_y = 0.0
        self._restore_y: float | None = None
        # The delta protocol: the text as last sent to the worker, its version,
        # the version the page shows, and whether the next request sends it all.
        self._version = 0
        self._sent_lines: list[str] | None = None
        self._page_version: int | None = None
        self._resync = True
        self._sent_assets: set[str] = set()
        self.last_update_timings: dict[str, float] = {}  # stages of the last update (benchmarks)
        # Changes closer together than ``burst_gap_ms`` (no human types that fast:
        # paste sequences, replace-all, scripted edits) are sent at most once per
        # ``burst_interval_ms``, the last one always; each patch costs the GUI
        # thread a runJavaScript round trip and a repaint of the view.
        self.burst_gap_ms = 15.0
        self.burst_interval_ms = 100.0
        self._last_text_at = 0.0
        self._last_live_sent = 0.0
        self.confirm_link: Callable[[QUrl], bool] = self._ask_open_link
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self._build()
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.timeout.connect(self._send_live)
        self._client = RenderClient(self, timeout_ms=render_timeout_ms, extra_args=worker_args)
        self._client.sig_reply.connect(self._on_reply)
        self._client.sig_timed_out.connect(self._on_timed_out)
        self._client.sig_crashed.connect(
            lambda msg: self._show_banner(tr("preview_error", self._ui_lang) + msg)
        )
        self.set_ui_language("fr")

    # -- construction -------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._toolbar = QToolBar()
        self._device_group = QActionGroup(self)
        self._device_actions = {}
        import qtawesome  # deferred: needs the QApplication

        icons = {
            "desktop": "fa5s.desktop",
            "tablet": "fa5s.tablet-alt",
            "mobile": "fa5s.mobile-alt",
            "email": "fa5s.envelope",
        }
        for name in DEVICE_WIDTHS:
            action = self._toolbar.addAction(qtawesome.icon(icons[name]), name)
            action.setCheckable(True)
            action.setData(name)
            self._device_group.addAction(action)
            self._device_actions[name] = action
        self._device_actions["desktop"].setChecked(True)
        self._device_group.triggered.connect(self._device_picked)
        layout.addWidget(self._toolbar)
        self._banner = QLabel()
        self._banner.setWordWrap(True)
        self._banner.setStyleSheet("background:#fff4e5;color:#663c00;padding:6px;")
        self._banner.setVisible(False)
        layout.addWidget(self._banner)
        self._stage = QWidget()
        stage_layout = QHBoxLayout(self._stage)
        stage_layout.setContentsMargins(0, 0, 0, 0)
        self._frame = QFrame()
        frame_layout = QVBoxLayout(self._frame)
        frame_layout.setContentsMargins(0, 0, 0, 0)
        stage_layout.addStretch(0)
        stage_layout.addWidget(self._frame, 1)
        stage_layout.addStretch(0)
        layout.addWidget(self._stage, 1)

        self._handler = AssetSchemeHandler(self)
        self._profile, self._interceptor = make_profile(self, self._handler)
        self._view = QWebEngineView(self._frame)
        self._view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._view.setAcceptDrops(False)
        self._page = PreviewPage(self._profile, self._view)
        self._view.setPage(self._page)
        frame_layout.addWidget(self._view)
        self._page.loadFinished.connect(self._on_load_finished)
        self._page.scrollPositionChanged.connect(self._on_scrolled)
        self._page.sig_external_link.connect(
            lambda url: QTimer.singleShot(0, lambda: self._open_external(url))
        )

    # -- public API ---------------------------------------------------------

    def set_services(self, services: Any) -> None:
        self._services = services
        self._handler.set_store(services.asset_store() if services is not None else None)

    def set_ui_language(self, lang: str) -> None:
        self._ui_lang = "en" if lang.startswith("en") else "fr"
        for name, action in self._device_actions.items():
            width = DEVICE_WIDTHS[name]
            label = tr(f"device_{name}", self._ui_lang)
            action.setText(label)
            action.setToolTip(f"{label} ({width} px)" if width else label)

    def show_article(self, article_id: int) -> None:
        self._show(("article", article_id))

    def show_issue(self, issue_id: int) -> None:
        self._show(("issue", issue_id))

    def set_theme(self, theme: str | None) -> None:
        """Preview with another theme than the publication's (a full reload)."""
        self._theme = theme
        if self._target is not None:
            self._show(self._target, keep_text=True)

    def update_text(self, body_markdown: str) -> None:
        """The live text (article body, or issue introduction) changed: patch it in."""
        self._live_text = body_markdown
        if self._target is None:
            return
        now = time.perf_counter()
        burst = (now - self._last_text_at) * 1000 < self.burst_gap_ms
        self._last_text_at = now
        if self._throttle.isActive():
            return  # the timer sends the latest text
        wait_ms = self.burst_interval_ms - (now - self._last_live_sent) * 1000
        if burst and wait_ms > 0:
            self._throttle.start(max(1, int(wait_ms)))
            return
        self._send_live()

    def _send_live(self) -> None:
        self._last_live_sent = time.perf_counter()
        self._client.submit(self._next_request)

    def set_device(self, name: str) -> None:
        if name not in DEVICE_WIDTHS:
            raise ValueError(f"unknown device {name!r}")
        self._device = name
        self._device_actions[name].setChecked(True)
        self._apply_device()

    def device(self) -> str:
        return self._device

    def scroll_to_fraction(self, fraction: float) -> None:
        """Follow the editor: ``fraction`` of the live text's length maps to its block."""
        if not self._loaded:
            return
        if fraction <= 0.0 or not (self._live and self._lines):
            self._run(scroll_fraction_script(fraction))
            return
        total = self._lines[-1][2] or 1
        self.scroll_to_source_line(fraction * total)

    def scroll_to_source_line(self, line: float) -> None:
        """Bring the block holding source ``line`` of the live text to the top."""
        if not (self._loaded and self._live and self._lines):
            return
        index = max(0, bisect.bisect_right(self._starts, line) - 1)
        block_id, start, end = self._lines[index]
        within = (line - start) / max(1, end - start)
        self._run(scroll_script(block_id, within))

    def shutdown(self) -> None:
        """Stop the worker and delete the web objects, page before profile, before the app quits."""
        from shiboken6 import delete, isValid

        self._client.shutdown()
        if isValid(self._page):
            self._page.loadFinished.disconnect(self._on_load_finished)
            self._view.setPage(None)  # type: ignore[arg-type]
            delete(self._page)
        if isValid(self._view):
            delete(self._view)
        if isValid(self._profile):
            delete(self._profile)

    # -- accessors for the window, tests and benchmarks ----------------------

    def web_view(self) -> QWebEngineView:
        return self._view

    def web_page(self) -> PreviewPage:
        return self._page

    def blocked_requests(self) -> list[str]:
        """URLs the page tried to reach and the interceptor blocked."""
        return list(self._interceptor.blocked)

    def run_javascript(self, code: str, callback: Callable[[Any], None] | None = None) -> None:
        """Run ``code`` in the application world (page scripts stay disabled)."""
        self._run(code, callback)

    def load_raw_html(self, html: str, *, csp: bool = True) -> None:
        """Show ``html`` as is through the same hardened path (tests of each lock;
        ``csp=False`` leaves the page's CSP out to exercise the other locks alone)."""
        self._generation += 1
        self._live, self._loaded = False, False
        self._page.load_page(self._handler.put_page(_with_csp(html) if csp else html))

    # -- requests -----------------------------------------------------------

    def _show(self, target: tuple[str, int], keep_text: bool = False) -> None:
        if target != self._target:
            self._scroll_y = 0.0
        self._target = target
        self._generation += 1
        self._need_page = True
        self._asset_cache.clear()
        if not keep_text:
            self._live_text = None
        self._client.submit(self._next_request)

    def _next_request(self) -> dict[str, Any] | None:
        if self._target is None or self._services is None:
            return None
        if self._need_page or not self._live:
            self._need_page = False
            return self._page_request()
        if self._live_text is None:
            return None
        lines = self._live_text.split("\n")
        old, base = self._sent_lines, self._version
        self._version += 1
        self._sent_lines = lines
        request: dict[str, Any] = {
            "language": self._language,
            "prefix": self._prefix,
            "version": self._version,
            "generation": self._generation,
        }
        if self._resync or old is None:
            self._resync = False
            self._new_assets([self._live_text])
            request.update(
                op="blocks",
                text=self._live_text,
                assets=sorted(self._sent_assets),
                known=list(self._html),
            )
            return request
        start, end, new_end = _changed_lines(old, lines)
        changed = lines[start:new_end]
        request.update(op="delta", base=base, start=start, end=end, lines=changed)
        if self._new_assets(changed):
            request["assets"] = sorted(self._sent_assets)
        return request

    def _new_assets(self, texts: list[str]) -> bool:
        """Add the existing library images ``texts`` reference; True if any was new."""
        found = {sha for sha, info in self._assets_of(texts).items() if info}
        if found <= self._sent_assets:
            return False
        self._sent_assets |= found
        return True

    def _page_request(self) -> dict[str, Any]:
        from editor.core.document import IssueDoc, PublicationDoc

        kind, ident = self._target  # type: ignore[misc]
        services = self._services
        if kind == "article":
            article = services.article_document(ident)
            issue_id = services.get_article(ident).issue_id
            live = self._live_text if self._live_text is not None else article.body_markdown
            placeholder = replace(article, body_markdown=LIVE_TOKEN)
            if issue_id is None:  # an article of the draft pool: a neutral publication
                issue = IssueDoc(
                    id=0,
                    title=article.title,
                    publication=PublicationDoc(id=0, name="Feuillet"),
                    articles=(placeholder,),
                )
            else:
                issue = services.issue_document(issue_id)
                issue = replace(
                    issue,
                    articles=tuple(placeholder if a.id == ident else a for a in issue.articles),
                )
            self._prefix = ""
        else:
            issue = services.issue_document(ident)
            live = self._live_text if self._live_text is not None else issue.introduction_markdown
            issue = replace(issue, introduction_markdown=LIVE_TOKEN)
            self._prefix = "intro-"  # what the issue page gives the introduction's ids
        self._language = issue.publication.language
        texts = [live, issue.sign_off_markdown, *(a.body_markdown for a in issue.articles)]
        if issue.publication.logo_sha256:
            texts.append(f"asset:{issue.publication.logo_sha256}")
        assets = {sha: info for sha, info in self._assets_of(texts).items() if info}
        self._version += 1
        self._sent_lines = (live or "").split("\n")
        self._sent_assets = set(assets)
        self._resync = False
        return {
            "op": "page",
            "version": self._version,
            "kind": kind,
            "article_id": ident,
            "issue": issue_to_json(issue),
            "text": live,
            "prefix": self._prefix,
            "assets": assets,
            "theme": self._theme,
            "generation": self._generation,
        }

    def _assets_of(self, texts: list[str]) -> dict[str, dict[str, Any] | None]:
        """Infos of the library images the texts reference (cached per page)."""
        store = self._services.asset_store()
        found: dict[str, dict[str, Any] | None] = {}
        for text in texts:
            for sha in set(_ASSET_REF.findall(text or "")):
                if sha not in self._asset_cache:
                    info = store.asset_info(sha)
                    self._asset_cache[sha] = asdict(info) if info is not None else None
                found[sha] = self._asset_cache[sha]
        return found

    # -- replies ------------------------------------------------------------

    def _on_reply(self, reply: dict[str, Any]) -> None:
        if reply.get("generation") != self._generation:
            return  # for a page that is no longer shown
        if "error" in reply:
            self._show_banner(tr("preview_error", self._ui_lang) + str(reply["error"]))
            return
        self._banner.setVisible(False)
        if reply["op"] == "page":
            self._apply_page(reply)
        elif reply["op"] == "blocks":
            self._apply_blocks(reply)
        elif reply["op"] == "splice":
            self._apply_splice(reply)
        elif reply["op"] == "resync":
            self._resync = True  # the worker lost our text: send it whole
            self._client.submit(self._next_request)

    def _set_blocks(self, order: list[list[Any]]) -> None:
        self._order = [b[0] for b in order]
        self._lines = [(b[0], int(b[1]), int(b[2])) for b in order]
        self._starts = [b[1] for b in self._lines]

    def _apply_page(self, reply: dict[str, Any]) -> None:
        self._live = bool(reply["live"])
        self._page_version = reply.get("version")
        self._html = dict(reply["html_by_id"])
        self._set_blocks(reply["order"])
        self._loaded = False
        self._restore_y = self._scroll_y
        self._page.load_page(self._handler.put_page(_with_csp(reply["html"])))

    def _apply_blocks(self, reply: dict[str, Any]) -> None:
        if not self._loaded:
            self._text_dirty = True  # re-run once the page is there
            self._resync = True  # and the worker is ahead of the page
            return
        started = time.perf_counter()
        self._html.update(reply["html"])
        new_order = [b[0] for b in reply["order"]]
        patch = plan_patch(self._order, new_order)
        self._set_blocks(reply["order"])
        self._html = {block_id: self._html[block_id] for block_id in new_order}
        self._page_version = reply.get("version")
        self._patch(patch, started, reply)

    def _apply_splice(self, reply: dict[str, Any]) -> None:
        """Replace the blocks between the kept head and tail (the worker's diff)."""
        if not self._loaded or reply.get("from") != self._page_version:
            # A reply was dropped (page loading): the page is not at the base version.
            self._resync = True
            if self._loaded:
                self._client.submit(self._next_request)
            else:
                self._text_dirty = True
            return
        started = time.perf_counter()
        head, tail, shift = int(reply["head"]), int(reply["tail"]), int(reply["shift"])
        stop = len(self._order) - tail
        middle = [(b[0], int(b[1]), int(b[2])) for b in reply["blocks"]]
        removed = self._order[head:stop]
        patch = Patch(
            tuple(removed), tuple(b[0] for b in middle), self._order[stop] if tail else None
        )
        for block_id in removed:
            self._html.pop(block_id, None)
        self._html.update(reply["html"])
        self._order[head:stop] = [b[0] for b in middle]
        self._lines[head:stop] = middle
        self._starts[head:stop] = [b[1] for b in middle]
        if shift:
            after = head + len(middle)
            self._lines[after:] = [(i, s + shift, e + shift) for i, s, e in self._lines[after:]]
            self._starts[after:] = [s + shift for s in self._starts[after:]]
        self._page_version = reply.get("version")
        self._patch(patch, started, reply)

    def _patch(self, patch: Patch, started: float, reply: dict[str, Any]) -> None:
        timings = dict(self._client.timing)
        timings.update({f"worker_{k}_ms": v for k, v in (reply.get("worker_ms") or {}).items()})
        self.last_update_timings = timings
        if patch.empty:
            timings["apply_ms"] = (time.perf_counter() - started) * 1000
            self.sig_updated.emit()
            return
        script = patch_script(patch, self._html)
        timings["apply_ms"] = (time.perf_counter() - started) * 1000
        timings["script_bytes"] = len(script)
        sent = time.perf_counter()

        def done(_result: object) -> None:
            timings["javascript_ms"] = (time.perf_counter() - sent) * 1000
            self.sig_updated.emit()

        self._run(script, done)

    def _on_load_finished(self, ok: bool) -> None:
        self._loaded = True
        if self._restore_y:
            self._run(f"window.scrollTo(0, {float(self._restore_y)});")
        self._restore_y = None
        self.sig_loaded.emit()
        self.sig_updated.emit()
        if self._text_dirty:
            self._text_dirty = False
            self._client.submit(self._next_request)

    def _on_scrolled(self, position: QPointF) -> None:
        self._scroll_y = position.y()

    def _on_timed_out(self) -> None:
        self._show_banner(tr("preview_timeout", self._ui_lang))
        self._need_page = True  # the restarted worker has no state: reload on the next change

    def _show_banner(self, text: str) -> None:
        self._banner.setText(text)
        self._banner.setVisible(True)

    def banner_text(self) -> str:
        return self._banner.text() if self._banner.isVisible() else ""

    def _run(self, code: str, callback: Callable[[Any], None] | None = None) -> None:
        world = QWebEngineScript.ScriptWorldId.ApplicationWorld
        if callback is None:
            self._page.runJavaScript(code, world)
        else:
            self._page.runJavaScript(code, world, callback)

    # -- links and devices --------------------------------------------------

    def _ask_open_link(self, url: QUrl) -> bool:
        answer = QMessageBox.question(
            self,
            tr("open_link_title", self._ui_lang),
            tr("open_link_text", self._ui_lang).format(url=url.toDisplayString()),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _open_external(self, url: QUrl) -> None:
        if self.confirm_link(url):
            self.open_url(url)

    def _device_picked(self, action: Any) -> None:
        self.set_device(str(action.data()))
        self.sig_device_changed.emit(self._device)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._apply_device()

    def _apply_device(self) -> None:
        """Constrain the view to the device width (zoomed out when the pane is
        narrower), so the page's own responsive CSS decides the layout."""
        width = DEVICE_WIDTHS[self._device]
        if width is None:
            self._frame.setMinimumWidth(0)
            self._frame.setMaximumWidth(16777215)
            self._frame.setFrameShape(QFrame.Shape.NoFrame)
            self._view.setZoomFactor(1.0)
            return
        available = max(120, self._stage.width() - 2 * _STAGE_MARGIN)
        shown = min(width, available)
        self._frame.setFrameShape(QFrame.Shape.Box)
        self._frame.setFixedWidth(shown + 2 * self._frame.frameWidth())
        self._view.setZoomFactor(max(0.25, shown / width))


def _changed_lines(old: list[str], new: list[str]) -> tuple[int, int, int]:
    """``(start, old_end, new_end)``: ``old[start:old_end]`` became ``new[start:new_end]``."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, len(old) - tail, len(new) - tail


def _with_csp(html: str) -> str:
    """Add the Content-Security-Policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
    match = re.search(r"<head\b[^>]*>", html, re.IGNORECASE)
    if match:
        return html[: match.end()] + meta + html[match.end() :]
    return meta + html
