"""Syntax highlighting of Feuillet's Markdown in the body editor.

The source stays plain text, but it should *read* like the article: headings
larger and bold, emphasis shown as emphasis, links and quotes coloured, and the
markup characters themselves dimmed so the words stand out. Custom blocks
(``::: figure``…) and their ``key:`` lines get their own style.

Everything here is per block (one paragraph line of the QTextDocument):
QSyntaxHighlighter only re-runs the blocks an edit touched, plus the following
ones while their carried state changes, so a keystroke in a 20,000-word article
costs a handful of small regex matches, never a whole-document pass. The only
multi-line constructs (fenced code, ``:::`` blocks) are carried in the block
state bits below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

# Block state bits carried from one line to the next.
IN_FENCE = 1
IN_CUSTOM = 2
IN_CUSTOM_FIELDS = 4

HEADING_SCALE = {1: 1.6, 2: 1.35, 3: 1.18, 4: 1.08, 5: 1.0, 6: 1.0}

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CUSTOM_OPEN = re.compile(r"^:::\s*([A-Za-z][\w-]*)\s*$")
_CUSTOM_CLOSE = re.compile(r"^:::\s*$")
_FIELD = re.compile(r"^([A-Za-z][\w-]*):(\s|$)")
_HEADING = re.compile(r"^(#{1,6})(\s+)")
_QUOTE = re.compile(r"^(\s{0,3}>\s?)+")
_LIST = re.compile(r"^\s*([-*+]|\d{1,9}[.)])(\s+)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_TABLE_PIPE = re.compile(r"\|")
_SOURCE_LINE = re.compile(r"^(Sources?\s?:|Cr[ée]dits?\s?:|Credit\s?:|Copyright\s?©)", re.I)
# Inline spans: groups are (opening markup, content, closing markup).
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![*\w])(\*|_)(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*\w])")
_CODE = re.compile(r"(`+)(.+?)\1")
_LINK = re.compile(r"(!?\[)([^\]\n]*)(\]\()([^)\s]*)((?:\s+\"[^\"]*\")?\))")
# A library picture's reference: 70 characters of hash nobody reads, which at full
# size wrap onto a second line holding a single character. Dimmed and smaller,
# it fits on one line and the alt text and caption around it stand out.
_ASSET_REF = re.compile(r"asset:[0-9a-fA-F]{64}")
ASSET_SCALE = 0.75
_AUTOLINK = re.compile(r"<(https?://|mailto:)[^>\s]+>|https?://[^\s)>\]]+")
# French typography hint: an ordinary space where a (narrow) no-break one belongs.
_FR_SPACE = re.compile(r"\w( )[;:!?»]|«( )\w")
_FR_HINT_CHARS = frozenset(";:!?«»")


@dataclass(frozen=True)
class Palette:
    """The few colours of the highlighting, readable on a light background."""

    markup: str = "#9aa0a6"
    link: str = "#1a5fb4"
    quote: str = "#2e7d32"
    block: str = "#8e44ad"
    field_key: str = "#b35900"
    code: str = "#6b4e16"
    code_bg: str = "#f4f1ea"
    hint: str = "#d97706"


@dataclass(frozen=True)
class Style:
    """What one span looks like. Styles combine with ``|`` (right side wins) in
    Python: QTextFormat.merge() corrupts reference counts in PySide6 6.12 and
    QSyntaxHighlighter.format() is never read back, so nothing merges in Qt."""

    color: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    mono: bool | None = None
    background: str | None = None
    scale: float | None = None
    hint: str | None = None

    def __or__(self, other: Style) -> Style:
        values = {k: v for k, v in vars(other).items() if v is not None}
        return replace(self, **values)


class MarkdownHighlighter(QSyntaxHighlighter):
    """Per-block highlighter for Feuillet's Markdown dialect."""

    def __init__(self, document: QTextDocument, palette: Palette | None = None) -> None:
        super().__init__(document)
        self._palette = palette or Palette()
        self._language = "fr"
        self._cache: dict[Style, QTextCharFormat] = {}
        p = self._palette
        self._styles = {
            "markup": Style(color=p.markup),
            "bold": Style(bold=True),
            "italic": Style(italic=True),
            "code": Style(color=p.code, mono=True, background=p.code_bg),
            "link_text": Style(color=p.link, underline=True),
            "link_url": Style(color=p.markup),
            "quote": Style(color=p.quote, italic=True),
            "block": Style(color=p.block, bold=True),
            "field_key": Style(color=p.field_key, bold=True),
            "list": Style(color=p.block, bold=True),
            "source": Style(color=p.markup, italic=True),
            "hint": Style(hint=p.hint),
            "asset": Style(color=p.markup, scale=ASSET_SCALE),
        }

    # -- configuration ------------------------------------------------------

    def set_language(self, language: str) -> None:
        """French gets hints where a no-break space belongs before ; : ! ? »."""
        language = (language or "fr")[:2].lower()
        if language != self._language:
            self._language = language
            self.rehighlight()

    def refresh_fonts(self) -> None:
        """Rebuild size-dependent formats after the editor font changed."""
        self._cache.clear()
        self.rehighlight()

    def style(self, name: str) -> Style:
        return self._styles[name]

    def char_format(self, style: Style) -> QTextCharFormat:
        """The (cached) QTextCharFormat of ``style``."""
        fmt = self._cache.get(style)
        if fmt is not None:
            return fmt
        fmt = QTextCharFormat()
        if style.color:
            fmt.setForeground(QColor(style.color))
        if style.bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        if style.italic:
            fmt.setFontItalic(True)
        if style.underline:
            fmt.setFontUnderline(True)
        if style.mono:
            fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
            fmt.setFontFamilies([fixed.family()])
        if style.background:
            fmt.setBackground(QColor(style.background))
        if style.scale:
            base = self.document().defaultFont().pointSizeF()
            fmt.setFontPointSize((base if base > 0 else 11.0) * style.scale)
        if style.hint:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor(style.hint))
        self._cache[style] = fmt
        return fmt

    def _set(self, start: int, length: int, style: Style) -> None:
        if length > 0:
            self.setFormat(start, length, self.char_format(style))

    # -- highlighting -------------------------------------------------------

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        previous = self.previousBlockState()
        state = 0 if previous < 0 else previous
        self.setCurrentBlockState(self._highlight_line(text, state))

    def _highlight_line(self, text: str, state: int) -> int:
        s = self._styles
        if state & IN_FENCE:
            self._set(0, len(text), s["code"])
            return state & ~IN_FENCE if _FENCE.match(text) else state
        if _FENCE.match(text):
            self._set(0, len(text), s["code"])
            return state | IN_FENCE
        if _CUSTOM_CLOSE.match(text) and state & IN_CUSTOM:
            self._set(0, len(text), s["block"])
            return state & ~(IN_CUSTOM | IN_CUSTOM_FIELDS)
        if opened := _CUSTOM_OPEN.match(text):
            self._set(0, 3, s["markup"])
            self._set(opened.start(1), len(opened.group(1)), s["block"])
            return (state | IN_CUSTOM | IN_CUSTOM_FIELDS) & ~IN_FENCE
        if state & IN_CUSTOM_FIELDS:
            field = _FIELD.match(text)
            if field:
                self._set(0, field.end(1) + 1, s["field_key"])
                self._highlight_assets(text)
                return state
            state &= ~IN_CUSTOM_FIELDS
        self._highlight_markdown_line(text)
        self._highlight_assets(text)
        return state

    def _highlight_assets(self, text: str) -> None:
        """``asset:<sha256>`` dimmed and smaller, over whatever style it had."""
        if "asset:" in text:
            for m in _ASSET_REF.finditer(text):
                self._set(m.start(), m.end() - m.start(), self._styles["asset"])

    def _highlight_markdown_line(self, text: str) -> None:
        s = self._styles
        if heading := _HEADING.match(text):
            size = Style(bold=True, scale=HEADING_SCALE[len(heading.group(1))])
            self._set(0, len(text), size)
            self._set(0, heading.end(), size | s["markup"])
            return
        if _RULE.match(text):
            self._set(0, len(text), s["markup"])
            return
        start = 0
        base = Style()
        if quote := _QUOTE.match(text):
            base = s["quote"]
            self._set(0, len(text), base)
            self._set(0, quote.end(), s["markup"])
            start = quote.end()
        if item := _LIST.match(text, start) if start else _LIST.match(text):
            self._set(item.start(1), len(item.group(1)), base | s["list"])
        if _SOURCE_LINE.match(text):
            base = s["source"]
            self._set(0, len(text), base)
        if "|" in text and text.lstrip().startswith("|"):
            for pipe in _TABLE_PIPE.finditer(text):
                self._set(pipe.start(), 1, s["markup"])
        self._highlight_inline(text, base)

    def _span(self, match: re.Match[str], content: Style) -> None:
        """An inline span in ``content``, its markers (group 1, both ends) dimmed."""
        self._set(match.start(), match.end() - match.start(), content)
        width = len(match.group(1))
        dim = content | self._styles["markup"]
        self._set(match.start(), width, dim)
        self._set(match.end() - width, width, dim)

    def _highlight_inline(self, text: str, base: Style) -> None:
        s = self._styles
        if "`" in text:
            for m in _CODE.finditer(text):
                self._span(m, s["code"])
        bold_spans: list[tuple[int, int]] = []
        if "*" in text or "_" in text:
            for m in _BOLD.finditer(text):
                bold_spans.append((m.start(), m.end()))
                self._span(m, base | s["bold"])
            for m in _ITALIC.finditer(text):
                inside = any(a <= m.start() < b for a, b in bold_spans)
                self._span(m, base | (s["bold"] if inside else Style()) | s["italic"])
        if "](" in text:
            for m in _LINK.finditer(text):
                inside = any(a <= m.start() < b for a, b in bold_spans)
                self._set(m.start(), m.end() - m.start(), s["markup"])
                link = base | (s["bold"] if inside else Style()) | s["link_text"]
                self._set(m.start(2), len(m.group(2)), link)
                self._set(m.start(4), len(m.group(4)), s["link_url"])
        elif "http" in text or "mailto:" in text:
            for m in _AUTOLINK.finditer(text):
                self._set(m.start(), m.end() - m.start(), base | s["link_text"])
        if self._language == "fr" and _FR_HINT_CHARS.intersection(text):
            for m in _FR_SPACE.finditer(text):
                pos = m.start(1) if m.group(1) else m.start(2)
                self._set(pos, 1, base | s["hint"])
