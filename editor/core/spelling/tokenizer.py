"""Finding the words to spell-check in Feuillet Markdown, French-aware.

The tokenizer yields *chunks*: runs of letters joined by apostrophes or hyphens
(``l'école``, ``c'est-à-dire``, ``Jean-Charles``), with their offsets. What a
chunk means (elision, compound, acronym) is decided by the checker; here we
only decide what is text at all. Skipped: fenced code, code spans, link
targets, URLs, e-mail addresses, ``asset:`` references, HTML tags and
entities, the ``::: block`` opener line and the ``key:`` of block fields,
footnote references, attribute lists, file and domain names, and any chunk
that contains a digit (``2014-2020``, ``15h30``, ``1er``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Letters and digits joined by single apostrophes or hyphens (ASCII and typographic).
APOSTROPHES = "'’ʼ"
HYPHENS = "-‐‑"
_CHUNK = re.compile(rf"[^\W_]+(?:[{re.escape(APOSTROPHES + HYPHENS)}][^\W_]+)*")
_SKIPPED = re.compile(
    r"""
      (?P<code>(?P<ticks>`+)[^`\n]*?(?P=ticks))            # code span
    | \]\([^)\s]*(?:\s+"[^"\n]*")?\)                        # link or image target
    | ^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$                      # reference definition
    | <!--.*?-->                                            # HTML comment
    | </?[A-Za-z][^>\n]*>                                   # HTML tag or autolink
    | \b(?:https?|ftp)://[^\s<>()\[\]]+                     # URL
    | \bwww\.[^\s<>()\[\]]+
    | \bmailto:[^\s<>()]+
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                          # e-mail address
    | \basset:\S+                                           # library image reference
    | &\#?\w+;                                              # HTML entity
    | ^[ \t]*:::.*$                                         # custom block opener/closer
    | ^[ \t]*(?:image|alt|caption|credit|title|source|url)[ \t]*:(?=\s|$)  # block field key
    | \[\^[^\]\n]+\]                                        # footnote reference
    | \{:?[ \t]*[.\#][^}\n]*\}                              # attribute list
    | \b[^\W_]+(?:\.[^\W_]+)+\b                             # file and domain names
    | \b\w*_\w*\b                                           # identifiers
    """,
    re.VERBOSE | re.MULTILINE,
)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_HAS_DIGIT = re.compile(r"\d")

# Highlighter block states (QSyntaxHighlighter keeps one int per block).
STATE_TEXT = 0
STATE_FENCE_BACKTICKS = 1
STATE_FENCE_TILDES = 2


@dataclass(frozen=True)
class Chunk:
    """A candidate word: ``text[start:end]``."""

    start: int
    end: int
    text: str


def fence_state_after(line: str, state: int) -> int:
    """The state after ``line``: opening and closing ``` or ~~~ fences toggle code."""
    match = _FENCE.match(line)
    if match is None:
        return state
    kind = STATE_FENCE_BACKTICKS if match.group(1)[0] == "`" else STATE_FENCE_TILDES
    if state == STATE_TEXT:
        return kind
    return STATE_TEXT if state == kind else state


def chunks_in_line(line: str, offset: int = 0) -> Iterator[Chunk]:
    """The chunks of one line of prose (not inside a code fence), offsets shifted by ``offset``."""
    position = 0
    for skipped in _SKIPPED.finditer(line):
        yield from _chunks_between(line, position, skipped.start(), offset)
        position = max(position, skipped.end())
    yield from _chunks_between(line, position, len(line), offset)


def _chunks_between(line: str, start: int, end: int, offset: int) -> Iterator[Chunk]:
    for match in _CHUNK.finditer(line, start, end):
        text = match.group(0)
        if _HAS_DIGIT.search(text):
            continue
        yield Chunk(match.start() + offset, match.end() + offset, text)


def chunks_in_lines(
    text: str, start: int = 0, end: int | None = None, state: int = STATE_TEXT
) -> Iterator[Chunk]:
    """Chunks of the whole lines of ``text`` between ``start`` and ``end``, fences honoured."""
    end = len(text) if end is None else end
    position = start
    while position < end or (position == end == start):
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        line = text[position:line_end]
        new_state = fence_state_after(line, state)
        if state == STATE_TEXT and new_state == STATE_TEXT:
            yield from chunks_in_line(line, position)
        state = new_state
        if line_end >= len(text):
            return
        position = line_end + 1


def fence_state_at(text: str, position: int) -> int:
    """The fence state at the start of the line containing ``position``."""
    state = STATE_TEXT
    line_start = text.rfind("\n", 0, position) + 1
    for line in text[:line_start].split("\n")[:-1] if line_start else []:
        state = fence_state_after(line, state)
    return state
