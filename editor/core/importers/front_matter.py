"""Feuillet's front matter: the article fields written above a Markdown body.

A deliberately small dialect instead of YAML (no PyYAML dependency, no
surprises such as ``non`` turning into ``False``)::

    ---
    title: Projet d'administration mutualisé pour 2014-2020
    tags: [Mutualisation, Blois]
    date: 2017-08-07
    ---

One ``key: value`` per line. A value is taken as written (spaces around it
trimmed) unless it starts with a double quote: then it is a JSON string, which
is how the writer keeps leading spaces, newlines and quotes intact. ``tags``
takes a comma list, bare or between brackets, whose items may also be JSON
strings. Blank lines and lines starting with ``#`` are ignored. Every mistake
is an :class:`ImportFailure` that names the file and the line.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from editor.core.importers.model import ImportedArticle, ImportFailure

FENCE = "---"
# Order in which the writer emits the fields; also the set of accepted keys.
FIELD_ORDER = (
    "title",
    "kicker",
    "standfirst",
    "byline",
    "role",
    "source",
    "credit",
    "tags",
    "date",
)
TEXT_FIELDS = frozenset(FIELD_ORDER) - {"tags", "date"}

_KEY_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(.*)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Characters that would be lost or misread in a bare value.
_NEEDS_QUOTES_START = ('"', "[")
_TAG_SPECIALS = frozenset(',[]"')


def _is_unsafe_char(char: str) -> bool:
    # Control characters (newlines included) and line/paragraph separators
    # would split or hide the line: such values are written as JSON strings.
    return unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp", "Cs"}


def _needs_quotes(value: str, *, in_list: bool = False) -> bool:
    # Python's strip() also removes no-break spaces, which the parser keeps:
    # quoting them is what makes them survive.
    if value == "" or value != value.strip() or value.startswith(_NEEDS_QUOTES_START):
        return True
    if in_list and any(char in _TAG_SPECIALS for char in value):
        return True
    return any(_is_unsafe_char(char) for char in value)


def quote_value(value: str, *, in_list: bool = False) -> str:
    """The value as written after ``key: ``: bare when safe, else a JSON string."""
    if _needs_quotes(value, in_list=in_list):
        return json.dumps(value, ensure_ascii=False)
    return value


def format_front_matter(fields: Mapping[str, Any]) -> str:
    """The ``---`` block for ``fields``; empty values are left out.

    Keys are written in :data:`FIELD_ORDER`, so the output of a parse followed
    by a format is stable (``feuillet show --markdown`` relies on it).
    """
    unknown = set(fields) - set(FIELD_ORDER)
    if unknown:
        raise ValueError(f"unknown front matter keys: {', '.join(sorted(unknown))}")
    lines = [FENCE]
    for key in FIELD_ORDER:
        value = fields.get(key)
        if value is None or value == "" or value == ():
            continue
        if key == "tags":
            items = ", ".join(quote_value(tag, in_list=True) for tag in value)
            lines.append(f"tags: [{items}]")
        elif key == "date":
            lines.append(f"date: {value.isoformat()}")
        else:
            lines.append(f"{key}: {quote_value(str(value))}")
    lines.append(FENCE)
    return "\n".join(lines) + "\n"


def article_fields(article: ImportedArticle) -> dict[str, Any]:
    """The front matter fields of an article, in writer order."""
    return {key: getattr(article, key) for key in FIELD_ORDER}


def format_article_markdown(article: ImportedArticle) -> str:
    """Front matter, one blank line, then the body: what ``show --markdown`` prints.

    :func:`parse_article_markdown` drops exactly that one blank line again, so
    the round trip is exact whatever the body starts with.
    """
    return format_front_matter(article_fields(article)) + "\n" + article.body_markdown


def _parse_json_string(raw: str, path: Path | str, line: int) -> tuple[str, str]:
    """Decode a JSON string at the start of ``raw``; returns it and the rest."""
    try:
        value, end = json.JSONDecoder().raw_decode(raw)
    except json.JSONDecodeError as exc:
        raise ImportFailure(path, line, f"badly quoted value ({exc.msg})") from None
    if not isinstance(value, str):
        raise ImportFailure(path, line, "a quoted value must be a string")
    return value, raw[end:]


def parse_value(raw: str, path: Path | str, line: int) -> str:
    """A scalar value: bare text trimmed, or one JSON string and nothing after it."""
    raw = raw.strip(" \t")
    if not raw.startswith('"'):
        return raw
    value, rest = _parse_json_string(raw, path, line)
    if rest.strip(" \t"):
        raise ImportFailure(path, line, f"unexpected text after the quoted value: {rest.strip()!r}")
    return value


def parse_tags(raw: str, path: Path | str, line: int) -> tuple[str, ...]:
    """``a, b`` or ``[a, "b, c"]``; empty bare items are dropped."""
    text = raw.strip(" \t")
    if text.startswith("["):
        if not text.endswith("]"):
            raise ImportFailure(path, line, "the tag list opened with [ is not closed with ]")
        text = text[1:-1]
    tags: list[str] = []
    while True:
        text = text.lstrip(" \t")
        if text.startswith('"'):
            value, text = _parse_json_string(text, path, line)
            tags.append(value)
            text = text.lstrip(" \t")
            if text and not text.startswith(","):
                raise ImportFailure(path, line, "expected a comma after a quoted tag")
        else:
            item, _, _ = text.partition(",")
            if any(char in '[]"' for char in item):
                raise ImportFailure(path, line, f"unexpected character in tag {item.strip()!r}")
            if item.strip(" \t"):
                tags.append(item.strip(" \t"))
            text = text[len(item) :]
        if not text:
            return tuple(tags)
        text = text[1:]  # the comma


def parse_date(raw: str, path: Path | str, line: int) -> date | None:
    value = parse_value(raw, path, line)
    if not value:
        return None
    if not _DATE.match(value):
        raise ImportFailure(path, line, f"bad date {value!r}: write it as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ImportFailure(path, line, f"bad date {value!r}: {exc}") from None


def split_front_matter(text: str, path: Path | str) -> tuple[list[tuple[int, str]], str, int]:
    """Separate the front matter lines (with their numbers) from the body.

    Returns ``(numbered_lines, body, body_first_line)``; a text that does not
    start with ``---`` has no front matter and is all body.
    """
    lines = text.split("\n")
    if lines[0].rstrip(" \t") != FENCE:
        return [], text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip(" \t") == FENCE:
            body = "\n".join(lines[index + 1 :])
            # The writer puts one blank line after the fence for readability.
            body_line = index + 2
            if body.startswith("\n"):
                body = body[1:]
                body_line += 1
            return [(number + 1, lines[number]) for number in range(1, index)], body, body_line
    raise ImportFailure(path, 1, "the front matter opened here is never closed with a '---' line")


def parse_front_matter_lines(lines: list[tuple[int, str]], path: Path | str) -> dict[str, Any]:
    """Fields from numbered ``key: value`` lines, strictly checked."""
    fields: dict[str, Any] = {}
    for number, line in lines:
        stripped = line.strip(" \t")
        if not stripped or stripped.startswith("#"):
            continue
        match = _KEY_LINE.match(stripped)
        if match is None:
            raise ImportFailure(path, number, f"expected 'key: value', found {stripped[:60]!r}")
        key, raw = match.group(1), match.group(2)
        if key not in FIELD_ORDER:
            known = ", ".join(FIELD_ORDER)
            raise ImportFailure(path, number, f"unknown key {key!r} (known keys: {known})")
        if key in fields:
            raise ImportFailure(path, number, f"the key {key!r} is given twice")
        if key == "tags":
            fields[key] = parse_tags(raw, path, number)
        elif key == "date":
            fields[key] = parse_date(raw, path, number)
        else:
            fields[key] = parse_value(raw, path, number)
    return fields


def parse_article_markdown(text: str, path: Path | str = "<text>") -> ImportedArticle:
    """An article from Markdown text with optional front matter.

    Line endings are normalised to ``\\n`` and a byte order mark is dropped;
    everything else of the body is kept byte for byte.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines, body, _ = split_front_matter(text, path)
    fields = parse_front_matter_lines(lines, path)
    return ImportedArticle(body_markdown=body, **fields)
