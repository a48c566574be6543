"""The editing session: what is open, and keeping editor, preview, autosave,
status bar and tree in step.

Selecting an item in the library asks the session to open it; the session
first lets the autosave controller save and snapshot what was open, and
refuses the switch (reselecting the open item) when that failed, so unsaved
text is never dropped by a click.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from editor.core.errors import FeuilletError, ImageRejected
from editor.core.services import ARTICLE_FIELDS
from editor.ui.article_model import ArticleTreeModel
from editor.ui.autosave import AutosaveController
from editor.ui.i18n import Translator
from editor.ui.library_pane import LibraryPane
from editor.ui.status_bar import FeuilletStatusBar


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class EditingSession(QObject):
    title_changed = Signal()
    opened = Signal(str, int)  # kind ("article"/"issue"), id
    current_changed = Signal()  # opened, reopened or closed: what is open changed

    # The preview pipeline costs ~8 ms p50 per edit (docs/performance.md) and the
    # pane coalesces bursts itself, so this only has to skip the keystrokes of
    # one quick word: 40 ms, not the 150 ms a whole-page render once needed.
    PREVIEW_DELAY_MS = 40

    def __init__(self, services: Any, editor: Any, autosave: AutosaveController,
                 status_bar: FeuilletStatusBar, pane: LibraryPane, model: ArticleTreeModel,
                 translator: Translator, window: QWidget) -> None:  # fmt: skip
        super().__init__(window)
        self._services = services
        self._editor = editor
        self._autosave = autosave
        self._status = status_bar
        self._pane = pane
        self._model = model
        self._tr = translator
        self._window = window
        self._preview: Any = None
        self._current: tuple[str, int] | None = None
        self._issue_id: int | None = None  # the issue the open item belongs to
        self._conflict_box: QMessageBox | None = None
        self._preview_timer = QTimer(self, singleShot=True, interval=self.PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._push_preview_text)

        pane.article_selected.connect(self.open_article)
        pane.issue_selected.connect(self.open_issue)
        editor.sig_changed.connect(self._edited)
        if hasattr(editor, "set_asset_handler"):
            editor.set_asset_handler(self._add_asset)
        autosave.state_changed.connect(status_bar.set_save_state)
        autosave.state_changed.connect(lambda *_: self.title_changed.emit())
        autosave.article_saved.connect(self._article_saved)
        autosave.issue_saved.connect(self._issue_saved)
        autosave.conflict_detected.connect(self._conflict)

    # -- state ------------------------------------------------------------------

    def current(self) -> tuple[str, int] | None:
        return self._current

    def issue_id(self) -> int | None:
        """The issue the open item belongs to (None: the pool, or nothing open)."""
        return self._issue_id

    def context_title(self) -> str:
        """ "Publication › Issue" of what is open, for the window title."""
        if self._issue_id is None:
            return self._tr.tr("tree.pool") if self._current else ""
        row = self._model.issue_row(self._issue_id)
        if row is None:
            return ""
        return f"{row.publication_name} › {row.label or row.title}"

    def show_message(self, text: str) -> None:
        self._status.showMessage(text, 8000)

    # -- opening ----------------------------------------------------------------

    def _leave(self) -> bool:
        if self._autosave.leave():
            return True
        self.reselect_current()
        self.show_message(self._tr.tr("status.switch_refused"))
        target = self._autosave.target
        if self._autosave.state.value == "conflict" and target is not None:
            self._conflict(target.ident, self._autosave.detail)  # ask again
        return False

    def open_article(self, article_id: int) -> bool:
        if self._current == ("article", article_id):
            return True
        if not self._leave():
            return False
        try:
            article = self._services.get_article(article_id)
        except FeuilletError as exc:
            self.show_message(str(exc))
            return False
        fields = {name: _text(getattr(article, name)) for name in ARTICLE_FIELDS}
        self._editor.load_article(article_id, fields, article.version)
        self._autosave.open_article(article_id, article.version, fields)
        self._current = ("article", article_id)
        self._issue_id = article.issue_id
        self._status.set_text_source(self._article_text)
        if self._preview is not None:
            self._preview.show_article(article_id)
        self.opened.emit("article", article_id)
        self.current_changed.emit()
        self.title_changed.emit()
        return True

    def open_issue(self, issue_id: int) -> bool:
        if self._current == ("issue", issue_id):
            return True
        if not self._leave():
            return False
        try:
            issue = self._services.get_issue(issue_id)
        except FeuilletError as exc:
            self.show_message(str(exc))
            return False
        row = self._model.issue_row(issue_id)
        fields = {
            name: _text(getattr(issue, name))
            for name in ("title", "label", "issue_date", "introduction", "sign_off", "status")
        }
        fields["publication"] = row.publication_name if row else ""
        self._editor.load_issue(issue_id, fields)
        self._autosave.open_issue(issue_id, fields)
        self._current = ("issue", issue_id)
        self._issue_id = issue_id
        self._status.set_text_source(self._issue_text)
        if self._preview is not None:
            self._preview.show_issue(issue_id)
        self.opened.emit("issue", issue_id)
        self.current_changed.emit()
        self.title_changed.emit()
        return True

    def open_initial(self, last: tuple[str, int] | None) -> None:
        """Select ``last`` (the item open at the last quit) if it still exists, else
        the first article of the newest issue; an article gets the keyboard focus."""
        pane = self._pane
        if last is not None:
            kind, ident = last
            if kind == "issue" and pane.select_issue(ident):
                return
            if kind == "article":
                row = self._services.article_rows([ident]).get(ident)
                if row is not None and pane.select_article(ident, row.issue_id):
                    self._editor.body_edit().setFocus()  # ready to type
                    return
        for _publication, issues in self._model.issue_rows():
            for issue in issues:
                ids = self._services.article_ids(issue.id)
                if ids and pane.select_article(ids[0], issue.id):
                    self._editor.body_edit().setFocus()  # ready to type
                    return

    def close_current(self) -> None:
        self._autosave.close()
        self._editor.clear()
        self._preview_timer.stop()
        if self._preview is not None and hasattr(self._preview, "clear"):
            self._preview.clear()  # else the deleted article stays on screen
        self._current = None
        self._issue_id = None
        self._status.set_text_source(None)
        self.current_changed.emit()
        self.title_changed.emit()

    def reload_current(self) -> None:
        """Read the open item again (renamed from the tree, conflict resolved)."""
        current = self._current
        if current is None:
            return
        self._autosave.close()
        self._current = None
        (self.open_article if current[0] == "article" else self.open_issue)(current[1])

    def reselect_current(self) -> None:
        """Put the tree's selection back on the open item without reopening it."""
        if self._current is None:
            return
        kind, ident = self._current
        if kind == "article":
            row = self._services.article_rows([ident]).get(ident)
            if row is not None:
                self._issue_id = row.issue_id
                self._pane.select_article(ident, row.issue_id, silent=True)
        else:
            self._pane.select_issue(ident, silent=True)
        self.title_changed.emit()

    def forget_deleted(self, article_ids: set[int]) -> None:
        """The open article was deleted: close it without saving."""
        if (
            self._current is not None
            and self._current[0] == "article"
            and self._current[1] in article_ids
        ):
            self.close_current()

    def absorb_write(self, article_id: int, apply_body: Callable[[str], bool]) -> None:
        """The open article was written outside the editor (a library-wide replace or
        its undo, after our edits were saved): show the stored fields in place.

        ``apply_body(text)`` changes the body inside its document (keeping its undo
        history); when it cannot, or something else differs, the article is reloaded.
        """
        if self._current != ("article", article_id) or self._autosave.dirty:
            if self._current == ("article", article_id):
                self.reload_current()
            return
        article = self._services.get_article(article_id)
        fields = {name: _text(getattr(article, name)) for name in ARTICLE_FIELDS}
        self._editor.set_article_fields(fields)
        with self._editor.external_change():
            body_ok = apply_body(fields["body"])
        shown = self._editor.current_fields()
        if not body_ok or any(shown[k] != fields.get(k, shown[k]) for k in shown):
            self.reload_current()
            return
        self._editor.set_version(article.version)
        self._autosave.open_article(article_id, article.version, fields)  # saved as shown
        self._status.recount()
        if self._preview is not None:
            self._preview.show_article(article_id)
        self.title_changed.emit()

    def flush(self) -> bool:
        return self._autosave.save_now()

    def leave(self) -> bool:
        """At quit: save and snapshot. False when unsaved text remains."""
        return self._autosave.leave()

    # -- editing ----------------------------------------------------------------

    def _article_text(self) -> tuple[str, ...]:
        fields = self._editor.current_fields()
        return (fields.get("title", ""), fields.get("standfirst", ""), fields.get("body", ""))

    def _issue_text(self) -> tuple[str, ...]:
        fields = self._editor.current_fields()
        return (fields.get("introduction", ""), fields.get("sign_off", ""))

    def _edited(self) -> None:
        self._autosave.mark_changed()
        self._status.text_changed()
        if self._preview is not None and self._current is not None:
            self._preview_timer.start()

    def _push_preview_text(self) -> None:
        # The body editor holds the article body, or the issue's introduction.
        if self._preview is not None and self._current is not None:
            self._preview.update_text(self._editor.body_edit().toPlainText())

    def _article_saved(self, article_id: int, version: int, changed: list[str]) -> None:
        if hasattr(self._editor, "set_version"):
            self._editor.set_version(version)
        if {"title", "status"} & set(changed):
            self._model.article_changed(article_id)
        if self._preview is not None and set(changed) - {"body"}:
            self._preview.show_article(article_id)  # header fields are not patched live

    def _issue_saved(self, issue_id: int, changed: list[str]) -> None:
        if {"title", "label", "status", "issue_date"} & set(changed):
            self._model.refresh_issue_rows()
            self.title_changed.emit()
        if self._preview is not None and changed:
            self._preview.show_issue(issue_id)

    def _add_asset(self, data: bytes, name: str, alt_text: str = "") -> str:
        """The editor's image handler: store once by hash (ImageRejected propagates)."""
        try:
            return self._services.add_asset(data, name, alt_text=alt_text)
        except ImageRejected:
            raise
        except FeuilletError as exc:
            raise ImageRejected(str(exc)) from exc

    def restore_recovery(self, recovery: Any) -> None:
        """Put text found in the crash-recovery journal back as unsaved changes
        (the autosave then saves it and clears the journal entry)."""
        fields = {k: _text(v) for k, v in recovery.fields.items() if k in ARTICLE_FIELDS}
        if not recovery.article_exists:
            title = fields.pop("title", "") or recovery.title or "?"
            new_id = self._services.create_article(None, title, **fields)
            self._model.refresh_scopes([None])
            self._pane.select_article(new_id, None)
            return
        row = self._services.article_rows([recovery.article_id]).get(recovery.article_id)
        if row is None or not self._pane.select_article(recovery.article_id, row.issue_id):
            return
        if self._current != ("article", recovery.article_id):
            return
        article = self._services.get_article(recovery.article_id)
        saved = {name: _text(getattr(article, name)) for name in ARTICLE_FIELDS}
        self._editor.load_article(recovery.article_id, {**saved, **fields}, article.version)
        self._autosave.mark_changed()
        self._status.recount()

    # -- preview ----------------------------------------------------------------

    def set_preview(self, preview: Any) -> None:
        self._preview = preview
        if preview is None:
            return
        # Follow the editor by source line when both panes can, else by fraction.
        if hasattr(self._editor, "sig_top_line_changed") and hasattr(
            preview, "scroll_to_source_line"
        ):
            self._editor.sig_top_line_changed.connect(preview.scroll_to_source_line)
        elif hasattr(self._editor, "sig_scrolled"):
            self._editor.sig_scrolled.connect(preview.scroll_to_fraction)
        if self._current is not None:
            kind, ident = self._current
            (preview.show_article if kind == "article" else preview.show_issue)(ident)

    # -- conflicts --------------------------------------------------------------

    def _conflict(self, article_id: int, message: str) -> None:
        if self._conflict_box is not None:
            return
        tr = self._tr.tr
        box = QMessageBox(QMessageBox.Icon.Warning, tr("conflict.title"), tr("conflict.text"),
                          QMessageBox.StandardButton.NoButton, self._window)  # fmt: skip
        box.setObjectName("conflictDialog")
        box.setInformativeText(tr("conflict.detail"))
        box.setDetailedText(message)
        copy = box.addButton(tr("conflict.keep_both"), QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton(tr("conflict.overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(tr("conflict.later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(copy)

        def answered(_result: int) -> None:
            clicked = box.clickedButton()
            self._conflict_box = None
            box.deleteLater()
            if clicked is copy:
                self._keep_both()
            elif clicked is overwrite and self._autosave.overwrite():
                self.show_message(tr("conflict.overwritten"))

        box.finished.connect(answered)
        self._conflict_box = box
        box.open()  # window-modal but not blocking: typing can resume after answering

    def conflict_box(self) -> QMessageBox | None:
        return self._conflict_box

    def _keep_both(self) -> None:
        new_id = self._autosave.save_as_copy()
        if new_id is None:
            return
        row = self._services.article_rows([new_id]).get(new_id)
        scope = row.issue_id if row else None
        self._model.refresh_scopes([scope])
        self._autosave.close()
        self._current = None
        self._pane.select_article(new_id, scope, silent=True)
        self.open_article(new_id)
        self.show_message(self._tr.tr("conflict.copied"))
