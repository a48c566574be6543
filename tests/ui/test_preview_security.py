"""The preview's hardening: hostile content reaches nothing and runs nothing.

A canary HTTP server on 127.0.0.1 records every request; the previewed
content points at it in every way we know (images, scripts, frames, styles,
CSS url(), meta refresh, forms, prefetch, file: URLs). It must receive none.
"""

from __future__ import annotations

import os
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")

from editor.ui.asset_scheme import register_schemes  # noqa: E402
from editor.ui.preview_page import apply_pyside_refcount_workaround  # noqa: E402

apply_pyside_refcount_workaround()
register_schemes()

from collections.abc import Iterator  # noqa: E402
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QUrl  # noqa: E402
from PySide6.QtWebEngineCore import QWebEnginePage  # noqa: E402

from editor.ui.preview_pane import PreviewPane  # noqa: E402


class Canary:
    def __init__(self) -> None:
        self.hits: list[str] = []
        canary = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                canary.hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"ok")

            do_POST = do_GET  # noqa: N815

            def log_message(self, *_args: object) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    server = Canary()
    yield server
    server.close()


def hostile(base: str) -> str:
    """Every way we know for a page to call out, run script or navigate."""
    return f"""
<img src="{base}/img"> <img srcset="{base}/srcset 2x"> <img src="file:///etc/passwd">
<script>document.title = 'pwned'; document.body.setAttribute('data-pwned', '1');
new Image().src = '{base}/script';</script>
<script src="{base}/script.js"></script>
<iframe src="{base}/iframe"></iframe> <object data="{base}/object"></object>
<embed src="{base}/embed"> <video poster="{base}/poster" src="{base}/video"></video>
<audio src="{base}/audio" autoplay></audio>
<link rel="stylesheet" href="{base}/style.css"> <link rel="prefetch" href="{base}/prefetch">
<link rel="preload" as="image" href="{base}/preload"> <link rel="icon" href="{base}/icon">
<style>@import url("{base}/import.css"); body {{ background: url("{base}/bg"); }}</style>
<div style="background-image:url({base}/inline-bg)">x</div>
<svg><image href="{base}/svg-image"/></svg>
<form id="f" action="{base}/form" method="post"><input name="a" value="b" autofocus
 onfocus="this.form.submit()"></form>
<a id="file" href="file:///etc/passwd">passwd</a>
<body onload="location='{base}/onload'">
<meta http-equiv="refresh" content="0; url={base}/refresh">
"""


def js(qtbot: Any, pane: PreviewPane, code: str) -> Any:
    box: list[Any] = []
    pane.run_javascript(code, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return box[0]


@pytest.fixture
def preview(qtbot: Any, library: Any) -> Iterator[PreviewPane]:
    pane = PreviewPane()
    pane.resize(1000, 700)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_services(library.services)
    yield pane
    pane.shutdown()
    pane.deleteLater()


def settle(qtbot: Any, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    qtbot.waitUntil(lambda: time.monotonic() > deadline, timeout=int(seconds * 1000) + 5000)


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "without-csp"])
def test_hostile_page_reaches_nothing_and_runs_nothing(
    qtbot: Any, preview: PreviewPane, canary: Canary, csp: bool
) -> None:
    """The browser-level locks, with no sanitiser in front of them (and, without
    the CSP, the interceptor, JavaScript off and navigation refusal alone)."""
    page_html = (
        f"<!DOCTYPE html><html><head><title>Aperçu</title></head><body>"
        f"<p id='content'>Contenu visible</p>{hostile(canary.base)}</body></html>"
    )
    with qtbot.waitSignal(preview.sig_loaded, timeout=20000):
        preview.load_raw_html(page_html, csp=csp)
    first_url = preview.web_page().url()
    # The meta refresh reaches acceptNavigationRequest and is refused there.
    qtbot.waitUntil(lambda: any("/refresh" in u for u in preview.web_page().refused), timeout=10000)
    settle(qtbot, 1.0)
    assert canary.hits == []
    assert js(qtbot, preview, "document.title") == "Aperçu"
    assert js(qtbot, preview, "String(document.body.getAttribute('data-pwned'))") == "null"
    assert "Contenu visible" in js(qtbot, preview, "document.body.innerText")
    assert preview.web_page().url() == first_url
    if not csp:  # then the interceptor is what stopped them
        qtbot.waitUntil(
            lambda: any(canary.base in url for url in preview.blocked_requests()), timeout=5000
        )


def test_hostile_markdown_through_the_renderer(
    qtbot: Any, preview: PreviewPane, library: Any, canary: Canary
) -> None:
    issue_id = library.services.list_issues()[0].id
    article_id = library.services.article_ids(issue_id)[0]
    with qtbot.waitSignal(preview.sig_loaded, timeout=20000):
        preview.show_article(article_id)
    title = js(qtbot, preview, "document.title")
    body = (
        f"Texte.\n\n![x]({canary.base}/md-img)\n\n[lien](file:///etc/passwd)\n\n"
        f"![p](file:///etc/passwd)\n\n<{canary.base}/autolink>\n\n" + hostile(canary.base)
    )
    with qtbot.waitSignal(preview.sig_updated, timeout=10000):
        preview.update_text(body)
    settle(qtbot, 1.0)
    assert canary.hits == []
    assert js(qtbot, preview, "document.title") == title
    assert js(qtbot, preview, "String(document.body.getAttribute('data-pwned'))") == "null"
    assert js(qtbot, preview, "document.querySelectorAll('.article__body script').length") == 0


def test_navigation_refused_and_links_need_confirmation(
    qtbot: Any, preview: PreviewPane, library: Any
) -> None:
    issue_id = library.services.list_issues()[0].id
    with qtbot.waitSignal(preview.sig_loaded, timeout=20000):
        preview.show_issue(issue_id)
    page = preview.web_page()
    link = QWebEnginePage.NavigationType.NavigationTypeLinkClicked
    other = QWebEnginePage.NavigationType.NavigationTypeOther
    asked: list[str] = []
    opened: list[str] = []
    answers = [False, True]
    preview.confirm_link = lambda url: (asked.append(url.toString()), answers.pop(0))[1]
    preview.open_url = lambda url: opened.append(url.toString()) or True
    assert page.acceptNavigationRequest(QUrl("https://example.org/a"), link, True) is False
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=5000)
    assert opened == []  # the user said no
    assert page.acceptNavigationRequest(QUrl("mailto:redaction@example.org"), link, True) is False
    qtbot.waitUntil(lambda: opened == ["mailto:redaction@example.org"], timeout=5000)
    # Anything else is refused without asking: other schemes, redirects, our own scheme.
    assert page.acceptNavigationRequest(QUrl("file:///etc/passwd"), link, True) is False
    assert page.acceptNavigationRequest(QUrl("https://example.org/b"), other, True) is False
    assert page.acceptNavigationRequest(QUrl("feuillet-asset://page/999.html"), link, True) is False
    assert page.acceptNavigationRequest(QUrl("https://example.org/c"), link, False) is False
    settle(qtbot, 0.2)
    assert len(asked) == 2
    assert page.createWindow(QWebEnginePage.WebWindowType.WebBrowserTab) is None


def test_pages_over_two_megabytes_load(qtbot: Any, preview: PreviewPane) -> None:
    """setHtml fails silently above 2 MB; pages come through the scheme instead."""
    paragraph = "<p>Un long paragraphe de texte pour dépasser la limite de setHtml.</p>\n"
    html = (
        "<html><body>"
        + paragraph * (3 * 1024 * 1024 // len(paragraph))
        + "<p>FIN</p></body></html>"
    )
    assert len(html.encode()) > 3 * 1024 * 1024
    with qtbot.waitSignal(preview.sig_loaded, timeout=30000):
        preview.load_raw_html(html)
    assert js(qtbot, preview, "document.body.lastElementChild.textContent") == "FIN"
