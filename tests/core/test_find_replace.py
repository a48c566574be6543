"""Find and replace: options, regex errors and guards, accent folding, the multi-document plan."""

from __future__ import annotations

import pytest

from editor.core.find_replace import (
    DocumentMatch,
    FindError,
    FindOptions,
    find_all,
    match_case,
    plan_replacements,
    replace_all,
    search_documents,
)

TEXT = "L'État et l’etat.\nLes Etats-Unis ; état, ÉTAT, étatique.\nCafe\u0301 café œuvre"


def spans(text: str, query: str, **options: bool) -> list[str]:
    return [match.text for match in find_all(text, query, FindOptions(**options))]


def test_plain_search_is_case_insensitive_by_default() -> None:
    assert spans(TEXT, "état") == ["État", "état", "ÉTAT", "état"]
    assert spans(TEXT, "état", case_sensitive=True) == ["état", "état"]


def test_whole_word_respects_french_apostrophes_and_hyphens() -> None:
    assert spans(TEXT, "état", whole_word=True) == ["État", "état", "ÉTAT"]
    assert spans("l'école d'école écoles", "école", whole_word=True) == ["école", "école"]
    assert spans("(test) x(test)y", "(test)", whole_word=True) == ["(test)", "(test)"]


def test_accent_insensitive_search_maps_back_to_the_original_text() -> None:
    assert spans(TEXT, "etat", whole_word=True, accent_insensitive=True) == [
        "État",
        "etat",
        "état",
        "ÉTAT",
    ]  # fmt: skip (not "Etats" of Etats-Unis: whole words only)
    # A decomposed "é" (e + combining accent) is matched whole, and œ matches "oe".
    assert spans(TEXT, "cafe", accent_insensitive=True) == ["Cafe\u0301", "café"]
    assert spans(TEXT, "oeuvre", accent_insensitive=True) == ["œuvre"]
    assert spans(TEXT, "l'etat", accent_insensitive=True) == ["L'État", "l’etat"]


def test_match_position_line_and_context() -> None:
    text = "premier\n" + "x" * 60 + " cible " + "y" * 60 + "\nfin"
    (match,) = find_all(text, "cible")
    assert (match.line, match.column) == (2, 62)
    assert match.context.startswith("…") and match.context.endswith("…")
    assert match.context[match.context_start : match.context_end] == "cible"
    assert text[match.start : match.end] == "cible"


def test_regex_search_replace_with_groups() -> None:
    new, count = replace_all(
        "2017-08-07 et 2020-01-02",
        r"(\d{4})-(\d\d)-(?P<d>\d\d)",
        r"\g<d>/\2/\1",
        FindOptions(regex=True),
    )
    assert (new, count) == ("07/08/2017 et 02/01/2020", 2)
    new, count = replace_all("a\nb", "^", "> ", FindOptions(regex=True))
    assert (new, count) == ("> a\n> b", 2)
    assert replace_all("x", "x", r"\n\t\\", FindOptions(regex=True)) == ("\n\t\\", 1)


def test_plain_replacement_is_literal() -> None:
    assert replace_all("a.b a.b", "a.b", r"\1$&", FindOptions()) == (r"\1$& \1$&", 2)
    assert replace_all("axb", "a.b", "z", FindOptions()) == ("axb", 0)


def test_accent_insensitive_replace_keeps_group_text_with_accents() -> None:
    new, count = replace_all(
        "L’État, l'etat", r"l'(etat)", r"[\1]", FindOptions(regex=True, accent_insensitive=True)
    )
    assert (new, count) == ("[État], [etat]", 2)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("(a", "invalid regular expression at position 1: missing ), unterminated subpattern"),
        ("a[", "invalid regular expression at position 2"),
        ("(a+)+$", "repeats a repetition"),
        (r"(\w*\s?)*x", "repeats a repetition"),
        ("", "nothing to search for"),
    ],
)
def test_bad_or_risky_regex_is_refused(query: str, message: str) -> None:
    with pytest.raises(FindError, match=message.replace("(", r"\(").replace(")", r"\)")):
        find_all("aaaa", query, FindOptions(regex=True))


@pytest.mark.parametrize(
    ("replacement", "message"),
    [(r"\2", "group 2"), (r"\g<nom>", "unknown group"), (r"\q", "bad escape")],
)
def test_bad_replacement_is_refused(replacement: str, message: str) -> None:
    with pytest.raises(FindError, match=message):
        replace_all("abc", "(b)", replacement, FindOptions(regex=True))


def test_a_bounded_repeat_inside_a_repeat_is_allowed() -> None:
    assert spans("ab ab", r"(?:ab\s?){1,3}", regex=True) == ["ab ab"]


ITEMS = [
    (1, "title", "L'État et les collectivités"),
    (1, "body", "L'Etat s'engage.\nL’État tiendra."),
    (2, "body", "Rien ici."),
    (3, "standfirst", "état des lieux"),
]


def test_search_documents_for_the_review_list() -> None:
    found = search_documents(ITEMS, "etat", FindOptions(accent_insensitive=True, whole_word=True))
    assert [(m.doc_id, m.field, m.match.line, m.match.text) for m in found] == [
        (1, "title", 1, "État"), (1, "body", 1, "Etat"), (1, "body", 2, "État"), (3, "standfirst", 1, "état"),
    ]  # fmt: skip
    assert len(search_documents(ITEMS, "e", FindOptions(), limit=3)) == 3


def test_plan_replaces_only_accepted_matches_and_keeps_the_old_text() -> None:
    def skip_standfirst(match: DocumentMatch) -> bool:
        return match.field != "standfirst"

    plan = plan_replacements(
        ITEMS,
        "etat",
        "État",
        FindOptions(accent_insensitive=True, whole_word=True),
        accept=skip_standfirst,
    )
    assert [(e.doc_id, e.field, e.new_text, e.count) for e in plan.edits] == [
        (1, "body", "L'État s'engage.\nL’État tiendra.", 2),
    ]  # fmt: skip
    assert plan.edits[0].old_text == ITEMS[1][2]
    assert plan.total == 2
    everything = plan_replacements(ITEMS, "etat", "Etat", FindOptions(accent_insensitive=True))
    assert {(e.doc_id, e.field) for e in everything.edits} == {
        (1, "title"),
        (1, "body"),
        (3, "standfirst"),
    }


def test_plan_with_a_bad_regex_raises_before_anything() -> None:
    with pytest.raises(FindError):
        plan_replacements(iter(ITEMS), "(", "x", FindOptions(regex=True))


# -- keeping the case of each match (no "Match case", no regex) ------------------------------


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ("agglomération", "intercommunalité"),
        ("Agglomération", "Intercommunalité"),
        ("AGGLOMÉRATION", "INTERCOMMUNALITÉ"),
        ("aGGlo", "intercommunalité"),  # mixed: as typed
        ("A", "Intercommunalité"),  # one capital letter is a capital first letter
        ("2024", "intercommunalité"),  # no letters: as typed
    ],
)
def test_match_case(found: str, expected: str) -> None:
    assert match_case(found, "intercommunalité") == expected


def test_match_case_keeps_what_was_typed_otherwise() -> None:
    assert match_case("cias", "CIAS de Blois") == "CIAS de Blois"
    assert match_case("Ville", "l'agglo") == "L'agglo"
    assert match_case("Ville", "« cité »") == "« Cité »"
    assert match_case("VILLE", "") == ""


def test_replace_all_keeps_each_matchs_case_without_match_case() -> None:
    text = "L'agglomération vote. Agglomération : AGGLOMÉRATION DE BLOIS."
    new, count = replace_all(text, "agglomération", "intercommunalité")
    assert count == 3
    assert new == "L'intercommunalité vote. Intercommunalité : INTERCOMMUNALITÉ DE BLOIS."
    exact = replace_all(text, "Agglomération", "intercommunalité", FindOptions(case_sensitive=True))
    assert exact == ("L'agglomération vote. intercommunalité : AGGLOMÉRATION DE BLOIS.", 1)
    regex = replace_all(text, "agglom[ée]ration", "intercommunalité", FindOptions(regex=True))
    assert regex[0].count("intercommunalité") == 3  # a regex template is written as typed


def test_plan_keeps_each_matchs_case_also_accent_insensitive() -> None:
    items = [(1, "title", "État et ETAT"), (2, "body", "l'etat")]
    plan = plan_replacements(items, "etat", "collectivité", FindOptions(accent_insensitive=True))
    assert [e.new_text for e in plan.edits] == ["Collectivité et COLLECTIVITÉ", "l'collectivité"]
    assert plan.total == 3
    accepted = plan_replacements(
        items, "etat", "région", FindOptions(), accept=lambda m: m.match.start > 0
    )
    assert [e.new_text for e in accepted.edits] == ["État et RÉGION", "l'région"]
