"""Read the finished tree: headings, links, ids; apply the id prefix.

Runs last among the tree processors, after ``unescape`` (0), so link texts
read as the reader sees them. When an ``id_prefix`` is configured, every id
and every in-document ``#link`` gets it, so several articles can share one
page without their footnotes (``fn:1``) or headings colliding.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..options import Heading, Link
from ..urls import is_safe_href

PRIORITY = -10
_HEADINGS = {f"h{level}": level for level in range(1, 7)}


class CollectedFacts:
    """What the collector found in one run; reset before every document."""

    def __init__(self) -> None:
        self.headings: list[Heading] = []
        self.links: list[Link] = []
        self.rejected_links: list[Link] = []
        self.anchors: list[str] = []

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]


class CollectTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, id_prefix: str, facts: CollectedFacts) -> None:
        super().__init__(md)
        self.id_prefix = id_prefix
        self.facts = facts

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            element_id = element.get("id")
            if element_id is not None:
                if self.id_prefix and not element_id.startswith(self.id_prefix):
                    element_id = self.id_prefix + element_id
                    element.set("id", element_id)
                self.facts.anchors.append(element_id)
            if element.tag == "a":
                self._link(element)
            level = _HEADINGS.get(str(element.tag))
            if level is not None:
                text = "".join(element.itertext()).strip()
                self.facts.headings.append(Heading(level, element_id or "", text))

    def _link(self, element: etree.Element) -> None:
        href = element.get("href")
        if href is None:
            return
        prefix = self.id_prefix
        if prefix and href.startswith("#") and len(href) > 1 and not href[1:].startswith(prefix):
            href = "#" + prefix + href[1:]
            element.set("href", href)
        link = Link(href, "".join(element.itertext()).strip())
        if is_safe_href(href):
            self.facts.links.append(link)
        else:
            self.facts.rejected_links.append(link)
            # Unlink here already: the words stay, as plain text.
            element.tag = "span"
            element.attrib.clear()
            element.set("class", "link-refused")


class CollectExtension(Extension):
    """Collect headings, links and ids, and prefix ids when asked."""

    def __init__(self, id_prefix: str = "", **kwargs: object) -> None:
        self.id_prefix = id_prefix
        self.facts = CollectedFacts()
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        md.registerExtension(self)
        md.treeprocessors.register(
            CollectTreeprocessor(md, self.id_prefix, self.facts), "feuillet_collect", PRIORITY
        )

    def reset(self) -> None:
        self.facts.reset()
