"""Word's lists, rebuilt as real lists.

Word does not write ``<ul>``/``<ol>`` for its lists: each item is a paragraph
with ``style="mso-list:l0 level2 lfo1"`` whose bullet or number is written as
text between ``<![if !supportLists]>`` markers. Before parsing, the marker is
replaced by an empty ``<span data-feuillet-list="ol|ul">`` saying which kind it
was; after parsing, runs of such paragraphs become nested lists.
"""

from __future__ import annotations

import html as html_lib
import re

from lxml import etree

# Word writes the bullet or number of a list paragraph between these markers.
_LIST_MARKER = re.compile(
    r"<!(?:--)?\[if !supportLists\](?:--)?>([\s\S]{0,2000}?)<!(?:--)?\[endif\](?:--)?>",
    re.IGNORECASE,
)
_ORDERED_MARKER = re.compile(r"^\(?(\d{1,4}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)]$")
_TAGS = re.compile(r"<[^>]*>")
_MSO_LEVEL = re.compile(r"level(\d+)", re.IGNORECASE)
_MSO_LIST_ID = re.compile(r"mso-list:\s*(l\d+)", re.IGNORECASE)


def _marker_to_span(match: re.Match[str]) -> str:
    text = html_lib.unescape(_TAGS.sub("", match.group(1))).replace("\u00a0", " ").strip()
    kind = "ol" if _ORDERED_MARKER.match(text) else "ul"
    return f'<span data-feuillet-list="{kind}"></span>'


def mark_list_items(markup: str) -> str:
    """Replace each Word list marker by a span that says whether it was a number."""
    return _LIST_MARKER.sub(_marker_to_span, markup)


def rebuild_word_lists(root: etree._Element) -> None:
    """Turn Word's list paragraphs (``style="mso-list:l0 level1 lfo1"``) into ul/ol."""
    candidates = []
    for para in root.iter("p", "h1", "h2", "h3", "h4", "h5", "h6"):
        style = (para.get("style") or "").lower()
        is_list = "mso-list:" in style.replace(" ", "") and "mso-list:none" not in style.replace(
            " ", ""
        )
        if is_list or para.find(".//span[@data-feuillet-list]") is not None:
            candidates.append(para)
    candidate_set = set(candidates)
    seen: set[etree._Element] = set()
    for para in candidates:
        if para in seen:
            continue
        run = [para]
        sibling = para.getnext()
        while (
            sibling is not None
            and sibling in candidate_set
            and not (run[-1].tail or "").strip()
            and _word_list_id(sibling) == _word_list_id(para)
        ):
            run.append(sibling)
            sibling = sibling.getnext()
        seen.update(run)
        _build_list(run)


def _word_list_id(para: etree._Element) -> str:
    # "mso-list:l0 level1 lfo1": l0 names the list, so two lists in a row stay apart.
    match = _MSO_LIST_ID.search(para.get("style") or "")
    return match.group(1) if match else ""


def _build_list(run: list[etree._Element]) -> None:
    def level_and_kind(para: etree._Element) -> tuple[int, str]:
        match = _MSO_LEVEL.search(para.get("style") or "")
        marker = para.find(".//span[@data-feuillet-list]")
        kind = marker.get("data-feuillet-list", "ul") if marker is not None else "ul"
        if marker is not None:
            marker.drop_tree()
        return (int(match.group(1)) if match else 1), kind

    first_level, first_kind = level_and_kind(run[0])
    top = etree.Element(first_kind)
    stack: list[tuple[int, etree._Element]] = [(first_level, top)]
    for index, para in enumerate(run):
        level, kind = (first_level, first_kind) if index == 0 else level_and_kind(para)
        while len(stack) > 1 and level < stack[-1][0]:
            stack.pop()
        if level > stack[-1][0]:
            current = stack[-1][1]
            holder = current[-1] if len(current) else etree.SubElement(current, "li")
            stack.append((level, etree.SubElement(holder, kind)))
        item = etree.SubElement(stack[-1][1], "li")
        item.text = para.text
        for child in list(para):
            item.append(child)
    tail = run[-1].tail
    run[0].addprevious(top)
    top.tail = tail
    for para in run:
        para.getparent().remove(para)
