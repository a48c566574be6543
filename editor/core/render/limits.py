"""Cheap, linear checks that refuse input known to make Python-Markdown crawl.

Python-Markdown is quadratic or worse on a few shapes nobody writes by hand:
thousands of nested brackets (``[[[[…``), unclosed link parentheses, lists or
blockquotes nested hundreds of levels deep, very long runs of emphasis
markers. Measured here: 10,000 ``[`` take 12 s, 2,000 nested list levels
75 s before a RecursionError. Such input is shown escaped, with an error, in
a few milliseconds. ``render_with_timeout`` remains the general guard for
whatever these checks do not foresee.
"""

from __future__ import annotations

import re

MAX_BRACKET_DEPTH = 100  # unclosed "[" and "(" within one paragraph
MAX_MARKER_RUN = 2000  # identical *, _, `, ~, [, ( in a row
MAX_INDENT = 400  # leading columns of one line (100 nested list levels)
MAX_QUOTE_DEPTH = 100  # ">" at the start of one line

_MARKER_RUN_RE = re.compile(rf"([*_`~\[(])\1{{{MAX_MARKER_RUN - 1},}}")
_QUOTE_PREFIX_RE = re.compile(rf"^[ \t]*(?:>[ \t]*){{{MAX_QUOTE_DEPTH + 1},}}", re.MULTILINE)


def complexity_problem(text: str) -> str | None:
    """Why ``text`` is too pathological to render, or None when it is fine."""
    if _MARKER_RUN_RE.search(text):
        return f"input has a run of more than {MAX_MARKER_RUN} identical markup characters"
    if _QUOTE_PREFIX_RE.search(text):
        return f"input nests blockquotes more than {MAX_QUOTE_DEPTH} levels deep"
    depth = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        if not stripped:
            depth = 0  # a blank line ends the paragraph and any open link
            continue
        indent = len(line[: len(line) - len(stripped)].expandtabs(4))
        if indent > MAX_INDENT:
            return f"input is indented more than {MAX_INDENT} columns"
        if "[" not in line and "(" not in line and "]" not in line and ")" not in line:
            continue
        for char in line:
            if char in "[(":
                depth += 1
                if depth > MAX_BRACKET_DEPTH:
                    return f"input nests brackets more than {MAX_BRACKET_DEPTH} levels deep"
            elif char in "])" and depth:
                depth -= 1
    return None
