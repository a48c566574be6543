"""``::: quote`` blocks: a pull quote with its attribution.

The last line, when it starts with ``--``, ``—`` or ``–``, is the attribution.
Output::

    <figure class="pull-quote">
      <blockquote><p>quote…</p></blockquote>
      <figcaption>— attribution</figcaption>
    </figure>
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension

from .fenced import BLOCK_PRIORITY, FencedBlockProcessor, add_text_element, register_spacing

_ATTRIBUTION_RE = re.compile(r"^\s*(?:--+|—|–)\s*(.*?)\s*$")


class PullQuoteProcessor(FencedBlockProcessor):
    names = frozenset({"quote", "citation", "pull-quote"})

    def build(self, parent: etree.Element, name: str, lines: list[str]) -> None:
        body = list(lines)
        while body and not body[-1].strip():
            body.pop()
        attribution = None
        if body:
            match = _ATTRIBUTION_RE.match(body[-1])
            if match and match.group(1):
                attribution = match.group(1)
                body.pop()
        figure = etree.SubElement(parent, "figure")
        figure.set("class", "pull-quote")
        quote = etree.SubElement(figure, "blockquote")
        self.parse_markdown(quote, body)
        if attribution:
            add_text_element(figure, "figcaption", "— " + attribution)


class PullQuoteExtension(Extension):
    """Register the ``::: quote`` block."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        register_spacing(md)
        md.parser.blockprocessors.register(
            PullQuoteProcessor(md.parser), "feuillet_pull_quote", BLOCK_PRIORITY
        )
