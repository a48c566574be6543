"""Typographic clean-up of running text, French or English.

Pure string functions over one text node at a time; the Markdown extension in
``extensions/typography.py`` walks the element tree and feeds them every text
node outside code, so attributes, URLs in ``href`` and code are never touched.
A :class:`TextState` carries what crosses node boundaries inside one block
(the previous character, whether a quotation is open), so ``*mot*:`` gets its
space before the colon even though the colon is in another node.

French rules (publication language starting with "fr"):

- narrow no-break space (U+202F) before ``; : ! ?`` and inside « », replacing
  whatever spaces were typed there;
- straight double quotes become « », straight apostrophes ’, ``...`` becomes …;
- no-break space (U+00A0) between a day number and a month ("20 septembre");
- a space typed between groups of three digits ("1 650") becomes U+202F;
  numbers are never regrouped ("1650" stays).

English: curly quotes and apostrophes, en and em dashes, the ellipsis.
Every rule is idempotent: running the functions on their own output changes
nothing, and they never introduce two spaces in a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NNBSP = "\u202f"
NBSP = "\u00a0"
_SPACES = " \t" + NBSP + NNBSP
_OPENERS = "([{«“‘—–-/"

# Pieces of text no rule may touch: Python-Markdown placeholders (STX…ETX),
# URLs and e-mail addresses typed as plain text.
_PROTECTED_RE = re.compile(
    # An e-mail autolink arrives as obfuscated entities: the placeholder for "&"
    # is followed by "#99;"-style remainders that must stay whole too.
    r"\x02[^\x02\x03]*\x03(?:#?\w+;)?"
    r"|(?<![\w+.\-])(?:[a-zA-Z][a-zA-Z0-9+.\-]*://|www\.|mailto:)[^\s<>\"«»]+"
    r"|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
)
_FR_SPECIAL_RE = re.compile(r"[;:!?«»\"]")
_EN_QUOTES_RE = re.compile(r"[\"']")
_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre"
    "|octobre|novembre|décembre|decembre"
)
_DATE_RE = re.compile(rf"(?<![\w,.])(\d{{1,2}}(?:er)?) (?=(?:{_MONTHS})\b)", re.IGNORECASE)
_THOUSANDS_RE = re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])")
_GROUP_SEP_RE = re.compile(r"[ \u00a0]")
_PERCENT_RE = re.compile(r"(?<=\d)[ \u00a0]?(?=[%€])")


@dataclass
class TextState:
    """What the rules need to remember between text nodes of one block."""

    prev: str = ""
    quote_open: bool = False
    single_open: bool = False
    skip_space: bool = False

    def reset(self) -> None:
        self.prev = ""
        self.quote_open = False
        self.single_open = False
        self.skip_space = False


def typographer_for(language: str) -> str:
    """Which rule set a publication language gets: "fr", "en" or "" (none)."""
    lang = language.lower()
    if lang.startswith("fr"):
        return "fr"
    if lang.startswith("en"):
        return "en"
    return ""


def apply_typography(text: str, language: str, state: TextState | None = None) -> str:
    """Apply the rules of ``language`` to one text node."""
    state = state if state is not None else TextState()
    kind = typographer_for(language)
    if not text:
        return text
    out: list[str] = []
    last = 0
    for match in _PROTECTED_RE.finditer(text):
        if match.start() > last:
            out.append(_plain(text[last : match.start()], kind, state))
        out.append(match.group(0))
        state.prev = match.group(0)[-1]
        state.skip_space = False
        last = match.end()
    if last < len(text):
        out.append(_plain(text[last:], kind, state))
    return "".join(out)


def _plain(text: str, kind: str, state: TextState) -> str:
    if kind == "fr":
        result = _french(text, state)
    elif kind == "en":
        result = _english(text, state)
    else:
        result = text.replace("...", "…")
        state.prev = result[-1] if result else state.prev
    return result


def _french(text: str, state: TextState) -> str:
    text = text.replace("...", "…").replace("'", "’")
    out: list[str] = []

    def prev_char() -> str:
        return out[-1][-1] if out else state.prev

    def strip_trailing_spaces() -> bool:
        """Drop spaces just before the current point; False if none were ours."""
        stripped = False
        while out:
            trimmed = out[-1].rstrip(_SPACES)
            if trimmed != out[-1]:
                stripped = True
            if trimmed:
                out[-1] = trimmed
                return stripped
            out.pop()
        return stripped

    last = 0
    for match in _FR_SPECIAL_RE.finditer(text):
        _append_text(out, text[last : match.start()], state)
        last = match.end()
        char = match.group(0)
        after = text[last : last + 1]
        prev = prev_char()
        state.skip_space = False
        if char in ";:!?":
            if strip_trailing_spaces() or _needs_space_before(char, prev, after):
                out.append(NNBSP + char)
            else:
                out.append(char)
            continue
        if char == '"':
            char = "«" if _opens(prev, after, state.quote_open) else "»"
        if char == "«":
            out.append("«" + NNBSP)
            state.quote_open = True
            state.skip_space = True
        else:  # closing guillemet
            strip_trailing_spaces()
            prev = prev_char()
            out.append("»" if prev == "" or prev in _SPACES else NNBSP + "»")
            state.quote_open = False
    _append_text(out, text[last:], state)
    result = "".join(out)
    if result:
        state.prev = result[-1]
    return _french_numbers(result)


def _append_text(out: list[str], piece: str, state: TextState) -> None:
    if state.skip_space:
        # Spaces typed after « are replaced by the one the rule put there.
        piece = piece.lstrip(_SPACES)
        state.skip_space = not piece
    if piece:
        out.append(piece)


def _needs_space_before(char: str, prev: str, after: str) -> bool:
    if prev == "" or prev in _SPACES or prev in ";:!?(«[/" or prev.isspace():
        return False
    if char == ":" and prev.isdigit() and after.isdigit():
        return False  # a time such as 15:24
    # Only when the mark ends a word: "index.php?id=3" or "Note:texte" are left alone.
    return after == "" or after.isspace() or after in ';:!?»)]"’…'


def _opens(prev: str, after: str, quote_open: bool) -> bool:
    prev_space = prev == "" or prev.isspace() or prev in _OPENERS
    after_space = after == "" or after.isspace() or after in ".,;:!?)]…"
    if prev_space and not after_space:
        return True
    if not prev_space:
        return False
    return not quote_open


def _french_numbers(text: str) -> str:
    if not any(c.isdigit() for c in text):
        return text
    text = _DATE_RE.sub(lambda m: m.group(1) + NBSP, text)
    text = _THOUSANDS_RE.sub(lambda m: _GROUP_SEP_RE.sub(NNBSP, m.group(0)), text)
    return _PERCENT_RE.sub(NNBSP, text)


def _english(text: str, state: TextState) -> str:
    text = text.replace("...", "…").replace("---", "—").replace("--", "–")
    out: list[str] = []
    last = 0
    for match in _EN_QUOTES_RE.finditer(text):
        out.append(text[last : match.start()])
        last = match.end()
        # The last character written so far (joining `out` each time was quadratic).
        prev = next((piece[-1] for piece in reversed(out) if piece), state.prev)
        after = text[last : last + 1]
        if match.group(0) == '"':
            opening = _opens(prev, after, state.quote_open)
            out.append("“" if opening else "”")
            state.quote_open = opening
        else:
            prev_space = prev == "" or prev.isspace() or prev in _OPENERS
            opening = prev_space and after != "" and not after.isspace()
            # '90s or 'tis open with an apostrophe, not a quote.
            if opening and after.isdigit():
                opening = False
            out.append("‘" if opening else "’")
    out.append(text[last:])
    result = "".join(out)
    if result:
        state.prev = result[-1]
    return result
