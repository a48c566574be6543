"""The library's tables as SQLAlchemy 2.0 typed ORM classes.

One SQLite file holds publications, their issues, the articles (in an issue or
in the draft pool when ``issue_id`` is NULL), content-addressed image assets and
article revisions. The schema itself is owned by the Alembic migrations in
``editor.core.migrations``; these classes must match the latest revision (a
test compares them).
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utc_now() -> datetime:
    """Timezone-aware now; stored as naive UTC by SQLite, restored as UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


class Status(enum.StrEnum):
    """Editorial workflow shared by issues and articles."""

    DRAFT = "draft"
    REVIEW = "review"
    READY = "ready"
    PUBLISHED = "published"


STATUS_VALUES = tuple(s.value for s in Status)
_STATUS_CHECK = "status IN ('draft', 'review', 'ready', 'published')"


class Base(DeclarativeBase):
    pass


class Publication(Base):
    __tablename__ = "publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    base_url: Mapped[str] = mapped_column(String(500), default="")
    language: Mapped[str] = mapped_column(String(16), default="fr")
    logo_sha256: Mapped[str | None] = mapped_column(
        String(64), ForeignKey("asset.sha256", ondelete="SET NULL"), nullable=True
    )
    primary_color: Mapped[str] = mapped_column(String(16), default="#1d3557")
    accent_color: Mapped[str] = mapped_column(String(16), default="#e63946")
    footer_lines: Mapped[str] = mapped_column(Text, default="")
    legal_lines: Mapped[str] = mapped_column(Text, default="")
    theme: Mapped[str] = mapped_column(String(100), default="newsletter")
    created: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)

    issues: Mapped[list[Issue]] = relationship(
        back_populates="publication", cascade="all, delete-orphan", passive_deletes=True
    )


class Issue(Base):
    __tablename__ = "issue"
    __table_args__ = (
        CheckConstraint(_STATUS_CHECK, name="ck_issue_status"),
        Index("ix_issue_publication_date", "publication_id", "issue_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publication.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(500))
    label: Mapped[str] = mapped_column(String(100), default="")
    issue_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default=Status.DRAFT.value)
    introduction: Mapped[str] = mapped_column(Text, default="")
    sign_off: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)

    publication: Mapped[Publication] = relationship(back_populates="issues")
    articles: Mapped[list[Article]] = relationship(
        back_populates="issue", order_by="Article.position", passive_deletes=True
    )


class Article(Base):
    __tablename__ = "article"
    __table_args__ = (
        CheckConstraint(_STATUS_CHECK, name="ck_article_status"),
        Index("ix_article_issue_position", "issue_id", "position"),
        Index("ix_article_updated", "updated"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # NULL issue = the draft pool.
    issue_id: Mapped[int | None] = mapped_column(
        ForeignKey("issue.id", ondelete="SET NULL"), nullable=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    kicker: Mapped[str] = mapped_column(String(200), default="")
    standfirst: Mapped[str] = mapped_column(Text, default="")
    byline_name: Mapped[str] = mapped_column(String(200), default="")
    byline_role: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(500), default="")
    credit: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=Status.DRAFT.value)
    tags: Mapped[str] = mapped_column(String(1000), default="")
    article_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Optimistic concurrency: bumped on every write, checked by save_draft.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    issue: Mapped[Issue | None] = relationship(back_populates="articles")
    revisions: Mapped[list[Revision]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class Asset(Base):
    """An image stored once per content hash, whatever its original name."""

    __tablename__ = "asset"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(100))
    width: Mapped[int | None] = mapped_column(Integer, nullable=True)
    height: Mapped[int | None] = mapped_column(Integer, nullable=True)
    size: Mapped[int] = mapped_column(Integer, default=0)
    original_name: Mapped[str] = mapped_column(String(500), default="")
    alt_text: Mapped[str] = mapped_column(Text, default="")
    caption: Mapped[str] = mapped_column(Text, default="")
    credit: Mapped[str] = mapped_column(String(500), default="")
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class Revision(Base):
    """A snapshot of an article's text, recorded while editing and at publication."""

    __tablename__ = "revision"
    __table_args__ = (Index("ix_revision_article_created", "article_id", "created"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    created: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    reason: Mapped[str] = mapped_column(String(50), default="autosave")
    title: Mapped[str] = mapped_column(String(500))
    standfirst: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    fields_json: Mapped[str] = mapped_column(Text, default="{}")

    article: Mapped[Article] = relationship(back_populates="revisions")


class Setting(Base):
    """Library-wide key/value settings (personal dictionary, schema notes…)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
