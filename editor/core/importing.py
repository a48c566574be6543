"""Bringing article files into the library, all or nothing, and writing them back.

Every file of a batch is read and checked first; only when all of them are good
are the articles and their images created, in one transaction. A bad file
therefore never leaves half a batch behind. ``article_to_markdown`` is the
inverse used by ``feuillet show --markdown``: import then show round-trips.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from editor.core.importers.front_matter import format_article_markdown, parse_article_markdown
from editor.core.importers.model import ImportedArticle, ImportFailure
from editor.core.models import Article
from editor.core.services import LibraryService

MAX_TEXT_BYTES = 20 * 1024 * 1024
_FIRST_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def decode_text_file(data: bytes, path: Path) -> str:
    """UTF-8 text, or an ImportFailure naming the line of the first bad byte."""
    if len(data) > MAX_TEXT_BYTES:
        raise ImportFailure(path, None, f"the file is larger than {MAX_TEXT_BYTES // 2**20} MB")
    if b"\x00" in data[:8192]:
        raise ImportFailure(path, None, "this is a binary file, not a Markdown text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailure(
            path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None


def read_markdown_file(path: Path) -> ImportedArticle:
    """Read one Markdown file with front matter; raises ImportFailure."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailure(path, None, "no such file") from None
    except IsADirectoryError:
        raise ImportFailure(path, None, "this is a folder, not a file") from None
    except OSError as exc:
        raise ImportFailure(path, None, f"cannot be read ({exc.strerror})") from None
    article = parse_article_markdown(decode_text_file(data, path), path)
    if not article.title.strip():
        heading = _FIRST_HEADING.search(article.body_markdown)
        article.title = heading.group(1) if heading else path.stem.replace("_", " ")
    return article


def article_fields(article: ImportedArticle) -> dict[str, Any]:
    """Service field names for an imported article."""
    return {
        "title": article.title,
        "kicker": article.kicker,
        "standfirst": article.standfirst,
        "byline_name": article.byline,
        "byline_role": article.role,
        "source": article.source,
        "credit": article.credit,
        "tags": list(article.tags),
        "article_date": article.date,
        "body": article.body_markdown,
    }


def store_imported(
    services: LibraryService, articles: Iterable[ImportedArticle], issue_id: int | None
) -> list[int]:
    """Create the articles and their images in one transaction; returns the ids."""
    articles = list(articles)
    images = [
        (image.data, image.original_name, image.alt_text)
        for article in articles
        for image in article.images
    ]
    return services.create_articles_with_assets(
        issue_id, [article_fields(a) for a in articles], images
    )


def import_markdown_files(
    services: LibraryService, paths: Iterable[Path], issue_id: int | None = None
) -> list[int]:
    """Import every file or none: the first bad file raises ImportFailure."""
    parsed = [read_markdown_file(Path(p)) for p in paths]
    if issue_id is not None:
        services.get_issue(issue_id)  # "no issue with id N" before anything is written
    return store_imported(services, parsed, issue_id)


def article_to_markdown(article: Article) -> str:
    """An article as front matter + body, the form ``import`` reads."""
    imported = ImportedArticle(
        title=article.title,
        kicker=article.kicker,
        standfirst=article.standfirst,
        byline=article.byline_name,
        role=article.byline_role,
        source=article.source,
        credit=article.credit,
        tags=tuple(article.tag_list),
        date=article.article_date,
        body_markdown=article.body,
    )
    return format_article_markdown(imported)
