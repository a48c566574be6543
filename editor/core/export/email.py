"""The e-mail export: the e-mail theme with CSS inlined, and its plain-text twin.

Mail clients drop <style> blocks and never load files from the reader's disk,
so css-inline copies every rule into style="" attributes (custom properties
resolved, remote stylesheets never fetched) and images point at the bundle
published under the publication's base URL. The plain-text alternative is
built from the same rendered content, for clients and readers that want text.
"""

from __future__ import annotations

import css_inline

from editor.core.export.errors import ExportError
from editor.core.export.htmltools import html_to_text
from editor.core.export.pages import PageBuilder, theme_labels
from editor.core.export.site import ImageLinker, PreparedIssue
from editor.core.export.themes import Theme

EMAIL_CONTENT_WIDTH = 536  # 600 px container minus 2 × 32 px padding


def _preheader(prepared: PreparedIssue) -> str:
    """The line mail clients show after the subject: the article titles."""
    titles = [a.title_text for a in prepared.content.articles if a.title_text]
    return " · ".join(titles)[:150]


def inline_css(html: str) -> str:
    inliner = css_inline.CSSInliner(
        inline_style_tags=True,
        keep_style_tags=False,
        keep_link_tags=False,
        keep_at_rules=True,  # @media stays in a <style> for clients that read it
        load_remote_stylesheets=False,
        resolve_css_variables=True,
    )
    try:
        return inliner.inline(html)
    except (css_inline.InlineError, ValueError) as exc:
        raise ExportError(f"The e-mail theme's CSS could not be inlined: {exc}") from exc


def build_email(prepared: PreparedIssue, theme: Theme, *, online_url: str) -> tuple[str, str]:
    """The e-mail HTML (CSS inlined) and its plain-text alternative."""
    builder = PageBuilder(
        theme,
        prepared.content,
        logo_src=prepared.logo_token,
        online_url=online_url,
        has_article_pages=True,
        preheader=_preheader(prepared),
    )
    linker = ImageLinker(
        prepared.images,
        "absolute",
        base_url=online_url,
        display_width=1440,
        max_attr_width=EMAIL_CONTENT_WIDTH,
    )
    page = linker.rewrite(builder.issue_page(template="email.html"), 0)
    return inline_css(page), build_plain_text(prepared, online_url)


def build_plain_text(prepared: PreparedIssue, online_url: str) -> str:
    content = prepared.content
    issue = content.issue
    publication = issue.publication
    t = theme_labels(publication.language)
    rule = "=" * 60
    parts: list[str] = [publication.name.upper()]
    meta = " · ".join(x for x in (issue.label, content.date_text) if x)
    if meta:
        parts.append(meta)
    parts += ["", content.title_text, rule]
    if online_url:
        colon = " :" if publication.language.startswith("fr") else ":"  # French typography
        parts += [f"{t['read_online']}{colon} {online_url}index.html", ""]
    if content.articles:
        parts.append(t["contents"].upper())
        parts += [f"{i}. {a.title_text}" for i, a in enumerate(content.articles, 1)]
        parts.append("")
    if content.introduction:
        parts += [html_to_text(content.introduction), ""]
    for view in content.articles:
        parts += ["-" * 60, ""]
        if view.kicker:
            parts.append(view.kicker.upper())
        parts += [view.title_text, ""]
        if view.standfirst:
            parts += [view.standfirst.striptags(), ""]
        if view.byline_name:
            byline = view.byline_name + (f", {view.byline_role}" if view.byline_role else "")
            parts += [byline, ""]
        parts += [html_to_text(view.body), ""]
        for label, value in ((t["source_label"], view.source), (t["credit_label"], view.credit)):
            if value:
                parts.append(_labelled(label, str(value)))
        if online_url:
            parts.append(f"{online_url}articles/{view.slug}.html")
        parts.append("")
    if content.sign_off:
        parts += ["-" * 60, "", html_to_text(content.sign_off), ""]
    parts += [rule, publication.name]
    parts += list(publication.footer_lines) + list(publication.legal_lines)
    return "\n".join(parts).strip() + "\n"


def _labelled(label: str, value: str) -> str:
    """ "Source : …" unless the writer already typed a label (as the themes do)."""
    if value.lower().startswith(("source", "crédit", "credit", "copyright")):
        return value
    return f"{label} {value}"
