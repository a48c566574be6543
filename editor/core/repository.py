"""Queries over the library. Every function takes a Session and never opens one.

List queries select only the columns a list shows (never article bodies) and
walk an index, so that the first screen of 100,000 articles costs milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from editor.core.errors import NotFound
from editor.core.models import Article, Asset, Issue, Publication

POOL = "pool"
"""Pseudo issue id selecting the draft pool (articles in no issue)."""


@dataclass(frozen=True)
class ArticleRow:
    id: int
    title: str
    kicker: str
    status: str
    issue_id: int | None
    position: int
    updated: datetime


@dataclass(frozen=True)
class IssueRow:
    id: int
    publication_id: int
    publication_name: str
    title: str
    label: str
    issue_date: date | None
    status: str
    article_count: int


_ARTICLE_COLUMNS = (
    Article.id,
    Article.title,
    Article.kicker,
    Article.status,
    Article.issue_id,
    Article.position,
    Article.updated,
)


def get_or_404(session: Session, model: type, key: object, what: str):  # type: ignore[no-untyped-def]
    obj = session.get(model, key)
    if obj is None:
        raise NotFound(f"no {what} with id {key}")
    return obj


def publication_by_name(session: Session, name: str) -> Publication | None:
    return session.scalars(select(Publication).where(Publication.name == name)).first()


def list_publications(session: Session) -> list[Publication]:
    return list(session.scalars(select(Publication).order_by(Publication.name)))


def list_issues(session: Session, publication_id: int | None = None) -> list[IssueRow]:
    counts = (
        select(Article.issue_id, func.count().label("n"))
        .where(Article.issue_id.is_not(None))
        .group_by(Article.issue_id)
        .subquery()
    )
    query = (
        select(
            Issue.id,
            Issue.publication_id,
            Publication.name,
            Issue.title,
            Issue.label,
            Issue.issue_date,
            Issue.status,
            func.coalesce(counts.c.n, 0),
        )
        .join(Publication, Publication.id == Issue.publication_id)
        .outerjoin(counts, counts.c.issue_id == Issue.id)
        .order_by(Issue.issue_date.desc().nulls_first(), Issue.id.desc())
    )
    if publication_id is not None:
        query = query.where(Issue.publication_id == publication_id)
    return [IssueRow(*row) for row in session.execute(query)]


def _article_scope(query, issue_id: int | str | None):  # type: ignore[no-untyped-def]
    if issue_id == POOL:
        return query.where(Article.issue_id.is_(None))
    if issue_id is not None:
        return query.where(Article.issue_id == issue_id)
    return query


def list_articles(
    session: Session,
    issue_id: int | str | None = None,
    *,
    offset: int = 0,
    limit: int | None = 200,
) -> list[ArticleRow]:
    """Articles of an issue (reading order), of the pool, or of the whole library
    (most recently updated first)."""
    query = _article_scope(select(*_ARTICLE_COLUMNS), issue_id)
    if issue_id is None:
        query = query.order_by(Article.updated.desc(), Article.id.desc())
    else:
        query = query.order_by(Article.position, Article.id)
    query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [ArticleRow(*row) for row in session.execute(query)]


def article_ids(session: Session, issue_id: int | str | None = None) -> list[int]:
    """Ids only, in list order: cheap enough for 100k rows in a lazy model."""
    query = _article_scope(select(Article.id), issue_id)
    if issue_id is None:
        query = query.order_by(Article.updated.desc(), Article.id.desc())
    else:
        query = query.order_by(Article.position, Article.id)
    return list(session.scalars(query))


def article_rows_by_ids(session: Session, ids: list[int]) -> dict[int, ArticleRow]:
    rows = session.execute(select(*_ARTICLE_COLUMNS).where(Article.id.in_(ids)))
    return {row[0]: ArticleRow(*row) for row in rows}


def count_articles(session: Session, issue_id: int | str | None = None) -> int:
    query = _article_scope(select(func.count()).select_from(Article), issue_id)
    return int(session.scalar(query) or 0)


def next_position(session: Session, issue_id: int | None) -> int:
    query = _article_scope(select(func.max(Article.position)), issue_id if issue_id else POOL)
    current = session.scalar(query)
    return 0 if current is None else int(current) + 1


def ordered_articles(session: Session, issue_id: int | None) -> list[Article]:
    query = _article_scope(select(Article), issue_id if issue_id else POOL)
    return list(session.scalars(query.order_by(Article.position, Article.id)))


RANK_WINDOW = 10_000
"""How many of the newest matches a search ranks by relevance."""

_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(user_query: str) -> str:
    """Turn what a user types into a safe FTS5 query: every word must match, as a
    prefix, so that "mutual" finds "mutualisation" and quotes cannot break syntax."""
    tokens = _TOKEN.findall(user_query)
    return " ".join(f'"{token}"*' for token in tokens)


def search_articles(session: Session, user_query: str, limit: int = 200) -> list[ArticleRow]:
    """Full-text search over title, standfirst and body, best matches first."""
    match = fts_query(user_query)
    if not match:
        return []
    # Scoring every match costs ~1.2 µs a row: a word found in all 100,000
    # articles would take 120 ms to rank. Such a word selects nothing anyway, so
    # only the newest RANK_WINDOW matches are ranked (title weighs most).
    ids = [
        row[0]
        for row in session.execute(
            text(
                "SELECT rowid FROM ("
                " SELECT rowid, bm25(article_fts, 10.0, 4.0, 1.0) AS score FROM article_fts"
                " WHERE article_fts MATCH :q ORDER BY rowid DESC LIMIT :window"
                ") ORDER BY score LIMIT :limit"
            ),
            {"q": match, "limit": limit, "window": RANK_WINDOW},
        )
    ]
    rows = article_rows_by_ids(session, ids)
    return [rows[i] for i in ids if i in rows]


def asset_exists(session: Session, sha256: str) -> bool:
    return session.scalar(select(func.count()).where(Asset.sha256 == sha256)) == 1
