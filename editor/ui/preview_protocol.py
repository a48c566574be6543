"""The preview pane's half of the render protocol: what the worker has, and what to send next.

The worker keeps its own copy of the text: each request carries only the
lines changed since the version it has (``delta``), each reply only the
blocks that changed (``splice``); any disagreement about versions (restarted
worker, dropped reply) is settled by sending the whole text again (``blocks``,
after :attr:`PreviewRequests.resync` is set). A full ``page`` request is made
when the article, issue or theme changes.

Kept apart from :mod:`editor.ui.preview_pane` so the widget holds only the
Qt side (view, toolbar, replies); this module builds plain dictionaries.
"""

from __future__ import annotations

import re
from dataclasses import asdict, replace
from typing import Any

from editor.ui.preview_patch import changed_lines
from editor.ui.workers import LIVE_TOKEN, issue_to_json

_ASSET_REF = re.compile(r"asset:([0-9a-f]{64})")


class PreviewRequests:
    """Versions and assets sent to the render worker; builds its next request."""

    def __init__(self) -> None:
        self.language = "fr"
        self.prefix = ""
        # The delta protocol: the text as last sent to the worker, its version,
        # and whether the next request sends it all.
        self.version = 0
        self.sent_lines: list[str] | None = None
        self.resync = True
        self.sent_assets: set[str] = set()
        self.asset_cache: dict[str, dict[str, Any] | None] = {}

    def live_request(
        self, services: Any, text: str, known: dict[str, str], generation: int
    ) -> dict[str, Any]:
        """The live text changed: the whole text after a resync, else the changed lines.

        ``known`` maps the ids of the blocks the page shows (the worker re-sends
        only the others).
        """
        lines = text.split("\n")
        old, base = self.sent_lines, self.version
        self.version += 1
        self.sent_lines = lines
        request: dict[str, Any] = {
            "language": self.language,
            "prefix": self.prefix,
            "version": self.version,
            "generation": generation,
        }
        if self.resync or old is None:
            self.resync = False
            self._new_assets(services, [text])
            request.update(
                op="blocks",
                text=text,
                assets=sorted(self.sent_assets),
                known=list(known),
            )
            return request
        start, end, new_end = changed_lines(old, lines)
        changed = lines[start:new_end]
        request.update(op="delta", base=base, start=start, end=end, lines=changed)
        if self._new_assets(services, changed):
            request["assets"] = sorted(self.sent_assets)
        return request

    def page_request(
        self,
        services: Any,
        target: tuple[str, int],
        live_text: str | None,
        theme: str | None,
        generation: int,
    ) -> dict[str, Any]:
        """A full page for ``target`` (``("article", id)`` or ``("issue", id)``)."""
        from editor.core.document import IssueDoc, PublicationDoc

        kind, ident = target
        if kind == "article":
            article = services.article_document(ident)
            issue_id = services.get_article(ident).issue_id
            live = live_text if live_text is not None else article.body_markdown
            placeholder = replace(article, body_markdown=LIVE_TOKEN)
            if issue_id is None:  # an article of the draft pool: a neutral publication
                issue = IssueDoc(
                    id=0,
                    title=article.title,
                    publication=PublicationDoc(id=0, name="Feuillet"),
                    articles=(placeholder,),
                )
            else:
                issue = services.issue_document(issue_id)
                issue = replace(
                    issue,
                    articles=tuple(placeholder if a.id == ident else a for a in issue.articles),
                )
            self.prefix = ""
        else:
            issue = services.issue_document(ident)
            live = live_text if live_text is not None else issue.introduction_markdown
            issue = replace(issue, introduction_markdown=LIVE_TOKEN)
            self.prefix = "intro-"  # what the issue page gives the introduction's ids
        self.language = issue.publication.language
        texts = [live, issue.sign_off_markdown, *(a.body_markdown for a in issue.articles)]
        if issue.publication.logo_sha256:
            texts.append(f"asset:{issue.publication.logo_sha256}")
        assets = {sha: info for sha, info in self._assets_of(services, texts).items() if info}
        self.version += 1
        self.sent_lines = (live or "").split("\n")
        self.sent_assets = set(assets)
        self.resync = False
        return {
            "op": "page",
            "version": self.version,
            "kind": kind,
            "article_id": ident,
            "issue": issue_to_json(issue),
            "text": live,
            "prefix": self.prefix,
            "assets": assets,
            "theme": theme,
            "generation": generation,
        }

    def _new_assets(self, services: Any, texts: list[str]) -> bool:
        """Add the existing library images ``texts`` reference; True if any was new."""
        found = {sha for sha, info in self._assets_of(services, texts).items() if info}
        if found <= self.sent_assets:
            return False
        self.sent_assets |= found
        return True

    def _assets_of(self, services: Any, texts: list[str]) -> dict[str, dict[str, Any] | None]:
        """Infos of the library images the texts reference (cached per page)."""
        store = services.asset_store()
        found: dict[str, dict[str, Any] | None] = {}
        for text in texts:
            for sha in set(_ASSET_REF.findall(text or "")):
                if sha not in self.asset_cache:
                    info = store.asset_info(sha)
                    self.asset_cache[sha] = asdict(info) if info is not None else None
                found[sha] = self.asset_cache[sha]
        return found
