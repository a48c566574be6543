"""Spell checking Markdown text: the rules that sit between the tokenizer and a dictionary.

For every chunk the tokenizer finds, in order: single letters and acronyms in
capitals (CIAS, DGS) pass; Roman ordinals (XXIe) pass; the personal and
ignored words pass; then the dictionary is asked for the chunk as written,
then lower-cased, then with an accented first capital (French often leaves
capitals bare: "Etat", "Equipe"). A chunk still unknown is split: after a
French elision (l', d', qu', jusqu'…) only the word that follows is checked,
and hyphenated compounds (Jean-Charles) are checked part by part, so that
the part actually misspelt is the one underlined. Words between quotation
marks may also be loanwords: they pass if the other language knows them
(« task force » in a French article).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from editor.core.spelling.backends import Backend, normalise_language, open_backend
from editor.core.spelling.tokenizer import (
    APOSTROPHES,
    HYPHENS,
    STATE_TEXT,
    Chunk,
    chunks_in_lines,
    fence_state_after,
    fence_state_at,
)

FRENCH_ELISIONS = frozenset(
    [
        "l",
        "d",
        "j",
        "m",
        "n",
        "s",
        "t",
        "c",
        "ç",
        "qu",
        "jusqu",
        "lorsqu",
        "puisqu",
        "quoiqu",
        "presqu",
        "quelqu",
    ]
)
_ACCENTED_CAPITALS = {"E": "ÉÈÊ", "A": "ÀÂ", "I": "Î", "O": "Ô", "U": "ÙÛ", "C": "Ç"}
_ROMAN_ORDINAL = re.compile(r"^[IVXLCDM]+(?:e|er|re|ème|es|ers)$")
_QUOTED = re.compile(r"«[^»\n]*»|“[^”\n]*”|\"[^\"\n]*\"")
_SPLIT = re.compile(f"[{re.escape(APOSTROPHES + HYPHENS)}]")
OTHER_LANGUAGE = {"fr": "en", "en": "fr"}
MAX_CACHE = 50_000


@dataclass(frozen=True)
class Misspelling:
    """``text[start:end] == word`` is not known to the dictionaries."""

    start: int
    end: int
    word: str


class MarkdownSpellChecker:
    """A spell checker for one language; cheap to call a paragraph at a time.

    ``personal_words`` is the user's dictionary as stored by the library;
    ``on_personal_add`` is called with each word added through
    :meth:`add_to_personal`, so the caller can persist it.
    """

    def __init__(
        self,
        backend: Backend,
        language: str,
        personal_words: Iterable[str] = (),
        on_personal_add: Callable[[str], None] | None = None,
        secondary: Callable[[], Backend | None] | None = None,
    ) -> None:
        self.backend = backend
        self.language, _ = normalise_language(language)
        self._personal = {_normalise(word) for word in personal_words}
        self._ignored: set[str] = set()
        self._on_personal_add = on_personal_add
        self._secondary_factory = secondary
        self._secondary: Backend | None = None
        self._secondary_loaded = False
        self._cache: dict[str, bool] = {}

    @property
    def backend_name(self) -> str:
        return self.backend.name

    # -- whole texts and pieces of text ----------------------------------------------

    def check(self, text: str) -> list[Misspelling]:
        """Misspellings in a whole Markdown text, offsets into ``text``."""
        return self._check_chunks(text, chunks_in_lines(text))

    def check_range(self, text: str, start: int, end: int) -> list[Misspelling]:
        """Misspellings in the lines that ``text[start:end]`` touches (for incremental use)."""
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
        line_start = text.rfind("\n", 0, start) + 1
        state = fence_state_at(text, line_start)
        return self._check_chunks(text, chunks_in_lines(text, line_start, end, state))

    def check_line(self, line: str, state: int = STATE_TEXT) -> tuple[list[Misspelling], int]:
        """One line (a QTextBlock) and the highlighter state from the line before.

        Returns the misspellings (offsets into ``line``) and the state to store
        for the next line, which is how fenced code spanning lines is skipped.
        """
        new_state = fence_state_after(line, state)
        if state != STATE_TEXT or new_state != STATE_TEXT:
            return [], new_state
        return self._check_chunks(line, chunks_in_lines(line)), new_state

    def _check_chunks(self, text: str, chunks: Iterable[Chunk]) -> list[Misspelling]:
        found: list[Misspelling] = []
        quoted: list[tuple[int, int]] | None = None
        for chunk in chunks:
            if self._chunk_known(chunk.text):
                continue
            bad = list(self._unknown_parts(chunk.text, chunk.start))
            if bad and self._secondary_factory is not None:
                if quoted is None:
                    quoted = [match.span() for match in _QUOTED.finditer(text)]
                if any(start < chunk.start < end for start, end in quoted):
                    bad = [item for item in bad if not self._known_elsewhere(item.word)]
            found.extend(bad)
        return found

    # -- single words ----------------------------------------------------------------------

    def is_correct(self, word: str) -> bool:
        """Whether one word (possibly elided or hyphenated) passes."""
        return self._chunk_known(word) or not list(self._unknown_parts(word, 0))

    def suggest(self, word: str) -> list[str]:
        """Replacements for ``word``, best first, capitalisation kept."""
        suggestions = self.backend.suggest(word)
        if word[:1].isupper() and not word.isupper():
            suggestions = [s[:1].upper() + s[1:] for s in suggestions]
        unique: list[str] = []
        for suggestion in suggestions:
            if suggestion not in unique and suggestion != word:
                unique.append(suggestion)
        return unique

    def add_to_personal(self, word: str) -> None:
        """Accept ``word`` from now on and tell the caller to store it."""
        word = word.strip()
        if not word:
            return
        self._personal.add(_normalise(word))
        self._cache.clear()
        if self._on_personal_add is not None:
            self._on_personal_add(word)

    def ignore(self, word: str) -> None:
        """Accept ``word`` for this session only ("Ignore all")."""
        self._ignored.add(_normalise(word))
        self._cache.clear()

    # -- rules ---------------------------------------------------------------------------------

    def _chunk_known(self, chunk: str) -> bool:
        known = self._cache.get(chunk)
        if known is None:
            if len(self._cache) >= MAX_CACHE:
                self._cache.clear()
            known = self._cache[chunk] = self._word_known(chunk)
        return known

    def _word_known(self, word: str) -> bool:
        if len(word) <= 1 or (word.isupper() and len(word) >= 2) or _ROMAN_ORDINAL.match(word):
            return True  # letters, acronyms (CIAS, DGS) and "XXIe"
        normalised = _normalise(word)
        if self._in_word_lists(normalised):
            return True
        return any(self.backend.check(candidate) for candidate in _spellings(normalised))

    def _in_word_lists(self, normalised: str) -> bool:
        lists = (self._personal, self._ignored)
        # As in Hunspell: a lower-case entry also accepts the word capitalised.
        return any(normalised in words or normalised.lower() in words for words in lists)

    def _unknown_parts(self, chunk: str, offset: int) -> Iterable[Misspelling]:
        """The parts of an unknown chunk that are really unknown, with their offsets."""
        separator = _SPLIT.search(chunk)
        if separator is None:
            if not self._chunk_known(chunk):
                yield Misspelling(offset, offset + len(chunk), chunk)
            return
        head = chunk[: separator.start()]
        rest_start = separator.end()
        if separator.group(0) in APOSTROPHES:
            if self.language == "fr" and head.lower() in FRENCH_ELISIONS:
                yield from self._unknown_parts(chunk[rest_start:], offset + rest_start)
                return
            if self.language == "en" and chunk[rest_start:].lower() in {
                "s",
                "t",
                "ll",
                "re",
                "ve",
                "d",
            }:
                yield from self._unknown_parts(head, offset)
                return
        if self._chunk_known(chunk):
            return
        if separator.group(0) in APOSTROPHES:
            # An apostrophe that is no elision ("aujourd'hui" is known whole): report the chunk.
            yield Misspelling(offset, offset + len(chunk), chunk)
            return
        yield from self._unknown_parts(head, offset)
        yield from self._unknown_parts(chunk[rest_start:], offset + rest_start)

    def _known_elsewhere(self, word: str) -> bool:
        if not self._secondary_loaded:
            self._secondary_loaded = True
            self._secondary = self._secondary_factory() if self._secondary_factory else None
        return self._secondary is not None and any(
            self._secondary.check(candidate) for candidate in _spellings(_normalise(word))
        )


def _normalise(word: str) -> str:
    """Typographic apostrophes and hyphens as ASCII: dictionaries list the ASCII forms."""
    return word.replace("’", "'").replace("ʼ", "'").replace("‐", "-").replace("‑", "-")


def _spellings(word: str) -> list[str]:
    """The word as written, lower-cased, and with an accented first capital."""
    forms = [word]
    if word[:1].isupper():
        forms.append(word.lower())
        for accented in _ACCENTED_CAPITALS.get(word[0], ""):
            forms.append(accented + word[1:])
    return forms


def create_spell_checker(
    language: str = "fr",
    personal_words: Iterable[str] = (),
    on_personal_add: Callable[[str], None] | None = None,
    backend: str | None = None,
) -> MarkdownSpellChecker:
    """A checker for a publication's language with the best backend installed.

    ``backend`` forces ``"enchant"`` or ``"pyspellchecker"``; raises
    :class:`~editor.core.spelling.backends.SpellingUnavailable` when none works.
    """
    primary = open_backend(language, backend)
    base, _ = normalise_language(language)
    other = OTHER_LANGUAGE.get(base)

    def secondary() -> Backend | None:
        if other is None:
            return None
        try:
            return open_backend(other, primary.name)
        except Exception:  # noqa: BLE001 - loanword help is optional; never fail a check for it
            return None

    return MarkdownSpellChecker(primary, base, personal_words, on_personal_add, secondary)
