"""The writing aids of the main window: spell check, length target, find/replace, import.

Built by :meth:`MainWindow.attach_library` once the library is open (they all
need its services). What each aid does lives in its own module
(:mod:`~editor.ui.spell_check`, :mod:`~editor.ui.target_gauge`,
:mod:`~editor.ui.find_replace_dialog`, :mod:`~editor.ui.import_dialog`); this
one only connects them to the window:

- every change of the open item tells the gauge which article to follow, the
  spell checker which publication language to use, and the find dialog what
  "this article" and "this issue" mean;
- Edit ▸ Find…/Replace… open the one non-modal find dialog; a library-wide
  replacement goes on the window's undo stack, after the open article was
  saved, and the rows and the open article it changed are read again;
- File ▸ Import… and files dropped on the tree open the import dialog; once it
  has imported, every scope of the tree is refreshed, since the user may have
  picked another destination in the dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QPoint

from editor.ui.find_replace_dialog import FindReplaceDialog
from editor.ui.find_results import select_range
from editor.ui.import_dialog import FileDropImporter, ImportDialog
from editor.ui.replace_sync import BodyUndoLink
from editor.ui.spell_check import SpellCheckController, publication_language
from editor.ui.target_gauge import TargetGauge
from editor.ui.tree_nodes import Kind


class WritingAids(QObject):
    """Spell check, target gauge, find/replace and import for one main window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self._services = window.services
        self._session = window.session
        self._model = window.model
        self._pane = window.library_pane
        tr = window.translator
        self._tr = tr
        body = window.editor.body_edit()
        self._body = body
        self._import_dialogs: list[ImportDialog] = []
        self._language_cache: dict[int | None, str] = {}

        self.spell = SpellCheckController.attach(body, self._services, "fr", tr)
        self.spell.sig_unavailable.connect(self._spell_unavailable)
        self.target_gauge = TargetGauge.attach(
            window.status, self._services, window.editor.current_fields, tr
        )
        window.editor.sig_changed.connect(self.target_gauge.text_changed)

        self.find_dialog = FindReplaceDialog(self._services, tr, window)
        commands = window.commands
        self.body_link = BodyUndoLink(body, commands.undo_stack, commands.undo, commands.redo)
        self.find_dialog.push_command = self._push_replace
        self.find_dialog.before_library_change = self._session.flush
        self.find_dialog.sig_library_changed.connect(self._texts_replaced)
        self.find_dialog.sig_match_activated.connect(self._show_match)

        self.drop_importer = FileDropImporter.attach(
            self._pane.tree, self._services, self._issue_at, tr
        )
        self.drop_importer.language_of = self._language
        self.drop_importer.sig_dialog_opened.connect(self._watch_import)

        registry = window.registry
        registry.connect("file.import", self.import_files)
        registry.connect("edit.find", self.find_dialog.show_find)
        registry.connect("edit.replace", self.find_dialog.show_replace)
        spell_action = registry.action("edit.spell")
        self.spell.set_enabled(spell_action.isChecked())
        registry.connect("edit.spell", self.spell.set_enabled)
        for action_id in ("file.import", "edit.find", "edit.replace", "edit.spell"):
            registry.set_enabled(action_id, True)
        # A publication's language may change; the cache only spares a query per click.
        self._model.modelReset.connect(self._language_cache.clear)
        self._session.current_changed.connect(self.follow_current)
        self._session.opened.connect(lambda *_: self.body_link.document_reloaded())
        self.follow_current()

    # -- what is open -----------------------------------------------------------

    def _language(self, issue_id: int | None) -> str:
        if issue_id not in self._language_cache:
            self._language_cache[issue_id] = publication_language(self._services, issue_id)
        return self._language_cache[issue_id]

    def follow_current(self) -> None:
        """The open item changed: tell the gauge, the spell checker and the find dialog."""
        current = self._session.current()
        issue_id = self._session.issue_id()
        self.target_gauge.follow(current)
        if current is not None:
            self.spell.set_language(self._language(issue_id))
        article_id = current[1] if current is not None and current[0] == "article" else None
        self.find_dialog.set_context(
            article_id, issue_id, self._body if article_id is not None else None
        )

    def _spell_unavailable(self, error: str) -> None:
        self._session.show_message(self._tr.tr("spell.unavailable", error=error))
        action = self._window.registry.action("edit.spell")
        action.blockSignals(True)  # the controller already turned itself off
        action.setChecked(False)
        action.blockSignals(False)

    # -- find and replace -------------------------------------------------------

    def _show_match(self, article_id: int, start: int, end: int) -> None:
        """A result was activated: open its article (selected in the tree) and select it."""
        if self._session.current() != ("article", article_id):
            row = self._services.article_rows([article_id]).get(article_id)
            if row is None or not self._pane.select_article(article_id, row.issue_id):
                return
        if self._session.current() == ("article", article_id):  # the switch may be refused
            select_range(self._body, start, end)
            self._body.setFocus()

    def _push_replace(self, command: Any) -> None:
        """A library-wide replace goes on the window's stack, linked to the body's undo."""
        command.link = self.body_link
        self._window.commands.undo_stack.push(command)

    def _texts_replaced(self, ids: list[int], error: str) -> None:
        """A library-wide replacement (or its undo) ran: show what changed."""
        if error:
            self._session.show_message(error)
        for article_id in ids:
            self._model.article_changed(article_id)  # titles may have changed
        current = self._session.current()
        if current is not None and current[0] == "article" and current[1] in ids:
            # In place, not reloaded: the body keeps its undo history, and the
            # replace's block in it is what Ctrl+Z in the editor undoes.
            self._session.absorb_write(current[1], self.body_link.apply)

    # -- import -----------------------------------------------------------------

    def _issue_at(self, pos: QPoint) -> int | None:
        """Where files dropped at ``pos`` go: the issue under it (or the issue of the
        article under it), else the draft pool."""
        index = self._pane.tree.indexAt(pos)
        kind, ident = self._model.item(index)
        if kind is Kind.ISSUE:
            return ident
        if kind is Kind.ARTICLE and ident is not None:
            scope = self._model.article_scope_of(index)
            if scope is not None and scope[0] is Kind.ISSUE:
                return scope[1]
        return None

    def import_files(self) -> ImportDialog | None:
        """File ▸ Import…: pick files, preview them, import into the selected issue."""
        if not self._session.flush():
            return None
        issue_id = self._window.commands.selected_issue_id()
        dialog = ImportDialog.choose_and_import(
            self._window, self._services, issue_id, self._tr, self._language(issue_id)
        )
        if dialog is not None:
            self._watch_import(dialog)
        return dialog

    def _watch_import(self, dialog: ImportDialog) -> None:
        self._import_dialogs.append(dialog)
        dialog.sig_imported.connect(self._imported)
        dialog.finished.connect(lambda *_: self._forget(dialog))

    def _forget(self, dialog: ImportDialog) -> None:
        if dialog in self._import_dialogs:
            self._import_dialogs.remove(dialog)

    def import_dialogs(self) -> list[ImportDialog]:
        return list(self._import_dialogs)

    def _imported(self, ids: list[int]) -> None:
        # Any destination can have been picked in the dialog: refresh every scope.
        scopes: list[int | None] = [None]
        scopes += [
            issue.id for _publication, issues in self._model.issue_rows() for issue in issues
        ]
        self._model.refresh_scopes(scopes)
        self._session.reselect_current()
        self._session.show_message(self._tr.tr("status.imported", count=len(ids)))

    def shutdown(self) -> None:
        """Stop reading files (before the library closes)."""
        for dialog in list(self._import_dialogs):
            dialog.cancel()
            dialog.wait()
        self.find_dialog.hide()
