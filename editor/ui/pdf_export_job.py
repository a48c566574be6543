"""The asynchronous PDF export job: render on a worker thread, print on the GUI thread.

See :mod:`editor.ui.pdf_export` for the two halves and their hardening; the
print engine's set-up (page size, profile, request filter) is
:mod:`editor.ui.pdf_print`'s.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

from editor.ui.export_worker import ExportWorker, describe_error, is_cancellation
from editor.ui.pdf_print import FolderInterceptor, a4_layout, is_cancelled, make_print_profile

DEFAULT_TIMEOUT_S = 60.0
SOURCE_NAME = "issue.html"


class PdfExportJob(QObject):
    """Exports one issue as PDF asynchronously; the end is announced by one signal.

    ``issue_source`` is an IssueDoc, or a callable returning one that runs on
    the worker thread (the publishing dialog runs its checks there). The
    result is an :class:`editor.core.export.ExportResult` of format ``pdf``;
    :attr:`issue` is the document that was printed.
    """

    sig_progress = Signal(int, int, str)
    sig_finished = Signal(object)
    sig_failed = Signal(str)
    sig_cancelled = Signal()

    def __init__(
        self,
        issue_source: Any,
        assets: Any,
        out_path: Path | str,
        *,
        force: bool = False,
        theme: str | None = None,
        themes_dirs: Iterable[Path | str] = (),
        cache_dir: Path | str | None = None,
        cancel: object | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = issue_source
        self._assets = assets
        self._out = Path(out_path)
        self._force = force
        self._theme = theme
        self._themes_dirs = tuple(themes_dirs)
        self._cache_dir = cache_dir
        self._cancel = cancel if cancel is not None else threading.Event()
        self._timeout_ms = int(timeout_s * 1000)
        self._started = 0.0
        self._target: Path | None = None
        self._tmp: Path | None = None
        self._staging: Path | None = None
        self._single: Any = None
        self._worker: ExportWorker | None = None
        self._profile: QWebEngineProfile | None = None
        self._page: QWebEnginePage | None = None
        self._interceptor: FolderInterceptor | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        self._phase = "idle"
        self._total = 1
        self.issue: Any = None
        self.result: Any = None
        self.error: BaseException | None = None

    # -- control --------------------------------------------------------------

    def cancel(self) -> None:
        if isinstance(self._cancel, threading.Event):
            self._cancel.set()
        if self._worker is not None:
            self._worker.cancel()
        if self._phase in ("loading", "printing"):
            # The engine cannot be interrupted; drop its work and end now.
            self._end_cancelled()

    def is_running(self) -> bool:
        return self._phase not in ("idle", "done")

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for the rendering thread to end (before this object is deleted)."""
        return self._worker.wait(msecs) if self._worker is not None else True

    def start(self) -> None:
        """Check the target, then render in a worker thread; printing follows by signal."""
        from editor.core.export import atomic

        self._started = time.perf_counter()
        self._phase = "rendering"
        try:
            self._target = atomic.check_target(self._out, force=self._force)
            self._tmp = Path(tempfile.mkdtemp(prefix="feuillet-pdf-"))
        except Exception as exc:  # noqa: BLE001 - reported, not raised, like every later failure
            error = exc  # the name "exc" is unbound after the except block
            # by signal, on the next turn of the loop: callers connect after start()
            QTimer.singleShot(0, lambda: self._fail(error))
            return
        worker = ExportWorker(self._render_source, self)
        worker.sig_progress.connect(self._source_progress)
        worker.sig_finished.connect(self._source_ready)
        worker.sig_failed.connect(lambda _message: self._fail(worker.error))
        worker.sig_cancelled.connect(self._end_cancelled)
        self._worker = worker
        if isinstance(self._cancel, threading.Event) and self._cancel.is_set():
            worker.cancel()
        worker.start()

    # -- worker half ------------------------------------------------------------

    def _render_source(self, progress: Callable[[int, int, str], None], cancel: Any) -> Any:
        from editor.core.export import export_issue

        issue = self._source() if callable(self._source) else self._source
        self.issue = issue

        def relay(done: int, total: int, label: str) -> None:
            self._total = total + 2  # + loading and printing
            progress(done, self._total, label)

        def stop() -> bool:
            return cancel.is_set() or is_cancelled(self._cancel)

        assert self._tmp is not None
        return export_issue(
            issue,
            self._assets,
            "single",
            self._tmp / SOURCE_NAME,
            progress=relay,
            cancel=stop,
            cache_dir=self._cache_dir,
            themes_dirs=self._themes_dirs,
            theme=self._theme,
        )

    def _source_progress(self, done: int, total: int, label: str) -> None:
        if self._phase == "rendering":
            self.sig_progress.emit(done, total, label)

    # -- GUI half ---------------------------------------------------------------

    def _source_ready(self, single: Any) -> None:
        if self._phase != "rendering":
            return
        if is_cancelled(self._cancel):
            self._end_cancelled()
            return
        self._single = single
        self._phase = "loading"
        assert self._tmp is not None
        from editor.ui.preview_page import PreviewPage

        self._profile, self._interceptor = make_print_profile(self._tmp, self)
        # PreviewPage: JavaScript off, no file/remote access from content, every
        # navigation refused but the one we start (meta refresh included).
        self._page = PreviewPage(self._profile, None)
        self._page.loadFinished.connect(self._loaded)
        self._page.pdfPrintingFinished.connect(self._printed)
        self.sig_progress.emit(self._total - 2, self._total, "Layout")
        self._timer.start(self._timeout_ms)
        self._page.load_page(QUrl.fromLocalFile(str(self._tmp / SOURCE_NAME)))

    def _loaded(self, ok: bool) -> None:
        if self._phase != "loading":
            return
        self._timer.stop()
        if not ok:
            self._fail(RuntimeError("The print engine could not load the issue page."))
            return
        from editor.core.export import atomic

        assert self._target is not None and self._page is not None
        self._phase = "printing"
        self.sig_progress.emit(self._total - 1, self._total, "Printing")
        try:
            self._staging = atomic.staging_dir(self._target)
        except Exception as exc:  # noqa: BLE001
            self._fail(exc)
            return
        self._timer.start(self._timeout_ms)
        self._page.printToPdf(str(self._staging / "out.pdf"), a4_layout())

    def _printed(self, path: str, ok: bool) -> None:
        if self._phase != "printing":
            return
        self._timer.stop()
        if not ok or not Path(path).is_file() or Path(path).stat().st_size == 0:
            self._fail(RuntimeError("The print engine could not write the PDF."))
            return
        if is_cancelled(self._cancel):
            self._end_cancelled()
            return
        from editor.core.export import ExportError, ExportResult, atomic

        assert self._target is not None
        try:
            atomic.publish(Path(path), self._target)
        except OSError as exc:
            self._fail(ExportError(f"Could not write the PDF to {self._target}: {exc}"))
            return
        single = self._single
        self.result = ExportResult(
            format="pdf",
            path=self._target,
            files=(self._target.name,),
            total_bytes=self._target.stat().st_size,
            images=single.images,
            cache_hits=single.cache_hits,
            seconds=time.perf_counter() - self._started,
            public_url=single.public_url,
            warnings=single.warnings,
        )
        self.sig_progress.emit(self._total, self._total, "Done")
        self._finish()
        self.sig_finished.emit(self.result)

    def _timed_out(self) -> None:
        seconds = self._timeout_ms / 1000
        what = "load the issue page" if self._phase == "loading" else "print the PDF"
        self._fail(
            RuntimeError(
                f"The print engine did not {what} within {seconds:.0f} s; nothing was written."
            )
        )

    # -- endings ----------------------------------------------------------------

    def _fail(self, exc: BaseException | None) -> None:
        if self._phase == "done":
            return
        if exc is not None and is_cancellation(exc):
            self._end_cancelled()
            return
        self.error = exc
        self._finish()
        self.sig_failed.emit(describe_error(exc) if exc else "The PDF export failed.")

    def _end_cancelled(self) -> None:
        if self._phase == "done":
            return
        self._finish()
        self.sig_cancelled.emit()

    def _finish(self) -> None:
        """Stop the timer, drop the temporary files and the web engine objects."""
        self._phase = "done"
        self._timer.stop()
        for folder in (self._tmp, self._staging):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
        self._tmp = self._staging = None
        page, profile = self._page, self._profile
        self._page = self._profile = None
        if page is not None:
            page.loadFinished.disconnect(self._loaded)
            page.pdfPrintingFinished.disconnect(self._printed)
            # The profile must outlive its page (Qt warns and may crash otherwise).
            if profile is not None:
                page.destroyed.connect(profile.deleteLater)
            page.deleteLater()
        elif profile is not None:
            profile.deleteLater()
