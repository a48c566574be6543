"""The Export… / Publish… dialog of the Issue menu.

One dialog, two modes. **Export** writes the issue in a chosen format. **Publish**
first shows the pre-publish checks (the :class:`~editor.ui.check_panel.CheckPanel`)
and refuses while there are errors ("Publish anyway" stays disabled); after a
successful export the issue is marked published (see :mod:`editor.core.publishing`).

The work runs off the GUI thread (:class:`~editor.ui.export_worker.ExportJob`),
with a progress bar and a Cancel button; the result says where the files are,
how many, how large, with the warnings, and offers to open the folder.
Texts are the ``export.*`` and ``publish.*`` keys of the window's catalogue
(:mod:`editor.ui.i18n`). The last folder is remembered in the window's settings
(``Settings.last_export_folder``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.ui.check_panel import CheckPanel, count_errors
from editor.ui.export_options import (  # noqa: F401 - FORMATS etc. re-exported
    FORMAT_SUFFIXES,
    FORMATS,
    LAST_FOLDER_KEY,
    FolderMemory,
    _cache_dir,
    _slug,
    _user_themes_dirs,
)
from editor.ui.export_worker import ExportJob
from editor.ui.i18n import Texts


class _DialogTexts(Texts):
    """Keys of this dialog: ``export.*`` and ``publish.*`` (short keys get ``export.``)."""

    def __call__(self, key: str, **values: object) -> str:
        if not key.startswith(("export.", "publish.")):
            key = f"export.{key}"
        return super().__call__(key, **values)


class ExportDialog(QDialog):
    """Export (``publish=False``) or publish (``publish=True``) one issue."""

    sig_exported = Signal(object)  # ExportResult
    sig_published = Signal(int)  # issue id: the window refreshes its status

    def __init__(
        self,
        library_or_services: Any,
        issue_id: int,
        *,
        publish: bool = False,
        settings: Any = None,
        translator: Any = None,
        themes_dirs: tuple[Path, ...] | None = None,
        cache_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from editor.core.publishing import services_of

        self.setObjectName("publishDialog" if publish else "exportDialog")
        self.services = services_of(library_or_services)
        self.issue_id = issue_id
        self.publishing = publish
        self._t = _DialogTexts(translator)
        self._memory = FolderMemory(settings)
        self._themes_dirs = themes_dirs if themes_dirs is not None else _user_themes_dirs()
        self._cache_dir = cache_dir if cache_dir is not None else _cache_dir()
        self._job: ExportJob | None = None
        self._ended_jobs: list[ExportJob] = []
        self.last_result: Any = None
        self.last_error = ""
        self.open_url = QDesktopServices.openUrl  # replaceable in tests
        issue = self.services.get_issue(issue_id)
        self._issue_title = issue.title
        self._slug = _slug(issue.label or issue.title, issue_id)
        self._build()
        self.retranslate()
        self.set_format("bundle")
        if translator is not None and hasattr(translator, "language_changed"):
            translator.language_changed.connect(lambda _code: self.retranslate())
        if publish:
            self.check_panel.set_issue(self.services, issue_id)
        # Export: as tall as its content (a fixed 420 px left a blank half);
        # Publish: room for the check list.
        self.resize(620, 560 if publish else self.sizeHint().height())

    # -- layout -------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setObjectName("exportHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("QLabel#exportHeading { font-weight: 600; }")
        self.check_panel = CheckPanel(self._t.translator, self)
        self.check_panel.setVisible(self.publishing)
        self.check_panel.sig_checked.connect(lambda _problems: self._update_buttons())
        self.check_panel.sig_check_failed.connect(lambda _message: self._update_buttons())

        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("exportFormat")
        for fmt in FORMATS:
            self.format_combo.addItem(fmt, fmt)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.format_help = QLabel(self)
        self.format_help.setObjectName("exportFormatHelp")
        self.format_help.setWordWrap(True)
        self.destination = QLineEdit(self)
        self.destination.setObjectName("exportDestination")
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.destination, 1)
        row.addWidget(self.browse_button)
        self.theme_combo = QComboBox(self)
        self.theme_combo.setObjectName("exportTheme")
        self.overwrite = QCheckBox(self)
        self.overwrite.setObjectName("exportOverwrite")
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(8)
        self.form.addRow("format", self.format_combo)
        self.form.addRow("", self.format_help)
        self.form.addRow("destination", row)
        self.form.addRow("theme", self.theme_combo)
        self.form.addRow("", self.overwrite)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setVisible(False)
        self.status = QLabel(self)
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setVisible(False)  # shown with a message only: no blank line at rest
        self.error_label = QLabel(self)
        self.error_label.setObjectName("exportError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setVisible(False)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("exportResult")
        self.result_label.setWordWrap(True)
        self.result_label.setVisible(False)

        self.run_button = QPushButton(self)
        self.run_button.setObjectName("exportRun")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("exportCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("exportOpenFolder")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self.open_folder)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        for button in (self.cancel_button, self.close_button, self.run_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.check_panel, 1)
        layout.addLayout(self.form)
        for widget in (self.progress, self.status, self.error_label, self.result_label):
            layout.addWidget(widget)
        # Extra height (the user enlarging the dialog) goes to the check list when
        # publishing, and below the form when exporting: the buttons stay at the bottom.
        layout.addStretch(0 if self.publishing else 1)
        layout.addSpacing(4)
        layout.addLayout(buttons)

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def retranslate(self) -> None:
        t = self._t
        mode = "publish" if self.publishing else "export"
        self.setWindowTitle(t(f"{mode}.title"))
        self.heading.setText(t(f"{mode}.heading", title=self._issue_title))
        for index, fmt in enumerate(FORMATS):
            self.format_combo.setItemText(index, t(f"format.{fmt}"))
        labels = ("label.format", "", "label.destination", "label.theme", "")
        for row, key in enumerate(labels):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if label is not None and label.widget() is not None:
                label.widget().setText(t(key) if key else "")
        self.browse_button.setText(t("browse"))
        self.overwrite.setText(t("overwrite"))
        self.cancel_button.setText(t("cancel"))
        self.close_button.setText(t("close"))
        self.open_button.setText(t("open_folder"))
        self._format_changed()
        self._update_buttons()

    # -- choices (also the API the tests and the window use) ---------------------

    def format(self) -> str:
        return str(self.format_combo.currentData())

    def set_format(self, fmt: str) -> None:
        index = FORMATS.index(fmt)
        if self.format_combo.currentIndex() != index:
            self.format_combo.setCurrentIndex(index)
        else:
            self._format_changed()

    def set_destination(self, path: Path | str) -> None:
        self.destination.setText(str(path))

    def destination_path(self) -> Path:
        return Path(self.destination.text().strip()).expanduser()

    def theme(self) -> str | None:
        data = self.theme_combo.currentData()
        return str(data) if data else None

    def _format_changed(self, *_args: object) -> None:
        fmt = self.format()
        self.format_help.setText(self._t(f"format.{fmt}.help"))
        self._fill_themes("email" if fmt == "email" else "web")
        # keep the chosen folder, rename the file for the new format
        current = self.destination.text().strip()
        folder = Path(current).expanduser().parent if current else self._memory.folder()
        self.destination.setText(str(folder / (self._slug + FORMAT_SUFFIXES[fmt])))

    def _fill_themes(self, kind: str) -> None:
        from editor.core.export import list_themes

        chosen = self.theme()
        self.theme_combo.blockSignals(True)
        self.theme_combo.clear()
        self.theme_combo.addItem(self._t(f"theme.default.{kind}"), None)
        for theme in list_themes(themes_dirs=self._themes_dirs):
            if theme.kind == kind:
                self.theme_combo.addItem(theme.name, theme.path.name)
        index = self.theme_combo.findData(chosen) if chosen else 0
        self.theme_combo.setCurrentIndex(max(0, index))
        self.theme_combo.blockSignals(False)

    def browse(self) -> None:
        """Ask where to write; a bundle is a folder named after the issue inside it."""
        start = str(self.destination_path())
        if self.format() == "bundle":
            folder = QFileDialog.getExistingDirectory(
                self, self._t("browse.title"), str(self.destination_path().parent)
            )
            chosen = str(Path(folder) / self._slug) if folder else ""
        else:
            chosen, _filter = QFileDialog.getSaveFileName(self, self._t("browse.title"), start)
        if chosen:
            self.set_destination(chosen)

    # -- running --------------------------------------------------------------------

    def is_running(self) -> bool:
        return self._job is not None

    def start(self) -> bool:
        """Start the export (or publication); False when refused before starting."""
        if self._job is not None:
            return False
        self._show_error("")
        self.result_label.setVisible(False)
        self.open_button.setVisible(False)
        out = self.destination_path()
        if not self.destination.text().strip():
            self._show_error(self._t("error.no_destination"))
            return False
        if (out.exists() or out.is_symlink()) and not self.overwrite.isChecked():
            self._show_error(self._t("error.exists", path=out))
            return False
        if self.publishing and (self.check_panel.is_checking() or self.check_panel.error_count()):
            return False
        options: dict[str, Any] = {
            "force": self.overwrite.isChecked(),
            "cache_dir": self._cache_dir,
            "themes_dirs": tuple(self._themes_dirs),
            "theme": self.theme(),
        }
        if self.publishing:
            options["language"] = self._t.language
        job = ExportJob(
            self.services, self.issue_id, self.format(), out,
            publish=self.publishing, options=options, parent=self,
        )  # fmt: skip
        job.sig_progress.connect(self._progressed)
        job.sig_finished.connect(self._finished)
        job.sig_failed.connect(self._failed)
        job.sig_cancelled.connect(self._cancelled)
        self._job = job
        self._memory.remember(out.parent)
        self.progress.setRange(0, 0)  # busy until the first step is reported
        self.progress.setVisible(True)
        self._set_status(self._t("running"))
        self._update_buttons()
        job.start()
        return True

    def cancel(self) -> None:
        if self._job is not None:
            self._set_status(self._t("cancelling"))
            self.cancel_button.setEnabled(False)
            self._job.cancel()

    def _progressed(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(min(done, total))
        self._set_status(self._t("step", label=label, done=done, total=total))

    def _end(self) -> None:
        if self._job is not None:
            self._ended_jobs.append(self._job)  # its thread may still be returning
        self._job = None
        self.progress.setVisible(False)
        self._update_buttons()

    def _finished(self, result: Any) -> None:
        self._end()
        export = getattr(result, "export", result)
        self.last_result = result
        self._set_status(self._t("published" if self.publishing else "exported"))
        locale = QLocale(
            QLocale.Language.English if self._t.language == "en" else QLocale.Language.French
        )
        lines = [
            self._t("result.path", path=export.path),
            self._t(
                "result.files",
                files=len(export.files),
                size=locale.formattedDataSize(int(export.total_bytes)),
                seconds=f"{export.seconds:.1f}",
            ),
        ]
        lines += [f"• {p.message(self._t.language)}" for p in getattr(result, "problems", ())]
        lines += [f"• {warning}" for warning in export.warnings]
        self.result_label.setText("\n".join(lines))
        self.result_label.setVisible(True)
        self.open_button.setVisible(True)
        self.sig_exported.emit(export)
        if self.publishing:
            self.sig_published.emit(self.issue_id)

    def _failed(self, message: str) -> None:
        self._end()
        self._set_status("")
        self._show_error(self._t("error.failed", error=message))

    def _cancelled(self) -> None:
        self._end()
        self._set_status(self._t("cancelled"))

    def _show_error(self, message: str) -> None:
        self.last_error = message
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _update_buttons(self) -> None:
        running = self._job is not None
        for widget in (self.format_combo, self.destination, self.browse_button,
                       self.theme_combo, self.overwrite):  # fmt: skip
            widget.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)
        if not self.publishing:
            self.run_button.setText(self._t("export.run"))
            self.run_button.setEnabled(not running)
            return
        problems = self.check_panel.problems
        blocked = self.check_panel.is_checking() or count_errors(problems) > 0
        self.run_button.setText(self._t("publish.anyway" if problems else "publish.run"))
        self.run_button.setEnabled(not running and not blocked)
        self.run_button.setToolTip(self._t("publish.blocked") if blocked else "")

    def open_folder(self) -> None:
        export = getattr(self.last_result, "export", self.last_result)
        if export is None:
            return
        path = Path(export.path)
        folder = path if path.is_dir() else path.parent
        self.open_url(QUrl.fromLocalFile(str(folder)))

    # -- closing ----------------------------------------------------------------------

    def shutdown(self) -> None:
        """Cancel what runs and wait for its thread (before the dialog or library goes)."""
        if self._job is not None:
            self._job.cancel()
        for job in [self._job, *self._ended_jobs]:
            if job is not None:
                job.wait()
        self.check_panel.shutdown()

    def reject(self) -> None:
        if self._job is not None:
            return  # Cancel first: closing must not leave a half-written export
        self.shutdown()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self._job is not None:
            event.ignore()
            self.cancel()
            return
        self.shutdown()
        super().closeEvent(event)
