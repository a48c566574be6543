"""Apply ``typography.py`` to every text node of the tree, outside code.

Working on the element tree (rather than with regexes over HTML) is what keeps
attributes, link targets and code untouched. Runs after attr_list (8) so
``{: #id }`` is gone before the colon rules see it, and before toc (5) so
headings ids and the table of contents use the final text.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..typography import TextState, apply_typography

PRIORITY = 6
SKIPPED_TAGS = frozenset({"code", "pre", "kbd", "samp", "var", "script", "style"})
# The typographic state (open quotes, previous character) does not cross these.
BLOCK_TAGS = frozenset(
    {
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd",
        "blockquote", "figcaption", "figure", "div", "aside", "ul", "ol", "dl",
        "table", "thead", "tbody", "tr", "caption", "section", "hr", "br",
    }
)  # fmt: skip


class TypographyTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, language: str) -> None:
        super().__init__(md)
        self.language = language

    def run(self, root: etree.Element) -> None:
        state = TextState()
        # An explicit stack instead of recursion: deep trees must not be
        # limited by Python's recursion limit here.
        stack: list[tuple[etree.Element, bool]] = [(child, False) for child in reversed(root)]
        while stack:
            element, closing = stack.pop()
            is_block = element.tag in BLOCK_TAGS
            if closing:
                if is_block:
                    state.reset()
                if element.tail:
                    element.tail = apply_typography(element.tail, self.language, state)
                continue
            if is_block:
                state.reset()
            if element.tag in SKIPPED_TAGS:
                # Code reads as a word to the rules around it ("`x` :").
                state.prev = "x" if (element.text or len(element)) else state.prev
                stack.append((element, True))
                continue
            if element.text:
                element.text = apply_typography(element.text, self.language, state)
            stack.append((element, True))
            stack.extend((child, False) for child in reversed(element))


class TypographyExtension(Extension):
    """French (or English) typography on text nodes."""

    def __init__(self, **kwargs: object) -> None:
        self.config = {"language": ["fr", "Publication language"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        md.treeprocessors.register(
            TypographyTreeprocessor(md, str(self.getConfig("language"))),
            "feuillet_typography",
            PRIORITY,
        )
