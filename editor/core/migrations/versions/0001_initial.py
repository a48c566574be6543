"""Initial schema: publications, issues, articles, assets, revisions, settings, FTS.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_STATUS_CHECK = "status IN ('draft', 'review', 'ready', 'published')"

# The full-text index mirrors article(title, standfirst, body) through triggers so
# that no code path can forget to update it. remove_diacritics 2 makes
# "refugies" match "réfugiés", as a French user types on a phone.
_FTS_SQL = [
    """CREATE VIRTUAL TABLE article_fts USING fts5(
        title, standfirst, body,
        content='article', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN
        INSERT INTO article_fts(rowid, title, standfirst, body)
        VALUES (new.id, new.title, new.standfirst, new.body);
    END""",
    """CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN
        INSERT INTO article_fts(article_fts, rowid, title, standfirst, body)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body);
    END""",
    """CREATE TRIGGER article_fts_update AFTER UPDATE OF title, standfirst, body ON article
    BEGIN
        INSERT INTO article_fts(article_fts, rowid, title, standfirst, body)
        VALUES ('delete', old.id, old.title, old.standfirst, old.body);
        INSERT INTO article_fts(rowid, title, standfirst, body)
        VALUES (new.id, new.title, new.standfirst, new.body);
    END""",
]


def upgrade() -> None:
    op.create_table(
        "asset",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("width", sa.Integer, nullable=True),
        sa.Column("height", sa.Integer, nullable=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("original_name", sa.String(500), nullable=False),
        sa.Column("alt_text", sa.Text, nullable=False),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("credit", sa.String(500), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_table(
        "publication",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("base_url", sa.String(500), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column(
            "logo_sha256",
            sa.String(64),
            sa.ForeignKey("asset.sha256", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("primary_color", sa.String(16), nullable=False),
        sa.Column("accent_color", sa.String(16), nullable=False),
        sa.Column("footer_lines", sa.Text, nullable=False),
        sa.Column("legal_lines", sa.Text, nullable=False),
        sa.Column("theme", sa.String(100), nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
    )
    op.create_table(
        "issue",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "publication_id",
            sa.Integer,
            sa.ForeignKey("publication.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("issue_date", sa.Date, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("introduction", sa.Text, nullable=False),
        sa.Column("sign_off", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
        sa.CheckConstraint(_STATUS_CHECK, name="ck_issue_status"),
    )
    op.create_index("ix_issue_publication_date", "issue", ["publication_id", "issue_date"])
    op.create_table(
        "article",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "issue_id",
            sa.Integer,
            sa.ForeignKey("issue.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("kicker", sa.String(200), nullable=False),
        sa.Column("standfirst", sa.Text, nullable=False),
        sa.Column("byline_name", sa.String(200), nullable=False),
        sa.Column("byline_role", sa.String(300), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("credit", sa.String(500), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("tags", sa.String(1000), nullable=False),
        sa.Column("article_date", sa.Date, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
        sa.CheckConstraint(_STATUS_CHECK, name="ck_article_status"),
    )
    op.create_index("ix_article_issue_position", "article", ["issue_id", "position"])
    op.create_index("ix_article_updated", "article", ["updated"])
    op.create_table(
        "revision",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("article.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("reason", sa.String(50), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("standfirst", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("fields_json", sa.Text, nullable=False),
    )
    op.create_index("ix_revision_article_created", "revision", ["article_id", "created"])
    op.create_table(
        "setting",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    for statement in _FTS_SQL:
        op.execute(statement)


def downgrade() -> None:
    for name in ("article_fts_update", "article_fts_delete", "article_fts_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS article_fts")
    op.drop_table("setting")
    op.drop_index("ix_revision_article_created", table_name="revision")
    op.drop_table("revision")
    op.drop_index("ix_article_updated", table_name="article")
    op.drop_index("ix_article_issue_position", table_name="article")
    op.drop_table("article")
    op.drop_index("ix_issue_publication_date", table_name="issue")
    op.drop_table("issue")
    op.drop_table("publication")
    op.drop_table("asset")
