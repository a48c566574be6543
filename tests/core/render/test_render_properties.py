"""Hypothesis properties: never raise, sanitising is stable, no word is lost."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.render import Renderer, RenderOptions, sanitize_html
from tests.core.render.hostile_corpus import assert_safe_html

PREFIX = "feuillet-asset:"
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Markdown-ish text: markup characters, French words and punctuation, URLs.
_PIECES = st.sampled_from(
    [
        "*", "**", "_", "`", "[", "]", "(", ")", "!", "<", ">", "#", "-", "|", ":", ";",
        "?", '"', "'", "«", "»", "\n", "\n\n", "    ", "&", "&amp;", "{: #x }", "[^1]",
        "::: figure\n", "::: quote\n", ":::\n", "image: asset:" + "ab" * 32 + "\n",
        "javascript:alert(1)", "https://example.org/a?b=c", "<script>", "onerror=",
        "l'accès", "20 septembre", "1 650", "...", " ", "é", "\u00a0", "\t",
        "[x](", "![y](", "<img src=x>", "--", "1. ", "- ", "> ",
    ]
)  # fmt: skip
MARKDOWNISH = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("".join)

# Plain prose: words separated by spaces, punctuation and paragraph breaks.
# Words start with a letter: a line "1. " would be list markup, not a word.
WORD = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("abcdefghijklmnopqrstuvwxyzéèàçœABCÉ"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàçœABCÉ0123456789", max_size=9),
)
SEPARATOR = st.sampled_from(
    [" ", " ", ", ", ". ", " : ", " ; ", " ! ", " ? ", "\n", "\n\n", "' ", '"']
)
PROSE = st.lists(st.tuples(WORD, SEPARATOR), min_size=1, max_size=30).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)


def _renderer(language: str) -> Renderer:
    return Renderer(RenderOptions(language=language, asset_url=lambda sha: PREFIX + sha))


@FAST
@given(text=MARKDOWNISH, language=st.sampled_from(["fr", "en", "de"]))
def test_render_never_raises_and_output_is_safe(text: str, language: str) -> None:
    result = _renderer(language).render(text)
    assert isinstance(result.html, str)
    assert_safe_html(result.html, allowed_image_sources={PREFIX + "ab" * 32})
    assert sanitize_html(result.html, allowed_image_prefixes=[PREFIX]) == result.html


@FAST
@given(html=st.text(max_size=200) | MARKDOWNISH.map(lambda s: "<p " + s + ">" + s))
def test_sanitising_twice_equals_once(html: str) -> None:
    once = sanitize_html(html, allowed_image_prefixes=[PREFIX])
    assert sanitize_html(once, allowed_image_prefixes=[PREFIX]) == once


def _text_content(html: str) -> str:
    import html as html_lib

    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


@FAST
@given(text=PROSE, language=st.sampled_from(["fr", "en"]))
def test_every_word_survives(text: str, language: str) -> None:
    html = _renderer(language).render(text).html
    words = re.findall(r"\w+", text)
    shown = re.findall(r"\w+", _text_content(html))
    assert words == shown
