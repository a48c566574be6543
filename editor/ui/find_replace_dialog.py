"""Edit → Find/Replace: one article, its issue or the whole library, reviewed then replaced.

The search is the core's (:mod:`editor.core.find_replace`): whole word, case,
regular expression, accents. Matches are listed (article, field, line, context
with the match in bold) and can be unticked before replacing. "Replace all"
applies ONE plan, so one undo takes it all back:

- in "this article" the body being edited is changed inside its QTextDocument in
  one edit block (Ctrl+Z in the editor undoes it, unsaved text included);
- in "this issue" / "whole library" the plan goes to the library in one
  transaction, as a :class:`ReplaceInLibraryCommand` for the window's QUndoStack.
  Every field is re-read just before writing and the plan is refused if one no
  longer holds the text it was computed from (edited meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QTextCursor,
    QTextDocument,
    QUndoCommand,
)
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
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.find_replace import DocumentMatch, FindError, FindOptions, ReplacementPlan

TEXT_FIELDS = ("title", "kicker", "standfirst", "byline_name", "byline_role", "source", "credit", "body")  # fmt: skip
SCOPES = ("article", "issue", "library")
Item = tuple[int, str, str]  # (article id, field, text)

# fmt: off
_TEXTS = {
    "fr": {
        "title": "Rechercher et remplacer", "find": "Rechercher :", "replace": "Remplacer par :",
        "scope": "Où :", "article": "Cet article (texte)", "issue": "Ce numéro",
        "library": "Toute la bibliothèque", "whole_word": "Mot entier", "case": "Respecter la casse",
        "regex": "Expression régulière", "accents": "Ignorer les accents", "search": "Rechercher",
        "replace_all": "Tout remplacer", "close": "Fermer", "col_article": "Article",
        "col_field": "Champ", "col_line": "Ligne", "col_context": "Contexte",
        "found": "{count} résultat(s) dans {docs} article(s).", "none": "Aucun résultat.",
        "replaced": "{count} remplacement(s) dans {docs} article(s).",
        "stale": "Refusé : {count} champ(s) ont changé depuis la recherche. Relancez-la.",
        "empty_title": "Refusé : un titre deviendrait vide.", "no_article": "Aucun article ouvert.",
        "no_issue": "Aucun numéro ouvert.", "undo_text": "Remplacer « {query} »", "title_f": "titre",
        "kicker_f": "surtitre", "standfirst_f": "chapeau", "byline_name_f": "signature",
        "byline_role_f": "fonction", "source_f": "source", "credit_f": "crédit", "body_f": "texte",
    },
    "en": {
        "title": "Find and replace", "find": "Find:", "replace": "Replace with:", "scope": "In:",
        "article": "This article (text)", "issue": "This issue", "library": "Whole library",
        "whole_word": "Whole word", "case": "Match case", "regex": "Regular expression",
        "accents": "Ignore accents", "search": "Find", "replace_all": "Replace all", "close": "Close",
        "col_article": "Article", "col_field": "Field", "col_line": "Line", "col_context": "Context",
        "found": "{count} match(es) in {docs} article(s).", "none": "No match.",
        "replaced": "{count} replacement(s) in {docs} article(s).",
        "stale": "Refused: {count} field(s) changed since the search. Search again.",
        "empty_title": "Refused: a title would become empty.", "no_article": "No article open.",
        "no_issue": "No issue open.", "undo_text": "Replace “{query}”", "title_f": "title",
        "kicker_f": "kicker", "standfirst_f": "standfirst", "byline_name_f": "byline",
        "byline_role_f": "role", "source_f": "source", "credit_f": "credit", "body_f": "text",
    },
}
# fmt: on


class StalePlanError(Exception):
    """Fields changed since the plan was computed; nothing was written."""

    def __init__(self, stale: list[tuple[int, str]]) -> None:
        super().__init__(f"{len(stale)} field(s) changed since the search")
        self.stale = stale


def read_items(services: Any, article_ids: Iterable[int]) -> list[Item]:
    """The text fields of these articles, as the core's search wants them."""
    items: list[Item] = []
    for article_id in article_ids:
        article = services.get_article(article_id)
        items += [(article_id, f, str(getattr(article, f) or "")) for f in TEXT_FIELDS]
    return items


def apply_checked(services: Any, changes: list[tuple[int, str, str, str]]) -> list[int]:
    """Write (id, field, expected, new) in one transaction if every field still holds
    ``expected``; raises :class:`StalePlanError` otherwise. Returns the article ids.

    The check re-reads the articles just before the write; the window is the
    library's only writer (it holds the writer lock), so nothing slips in between.
    """
    current: dict[int, Any] = {}
    stale = []
    for article_id, field, expected, new in changes:
        if article_id not in current:
            current[article_id] = services.get_article(article_id)
        if str(getattr(current[article_id], field) or "") != expected:
            stale.append((article_id, field))
        elif field == "title" and not new.strip():
            raise ValueError("empty title")
    if stale:
        raise StalePlanError(stale)
    services.apply_text_changes([(a, f, new) for a, f, _expected, new in changes])
    return sorted(current)


class ReplaceInLibraryCommand(QUndoCommand):
    """A library-wide replacement as one undo step; undo writes back the old texts.

    ``notify(ids, error)`` tells the window what changed (to reload the open
    article) or why a redo/undo was refused; ``before()`` saves pending edits
    first and may return False to refuse.
    """

    def __init__(self, services: Any, plan: ReplacementPlan, text: str = "",
                 notify: Callable[[list[int], str], None] | None = None,
                 before: Callable[[], bool] | None = None) -> None:  # fmt: skip
        super().__init__(text or "Replace")
        self._services = services
        self.plan = plan
        self._notify = notify
        self._before = before
        self.error = ""
        self.stale_count = 0

    def _run(self, forward: bool) -> None:
        if self._before is not None and not self._before():
            self.error = "unsaved changes could not be saved"
            self.setObsolete(True)
        else:
            changes = [
                (int(e.doc_id), e.field, e.old_text, e.new_text)
                if forward
                else (int(e.doc_id), e.field, e.new_text, e.old_text)
                for e in self.plan.edits
            ]
            try:
                ids = apply_checked(self._services, changes)
                self.error, self.stale_count = "", 0
            except (StalePlanError, ValueError) as exc:
                self.stale_count = len(getattr(exc, "stale", ()))
                # Someone edited these fields since: never overwrite their work.
                self.error = str(exc)
                self.setObsolete(True)  # QUndoStack drops it instead of keeping a lie
                ids = []
        if self._notify is not None:
            self._notify(ids, self.error)

    def redo(self) -> None:
        self._run(True)

    def undo(self) -> None:
        self._run(False)


def select_range(edit: QPlainTextEdit, start: int, end: int) -> None:
    """Select [start, end) of ``edit`` and show it (after ``sig_match_activated``)."""
    cursor = QTextCursor(edit.document())
    cursor.setPosition(min(start, edit.document().characterCount() - 1))
    cursor.setPosition(
        min(end, edit.document().characterCount() - 1), QTextCursor.MoveMode.KeepAnchor
    )
    edit.setTextCursor(cursor)
    edit.ensureCursorVisible()


class _BoldMatchDelegate(QStyledItemDelegate):
    """Paints the context column as rich text: the match in bold."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        html, option.text = option.text, ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(html)
        painter.save()
        painter.translate(option.rect.left() + 2, option.rect.top())
        painter.setClipRect(0, 0, option.rect.width(), option.rect.height())
        context = QAbstractTextDocumentLayout.PaintContext()
        document.documentLayout().draw(painter, context)
        painter.restore()


def context_html(match: Any) -> str:
    import html

    c, s, e = match.context, match.context_start, match.context_end
    return f"{html.escape(c[:s])}<b>{html.escape(c[s:e])}</b>{html.escape(c[e:])}"


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
        self._article_id: int | None = None
        self._issue_id: int | None = None
        self._body: QPlainTextEdit | None = None
        self._matches: list[DocumentMatch] = []
        self._items: list[Item] = []
        self._searched: tuple[Any, ...] | None = None
        # Set by the window: push onto its QUndoStack; save pending edits (False: refuse).
        self.push_command: Callable[[QUndoCommand], None] | None = None
        self.before_library_change: Callable[[], bool] = lambda: True
        self._build()
        self.resize(760, 520)

    def _t(self, key: str, **values: object) -> str:
        if self._translator is not None and self._translator.has(f"find.{key}"):
            return str(self._translator.tr(f"find.{key}", **values))
        language = getattr(self._translator, "language", "fr")
        text = _TEXTS.get(language, _TEXTS["en"]).get(key) or _TEXTS["en"][key]
        return text.format(**values) if values else text

    def _build(self) -> None:
        t = self._t
        self.setWindowTitle(t("title"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.find_field = QLineEdit()
        self.find_field.setClearButtonEnabled(True)
        self.error_label = QLabel(objectName="findError", wordWrap=True, visible=False)
        self.error_label.setStyleSheet("color: #b42318;")
        find_box = QVBoxLayout()
        find_box.addWidget(self.find_field)
        find_box.addWidget(self.error_label)
        form.addRow(t("find"), find_box)
        self.replace_field = QLineEdit()
        self.replace_label = QLabel(t("replace"))
        form.addRow(self.replace_label, self.replace_field)
        self.scope = QComboBox()
        for scope in SCOPES:
            self.scope.addItem(t(scope), scope)
        form.addRow(t("scope"), self.scope)
        layout.addLayout(form)
        options = QHBoxLayout()
        for name in ("whole_word", "case", "regex", "accents"):
            box = QCheckBox(t(name), toggled=self._validate)
            setattr(self, name, box)
            options.addWidget(box)
        options.addStretch(1)
        layout.addLayout(options)
        self.results = QTreeWidget(objectName="findResults", rootIsDecorated=False)
        self.results.setHeaderLabels(
            [t(f"col_{c}") for c in ("article", "field", "line", "context")]
        )
        self.results.setItemDelegateForColumn(3, _BoldMatchDelegate(self.results))
        self.results.itemDoubleClicked.connect(lambda item, _c: self.activate(item))
        self.results.setColumnWidth(0, 200)
        layout.addWidget(self.results, 1)
        self.status = QLabel(wordWrap=True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.search_button = QPushButton(t("search"), default=True, clicked=self.search)
        self.replace_button = QPushButton(t("replace_all"), clicked=self.replace_all)
        close = QPushButton(t("close"), clicked=self.hide)
        for button in (self.search_button, self.replace_button, close):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.find_field.textChanged.connect(self._validate)
        self.find_field.returnPressed.connect(self.search)
        self.replace_field.textChanged.connect(self._validate)

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
        from editor.core.find_replace import compile_query, plan_replacements

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
                self._say(self._t("no_article"))
                return None
            body = self._body.toPlainText() if self._body is not None else ""
            return [(self._article_id, "body", body)]
        if scope == "issue" and self._issue_id is None:
            self._say(self._t("no_issue"))
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
            item.setToolTip(3, found.match.context)
            self.results.addTopLevelItem(item)
        docs = len(ids)
        self._say(self._t("found", count=len(matches), docs=docs) if matches else self._t("none"))

    def _say(self, text: str) -> None:
        self.status.setText(text)

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
        from editor.core.find_replace import plan_replacements

        if self._searched != self._search_key() and not self.search():
            return None
        return plan_replacements(self._items, self.find_field.text(), self.replace_field.text(),
                                 self.options(), accept=self._accept())  # fmt: skip

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
            self._say(
                self._t("replaced", count=plan.total, docs=len({e.doc_id for e in plan.edits}))
            )
            self._searched = None  # offsets are stale now
            self.results.clear()
        return plan.total if done else 0

    def _replace_in_editor(self, plan: ReplacementPlan) -> bool:
        edit = plan.edits[0]
        if self._body is None or self._body.toPlainText() != edit.old_text:
            self._say(self._t("stale", count=1))
            return False
        old, new = edit.old_text, edit.new_text
        # Only the changed stretch is rewritten: the cursor, the scroll position and
        # the highlighting of the rest stay put. One edit block = one Ctrl+Z.
        prefix = _common_prefix(old, new)
        suffix = _common_prefix(old[prefix:][::-1], new[prefix:][::-1])
        cursor = QTextCursor(self._body.document())
        cursor.beginEditBlock()
        cursor.setPosition(prefix)
        cursor.setPosition(len(old) - suffix, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new[prefix : len(new) - suffix])
        cursor.endEditBlock()
        return True

    def _replace_in_library(self, plan: ReplacementPlan) -> bool:
        if any(e.field == "title" and not e.new_text.strip() for e in plan.edits):
            self._say(self._t("empty_title"))
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
            self._say(self._t("stale", count=command.stale_count or 1))
            return False
        return True


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection: slice comparisons run in C."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low
