"""Publication colours, validated and adjusted to keep text readable.

Colours are typed by users and end up in CSS, so only ``#rgb``/``#rrggbb`` pass
(anything else could close the declaration and inject rules). A light brand
colour would fail contrast as a header background or as link text, so text
colours are derived: white or near-black on the primary colour, and the accent
darkened until it reaches WCAG AA (4.5:1) on white.
"""

from __future__ import annotations

import re

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
INK = "#1a1a1a"
PAPER = "#ffffff"


def normalize_hex(value: str, default: str) -> str:
    """``#AbC`` → ``#aabbcc``; an invalid value gives ``default``."""
    value = (value or "").strip()
    if not _HEX.match(value):
        return default
    digits = value[1:].lower()
    if len(digits) == 3:
        digits = "".join(char * 2 for char in digits)
    return f"#{digits}"


def _channels(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def relative_luminance(color: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_on(background: str) -> str:
    """White or ink, whichever reads better on ``background``."""
    return PAPER if contrast_ratio(background, PAPER) >= contrast_ratio(background, INK) else INK


def darken_until_readable(color: str, background: str = PAPER, ratio: float = 4.5) -> str:
    """Darken ``color`` step by step until it reaches ``ratio`` against ``background``."""
    r, g, b = _channels(color)
    current = color
    for _ in range(40):
        if contrast_ratio(current, background) >= ratio:
            return current
        r, g, b = int(r * 0.9), int(g * 0.9), int(b * 0.9)
        current = f"#{r:02x}{g:02x}{b:02x}"
    return INK


def palette(primary: str, accent: str) -> dict[str, str]:
    """Every colour a theme uses, all safe to print inside CSS."""
    primary = normalize_hex(primary, "#1d3557")
    accent = normalize_hex(accent, "#e63946")
    return {
        "primary": primary,
        "on_primary": text_on(primary),
        "primary_text": darken_until_readable(primary),
        "accent": accent,
        "accent_text": darken_until_readable(accent),
    }
