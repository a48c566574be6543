"""The Atom feed of one issue (RFC 4287): one entry per article.

Everything in it derives from the issue, never from the clock, so that two
exports of the same issue give the same bytes (the zip export relies on it).
Ids are URLs when the publication has a base URL, else name-based UUIDs that
stay stable across exports.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time

from editor import APP_NAME, __version__
from editor.core.export.pages import IssueContent

ATOM_NS = "http://www.w3.org/2005/Atom"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


# Characters XML 1.0 forbids (NUL, most C0 controls, lone surrogates, U+FFFE/F):
# ElementTree writes them as is, which makes the whole feed unreadable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def _rfc3339(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # the library stores naive UTC times
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _issue_time(day: date | None) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC) if day else _EPOCH


def _stable_id(*parts: object) -> str:
    name = "feuillet:" + "/".join(str(part) for part in parts)
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def build_feed(
    content: IssueContent, bodies: list[str], *, online_url: str = "", self_href: str = "feed.xml"
) -> bytes:
    """Atom XML; ``bodies`` are the article bodies with image URLs relative to the feed."""
    issue = content.issue
    publication = issue.publication
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        clean = {key: _xml_safe(value) for key, value in attrs.items()}
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", clean)
        if text is not None:
            element.text = _xml_safe(text)
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    if online_url:
        feed.set("{http://www.w3.org/XML/1998/namespace}base", online_url)
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", publication.language or "fr")
    sub(feed, "id", online_url or _stable_id("publication", publication.id, "issue", issue.id))
    sub(feed, "title", content.title_text or publication.name)
    if content.date_text:
        sub(feed, "subtitle", f"{publication.name} – {content.date_text}")
    issue_time = _issue_time(issue.date)
    times = [issue_time] + [a.updated for a in issue.articles if a.updated is not None]
    normalised = [t if t.tzinfo else t.replace(tzinfo=UTC) for t in times]
    sub(feed, "updated", _rfc3339(max(normalised)))
    author = sub(feed, "author")
    sub(author, "name", publication.name)
    sub(feed, "link", rel="alternate", type="text/html", href="index.html")
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_href)
    sub(feed, "generator", APP_NAME, version=__version__)

    for view, article, body in zip(content.articles, issue.articles, bodies, strict=True):
        entry = sub(feed, "entry")
        href = f"articles/{view.slug}.html"
        sub(
            entry,
            "id",
            online_url + href
            if online_url
            else _stable_id(
                "publication", publication.id, "issue", issue.id, "article", article.id
            ),
        )
        sub(entry, "title", view.title_text or view.slug)
        sub(entry, "updated", _rfc3339(article.updated or issue_time))
        if article.byline_name:
            entry_author = sub(entry, "author")
            sub(entry_author, "name", article.byline_name)
        sub(entry, "link", rel="alternate", type="text/html", href=href)
        if article.standfirst:
            sub(entry, "summary", view.standfirst.striptags())
        sub(entry, "content", body, type="html")
        for tag in article.tags:
            if tag.strip():
                sub(entry, "category", term=tag.strip())

    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
