"""A QWebEnginePage and profile that show user content and nothing else.

The preview displays Markdown a user pasted from anywhere, so the page is
treated as hostile. Measured on PySide6 6.12 (see DESIGN.md), zero outbound
requests needed all of these together:

- a dedicated off-the-record profile (no disk cache, no cookies kept);
- JavaScript off for the page (``runJavaScript`` in the application world,
  which the pane uses to patch the DOM, still works);
- local content may read neither file: nor remote URLs; no plugins, no
  windows, no clipboard, no DNS prefetch, no hyperlink auditing;
- a request interceptor that lets through only ``feuillet-asset:`` and
  ``data:``, and a CSP in every page as a second lock;
- every navigation refused except the page the pane itself loads (a
  ``<meta http-equiv=refresh>`` reaches acceptNavigationRequest even with
  JavaScript off). Link clicks to http/https/mailto are reported instead, so
  the pane can ask before opening them in the system browser.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

from editor.ui.asset_scheme import SCHEME, SCHEME_BYTES, AssetSchemeHandler

ALLOWED_SCHEMES = frozenset({SCHEME, "data"})
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src feuillet-asset: data:; style-src 'unsafe-inline'; "
    "font-src feuillet-asset: data:; base-uri 'none'; form-action 'none'; "
    "frame-src 'none'; object-src 'none'"
)

_OFF = (
    "JavascriptEnabled",
    "JavascriptCanOpenWindows",
    "JavascriptCanAccessClipboard",
    "JavascriptCanPaste",
    "LocalContentCanAccessFileUrls",
    "LocalContentCanAccessRemoteUrls",
    "PluginsEnabled",
    "PdfViewerEnabled",
    "AutoLoadIconsForPage",
    "TouchIconsEnabled",
    "DnsPrefetchEnabled",
    "HyperlinkAuditingEnabled",
    "AllowRunningInsecureContent",
    "AllowGeolocationOnInsecureOrigins",
    "AllowWindowActivationFromJavaScript",
    "NavigateOnDropEnabled",
    "ScreenCaptureEnabled",
    "WebGLEnabled",
    "Accelerated2dCanvasEnabled",
    "LocalStorageEnabled",
    "FullScreenSupportEnabled",
    "ErrorPageEnabled",
    "FocusOnNavigationEnabled",
)


def apply_pyside_refcount_workaround() -> None:
    """Make None, True, False, NotImplemented and Ellipsis effectively immortal.

    The PySide6 6.12 wheels in this venv return these singletons without a new
    reference (they are immortal from Python 3.12 on). On Python 3.11 every
    void Qt call then decrements None's count and every signal emit True's,
    until the interpreter aborts with "deallocating None" after a few thousand
    calls. Raising their counts out of reach makes 3.11 behave like 3.12.
    Call once, early, in every process that uses PySide6 (the app's
    composition root and tests/conftest.py).
    """
    import PySide6

    # pyproject keeps PySide6 below 6.12 for this reason; the guard protects a
    # machine where someone installed 6.12 by hand.
    if sys.version_info >= (3, 12) or tuple(map(int, PySide6.__version__.split(".")[:2])) < (6, 12):
        return
    import ctypes

    for singleton in (None, True, False, NotImplemented, Ellipsis):
        # ob_refcnt is the first field of every object in a release build.
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < 1 << 59:  # idempotent: never overflow on repeated calls
            refcount.value += 1 << 60


class BlockingInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request that :meth:`allows` refuses; by default all but
    ``feuillet-asset:`` and ``data:`` (the preview). Subclasses widen it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked: list[str] = []  # what content tried to reach (diagnostics, tests)

    def allows(self, url: QUrl) -> bool:
        return url.scheme().lower() in ALLOWED_SCHEMES

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt override)
        url = info.requestUrl()
        if not self.allows(url):
            info.block(True)
            if len(self.blocked) < 1000:
                self.blocked.append(url.toString())


def private_profile(parent: QObject) -> QWebEngineProfile:
    """An off-the-record profile: memory cache only, no cookies kept, no spell check."""
    profile = QWebEngineProfile(parent)  # no storage name: off the record
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setPersistentCookiesPolicy(
        QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
    )
    profile.setSpellCheckEnabled(False)
    return profile


def make_profile(
    parent: QObject, handler: AssetSchemeHandler
) -> tuple[QWebEngineProfile, BlockingInterceptor]:
    """An off-the-record profile serving only our scheme, and its request filter
    (the caller keeps a reference: Qt does not own the interceptor)."""
    profile = private_profile(parent)
    profile.installUrlSchemeHandler(SCHEME_BYTES, handler)
    interceptor = BlockingInterceptor(profile)
    profile.setUrlRequestInterceptor(interceptor)
    return profile, interceptor


class PreviewPage(QWebEnginePage):
    """Refuses every navigation but the pages the pane loads, and all windows."""

    sig_external_link = Signal(QUrl)

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        settings = self.settings()
        for name in _OFF:
            settings.setAttribute(getattr(QWebEngineSettings.WebAttribute, name), False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.AutoLoadImages, True)
        self._expected: QUrl | None = None
        self.refused: list[str] = []

    def load_page(self, url: QUrl) -> None:
        """Load one of our own pages: the only navigation ever accepted."""
        self._expected = QUrl(url)
        self.load(url)

    def acceptNavigationRequest(  # noqa: N802 (Qt override)
        self, url: QUrl, navigation_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        if is_main_frame and self._expected is not None and url == self._expected:
            self._expected = None
            return True
        current = self.url()
        if (
            is_main_frame
            and url.hasFragment()
            and current.isValid()
            and url.adjusted(QUrl.UrlFormattingOption.RemoveFragment)
            == current.adjusted(QUrl.UrlFormattingOption.RemoveFragment)
        ):
            return True  # in-page anchors (table of contents, footnotes)
        if (
            is_main_frame
            and navigation_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked
            and url.scheme().lower() in EXTERNAL_SCHEMES
        ):
            self.sig_external_link.emit(QUrl(url))
        self.refused.append(url.toString())
        return False

    def createWindow(self, _type: QWebEnginePage.WebWindowType) -> None:  # noqa: N802 (Qt override)
        return None

    def javaScriptConsoleMessage(self, *_args: object) -> None:  # noqa: N802 (Qt override)
        return None  # page scripts never run; application-world noise is not the user's concern
