"""Cut a Markdown document into top-level blocks that render independently.

The incremental renderer (``incremental.py``) renders and caches each block
on its own, so the cut must follow Python-Markdown exactly where a block's
output depends on its neighbour: adjacent blockquotes and lists, indented
continuations, definition lists, fenced code with blank lines, tables and the
``::: …`` blocks (whose pairing rules are those of ``extensions/fenced.py``).
It errs on the side of keeping things together.

:class:`IncrementalSplitter` gives the same blocks as :func:`split_blocks`
after an edit without redoing the whole document: per-line facts are kept
for unchanged lines, only the few groups around the edited lines are cut
again, and the blocks before and after are reused (shifted, never re-hashed).
Edits that add or remove a fence line (```` ``` ```` or ``:::``) change
pairings far away, so they take the full pass.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import NamedTuple

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


class _Facts(NamedTuple):
    """What the cut needs to know about one line, computed once per distinct line."""

    visible: bool
    list: bool
    quote: bool
    definition: bool
    indented: bool
    spaces_only: bool  # blank for Python-Markdown (spaces and tabs only)
    empty: bool
    fence: str | None  # fence_name(): "name" for "::: name", "" for ":::"
    code: str | None  # the fence characters of a code fence line (``` or ~~~)
    code_close: str | None  # the line without trailing spaces, for closing fences
    whole: bool  # uses a whole-document feature


_FACTS_CACHE_LIMIT = 50_000


def _line_facts(line: str, cache: dict[str, _Facts]) -> _Facts:
    facts = cache.get(line)
    if facts is None:
        code = _CODE_FENCE_RE.match(line)
        facts = _Facts(
            visible=bool(line.strip()),
            list=bool(_LIST_RE.match(line)),
            quote=bool(_QUOTE_RE.match(line)),
            definition=bool(_DEFINITION_RE.match(line)),
            indented=bool(_INDENTED_RE.match(line)),
            spaces_only=not line.strip(_BLANK),
            empty=not line,
            fence=fence_name(line),
            code=code.group(1) if code else None,
            code_close=line.rstrip(" ") if code else None,
            whole=_WHOLE_DOCUMENT_RE.search(line) is not None,
        )
        if len(cache) >= _FACTS_CACHE_LIMIT:
            cache.clear()
        cache[line] = facts
    return facts


def _code_fence_ranges(facts: list[_Facts]) -> list[tuple[int, int]]:
    """Line ranges (inclusive) of closed fenced code blocks, as fenced_code sees them."""
    candidates = [i for i, f in enumerate(facts) if f.code is not None]
    ranges: list[tuple[int, int]] = []
    k = 0
    while k < len(candidates):
        opener = facts[candidates[k]].code
        closer = next(
            (m for m in range(k + 1, len(candidates)) if facts[candidates[m]].code_close == opener),
            None,
        )
        if closer is None:
            k += 1
        else:
            ranges.append((candidates[k], candidates[closer]))
            k = closer + 1
    return ranges


class _Structure:
    """Document-wide pairings: which lines are fenced code, which ``:::`` pair up."""

    def __init__(self, facts: list[_Facts]) -> None:
        self.in_code = bytearray(len(facts))
        for start, end in _code_fence_ranges(facts):
            self.in_code[start : end + 1] = b"\x01" * (end + 1 - start)
        in_code = self.in_code
        fences = [i for i, f in enumerate(facts) if f.fence is not None and not in_code[i]]
        known = _known_block_names()
        self.paired: dict[int, int] = {}
        for position, line_no in enumerate(fences):
            name = facts[line_no].fence
            if name and name in known and position + 1 < len(fences):
                following = fences[position + 1]
                if facts[following].fence == "":
                    self.paired[line_no] = following


def _iter_chunks(facts: list[_Facts], structure: _Structure, index: int = 0):  # type: ignore[no-untyped-def]
    """(start, end, is_custom_block) ranges separated by blank or fence lines, from ``index``
    (which must be where a chunk may start)."""
    in_code, paired = structure.in_code, structure.paired
    start: int | None = None
    count = len(facts)
    while index < count:
        if index in paired:
            if start is not None:
                yield (start, index, False)
                start = None
            yield (index, paired[index] + 1, True)
            index = paired[index] + 1
            continue
        f = facts[index]
        is_fence = not in_code[index] and f.fence is not None
        # Python-Markdown blanks whitespace-only lines, except a first line.
        blank = f.spaces_only and (index > 0 or f.empty)
        if is_fence or (blank and not in_code[index]):
            if start is not None:
                yield (start, index, False)
                start = None
            if is_fence:
                yield (index, index + 1, False)
        elif start is None:
            start = index
        index += 1
    if start is not None:
        yield (start, count, False)


def _known_block_names() -> frozenset[str]:
    return (
        FigureProcessor.names
        | ALireProcessor.names
        | EventsProcessor.names
        | PullQuoteProcessor.names
    )


class _Group:
    """Consecutive chunks rendered together, with what the join rules ask about."""

    __slots__ = ("start", "end", "last_custom", "has_list", "has_quote", "has_definition")

    def __init__(self, chunk: tuple[int, int, bool], facts: list[_Facts]) -> None:
        self.start = chunk[0]
        self.end = chunk[1]
        self.last_custom = chunk[2]
        self.has_list = self.has_quote = self.has_definition = False
        self.add(chunk, facts)

    def add(self, chunk: tuple[int, int, bool], facts: list[_Facts]) -> None:
        start, end, custom = chunk
        self.end = end
        self.last_custom = custom
        for f in facts[start:end]:
            self.has_list = self.has_list or f.list
            self.has_quote = self.has_quote or f.quote
            self.has_definition = self.has_definition or f.definition

    def absorb(self, other: _Group) -> None:
        self.end = other.end
        self.last_custom = other.last_custom
        self.has_list = self.has_list or other.has_list
        self.has_quote = self.has_quote or other.has_quote
        self.has_definition = self.has_definition or other.has_definition


def _first_visible(facts: list[_Facts], start: int, end: int) -> int | None:
    return next((i for i in range(start, end) if facts[i].visible), None)


def _joins_previous(facts: list[_Facts], group: _Group, chunk: tuple[int, int, bool]) -> bool:
    """Whether Python-Markdown would attach this chunk to the previous group.

    Errs on the side of joining: a block too large only costs time, a block
    cut in the wrong place renders differently from the full document.
    """
    start, end, custom = chunk
    if custom:
        return False
    visible = _first_visible(facts, start, end)
    if visible is None:
        # Only U+00A0 and the like: renders nothing, so it must not separate
        # a list from its indented continuation.
        return True
    definition = next((i for i in range(start, end) if facts[i].definition), None)
    if definition is not None:
        if visible == definition:
            return True  # no term of its own: it takes the previous paragraph's
        if group.has_definition:
            return True  # and a definition list continues the one before it
    if group.last_custom:
        return False
    if facts[start].indented:
        return True
    if facts[start].list:
        return group.has_list
    if facts[visible].quote:
        # Blockquotes merge with a blockquote just before them.
        return group.has_quote
    return False


def _group(facts: list[_Facts], groups: list[_Group], chunk: tuple[int, int, bool]) -> bool:
    """Add ``chunk`` to ``groups``; True when it started a new group."""
    if groups and _joins_previous(facts, groups[-1], chunk):
        groups[-1].add(chunk, facts)
        visible = _first_visible(facts, chunk[0], chunk[1])
        # "Term\n\n: definition": the term paragraph and its definition
        # join a definition list that ends just before the term.
        if (
            visible is not None
            and facts[visible].definition
            and len(groups) > 1
            and groups[-2].has_definition
        ):
            groups[-2].absorb(groups.pop())
        return False
    groups.append(_Group(chunk, facts))
    return True


def _make_block(lines: list[str], start: int, end: int, seen: dict[str, int]) -> Block:
    block_text = "\n".join(lines[start:end])
    digest = hashlib.blake2b(
        block_text.encode("utf-8", "surrogatepass"), digest_size=16
    ).hexdigest()
    return _with_id(Block("", start, end, block_text, digest), seen)


def _with_id(block: Block, seen: dict[str, int]) -> Block:
    """``block`` with the id its position among identical blocks gives it."""
    count = seen.get(block.digest, 0)
    seen[block.digest] = count + 1
    block_id = f"b{block.digest[:16]}" + (f"-{count}" if count else "")
    if block_id == block.id:
        return block
    return Block(block_id, block.start_line, block.end_line, block.text, block.digest)


def split_blocks(text: str) -> list[Block]:
    """Cut ``text`` into top-level blocks with stable ids and line ranges.

    A block's id depends only on its text (and on how many identical blocks
    precede it), so editing one block leaves the ids of all others unchanged.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cache: dict[str, _Facts] = {}
    facts = [_line_facts(line, cache) for line in lines]
    return _split(lines, facts)[0]


def _split(lines: list[str], facts: list[_Facts]) -> tuple[list[Block], list[bool]]:
    """Blocks of the whole document, with whether each may absorb what follows."""
    structure = _Structure(facts)
    groups: list[_Group] = []
    for chunk in _iter_chunks(facts, structure):
        _group(facts, groups, chunk)
    seen: dict[str, int] = {}
    blocks = [_make_block(lines, g.start, g.end, seen) for g in groups]
    return blocks, [g.has_definition for g in groups]


class IncrementalSplitter:
    """:func:`split_blocks` for successive versions of one document, re-cutting
    only around the edited lines. ``split(lines)`` equals ``split_blocks("\\n".join(lines))``
    for lines without ``\\r``."""

    def __init__(self) -> None:
        self._cache: dict[str, _Facts] = {}
        self.lines: list[str] = []
        self._facts: list[_Facts] = []
        self.blocks: list[Block] = []
        self._definition: list[bool] = []  # per block: its group had a definition list
        self._whole = 0  # lines using a whole-document feature
        self._valid = False
        self.last_resplit = (0, 0)  # (first block re-cut, number re-cut): tests, benchmarks

    @property
    def needs_whole_document(self) -> bool:
        return self._whole > 0

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]

    def split(self, lines: list[str]) -> list[Block]:
        """Blocks of ``lines``, found by comparing them with the previous version."""
        old = self.lines
        if not self._valid:
            return self._full(lines)
        limit = min(len(old), len(lines))
        head = 0
        while head < limit and old[head] == lines[head]:
            head += 1
        tail = 0
        while tail < limit - head and old[-1 - tail] == lines[-1 - tail]:
            tail += 1
        return self.edit(head, len(old) - tail, lines[head : len(lines) - tail])

    def edit(self, start: int, end: int, new_lines: list[str]) -> list[Block]:
        """Replace ``lines[start:end]`` with ``new_lines`` and return the new blocks."""
        lines = self.lines[:start] + new_lines + self.lines[end:]
        if not self._valid or not 0 <= start <= end <= len(self.lines):
            return self._full(lines)
        new_facts = [_line_facts(line, self._cache) for line in new_lines]
        old_facts = self._facts[start:end]
        if any(f.code is not None or f.fence is not None for f in (*old_facts, *new_facts)):
            return self._full(lines)  # pairings may change anywhere
        facts = self._facts[:start] + new_facts + self._facts[end:]
        self._whole += sum(f.whole for f in new_facts) - sum(f.whole for f in old_facts)
        self._resplit(lines, facts, start, end, start + len(new_lines))
        return self.blocks

    def _full(self, lines: list[str]) -> list[Block]:
        facts = [_line_facts(line, self._cache) for line in lines]
        self.blocks, self._definition = _split(lines, facts)
        self.lines, self._facts, self._valid = lines, facts, True
        self._whole = sum(f.whole for f in facts)
        self.last_resplit = (0, len(self.blocks))
        return self.blocks

    def _resplit(
        self, lines: list[str], facts: list[_Facts], start: int, old_end: int, new_end: int
    ) -> None:
        old_blocks, shift = self.blocks, new_end - old_end
        starts = [b.start_line for b in old_blocks]
        # Two groups back from the edit: a chunk can join the group before it and
        # a definition can pull that one into the group before it again.
        first = max(0, bisect_right(starts, start) - 1 - 2)
        window_start = old_blocks[first].start_line if first else 0
        structure = _Structure(facts)
        groups: list[_Group] = []
        resume = len(old_blocks)
        for chunk in _iter_chunks(facts, structure, window_start):
            if chunk[0] >= new_end and groups and not groups[-1].has_definition:
                old_index = bisect_left(starts, chunk[0] - shift)
                if (
                    old_index < len(old_blocks)
                    and starts[old_index] == chunk[0] - shift
                    and (old_index == 0 or not self._definition[old_index - 1])
                    and not (groups and _joins_previous(facts, groups[-1], chunk))
                ):
                    resume = old_index  # same cut from here on: reuse the old blocks
                    break
            _group(facts, groups, chunk)
        seen: dict[str, int] = {}
        blocks = [_with_id(b, seen) for b in old_blocks[:first]]
        blocks += [_make_block(lines, g.start, g.end, seen) for g in groups]
        for block in old_blocks[resume:]:
            if shift:
                block = Block(
                    block.id, block.start_line + shift, block.end_line + shift,
                    block.text, block.digest,
                )  # fmt: skip
            blocks.append(_with_id(block, seen))
        self.blocks = blocks
        self._definition = (
            self._definition[:first]
            + [g.has_definition for g in groups]
            + self._definition[resume:]
        )
        self.lines, self._facts = lines, facts
        self.last_resplit = (first, len(groups))
