"""``::: a-lire`` boxes: a pointer to an external article.

Output::

    <aside class="a-lire">
      <p class="a-lire-label">À lire</p>
      <p class="a-lire-title">title</p>
      <div class="a-lire-summary">…optional Markdown…</div>
      <p class="a-lire-more"><a href="url">Lire la suite</a>
         <span class="a-lire-source">source</span></p>
    </aside>

The link label follows the publication language. A URL that is not http(s)
is not linked but shown as text, so a typo never hides the address.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension

from ..options import labels_for
from ..urls import url_scheme
from .fenced import (
    BLOCK_PRIORITY,
    FencedBlockProcessor,
    add_text_element,
    parse_fields,
    register_spacing,
)

FIELDS = {
    "title": "title",
    "titre": "title",
    "source": "source",
    "url": "url",
    "lien": "url",
    "link": "url",
}


class ALireProcessor(FencedBlockProcessor):
    names = frozenset({"a-lire", "à-lire", "alire", "read-more"})

    def __init__(self, parser: object, language: str) -> None:
        super().__init__(parser)  # type: ignore[arg-type]
        self.labels = labels_for(language)

    def build(self, parent: etree.Element, name: str, lines: list[str]) -> None:
        fields, rest = parse_fields(lines, FIELDS)
        aside = etree.SubElement(parent, "aside")
        aside.set("class", "a-lire")
        add_text_element(aside, "p", self.labels.a_lire, "a-lire-label")
        title = fields.get("title", "").strip()
        if title:
            add_text_element(aside, "p", title, "a-lire-title")
        if any(line.strip() for line in rest):
            summary = etree.SubElement(aside, "div")
            summary.set("class", "a-lire-summary")
            self.parse_markdown(summary, rest)
        url = fields.get("url", "").strip()
        source = fields.get("source", "").strip()
        if not url and not source:
            return
        more = add_text_element(aside, "p", "", "a-lire-more")
        if url and url_scheme(url) in {"http", "https"}:
            link = add_text_element(more, "a", self.labels.read_more)
            link.set("href", url)
            if source:
                link.tail = " "
        elif url:
            # Not a web address: show it rather than link it or drop it.
            add_text_element(more, "span", url, "a-lire-url").tail = " " if source else ""
        if source:
            add_text_element(more, "span", source, "a-lire-source")


class ALireExtension(Extension):
    """Register the ``::: a-lire`` block; ``language`` picks the link label."""

    def __init__(self, **kwargs: object) -> None:
        self.config = {"language": ["fr", "Publication language"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        register_spacing(md)
        processor = ALireProcessor(md.parser, str(self.getConfig("language")))
        md.parser.blockprocessors.register(processor, "feuillet_a_lire", BLOCK_PRIORITY)
