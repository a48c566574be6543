"""The print engine's set-up for the PDF export: A4 page, sandboxed profile and request filter.

The page printed is a local file in a private temporary folder; the
profile is off the record and its interceptor lets through only ``data:``
URLs and files inside that folder (the preview's hardening, see
:mod:`editor.ui.preview_page`).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QUrl
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

# Same as the newsletter theme's @page margins (top, right, bottom, left), so
# the page-number margin box has room whichever of the two the engine applies.
MARGINS_MM = QMarginsF(16, 18, 16, 20)


def a4_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


class FolderInterceptor(QWebEngineUrlRequestInterceptor):
    """Lets through ``data:`` and ``file:`` URLs inside one folder; blocks the rest."""

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = folder.resolve()
        self.blocked: list[str] = []

    def allows(self, url: QUrl) -> bool:
        scheme = url.scheme().lower()
        if scheme == "data":
            return True
        if scheme != "file" or url.host():
            return False
        try:
            return Path(url.toLocalFile()).resolve().is_relative_to(self._folder)
        except (OSError, ValueError):
            return False

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt override)
        url = info.requestUrl()
        if not self.allows(url):
            info.block(True)
            if len(self.blocked) < 1000:
                self.blocked.append(url.toString())


def make_print_profile(
    folder: Path, parent: QObject
) -> tuple[QWebEngineProfile, FolderInterceptor]:
    """An off-the-record profile that may read only ``folder``, and its request filter
    (the caller keeps a reference: Qt does not own the interceptor)."""
    profile = QWebEngineProfile(parent)  # no storage name: off the record
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setPersistentCookiesPolicy(
        QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
    )
    profile.setSpellCheckEnabled(False)
    interceptor = FolderInterceptor(folder, profile)
    profile.setUrlRequestInterceptor(interceptor)
    return profile, interceptor


def is_cancelled(cancel: object | None) -> bool:
    """Whether ``cancel`` (an Event, a callable or None) asks to stop."""
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel()) if callable(cancel) else False
