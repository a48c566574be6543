"""At start-up, offer back the text typed but never saved before Feuillet stopped.

``offer_recoveries(library_path, services, parent, on_restore)`` is the one call
for the window, right after it opens the library and before autosave starts:
when the recovery journal holds text that differs from the library, it shows
this dialog. For each entry the user picks "Restore in the editor" (the window
gets the :class:`Recovery`, loads its fields as unsaved changes of that article,
or a new article when the original was deleted, and its autosave then saves and
clears the entry), or "Discard" (the entry is set aside, not deleted), or
closes the dialog to decide at the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.core.safety.history import diff_fields, diff_html, diff_stats
from editor.core.safety.recovery import Recovery, RecoveryJournal
from editor.ui.history_dialog import safety_text


class RecoveryPrompt(QDialog):
    """Lists the pending recoveries with a diff; restore or discard each one."""

    def __init__(
        self,
        recoveries: list[Recovery],
        journal: RecoveryJournal,
        services: Any,
        parent: QWidget | None = None,
        on_restore: Callable[[Recovery], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.recoveries = list(recoveries)
        self._journal = journal
        self._services = services
        self._on_restore = on_restore
        self.restored: list[Recovery] = []
        self.discarded: list[Recovery] = []
        self.setWindowTitle(self._t("recovery.title"))
        self.resize(860, 520)
        self._build()
        self._fill()

    def _t(self, key: str, **values: object) -> str:
        return safety_text(self.parentWidget(), key, **values)

    def _build(self) -> None:
        intro = QLabel(self._t("recovery.intro"))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("recoveryList")
        self.list.currentRowChanged.connect(self._show)
        legend = QLabel(self._t("recovery.legend"))
        legend.setWordWrap(True)
        self.diff_view = QTextBrowser()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(legend)
        right_layout.addWidget(self.diff_view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([320, 540])
        self.restore_button = QPushButton(self._t("recovery.restore"))
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_selected)
        self.discard_button = QPushButton(self._t("recovery.discard"))
        self.discard_button.clicked.connect(self.discard_selected)
        buttons = QDialogButtonBox()
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.ActionRole)
        later = buttons.addButton(self._t("recovery.later"), QDialogButtonBox.ButtonRole.RejectRole)
        later.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    def _saved_fields(self, recovery: Recovery) -> dict[str, Any]:
        if not recovery.article_exists:
            return {}
        article = self._services.get_article(recovery.article_id)
        return {key: getattr(article, key, "") for key in recovery.fields}

    def _fill(self) -> None:
        self.list.clear()
        for recovery in self.recoveries:
            added = removed = 0
            for diff in diff_fields(self._saved_fields(recovery), recovery.fields):
                plus, minus = diff_stats(diff.chunks)
                added, removed = added + plus, removed + minus
            text = self._t(
                "recovery.item",
                title=recovery.title,
                when=recovery.recorded.strftime("%Y-%m-%d %H:%M"),
                added=added,
                removed=removed,
            )
            if not recovery.article_exists:
                text += self._t("recovery.deleted")
            elif recovery.conflicts:
                text += self._t("recovery.conflict")
            self.list.addItem(QListWidgetItem(text))
        if self.recoveries:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.restore_button.setEnabled(has)
        self.discard_button.setEnabled(has)

    def selected(self) -> Recovery | None:
        row = self.list.currentRow()
        return self.recoveries[row] if 0 <= row < len(self.recoveries) else None

    def _show(self, _row: int) -> None:
        recovery = self.selected()
        self._update_buttons()
        if recovery is None:
            self.diff_view.clear()
            return
        diffs = diff_fields(self._saved_fields(recovery), recovery.fields)
        self.diff_view.setHtml(diff_html(diffs, only_changed=True))

    def _done_with(self, recovery: Recovery) -> None:
        self.recoveries.remove(recovery)
        self._fill()
        if not self.recoveries:
            self.accept()

    def restore_selected(self) -> None:
        recovery = self.selected()
        if recovery is None:
            return
        if self._on_restore is not None:
            # The entry stays in the journal until the window's autosave saves
            # this text and clears it: a crash right now still loses nothing.
            self._on_restore(recovery)
        self.restored.append(recovery)
        self._done_with(recovery)

    def discard_selected(self) -> None:
        recovery = self.selected()
        if recovery is None:
            return
        self._journal.discard(recovery.article_id)
        self.discarded.append(recovery)
        self._done_with(recovery)


def offer_recoveries(
    library_path: Path,
    services: Any,
    parent: QWidget | None,
    on_restore: Callable[[Recovery], None],
) -> RecoveryPrompt | None:
    """Show the prompt when there is unsaved text to offer back; None otherwise."""
    journal = RecoveryJournal(library_path)
    pending = journal.pending(services)
    if not pending:
        return None
    prompt = RecoveryPrompt(pending, journal, services, parent, on_restore)
    prompt.exec()
    return prompt
