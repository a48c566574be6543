"""The last gate before any HTML reaches a page: an nh3 allow-list.

Everything the renderer produces goes through :func:`sanitize_html`, and so can
any HTML from elsewhere (an import, a theme's snippet). The allow-list is
explicit: the tags and attributes Python-Markdown and Feuillet's extensions
emit, nothing more. No script, no style attribute, no event handler, no
iframe, form, svg, math, object or embed. Links may only point to http,
https, mailto, an in-document anchor or a relative path; images are kept only
when their source is one the caller vouches for (the URLs its asset callback
produced), because nh3 on its own keeps remote ``<img src>`` and ``//host``
links, which would make every reader's mail client or browser call home.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

import nh3

from .urls import SAFE_LINK_SCHEMES, is_acceptable_image_url, is_safe_href

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "aside", "b", "blockquote", "br", "caption", "cite", "code",
        "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2",
        "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol",
        "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "ul", "var",
    }
)  # fmt: skip

# Removed together with their content: their text is code, styling or an
# embedded document, never words meant for the reader.
CLEAN_CONTENT_TAGS = frozenset(
    {
        "applet", "base", "embed", "frame", "frameset", "iframe", "link", "math",
        "meta", "noembed", "noframes", "noscript", "object", "script", "select",
        "style", "svg", "template", "textarea", "title", "xmp",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "lang", "dir"}),
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    "ol": frozenset({"start"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "time": frozenset({"datetime"}),
}

# Attributes restricted to a fixed set of values (nh3 requires them to be
# absent from ALLOWED_ATTRIBUTES). Python-Markdown's tables emit ``align``
# when configured so, which spares us the style attribute.
_ALIGN = frozenset({"left", "center", "right"})
ALLOWED_ATTRIBUTE_VALUES: dict[str, dict[str, frozenset[str]]] = {
    "td": {"align": _ALIGN},
    "th": {"align": _ALIGN},
}

_CLASS_TOKEN_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
_ID_RE = re.compile(r"^[\w:.\-]{1,200}$")
_DIGITS_RE = re.compile(r"^-?\d{1,9}$")
_SCHEME_PREFIX_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def sanitize_html(
    html: str,
    *,
    allowed_image_prefixes: Iterable[str] = (),
    allowed_image_sources: Collection[str] | None = None,
) -> str:
    """Return ``html`` reduced to Feuillet's allow-list.

    An ``<img>`` keeps its ``src`` only when it starts with one of
    ``allowed_image_prefixes`` or is one of ``allowed_image_sources`` (the
    exact URLs an asset callback produced); otherwise the image loses its
    source and can load nothing. Sanitising twice gives the same result as
    sanitising once.
    """
    prefixes = tuple(p for p in allowed_image_prefixes if p)
    sources = frozenset(allowed_image_sources or ())
    schemes = set(SAFE_LINK_SCHEMES)
    for candidate in (*prefixes, *sources):
        scheme = _SCHEME_PREFIX_RE.match(candidate)
        if scheme:
            schemes.add(scheme.group(1).lower())

    def image_allowed(src: str) -> bool:
        if not is_acceptable_image_url(src):
            return False
        return src in sources or any(src.startswith(p) for p in prefixes)

    def attribute_filter(tag: str, attr: str, value: str) -> str | None:
        # nh3 has already applied url_schemes; this adds what it cannot do:
        # per-attribute scheme rules, network-path links and image sources.
        if attr == "href":
            return value if is_safe_href(value) else None
        if attr == "src":
            return value if tag == "img" and image_allowed(value) else None
        if attr == "class":
            tokens = [t for t in value.split() if _CLASS_TOKEN_RE.match(t)]
            return " ".join(tokens) or None
        if attr == "id":
            return value if _ID_RE.match(value) else None
        if attr in {"start", "colspan", "rowspan", "width", "height"}:
            return value if _DIGITS_RE.match(value.strip()) else None
        return value

    cleaner = nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(CLEAN_CONTENT_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        tag_attribute_values={
            tag: {attr: set(values) for attr, values in attrs.items()}
            for tag, attrs in ALLOWED_ATTRIBUTE_VALUES.items()
        },
        attribute_filter=attribute_filter,
        url_schemes=schemes,
        strip_comments=True,
        link_rel="noopener noreferrer",
    )
    return cleaner.clean(html)
