"""Reading article files off the GUI thread, one report line per file, cancellable.

A Word document with pictures takes from tens of milliseconds to seconds to
convert (mammoth, image verification); a folder of them must not freeze the
window. :class:`ImportWorker` is a QThread that reads the files one by one with
the core's ``import_file`` and announces each outcome as soon as it is known,
so the dialog fills its list while the rest is read. Cancelling takes effect
between two files (a conversion in progress cannot be interrupted safely).
Nothing here writes to the library: storing is the dialog's job, on the GUI
thread, in one transaction.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal


class ImportWorker(QThread):
    """Reads ``paths`` (files and folders) and emits one ImportOutcome per file."""

    sig_started = Signal(int)  # number of files found
    sig_progress = Signal(int, int, str)  # done, total, file being read
    sig_outcome = Signal(object, str)  # ImportOutcome, preview HTML ("" for a failure)
    sig_done = Signal(bool)  # True when cancelled before the end
    _outcome_ready = Signal()  # worker → GUI thread: an outcome waits in the queue

    def __init__(
        self, paths: Iterable[Path | str], language: str = "fr", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        # lxml must be first imported by the main thread before worker threads
        # parse with it (its per-thread dictionaries hang off the main one); the
        # converters import it lazily, so import it here, on the GUI thread.
        import lxml.etree  # noqa: F401

        self._paths = [Path(p) for p in paths]
        self._language = language
        self._cancel = threading.Event()
        # Python objects never cross threads inside a queued signal: with PySide6
        # 6.12 on Python 3.11 that crashed now and then. The worker queues each
        # outcome and signals; the GUI thread takes it and emits sig_outcome.
        self._outcomes: queue.SimpleQueue[tuple[object, str]] = queue.SimpleQueue()
        self._outcome_ready.connect(self._deliver)  # queued: self lives in the GUI thread

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # runs on the worker thread
        from editor.core.importers import ImportFailure, ImportOutcome, import_file
        from editor.core.importers.batch import expand_paths

        try:
            files = expand_paths(self._paths)
        except OSError as exc:  # an unreadable folder: one failed line, not a crash
            self.sig_started.emit(1)
            self._send(ImportOutcome(path=self._paths[0], error=str(exc)), "")
            self.sig_done.emit(False)
            return
        self.sig_started.emit(len(files))
        for done, path in enumerate(files):
            if self._cancel.is_set():
                self.sig_done.emit(True)
                return
            self.sig_progress.emit(done, len(files), str(path))
            try:
                outcome = ImportOutcome(path=path, article=import_file(path))
            except ImportFailure as exc:
                outcome = ImportOutcome(path=path, error=str(exc))
            except Exception as exc:  # noqa: BLE001 - a converter bug fails one file, not the batch
                outcome = ImportOutcome(path=path, error=f"{path}: unexpected error: {exc!r}")
            self._send(outcome, self._preview_html(outcome))
        self.sig_progress.emit(len(files), len(files), "")
        self.sig_done.emit(False)

    def _send(self, outcome: object, html: str) -> None:
        self._outcomes.put((outcome, html))
        self._outcome_ready.emit()

    def _deliver(self) -> None:  # GUI thread
        while not self._outcomes.empty():
            outcome, html = self._outcomes.get()
            self.sig_outcome.emit(outcome, html)

    def _preview_html(self, outcome: object) -> str:
        """The body as it will be published, rendered here rather than on the GUI thread.

        Pictures are left out (their alt text shows instead): they are not in the
        library yet, and the preview must load nothing.
        """
        article = getattr(outcome, "article", None)
        if article is None:
            return ""
        from editor.core.render import Renderer, RenderOptions

        try:  # a Renderer per call: Markdown instances are not thread-safe
            options = RenderOptions(language=self._language, asset_url=lambda _sha: None)
            return Renderer(options).render(article.body_markdown).html
        except Exception as exc:  # noqa: BLE001 - a preview failure must not fail the file
            return f"<p><i>{type(exc).__name__}</i></p>"
