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
from PySide6.QtWebEngineCore import QWebEngineProfile

from editor.ui.preview_page import BlockingInterceptor, private_profile

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


class FolderInterceptor(BlockingInterceptor):
    """Lets through ``data:`` and ``file:`` URLs inside one folder, nothing else."""

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = folder.resolve()

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


def make_print_profile(
    folder: Path, parent: QObject
) -> tuple[QWebEngineProfile, FolderInterceptor]:
    """An off-the-record profile that may read only ``folder``, and its request filter
    (the caller keeps a reference: Qt does not own the interceptor)."""
    profile = private_profile(parent)
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
