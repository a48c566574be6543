"""The article history dialog: earlier versions, what changed since, restore one.

The diff reads like a proofreader's marks on the current text: words that were
in the chosen version and are gone since are struck through in red, words added
since are underlined in green. Restoring hands the old fields to the window's
``on_restore`` callback, which pushes them onto its QUndoStack (so Ctrl+Z undoes
a restore); without a callback the dialog saves them itself, after recording the
current state as a "before-restore" revision so that the restore can be undone
from this same dialog.

``safety_text`` also serves the other safety dialogs: their texts are the
``safety.*`` keys of the window's catalogue, in the language of the window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.core.errors import FeuilletError
from editor.core.safety.history import (
    article_fields,
    diff_fields,
    diff_html,
    diff_stats,
    fields_for_restore,
    revision_fields,
)
from editor.ui.i18n import lookup


def _translator(widget: QWidget | None) -> Any:
    while widget is not None:
        translator = getattr(widget, "translator", None)
        if translator is not None:
            return translator
        widget = widget.parentWidget()
    return None


def safety_text(widget: QWidget | None, key: str, **values: object) -> str:
    """``safety.<key>`` from the catalogue, in the language of the window that
    ``widget`` belongs to (English when it has none: a dialog opened before any
    window, from the command line)."""
    translator = _translator(widget)
    language = getattr(translator, "language", "en") if translator is not None else "en"
    return lookup(f"safety.{key}", language, **values)


def local_time(value: Any) -> str:
    """A stored naive-UTC datetime as local "YYYY-MM-DD HH:MM"."""
    if value is None:
        return ""
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class HistoryDialog(QDialog):
    """Earlier versions of one article, with a readable diff against the current text."""

    restored = Signal(dict)  # the fields that were restored

    def __init__(
        self,
        services: Any,
        article_id: int,
        parent: QWidget | None = None,
        on_restore: Callable[[dict[str, Any]], None] | None = None,
        *,
        current_fields: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._article_id = article_id
        self._on_restore = on_restore
        article = services.get_article(article_id)
        self._version = article.version
        self._current = dict(article_fields(article), **(current_fields or {}))
        self._revisions = services.list_revisions(article_id)
        self.setWindowTitle(self._t("history.title", title=article.title))
        self.resize(900, 600)
        self._build()
        self._fill()

    def _t(self, key: str, **values: object) -> str:
        return safety_text(self.parentWidget(), key, **values)

    def _build(self) -> None:
        self.revision_list = QListWidget()
        self.revision_list.setObjectName("historyRevisions")
        self.revision_list.currentRowChanged.connect(self._show_revision)
        self.legend = QLabel(self._t("history.legend"))
        self.legend.setWordWrap(True)
        self.diff_view = QTextBrowser()
        self.diff_view.setObjectName("historyDiff")
        self.diff_view.setOpenLinks(False)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.legend)
        right_layout.addWidget(self.diff_view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.revision_list)
        splitter.addWidget(right)
        splitter.setSizes([280, 620])
        self.restore_button = QPushButton(self._t("history.restore"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

    def _fill(self) -> None:
        if not self._revisions:
            self.revision_list.addItem(QListWidgetItem(self._t("history.empty")))
            self.revision_list.setEnabled(False)
            self.diff_view.setHtml(f"<p>{self._t('history.empty')}</p>")
            return
        for revision in self._revisions:
            diffs = diff_fields(revision_fields(revision), self._current)
            added = removed = 0
            for diff in diffs:
                plus, minus = diff_stats(diff.chunks)
                added, removed = added + plus, removed + minus
            reason = self._t(f"reason.{revision.reason}")
            if reason == f"safety.reason.{revision.reason}":
                reason = revision.reason
            label = f"{local_time(revision.created)} — {reason}\n" + self._t(
                "history.changes", added=added, removed=removed
            )
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, revision.id)
            self.revision_list.addItem(item)
        self.revision_list.setCurrentRow(0)

    def selected_revision(self) -> Any | None:
        row = self.revision_list.currentRow()
        if not self._revisions or not 0 <= row < len(self._revisions):
            return None
        return self._revisions[row]

    def _show_revision(self, row: int) -> None:
        revision = self.selected_revision()
        self.restore_button.setEnabled(revision is not None)
        if revision is None:
            return
        diffs = diff_fields(revision_fields(revision), self._current)
        if not any(diff.changed for diff in diffs):
            self.diff_view.setHtml(f"<p><i>{self._t('history.same')}</i></p>")
            return
        self.diff_view.setHtml(diff_html(diffs, only_changed=True))

    def restore_selected(self) -> None:
        revision = self.selected_revision()
        if revision is None:
            return
        fields = fields_for_restore(revision)
        try:
            if self._on_restore is not None:
                self._on_restore(fields)
            else:
                self._services.record_revision(self._article_id, "before-restore")
                self._services.save_draft(self._article_id, fields, self._version)
        except FeuilletError as exc:
            QMessageBox.warning(
                self, self.windowTitle(), self._t("history.restore_failed", error=str(exc))
            )
            return
        self.restored.emit(fields)
        self.accept()
