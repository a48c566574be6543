"""Use cases of the library, one transaction each.

The window, the command line and the tests all go through these methods; none
of them writes SQL. Every write runs in one ``BEGIN IMMEDIATE`` transaction, so a
use case is either fully done or not at all. Saving a draft checks the row
version, so a concurrent writer is refused instead of silently overwritten.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from editor.core import repository as repo
from editor.core.db import Database
from editor.core.errors import ConflictError, NotFound, ValidationError
from editor.core.fields import (
    ARTICLE_FIELDS,
    ISSUE_FIELDS,
    PUBLICATION_FIELDS,
    SavedDraft,
    clean_fields,
)
from editor.core.models import Article, Issue, Publication, utc_now
from editor.core.services_content import ContentServices

__all__ = ["ARTICLE_FIELDS", "ISSUE_FIELDS", "PUBLICATION_FIELDS", "LibraryService", "SavedDraft"]


class LibraryService(ContentServices):
    """The library's use cases over one open Database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- publications ---------------------------------------------------------

    def list_publications(self) -> list[Publication]:
        with self._db.read() as s:
            return repo.list_publications(s)

    def create_publication(self, name: str, **fields: Any) -> int:
        values = clean_fields({"name": name, **fields}, PUBLICATION_FIELDS, "publication")
        with self._db.write() as s:
            if repo.publication_by_name(s, values["name"]) is not None:
                raise ValidationError(f"a publication named {values['name']!r} already exists")
            publication = Publication(**values)
            s.add(publication)
            s.flush()
            return publication.id

    def update_publication(self, publication_id: int, **fields: Any) -> None:
        values = clean_fields(fields, PUBLICATION_FIELDS, "publication")
        with self._db.write() as s:
            publication = repo.get_or_404(s, Publication, publication_id, "publication")
            if "name" in values:
                other = repo.publication_by_name(s, values["name"])
                if other is not None and other.id != publication_id:
                    raise ValidationError(f"a publication named {values['name']!r} already exists")
            for key, value in values.items():
                setattr(publication, key, value)

    def rename_publication(self, publication_id: int, name: str) -> None:
        self.update_publication(publication_id, name=name)

    def delete_publication(self, publication_id: int) -> None:
        """Delete a publication and its issues; their articles go to the draft pool."""
        with self._db.write() as s:
            publication = repo.get_or_404(s, Publication, publication_id, "publication")
            issue_ids = [i.id for i in publication.issues]
            for issue_id in issue_ids:
                self._release_articles(s, issue_id)
            s.delete(publication)

    def publication_id_by_name(self, name: str) -> int:
        with self._db.read() as s:
            publication = repo.publication_by_name(s, name)
            if publication is None:
                raise NotFound(f"no publication named {name!r}")
            return publication.id

    # -- issues ---------------------------------------------------------------

    def list_issues(self, publication_id: int | None = None) -> list[repo.IssueRow]:
        with self._db.read() as s:
            return repo.list_issues(s, publication_id)

    def get_issue(self, issue_id: int) -> Issue:
        with self._db.read() as s:
            return repo.get_or_404(s, Issue, issue_id, "issue")

    def create_issue(self, publication_id: int, title: str, **fields: Any) -> int:
        values = clean_fields({"title": title, **fields}, ISSUE_FIELDS, "issue")
        with self._db.write() as s:
            repo.get_or_404(s, Publication, publication_id, "publication")
            issue = Issue(publication_id=publication_id, **values)
            s.add(issue)
            s.flush()
            return issue.id

    def update_issue(self, issue_id: int, **fields: Any) -> None:
        values = clean_fields(fields, ISSUE_FIELDS, "issue")
        with self._db.write() as s:
            issue = repo.get_or_404(s, Issue, issue_id, "issue")
            for key, value in values.items():
                setattr(issue, key, value)
            issue.version += 1

    def set_issue_status(self, issue_id: int, status: str) -> None:
        self.update_issue(issue_id, status=status)

    def delete_issue(self, issue_id: int) -> None:
        """Delete an issue; its articles are kept, in the draft pool."""
        with self._db.write() as s:
            issue = repo.get_or_404(s, Issue, issue_id, "issue")
            self._release_articles(s, issue_id)
            s.delete(issue)

    def _release_articles(self, s, issue_id: int) -> None:  # type: ignore[no-untyped-def]
        start = repo.next_position(s, None)
        for offset, article in enumerate(repo.ordered_articles(s, issue_id)):
            article.issue_id = None
            article.position = start + offset

    # -- articles -------------------------------------------------------------

    def list_articles(
        self, issue_id: int | str | None = None, *, offset: int = 0, limit: int | None = 200
    ) -> list[repo.ArticleRow]:
        with self._db.read() as s:
            return repo.list_articles(s, issue_id, offset=offset, limit=limit)

    def article_ids(self, issue_id: int | str | None = None) -> list[int]:
        with self._db.read() as s:
            return repo.article_ids(s, issue_id)

    def article_rows(self, ids: list[int]) -> dict[int, repo.ArticleRow]:
        with self._db.read() as s:
            return repo.article_rows_by_ids(s, ids)

    def count_articles(self, issue_id: int | str | None = None) -> int:
        with self._db.read() as s:
            return repo.count_articles(s, issue_id)

    def get_article(self, article_id: int) -> Article:
        with self._db.read() as s:
            return repo.get_or_404(s, Article, article_id, "article")

    def create_article(self, issue_id: int | None, title: str, **fields: Any) -> int:
        values = clean_fields({"title": title, **fields}, ARTICLE_FIELDS, "article")
        with self._db.write() as s:
            if issue_id is not None:
                repo.get_or_404(s, Issue, issue_id, "issue")
            article = Article(issue_id=issue_id, position=repo.next_position(s, issue_id), **values)
            s.add(article)
            s.flush()
            return article.id

    def save_draft(
        self, article_id: int, fields: dict[str, Any], expected_version: int | None = None
    ) -> SavedDraft:
        """Write an article's fields if nobody else saved it since ``expected_version``."""
        values = clean_fields(fields, ARTICLE_FIELDS, "article")
        with self._db.write() as s:
            condition = Article.id == article_id
            if expected_version is not None:
                condition = condition & (Article.version == expected_version)
            result = s.execute(
                update(Article)
                .where(condition)
                .values(**values, version=Article.version + 1, updated=utc_now())
                .returning(Article.version)
            ).first()
            if result is None:
                if s.get(Article, article_id) is None:
                    raise NotFound(f"no article with id {article_id}")
                raise ConflictError(
                    "this article was changed elsewhere since you opened it; "
                    "your text was not saved over it"
                )
            return SavedDraft(article_id, int(result[0]))

    def delete_article(self, article_id: int) -> None:
        with self._db.write() as s:
            s.delete(repo.get_or_404(s, Article, article_id, "article"))

    def duplicate_article(self, article_id: int) -> int:
        with self._db.write() as s:
            source = repo.get_or_404(s, Article, article_id, "article")
            values = {name: getattr(source, name) for name in ARTICLE_FIELDS}
            values["title"] = f"{source.title} (copie)"
            values["status"] = "draft"
            copy = Article(
                issue_id=source.issue_id, position=repo.next_position(s, source.issue_id), **values
            )
            s.add(copy)
            s.flush()
            return copy.id

    def move_article(
        self, article_id: int, issue_id: int | None, position: int | None = None
    ) -> None:
        """Move an article into an issue (or the pool when None) at ``position``
        (appended when None), renumbering both lists."""
        with self._db.write() as s:
            article = repo.get_or_404(s, Article, article_id, "article")
            if issue_id is not None:
                repo.get_or_404(s, Issue, issue_id, "issue")
            old_issue = article.issue_id
            target = [a for a in repo.ordered_articles(s, issue_id) if a.id != article_id]
            index = len(target) if position is None else max(0, min(position, len(target)))
            target.insert(index, article)
            article.issue_id = issue_id
            for pos, item in enumerate(target):
                item.position = pos
            if old_issue != issue_id:
                for pos, item in enumerate(
                    a for a in repo.ordered_articles(s, old_issue) if a.id != article_id
                ):
                    item.position = pos

    def reorder_articles(self, issue_id: int | None, ordered_ids: list[int]) -> None:
        with self._db.write() as s:
            current = repo.ordered_articles(s, issue_id)
            by_id = {a.id: a for a in current}
            if sorted(by_id) != sorted(ordered_ids):
                raise ValidationError("the new order must list exactly the issue's articles")
            for pos, article_id in enumerate(ordered_ids):
                by_id[article_id].position = pos

    def search(self, query: str, limit: int = 200) -> list[repo.ArticleRow]:
        with self._db.read() as s:
            return repo.search_articles(s, query, limit)
