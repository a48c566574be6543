"""Cleaning user text before it is stored: the proposal for ``services``.

Text pasted from the web, PDFs or Word can carry characters that do harm and
carry no meaning: C0/C1 control characters (a NUL cuts the text short in many
tools, a form feed breaks exports) and lone UTF-16 surrogates (they cannot be
encoded as UTF-8, so SQLite would refuse the whole save). ``clean_text`` drops
the controls except tab and newline, turns CR/CRLF into newlines and replaces
lone surrogates with U+FFFD. Emoji (with their joiners and variation
selectors), right-to-left text and bidirectional marks are kept as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# C0 except \t and \n, DEL, C1. \r is handled separately (line endings).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class CleanedText:
    text: str
    removed: int  # control characters removed
    replaced: int  # lone surrogates replaced by U+FFFD

    @property
    def changed(self) -> bool:
        return bool(self.removed or self.replaced)

    def message(self, field: str = "text") -> str:
        """A plain note for the user, empty when nothing was changed."""
        parts = []
        if self.removed:
            parts.append(f"{self.removed} invisible control character(s) removed")
        if self.replaced:
            parts.append(f"{self.replaced} unreadable character(s) replaced by �")
        return f"{field}: " + ", ".join(parts) if parts else ""


def clean_text(text: str) -> CleanedText:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, removed = _CONTROL_RE.subn("", text)
    text, replaced = _SURROGATE_RE.subn("\ufffd", text)
    return CleanedText(text, removed, replaced)
