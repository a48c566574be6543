"""Small, exact rewrites of sanitised HTML fragments, and HTML → plain text.

The renderer's output is already sanitised (nh3 serialises every attribute in
double quotes and escapes ``<`` in text), which makes a tag-level regular
expression reliable here; a full parse and re-serialisation would change the
markup the preview shows.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from lxml import html as lxml_html

# A start tag, quoted attribute values allowed to contain ">".
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")


def parse_attributes(raw: str) -> dict[str, str]:
    """Attributes of one start tag, values unescaped."""
    attributes: dict[str, str] = {}
    for match in _ATTR.finditer(raw):
        name = match.group(1).lower()
        value = next((g for g in match.group(2, 3, 4) if g is not None), "")
        attributes.setdefault(name, html.unescape(value))
    return attributes


def build_tag(name: str, attributes: dict[str, str]) -> str:
    parts = [name] + [
        f'{key}="{html.escape(value, quote=True)}"' for key, value in attributes.items()
    ]
    return "<" + " ".join(parts) + ">"


def rewrite_tags(
    fragment: str, tag: str, rewrite: Callable[[dict[str, str]], dict[str, str] | None]
) -> str:
    """Replace the attributes of every ``tag`` start tag; None keeps the tag as is."""

    def replace(match: re.Match[str]) -> str:
        if match.group(1).lower() != tag:
            return match.group(0)
        new = rewrite(parse_attributes(match.group(2)))
        return match.group(0) if new is None else build_tag(match.group(1), new)

    return _TAG.sub(replace, fragment)


def prefix_ids(fragment: str, prefix: str) -> str:
    """Prefix every ``id`` and every in-page ``href="#…"`` of a fragment.

    Several article bodies share the issue page; without this two "## Contexte"
    headings or two first footnotes would give duplicate ids.
    """

    def replace(match: re.Match[str]) -> str:
        attributes = parse_attributes(match.group(2))
        changed = False
        if "id" in attributes:
            attributes["id"] = prefix + attributes["id"]
            changed = True
        href = attributes.get("href", "")
        if href.startswith("#") and len(href) > 1:
            attributes["href"] = "#" + prefix + href[1:]
            changed = True
        return build_tag(match.group(1), attributes) if changed else match.group(0)

    return _TAG.sub(replace, fragment)


def undated_times_to_spans(fragment: str) -> str:
    """``<time>20 septembre</time>`` → ``<span class="event-date">…</span>``.

    HTML requires a ``<time>`` without ``datetime`` to hold a machine-readable
    date; free-text event dates are not, and the Nu checker rejects the page.
    """
    return _UNDATED_TIME.sub(r'<span class="event-date">\1</span>', fragment)


_UNDATED_TIME = re.compile(r"<time>(.*?)</time>", re.S)
_HEADING = re.compile(r"<(/?)h([1-6])(?=[\s>])", re.IGNORECASE)


def shift_headings(fragment: str, by: int) -> str:
    """Move every heading ``by`` levels (+1: h2 → h3), staying within h1–h6."""
    if by == 0:
        return fragment
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{max(1, min(6, int(m.group(2)) + by))}", fragment)


def collect_ids(fragment: str) -> set[str]:
    return {
        attributes["id"]
        for match in _TAG.finditer(fragment)
        if "id" in (attributes := parse_attributes(match.group(2)))
    }


_BLOCKS = {"p", "div", "section", "article", "header", "footer", "blockquote", "figure",
           "figcaption", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
           "aside", "dl", "dt", "dd", "pre", "hr", "main", "nav"}  # fmt: skip


def html_to_text(fragment: str) -> str:
    """Readable plain text for the e-mail alternative: blocks, list dashes, link URLs."""
    if not fragment.strip():
        return ""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    chunks: list[str] = []

    def walk(node: object) -> None:
        tag = getattr(node, "tag", None)
        if not isinstance(tag, str):
            return  # comments, processing instructions
        if tag in {"script", "style"}:
            return
        if tag in _BLOCKS:
            chunks.append("\n\n")
        if tag == "li":
            chunks.append("\n- ")
        if tag == "br":
            chunks.append("\n")
        if tag == "img" and node.get("alt"):
            chunks.append(f"[{node.get('alt')}]")
        if node.text:
            chunks.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                chunks.append(child.tail)
        href = node.get("href", "") if tag == "a" else ""
        if href.startswith(("http://", "https://", "mailto:")):
            label = node.text_content().strip()
            if href.removeprefix("mailto:") != label:
                chunks.append(f" ({href})")
        if tag in {"td", "th"}:
            chunks.append("\t")
        if tag in _BLOCKS:
            chunks.append("\n\n")

    walk(root)
    text = "".join(chunks)
    lines = [" ".join(line.split()) if line.strip() else "" for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
