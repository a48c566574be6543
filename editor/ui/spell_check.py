"""Spell checking as you type in a QPlainTextEdit: wavy underlines and a context menu.

Only the blocks on screen (plus a margin) are checked, ~150 ms after the last
keystroke or scroll, so the cost of a check never lands on a keystroke and does
not grow with the article: a 20,000-word text costs the same as a page. The
misspellings are shown as *extra selections* (not through the highlighter), so
a change of dictionary never re-highlights the document.

Other features may underline too (find results, current line): every producer
owns a named layer in :class:`~editor.ui.selection_layers.SelectionLayers` and
the layers are merged into the one list Qt accepts. Usage from the window::

    spell = SpellCheckController.attach(editor.body_edit(), services, "fr", translator)
    spell.set_language("en"); spell.set_enabled(False)

The personal dictionary lives in the library (setting ``spelling.personal_words``,
one word a line), so it follows the library from one computer to another.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit

from editor.ui.i18n import lookup
from editor.ui.selection_layers import SelectionLayers

__all__ = [
    "CHECK_DELAY_MS",
    "MARGIN_BLOCKS",
    "MAX_SUGGESTIONS",
    "PERSONAL_WORDS_KEY",
    "SPELLING_LAYER",
    "SelectionLayers",
    "SpellCheckController",
    "misspelling_format",
    "publication_language",
    "ui_text",
]

PERSONAL_WORDS_KEY = "spelling.personal_words"
CHECK_DELAY_MS = 150
MARGIN_BLOCKS = 30  # checked above and below the screen, so a short scroll shows results at once
MAX_SUGGESTIONS = 6
SPELLING_LAYER = "spelling"


def ui_text(translator: Any, key: str, **values: object) -> str:
    """``key`` (``spell.*``) from the window's catalogue, in its language (French without one)."""
    if translator is not None:
        return str(translator.tr(key, **values))
    return lookup(key, "fr", **values)


def misspelling_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(QColor("#d0312d"))
    return fmt


class SpellCheckController(QObject):
    """Checks what is on screen of one editor; owns its layer and its context menu."""

    sig_checked = Signal(int)  # number of misspellings shown, after each check
    sig_unavailable = Signal(str)  # no dictionary could be opened
    sig_ready = Signal()  # the dictionary is loaded
    _loaded = Signal(int, object)  # from the loading thread

    def __init__(self, edit: QPlainTextEdit, services: Any, language: str,
                 translator: Any = None) -> None:  # fmt: skip
        super().__init__(edit)
        self._edit = edit
        self._services = services
        self._translator = translator
        self._language = language or "fr"
        self._enabled = True
        self._checker: Any = None
        self._generation = 0
        self._personal = [w for w in services.get_setting(PERSONAL_WORDS_KEY).split("\n") if w]
        self._layers = SelectionLayers.of(edit)
        self._format = misspelling_format()
        self._fence = QRegularExpression(r"^[ \t]{0,3}(```|~~~)")
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        edit.document().contentsChange.connect(self._schedule)
        edit.verticalScrollBar().valueChanged.connect(self._schedule)
        edit.installEventFilter(self)  # the Menu key sends the context menu to the editor
        edit.viewport().installEventFilter(self)  # a right click sends it to the viewport
        self._loaded.connect(self._on_loaded)
        self._load()

    @classmethod
    def attach(cls, edit: QPlainTextEdit, services: Any, language: str,
               translator: Any = None) -> SpellCheckController:  # fmt: skip
        """Spell-check ``edit`` from now on (the controller lives as long as the editor)."""
        return cls(edit, services, language, translator)

    # -- settings ---------------------------------------------------------------

    @property
    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        """The publication's language changed (another article opened): new dictionary."""
        if language and language != self._language:
            self._language = language
            self._checker = None
            self._layers.set_layer(SPELLING_LAYER, [])
            self._load()

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        if enabled:
            self._schedule()
        else:
            self._timer.stop()
            self._layers.set_layer(SPELLING_LAYER, [])

    def is_enabled(self) -> bool:
        return self._enabled

    def checker(self) -> Any:
        """The core spell checker, or None while its dictionary is still loading."""
        return self._checker

    def is_ready(self) -> bool:
        return self._checker is not None

    def _load(self) -> None:
        """Open the dictionary on a thread: pyenchant takes ~0.2 s, which typing must not feel.

        (ctypes releases the GIL while Enchant reads its files.) A newer load, after
        a language change, makes the older result stale.
        """
        self._generation += 1
        generation, language, personal = self._generation, self._language, list(self._personal)
        relay = self._loaded

        def work() -> None:
            from editor.core.spelling import create_spell_checker

            try:
                result: object = create_spell_checker(
                    language, personal_words=personal, on_personal_add=self._store
                )
            except Exception as exc:  # noqa: BLE001 - reported on the GUI thread
                result = exc
            try:
                relay.emit(generation, result)  # queued to the GUI thread
            except RuntimeError:
                pass  # the editor was closed meanwhile

        threading.Thread(target=work, name="spell-dictionary", daemon=True).start()

    def _on_loaded(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return
        if isinstance(result, Exception):
            self._enabled = False
            self._layers.set_layer(SPELLING_LAYER, [])
            self.sig_unavailable.emit(str(result))
            return
        self._checker = result
        self.sig_ready.emit()
        self._schedule()

    def _store(self, word: str) -> None:
        """Persist a word added to the personal dictionary (merged with what is stored)."""
        stored = [w for w in self._services.get_setting(PERSONAL_WORDS_KEY).split("\n") if w]
        words = sorted(set(stored) | set(self._personal) | {word}, key=str.casefold)
        self._personal = words
        self._services.set_setting(PERSONAL_WORDS_KEY, "\n".join(words))

    # -- checking ---------------------------------------------------------------

    def _schedule(self, *_args: object) -> None:
        if self._enabled:
            self._timer.start()  # restarted by each keystroke: runs once typing pauses

    def _fence_state_before(self, block: Any) -> int:
        """Code-fence state at ``block``: scan from the top only if a fence exists above."""
        from editor.core.spelling.tokenizer import STATE_TEXT, fence_state_after

        document = self._edit.document()
        found = document.find(self._fence, 0)
        if found.isNull() or found.selectionStart() >= block.position():
            return STATE_TEXT  # the common case, answered by Qt's C++ search
        state = STATE_TEXT
        current = document.begin()
        while current.isValid() and current != block:
            state = fence_state_after(current.text(), state)
            current = current.next()
        return state

    def visible_blocks(self) -> tuple[Any, Any]:
        """First and last block to check: the screen plus MARGIN_BLOCKS each side."""
        edit = self._edit
        first = edit.firstVisibleBlock()
        for _ in range(MARGIN_BLOCKS):
            if not first.previous().isValid():
                break
            first = first.previous()
        bottom = edit.viewport().height()
        offset = edit.contentOffset()
        last = edit.firstVisibleBlock()
        while (
            last.next().isValid()
            and edit.blockBoundingGeometry(last).translated(offset).bottom() < bottom
        ):
            last = last.next()
        for _ in range(MARGIN_BLOCKS):
            if not last.next().isValid():
                break
            last = last.next()
        return first, last

    def check_now(self) -> int:
        """Check the visible blocks now; returns how many misspellings are shown."""
        self._timer.stop()
        checker = self._checker if self._enabled else None
        if checker is None:
            self._layers.set_layer(SPELLING_LAYER, [])
            return 0  # checked again when the dictionary is ready
        first, last = self.visible_blocks()
        state = self._fence_state_before(first)
        document = self._edit.document()
        selections: list[QTextEdit.ExtraSelection] = []
        block = first
        while block.isValid():
            found, state = checker.check_line(block.text(), state)
            for miss in found:
                cursor = QTextCursor(document)
                cursor.setPosition(block.position() + miss.start)
                cursor.setPosition(block.position() + miss.end, QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = self._format
                selections.append(selection)
            if block == last:
                break
            block = block.next()
        self._layers.set_layer(SPELLING_LAYER, selections)
        self.sig_checked.emit(len(selections))
        return len(selections)

    def misspelled_ranges(self) -> list[tuple[int, int, str]]:
        """(start, end, word) of what is underlined now, in document positions."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd(), s.cursor.selectedText())
            for s in self._layers.layer(SPELLING_LAYER)
        ]

    # -- the context menu -------------------------------------------------------

    def misspelling_at(self, position: int) -> tuple[int, int, str] | None:
        """The misspelt word at document ``position`` (checked afresh), if any."""
        checker = self._checker if self._enabled else None
        if checker is None:
            return None
        block = self._edit.document().findBlock(position)
        found, _state = checker.check_line(block.text(), self._fence_state_before(block))
        column = position - block.position()
        for miss in found:
            if miss.start <= column <= miss.end:
                return block.position() + miss.start, block.position() + miss.end, miss.word
        return None

    def build_context_menu(self, viewport_pos: QPoint) -> QMenu:
        """The editor's standard menu, with corrections first when a word is misspelt."""
        edit = self._edit
        menu = edit.createStandardContextMenu()
        position = edit.cursorForPosition(viewport_pos).position()
        # A right click inside a selection keeps it; elsewhere the word clicked counts.
        if edit.textCursor().hasSelection():
            cursor = edit.textCursor()
            if cursor.selectionStart() <= position <= cursor.selectionEnd():
                position = cursor.selectionStart()
        miss = self.misspelling_at(position)
        if miss is None:
            return menu
        start, end, word = miss
        first = menu.actions()[0] if menu.actions() else None
        added: list[QAction] = []
        suggestions = self._checker.suggest(word)[:MAX_SUGGESTIONS]
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            font = action.font()
            font.setBold(True)
            action.setFont(font)
            action.triggered.connect(
                lambda _c=False, s=suggestion: self.replace_word(start, end, word, s)
            )
            added.append(action)
        if not suggestions:
            empty = QAction(ui_text(self._translator, "spell.no_suggestion"), menu)
            empty.setEnabled(False)
            added.append(empty)
        add = QAction(ui_text(self._translator, "spell.add"), menu)
        add.setObjectName("spell.add")
        add.triggered.connect(lambda _c=False: self.add_to_dictionary(word))
        ignore = QAction(ui_text(self._translator, "spell.ignore"), menu)
        ignore.setObjectName("spell.ignore")
        ignore.triggered.connect(lambda _c=False: self.ignore_word(word))
        added += [add, ignore]
        for action in added:
            menu.insertAction(first, action)
        if first is not None:
            menu.insertSeparator(first)
        return menu

    def replace_word(self, start: int, end: int, word: str, replacement: str) -> bool:
        """Replace ``word`` at [start, end) by ``replacement``: one undo step."""
        cursor = QTextCursor(self._edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != word:
            return False  # the text moved under the menu: never replace the wrong word
        cursor.beginEditBlock()
        cursor.insertText(replacement)
        cursor.endEditBlock()
        self.check_now()
        return True

    def add_to_dictionary(self, word: str) -> None:
        if self._checker is not None:
            self._checker.add_to_personal(word)  # calls _store, which saves it in the library
        self.check_now()

    def ignore_word(self, word: str) -> None:
        if self._checker is not None:
            self._checker.ignore(word)  # for this session only
        self.check_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self._schedule()  # more or fewer lines on screen
        elif event.type() == QEvent.Type.ContextMenu and self._enabled:
            assert isinstance(event, QContextMenuEvent)
            viewport = self._edit.viewport()
            if event.reason() == QContextMenuEvent.Reason.Keyboard:
                pos = self._edit.cursorRect().center()
            elif watched is viewport:
                pos = event.pos()
            else:
                pos = viewport.mapFrom(self._edit, event.pos())
            menu = self.build_context_menu(pos)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(viewport.mapToGlobal(pos))
            return True
        return super().eventFilter(watched, event)


def publication_language(services: Any, issue_id: int | None, default: str = "fr") -> str:
    """The language of the publication an issue belongs to (the pool: the first one's)."""
    publications = {p.id: p for p in services.list_publications()}
    publication_id = next(
        (row.publication_id for row in services.list_issues() if row.id == issue_id), None
    )
    publication = publications.get(publication_id) or next(iter(publications.values()), None)
    return (getattr(publication, "language", "") or default) if publication else default
