"""Bringing article files into the library, all or nothing, and writing them back.

Every file of a batch is read and checked first; only when all of them are good
are the articles and their images created, in one transaction. A bad file
therefore never leaves half a batch behind. ``article_to_markdown`` is the
inverse used by ``feuillet show --markdown``: import then show round-trips.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from editor.core.importers import import_file
from editor.core.importers.front_matter import format_article_markdown
from editor.core.importers.model import ImportedArticle, ImportFailure
from editor.core.models import Article
from editor.core.services import LibraryService


def read_article_file(path: Path) -> ImportedArticle:
    """Read one file (Markdown with front matter, .docx, .odt or .html, told apart
    by content); raises ImportFailure naming the file and, when known, the line."""
    article = import_file(path)
    for tag in article.tags:
        if "," in tag:
            # The library keeps tags as a comma-separated list: such a tag would
            # silently become two, and `show --markdown` would not round-trip.
            raise ImportFailure(path, None, f"the tag {tag!r} contains a comma; split it in two")
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


def import_files(
    services: LibraryService, paths: Iterable[Path], issue_id: int | None = None
) -> list[int]:
    """Import every file or none: the first bad file raises ImportFailure."""
    parsed = [read_article_file(Path(p)) for p in paths]
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
