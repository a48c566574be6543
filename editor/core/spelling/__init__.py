"""Spell checking for the editor and the command line (pure Python, no Qt).

Public API::

    checker = create_spell_checker("fr", personal_words=words, on_personal_add=store)
    checker.check(text) -> list[Misspelling]            # whole Markdown text
    checker.check_range(text, start, end)               # the lines an edit touched
    checker.check_line(line, state) -> (list, state)    # QSyntaxHighlighter, block by block
    checker.suggest(word) -> list[str]
    checker.add_to_personal(word); checker.ignore(word)

The backend (Hunspell through pyenchant, else pyspellchecker) is chosen at run
time by what is installed: see :mod:`editor.core.spelling.backends`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from editor.core.spelling.backends import SpellingUnavailable, available_backends
from editor.core.spelling.checker import MarkdownSpellChecker, Misspelling, create_spell_checker


class SpellChecker(Protocol):
    """What the editor relies on; :class:`MarkdownSpellChecker` is the implementation."""

    language: str

    @property
    def backend_name(self) -> str: ...

    def check(self, text: str) -> list[Misspelling]: ...

    def check_range(self, text: str, start: int, end: int) -> list[Misspelling]: ...

    def check_line(self, line: str, state: int = 0) -> tuple[list[Misspelling], int]: ...

    def is_correct(self, word: str) -> bool: ...

    def suggest(self, word: str) -> list[str]: ...

    def add_to_personal(self, word: str) -> None: ...

    def ignore(self, word: str) -> None: ...


PersonalWordsCallback = Callable[[str], None]
PersonalWords = Iterable[str]

__all__ = [
    "MarkdownSpellChecker",
    "Misspelling",
    "PersonalWords",
    "PersonalWordsCallback",
    "SpellChecker",
    "SpellingUnavailable",
    "available_backends",
    "create_spell_checker",
]
