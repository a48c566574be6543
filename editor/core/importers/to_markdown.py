"""Clean HTML to Feuillet Markdown, through markdownify.

The input is what :mod:`editor.core.importers.html_clean` produced, so this
module only has to agree with Python-Markdown (the renderer): four-space list
nesting, ``-`` bullets, ATX headings, pipe tables, and escapes that stop text
from turning into Markdown or into raw HTML (``<`` becomes ``&lt;``: Python-Markdown
has no backslash escape for it).
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, Tag
from markdownify import ATX, MarkdownConverter

_INLINE_SPECIALS = re.compile(r"[\\`*\[\]|]")
_LOOSE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(
    r"^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|={3,}\s*$|-{3,}\s*$)"
)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_BLANK_LINE = re.compile(r"^[ \t]+$", re.MULTILINE)
_TRAILING_SPACES = re.compile(r"[ \t]+$", re.MULTILINE)
_LINE_WITH_CONTENT = re.compile(r"^(.*)", re.MULTILINE)


def _escape_block_start(match: re.Match[str]) -> str:
    lead, construct = match.group(1), match.group(2)
    if construct[0].isdigit():
        return f"{lead}{construct}\\"  # "2017." -> "2017\." : not a numbered item
    return f"{lead}\\{construct}"


def escape_markdown_text(text: str, *, at_block_start: bool = True) -> str:
    """Escape plain text so that Python-Markdown shows it literally."""
    text = _INLINE_SPECIALS.sub(lambda m: "\\" + m.group(0), text)
    text = _LOOSE_UNDERSCORE.sub(r"\\_", text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = _TAG_LIKE.sub("&lt;", text)
    if at_block_start:
        text = _BLOCK_START.sub(_escape_block_start, text, count=1)
    return text


class _FastParentTag(Tag):
    """A bs4 Tag whose ``find_parent("name")`` walks up instead of building a filter.

    markdownify asks every node whether it sits in a ``<pre>``; bs4's generic
    search made that a third of the time of a 10 MB paste.
    """

    def find_parent(self, name: Any = None, attrs: Any = None, **kwargs: Any) -> Any:
        if isinstance(name, str) and not attrs and not kwargs:
            parent = self.parent
            while parent is not None:
                if parent.name == name:
                    return parent
                parent = parent.parent
            return None
        return super().find_parent(name, attrs, **kwargs)


class FeuilletConverter(MarkdownConverter):
    """markdownify with Feuillet's house style."""

    class Options(MarkdownConverter.DefaultOptions):
        heading_style = ATX
        bullets = "-"
        strong_em_symbol = "*"
        table_infer_header = True
        wrap = True  # with no width: collapses source line breaks into spaces
        wrap_width = None
        bs4_options = "lxml"

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        self._indexes: dict[int, int] = {}

    def _item_index(self, item: Tag) -> int:
        # Counting previous siblings for every item is quadratic on long lists.
        if id(item) not in self._indexes:
            items = [
                child for child in item.parent.children if getattr(child, "name", None) == "li"
            ]
            self._indexes.update((id(child), index) for index, child in enumerate(items))
        return self._indexes[id(item)]

    def escape(self, text: str, parent_tags: set[str]) -> str:
        return escape_markdown_text(text)

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        src = el.attrs.get("src") or ""
        if not src.startswith("asset:"):
            return ""
        alt = escape_markdown_text(el.attrs.get("alt") or "", at_block_start=False)
        return f"![{alt}]({src})"

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # Python-Markdown nests list content by four spaces, not by the marker width.
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start = int(parent.get("start")) if str(parent.get("start", "")).isdigit() else 1
            bullet = f"{start + self._item_index(el)}."
        else:
            bullet = "-"
        indented = _LINE_WITH_CONTENT.sub(
            lambda m: ("    " + m.group(1)) if m.group(1) else "", text
        )
        return f"{bullet} {indented[4:]}\n"


def html_to_markdown(clean_html: str) -> str:
    """Markdown for an HTML fragment already passed through ``clean_html``."""
    if not clean_html.strip():
        return ""
    soup = BeautifulSoup(clean_html, "lxml", element_classes={Tag: _FastParentTag})
    try:
        markdown = FeuilletConverter().convert_soup(soup)
    except RecursionError:
        # markdownify recurses per element; absurdly nested input keeps its text only.
        paragraphs = (" ".join(text.split()) for text in soup.stripped_strings)
        markdown = "\n\n".join(escape_markdown_text(text) for text in paragraphs if text)
    markdown = _BLANK_LINE.sub("", markdown)
    markdown = _TRAILING_SPACES.sub(lambda m: "  " if len(m.group(0)) >= 2 else "", markdown)
    markdown = _MANY_BLANK_LINES.sub("\n\n", markdown).strip("\n")
    return markdown + "\n" if markdown else ""
