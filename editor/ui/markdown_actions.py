"""The formatting toolbar: what each button does to the Markdown source.

Nobody should have to learn Markdown: every button wraps the selection (or a
selected placeholder when nothing is selected) or inserts a filled-in template
of one of Feuillet's blocks. Each action is one edit block, hence one undo step.

The UI strings of the editor and preview panes are the ``editor.*`` keys of the
window's catalogue (``resources/translations``), read through :func:`tr`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.ui.i18n import lookup


def tr(key: str, language: str = "fr") -> str:
    """The UI text ``key`` (``editor.<key>`` in the window's catalogue) in ``language``;
    the key itself when unknown."""
    text = lookup(f"editor.{key}", language)
    return key if text == f"editor.{key}" else text


# -- text operations ----------------------------------------------------------

_HEADING_PREFIX = re.compile(r"^#{1,6}\s+")
_BULLET_PREFIX = re.compile(r"^(\s*)[-*+]\s+")
_NUMBER_PREFIX = re.compile(r"^(\s*)\d{1,9}[.)]\s+")
_QUOTE_PREFIX = re.compile(r"^>\s?")


def _selected_line_range(cursor: QTextCursor) -> QTextCursor:
    """A cursor selecting whole lines from the selection's first to last block."""
    doc = cursor.document()
    start = doc.findBlock(cursor.selectionStart())
    end_pos = cursor.selectionEnd()
    end = doc.findBlock(end_pos)
    if cursor.hasSelection() and end_pos == end.position() and end != start:
        end = end.previous()  # a selection ending at a line start excludes that line
    lines = QTextCursor(doc)
    lines.setPosition(start.position())
    lines.setPosition(end.position() + end.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    return lines


def _replace_selection(
    editor: QPlainTextEdit, cursor: QTextCursor, text: str, select: tuple[int, int] | None = None
) -> None:
    """Replace ``cursor``'s selection with ``text`` in one undo step; optionally
    select ``text[select[0]:select[1]]`` afterwards."""
    start = cursor.selectionStart()
    cursor.beginEditBlock()
    cursor.insertText(text)
    cursor.endEditBlock()
    if select is not None:
        cursor.setPosition(start + select[0])
        cursor.setPosition(start + select[1], QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def wrap_inline(editor: QPlainTextEdit, marker: str, placeholder: str) -> None:
    """Wrap the selection in ``marker`` (toggle off when already wrapped);
    without a selection insert a selected placeholder between markers."""
    cursor = editor.textCursor()
    text = cursor.selectedText()
    if not text:
        _replace_selection(
            editor,
            cursor,
            f"{marker}{placeholder}{marker}",
            (len(marker), len(marker) + len(placeholder)),
        )
        return
    # Markdown emphasis may not start or end with a space: keep spaces outside.
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    if len(core) > 2 * len(marker) and core.startswith(marker) and core.endswith(marker):
        inner = core[len(marker) : -len(marker)]
        _replace_selection(
            editor, cursor, f"{lead}{inner}{trail}", (len(lead), len(lead) + len(inner))
        )
        return
    new = f"{lead}{marker}{core}{marker}{trail}"
    _replace_selection(editor, cursor, new, (len(lead), len(new) - len(trail)))


def insert_link(editor: QPlainTextEdit, placeholder: str) -> None:
    """``[selection](https://)`` with the URL selected, ready to type or paste over."""
    cursor = editor.textCursor()
    text = cursor.selectedText().strip()
    if re.match(r"^(https?://|mailto:)\S+$", text):
        new = f"[{placeholder}]({text})"
        _replace_selection(editor, cursor, new, (1, 1 + len(placeholder)))
        return
    label = text or placeholder
    new = f"[{label}](https://)"
    if text:
        _replace_selection(editor, cursor, new, (len(label) + 3, len(new) - 1))
    else:
        _replace_selection(editor, cursor, new, (1, 1 + len(label)))


def _map_lines(editor: QPlainTextEdit, transform: Callable[[list[str]], list[str]]) -> None:
    cursor = _selected_line_range(editor.textCursor())
    lines = cursor.selectedText().split("\u2029")  # Qt's paragraph separator
    new = "\n".join(transform(lines))
    _replace_selection(editor, cursor, new, (0, len(new)) if len(lines) > 1 else None)
    if len(lines) == 1:
        moved = editor.textCursor()
        moved.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        editor.setTextCursor(moved)


def set_heading(editor: QPlainTextEdit, level: int, placeholder: str) -> None:
    """Make the current line(s) a heading of ``level``; the same level again removes it."""
    prefix = "#" * level + " "

    def transform(lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            current = _HEADING_PREFIX.match(line)
            bare = line[current.end() :] if current else line
            same = current is not None and current.group(0).strip() == "#" * level
            out.append(bare if same else prefix + (bare or placeholder))
        return out

    _map_lines(editor, transform)


def toggle_prefix(editor: QPlainTextEdit, kind: str, placeholder: str) -> None:
    """Toggle a quote (``> ``), bullet (``- ``) or numbered (``1. ``) prefix on lines."""
    pattern = {"quote": _QUOTE_PREFIX, "bullets": _BULLET_PREFIX, "numbers": _NUMBER_PREFIX}[kind]

    def transform(lines: list[str]) -> list[str]:
        content = [line for line in lines if line.strip()] or lines
        if all(pattern.match(line) for line in content):
            return [
                pattern.sub(lambda m: m.group(1) if m.groups() else "", line, count=1)
                for line in lines
            ]
        out, number = [], 0
        for line in lines:
            if not line.strip() and len(lines) > 1:
                out.append(line)
                continue
            bare = line
            for other in (_BULLET_PREFIX, _NUMBER_PREFIX, _QUOTE_PREFIX):
                bare = other.sub("", bare, count=1)
            bare = bare or placeholder
            number += 1
            marker = {"quote": "> ", "bullets": "- ", "numbers": f"{number}. "}[kind]
            out.append(marker + bare)
        return out

    _map_lines(editor, transform)


def insert_block(editor: QPlainTextEdit, block: str, select: str | None = None) -> None:
    """Insert ``block`` as its own paragraph (blank lines around), replacing the
    selection; select the substring ``select`` of it when given."""
    cursor = editor.textCursor()
    doc = editor.document()
    block_start = doc.findBlock(cursor.selectionStart())
    at_line_start = cursor.selectionStart() == block_start.position()
    prefix = ""
    if not at_line_start:
        prefix = "\n\n"
    elif block_start.previous().isValid() and block_start.previous().text().strip():
        prefix = "\n"
    after_block = doc.findBlock(cursor.selectionEnd())
    rest = after_block.text()[cursor.selectionEnd() - after_block.position() :]
    suffix = "\n\n" if rest.strip() else "\n"
    text = f"{prefix}{block}{suffix}"
    if select and select in block:
        offset = len(prefix) + block.index(select)
        _replace_selection(editor, cursor, text, (offset, offset + len(select)))
    else:
        _replace_selection(editor, cursor, text)


def table_from_selection(selection: str, lang: str) -> tuple[str, str]:
    """A Markdown table: selected lines become rows (cells split on tabs or ;),
    the first row the header. Returns the table and the text to select."""
    rows = [line for line in selection.split("\u2029") if line.strip()] if selection else []
    if not rows:
        col = tr("ph_col", lang)
        cell = tr("ph_cell", lang)
        header = f"{col} 1"
        return (f"| {header} | {col} 2 |\n| --- | --- |\n| {cell} | {cell} |", header)
    split = [re.split(r"\t|;", row) for row in rows]
    width = max(len(cells) for cells in split)
    lines = []
    for i, cells in enumerate(split):
        cells = [c.strip().replace("|", "\\|") for c in cells] + [""] * (width - len(cells))
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + " --- |" * width)
    if len(lines) == 2:
        lines.append("|" + "  |" * width)
    return "\n".join(lines), ""


def custom_block(kind: str, selection: str, lang: str) -> tuple[str, str]:
    """Template of a ``:::`` block with the selection inside; returns (block, to select)."""
    text = selection.replace("\u2029", "\n").strip()
    if kind == "a_lire":
        summary = text or tr("ph_a_lire_text", lang)
        title = tr("ph_a_lire_title", lang)
        block = (
            f"::: a-lire\ntitle: {title}\nsource: {tr('ph_a_lire_source', lang)}\n"
            f"url: https://\n{summary}\n:::"
        )
        return block, title
    if kind == "events":
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()] or [tr("ph_event", lang)]
        events = "\n".join(ln if ln.startswith("- ") else f"- {ln.lstrip('-* ')}" for ln in lines)
        return f"::: events\n{events}\n:::", "" if text else lines[0]
    if kind == "source_line":
        # A paragraph starting with "Source :" is set apart as a source line by
        # the renderer; the typography adds the narrow space before the colon.
        label = tr("source_label", lang)
        name = text or tr("ph_source", lang)
        return f"{label} {name}", "" if text else name
    if kind == "pull_quote":
        quote = text or tr("ph_quote", lang)
        author = tr("ph_author", lang)
        return f"::: quote\n{quote}\n-- {author}\n:::", author if text else quote
    raise ValueError(kind)


def figure_block(sha256: str, alt: str, caption: str = "", credit: str = "") -> str:
    """The ``::: figure`` block of an image stored in the library."""
    lines = ["::: figure", f"image: asset:{sha256}", f"alt: {_one_line(alt)}"]
    if caption.strip():
        lines.append(f"caption: {_one_line(caption)}")
    if credit.strip():
        lines.append(f"credit: {_one_line(credit)}")
    return "\n".join(lines + [":::"])


def inline_image(sha256: str, alt: str) -> str:
    """``![alt](asset:sha)``, brackets in the alt text escaped."""
    safe = _one_line(alt).replace("[", "\\[").replace("]", "\\]")
    return f"![{safe}](asset:{sha256})"


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- QAction registry ---------------------------------------------------------


@dataclass(frozen=True)
class ActionSpec:
    key: str
    icon: str
    shortcut: str = ""


ACTION_SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("bold", "fa5s.bold", "Ctrl+B"),
    ActionSpec("italic", "fa5s.italic", "Ctrl+I"),
    ActionSpec("link", "fa5s.link", "Ctrl+K"),
    ActionSpec("h1", "mdi6.format-header-1", "Ctrl+1"),
    ActionSpec("h2", "mdi6.format-header-2", "Ctrl+2"),
    ActionSpec("h3", "mdi6.format-header-3", "Ctrl+3"),
    ActionSpec("quote", "fa5s.quote-right"),
    ActionSpec("bullets", "fa5s.list-ul"),
    ActionSpec("numbers", "fa5s.list-ol"),
    ActionSpec("image", "fa5s.image"),
    ActionSpec("figure", "mdi6.image-frame"),
    ActionSpec("table", "fa5s.table"),
    ActionSpec("a_lire", "fa5s.book-open"),
    ActionSpec("events", "fa5s.calendar-alt"),
    ActionSpec("pull_quote", "mdi6.format-quote-close"),
    ActionSpec("source_line", "fa5s.copyright"),
    ActionSpec("rule", "mdi6.minus"),
)


def make_handlers(
    editor: QPlainTextEdit, lang: Callable[[], str], pick_image: Callable[[str], None]
) -> dict[str, Callable[[], None]]:
    """Action key → what it does to ``editor``. ``pick_image(kind)`` runs the
    image flow ("image" or "figure"), which needs the asset handler."""

    def block(kind: str) -> Callable[[], None]:
        def run() -> None:
            body, select = custom_block(kind, editor.textCursor().selectedText(), lang())
            insert_block(editor, body, select or None)

        return run

    def table() -> None:
        body, select = table_from_selection(editor.textCursor().selectedText(), lang())
        insert_block(editor, body, select or None)

    return {
        "bold": lambda: wrap_inline(editor, "**", tr("ph_bold", lang())),
        "italic": lambda: wrap_inline(editor, "*", tr("ph_italic", lang())),
        "link": lambda: insert_link(editor, tr("ph_link", lang())),
        "h1": lambda: set_heading(editor, 1, tr("ph_heading", lang())),
        "h2": lambda: set_heading(editor, 2, tr("ph_heading", lang())),
        "h3": lambda: set_heading(editor, 3, tr("ph_heading", lang())),
        "quote": lambda: toggle_prefix(editor, "quote", tr("ph_quote", lang())),
        "bullets": lambda: toggle_prefix(editor, "bullets", tr("ph_item", lang())),
        "numbers": lambda: toggle_prefix(editor, "numbers", tr("ph_item", lang())),
        "image": lambda: pick_image("image"),
        "figure": lambda: pick_image("figure"),
        "table": table,
        "a_lire": block("a_lire"),
        "events": block("events"),
        "pull_quote": block("pull_quote"),
        "source_line": block("source_line"),
        "rule": lambda: insert_block(editor, "---"),
    }


def build_actions(
    parent: QWidget, handlers: dict[str, Callable[[], None]], icons: bool = True
) -> dict[str, QAction]:
    """One QAction per spec, shortcuts scoped to ``parent`` and its children so
    they never fight the main window's own shortcuts. ``icons=False`` leaves the
    icons to :func:`load_action_icons` (the window sets them after its first paint)."""
    actions: dict[str, QAction] = {}
    for spec in ACTION_SPECS:
        action = QAction(spec.key, parent)
        if spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setObjectName(f"format_{spec.key}")
        action.triggered.connect(handlers[spec.key])
        parent.addAction(action)
        actions[spec.key] = action
    if icons:
        load_action_icons(actions)
    return actions


def load_action_icons(actions: dict[str, QAction]) -> None:
    """Give the toolbar actions their icons (qtawesome costs ~0.2 s to import)."""
    import qtawesome  # deferred: its font loading needs a QApplication

    for spec in ACTION_SPECS:
        action = actions.get(spec.key)
        if action is not None and action.icon().isNull():
            action.setIcon(qtawesome.icon(spec.icon))


def retranslate_actions(actions: dict[str, QAction], lang: str) -> None:
    for key, action in actions.items():
        label = tr(key, lang)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setText(label)
        action.setToolTip(f"{label} ({shortcut})" if shortcut else label)
