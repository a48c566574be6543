"""Pre-publish checks: what to fix before an issue goes out.

``check_issue`` renders the issue with the same renderer as the export and
reports problems with a severity (``error`` blocks publishing in the CLI's
exit status, ``warning`` only informs), a stable code, the article concerned
and a message in French and in English from one catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from editor.core.document import ArticleDoc, AssetStore, IssueDoc
from editor.core.export.rendering import MarkdownRenderer

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_SIDE = 6000
GENERIC_LINK_TEXTS = frozenset(
    {
        "ici", "cliquez ici", "cliquer ici", "clic ici", "lire la suite", "en savoir plus",
        "la suite", "suite", "lien", "plus", "voir", "voir ici",
        "click here", "here", "read more", "more", "link", "this link", "learn more",
    }
)  # fmt: skip

# code → (severity, French, English); messages take str.format parameters.
CATALOGUE: dict[str, tuple[str, str, str]] = {
    "issue-no-title": ("error", "Le numéro n’a pas de titre.", "The issue has no title."),
    "issue-no-date": ("error", "Le numéro n’a pas de date.", "The issue has no date."),
    "issue-no-articles": (
        "warning",
        "Le numéro ne contient aucun article.",
        "The issue has no article.",
    ),
    "article-no-title": ("error", "Un article n’a pas de titre.", "An article has no title."),
    "article-empty": (
        "error",
        "L’article « {title} » est vide.",
        "The article “{title}” is empty.",
    ),
    "article-render-failed": (
        "error",
        "« {title} » ne peut pas être mis en page ({reason}) : il serait publié en texte brut.",
        "“{title}” cannot be laid out ({reason}): it would be published as plain text.",
    ),
    "link-no-address": (
        "error",
        "« {title} » a un lien sans adresse ({href}) : complétez-le ou retirez-le.",
        "“{title}” has a link with no address ({href}): complete or remove it.",
    ),
    "a-lire-no-url": (
        "error",
        "L’encadré « À lire » de « {title} » n’a pas d’adresse (url:).",
        "The “À lire” box in “{title}” has no address (url:).",
    ),
    "article-draft": (
        "warning",
        "« {title} » est encore à l’état de brouillon.",
        "“{title}” is still a draft.",
    ),
    "image-no-alt": (
        "error",
        "Une image de « {title} » n’a pas de texte alternatif ({src}).",
        "An image in “{title}” has no alt text ({src}).",
    ),
    "asset-unknown": (
        "error",
        "« {title} » montre une image absente de la bibliothèque ({sha}).",
        "“{title}” shows an image that is not in the library ({sha}).",
    ),
    "image-remote": (
        "warning",
        "« {title} » contient une image du web, qui ne sera pas publiée ({src}).",
        "“{title}” contains an image from the web, which will not be published ({src}).",
    ),
    "image-too-large": (
        "warning",
        "L’image {name} est très lourde ({detail}) : elle ralentira la lecture.",
        "The image {name} is very large ({detail}): it will slow readers down.",
    ),
    "link-broken-anchor": (
        "error",
        "« {title} » : le lien vers « {href} » ne mène à aucun titre ni note de l’article.",
        "“{title}”: the link to “{href}” leads to no heading or note of the article.",
    ),
    "link-refused": (
        "warning",
        "« {title} » : le lien « {href} » est refusé (adresse dangereuse) et sera publié "
        "comme simple texte.",
        "“{title}”: the link “{href}” is refused (unsafe address) and will be published "
        "as plain text.",
    ),
    "link-generic-text": (
        "warning",
        "« {title} » : le texte de lien « {text} » ne dit pas où il mène.",
        "“{title}”: the link text “{text}” does not say where it leads.",
    ),
    "heading-skip": (
        "warning",
        "« {title} » : le titre « {heading} » saute un niveau (niveau {level} après {previous}).",
        "“{title}”: the heading “{heading}” skips a level (level {level} after {previous}).",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One finding of the checker, in both languages."""

    severity: str
    code: str
    article_id: int | None
    message_fr: str
    message_en: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def message(self, language: str = "fr") -> str:
        return self.message_en if language.lower().startswith("en") else self.message_fr

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "article_id": self.article_id,
            "message_fr": self.message_fr,
            "message_en": self.message_en,
        }


def problem(code: str, article_id: int | None = None, **params: Any) -> Problem:
    severity, french, english = CATALOGUE[code]
    return Problem(
        severity, code, article_id, french.format(**params), english.format(**params), params
    )


_A_LIRE_URL = re.compile(r"^:::\s*a-lire\s*$(.*?)^:::\s*$", re.MULTILINE | re.DOTALL)
_URL_FIELD = re.compile(r"^url:\s*(\S+)", re.MULTILINE)


def _a_lire_urls(markdown_text: str) -> set[str]:
    """URLs of "À lire" boxes: their "Lire la suite" link has the box as context."""
    return {
        url for block in _A_LIRE_URL.findall(markdown_text) for url in _URL_FIELD.findall(block)
    }


def _has_host(url: str) -> bool:
    return bool(urlsplit(url.strip()).hostname)


def _normalise(text: str) -> str:
    return re.sub(r"[\s\u00a0…\.!:>»«→]+", " ", text.lower()).strip()


def _check_article(
    article: ArticleDoc, renderer: MarkdownRenderer, assets: AssetStore
) -> tuple[list[Problem], set[str]]:
    found: list[Problem] = []
    title = article.title.strip() or f"#{article.id}"
    if not article.title.strip():
        found.append(problem("article-no-title", article.id))
    if article.status == "draft":
        found.append(problem("article-draft", article.id, title=title))
    if not article.body_markdown.strip():
        found.append(problem("article-empty", article.id, title=title))
        return found, set()
    result = renderer.render(article.body_markdown)
    if result.error:
        reason = str(result.error)[:120]
        found.append(problem("article-render-failed", article.id, title=title, reason=reason))
    for src in result.images_missing_alt:
        found.append(problem("image-no-alt", article.id, title=title, src=src[:80]))
    for src in result.refused_images:
        if src.startswith("asset:"):
            found.append(problem("asset-unknown", article.id, title=title, sha=src[6:18]))
        else:
            found.append(problem("image-remote", article.id, title=title, src=src[:80]))
    anchors = set(result.anchors)
    boxes = _a_lire_urls(article.body_markdown)
    if _A_LIRE_URL.search(article.body_markdown) and not any(_has_host(url) for url in boxes):
        found.append(problem("a-lire-no-url", article.id, title=title))
    for link in result.links:
        bare = link.href.startswith(("http://", "https://")) and not _has_host(link.href)
        if bare and link.href not in boxes:  # a box's own link is reported once, above
            # A toolbar template's "https://" left as it was.
            found.append(problem("link-no-address", article.id, title=title, href=link.href))
        if link.href.startswith("#") and link.href[1:] not in anchors:
            found.append(problem("link-broken-anchor", article.id, title=title, href=link.href))
        if _normalise(link.text) in GENERIC_LINK_TEXTS and link.href not in boxes:
            found.append(problem("link-generic-text", article.id, title=title, text=link.text))
    for link in result.rejected_links:
        if link.href.startswith(("http://", "https://")) and not _has_host(link.href):
            if link.href not in boxes:
                found.append(problem("link-no-address", article.id, title=title, href=link.href))
            continue
        found.append(problem("link-refused", article.id, title=title, href=link.href[:80]))
    # the export lifts the body's top level right below the title (see pages),
    # so only jumps inside the body are gaps
    previous = min((h.level for h in result.headings), default=1) - 1
    for heading in result.headings:
        if heading.level > previous + 1:
            found.append(
                problem(
                    "heading-skip",
                    article.id,
                    title=title,
                    heading=heading.text,
                    level=heading.level,
                    previous=previous,
                )  # fmt: skip
            )
        previous = heading.level
    return found, set(result.referenced_assets)


def _check_image(sha: str, assets: AssetStore) -> Problem | None:
    info = assets.asset_info(sha)
    if info is None:
        return None
    details = []
    try:
        size = len(assets.asset_bytes(sha))
    except KeyError:
        size = 0
    if size > MAX_IMAGE_BYTES:
        details.append(f"{size / (1024 * 1024):.1f} Mo/MB")
    if max(info.width or 0, info.height or 0) > MAX_IMAGE_SIDE:
        details.append(f"{info.width}×{info.height} px")
    if not details:
        return None
    name = info.original_name or sha[:12]
    return problem("image-too-large", None, name=name, detail=", ".join(details))


def check_issue(issue: IssueDoc, assets: AssetStore) -> list[Problem]:
    """Every problem found in ``issue``, errors first, in reading order."""
    found: list[Problem] = []
    if not issue.title.strip():
        found.append(problem("issue-no-title"))
    if issue.date is None:
        found.append(problem("issue-no-date"))
    if not issue.articles:
        found.append(problem("issue-no-articles"))
    renderer = MarkdownRenderer(
        issue.publication.language,
        lambda sha: f"assets/{sha}" if assets.asset_info(sha) is not None else None,
    )
    images: set[str] = set()
    for article in issue.articles:
        article_problems, article_images = _check_article(article, renderer, assets)
        found += article_problems
        images |= article_images
    for markdown_text in (issue.introduction_markdown, issue.sign_off_markdown):
        if markdown_text.strip():
            images |= set(renderer.render(markdown_text).referenced_assets)
    for sha in sorted(images):
        too_large = _check_image(sha, assets)
        if too_large is not None:
            found.append(too_large)
    return sorted(found, key=lambda p: p.severity != "error")
