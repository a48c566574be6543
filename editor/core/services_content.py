"""Use cases about article content: revisions, images, documents, settings,
bulk text changes. Mixed into :class:`editor.core.services.LibraryService`.

Same rules as the structural use cases: one transaction each, no SQL outside
the repository and these methods, clear errors for the user.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from editor.core import repository as repo
from editor.core.db import Database
from editor.core.document import ArticleDoc, IssueDoc
from editor.core.documents import DatabaseAssetStore, build_article_doc, build_issue_doc
from editor.core.errors import ConflictError, ValidationError
from editor.core.fields import ARTICLE_FIELDS, TEXT_FIELDS, clean_fields
from editor.core.images import inspect_image
from editor.core.models import Article, Asset, Issue, Revision, Setting, utc_now


def _store_asset(s, data: bytes, name: str, facts, **meta: str) -> str:  # type: ignore[no-untyped-def]
    """Insert an asset once per hash; later non-empty metadata updates it."""
    sha = hashlib.sha256(data).hexdigest()
    asset = s.get(Asset, sha)
    if asset is None:
        s.add(
            Asset(
                sha256=sha,
                media_type=facts.media_type,
                width=facts.width,
                height=facts.height,
                size=len(data),
                original_name=name[:500],
                data=data,
                **meta,
            )
        )
    else:
        for key, value in meta.items():
            if value:
                setattr(asset, key, value)
    return sha


def _revision(article_id: int, reason: str, values: dict[str, Any]) -> Revision:
    """A revision from article field values (title, standfirst and body in their
    own columns, every other field as JSON)."""
    extra = {
        name: str(value or "")
        for name, value in values.items()
        if name not in ("title", "standfirst", "body")
    }
    return Revision(
        article_id=article_id,
        reason=reason,
        title=values["title"],
        standfirst=values.get("standfirst", ""),
        body=values.get("body", ""),
        fields_json=json.dumps(extra, ensure_ascii=False, sort_keys=True),
    )


class ContentServices:
    """Revisions, assets, documents and settings of one open Database."""

    _db: Database

    # -- revisions ------------------------------------------------------------

    def record_revision(self, article_id: int, reason: str = "autosave") -> int:
        with self._db.write() as s:
            article = repo.get_or_404(s, Article, article_id, "article")
            values = {name: getattr(article, name) for name in ARTICLE_FIELDS}
            revision = _revision(article_id, reason, values)
            s.add(revision)
            s.flush()
            return revision.id

    def record_issue_revisions(
        self, issue: IssueDoc, reason: str, *, status: str | None = None
    ) -> tuple[int, ...]:
        """One revision per article of ``issue`` AS IT WAS EXPORTED (the snapshot,
        not the rows, which autosave may have changed since), and optionally the
        issue's new status, all in one transaction. Returns the revision ids."""
        ids: list[int] = []
        with self._db.write() as s:
            for doc in issue.articles:
                repo.get_or_404(s, Article, doc.id, "article")
                values = {name: getattr(doc, name) for name in TEXT_FIELDS if name != "body"}
                values |= {"body": doc.body_markdown, "status": doc.status}
                values["tags"] = ", ".join(doc.tags)
                revision = _revision(doc.id, reason, values)
                s.add(revision)
                s.flush()
                ids.append(revision.id)
            if status is not None:
                row = repo.get_or_404(s, Issue, issue.id, "issue")
                row.status = clean_fields({"status": status}, ("status",), "issue")["status"]
                row.version += 1
        return tuple(ids)

    def latest_revision(self, article_id: int) -> Revision | None:
        with self._db.read() as s:
            query = (
                select(Revision)
                .where(Revision.article_id == article_id)
                .order_by(Revision.created.desc(), Revision.id.desc())
                .limit(1)
            )
            return s.scalars(query).first()

    def list_revisions(self, article_id: int) -> list[Revision]:
        with self._db.read() as s:
            query = (
                select(Revision)
                .where(Revision.article_id == article_id)
                .order_by(Revision.created.desc(), Revision.id.desc())
            )
            return list(s.scalars(query))

    # -- assets ---------------------------------------------------------------

    def add_asset(self, data: bytes, original_name: str = "", **meta: str) -> str:
        """Store an image once per content hash (verified first); returns its sha256."""
        facts = inspect_image(data, original_name or "image")
        sha = hashlib.sha256(data).hexdigest()
        allowed = {"alt_text", "caption", "credit"}
        if set(meta) - allowed:
            raise ValidationError(f"unknown asset field(s): {', '.join(set(meta) - allowed)}")
        with self._db.write() as s:
            _store_asset(s, data, original_name, facts, **meta)
        return sha

    def create_articles_with_assets(
        self,
        issue_id: int | None,
        articles: list[dict[str, Any]],
        images: list[tuple[bytes, str, str]],
    ) -> list[int]:
        """Create several articles and their images in ONE transaction (an import
        is all or nothing). ``images`` are (data, original_name, alt_text)."""
        cleaned = [clean_fields(a, ARTICLE_FIELDS, "article") for a in articles]
        checked = [
            (data, name, alt, inspect_image(data, name or "image")) for data, name, alt in images
        ]
        with self._db.write() as s:
            if issue_id is not None:
                repo.get_or_404(s, Issue, issue_id, "issue")
            for data, name, alt, facts in checked:
                _store_asset(s, data, name, facts, alt_text=alt)
            position = repo.next_position(s, issue_id)
            created = []
            for offset, values in enumerate(cleaned):
                article = Article(issue_id=issue_id, position=position + offset, **values)
                s.add(article)
                created.append(article)
            s.flush()
            return [a.id for a in created]

    def asset_store(self) -> DatabaseAssetStore:
        return DatabaseAssetStore(self._db)

    # -- documents for rendering and export -----------------------------------

    def issue_document(self, issue_id: int) -> IssueDoc:
        with self._db.read() as s:
            return build_issue_doc(repo.get_or_404(s, Issue, issue_id, "issue"))

    def article_document(self, article_id: int) -> ArticleDoc:
        with self._db.read() as s:
            return build_article_doc(repo.get_or_404(s, Article, article_id, "article"))

    # -- settings -------------------------------------------------------------

    def get_setting(self, key: str, default: str = "") -> str:
        with self._db.read() as s:
            setting = s.get(Setting, key)
            return default if setting is None else setting.value

    def set_setting(self, key: str, value: str) -> None:
        with self._db.write() as s:
            setting = s.get(Setting, key)
            if setting is None:
                s.add(Setting(key=key, value=value))
            else:
                setting.value = value

    def delete_setting(self, key: str) -> None:
        with self._db.write() as s:
            setting = s.get(Setting, key)
            if setting is not None:
                s.delete(setting)

    def article_texts(self, ids: Iterable[int]) -> dict[int, dict[str, str]]:
        """The text fields of many articles in one read (library-wide find)."""
        wanted = list(ids)
        columns = [getattr(Article, name) for name in TEXT_FIELDS]
        result: dict[int, dict[str, str]] = {}
        with self._db.read() as s:
            for start in range(0, len(wanted), 500):  # SQLite's bound-parameter limit
                chunk = wanted[start : start + 500]
                rows = s.execute(select(Article.id, *columns).where(Article.id.in_(chunk)))
                for row in rows:
                    result[row[0]] = dict(zip(TEXT_FIELDS, row[1:], strict=True))
        return result

    def apply_text_changes(
        self, changes: Iterable[tuple[int, str, str] | tuple[int, str, str, str]]
    ) -> int:
        """Set (article_id, field, new_text[, expected_old_text]) in one transaction
        (one undo step for a library-wide replace); returns how many articles
        changed. When an expected old text is given and the field no longer holds
        it, nothing at all is written and ConflictError says which article."""
        changed: set[int] = set()
        with self._db.write() as s:
            for change in changes:
                article_id, field_name, value = change[:3]
                if field_name not in TEXT_FIELDS:
                    raise ValidationError(f"unknown or non-text article field {field_name!r}")
                article = repo.get_or_404(s, Article, article_id, "article")
                if len(change) == 4 and getattr(article, field_name) != change[3]:
                    raise ConflictError(
                        f"the article «{article.title}» changed since the search; "
                        "nothing was replaced: search again"
                    )
                setattr(
                    article,
                    field_name,
                    clean_fields({field_name: value}, TEXT_FIELDS, "article")[field_name],
                )
                article.version += 1
                article.updated = utc_now()
                changed.add(article_id)
        return len(changed)
