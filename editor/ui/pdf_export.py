"""PDF export: the issue page printed by Qt's web engine, A4, with the theme's print CSS.

Two halves, because web-engine objects live on the GUI thread only:

1. On an :class:`~editor.ui.export_worker.ExportWorker` thread, the issue is
   exported as a ``single`` HTML file (the export's own renderer, images as
   data: URIs at 960 px, the theme's CSS inlined with its ``@media print``
   and ``@page`` rules) into a private temporary folder.
2. On the GUI thread, an off-the-record page loads that file with
   JavaScript off and a request filter that lets through only ``data:`` and
   ``file:`` inside the temporary folder (the preview's hardening, see
   :mod:`editor.ui.preview_page`), then ``printToPdf`` writes the PDF into
   a staging folder beside the target; ``os.replace`` moves it in.

Everything is driven by signals with time limits, never by a blocking loop,
except in :func:`export_pdf`, the synchronous form for the command line.

The job is :class:`~editor.ui.pdf_export_job.PdfExportJob` and the print
engine's set-up lives in :mod:`editor.ui.pdf_print`; this module keeps the
synchronous form and re-exports both, the names callers import from here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop

from editor.ui.pdf_export_job import DEFAULT_TIMEOUT_S, SOURCE_NAME, PdfExportJob
from editor.ui.pdf_print import MARGINS_MM, FolderInterceptor, a4_layout

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "MARGINS_MM",
    "SOURCE_NAME",
    "FolderInterceptor",
    "PdfExportJob",
    "a4_layout",
    "ensure_offscreen_application",
    "export_pdf",
]


def ensure_offscreen_application() -> Any:
    """The running QApplication, or a new one on the offscreen platform (command line).

    Called only for PDF: the other exports never load Qt. Chromium refuses
    its sandbox to root, so it is disabled only in that case.
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        return app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Printing needs no GPU; without these a terminal gets a dozen lines of
    # OpenGL/Vulkan fallback chatter that looks like errors but is not.
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --log-level=3")
    os.environ.setdefault("QT_LOGGING_RULES", "default.warning=false;qt.rhi.*=false;qt.qpa.*=false")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from editor.ui.preview_page import apply_pyside_refcount_workaround

    apply_pyside_refcount_workaround()
    return QApplication([sys.argv[0] if sys.argv else "feuillet"])


def export_pdf(
    issue: Any,
    assets: Any,
    fmt: str = "pdf",
    out_path: Path | str = "",
    *,
    force: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: object | None = None,
    cache_dir: Path | str | None = None,
    themes_dirs: Iterable[Path | str] = (),
    theme: str | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> Any:
    """Synchronous PDF export (same signature as ``export_issue``), for the command line.

    Needs a QApplication on the calling thread (:func:`ensure_offscreen_application`);
    runs a local event loop until the job ends. Raises ExportError on failure.
    """
    from editor.core.errors import FeuilletError
    from editor.core.export import ExportCancelled, ExportError

    if fmt != "pdf":
        raise ExportError(f"export_pdf makes PDF files, not {fmt!r}.")
    job = PdfExportJob(
        issue,
        assets,
        out_path,
        force=force,
        theme=theme,
        themes_dirs=themes_dirs,
        cache_dir=cache_dir,
        cancel=cancel,
        timeout_s=timeout_s,
    )
    loop = QEventLoop()
    outcome: dict[str, Any] = {}
    if progress is not None:
        job.sig_progress.connect(progress)
    job.sig_finished.connect(lambda result: (outcome.setdefault("result", result), loop.quit()))
    job.sig_failed.connect(lambda message: (outcome.setdefault("error", message), loop.quit()))
    job.sig_cancelled.connect(lambda: (outcome.setdefault("cancelled", True), loop.quit()))
    job.start()
    if not outcome:
        loop.exec()
    job.wait()
    # let the page, then its profile, be deleted before the caller moves on
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if "result" in outcome:
        return outcome["result"]
    if "cancelled" in outcome:
        raise ExportCancelled()
    error = job.error
    if isinstance(error, (ExportError, FeuilletError)):
        raise error
    raise ExportError(str(outcome.get("error") or "The PDF export failed."))
