"""Cut a Markdown document into top-level blocks that render independently.

The incremental renderer (``incremental.py``) renders and caches each block
on its own, so the cut must follow Python-Markdown exactly where a block's
output depends on its neighbour: adjacent blockquotes and lists, indented
continuations, definition lists, fenced code with blank lines, tables and the
``::: …`` blocks (whose pairing rules are those of ``extensions/fenced.py``).
It errs on the side of keeping things together.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .extensions.a_lire import ALireProcessor
from .extensions.events import EventsProcessor
from .extensions.fenced import fence_name
from .extensions.figure import FigureProcessor
from .extensions.pull_quote import PullQuoteProcessor

_CODE_FENCE_RE = re.compile(r"^(~{3,}|`{3,})[ ]*(\{[^\n]*\}|\.?[\w#.+\-]*)?[ ]*(hl_lines=.*)?$")
_LIST_RE = re.compile(r"^ {0,3}(?:[*+\-]|\d+[.)])[ \t]+")
_QUOTE_RE = re.compile(r"^ {0,3}>")
_DEFINITION_RE = re.compile(r"^ {0,3}:[ ]{1,3}")
_BLANK = " \t"  # Python-Markdown's idea of a blank line: spaces only (not U+00A0)
_INDENTED_RE = re.compile(r"^(?: {4}|\t)")
# Whole-document features (see the module docstring).
_WHOLE_DOCUMENT_RE = re.compile(
    r"\[\^[^\]\n]*\]"  # footnotes
    r"|^ {0,3}\[[^\]\n]+\]:"  # reference definitions
    r"|^ {0,3}\*\[[^\]\n]*\]:"  # abbreviations
    r"|\[TOC\]",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Block:
    """One top-level block: ``lines[start_line:end_line]`` of the document."""

    id: str
    start_line: int
    end_line: int
    text: str
    digest: str


def needs_whole_document(text: str) -> bool:
    """Whether ``text`` uses Markdown that only a full render gets right."""
    return _WHOLE_DOCUMENT_RE.search(text) is not None


def _code_fence_ranges(lines: list[str]) -> list[tuple[int, int]]:
    """Line ranges (inclusive) of closed fenced code blocks, as fenced_code sees them."""
    ranges: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        match = _CODE_FENCE_RE.match(lines[index])
        if match:
            closing = re.compile("^" + re.escape(match.group(1)) + "[ ]*$")
            for end in range(index + 1, len(lines)):
                if closing.match(lines[end]):
                    ranges.append((index, end))
                    index = end
                    break
        index += 1
    return ranges


def _chunks(lines: list[str]) -> list[tuple[int, int, bool]]:
    """(start, end, is_custom_block) ranges separated by blank or fence lines."""
    in_code = [False] * len(lines)
    for start, end in _code_fence_ranges(lines):
        for i in range(start, end + 1):
            in_code[i] = True
    fences = [i for i, line in enumerate(lines) if not in_code[i] and fence_name(line) is not None]
    # Pair each known opener with the next fence line when that is a closer.
    known = _known_block_names()
    paired: dict[int, int] = {}
    for position, line_no in enumerate(fences):
        name = fence_name(lines[line_no])
        if name and name in known and position + 1 < len(fences):
            following = fences[position + 1]
            if fence_name(lines[following]) == "":
                paired[line_no] = following
    chunks: list[tuple[int, int, bool]] = []
    start: int | None = None
    index = 0
    while index < len(lines):
        if index in paired:
            if start is not None:
                chunks.append((start, index, False))
                start = None
            chunks.append((index, paired[index] + 1, True))
            index = paired[index] + 1
            continue
        line = lines[index]
        is_fence = not in_code[index] and fence_name(line) is not None
        # Python-Markdown blanks whitespace-only lines, except a first line.
        blank = not line.strip(_BLANK) and (index > 0 or not line)
        if is_fence or (blank and not in_code[index]):
            if start is not None:
                chunks.append((start, index, False))
                start = None
            if is_fence:
                chunks.append((index, index + 1, False))
        elif start is None:
            start = index
        index += 1
    if start is not None:
        chunks.append((start, len(lines), False))
    return chunks


def _known_block_names() -> frozenset[str]:
    return (
        FigureProcessor.names
        | ALireProcessor.names
        | EventsProcessor.names
        | PullQuoteProcessor.names
    )


class _Group:
    """Consecutive chunks rendered together, with what the join rules ask about."""

    def __init__(self, chunk: tuple[int, int, bool], flags: _LineFlags) -> None:
        self.start = chunk[0]
        self.end = chunk[1]
        self.last_custom = chunk[2]
        self.has_list = self.has_quote = self.has_definition = False
        self.add(chunk, flags)

    def add(self, chunk: tuple[int, int, bool], flags: _LineFlags) -> None:
        start, end, custom = chunk
        self.end = end
        self.last_custom = custom
        self.has_list = self.has_list or any(flags.list[start:end])
        self.has_quote = self.has_quote or any(flags.quote[start:end])
        self.has_definition = self.has_definition or any(flags.definition[start:end])

    def absorb(self, other: _Group) -> None:
        self.end = other.end
        self.last_custom = other.last_custom
        self.has_list = self.has_list or other.has_list
        self.has_quote = self.has_quote or other.has_quote
        self.has_definition = self.has_definition or other.has_definition


class _LineFlags:
    """Per-line facts, computed once per document."""

    def __init__(self, lines: list[str]) -> None:
        self.visible = [bool(line.strip()) for line in lines]
        self.list = [bool(_LIST_RE.match(line)) for line in lines]
        self.quote = [bool(_QUOTE_RE.match(line)) for line in lines]
        self.definition = [bool(_DEFINITION_RE.match(line)) for line in lines]
        self.indented = [bool(_INDENTED_RE.match(line)) for line in lines]

    def first_visible(self, start: int, end: int) -> int | None:
        return next((i for i in range(start, end) if self.visible[i]), None)


def _joins_previous(flags: _LineFlags, group: _Group, chunk: tuple[int, int, bool]) -> bool:
    """Whether Python-Markdown would attach this chunk to the previous group.

    Errs on the side of joining: a block too large only costs time, a block
    cut in the wrong place renders differently from the full document.
    """
    start, end, custom = chunk
    if custom:
        return False
    visible = flags.first_visible(start, end)
    if visible is None:
        # Only U+00A0 and the like: renders nothing, so it must not separate
        # a list from its indented continuation.
        return True
    definition = next((i for i in range(start, end) if flags.definition[i]), None)
    if definition is not None:
        if visible == definition:
            return True  # no term of its own: it takes the previous paragraph's
        if group.has_definition:
            return True  # and a definition list continues the one before it
    if group.last_custom:
        return False
    if flags.indented[start]:
        return True
    if flags.list[start]:
        return group.has_list
    if flags.quote[visible]:
        # Blockquotes merge with a blockquote just before them.
        return group.has_quote
    return False


def split_blocks(text: str) -> list[Block]:
    """Cut ``text`` into top-level blocks with stable ids and line ranges.

    A block's id depends only on its text (and on how many identical blocks
    precede it), so editing one block leaves the ids of all others unchanged.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    flags = _LineFlags(lines)
    groups: list[_Group] = []
    for chunk in _chunks(lines):
        if groups and _joins_previous(flags, groups[-1], chunk):
            groups[-1].add(chunk, flags)
            visible = flags.first_visible(chunk[0], chunk[1])
            # "Term\n\n: definition": the term paragraph and its definition
            # join a definition list that ends just before the term.
            if (
                visible is not None
                and flags.definition[visible]
                and len(groups) > 1
                and groups[-2].has_definition
            ):
                groups[-2].absorb(groups.pop())
        else:
            groups.append(_Group(chunk, flags))
    blocks: list[Block] = []
    seen: dict[str, int] = {}
    for group in groups:
        start, end = group.start, group.end
        block_text = "\n".join(lines[start:end])
        data = block_text.encode("utf-8", "surrogatepass")
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        count = seen.get(digest, 0)
        seen[digest] = count + 1
        block_id = f"b{digest[:16]}" + (f"-{count}" if count else "")
        blocks.append(Block(block_id, start, end, block_text, digest))
    return blocks
