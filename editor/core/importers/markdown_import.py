"""Importing a Markdown (or plain text) file with optional front matter.

Strict on purpose: a Markdown file is what a user or a script writes by hand,
and a typo in a key must be reported with its line, not silently dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from editor.core.importers.front_matter import parse_article_markdown
from editor.core.importers.model import ImportedArticle, ImportFailure

_LEADING_HEADING = re.compile(r"\A\s*#{1,6}[ \t]+(.+?)[ \t#]*(?:\n|\Z)")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


def decode_markdown(data: bytes, path: Path | str) -> str:
    """UTF-8 text (UTF-16 with a byte order mark accepted), or a failure saying where it breaks."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFailure(path, None, f"damaged UTF-16 text ({exc.reason})") from None
    if b"\x00" in data:
        raise ImportFailure(path, None, "not a text/Markdown file: it contains binary data")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        raise ImportFailure(
            path,
            line,
            f"not UTF-8 text: byte 0x{byte:02X} at offset {exc.start} (column {column}) can't be read; "
            "save the file as UTF-8 (it is probably Windows-1252/Latin-1)",
        ) from None


def import_markdown(data: bytes, path: Path) -> ImportedArticle:
    """An article from a Markdown file; a leading ``# Heading`` is the title when none is given."""
    article = parse_article_markdown(decode_markdown(data, path), path)
    if not article.title:
        match = _LEADING_HEADING.match(article.body_markdown)
        if match:
            article.title = _ESCAPED.sub(r"\1", match.group(1)).strip()
            article.body_markdown = article.body_markdown[match.end() :].lstrip("\n")
        else:
            article.title = path.stem
            article.warnings.append(
                f"no title in the front matter nor as a first heading: {path.stem!r} is used"
            )
    return article
