"""File → Import…: read Word, LibreOffice, web and Markdown files, preview them, then import.

Three steps, so nothing reaches the library by surprise:

1. the files (or a folder) are read on a worker thread (:mod:`editor.ui.import_worker`),
   with a progress bar and a Cancel button;
2. a preview lists every file as *ok*, *warning*, *already in the library* (left
   unchecked) or *failed* (with the reason), and shows for the selected one its
   fields, warnings, and its body as Markdown and as it will read (rendered by the
   export's own renderer, with the file's own pictures);
3. "Import N articles" stores the checked good files in ONE transaction
   (``store_imported``): their pictures become library assets, the failed files are
   listed in the report and never half-imported.

Entry points for the window: ``ImportDialog.choose_and_import(...)`` (the File menu),
:func:`import_dropped_paths` and ``FileDropImporter.attach(tree, ...)`` (files dropped
on the library pane, :mod:`editor.ui.import_drop`). The detail panel of step 2 is
:mod:`editor.ui.import_preview`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.ui.i18n import Texts
from editor.ui.import_drop import FileDropImporter, import_dropped_paths
from editor.ui.import_preview import FIELDS, ImportPreview, already_in_library
from editor.ui.import_worker import ImportWorker

__all__ = [
    "FIELDS",
    "FILE_FILTER_SUFFIXES",
    "POOL",
    "FileDropImporter",
    "ImportDialog",
    "import_dropped_paths",
]

POOL = -1  # combo data of the draft pool (None does not survive QVariant round trips well)
FILE_FILTER_SUFFIXES = "*.docx *.odt *.html *.htm *.md *.markdown *.txt"
STATUS_COLOURS = {"ok": "#2e7d4f", "warning": "#9a6700", "duplicate": "#9a6700", "failed": "#b42318"}  # fmt: skip


def _status_of(outcome: Any, duplicate: bool = False) -> str:
    """ "ok", "warning", "duplicate" or "failed": the line's status key (``import.<status>``)."""
    if not outcome.ok:
        return "failed"
    return "duplicate" if duplicate else "warning" if outcome.article.warnings else "ok"


class ImportDialog(QDialog):
    """Reads files on a worker, previews them, imports the good ones in one transaction."""

    sig_imported = Signal(list)  # ids of the created articles

    def __init__(self, services: Any, translator: Any = None, parent: QWidget | None = None,
                 issue_id: int | None = None, language: str = "fr") -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("importDialog")
        self._services = services
        self._translator = translator
        self._texts = Texts(translator, "import.")
        self._language = language
        self._worker: ImportWorker | None = None
        self._outcomes: list[Any] = []
        self._html: list[str] = []
        self._duplicates: list[bool] = []  # parallel to _outcomes
        self._report = ""
        self.ask_files: Callable[[], list[str]] = self._ask_files
        self.ask_folder: Callable[[], str] = self._ask_folder
        self._build()
        self._fill_destinations(issue_id)
        self.retranslate()
        if translator is not None and hasattr(translator, "language_changed"):
            translator.language_changed.connect(self.retranslate)
        self.resize(980, 640)

    # -- texts ------------------------------------------------------------------

    def _t(self, key: str, **values: object) -> str:
        """``import.<key>`` from the window's catalogue (French without a translator)."""
        return self._texts(key, **values)

    def _lang(self) -> str:
        """The language of the texts (and of the preview's typography)."""
        return self._texts.language if self._translator is not None else self._language

    # -- building ---------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.add_files_button = QPushButton()
        self.add_folder_button = QPushButton()
        self.add_files_button.clicked.connect(lambda: self.start(self.ask_files()))
        self.add_folder_button.clicked.connect(lambda: self.start([self.ask_folder()]))
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.add_files_button, self.add_folder_button):
            top.addWidget(widget)
        top.addWidget(self.progress, 1)
        top.addWidget(self.progress_label, 1)
        top.addWidget(self.cancel_button)
        layout.addLayout(top)

        self.pages = QStackedWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.files = QTreeWidget()
        self.files.setObjectName("importFiles")
        self.files.setRootIsDecorated(False)
        header = self.files.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.files.currentItemChanged.connect(lambda *_: self._show_selected())
        self.files.itemChanged.connect(lambda *_: self._update_import_button())
        splitter.addWidget(self.files)
        self.detail = ImportPreview(self._t, labels=Texts(self._translator), language=self._lang)
        # The dialog's own names for the preview's widgets (the window and tests use them).
        self.field_labels, self.message = self.detail.field_labels, self.detail.message
        self.tabs, self.preview = self.detail.tabs, self.detail.preview
        self.markdown = self.detail.markdown
        splitter.addWidget(self.detail)
        splitter.setSizes([340, 640])
        self.pages.addWidget(splitter)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.pages.addWidget(self.report_view)
        layout.addWidget(self.pages, 1)

        bottom = QHBoxLayout()
        self.destination_label = QLabel()
        bottom.addWidget(self.destination_label)
        self.destination = QComboBox()
        bottom.addWidget(self.destination, 1)
        self.import_button = QPushButton()
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.commit)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self._update_import_button()

    def retranslate(self, _language: str = "") -> None:
        """Every text of the dialog, in the translator's current language."""
        t = self._t
        self.setWindowTitle(t("title"))
        self.add_files_button.setText(t("add_files"))
        self.add_folder_button.setText(t("add_folder"))
        self.cancel_button.setText(t("cancel"))
        self.files.setHeaderLabels([t("file"), t("status")])
        for index in range(self.files.topLevelItemCount()):
            item = self.files.topLevelItem(index)
            item.setText(1, t(item.data(1, Qt.ItemDataRole.UserRole)))
        self.destination_label.setText(t("destination"))
        if self.destination.count():
            self.destination.setItemText(0, t("pool"))
        self.close_button.setText(t("close"))
        self._update_import_button()
        self.detail.retranslate()

    def _fill_destinations(self, issue_id: int | None) -> None:
        self.destination.addItem(self._t("pool"), POOL)
        for row in self._services.list_issues():
            name = row.label or row.title
            self.destination.addItem(f"{row.publication_name} — {name}", row.id)
        index = self.destination.findData(issue_id if issue_id is not None else POOL)
        self.destination.setCurrentIndex(max(index, 0))

    # -- reading ----------------------------------------------------------------

    def start(self, paths: Iterable[str | Path]) -> None:
        """Read ``paths`` (files or folders) in the background and add them to the list."""
        paths = [Path(p) for p in paths if p]
        if not paths or self.is_reading():
            return
        self.pages.setCurrentIndex(0)
        worker = ImportWorker(paths, self._language, self)
        worker.sig_started.connect(self._started)
        worker.sig_progress.connect(self._progressed)
        worker.sig_outcome.connect(self._add_outcome)
        worker.sig_done.connect(self._finished)
        self._worker = worker
        self._set_reading(True)
        worker.start()

    def is_reading(self) -> bool:
        return self._worker is not None and self._worker.isRunning()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the reading ends (tests, closing)."""
        return self._worker.wait(msecs) if self._worker is not None else True

    def _set_reading(self, reading: bool) -> None:
        self.progress.setVisible(reading)
        self.cancel_button.setVisible(reading)
        self.add_files_button.setEnabled(not reading)
        self.add_folder_button.setEnabled(not reading)
        self._update_import_button()

    def _started(self, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)

    def _progressed(self, done: int, total: int, name: str) -> None:
        self.progress.setValue(done)
        if name:
            self.progress_label.setText(
                self._t("reading", done=done + 1, total=total, name=Path(name).name)
            )

    def _add_outcome(self, outcome: Any, html: str) -> None:
        self._outcomes.append(outcome)
        self._html.append(html)
        # A file already imported is listed but left unchecked: importing it
        # again is more often a slip than a wish, yet stays one click away.
        duplicate = outcome.ok and already_in_library(self._services, outcome.article)
        self._duplicates.append(duplicate)
        kind = _status_of(outcome, duplicate)
        item = QTreeWidgetItem([outcome.path.name, self._t(kind)])
        item.setToolTip(0, str(outcome.path))
        item.setData(0, Qt.ItemDataRole.UserRole, len(self._outcomes) - 1)
        item.setData(1, Qt.ItemDataRole.UserRole, kind)
        item.setForeground(1, QColor(STATUS_COLOURS[kind]))
        if outcome.ok:
            item.setCheckState(0, Qt.CheckState.Unchecked if duplicate else Qt.CheckState.Checked)
        else:
            item.setToolTip(1, outcome.error or "")
        self.files.addTopLevelItem(item)
        if self.files.currentItem() is None:
            self.files.setCurrentItem(item)
        self._update_import_button()

    def _finished(self, cancelled: bool) -> None:
        total = len(self._outcomes)
        self.progress_label.setText(self._t("cancelled" if cancelled else "read_done", total=total))
        self._set_reading(False)

    # -- preview ----------------------------------------------------------------

    def outcomes(self) -> list[Any]:
        return list(self._outcomes)

    def statuses(self) -> dict[str, str]:
        """File name → "ok", "warning" or "failed", as listed."""
        return {
            self.files.topLevelItem(i).text(0): self.files.topLevelItem(i).data(1, Qt.ItemDataRole.UserRole)
            for i in range(self.files.topLevelItemCount())
        }  # fmt: skip

    def select_file(self, name: str) -> None:
        for i in range(self.files.topLevelItemCount()):
            if self.files.topLevelItem(i).text(0) == name:
                self.files.setCurrentItem(self.files.topLevelItem(i))

    def _show_selected(self) -> None:
        item = self.files.currentItem()
        index = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        outcome = self._outcomes[index] if index is not None else None
        self.detail.show_outcome(
            outcome,
            self._html[index] if index is not None else "",
            duplicate=self._duplicates[index] if index is not None else False,
        )

    # -- importing --------------------------------------------------------------

    def chosen(self) -> list[Any]:
        """Good outcomes whose box is checked, in list order."""
        chosen = []
        for i in range(self.files.topLevelItemCount()):
            item = self.files.topLevelItem(i)
            outcome = self._outcomes[item.data(0, Qt.ItemDataRole.UserRole)]
            if outcome.ok and item.checkState(0) == Qt.CheckState.Checked:
                chosen.append(outcome)
        return chosen

    def _update_import_button(self) -> None:
        count = len(self.chosen()) if hasattr(self, "import_button") else 0
        self.import_button.setText(self._t("import_n", count=count))
        self.import_button.setEnabled(count > 0 and not self.is_reading())

    def set_destination(self, issue_id: int | None) -> None:
        index = self.destination.findData(POOL if issue_id is None else issue_id)
        if index >= 0:
            self.destination.setCurrentIndex(index)

    def commit(self) -> list[int]:
        """Store the chosen articles in one transaction; returns their ids (may be empty)."""
        from editor.core.errors import FeuilletError
        from editor.core.importing import store_imported

        chosen = self.chosen()
        if not chosen or self.is_reading():
            return []
        data = self.destination.currentData()
        issue_id = None if data == POOL else int(data)
        try:
            ids = store_imported(self._services, [o.article for o in chosen], issue_id)
        except FeuilletError as exc:
            self._show_report([], chosen, error=str(exc))
            return []
        self._show_report(ids, chosen)
        self.sig_imported.emit(ids)
        return ids

    def _show_report(self, ids: Sequence[int], chosen: list[Any], error: str = "") -> None:
        failed = [o for o in self._outcomes if not o.ok]
        lines = [
            self._t("report_error", error=error)
            if error
            else self._t("report_ok", count=len(ids), where=self.destination.currentText())
        ]
        with_warnings = [o for o in chosen if o.article.warnings]
        if with_warnings and not error:
            lines += ["", self._t("report_warnings")]
            lines += [f"  {o.path.name}: {w}" for o in with_warnings for w in o.article.warnings]
        if failed:
            lines += ["", self._t("report_failed", count=len(failed))]
            lines += [f"  {o.error}" for o in failed]
        skipped = sum(1 for o in self._outcomes if o.ok) - len(chosen)
        if skipped:
            lines += ["", self._t("report_skipped", count=skipped)]
        self._report = "\n".join(lines)
        self.report_view.setPlainText(self._report)
        self.pages.setCurrentIndex(1)
        self.import_button.setEnabled(False)

    def report_text(self) -> str:
        return self._report

    # -- files and closing ------------------------------------------------------

    def _ask_files(self) -> list[str]:
        suffixes = FILE_FILTER_SUFFIXES
        paths, _ = QFileDialog.getOpenFileNames(
            self, self._t("pick_files"), "", self._t("filter", suffixes=suffixes)
        )
        return paths

    def _ask_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, self._t("pick_folder"))

    def done(self, result: int) -> None:  # closing by any means stops the reading first
        self.cancel()
        self.wait()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.cancel()
        self.wait()
        super().closeEvent(event)

    @classmethod
    def choose_and_import(cls, parent: QWidget | None, services: Any, issue_id: int | None,
                          translator: Any = None, language: str = "fr") -> ImportDialog | None:  # fmt: skip
        """File → Import…: ask for files, then show the dialog reading them (None if cancelled)."""
        dialog = cls(services, translator, parent, issue_id, language)
        paths = dialog.ask_files()
        if not paths:
            dialog.deleteLater()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.start(paths)
        dialog.open()
        return dialog
