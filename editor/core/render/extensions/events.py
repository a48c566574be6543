"""``::: events`` blocks: a list of dates, one event per line.

Input lines look like ``- 20 septembre | Conférence des villes | Paris``
(date, title, optional place). Output::

    <div class="events"><ul>
      <li><time>20 septembre</time> : <span class="event-title">…</span>,
          <span class="event-place">Paris</span></li>
    </ul></div>

The list is wrapped in a ``div`` so that a Markdown list written right after
the block does not get merged into it (Python-Markdown appends a list to a
preceding sibling list). A line without ``|`` still becomes an item, with its
text as written.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension

from ..options import labels_for
from .fenced import BLOCK_PRIORITY, FencedBlockProcessor, add_text_element, register_spacing

_BULLET_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


class EventsProcessor(FencedBlockProcessor):
    names = frozenset({"events", "agenda", "événements", "evenements"})

    def __init__(self, parser: object, language: str) -> None:
        super().__init__(parser)  # type: ignore[arg-type]
        self.separator = labels_for(language).event_separator

    def build(self, parent: etree.Element, name: str, lines: list[str]) -> None:
        wrapper = etree.SubElement(parent, "div")
        wrapper.set("class", "events")
        items = etree.SubElement(wrapper, "ul")
        for line in lines:
            if not line.strip():
                continue
            text = _BULLET_RE.sub("", line, count=1).strip()
            self._add_event(items, text)

    def _add_event(self, items: etree.Element, text: str) -> None:
        item = etree.SubElement(items, "li")
        parts = [part.strip() for part in text.split("|")]
        if len(parts) < 2 or not parts[0] or not parts[1]:
            item.text = text  # not an event line: keep it as written
            return
        date, title = parts[0], parts[1]
        place = " | ".join(p for p in parts[2:] if p)
        add_text_element(item, "time", date).tail = self.separator
        title_el = add_text_element(item, "span", title, "event-title")
        if place:
            title_el.tail = ", "
            add_text_element(item, "span", place, "event-place")


class EventsExtension(Extension):
    """Register the ``::: events`` block."""

    def __init__(self, **kwargs: object) -> None:
        self.config = {"language": ["fr", "Publication language"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        register_spacing(md)
        processor = EventsProcessor(md.parser, str(self.getConfig("language")))
        md.parser.blockprocessors.register(processor, "feuillet_events", BLOCK_PRIORITY)
