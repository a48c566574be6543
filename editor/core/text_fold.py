"""Accent-insensitive matching: text folded to plain letters, and the way back.

"réfugiés" and "refugies", "cœur" and "coeur", "l’école" and "l'école" must
match one another; a match found in the folded text is mapped back to the
offsets of the original so that replacing keeps everything around it.
"""

from __future__ import annotations

import unicodedata

_FOLD_SPECIAL = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "’": "'", "ʼ": "'", "‘": "'"}


def fold(text: str) -> str:
    """Text without accents (and with ASCII apostrophes), for accent-insensitive search."""
    return "".join(_fold_char(char) for char in text)


def _fold_char(char: str) -> str:
    special = _FOLD_SPECIAL.get(char)
    if special is not None:
        return special
    if char.isascii():
        return char
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))


class Folded:
    """A folded copy of a text and the way back to the original offsets."""

    def __init__(self, text: str) -> None:
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for index, char in enumerate(text):
            folded = _fold_char(char)
            if not folded and ends:
                ends[-len(pieces[-1]) :] = [index + 1] * len(pieces[-1])  # a combining mark
                continue
            pieces.append(folded)
            starts.extend([index] * len(folded))
            ends.extend([index + 1] * len(folded))
        self.text = "".join(pieces)
        self.starts = starts
        self.ends = ends
        self.length = len(text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        if start >= len(self.starts):
            return self.length, self.length
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[end - 1]
