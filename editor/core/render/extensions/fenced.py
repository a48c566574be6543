"""Shared machinery of the ``::: name`` … ``:::`` custom blocks.

Not an extension itself: ``figure``, ``a_lire``, ``events`` and ``pull_quote``
each subclass :class:`FencedBlockProcessor` and register it from their own
extension. The rules they share, which the incremental splitter
(``incremental.py``) mirrors line for line:

- a fence line is ``:::`` alone, or ``::: name``, at the start of a line;
- a block opened by a known name ends at the next fence line if it is a bare
  ``:::``; when the next fence line opens another block, or there is none,
  the opener is not a block and stays visible as text (blocks do not nest);
- unknown names are never blocks: their lines stay visible as text.

Keeping "unclosed" and "unknown" as plain text means no words are ever lost,
and a search for the closing line never goes past the next fence, so a
document full of openers still renders in linear time.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable

from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor

FENCE_LINE_RE = re.compile(r"^:::(?:[ \t]*([^\W\d][\w\-]*))?[ \t]*$")
FIELD_RE = re.compile(r"^[ \t]{0,3}([^\W\d][\w\-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
SPACING_PREPROCESSOR = "feuillet_fence_spacing"
# After fenced_code (25) has stashed code blocks, so fences inside code are
# invisible; html_block (20) is removed by the raw HTML extension anyway.
SPACING_PRIORITY = 22
BLOCK_PRIORITY = 86


def fence_name(line: str) -> str | None:
    """``"name"`` for an opening fence line, ``""`` for ``:::``, None otherwise."""
    match = FENCE_LINE_RE.match(line)
    if match is None:
        return None
    return (match.group(1) or "").lower()


class FenceSpacingPreprocessor(Preprocessor):
    """Put every fence line in a block of its own.

    Python-Markdown splits the document on blank lines; isolating fence lines
    lets ``text\\n::: quote`` start a block without a blank line, and makes an
    unclosed opener a one-line paragraph instead of swallowing its neighbours.
    """

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        count = len(lines)
        for index, line in enumerate(lines):
            if fence_name(line) is None:
                out.append(line)
                continue
            # normalize_whitespace (30) already emptied blank lines, except
            # a whitespace-only first line: compare with "" exactly.
            if out and out[-1] != "":
                out.append("")
            out.append(line)
            if index + 1 < count and lines[index + 1] != "":
                out.append("")
        return out


def register_spacing(md: object) -> None:
    """Register the shared preprocessor (idempotent across our extensions)."""
    md.preprocessors.register(  # type: ignore[attr-defined]
        FenceSpacingPreprocessor(md), SPACING_PREPROCESSOR, SPACING_PRIORITY
    )


def parse_fields(lines: list[str], known: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Split ``key: value`` lines at the top of a block from the rest.

    ``known`` maps each accepted key (and its French alias) to a canonical
    name. Field parsing stops at the first line that is not a known,
    not-yet-seen key, so a misspelt key or a repeated one stays in the body
    as visible text rather than disappearing.
    """
    fields: dict[str, str] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        match = FIELD_RE.match(line)
        if match is None:
            break
        key = known.get(match.group(1).lower())
        if key is None or key in fields:
            break
        fields[key] = match.group(2)
        index += 1
    return fields, lines[index:]


class FencedBlockProcessor(BlockProcessor):
    """Base class of the ``::: name`` block processors."""

    names: frozenset[str] = frozenset()

    def test(self, parent: etree.Element, block: str) -> bool:
        return fence_name(block.split("\n", 1)[0]) in self.names

    def run(self, parent: etree.Element, blocks: list[str]) -> bool | None:
        first, _, rest = blocks[0].partition("\n")
        name = fence_name(first) or ""
        # Split blocks lazily: the search stops at the next fence line, which
        # keeps a document full of unclosed openers linear.
        block_lines: list[list[str]] = []
        closing: tuple[int, int] | None = None
        for b_index, block in enumerate(blocks):
            lines = (rest.split("\n") if rest else []) if b_index == 0 else block.split("\n")
            block_lines.append(lines)
            for l_index, line in enumerate(lines):
                found = fence_name(line)
                if found is None:
                    continue
                if found:
                    return False  # another opener first: this one is unclosed
                closing = (b_index, l_index)
                break
            if closing:
                break
        if closing is None:
            return False  # never closed: left to the paragraph processor
        b_index, l_index = closing
        content_blocks = block_lines[:b_index] + [block_lines[b_index][:l_index]]
        content = "\n\n".join("\n".join(lines) for lines in content_blocks)
        remainder = "\n".join(block_lines[b_index][l_index + 1 :])
        del blocks[: b_index + 1]
        if remainder.strip():
            blocks.insert(0, remainder)
        self.build(parent, name, content.strip("\n").split("\n"))
        return None

    def build(self, parent: etree.Element, name: str, lines: list[str]) -> None:
        """Append the block's elements to ``parent``."""
        raise NotImplementedError

    def parse_markdown(self, container: etree.Element, lines: Iterable[str]) -> None:
        """Parse the free Markdown part of a block into ``container``."""
        text = "\n".join(lines).strip("\n")
        if text.strip():
            self.parser.parseChunk(container, text)


def add_text_element(
    parent: etree.Element, tag: str, text: str, css_class: str | None = None
) -> etree.Element:
    """Append ``<tag class=…>text</tag>``; the text is inline-parsed later."""
    element = etree.SubElement(parent, tag)
    if css_class:
        element.set("class", css_class)
    element.text = text
    return element
