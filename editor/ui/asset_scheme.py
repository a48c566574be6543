"""The ``feuillet-asset`` URL scheme: the only thing the preview may load.

Two hosts are served, both from memory or the library, never from the disk
or the network:

- ``feuillet-asset://page/<n>.html``: a preview page. Loading pages through
  the scheme (instead of ``setHtml``) avoids setHtml's silent 2 MB limit and
  gives every page the same non-local, secure origin.
- ``feuillet-asset://asset/<sha256>``: an image of the library, read through
  ``services.asset_store()``.

The scheme must be registered before the QApplication exists: the composition
root calls :func:`register_schemes` first thing.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from editor.core.document import AssetStore

SCHEME = "feuillet-asset"
SCHEME_BYTES = SCHEME.encode("ascii")
PAGE_HOST = "page"
ASSET_HOST = "asset"
KEEP_PAGES = 4  # a reload may still be reading the previous page
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def register_schemes() -> None:
    """Declare ``feuillet-asset`` to Qt WebEngine; call once, BEFORE QApplication.

    Secure (so the page is a secure context and no mixed-content rule relaxes)
    but neither local nor allowed local access: a preview page can never read
    ``file:`` URLs. CORS is left off: nothing in the page may fetch.
    """
    if QWebEngineUrlScheme.schemeByName(SCHEME_BYTES).name() == SCHEME_BYTES:
        return
    scheme = QWebEngineUrlScheme(SCHEME_BYTES)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)


def asset_url(sha256: str) -> str:
    """The URL the preview gives the renderer for a library image."""
    return f"{SCHEME}://{ASSET_HOST}/{sha256}"


class AssetSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves preview pages (kept in memory) and library images."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store: AssetStore | None = None
        self._pages: OrderedDict[str, bytes] = OrderedDict()
        self._counter = 0
        self.served: list[str] = []  # URLs answered (diagnostics and tests)

    def set_store(self, store: AssetStore | None) -> None:
        self._store = store

    def put_page(self, html: str) -> QUrl:
        """Keep ``html`` as a new page; returns the URL to load it from."""
        self._counter += 1
        name = f"{self._counter}.html"
        self._pages[name] = html.encode("utf-8")
        while len(self._pages) > KEEP_PAGES:
            self._pages.popitem(last=False)
        return QUrl(f"{SCHEME}://{PAGE_HOST}/{name}")

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt override)
        url = job.requestUrl()
        if bytes(job.requestMethod().data()) != b"GET":
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        host, name = url.host(), url.path().lstrip("/")
        if host == PAGE_HOST and name in self._pages:
            self._reply(job, b"text/html;charset=utf-8", self._pages[name])
            return
        if host == ASSET_HOST and _SHA256.match(name) and self._store is not None:
            info = self._store.asset_info(name)
            if info is not None:
                try:
                    data = self._store.asset_bytes(name)
                except KeyError:
                    data = b""
                if data:
                    self._reply(job, info.media_type.encode("ascii"), data)
                    return
        job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)

    def _reply(self, job: QWebEngineUrlRequestJob, content_type: bytes, data: bytes) -> None:
        # The buffer is parented to the job: Qt reads it after this returns.
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.served.append(job.requestUrl().toString())
        job.reply(content_type, buffer)
