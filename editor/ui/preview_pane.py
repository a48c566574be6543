"""The right pane: the article or issue exactly as it will be published.

The page comes from the export's own functions (``render_article_page`` /
``render_issue_page``), rendered in the worker process (``workers``), served
through the ``feuillet-asset`` scheme (no 2 MB setHtml limit) into a hardened
page (``preview_page``, set up by ``preview_web``). While the user types,
only the blocks that changed are rendered and patched into the page
(``preview_patch``), after the model of Ghostwriter's htmlpreview: off the
GUI thread, coalesced (only the latest text matters), scroll position kept. A
full load happens only when switching article, issue or theme; device widths
just resize the view (``preview_devices``).

The worker keeps its own copy of the text: each request carries only the
lines changed since the version it has, each reply only the blocks that
changed (the protocol's requests are built by ``preview_protocol``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from editor.ui.markdown_actions import tr
from editor.ui.preview_devices import (
    DEVICE_WIDTHS,
    add_device_actions,
    fit_to_device,
    label_device_actions,
    make_device_stage,
)
from editor.ui.preview_page import PreviewPage
from editor.ui.preview_patch import (
    LiveRegion,
    Patch,
    patch_script,
    scroll_fraction_script,
    scroll_script,
)
from editor.ui.preview_protocol import PreviewRequests
from editor.ui.preview_web import delete_web_view, empty_page, make_web_view, with_csp
from editor.ui.workers import DEFAULT_TIMEOUT_MS, RenderClient

__all__ = ["DEVICE_WIDTHS", "PreviewPane"]


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
        self._region = LiveRegion()  # the blocks the page shows, and their version
        self._requests = PreviewRequests()  # what the worker has, and what to send it
        self._scroll_y = 0.0
        self._restore_y: float | None = None
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
        self._device_group, self._device_actions = add_device_actions(self._toolbar, self)
        self._device_group.triggered.connect(self._device_picked)
        layout.addWidget(self._toolbar)
        self._banner = QLabel()
        self._banner.setWordWrap(True)
        self._banner.setStyleSheet("background:#fff4e5;color:#663c00;padding:6px;")
        self._banner.setVisible(False)
        layout.addWidget(self._banner)
        self._stage, self._frame, frame_layout = make_device_stage()
        layout.addWidget(self._stage, 1)

        self._handler, self._profile, self._interceptor, self._view, self._page = make_web_view(
            self, self._frame, frame_layout
        )
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
        label_device_actions(self._device_actions, self._ui_lang)

    def show_article(self, article_id: int) -> None:
        self._show(("article", article_id))

    def show_issue(self, issue_id: int) -> None:
        self._show(("issue", issue_id))

    def clear(self) -> None:
        """Nothing is open (the article was deleted): show an empty page, not a stale one."""
        self._target = None
        self._generation += 1  # replies still in flight are for the old page
        self._throttle.stop()
        self._live = self._loaded = False
        self._live_text = None
        self._scroll_y = 0.0
        self._banner.setVisible(False)
        self._page.load_page(
            self._handler.put_page(with_csp(empty_page(tr("preview_empty", self._ui_lang))))
        )

    def is_empty(self) -> bool:
        return self._target is None

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
        if fraction <= 0.0 or not (self._live and self._region.lines):
            self._run(scroll_fraction_script(fraction))
            return
        total = self._region.lines[-1][2] or 1
        self.scroll_to_source_line(fraction * total)

    def scroll_to_source_line(self, line: float) -> None:
        """Bring the block holding source ``line`` of the live text to the top."""
        if not (self._loaded and self._live and self._region.lines):
            return
        block_id, start, end = self._region.block_at(line)
        within = (line - start) / max(1, end - start)
        self._run(scroll_script(block_id, within))

    def shutdown(self) -> None:
        """Stop the worker and delete the web objects, page before profile, before the app quits."""
        self._client.shutdown()
        delete_web_view(self._view, self._page, self._profile, self._on_load_finished)

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
        self._page.load_page(self._handler.put_page(with_csp(html) if csp else html))

    # -- requests -----------------------------------------------------------

    def _show(self, target: tuple[str, int], keep_text: bool = False) -> None:
        if target != self._target:
            self._scroll_y = 0.0
        self._target = target
        self._generation += 1
        self._need_page = True
        self._requests.asset_cache.clear()
        if not keep_text:
            self._live_text = None
        self._client.submit(self._next_request)

    def _next_request(self) -> dict[str, Any] | None:
        if self._target is None or self._services is None:
            return None
        if self._need_page or not self._live:
            self._need_page = False
            return self._requests.page_request(
                self._services, self._target, self._live_text, self._theme, self._generation
            )
        if self._live_text is None:
            return None
        return self._requests.live_request(
            self._services, self._live_text, self._region.html, self._generation
        )

    @property
    def _resync(self) -> bool:
        """Whether the next request sends the whole text (benchmarks force it)."""
        return self._requests.resync

    @_resync.setter
    def _resync(self, value: bool) -> None:
        self._requests.resync = value

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

    def _apply_page(self, reply: dict[str, Any]) -> None:
        self._live = bool(reply["live"])
        self._region.load(reply["order"], reply["html_by_id"], reply.get("version"))
        self._loaded = False
        self._restore_y = self._scroll_y
        self._page.load_page(self._handler.put_page(with_csp(reply["html"])))

    def _apply_blocks(self, reply: dict[str, Any]) -> None:
        if not self._loaded:
            self._text_dirty = True  # re-run once the page is there
            self._resync = True  # and the worker is ahead of the page
            return
        started = time.perf_counter()
        patch = self._region.replace(reply["order"], reply["html"], reply.get("version"))
        self._patch(patch, started, reply)

    def _apply_splice(self, reply: dict[str, Any]) -> None:
        """Replace the blocks between the kept head and tail (the worker's diff)."""
        if not self._loaded or reply.get("from") != self._region.version:
            # A reply was dropped (page loading): the page is not at the base version.
            self._resync = True
            if self._loaded:
                self._client.submit(self._next_request)
            else:
                self._text_dirty = True
            return
        started = time.perf_counter()
        self._patch(self._region.splice(reply), started, reply)

    def _patch(self, patch: Patch, started: float, reply: dict[str, Any]) -> None:
        timings = dict(self._client.timing)
        timings.update({f"worker_{k}_ms": v for k, v in (reply.get("worker_ms") or {}).items()})
        self.last_update_timings = timings
        if patch.empty:
            timings["apply_ms"] = (time.perf_counter() - started) * 1000
            self.sig_updated.emit()
            return
        script = patch_script(patch, self._region.html)
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
        fit_to_device(self._frame, self._view, self._stage.width(), self._device)
