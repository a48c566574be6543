"""Find and replace over article texts: one field, one article, an issue or the library.

Pure functions over strings, so the editor, the "review matches" list and the
command line share one behaviour. Options: whole word, case sensitive, regular
expression, and accent-insensitive (``etat`` finds ``État``; typographic and
straight apostrophes match each other too), which French text needs.

Without "Match case" (and outside regular expressions) each match keeps its
case pattern, as in word processors: "agglomération" → "intercommunalité" gives
"Intercommunalité" at a sentence start and "INTERCOMMUNALITÉ" in a heading in
capitals (:func:`match_case`). A regular expression's template says exactly
what to write, groups included, so it is applied as typed.

A replacement over many documents is *planned* here and *applied* by the
storage layer in one transaction (one undo step in the window): each
:class:`FieldEdit` carries the text it was computed from, so the storage can
refuse the plan if a field changed meanwhile.

Python's ``re`` has no timeout, so patterns whose nested repetition can take
exponential time (``(a+)+``, ``(\\w*)*``) are refused before they run.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from editor.core.text_fold import Folded, fold  # noqa: F401 - fold is part of this API

CONTEXT_CHARS = 40
MAX_PATTERN_LENGTH = 2000
_TEMPLATE_ESCAPE = re.compile(r"\\(?:g<([^>]*)>|(\d{1,2})|(.))", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}


class FindError(ValueError):
    """A query that cannot run: bad regular expression, bad replacement, risky pattern."""


@dataclass(frozen=True)
class FindOptions:
    whole_word: bool = False
    case_sensitive: bool = False
    regex: bool = False
    accent_insensitive: bool = False


@dataclass(frozen=True)
class Match:
    """``text[start:end]``, on ``line`` (1-based), shown as ``context``.

    ``context[context_start:context_end]`` is the match inside the context line.
    """

    start: int
    end: int
    line: int
    context: str
    column: int = 1
    text: str = ""
    context_start: int = 0
    context_end: int = 0


@dataclass(frozen=True)
class DocumentMatch:
    doc_id: Hashable
    field: str
    match: Match


@dataclass(frozen=True)
class FieldEdit:
    """Set ``field`` of ``doc_id`` to ``new_text`` if it still equals ``old_text``."""

    doc_id: Hashable
    field: str
    old_text: str
    new_text: str
    count: int


@dataclass(frozen=True)
class ReplacementPlan:
    edits: tuple[FieldEdit, ...]

    @property
    def total(self) -> int:
        return sum(edit.count for edit in self.edits)


# -- compiling -------------------------------------------------------------------------------


def _check_pattern_risk(pattern: str) -> None:
    try:
        from re import _parser as sre_parse  # private, but the only parser of re's syntax
        from re._constants import MAX_REPEAT, MAXREPEAT, MIN_REPEAT, SUBPATTERN
    except ImportError:  # pragma: no cover - a future Python without it: run unguarded
        return
    repeats = {MAX_REPEAT, MIN_REPEAT}

    def walk(items: Any, inside_unbounded: bool) -> None:
        for op, arg in items:
            if op in repeats:
                low, high, body = arg
                unbounded = high == MAXREPEAT or high > 1000
                if unbounded and inside_unbounded:
                    raise FindError(
                        "this regular expression repeats a repetition ((a+)+, (\\w*)*…) and could "
                        "take hours on a long text: simplify it"
                    )
                walk(body, inside_unbounded or unbounded)
            elif op == SUBPATTERN:
                walk(arg[-1], inside_unbounded)
            elif isinstance(arg, tuple | list):
                for part in arg:
                    if isinstance(part, sre_parse.SubPattern):
                        walk(part, inside_unbounded)
                    elif isinstance(part, list):
                        for branch in part:
                            if isinstance(branch, sre_parse.SubPattern):
                                walk(branch, inside_unbounded)

    walk(sre_parse.parse(pattern), False)


def compile_query(query: str, options: FindOptions) -> re.Pattern[str]:
    """The compiled search; raises :class:`FindError` with a message for the user."""
    if not query:
        raise FindError("nothing to search for")
    if len(query) > MAX_PATTERN_LENGTH:
        raise FindError(f"the search is longer than {MAX_PATTERN_LENGTH} characters")
    source = fold(query) if options.accent_insensitive else query
    if not options.regex:
        source = re.escape(source)
        if options.whole_word:
            before = r"(?<!\w)" if re.match(r"\w", query) else ""
            after = r"(?!\w)" if re.search(r"\w$", query) else ""
            source = f"{before}{source}{after}"
    elif options.whole_word:
        source = rf"(?<!\w)(?:{source})(?!\w)"
    flags = re.MULTILINE | (0 if options.case_sensitive else re.IGNORECASE)
    try:
        compiled = re.compile(source, flags)
    except re.error as exc:
        where = f" at position {exc.pos + 1}" if exc.pos is not None and options.regex else ""
        raise FindError(f"invalid regular expression{where}: {exc.msg}") from None
    if options.regex:
        _check_pattern_risk(source)
    return compiled


# -- matching --------------------------------------------------------------------------------


def _iter_spans(
    text: str, pattern: re.Pattern[str], options: FindOptions
) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
    """(start, end, group spans) in ``text`` coordinates for every match."""
    if not options.accent_insensitive:
        for match in pattern.finditer(text):
            groups = [match.span(index) for index in range(pattern.groups + 1)]
            yield match.start(), match.end(), groups
        return
    folded = Folded(text)
    for match in pattern.finditer(folded.text):
        groups = []
        for index in range(pattern.groups + 1):
            start, end = match.span(index)
            groups.append((-1, -1) if start < 0 else folded.span(start, end))
        start, end = groups[0]
        yield start, end, groups


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in re.finditer("\n", text)]


def _make_match(text: str, start: int, end: int, line_starts: list[int]) -> Match:
    line_index = bisect.bisect_right(line_starts, start) - 1
    line_start = line_starts[line_index]
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end < 0 else line_end
    shown_start = max(line_start, start - CONTEXT_CHARS)
    shown_end = min(line_end, max(end, start) + CONTEXT_CHARS)
    prefix = "…" if shown_start > line_start else ""
    suffix = "…" if shown_end < line_end else ""
    context = prefix + text[shown_start:shown_end] + suffix
    in_context = len(prefix) + start - shown_start
    return Match(
        start=start,
        end=end,
        line=line_index + 1,
        context=context,
        column=start - line_start + 1,
        text=text[start:end],
        context_start=in_context,
        context_end=in_context + min(end, shown_end) - start,
    )


def find_all(
    text: str, query: str, options: FindOptions = FindOptions(), *, limit: int | None = None
) -> list[Match]:
    """Every match of ``query`` in ``text`` (at most ``limit``), in order."""
    pattern = compile_query(query, options)
    return _find_compiled(text, pattern, options, limit)


def _find_compiled(
    text: str, pattern: re.Pattern[str], options: FindOptions, limit: int | None
) -> list[Match]:
    line_starts = _line_starts(text)
    matches: list[Match] = []
    for start, end, _ in _iter_spans(text, pattern, options):
        matches.append(_make_match(text, start, end, line_starts))
        if limit is not None and len(matches) >= limit:
            break
    return matches


# -- replacing -------------------------------------------------------------------------------


def _parse_template(template: str, pattern: re.Pattern[str]) -> list[str | int]:
    """A regex replacement as literal strings and group numbers (``\\1``, ``\\g<name>``)."""
    parts: list[str | int] = []
    position = 0
    for escape in _TEMPLATE_ESCAPE.finditer(template):
        parts.append(template[position : escape.start()])
        position = escape.end()
        name, number, char = escape.groups()
        if name is not None or number is not None:
            reference = name if name is not None else number
            if reference.isdigit():
                group = int(reference)
            elif reference in pattern.groupindex:
                group = pattern.groupindex[reference]
            else:
                raise FindError(f"the replacement refers to an unknown group {reference!r}")
            if group > pattern.groups:
                raise FindError(
                    f"the replacement refers to group {group}, the search has {pattern.groups}"
                )
            parts.append(group)
        elif char in _SIMPLE_ESCAPES:
            parts.append(_SIMPLE_ESCAPES[char])
        elif char.isascii() and char.isalpha():
            raise FindError(f"bad escape \\{char} in the replacement")
        else:
            parts.append("\\" + char)
    parts.append(template[position:])
    return [part for part in parts if part != ""]


def match_case(found: str, replacement: str) -> str:
    """``replacement`` in the case pattern of ``found``: all capitals (two letters or
    more) → all capitals, a capital first letter → a capital first letter, else as typed."""
    letters = [c for c in found if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    first = next((i for i, c in enumerate(replacement) if c.isalpha()), None)
    if not letters[0].isupper() or first is None:
        return replacement
    return replacement[:first] + replacement[first].upper() + replacement[first + 1 :]


def _keeps_case(options: FindOptions) -> bool:
    return not options.case_sensitive and not options.regex


def _replace_spans(
    text: str,
    spans: Iterable[tuple[int, int, list[tuple[int, int]]]],
    template: list[str | int],
    keep_case: bool = False,
) -> tuple[str, int]:
    output: list[str] = []
    position = 0
    count = 0
    # keep_case only comes with a plain (non-regex) template: one literal string.
    literal = "".join(part for part in template if isinstance(part, str))
    for start, end, groups in spans:
        output.append(text[position:start])
        if keep_case:
            output.append(match_case(text[start:end], literal))
            position, count = end, count + 1
            continue
        for part in template:
            if isinstance(part, int):
                group_start, group_end = groups[part]
                output.append(text[group_start:group_end] if group_start >= 0 else "")
            else:
                output.append(part)
        position = end
        count += 1
    output.append(text[position:])
    return "".join(output), count


def _template_for(
    replacement: str, pattern: re.Pattern[str], options: FindOptions
) -> list[str | int]:
    return _parse_template(replacement, pattern) if options.regex else [replacement]


def replace_all(
    text: str, query: str, replacement: str, options: FindOptions = FindOptions()
) -> tuple[str, int]:
    """``text`` with every match replaced (in its case, see the module doc), and the count."""
    pattern = compile_query(query, options)
    template = _template_for(replacement, pattern, options)
    spans = _iter_spans(text, pattern, options)
    return _replace_spans(text, spans, template, _keeps_case(options))


# -- many documents --------------------------------------------------------------------------

FieldItem = tuple[Hashable, str, str]  # (doc_id, field, text)


def search_documents(
    items: Iterable[FieldItem],
    query: str,
    options: FindOptions = FindOptions(),
    *,
    limit: int = 10_000,
) -> list[DocumentMatch]:
    """Matches in many (doc_id, field, text) items, for the "review matches" list."""
    pattern = compile_query(query, options)
    found: list[DocumentMatch] = []
    for doc_id, field, text in items:
        for match in _find_compiled(text, pattern, options, limit - len(found)):
            found.append(DocumentMatch(doc_id, field, match))
        if len(found) >= limit:
            break
    return found


def plan_replacements(
    items: Iterable[FieldItem],
    query: str,
    replacement: str,
    options: FindOptions = FindOptions(),
    *,
    accept: Callable[[DocumentMatch], bool] | None = None,
) -> ReplacementPlan:
    """The edits that replace the matches ``accept`` keeps (all by default), per field.

    Nothing is written: the storage layer applies the plan in one transaction.
    """
    pattern = compile_query(query, options)
    template = _template_for(replacement, pattern, options)
    edits: list[FieldEdit] = []
    for doc_id, field, text in items:
        spans = list(_iter_spans(text, pattern, options))
        if accept is not None and spans:
            line_starts = _line_starts(text)
            spans = [
                span
                for span in spans
                if accept(
                    DocumentMatch(doc_id, field, _make_match(text, span[0], span[1], line_starts))
                )
            ]
        if not spans:
            continue
        new_text, count = _replace_spans(text, spans, template, _keeps_case(options))
        if new_text != text:
            edits.append(FieldEdit(doc_id, field, text, new_text, count))
    return ReplacementPlan(tuple(edits))
