"""Issue and article pages: Markdown rendered once, then laid out by a theme.

``render_issue_page`` and ``render_article_page`` are what the window's
preview calls, with its own ``asset_url`` (its custom scheme); the exporters
build the very same pages through :class:`PageBuilder`, then rewrite image
tags for their target (responsive files, data: URIs or absolute URLs). So the
preview shows exactly the exported layout.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

import editor
from editor.core.document import AssetStore, IssueDoc
from editor.core.export.colors import palette
from editor.core.export.errors import ExportError
from editor.core.export.htmltools import prefix_ids, shift_headings, undated_times_to_spans
from editor.core.export.l10n import base_language, format_date, html_lang, labels
from editor.core.export.rendering import AssetUrl, MarkdownRenderer
from editor.core.export.slugs import SlugAllocator, slugify
from editor.core.export.themes import Theme, find_theme

TOKEN_PREFIX = "assets/"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ArticleView:
    """One article with its fields rendered, ready for any theme."""

    id: int
    slug: str
    anchor: str
    title: Markup
    title_text: str
    kicker: str
    standfirst: Markup
    byline_name: str
    byline_role: str
    body: Markup
    source: str
    credit: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class IssueContent:
    """An issue rendered once; pages, feed and checks all read it."""

    issue: IssueDoc
    slug: str
    title: Markup
    title_text: str
    date_text: str
    date_iso: str
    introduction: Markup
    sign_off: Markup
    articles: tuple[ArticleView, ...]
    referenced_assets: frozenset[str]
    missing_assets: frozenset[str]


def asset_token(sha256: str) -> str:
    """The URL the export gives the renderer for an image, rewritten per target later."""
    return TOKEN_PREFIX + sha256


def token_sha(src: str) -> str | None:
    sha = src[len(TOKEN_PREFIX) :] if src.startswith(TOKEN_PREFIX) else ""
    return sha if _SHA256.match(sha) else None


def build_content(issue: IssueDoc, assets: AssetStore, asset_url: AssetUrl | None) -> IssueContent:
    """Render every Markdown and inline field of ``issue`` with one renderer."""
    referenced: set[str] = set()
    missing: set[str] = set()

    def resolve(sha256: str) -> str | None:
        if assets.asset_info(sha256) is None:
            missing.add(sha256)
            return None  # unknown asset: the renderer leaves the image out, the checker says so
        url = asset_url(sha256) if asset_url else None
        if url is not None:
            referenced.add(sha256)
        return url

    renderer = MarkdownRenderer(issue.publication.language, resolve)
    slugs = SlugAllocator()
    articles = []
    for article in issue.articles:
        title = Markup(renderer.inline(article.title))
        slug = slugs.allocate(article.title, fallback=f"article-{article.id}")
        articles.append(
            ArticleView(
                id=article.id,
                slug=slug,
                anchor=f"article-{slug}",
                title=title,
                title_text=title.striptags(),
                kicker=article.kicker,
                standfirst=Markup(renderer.inline(article.standfirst)),
                byline_name=article.byline_name,
                byline_role=article.byline_role,
                body=Markup(_body_html(renderer.render(article.body_markdown))),
                source=article.source,
                credit=article.credit,
                tags=article.tags,
            )
        )
    title = Markup(renderer.inline(issue.title))
    language = issue.publication.language
    return IssueContent(
        issue=issue,
        slug=slugify(issue.label or issue.title, fallback=f"issue-{issue.id}"),
        title=title,
        title_text=title.striptags(),
        date_text=format_date(issue.date, language),
        date_iso=issue.date.isoformat() if issue.date else "",
        introduction=Markup(_body_html(renderer.render(issue.introduction_markdown))),
        sign_off=Markup(_body_html(renderer.render(issue.sign_off_markdown))),
        articles=tuple(articles),
        referenced_assets=frozenset(referenced),
        missing_assets=frozenset(missing),
    )


def _body_html(result: Any) -> str:
    """A body whose top headings sit right below the article title (h2 on its page).

    Some writers start at "#", others at "##" (keeping "#" for the title):
    either way the output outline has no gap.
    """
    html = undated_times_to_spans(result.html)
    if not result.headings:
        return html
    return shift_headings(html, 2 - min(h.level for h in result.headings))


def theme_labels(language: str) -> dict[str, str]:
    """The labels ``t.*`` given to themes, with the article field prefixes.

    "Source : …" / "Crédit : …" take a narrow no-break space before the colon
    in French, as the renderer's typography does.
    """
    t = labels(language)
    if base_language(language) == "fr":
        t.setdefault("source_label", "Source\u202f:")
        t.setdefault("credit_label", "Crédit\u202f:")
    else:
        t.setdefault("source_label", "Source:")
        t.setdefault("credit_label", "Credit:")
    return t


def _safe_css(css: str) -> Markup:
    """CSS to print inside <style>: a "</style" in it must not close the element."""
    return Markup(css.replace("</", "<\\/"))


def stylesheet_for(theme: Theme, issue: IssueDoc) -> str:
    """Theme CSS preceded by the publication's colours as custom properties."""
    colors = palette(issue.publication.primary_color, issue.publication.accent_color)
    variables = "".join(f"--{name.replace('_', '-')}:{value};" for name, value in colors.items())
    return f":root{{{variables}}}\n{theme.stylesheet_text()}"


class PageBuilder:
    """Lays out one rendered issue with one theme.

    ``stylesheet_href`` links the CSS (bundle); without it the CSS is inlined
    (preview, single file, e-mail). ``online_url`` is the issue's public URL,
    when known.
    """

    def __init__(
        self,
        theme: Theme,
        content: IssueContent,
        *,
        logo_src: str | None = None,
        stylesheet_href: str | None = None,
        online_url: str = "",
        has_article_pages: bool = True,
        preheader: str = "",
    ) -> None:
        self.theme = theme
        self.content = content
        self._logo_src = logo_src
        self._stylesheet_href = stylesheet_href
        self._online_url = online_url
        self._has_article_pages = has_article_pages
        self._preheader = preheader
        self._css = "" if stylesheet_href else stylesheet_for(theme, content.issue)

    def _base_context(self, depth: int) -> dict[str, object]:
        issue = self.content.issue
        publication = issue.publication
        up = "../" * depth
        logo = None
        if self._logo_src:
            # an export token stays as is: the image linker adds "../" for article pages
            alt = f"{labels(publication.language)['logo_of']} {publication.name}"
            logo = {"src": self._logo_src, "alt": alt}
        return {
            "lang": html_lang(publication.language),
            "t": theme_labels(publication.language),
            "colors": palette(publication.primary_color, publication.accent_color),
            "stylesheet": {
                "href": up + self._stylesheet_href if self._stylesheet_href else "",
                "text": _safe_css(self._css),
            },
            "generator": f"{editor.APP_NAME} {editor.__version__}",
            "publication": {
                "name": publication.name,
                "logo": logo,
                "footer_lines": list(publication.footer_lines),
                "legal_lines": list(publication.legal_lines),
            },
            "issue": {
                "title": self.content.title,
                "title_text": self.content.title_text,
                "label": issue.label,
                "date_text": self.content.date_text,
                "date_iso": self.content.date_iso,
                "introduction": self.content.introduction,
                "sign_off": self.content.sign_off,
                "online_url": self._online_url,
            },
            "home_href": f"{up}index.html",
            "has_article_pages": self._has_article_pages,
            "preheader": self._preheader,
            "articles": [self._article_context(a, up) for a in self.content.articles],
        }

    def _article_context(self, article: ArticleView, up: str) -> dict[str, object]:
        online = self._online_url
        return {
            "online_href": f"{online}articles/{article.slug}.html" if online else "",
            "id": article.id,
            "slug": article.slug,
            "anchor": article.anchor,
            "href": f"{up}articles/{article.slug}.html",
            "title": article.title,
            "title_text": article.title_text,
            "kicker": article.kicker,
            "standfirst": article.standfirst,
            "byline_name": article.byline_name,
            "byline_role": article.byline_role,
            "body": article.body,
            "source": article.source,
            "credit": article.credit,
            "tags": list(article.tags),
        }

    def issue_page(self, template: str = "issue.html") -> str:
        """The whole issue on one page, article ids prefixed so none collide."""
        context = self._base_context(0)
        for article in context["articles"]:  # type: ignore[union-attr]
            # bodies are rendered for the article page (title h1, headings from h2);
            # here titles are h2, so their headings move one level down
            body = shift_headings(article["body"], 1)
            article["body"] = Markup(prefix_ids(body, f"{article['anchor']}-"))
        issue = context["issue"]
        issue["introduction"] = Markup(prefix_ids(issue["introduction"], "intro-"))  # type: ignore[index]
        issue["sign_off"] = Markup(prefix_ids(issue["sign_off"], "signoff-"))  # type: ignore[index]
        context["page_title"] = self.content.title_text
        return self.theme.render(template, context)

    def article_page(self, index: int, template: str = "article.html") -> str:
        """One article alone, with links to the previous and next ones."""
        context = self._base_context(1)
        articles: list[dict[str, object]] = context["articles"]  # type: ignore[assignment]
        if not 0 <= index < len(articles):
            raise ExportError(f"The issue has no article number {index + 1}.")
        context["article"] = articles[index]
        context["previous"] = articles[index - 1] if index > 0 else None
        context["next"] = articles[index + 1] if index + 1 < len(articles) else None
        context["page_title"] = f"{articles[index]['title_text']} – {self.content.title_text}"
        return self.theme.render(template, context)


def _web_theme(
    issue: IssueDoc, theme: str | Theme | None, themes_dirs: Iterable[Path | str]
) -> Theme:
    if isinstance(theme, Theme):
        return theme
    name = theme or issue.publication.theme or "newsletter"
    found = find_theme(name, themes_dirs=themes_dirs)
    if found.kind != "web" and theme is None:
        found = find_theme("newsletter", kind="web", themes_dirs=themes_dirs)
    return found


def _preview_builder(
    issue: IssueDoc,
    assets: AssetStore,
    theme: str | Theme | None,
    asset_url: Callable[[str], str | None] | None,
    themes_dirs: Iterable[Path | str],
) -> PageBuilder:
    chosen = _web_theme(issue, theme, themes_dirs)
    content = build_content(issue, assets, asset_url)
    logo_sha = issue.publication.logo_sha256
    logo_src = (
        asset_url(logo_sha) if asset_url and logo_sha and assets.asset_info(logo_sha) else None
    )
    return PageBuilder(chosen, content, logo_src=logo_src)


def render_issue_page(
    issue: IssueDoc,
    assets: AssetStore,
    *,
    theme: str | Theme | None = None,
    asset_url: Callable[[str], str | None] | None = None,
    themes_dirs: Iterable[Path | str] = (),
) -> str:
    """The issue page exactly as exported, CSS inlined, images through ``asset_url``.

    ``theme`` defaults to the publication's theme. ``asset_url(sha256)`` gives
    the URL of an image (the preview's own scheme); without it images are left out.
    """
    return _preview_builder(issue, assets, theme, asset_url, themes_dirs).issue_page()


def render_article_page(
    issue: IssueDoc,
    assets: AssetStore,
    article_id: int,
    *,
    theme: str | Theme | None = None,
    asset_url: Callable[[str], str | None] | None = None,
    themes_dirs: Iterable[Path | str] = (),
) -> str:
    """The standalone page of the article ``article_id``, as exported."""
    ids = [article.id for article in issue.articles]
    if article_id not in ids:
        raise ExportError(f"Article {article_id} is not in issue {issue.id}.")
    builder = _preview_builder(issue, assets, theme, asset_url, themes_dirs)
    return builder.article_page(ids.index(article_id))
