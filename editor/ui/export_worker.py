"""Running an export (or a publication, or the checks) off the GUI thread.

An export resizes images and writes files for seconds; on the GUI thread the
window would freeze. :class:`ExportWorker` runs one task on its own QThread
and reports by signal; Qt queues the emissions to the GUI thread because the
worker object itself lives there. Cancelling sets a ``threading.Event`` the
core checks between steps (``export_issue``'s ``cancel``), so the previous
export is left untouched.

The PDF export cannot run here: web-engine objects are GUI-thread only. It
reuses this worker for its slow half (rendering the page and its images)
and prints on the GUI thread (see :mod:`editor.ui.pdf_export`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

Progress = Callable[[int, int, str], None]
Task = Callable[[Progress, threading.Event], Any]


def describe_error(exc: BaseException) -> str:
    """A message for the user: ours are written for people, anything else is a bug."""
    from editor.core.errors import FeuilletError
    from editor.core.export import ExportError

    if isinstance(exc, (FeuilletError, ExportError)):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc} ({exc.filename})" if exc.filename else str(exc)
    return f"Unexpected error ({type(exc).__name__}): {exc}"


def is_cancellation(exc: BaseException) -> bool:
    from editor.core.export import ExportCancelled

    return isinstance(exc, ExportCancelled)


class ExportWorker(QThread):
    """Runs ``task(progress, cancel_event)`` once on a thread of its own.

    Exactly one of ``sig_finished(result)``, ``sig_failed(message)`` or
    ``sig_cancelled()`` is emitted at the end; ``error`` keeps the exception
    (e.g. a PublishRefused with its problems) for callers who need more than
    the message.
    """

    sig_progress = Signal(int, int, str)
    sig_finished = Signal(object)
    sig_failed = Signal(str)
    sig_cancelled = Signal()

    def __init__(self, task: Task, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task = task
        self._cancel = threading.Event()
        self.error: BaseException | None = None
        self.result: Any = None

    @property
    def cancel_event(self) -> threading.Event:
        return self._cancel

    def cancel(self) -> None:
        """Ask the task to stop at its next step; the end is still announced by signal."""
        self._cancel.set()

    def is_running(self) -> bool:
        return self.isRunning()

    def run(self) -> None:  # runs on the worker thread
        try:
            self.result = self._task(self._emit_progress, self._cancel)
        except Exception as exc:  # noqa: BLE001 - every failure must reach the dialog
            self.error = exc
            if is_cancellation(exc):
                self.sig_cancelled.emit()
            else:
                self.sig_failed.emit(describe_error(exc))
            return
        # Cancel pressed after the task's last step still ends here: the output
        # exists, so it is reported rather than pretending nothing happened.
        self.sig_finished.emit(self.result)

    def _emit_progress(self, done: int, total: int, label: str) -> None:
        self.sig_progress.emit(int(done), int(total), str(label))

    def stop_and_wait(self, msecs: int = 10_000) -> bool:
        """Cancel and wait (dialog closing, application quitting)."""
        self.cancel()
        return self.wait(msecs)


class ExportJob(QObject):
    """One export or publication as the dialog sees it, whatever the format.

    Non-PDF formats run entirely on an :class:`ExportWorker` thread
    (``export_with_revisions`` / ``publish_issue`` from the core). PDF runs as a
    :class:`editor.ui.pdf_export.PdfExportJob` (rendering on a thread, printing
    on the GUI thread); its revisions and status change are then recorded here,
    on the GUI thread (a few quick writes). ``sig_finished`` carries an
    ExportResult, or a PublishResult when publishing.
    """

    sig_progress = Signal(int, int, str)
    sig_finished = Signal(object)
    sig_failed = Signal(str)
    sig_cancelled = Signal()

    def __init__(
        self,
        services: Any,
        issue_id: int,
        fmt: str,
        out_path: Any,
        *,
        publish: bool = False,
        options: dict[str, Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._issue_id = issue_id
        self._fmt = fmt
        self._out = out_path
        self._publish = publish
        self._options = dict(options or {})
        self._runner: Any = None
        self._problems: list[Any] = []
        self.error: BaseException | None = None
        self.result: Any = None

    def start(self) -> None:
        runner = self._make_pdf_job() if self._fmt == "pdf" else self._make_worker()
        runner.sig_progress.connect(self.sig_progress)
        runner.sig_finished.connect(self._runner_finished)
        runner.sig_failed.connect(self._runner_failed)
        runner.sig_cancelled.connect(self.sig_cancelled)
        self._runner = runner
        runner.start()

    def cancel(self) -> None:
        if self._runner is not None:
            self._runner.cancel()

    def is_running(self) -> bool:
        return self._runner is not None and self._runner.is_running()

    def wait(self, msecs: int = 10_000) -> bool:
        return self._runner.wait(msecs) if self._runner is not None else True

    def _make_worker(self) -> ExportWorker:
        from editor.core.publishing import export_with_revisions, publish_issue

        services, issue_id, fmt, out = self._services, self._issue_id, self._fmt, self._out
        options = dict(self._options)
        if not self._publish:
            options.pop("language", None)  # messages of the checks, which only publishing runs
        run = publish_issue if self._publish else export_with_revisions

        def task(progress: Progress, cancel: threading.Event) -> Any:
            return run(services, issue_id, fmt, out, progress=progress, cancel=cancel, **options)

        return ExportWorker(task, self)

    def _make_pdf_job(self) -> QObject:
        from editor.core.publishing import check_for_publishing
        from editor.ui.pdf_export import PdfExportJob

        services, issue_id = self._services, self._issue_id
        options = {k: v for k, v in self._options.items() if k != "language"}
        language = self._options.get("language", "en")

        def source() -> Any:  # runs on the rendering thread
            if not self._publish:
                return services.issue_document(issue_id)
            issue, self._problems = check_for_publishing(services, issue_id, language=language)
            return issue

        return PdfExportJob(source, services.asset_store(), self._out, parent=self, **options)

    def _runner_finished(self, result: Any) -> None:
        if self._fmt == "pdf":
            from editor.core.publishing import (
                export_revision_policy,
                finish_publication,
                record_revisions,
            )

            issue = self._runner.issue
            try:
                if self._publish:
                    result = finish_publication(self._services, issue, result, self._problems)
                else:
                    record_revisions(
                        self._services, issue, export_revision_policy(publishing=False)
                    )
            except Exception as exc:  # noqa: BLE001 - shown to the user by the dialog
                self.error = exc
                self.sig_failed.emit(describe_error(exc))
                return
        self.result = result
        self.sig_finished.emit(result)

    def _runner_failed(self, message: str) -> None:
        self.error = getattr(self._runner, "error", None)
        self.sig_failed.emit(message)
