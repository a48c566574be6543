"""French and English typography, on the seed issue's own sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.render import Renderer, RenderOptions, apply_typography

NNBSP = "\u202f"
NBSP = "\u00a0"


def fr(text: str) -> str:
    return apply_typography(text, "fr")


def html_fr(text: str) -> str:
    return Renderer(RenderOptions(language="fr")).render(text).html


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "« L’accès au numérique est une priorité »",
            f"«{NNBSP}L’accès au numérique est une priorité{NNBSP}»",
        ),
        (
            '"L\'accès au numérique est une priorité", a-t-il dit',
            f"«{NNBSP}L’accès au numérique est une priorité{NNBSP}», a-t-il dit",
        ),
        ('de " catégorie A "  qui', f"de «{NNBSP}catégorie A{NNBSP}»  qui"),
        ("L'accès au haut débit: une priorité", f"L’accès au haut débit{NNBSP}: une priorité"),
        ("Prérequis : ", f"Prérequis{NNBSP}: "),
        ("Comment on fait pour aller plus vite ?", f"Comment on fait pour aller plus vite{NNBSP}?"),
        ("Faisons le pari de la confiance !", f"Faisons le pari de la confiance{NNBSP}!"),
        (
            "d'autoriser toute expérimentation utile; la capacité",
            f"d’autoriser toute expérimentation utile{NNBSP}; la capacité",
        ),
        ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
        (
            "20 septembre : Conférence des villes",
            f"20{NBSP}septembre{NNBSP}: Conférence des villes",
        ),
        ("le 1er janvier", f"le 1er{NBSP}janvier"),
        ("les 1 650 agents", f"les 1{NNBSP}650 agents"),
        ("les 1650 agents", "les 1650 agents"),
        ("12 500 000 habitants", f"12{NNBSP}500{NNBSP}000 habitants"),
        ("Lire la suite...", "Lire la suite…"),
        ("à 15:24pm", "à 15:24pm"),
        ("50 %", f"50{NNBSP}%"),
    ],
)
def test_french_rules(typed: str, expected: str) -> None:
    assert fr(typed) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lire la suite... Figaro http://www.lefigaro.fr/politique/2017?x=1:2",
        "écrire à contact@example.org : merci",
        "voir www.example.org/a?b !",
    ],
)
def test_urls_in_text_are_untouched(text: str) -> None:
    url = next(w for w in text.split() if "." in w and ("/" in w or "@" in w))
    assert url in fr(text)


def test_never_inside_code_or_link_targets() -> None:
    html = html_fr(
        'Le code `if a: "x" ...` et [l\'article](https://example.org/a?b=1:2 "titre : ici")\n\n'
        '    bloc: "code" ...\n'
    )
    assert '<code>if a: "x" ...</code>' in html
    assert 'href="https://example.org/a?b=1:2"' in html
    assert 'title="titre : ici"' in html
    assert 'bloc: "code" ...' in html or "bloc: &quot;code&quot; ..." in html
    assert "l’article" in html


def test_attribute_lists_are_not_mangled() -> None:
    html = html_fr("# Titre : sous-titre {: #ancre .chapo }")
    assert 'id="ancre"' in html and 'class="chapo"' in html


def test_state_crosses_inline_elements() -> None:
    html = html_fr("Voir *ceci*: et «*cela*»")
    assert f"<em>ceci</em>{NNBSP}:" in html
    assert f"«{NNBSP}<em>cela</em>{NNBSP}»" in html


@pytest.mark.parametrize(
    "text",
    [
        "« L’accès au numérique est une priorité »",
        '"Cela reste l\'objectif du gouvernement", a-t-il affirmé. "Nous serons là"',
        "Le 20 septembre : 1 650 agents ; 50 % ! Vraiment ?",
        'de " catégorie A "  qui...',
        "Sources: collectivités.territoriales.jpg / Formation",
    ],
)
def test_idempotent_and_no_double_spaces_added(text: str) -> None:
    once = fr(text)
    assert fr(once) == once
    for pair in (NNBSP + " ", " " + NNBSP, NNBSP + NNBSP, NBSP + NNBSP, NNBSP + NBSP):
        assert pair not in once


def test_seed_issue_gets_french_typography() -> None:
    from tests.seed import seed_text

    text = seed_text()
    renderer = Renderer(RenderOptions(language="fr"))
    once = renderer.render(text)
    assert once.ok
    assert "20&nbsp;septembre" in once.html
    assert f"plus vite{NNBSP}?" in once.html


def test_english_smart_quotes() -> None:
    assert apply_typography("\"It's fine,\" she said -- 'really'...", "en") == (
        "“It’s fine,” she said – ‘really’…"
    )
    assert apply_typography("It's here : now ?", "en") == "It’s here : now ?"


def test_other_languages_only_get_the_ellipsis() -> None:
    assert apply_typography('Er sagt "ja"...', "de") == 'Er sagt "ja"…'


def test_typography_can_be_turned_off() -> None:
    html = Renderer(RenderOptions(language="fr", typography=False)).render("Bonjour !").html
    assert html == "<p>Bonjour !</p>"


def test_render_inline_title() -> None:
    renderer = Renderer(RenderOptions(language="fr"))
    assert renderer.render_inline("L'accès au haut débit: une <priorité>") == (
        f"L’accès au haut débit{NNBSP}: une &lt;priorité&gt;"
    )
    assert renderer.render_inline("1. # Pas un titre") == "1. # Pas un titre"


_TYPED = st.lists(
    st.sampled_from(
        list("ab1 2:;!?\"'«».,()…\u00a0\u202f\n") + ["...", "20 mai", "http://x.fr/a?b"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=_TYPED, language=st.sampled_from(["fr", "en", "de"]))
def test_typography_is_idempotent(text: str, language: str) -> None:
    once = apply_typography(text, language)
    assert apply_typography(once, language) == once


def test_email_autolinks_are_not_garbled_by_french_rules() -> None:
    html = Renderer(RenderOptions(language="fr")).render("Écrivez à <contact@ville.fr> !").html
    assert ">contact@ville.fr</a>" in html
    assert "mailto:contact@ville.fr" in html
    assert f"{NNBSP}!" in html


def test_english_rules_stay_linear_on_many_apostrophes() -> None:
    from editor.core.render.typography import apply_typography

    text = "it's " * 20_000
    assert apply_typography(text, "en").count("it’s") == 20_000
