"""The ``::: name`` blocks and source/credit lines, including malformed input."""

from __future__ import annotations

import re

import pytest

from editor.core.render import Renderer, RenderOptions

SHA = "3f2a" + "0" * 58 + "c9"


def asset_url(sha: str) -> str | None:
    return f"feuillet-asset:{sha}" if sha == SHA else None


def render(text: str, language: str = "fr") -> str:
    result = Renderer(RenderOptions(language=language, asset_url=asset_url)).render(text)
    assert result.ok, result.error
    return result.html


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_figure_with_caption_credit_and_alt() -> None:
    html = render(
        f"::: figure\nimage: asset:{SHA}\nalt: Les cadres réunis\n"
        "caption: Séminaire des *cadres*, à Blois\ncredit: © Ville de Blois\n:::"
    )
    assert html.startswith('<figure class="figure">')
    assert f'src="feuillet-asset:{SHA}"' in html
    assert 'alt="Les cadres réunis"' in html
    assert "<figcaption>Séminaire des <em>cadres</em>, à Blois " in html
    assert '<span class="credit">© Ville de Blois</span></figcaption>' in html


def test_figure_french_field_names() -> None:
    html = render(f"::: figure\nimage: asset:{SHA}\nalt: a\nlégende: Une légende\n:::")
    assert "<figcaption>Une légende</figcaption>" in html


def test_figure_with_remote_image_keeps_alt_as_text() -> None:
    html = render("::: figure\nimage: https://example.org/a.png\nalt: Le maire\n:::")
    assert "<img" not in html
    assert '<span class="image-refused">Le maire</span>' in html


def test_figure_with_misspelt_field_keeps_the_words() -> None:
    html = render(f"::: figure\nimage: asset:{SHA}\ncaptoin: Légende mal tapée\n:::")
    assert "<img" in html
    assert "captoin" in html and "Légende mal tapée" in html


def test_figure_without_image_shows_alt() -> None:
    html = render("::: figure\nalt: Photo à venir\n:::")
    assert "Photo à venir" in html and "<img" not in html


def test_a_lire_box_french() -> None:
    html = render(
        "::: a-lire\ntitle: INTERVIEW - Madina Rival\nsource: Le Figaro\n"
        "url: https://www.lefigaro.fr/politique/2017\n"
        "Est-ce la *première* fois ?\n:::"
    )
    assert html.startswith('<aside class="a-lire">')
    assert '<p class="a-lire-title">INTERVIEW - Madina Rival</p>' in html
    assert '<div class="a-lire-summary">' in html and "<em>première</em>" in html
    assert '<a href="https://www.lefigaro.fr/politique/2017" rel="noopener noreferrer">' in html
    assert ">Lire la suite</a>" in html
    assert '<span class="a-lire-source">Le Figaro</span>' in html


def test_a_lire_box_english_label() -> None:
    html = render("::: a-lire\ntitle: T\nurl: https://example.org/\n:::", language="en")
    assert ">Read more</a>" in html and "Read also" in html


def test_a_lire_with_unsafe_url_shows_it_as_text() -> None:
    html = render("::: a-lire\ntitle: T\nurl: javascript:alert(1)\n:::")
    assert "href" not in html
    assert "javascript:alert(1)" in visible_text(html)


def test_events_list() -> None:
    html = render(
        "::: events\n- 20 septembre | Conférence des villes | Paris\n"
        "- 21 et 22 septembre | Assises APVF\n:::"
    )
    assert html.startswith('<div class="events">\n<ul>')
    assert "<li><time>20&nbsp;septembre</time>\u202f: " in html
    assert '<span class="event-title">Conférence des villes</span>, ' in html
    assert '<span class="event-place">Paris</span></li>' in html
    assert '<span class="event-title">Assises APVF</span></li>' in html


def test_events_malformed_lines_stay_visible() -> None:
    html = render("::: events\n- 27 septembre : Congrès des Régions\n- | sans date\n:::")
    assert html.count("<li>") == 2
    assert "Congrès des Régions" in html and "sans date" in html


def test_list_after_events_is_not_merged_into_it() -> None:
    html = render("::: events\n- 1 mai | Fête\n:::\n\n- autre chose")
    assert html.count("<ul>") == 2


def test_pull_quote_with_attribution() -> None:
    html = render(
        "::: quote\nL’accès au numérique est une priorité.\n"
        "-- Mounir Mahjoubi, secrétaire d’État au numérique\n:::"
    )
    assert html.startswith('<figure class="pull-quote">\n<blockquote>\n<p>L’accès')
    assert "<figcaption>— Mounir Mahjoubi, secrétaire d’État au numérique</figcaption>" in html


def test_pull_quote_without_attribution() -> None:
    html = render("::: quote\nUne phrase.\n:::")
    assert "<blockquote>" in html and "figcaption" not in html


@pytest.mark.parametrize(
    ("line", "css"),
    [
        ("Source : La Gazette des communes", "source"),
        ("Sources : FO SP Marne", "source"),
        ("source: La Gazette des communes", "source"),
        ("Crédit : Ville de Blois", "credit"),
        ("Credit: City of Blois", "credit"),
        ("Copyright © AFP : « Tous droits réservés ».", "credit"),
        ("**Source :** La Gazette", "source"),
    ],
)
def test_source_and_credit_lines(line: str, css: str) -> None:
    assert render(line).startswith(f'<p class="{css}">')


def test_ordinary_paragraph_is_not_a_source_line() -> None:
    assert render("Sources FO SP Marne").startswith("<p>Sources")


@pytest.mark.parametrize(
    "text",
    [
        "::: inconnu\ndu texte\n:::",
        "::: figure\nimage: asset:x\njamais fermé",
        "::: quote\nouvert\n::: events\n- a | b\n:::",
        ":::\n:::\n:::",
        "::: a-lire\n:::",
        "::: events\n:::",
        "::: figure\n\n:::",
        "texte\n::: quote\ncollé au paragraphe\n:::\nsuite collée",
        "> ::: quote\n> dans une citation\n> :::",
        "- ::: figure\n- liste",
        "```\n::: quote\n```\n\n:::",
    ],
)
def test_malformed_blocks_never_raise_or_lose_words(text: str) -> None:
    html = render(text)
    # Field keys and the names of well-formed blocks are markup, not words.
    markup = {"image", "asset", "x", "figure", "quote", "events", "a", "lire"}
    words = set(re.findall(r"\w+", text)) - markup
    shown = set(re.findall(r"\w+", visible_text(html)))
    assert words <= shown, words - shown


def test_block_glued_to_a_paragraph_still_works() -> None:
    html = render("texte\n::: quote\ncollé\n:::\nsuite")
    assert "<p>texte</p>" in html and "pull-quote" in html and "<p>suite</p>" in html


def test_unclosed_block_is_plain_text() -> None:
    html = render("::: figure\nimage: asset:x")
    assert "<figure" not in html and "::: figure" in html
