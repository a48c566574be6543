"""Source and credit lines: paragraphs set apart in small type.

A paragraph whose text starts with "Source :", "Sources :", "Crédit :",
"Credit:", "Crédits photo :", "Copyright ©" or "©" gets ``class="source"`` or
``class="credit"``. Matching is lenient about case and the space before the
colon, because the sample issues write "source: La Gazette des communes".
Runs after inline parsing, on the text as the reader will see it, so
``**Source :** …`` is recognised too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_SOURCE_RE = re.compile(r"^\s*sources?\s*[:\u00a0\u202f]", re.IGNORECASE)
_CREDIT_RE = re.compile(
    r"^\s*(?:(?:crédits?|credits?)(?:\s+photos?)?\s*[:\u00a0\u202f]|copyright\s*©|©|\(c\)\s)",
    re.IGNORECASE,
)
PRIORITY = 18  # after inline (20): the text is final; before typography


class SourceLinesTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for paragraph in root.iter("p"):
            if paragraph.get("class"):
                continue
            start = "".join(paragraph.itertext())[:40]
            if _SOURCE_RE.match(start):
                paragraph.set("class", "source")
            elif _CREDIT_RE.match(start):
                paragraph.set("class", "credit")


class SourceLinesExtension(Extension):
    """Mark source and credit paragraphs."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        md.treeprocessors.register(SourceLinesTreeprocessor(md), "feuillet_source_lines", PRIORITY)
