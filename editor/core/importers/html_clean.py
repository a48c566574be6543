"""Cleaning foreign HTML down to what Feuillet's Markdown can say.

Word (clipboard and "Save as Web Page"), LibreOffice, Google Docs and web pages
all wrap a little structure in a lot of presentation: ``mso-*`` styles, ``<o:p>``,
conditional comments, fonts, colours, spans that carry bold or italics in CSS.
This module keeps headings, paragraphs, bold, italics, lists, links, tables,
quotes, code and images, turns CSS bold/italics into real elements, rebuilds
Word's fake lists (paragraphs with ``mso-list``) into real ones, and drops the
rest. lxml does the work because a 10 MB paste must clean in about a second.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
from lxml import etree

from editor.core.importers.word_lists import mark_list_items, rebuild_word_lists

# (src, alt) -> the src to keep (an ``asset:`` reference) or None to drop the image.
ImageResolver = Callable[[str, str], "str | None"]

KEPT = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "blockquote",
        "pre",
        "code",
        "hr",
        "br",
        "img",
        "a",
        "strong",
        "em",
        "q",
        "dl",
        "dt",
        "dd",
        "div",
    ]
)
DROPPED_WITH_CONTENT = frozenset(
    [
        "script",
        "style",
        "noscript",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "form",
        "input",
        "button",
        "select",
        "option",
        "textarea",
        "template",
        "head",
        "meta",
        "link",
        "title",
        "base",
        "canvas",
        "audio",
        "video",
        "map",
        "area",
        "dialog",
        "del",
        "nav",
        "xml",
        "s:del",
    ]
)
RENAMED = {
    "b": "strong",
    "i": "em",
    "cite": "em",
    "dfn": "em",
    "var": "em",
    "tt": "code",
    "kbd": "code",
}
RENAMED.update({"samp": "code", "center": "div", "section": "div", "article": "div", "main": "div"})
RENAMED.update(
    {"header": "div", "footer": "div", "aside": "div", "figure": "div", "figcaption": "p"}
)
RENAMED.update(
    {"address": "div", "details": "div", "summary": "p", "fieldset": "div", "body": "div"}
)
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt"},
    "td": {"colspan"},
    "th": {"colspan"},
    "ol": {"start"},
}
# Word marks comments and their anchors with these classes.
COMMENT_CLASSES = frozenset({"msocomanchor", "msocommentreference", "msocomtxt", "msocomoff"})
HIDDEN_ELEMENTS = frozenset({"comment-list", "comment", "header", "footer"})
BLOCKS_THAT_MAY_BE_EMPTY = frozenset(
    {"td", "th", "tr", "table", "thead", "tbody", "tfoot", "hr", "br", "img"}
)
_PLAIN_WRAPPERS = frozenset({"span", "font", "o:p"})
SAFE_LINK = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)

_CF_HTML_HEADER = re.compile(r"^Version:\d[\s\S]{0,400}?StartHTML:", re.IGNORECASE)
_FRAGMENT = re.compile(
    r"<!--\s*StartFragment\s*-->([\s\S]*)<!--\s*EndFragment\s*-->", re.IGNORECASE
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_DOWNLEVEL_REVEALED = re.compile(r"<!\[(?:if [^\]]*|endif)\]>", re.IGNORECASE)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE_RUN = re.compile("[ \u00a0]{2,}")
_O_P = re.compile(r"</?o:p\s*>", re.IGNORECASE)
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*(?:'[^']*'|"[^"]*")""", re.IGNORECASE)
_MEANINGFUL_STYLE = re.compile(
    r"font-weight|font-style|display|visibility|mso-hide|mso-list|mso-element", re.I
)


def style_properties(style: str | None) -> dict[str, str]:
    """``"font-weight: bold; color:red"`` as ``{"font-weight": "bold", "color": "red"}``."""
    if not style:
        return {}
    props: dict[str, str] = {}
    for declaration in style.split(";"):
        name, sep, value = declaration.partition(":")
        if sep:
            props[name.strip().lower()] = value.strip().lower()
    return props


def emphasis_of(props: dict[str, str]) -> tuple[bool | None, bool | None]:
    """(bold, italic) said by CSS: True, False (explicitly normal) or None (silent)."""
    bold: bool | None = None
    weight = props.get("font-weight", "").removesuffix("!important").strip()
    if weight in {"bold", "bolder"} or (weight.isdigit() and int(weight) >= 600):
        bold = True
    elif weight in {"normal", "lighter"} or weight.isdigit():
        bold = False
    italic: bool | None = None
    slant = props.get("font-style", "")
    if slant.startswith(("italic", "oblique")):
        italic = True
    elif slant.startswith("normal"):
        italic = False
    return bold, italic


def preprocess(markup: str) -> str:
    """String-level fixes that must happen before parsing."""
    if _CF_HTML_HEADER.match(markup):
        # Windows clipboard format: a text header, then the document.
        start = markup.find("<")
        markup = markup[start:] if start >= 0 else ""
    fragment = _FRAGMENT.search(markup)
    if fragment:
        markup = fragment.group(1)
    markup = _XML_DECLARATION.sub("", markup)
    markup = mark_list_items(markup)
    # "Downlevel-revealed" conditionals show their content to non-IE browsers:
    # drop the markers, keep what they wrap.
    markup = _DOWNLEVEL_REVEALED.sub("", markup)
    # Most of a Word paste is style attributes saying nothing we keep; dropping
    # them before parsing roughly halves the time of a big paste.
    markup = _O_P.sub("", markup)
    return _STYLE_ATTRIBUTE.sub(_keep_meaningful_style, markup)


def _keep_meaningful_style(match: re.Match[str]) -> str:
    value = match.group(0)
    return value if _MEANINGFUL_STYLE.search(value) else ""


def _clean_text(text: str | None) -> str | None:
    if not text:
        return text
    text = _INVISIBLE.sub("", text)
    return _SPACE_RUN.sub(" ", text)


def _wrap_children(element: etree._Element, tag: str) -> None:
    """Move the content of ``element`` into a new child ``tag``."""
    wrapper = etree.Element(tag)
    wrapper.text, element.text = element.text, None
    for child in list(element):
        wrapper.append(child)
    element.append(wrapper)


def _is_hidden(element: etree._Element, props: dict[str, str]) -> bool:
    if props.get("display") == "none" or props.get("visibility") == "hidden":
        return True
    if props.get("mso-hide") == "all" or props.get("mso-element") in HIDDEN_ELEMENTS:
        return True
    classes = element.get("class")
    return bool(classes) and any(name.lower() in COMMENT_CLASSES for name in classes.split())


def _clean_element(element: etree._Element, resolve_image: ImageResolver) -> str:
    """Clean one element in place; returns "drop", "unwrap" or "keep"."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if not tag:
        return "drop"  # comments and processing instructions
    if tag in _PLAIN_WRAPPERS and not element.attrib:
        return "unwrap"  # the bulk of Word's markup: a fast path matters for big pastes
    if tag in DROPPED_WITH_CONTENT or tag.startswith(("v:", "m:", "o:wrap", "o:lock")):
        return "drop"
    props = style_properties(element.get("style"))
    if _is_hidden(element, props):
        return "drop"
    classes = (element.get("class") or "").lower()
    if tag == "p" and "msotitle" in classes.split():
        tag = "h1"
    elif tag == "p" and ("msoquote" in classes.split() or "msointensequote" in classes.split()):
        _wrap_children(element, "p")
        tag = "blockquote"
    tag = RENAMED.get(tag, tag)
    element.tag = tag
    bold, italic = emphasis_of(props)
    if tag == "strong" and bold is False:
        return "unwrap"  # Google Docs wraps every paste in <b style="font-weight:normal">
    if tag == "em" and italic is False:
        return "unwrap"
    if tag not in {"strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"} and bold:
        _wrap_children(element, "strong")
    if tag != "em" and italic:
        _wrap_children(element, "em")
    if tag == "a":
        href = (element.get("href") or "").strip()
        if not SAFE_LINK.match(href):
            return "unwrap"  # bookmarks, javascript:, file:// and Word-internal links
        element.set("href", href)
    if tag == "img":
        src = resolve_image(element.get("src") or "", element.get("alt") or "")
        if src is None:
            return "drop"
        element.set("src", src)
    if tag not in KEPT:
        return "unwrap"
    allowed = ALLOWED_ATTRIBUTES.get(tag, set())
    for name in list(element.attrib):
        if name not in allowed:
            del element.attrib[name]
    return "keep"


def _walk(root: etree._Element, resolve_image: ImageResolver) -> None:
    # An explicit stack: pasted HTML can nest deeper than Python's recursion limit.
    stack = list(reversed(list(root)))
    while stack:
        element = stack.pop()
        element.tail = _clean_text(element.tail)
        action = _clean_element(element, resolve_image)
        if action == "drop":
            _drop(element)
            continue
        element.text = _clean_text(element.text)
        stack.extend(reversed(list(element)))
        if action == "unwrap":
            element.drop_tag()


def _drop(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _has_content(element: etree._Element) -> bool:
    text = "".join(element.itertext())
    if text.replace("\u00a0", " ").strip():
        return True
    return any(child.tag in {"img", "hr", "table"} for child in element.iter())


def _tidy(root: etree._Element) -> None:
    """Structural fixes once everything left is a kept element."""
    for element in list(root.iter("strong", "em", "code")):
        ancestor = element.getparent()
        while ancestor is not None and ancestor.tag != element.tag:
            if element.tag == "strong" and ancestor.tag in {
                "h1",
                "h2",
                "h3",
                "h4",
                "h5",
                "h6",
                "th",
            }:
                break
            ancestor = ancestor.getparent()
        if ancestor is not None:
            element.drop_tag()  # bold inside bold, or inside a heading: redundant
    for item in list(root.iter("li", "td", "th")):
        paragraphs = [child for child in item if child.tag == "p"]
        # "<li><p>text</p><ul>…</ul></li>": a lone paragraph would make the list loose.
        if len(paragraphs) == 1 and item[0] is paragraphs[0] and not (item.text or "").strip():
            paragraphs[0].drop_tag()
    for element in reversed(list(root.iter())):
        if element is root or not isinstance(element.tag, str):
            continue
        if element.tag in BLOCKS_THAT_MAY_BE_EMPTY or _has_content(element):
            continue
        _drop(element)


def keep_asset_images(src: str, alt: str) -> str | None:
    """The default resolver: only images already in the library survive."""
    return src if src.startswith("asset:") else None


def clean_tree(
    markup: str | bytes, resolve_image: ImageResolver = keep_asset_images
) -> etree._Element:
    """Clean HTML (a fragment or a whole page) into a ``<div>`` of kept elements."""
    if isinstance(markup, bytes):
        markup = markup.decode("utf-8", "replace")
    markup = preprocess(markup)
    root: etree._Element | None = None
    if markup.strip():
        try:
            document = lxml.html.document_fromstring(markup)
        except (etree.ParserError, ValueError):
            document = None
        if document is not None:
            body = document.find("body")
            root = body if body is not None else document
    if root is None:
        return lxml.html.Element("div")
    rebuild_word_lists(root)
    _walk(root, resolve_image)
    _tidy(root)
    root.tag = "div"
    root.attrib.clear()
    return root


def take_leading_heading(root: etree._Element) -> str:
    """Remove the heading that opens the document and return its text ("" if none).

    A document that starts with a heading has its title there; leaving it in
    the body would print the title twice.
    """
    if (root.text or "").strip() or len(root) == 0:
        return ""
    first = root[0]
    while first.tag == "div" and len(first) and not (first.text or "").strip():
        first = first[0]  # Word and web pages wrap everything in section divs
    if first.tag not in {"h1", "h2", "h3", "h4", "h5", "h6"}:
        return ""
    title = " ".join("".join(first.itertext()).split())
    _drop(first)
    return title


def tree_to_html(root: etree._Element) -> str:
    return lxml.html.tostring(root, encoding="unicode")


def clean_html(markup: str | bytes, resolve_image: ImageResolver = keep_asset_images) -> str:
    """Clean HTML (a fragment or a whole page) to a small, safe HTML fragment."""
    return tree_to_html(clean_tree(markup, resolve_image))
