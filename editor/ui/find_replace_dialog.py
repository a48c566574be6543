"""Edit → Find/Replace: one article, its issue or the whole library, reviewed then replaced.

The search is the core's (:mod:`editor.core.find_replace`): whole word, case,
regular expression, accents. Matches are listed (article, field, line, context
with the match in bold) and can be unticked before replacing. "Replace all"
applies ONE plan, so one undo takes it all back:

- in "this article" the body being edited is changed inside its QTextDocument in
  one edit block (Ctrl+Z in the editor undoes it, unsaved text included);
- in "this issue" / "whole library" the plan goes to the library in one
  transaction, as a :class:`ReplaceInLibraryCommand` for the window's QUndoStack
  (:mod:`editor.ui.replace_command`). The core compares every field with the
  text the plan was computed from inside the writing transaction and refuses
  the whole plan if one was edited meanwhile.

The issue and library scopes read their articles in one bulk call
(``services.article_texts``). Texts: the ``find.*`` keys of the window's
catalogue; a language switch re-reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.find_replace import (
    DocumentMatch,
    FindError,
    FindOptions,
    ReplacementPlan,
    plan_replacements,
)
from editor.ui.find_results import (
    PARTS_ROLE,
    BoldMatchDelegate,
    context_html,
    context_parts,
    select_range,
)
from editor.ui.i18n import Texts
from editor.ui.replace_command import (
    TEXT_FIELDS,
    Item,
    ReplaceInLibraryCommand,
    StalePlanError,
    apply_checked,
    read_items,
)
from editor.ui.replace_sync import write_block

__all__ = [
    "SCOPES",
    "TEXT_FIELDS",
    "FindReplaceDialog",
    "Item",
    "ReplaceInLibraryCommand",
    "StalePlanError",
    "apply_checked",
    "context_html",
    "read_items",
    "select_range",
]

SCOPES = ("article", "issue", "library")
OPTIONS = ("whole_word", "case", "regex", "accents")


class FindReplaceDialog(QDialog):
    """Non-modal find/replace over the open article, its issue or the library."""

    sig_match_activated = Signal(int, int, int)  # article id, start, end (in the body)
    sig_field_match_activated = Signal(int, str, int, int)  # any field
    sig_library_changed = Signal(list, str)  # article ids written (reload them), error

    def __init__(self, services: Any, translator: Any = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("findReplaceDialog")
        self._services = services
        self._translator = translator
        self._texts = Texts(translator, "find.")
        self._article_id: int | None = None
        self._issue_id: int | None = None
        self._body: QPlainTextEdit | None = None
        self._matches: list[DocumentMatch] = []
        self._items: list[Item] = []
        self._searched: tuple[Any, ...] | None = None
        # Set by the window: push onto its QUndoStack; save pending edits (False: refuse).
        self.push_command: Callable[[QUndoCommand], None] | None = None
        self.before_library_change: Callable[[], bool] = lambda: True
        self._said: tuple[str, dict[str, object]] | None = None  # the status line, as a key
        self._build()
        self.retranslate()
        if translator is not None and hasattr(translator, "language_changed"):
            translator.language_changed.connect(self.retranslate)
        self.resize(760, 520)

    def _t(self, key: str, **values: object) -> str:
        """``find.<key>`` from the window's catalogue (French without a translator)."""
        return self._texts(key, **values)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.find_field = QLineEdit()
        self.find_field.setClearButtonEnabled(True)
        self.error_label = QLabel(objectName="findError", wordWrap=True, visible=False)
        self.error_label.setStyleSheet("color: #b42318;")
        find_box = QVBoxLayout()
        find_box.addWidget(self.find_field)
        find_box.addWidget(self.error_label)
        self.find_label, self.replace_label, self.scope_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.find_label, find_box)
        self.replace_field = QLineEdit()
        form.addRow(self.replace_label, self.replace_field)
        self.scope = QComboBox()
        for scope in SCOPES:
            self.scope.addItem(scope, scope)
        form.addRow(self.scope_label, self.scope)
        layout.addLayout(form)
        options = QHBoxLayout()
        for name in OPTIONS:
            box = QCheckBox(toggled=self._validate)
            setattr(self, name, box)
            options.addWidget(box)
        options.addStretch(1)
        layout.addLayout(options)
        self.results = QTreeWidget(objectName="findResults", rootIsDecorated=False)
        self.results.setItemDelegateForColumn(3, BoldMatchDelegate(self.results))
        self.results.itemDoubleClicked.connect(lambda item, _c: self.activate(item))
        self.results.setColumnWidth(0, 200)
        layout.addWidget(self.results, 1)
        self.status = QLabel(wordWrap=True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.search_button = QPushButton(default=True, clicked=self.search)
        self.replace_button = QPushButton(clicked=self.replace_all)
        self.close_button = QPushButton(clicked=self.hide)
        for button in (self.search_button, self.replace_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.find_field.textChanged.connect(self._validate)
        self.find_field.returnPressed.connect(self.search)
        self.replace_field.textChanged.connect(self._validate)

    def retranslate(self, _language: str = "") -> None:
        """Every text of the dialog, in the translator's current language."""
        t = self._t
        self.setWindowTitle(t("title"))
        self.find_label.setText(t("find"))
        self.replace_label.setText(t("replace"))
        self.scope_label.setText(t("scope"))
        for index, scope in enumerate(SCOPES):
            self.scope.setItemText(index, t(scope))
        for name in OPTIONS:
            getattr(self, name).setText(t(name))
        self.results.setHeaderLabels(
            [t(f"col_{c}") for c in ("article", "field", "line", "context")]
        )
        for i in range(self.results.topLevelItemCount()):
            item = self.results.topLevelItem(i)
            found = self._matches[item.data(0, Qt.ItemDataRole.UserRole)]
            item.setText(1, t(f"{found.field}_f"))
        self.search_button.setText(t("search"))
        self.replace_button.setText(t("replace_all"))
        self.close_button.setText(t("close"))
        if self._said is not None:
            self._say(self._said[0], **self._said[1])

    # -- what is open -----------------------------------------------------------

    def set_context(self, article_id: int | None, issue_id: int | None,
                    body_edit: QPlainTextEdit | None = None) -> None:  # fmt: skip
        """The open article (its body editor) and issue; None when nothing is open."""
        self._article_id, self._issue_id, self._body = article_id, issue_id, body_edit

    def show_find(self) -> None:
        self._show(replace=False)

    def show_replace(self) -> None:
        self._show(replace=True)

    def _show(self, replace: bool) -> None:
        for widget in (self.replace_field, self.replace_label, self.replace_button):
            widget.setVisible(replace)
        if self._body is not None and self._body.textCursor().hasSelection():
            selected = self._body.textCursor().selectedText()
            if "\u2029" not in selected:  # a word or phrase, not paragraphs
                self.find_field.setText(selected)
        self.show()
        self.raise_()
        self.activateWindow()
        self.find_field.setFocus()
        self.find_field.selectAll()

    def set_scope(self, scope: str) -> None:
        self.scope.setCurrentIndex(SCOPES.index(scope))

    def options(self) -> FindOptions:
        return FindOptions(self.whole_word.isChecked(), self.case.isChecked(),
                           self.regex.isChecked(), self.accents.isChecked())  # fmt: skip

    # -- searching --------------------------------------------------------------

    def _validate(self, *_args: object) -> bool:
        """Check the query (and the replacement template) as it is typed."""
        from editor.core.find_replace import compile_query

        query = self.find_field.text()
        message = ""
        if query:
            try:
                compile_query(query, self.options())
                plan_replacements([(0, "", "")], query, self.replace_field.text(), self.options())
            except FindError as exc:
                message = str(exc)
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        return not message

    def _scope_items(self) -> list[Item] | None:
        scope = self.scope.currentData()
        if scope == "article":
            if self._article_id is None:
                self._say("no_article")
                return None
            body = self._body.toPlainText() if self._body is not None else ""
            return [(self._article_id, "body", body)]
        if scope == "issue" and self._issue_id is None:
            self._say("no_issue")
            return None
        # The open article's edits must be in the library before it is read.
        if not self.before_library_change():
            return None
        ids = self._services.article_ids(self._issue_id if scope == "issue" else None)
        return read_items(self._services, ids)

    def search(self) -> list[DocumentMatch]:
        from editor.core.find_replace import search_documents

        self.results.clear()
        self._matches = []
        self._searched = None
        if not self.find_field.text() or not self._validate():
            return []
        items = self._scope_items()
        if items is None:
            return []
        try:
            matches = search_documents(items, self.find_field.text(), self.options())
        except FindError as exc:  # validated above; kept for safety
            self.error_label.setText(str(exc))
            self.error_label.setVisible(True)
            return []
        self._items, self._matches = items, matches
        self._searched = self._search_key()
        self._fill(matches)
        return matches

    def _search_key(self) -> tuple[Any, ...]:
        return (self.find_field.text(), self.options(), self.scope.currentData(),
                self._article_id, self._issue_id)  # fmt: skip

    def _fill(self, matches: list[DocumentMatch]) -> None:
        ids = sorted({int(m.doc_id) for m in matches})
        rows = self._services.article_rows(ids) if ids else {}
        for index, found in enumerate(matches):
            row = rows.get(int(found.doc_id))
            item = QTreeWidgetItem([row.title if row else str(found.doc_id), self._t(f"{found.field}_f"),
                                    str(found.match.line), context_html(found.match)])  # fmt: skip
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setData(3, PARTS_ROLE, list(context_parts(found.match)))
            item.setToolTip(3, found.match.context)
            self.results.addTopLevelItem(item)
        docs = len(ids)
        if matches:
            self._say("found", count=len(matches), docs=docs)
        else:
            self._say("none")

    def _say(self, key: str, **values: object) -> None:
        """Show ``find.<key>`` in the status line (kept as a key: a language switch re-reads it)."""
        self._said = (key, values)
        self.status.setText(self._t(key, **values))

    def activate(self, item: QTreeWidgetItem) -> None:
        found = self._matches[item.data(0, Qt.ItemDataRole.UserRole)]
        article_id, match = int(found.doc_id), found.match
        if found.field == "body":
            self.sig_match_activated.emit(article_id, match.start, match.end)
        self.sig_field_match_activated.emit(article_id, found.field, match.start, match.end)

    # -- replacing --------------------------------------------------------------

    def _accept(self) -> Callable[[DocumentMatch], bool]:
        """Keep the matches still ticked in the results list."""
        unticked = set()
        for i in range(self.results.topLevelItemCount()):
            item = self.results.topLevelItem(i)
            if item.checkState(0) != Qt.CheckState.Checked:
                found = self._matches[item.data(0, Qt.ItemDataRole.UserRole)]
                unticked.add((found.doc_id, found.field, found.match.start))
        return lambda m: (m.doc_id, m.field, m.match.start) not in unticked

    def plan(self) -> ReplacementPlan | None:
        """The plan for the reviewed matches (searching first if the query changed)."""
        if self._searched != self._search_key() and not self.search():
            return None
        # Without "Match case", each match keeps its case pattern (core's match_case).
        return plan_replacements(
            self._items,
            self.find_field.text(),
            self.replace_field.text(),
            self.options(),
            accept=self._accept(),
        )

    def replace_all(self) -> int:
        """Apply the plan; returns the number of replacements made (0 if refused)."""
        if not self._validate():
            return 0
        plan = self.plan()
        if plan is None or not plan.edits:
            return 0
        if self.scope.currentData() == "article":
            done = self._replace_in_editor(plan)
        else:
            done = self._replace_in_library(plan)
        if done:
            self._say("replaced", count=plan.total, docs=len({e.doc_id for e in plan.edits}))
            self._searched = None  # offsets are stale now
            self.results.clear()
        return plan.total if done else 0

    def _replace_in_editor(self, plan: ReplacementPlan) -> bool:
        edit = plan.edits[0]
        if self._body is None or self._body.toPlainText() != edit.old_text:
            self._say("stale", count=1)
            return False
        # Only the changed stretch is rewritten: the cursor, the scroll position and
        # the highlighting of the rest stay put. One edit block = one Ctrl+Z.
        write_block(self._body.document(), edit.new_text)
        return True

    def _replace_in_library(self, plan: ReplacementPlan) -> bool:
        if any(e.field == "title" and not e.new_text.strip() for e in plan.edits):
            self._say("empty_title")
            return False
        command = ReplaceInLibraryCommand(self._services, plan,
                                          self._t("undo_text", query=self.find_field.text()),
                                          self.sig_library_changed.emit,
                                          self.before_library_change)  # fmt: skip
        if self.push_command is not None:
            self.push_command(command)  # QUndoStack.push runs redo()
        else:
            command.redo()
        if command.error:
            self._say("stale", count=command.stale_count or 1)
            return False
        return True
