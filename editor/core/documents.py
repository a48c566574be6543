"""Snapshots of library rows as the plain documents renderers and exporters read.

Built inside a read transaction, the IssueDoc is consistent (no half-saved
article) and detached, so an export can run in the background meanwhile.
"""

from __future__ import annotations

from sqlalchemy import select

from editor.core.db import Database
from editor.core.document import (
    ArticleDoc,
    AssetInfo,
    IssueDoc,
    PublicationDoc,
)
from editor.core.models import Article, Asset, Issue, Publication


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def build_publication_doc(publication: Publication) -> PublicationDoc:
    return PublicationDoc(
        id=publication.id,
        name=publication.name,
        base_url=publication.base_url,
        language=publication.language,
        logo_sha256=publication.logo_sha256,
        primary_color=publication.primary_color,
        accent_color=publication.accent_color,
        footer_lines=_lines(publication.footer_lines),
        legal_lines=_lines(publication.legal_lines),
        theme=publication.theme,
    )


def build_article_doc(article: Article) -> ArticleDoc:
    return ArticleDoc(
        id=article.id,
        title=article.title,
        body_markdown=article.body,
        kicker=article.kicker,
        standfirst=article.standfirst,
        byline_name=article.byline_name,
        byline_role=article.byline_role,
        source=article.source,
        credit=article.credit,
        status=article.status,
        tags=tuple(article.tag_list),
        updated=article.updated,
    )


def build_issue_doc(issue: Issue) -> IssueDoc:
    return IssueDoc(
        id=issue.id,
        title=issue.title,
        publication=build_publication_doc(issue.publication),
        label=issue.label,
        date=issue.issue_date,
        status=issue.status,
        introduction_markdown=issue.introduction,
        sign_off_markdown=issue.sign_off,
        articles=tuple(build_article_doc(a) for a in issue.articles),
    )


class DatabaseAssetStore:
    """AssetStore reading the library's assets table, one short read each."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def asset_info(self, sha256: str) -> AssetInfo | None:
        with self._db.read() as s:
            asset = s.get(Asset, sha256)
            if asset is None:
                return None
            return AssetInfo(
                sha256=asset.sha256,
                media_type=asset.media_type,
                width=asset.width,
                height=asset.height,
                original_name=asset.original_name,
                alt_text=asset.alt_text,
                caption=asset.caption,
                credit=asset.credit,
            )

    def asset_bytes(self, sha256: str) -> bytes:
        with self._db.read() as s:
            data = s.scalar(select(Asset.data).where(Asset.sha256 == sha256))
            if data is None:
                raise KeyError(sha256)
            return bytes(data)
