"""File-name-safe slugs, French-aware, unique within one export.

A slug becomes a file name on three operating systems and a URL path segment,
so it is reduced to ``[a-z0-9-]``: accents are folded (é→e), ligatures and
letters that Unicode does not decompose are spelled out (œ→oe, ß→ss), and
Windows' reserved device names (CON, NUL, COM1…) are never produced.
"""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG_LENGTH = 60

# Letters NFKD leaves alone: without this table "cœur" would become "cur".
_SPELLED_OUT = {
    "œ": "oe",
    "Œ": "oe",
    "æ": "ae",
    "Æ": "ae",
    "ß": "ss",
    "ẞ": "ss",
    "ø": "o",
    "Ø": "o",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "ł": "l",
    "Ł": "l",
    "þ": "th",
    "Þ": "th",
    "ı": "i",
    "&": " et ",
}

# Device names Windows refuses as a file name whatever the extension.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, *, fallback: str = "article", max_length: int = MAX_SLUG_LENGTH) -> str:
    """Reduce ``text`` to a lowercase ASCII slug that is safe as a file name.

    Never empty (``fallback`` is used when nothing is left) and never a
    Windows reserved device name.
    """
    spelled = "".join(_SPELLED_OUT.get(char, char) for char in text)
    decomposed = unicodedata.normalize("NFKD", spelled)
    ascii_text = "".join(char for char in decomposed if not unicodedata.combining(char))
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    slug = _truncate(slug, max_length)
    if not slug:
        slug = _truncate(_NON_SLUG.sub("-", fallback.lower()).strip("-"), max_length) or "page"
    if slug.split(".")[0] in _WINDOWS_RESERVED:
        slug = f"{slug}-page"
    return slug


def _truncate(slug: str, max_length: int) -> str:
    """Cut at a hyphen when possible so that a word is not left in halves."""
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    if "-" in cut[max_length // 2 :]:
        cut = cut[: cut.rindex("-")]
    return cut.strip("-")


def is_safe_file_name(name: str) -> bool:
    """Whether ``name`` is a plain file name valid on Windows, macOS and Linux."""
    if not name or len(name) > 255 or name in {".", ".."}:
        return False
    if any(char in '<>:"/\\|?*' or ord(char) < 32 for char in name):
        return False
    if name[-1] in ". ":
        return False
    return name.split(".")[0].lower() not in _WINDOWS_RESERVED


class SlugAllocator:
    """Hands out slugs that are unique within one export (``titre``, ``titre-2``…)."""

    def __init__(self, reserved: tuple[str, ...] = ()) -> None:
        self._used: set[str] = set(reserved)

    def allocate(self, text: str, *, fallback: str = "article") -> str:
        base = slugify(text, fallback=fallback)
        if base not in self._used:
            self._used.add(base)
            return base
        number = 2
        while True:
            suffix = f"-{number}"
            candidate = _truncate(base, MAX_SLUG_LENGTH - len(suffix)) + suffix
            if candidate not in self._used:
                self._used.add(candidate)
                return candidate
            number += 1
