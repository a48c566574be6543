"""URL checks shared by the Markdown extensions and the sanitiser.

Browsers are lenient with URLs: they drop tabs and newlines anywhere, ignore
leading control characters and spaces, and treat ``\\`` like ``/`` in
``http`` URLs. Filter-evasion tricks (``jav&#x09;ascript:``, `` javascript:``,
``//evil.example``, ``/\\evil.example``) rely on exactly that, so every check
here first normalises a URL the way a browser would, then looks at its scheme.
"""

from __future__ import annotations

import re

SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Schemes an image source produced by an asset callback may never use, even if
# a (buggy) callback returns one.
_FORBIDDEN_IMAGE_SCHEMES = frozenset(
    {"javascript", "vbscript", "livescript", "file", "about", "blob", "filesystem"}
)
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_REMOVED_BY_BROWSERS_RE = re.compile(r"[\t\n\r]")
_EDGE_JUNK = "".join(chr(c) for c in range(0x21))
ASSET_PREFIX = "asset:"
_ASSET_RE = re.compile(r"^asset:([0-9a-fA-F]{1,128})$")
_DATA_IMAGE_RE = re.compile(r"^data:image/(png|jpeg|gif|webp|avif);", re.IGNORECASE)


def browser_normalised(url: str) -> str:
    """The URL as a browser's URL parser sees it before resolving it."""
    return _REMOVED_BY_BROWSERS_RE.sub("", url).strip(_EDGE_JUNK)


def url_scheme(url: str) -> str | None:
    """The lower-cased scheme of a URL, or None for a relative URL."""
    match = _SCHEME_RE.match(browser_normalised(url))
    return match.group(1).lower() if match else None


def is_network_path(url: str) -> bool:
    """True for scheme-relative URLs (``//host``, ``/\\host``, ``\\\\host``)."""
    head = browser_normalised(url)[:2]
    return len(head) == 2 and all(c in "/\\" for c in head)


def is_safe_href(url: str) -> bool:
    """Whether a link target may be published.

    Allowed: http, https and mailto URLs, in-document ``#anchors`` and
    relative links. Refused: every other scheme (javascript:, data:, file:,
    vbscript:…), scheme-relative ``//host`` links, which would silently
    follow the page's scheme, and any backslash.
    """
    if not url.strip():
        return False
    if "\\" in url or is_network_path(url):
        # Browsers read "\" as "/" in web URLs; no article needs one.
        return False
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_LINK_SCHEMES


def asset_hash(src: str) -> str | None:
    """The sha256 named by an ``asset:<sha256>`` URL, lower-cased, or None."""
    match = _ASSET_RE.match(src.strip())
    return match.group(1).lower() if match else None


def is_acceptable_image_url(url: str) -> bool:
    """Whether a URL returned by an asset callback may become an ``<img src>``."""
    if not url or url != url.strip() or _REMOVED_BY_BROWSERS_RE.search(url):
        return False
    if is_network_path(url):
        return False
    scheme = url_scheme(url)
    if scheme is None:
        return True
    if scheme == "data":
        return bool(_DATA_IMAGE_RE.match(url))
    return scheme not in _FORBIDDEN_IMAGE_SCHEMES
