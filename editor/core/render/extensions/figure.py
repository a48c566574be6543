"""``::: figure`` blocks: a library image with its caption, credit and alt text.

Output::

    <figure class="figure">
      <img src="asset:<sha>" alt="…">
      <figcaption>caption <span class="credit">credit</span></figcaption>
    </figure>

The ``src`` stays an ``asset:`` URL here; the assets extension resolves it (or
replaces the image by its alt text) exactly as for a plain Markdown image.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension

from .fenced import (
    BLOCK_PRIORITY,
    FencedBlockProcessor,
    add_text_element,
    parse_fields,
    register_spacing,
)

FIELDS = {
    "image": "image",
    "src": "image",
    "alt": "alt",
    "caption": "caption",
    "légende": "caption",
    "legende": "caption",
    "credit": "credit",
    "crédit": "credit",
}


class FigureProcessor(FencedBlockProcessor):
    names = frozenset({"figure"})

    def build(self, parent: etree.Element, name: str, lines: list[str]) -> None:
        fields, rest = parse_fields(lines, FIELDS)
        figure = etree.SubElement(parent, "figure")
        figure.set("class", "figure")
        image = fields.get("image", "").strip()
        alt = fields.get("alt", "")
        if image:
            img = etree.SubElement(figure, "img")
            img.set("src", image)
            img.set("alt", alt)
        elif alt.strip():
            # No image to describe: keep the words visible.
            add_text_element(figure, "span", alt, "image-refused")
        caption = fields.get("caption", "")
        credit = fields.get("credit", "")
        if caption.strip() or credit.strip() or any(line.strip() for line in rest):
            figcaption = etree.SubElement(figure, "figcaption")
            figcaption.text = caption + (" " if caption.strip() and credit.strip() else "")
            if credit.strip():
                add_text_element(figcaption, "span", credit, "credit")
            # Lines that are not fields (a misspelt key, free text) are kept.
            self.parse_markdown(figcaption, rest)


class FigureExtension(Extension):
    """Register the ``::: figure`` block."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        register_spacing(md)
        md.parser.blockprocessors.register(
            FigureProcessor(md.parser), "feuillet_figure", BLOCK_PRIORITY
        )
