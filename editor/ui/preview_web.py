"""The preview's web objects: made together, deleted page before profile; the page's CSP.

Kept apart from :mod:`editor.ui.preview_pane` so the pane holds the live
update logic; the hardening itself (profile, interceptor, page) is
:mod:`editor.ui.preview_page`'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWebEngineCore import QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from editor.ui.asset_scheme import AssetSchemeHandler
from editor.ui.preview_page import (
    CONTENT_SECURITY_POLICY,
    BlockingInterceptor,
    PreviewPage,
    make_profile,
)


def make_web_view(
    owner: QWidget, frame: QFrame, frame_layout: QVBoxLayout
) -> tuple[AssetSchemeHandler, QWebEngineProfile, BlockingInterceptor, QWebEngineView, PreviewPage]:
    """The asset handler, hardened profile, its interceptor, the view (in ``frame``) and page.

    The caller keeps every one: Qt does not own the interceptor, and the
    profile must outlive the page (see :func:`delete_web_view`).
    """
    handler = AssetSchemeHandler(owner)
    profile, interceptor = make_profile(owner, handler)
    view = QWebEngineView(frame)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    view.setAcceptDrops(False)
    page = PreviewPage(profile, view)
    view.setPage(page)
    frame_layout.addWidget(view)
    return handler, profile, interceptor, view, page


def delete_web_view(
    view: QWebEngineView,
    page: PreviewPage,
    profile: QWebEngineProfile,
    on_load_finished: Callable[[bool], None],
) -> None:
    """Delete the page, then the view, then the profile (Qt warns and may crash otherwise)."""
    from shiboken6 import delete, isValid

    if isValid(page):
        page.loadFinished.disconnect(on_load_finished)
        view.setPage(None)  # type: ignore[arg-type]
        delete(page)
    if isValid(view):
        delete(view)
    if isValid(profile):
        delete(profile)


def with_csp(html: str) -> str:
    """Add the Content-Security-Policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
    match = re.search(r"<head\b[^>]*>", html, re.IGNORECASE)
    if match:
        return html[: match.end()] + meta + html[match.end() :]
    return meta + html


def empty_page(text: str) -> str:
    """A blank page with ``text`` centred and grey, like the editor's placeholder."""
    import html

    return (
        "<!doctype html><html><head><meta charset='utf-8'></head>"
        "<body style='margin:0;height:100vh;display:flex;align-items:center;"
        "justify-content:center;font-family:sans-serif;color:#8a94a3;'>"
        f"<p>{html.escape(text)}</p></body></html>"
    )
