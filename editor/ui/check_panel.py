"""The pre-publish check panel: what to fix in an issue, one line per problem.

A plain QWidget (the window puts it in a QDockWidget; the publishing dialog
embeds it). ``set_issue(services, issue_id)`` runs ``check_issue`` on a worker
thread, because it renders every article (~100 ms for the sample issue, far
more for a long one); a newer request supersedes an older one. Double-click
(or Enter) on a problem announces its article with ``sig_article_activated``
so the window can select it.

With no problem to list, a green "No problems found ✓" takes the list's place
(an empty list box looked like a check that never ran).

Texts: the ``check.*`` keys of the window's catalogue (:mod:`editor.ui.i18n`),
in the translator's language (French without one); a language switch re-reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from editor.ui.export_worker import ExportWorker
from editor.ui.i18n import Texts

ARTICLE_ROLE = Qt.ItemDataRole.UserRole
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
ICONS = {
    "error": ("fa5s.times-circle", "#c62828"),
    "warning": ("fa5s.exclamation-triangle", "#b26a00"),
    "ok": ("fa5s.check-circle", "#2e7d32"),
}


def severity_icon(severity: str) -> QIcon:
    """A qtawesome icon per severity (imported lazily: it needs the QApplication)."""
    import qtawesome

    name, color = ICONS.get(severity, ICONS["warning"])
    return qtawesome.icon(name, color=color)


def count_errors(problems: Sequence[Any]) -> int:
    return sum(1 for p in problems if p.severity == "error")


class CheckPanel(QWidget):
    """Problems of one issue with severity icons, a summary and a Re-check button."""

    sig_article_activated = Signal(int)
    sig_checked = Signal(object)  # the list of Problems, after each check
    sig_check_failed = Signal(str)

    def __init__(self, translator: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkPanel")
        self._t = Texts(translator)
        self._services: Any = None
        self._issue_id: int | None = None
        self._problems: list[Any] = []
        self._worker: ExportWorker | None = None
        self._again = False  # a newer request arrived while a check was running
        self._threads: list[ExportWorker] = []  # started and not yet ended
        self._build()
        self.retranslate()
        if translator is not None and hasattr(translator, "language_changed"):
            translator.language_changed.connect(lambda _code: self.retranslate())

    def _build(self) -> None:
        self.summary = QLabel(self)
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.recheck_button = QPushButton(self)
        self.recheck_button.setObjectName("checkRecheck")
        self.recheck_button.clicked.connect(self.recheck)
        # a list rather than a tree: QListView wraps long messages, QTreeView elides them
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("checkList")
        self.problem_list.setWordWrap(True)
        self.problem_list.setUniformItemSizes(False)
        self.problem_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.problem_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.problem_list.setSpacing(2)
        # itemActivated: double-click, or Enter for keyboard users
        self.problem_list.itemActivated.connect(self._activated)
        # An empty list box reads as "nothing loaded": a checked issue with no
        # problem says so in its place, in green.
        self.empty_state = QLabel(self)
        self.empty_state.setObjectName("checkEmpty")
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.problem_list)
        self.stack.addWidget(self.empty_state)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.recheck_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    # -- public API -------------------------------------------------------------

    @property
    def problems(self) -> list[Any]:
        return list(self._problems)

    @property
    def issue_id(self) -> int | None:
        return self._issue_id

    def error_count(self) -> int:
        return count_errors(self._problems)

    def is_checking(self) -> bool:
        return self._worker is not None

    def set_issue(self, services: Any, issue_id: int | None) -> None:
        """Check ``issue_id`` (None clears the panel); the result arrives by signal."""
        self._services = services
        self._issue_id = issue_id
        if issue_id is None:
            self.set_problems([])
            self.summary.setText(self._t("check.none"))
            self._show_empty("")
            return
        self.recheck()

    def recheck(self) -> None:
        if self._services is None or self._issue_id is None:
            return
        if self._worker is not None:
            self._again = True
            return
        services, issue_id = self._services, self._issue_id

        def task(_progress: Any, _cancel: Any) -> list[Any]:
            from editor.core.export import check_issue

            return check_issue(services.issue_document(issue_id), services.asset_store())

        worker = ExportWorker(task, self)
        worker.sig_finished.connect(lambda problems: self._checked(worker, issue_id, problems))
        worker.sig_failed.connect(lambda message: self._failed(worker, message))
        # QThread.finished comes after run() returned: only then may it be deleted
        worker.finished.connect(lambda: self._reap(worker))
        self._worker = worker
        self._threads.append(worker)
        self.recheck_button.setEnabled(False)
        self.summary.setText(self._t("check.running"))
        worker.start()

    def set_problems(self, problems: Sequence[Any]) -> None:
        """Show ``problems`` (from check_issue) without running the check."""
        self._problems = list(problems)
        self._fill()

    def shutdown(self, msecs: int = 5000) -> None:
        """Wait for a running check (call before the library closes)."""
        for worker in list(self._threads):
            worker.wait(msecs)

    # -- results ---------------------------------------------------------------

    def _done(self, worker: ExportWorker) -> bool:
        """Release ``worker``; True when its answer is still the one wanted."""
        if worker is self._worker:
            self._worker = None
        self.recheck_button.setEnabled(True)
        if self._again:
            self._again = False
            self.recheck()
            return False
        return True

    def _reap(self, worker: ExportWorker) -> None:
        if worker in self._threads:
            self._threads.remove(worker)
        worker.deleteLater()

    def _checked(self, worker: ExportWorker, issue_id: int, problems: list[Any]) -> None:
        if not self._done(worker) or issue_id != self._issue_id:
            return
        self.set_problems(problems)
        self.sig_checked.emit(list(problems))

    def _failed(self, worker: ExportWorker, message: str) -> None:
        if not self._done(worker):
            return
        self._problems = []
        self.problem_list.clear()
        self._show_empty("")
        self.summary.setText(self._t("check.failed", error=message))
        self.sig_check_failed.emit(message)

    def _activated(self, item: QListWidgetItem) -> None:
        article_id = item.data(ARTICLE_ROLE)
        if article_id is not None:
            self.sig_article_activated.emit(int(article_id))

    # -- display ------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self._t("check.title"))
        self.recheck_button.setText(self._t("check.recheck"))
        self.recheck_button.setToolTip(self._t("check.recheck.tip"))
        if self._worker is not None:
            self.summary.setText(self._t("check.running"))
        elif self._issue_id is None and not self._problems:
            self.summary.setText(self._t("check.none"))
            self._show_empty("")
        else:
            self._fill()

    def _fill(self) -> None:
        self.problem_list.clear()
        language = self._t.language
        errors = count_errors(self._problems)
        if not self._problems:
            self.summary.setText(self._t("check.ok"))
            self._show_empty(self._t("check.all_clear"), ok=True)
        else:
            self.stack.setCurrentWidget(self.problem_list)
            self.summary.setText(
                self._t("check.summary", errors=errors, warnings=len(self._problems) - errors)
            )
        for problem in self._problems:
            item = QListWidgetItem(severity_icon(problem.severity), problem.message(language))
            tip = self._t(f"check.severity.{problem.severity}")
            if problem.article_id is not None:
                tip += " — " + self._t("check.activate.tip")
            item.setToolTip(f"{tip} ({problem.code})\n{problem.message(language)}")
            item.setData(ARTICLE_ROLE, problem.article_id)
            item.setData(CODE_ROLE, problem.code)
            self.problem_list.addItem(item)

    def _show_empty(self, text: str, ok: bool = False) -> None:
        """The place of the list when there is nothing to list (``text`` may be "")."""
        colour = "#2e7d32" if ok else "#5b6b7b"
        self.empty_state.setStyleSheet(
            f"QLabel#checkEmpty {{ color: {colour}; font-size: 15px; font-weight: 600; }}"
        )
        self.empty_state.setText(text)
        self.stack.setCurrentWidget(self.empty_state)

    def empty_text(self) -> str:
        """What the panel shows in place of the list ("" while it shows the list)."""
        return self.empty_state.text() if self.stack.currentWidget() is self.empty_state else ""
