"""The middle pane: an article's (or an issue's) fields above its Markdown body.

The pane holds no library state: the window loads plain field dicts into it
and reads them back with ``current_fields()``, whose keys are exactly the
service field names, so saving is ``services.save_draft(id, pane.current_fields())``.
``sig_changed`` fires on user edits only, never on a programmatic load, so the
window's autosave does not write back what it just read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QAction, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from editor.ui.body_editor import BodyEditor
from editor.ui.image_insert import MAX_READ, AssetHandler
from editor.ui.markdown_actions import (
    build_actions,
    load_action_icons,
    make_handlers,
    retranslate_actions,
    tr,
)

STATUSES = ("draft", "review", "ready", "published")
ARTICLE_LINE_FIELDS = ("title", "kicker", "byline_name", "byline_role", "source", "credit", "tags")
ARTICLE_KEYS = (
    "title",
    "kicker",
    "standfirst",
    "byline_name",
    "byline_role",
    "source",
    "credit",
    "tags",
    "status",
    "body",
)
ISSUE_KEYS = ("title", "label", "issue_date", "introduction", "sign_off", "status")
# Toolbar groups; a separator between each.
TOOLBAR_GROUPS = (
    ("bold", "italic", "link"),
    ("h1", "h2", "h3"),
    ("quote", "bullets", "numbers", "table", "rule"),
    ("image", "figure", "a_lire", "events", "pull_quote", "source_line"),
)


def _short_text_edit(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 14
    edit.setFixedHeight(height)
    return edit


class EditorPane(QWidget):
    """Article/issue fields, the formatting toolbar and the body editor."""

    sig_changed = Signal()
    sig_scrolled = Signal(float)
    sig_top_line_changed = Signal(int)  # first visible source line of the body

    def __init__(self, parent: QWidget | None = None, defer_icons: bool = False) -> None:
        super().__init__(parent)
        self._ui_lang = "fr"
        self._kind: str | None = None
        self._loading = False
        self._labels: dict[str, QLabel] = {}
        self._body = BodyEditor()
        # defer_icons: the window calls load_icons() after its first paint (qtawesome ~0.2 s).
        self._actions = build_actions(
            self,
            make_handlers(self._body, lambda: self._ui_lang, self._pick_image),
            icons=not defer_icons,
        )
        self.pick_image_file: Callable[[], str] = self._ask_image_file
        self._build()
        self._wire()
        self.set_ui_language("fr")
        self.clear()

    # -- construction -------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._fields: dict[str, QLineEdit] = {}
        self._status = QComboBox()
        self._issue_status = QComboBox()
        for combo in (self._status, self._issue_status):
            for value in STATUSES:
                combo.addItem(value, value)
        self._standfirst = _short_text_edit(2)
        self._sign_off = _short_text_edit(3)
        self._publication = QLineEdit()
        self._publication.setReadOnly(True)

        self._forms = QStackedWidget()
        self._empty = QLabel()
        self._empty.setObjectName("editorEmpty")
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setStyleSheet("color: #8a94a3;")
        article = QWidget()
        form = QFormLayout(article)
        form.setContentsMargins(8, 8, 8, 0)
        for key in ("title", "kicker"):
            form.addRow(self._label(key), self._line(key))
        form.addRow(self._label("standfirst"), self._standfirst)
        for key in ("byline_name", "byline_role", "source", "credit", "tags"):
            form.addRow(self._label(key), self._line(key))
        form.addRow(self._label("status"), self._status)
        issue = QWidget()
        iform = QFormLayout(issue)
        iform.setContentsMargins(8, 8, 8, 0)
        iform.addRow(self._label("publication"), self._publication)
        iform.addRow(self._label("issue_title"), self._line("issue_title"))
        iform.addRow(self._label("label"), self._line("label"))
        date = self._line("issue_date")
        date.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,4}(-\d{0,2}(-\d{0,2})?)?"))
        )
        iform.addRow(self._label("issue_date"), date)
        iform.addRow(self._label("sign_off"), self._sign_off)
        iform.addRow(self._label("issue_status"), self._issue_status)
        self._forms.addWidget(self._empty)
        self._forms.addWidget(article)
        self._forms.addWidget(issue)
        layout.addWidget(self._forms)

        self._toolbar = QToolBar()
        self._toolbar.setIconSize(QSize(16, 16))
        for i, group in enumerate(TOOLBAR_GROUPS):
            if i:
                self._toolbar.addSeparator()
            for key in group:
                self._toolbar.addAction(self._actions[key])
        layout.addWidget(self._toolbar)
        self._body_label = QLabel()
        layout.addWidget(self._body_label)
        layout.addWidget(self._body, 1)
        self._notice = QLabel()
        self._notice.setVisible(False)
        layout.addWidget(self._notice)

    def _label(self, key: str) -> QLabel:
        label = QLabel()
        self._labels[key] = label
        return label

    def _line(self, key: str) -> QLineEdit:
        edit = QLineEdit()
        self._fields[key] = edit
        return edit

    def _wire(self) -> None:
        for edit in self._fields.values():
            edit.textEdited.connect(self._user_edited)  # textEdited: user edits only
        self._status.activated.connect(self._user_edited)
        self._issue_status.activated.connect(self._user_edited)
        for text_edit in (self._body, self._standfirst, self._sign_off):
            text_edit.textChanged.connect(self._text_changed)
        self._body.sig_scrolled.connect(self.sig_scrolled)
        self._body.sig_scrolled.connect(lambda _f: self._emit_top_line())
        self._body.sig_notice.connect(self._show_notice)

    def _emit_top_line(self) -> None:
        self.sig_top_line_changed.emit(self._body.top_line())

    def _text_changed(self) -> None:
        if not self._loading:
            self._user_edited()

    def _user_edited(self, *_args: object) -> None:
        if not self._loading and self._kind is not None:
            self._notice.setVisible(False)
            self.sig_changed.emit()

    def _show_notice(self, message: str) -> None:
        self._notice.setText(message)
        self._notice.setVisible(True)

    # -- public API ---------------------------------------------------------

    def body_edit(self) -> BodyEditor:
        return self._body

    def load_icons(self) -> None:
        """The toolbar's icons, when the pane was built with ``defer_icons=True``."""
        load_action_icons(self._actions)

    def format_actions(self) -> dict[str, QAction]:
        """The toolbar's actions by key (the window may put them in a Format menu)."""
        return dict(self._actions)

    def current_kind(self) -> str | None:
        return self._kind

    def set_asset_handler(self, handler: AssetHandler | None) -> None:
        """``handler(data, name, alt_text) -> sha256``; raises ImageRejected on bad images."""
        self._body.images.handler = handler

    def set_language(self, language: str) -> None:
        """Language of the content (publication): typographic hints in the body."""
        self._body.set_language(language)

    def set_ui_language(self, lang: str) -> None:
        self._ui_lang = "en" if lang.startswith("en") else "fr"
        t = self._ui_lang
        for key, label in self._labels.items():
            label.setText(
                tr(key.removeprefix("issue_") if key in ("issue_title", "issue_status") else key, t)
            )
        self._fields["tags"].setPlaceholderText(tr("tags_hint", t))
        self._fields["issue_date"].setPlaceholderText("2017-07-21")
        for combo in (self._status, self._issue_status):
            for i, value in enumerate(STATUSES):
                combo.setItemText(i, tr(f"status_{value}", t))
        self._empty.setText(tr("nothing_open", t))
        self._body.set_ui_language(t)
        self._update_body_label()
        retranslate_actions(self._actions, t)

    def _update_body_label(self) -> None:
        self._body_label.setText(tr("introduction", self._ui_lang) if self._kind == "issue" else "")
        self._body_label.setVisible(self._kind == "issue")

    def clear(self) -> None:
        self._loading = True
        try:
            self._kind = None
            self._id: int | None = None
            self._version: int | None = None
            for edit in self._fields.values():
                edit.clear()
            for text_edit in (self._body, self._standfirst, self._sign_off):
                text_edit.setPlainText("")
            self._publication.clear()
            self._forms.setCurrentIndex(0)
            self._set_editing_enabled(False)
            self._update_body_label()
        finally:
            self._loading = False

    def load_article(self, article_id: int, fields: dict[str, str], version: int) -> None:
        self._loading = True
        try:
            self._kind, self._id, self._version = "article", article_id, version
            for key in ARTICLE_LINE_FIELDS:
                self._fields[key].setText(str(fields.get(key) or ""))
                self._fields[key].setCursorPosition(0)
            self._standfirst.setPlainText(str(fields.get("standfirst") or ""))
            self._set_status(self._status, fields.get("status"))
            self._body.setPlainText(str(fields.get("body") or ""))
            self._forms.setCurrentIndex(1)
            self._set_editing_enabled(True)
            self._update_body_label()
        finally:
            self._loading = False

    def load_issue(self, issue_id: int, fields: dict[str, str]) -> None:
        self._loading = True
        try:
            self._kind, self._id, self._version = "issue", issue_id, None
            self._fields["issue_title"].setText(str(fields.get("title") or ""))
            self._fields["label"].setText(str(fields.get("label") or ""))
            self._fields["issue_date"].setText(str(fields.get("issue_date") or ""))
            publication = fields.get("publication") or fields.get("publication_name") or ""
            self._publication.setText(str(publication))
            self._sign_off.setPlainText(str(fields.get("sign_off") or ""))
            self._set_status(self._issue_status, fields.get("status"))
            self._body.setPlainText(str(fields.get("introduction") or ""))
            self._forms.setCurrentIndex(2)
            self._set_editing_enabled(True)
            self._update_body_label()
        finally:
            self._loading = False

    def current_fields(self) -> dict[str, str]:
        if self._kind == "article":
            values = {key: self._fields[key].text() for key in ARTICLE_LINE_FIELDS}
            values["standfirst"] = self._standfirst.toPlainText()
            values["status"] = str(self._status.currentData() or "draft")
            values["body"] = self._body.toPlainText()
            return {key: values[key] for key in ARTICLE_KEYS}
        if self._kind == "issue":
            return {
                "title": self._fields["issue_title"].text(),
                "label": self._fields["label"].text(),
                "issue_date": self._fields["issue_date"].text().strip(),
                "introduction": self._body.toPlainText(),
                "sign_off": self._sign_off.toPlainText(),
                "status": str(self._issue_status.currentData() or "draft"),
            }
        return {}

    @contextmanager
    def external_change(self) -> Iterator[None]:
        """Changes made by the program (a library-wide replace): no ``sig_changed``."""
        loading, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = loading

    def set_article_fields(self, fields: dict[str, str]) -> None:
        """Show stored values of the open article's fields in place, body excepted
        (the caller changes the body inside its document, keeping its undo history)."""
        if self._kind != "article":
            return
        with self.external_change():
            for key in ARTICLE_LINE_FIELDS:
                value = str(fields.get(key) or "")
                if key in fields and self._fields[key].text() != value:
                    self._fields[key].setText(value)
            standfirst = str(fields.get("standfirst") or "")
            if "standfirst" in fields and self._standfirst.toPlainText() != standfirst:
                self._standfirst.setPlainText(standfirst)

    def current_id(self) -> int | None:
        return self._id

    def current_version(self) -> int | None:
        """Version the article was loaded at (for save_draft's conflict check)."""
        return self._version

    def set_version(self, version: int) -> None:
        """After a save, the window records the new version here."""
        self._version = version

    # -- helpers ------------------------------------------------------------

    @staticmethod
    def _set_status(combo: QComboBox, status: object) -> None:
        index = combo.findData(str(status or "draft"))
        combo.setCurrentIndex(max(index, 0))

    def _set_editing_enabled(self, enabled: bool) -> None:
        # Nothing open: only the centred placeholder is shown. A disabled but
        # visible toolbar and text box read as "something is open but broken".
        self._body.setEnabled(enabled)
        self._toolbar.setEnabled(enabled)
        self._body.setVisible(enabled)
        self._toolbar.setVisible(enabled)
        if not enabled:
            self._notice.setVisible(False)
        layout = self.layout()
        layout.setStretchFactor(self._forms, 0 if enabled else 1)
        layout.setStretchFactor(self._body, 1 if enabled else 0)

    def is_empty(self) -> bool:
        """True when nothing is open (the placeholder fills the pane)."""
        return self._kind is None

    def _ask_image_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("choose_image", self._ui_lang), "", tr("image_filter", self._ui_lang)
        )
        return path

    def _pick_image(self, kind: str) -> None:
        path = self.pick_image_file()
        if not path:
            return
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_READ)
        except OSError as exc:
            self._body.images.show_error(str(exc))
            return
        from pathlib import Path

        self._body.images.insert_one(data, Path(path).name, kind)
