"""Spell checking: French-aware tokenizing, Markdown skipping, both backends, incremental use."""

from __future__ import annotations

import pytest

from editor.core.spelling import (
    Misspelling,
    SpellingUnavailable,
    available_backends,
    create_spell_checker,
)
from editor.core.spelling.tokenizer import STATE_FENCE_BACKTICKS, STATE_TEXT, chunks_in_lines
from tests.seed import seed_text

# Names and coinages of this issue that no general dictionary has: what a user
# adds to the personal dictionary the first week.
SEED_PERSONAL_WORDS = {
    "Agglopolys", "Chaize", "Dircab", "Gérentes", "Madina", "Mahjoubi", "Manrique", "Territoria",
    "agilisation", "blaisois", "mitterrandienne",
}  # fmt: skip
SEED_SENTENCES = """\
La démarche participative qui a associé la ville et le CIAS a pris plus d'un an.
Car, au-delà de la mutualisation, c'est une démarche participative commune.
L’objectif était de créer une « culture d'entreprise » partagée, jusqu’à présent.
Cela a pris plus d'un an et la mise en œuvre se fait de façon graduelle depuis 2015.
« L’accès au numérique est une priorité de ce gouvernement », a-t-il assuré.
Une « task force » au service de la modernisation de l’action publique.
A l’issue du contrat, les comptes seront faits : le souci vérifié ou non de l’Etat d’alléger les normes.
Elaborée à partir d’un bassin régional, elle serait pourtant synonyme de mobilités inter-fonctions publiques.
Est-ce la première fois dans l'histoire de la Ve République qu'un gouvernement est géré ainsi ?
Rendez-vous les 28, 29 et 30 août à Aurillac, Sébastien Côte, commissaire général de RURALITIC.
21 au 23 septembre : Congrès SNDGCT, à Clermont-Ferrand ; aujourd’hui, peut-être, c'est-à-dire presqu'île.
Jean-Charles, président de Dirigeants grandes collectivités, qu'il s'agisse d'un ou d'une autre.
"""


def enchant_fr():
    try:
        return create_spell_checker("fr", backend="enchant")
    except SpellingUnavailable as exc:
        pytest.skip(f"enchant with a French dictionary is not installed: {exc}")


@pytest.fixture(params=["enchant", "pyspellchecker"])
def checker(request: pytest.FixtureRequest):
    if request.param == "enchant":
        return enchant_fr()
    return create_spell_checker("fr", backend="pyspellchecker")


def words(text: str, found: list[Misspelling]) -> list[str]:
    assert all(text[m.start : m.end] == m.word for m in found)
    return [m.word for m in found]


def test_markdown_syntax_is_skipped() -> None:
    text = (
        "Voir [le lien](https://x.fr/a_b) et `codde ici` ![alt](asset:3f2a…c9) &nbsp; <span>gras</span>\n"
        "a@b.fr www.gazette.fr/x 2014-2020 1er 15h30 collectivités.territoriales.jpg {: .wide} [^1]\n"
        "::: figure\ncaption: Légende\n:::\n```\nfooo barr\n```\nfin\n[ref]: https://exemple.fr/x"
    )
    chunks = [chunk.text for chunk in chunks_in_lines(text)]
    assert chunks == ["Voir", "le", "lien", "et", "alt", "gras", "Légende", "fin"]


def test_seed_sentences_are_clean_with_enchant() -> None:
    checker = enchant_fr()
    assert words(SEED_SENTENCES, checker.check(SEED_SENTENCES)) == []


def test_whole_seed_issue_is_clean_once_its_names_are_in_the_personal_dictionary() -> None:
    checker = enchant_fr()
    text = seed_text()
    flagged = set(words(text, checker.check(text)))
    # Without the personal words only names and coinages are flagged, nothing else.
    assert flagged <= SEED_PERSONAL_WORDS
    personal = create_spell_checker("fr", personal_words=SEED_PERSONAL_WORDS, backend="enchant")
    assert personal.check(text) == []


def test_misspellings_and_suggestions(checker) -> None:
    text = "Le gouvernment a annoncé la mutualisaton des services de l'écolle."
    found = checker.check(text)
    assert words(text, found) == ["gouvernment", "mutualisaton", "écolle"]
    assert found[2] == Misspelling(text.index("écolle"), text.index("écolle") + 6, "écolle")
    assert "gouvernement" in checker.suggest("gouvernment")[:3]
    assert checker.suggest("mutualisaton")[0] == "mutualisation"
    assert checker.suggest("Gouvernment")[:3].count("Gouvernement") == 1


def test_elisions_compounds_acronyms_with_both_backends(checker) -> None:
    text = (
        "L'école, l’école, qu'il, d'un, jusqu'à, CIAS, DGS, XXIe siècle, porte-parole, peut-être."
    )
    assert words(text, checker.check(text)) == []
    assert words("l’écolle", checker.check("l’écolle")) == ["écolle"]
    assert words("peut-êttre", checker.check("peut-êttre")) == ["êttre"]


def test_personal_dictionary_and_ignore(checker) -> None:
    stored: list[str] = []
    personal = create_spell_checker(
        "fr",
        personal_words=["Agglopolys"],
        on_personal_add=stored.append,
        backend=checker.backend_name,
    )
    assert personal.check("Agglopolys et l'Agglopolys") == []
    assert words("Mahjoubi", personal.check("Mahjoubi")) == ["Mahjoubi"]
    personal.add_to_personal("Mahjoubi")
    assert stored == ["Mahjoubi"] and personal.check("M. Mahjoubi") == []
    personal.ignore("blaisois")
    assert personal.check("du blaisois") == [] and stored == ["Mahjoubi"]
    assert personal.is_correct("l'école") and not personal.is_correct("ecolle")


def test_check_line_states_and_check_range(checker) -> None:
    found, state = checker.check_line("```python", STATE_TEXT)
    assert found == [] and state == STATE_FENCE_BACKTICKS
    found, state = checker.check_line("fooo barr baz", state)
    assert found == [] and state == STATE_FENCE_BACKTICKS
    found, state = checker.check_line("```", state)
    assert state == STATE_TEXT
    found, state = checker.check_line("Un gouvernment.", state)
    assert [m.word for m in found] == ["gouvernment"] and found[0].start == 3
    text = "Première ligne juste.\n```\nfooo\n```\nUne fautte ici.\nEt une erreurr là."
    start = text.index("fautte")
    found = checker.check_range(text, start, start + 2)
    assert [(m.word, m.start) for m in found] == [("fautte", start)]
    assert [m.word for m in checker.check_range(text, 0, len(text))] == ["fautte", "erreurr"]
    assert checker.check_range(text, text.index("fooo"), text.index("fooo") + 1) == []


def test_english_publication(checker) -> None:
    english = create_spell_checker("en", backend=checker.backend_name)
    text = "The government's plan doesn't reach the rural towns."
    assert english.check(text) == []
    assert words("governement", english.check("governement")) == ["governement"]


def test_ten_thousand_words_with_enchant_come_out_clean() -> None:
    # Speed (0.05 s for these 10k words) is measured in benchmarks, not asserted.
    checker = enchant_fr()
    text = (SEED_SENTENCES + "\n") * 60
    assert len(text.split()) > 10_000
    assert checker.check(text) == []


def test_backends_are_listed_and_unknown_language_fails() -> None:
    assert "pyspellchecker" in available_backends("fr")
    with pytest.raises(SpellingUnavailable):
        create_spell_checker("xx")
    with pytest.raises(ValueError):
        create_spell_checker("fr", backend="aspell")
