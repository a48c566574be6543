"""Slugs: French folding, Windows-reserved names, collisions, traversal, never empty."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.export.slugs import MAX_SLUG_LENGTH, SlugAllocator, is_safe_file_name, slugify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Projet d'administration mutualisé", "projet-d-administration-mutualise"),
        ("L’accès au haut débit : une priorité", "l-acces-au-haut-debit-une-priorite"),
        ("Mise en œuvre du cœur", "mise-en-oeuvre-du-coeur"),
        ("Straße ÆON Øresund", "strasse-aeon-oresund"),
        ("À lire : « Ça, c'est l'État ! »", "a-lire-ca-c-est-l-etat"),
        ("Élus & agents", "elus-et-agents"),
        ("  --Déjà--  ", "deja"),
    ],
)
def test_french_folding(text: str, expected: str) -> None:
    assert slugify(text) == expected


@pytest.mark.parametrize("name", ["CON", "prn", "Aux", "NUL", "COM1", "lpt9", "con.txt"])
def test_windows_reserved_names_are_never_produced(name: str) -> None:
    slug = slugify(name)
    assert is_safe_file_name(slug + ".html")
    assert slug.split(".")[0] not in {"con", "prn", "aux", "nul", "com1", "lpt9"}


@pytest.mark.parametrize("text", ["", "   ", "!!!", "«»", "日本語", "🎉🎉", "..", "/"])
def test_never_empty(text: str) -> None:
    slug = slugify(text, fallback="article-7")
    assert slug == "article-7" or slug
    assert is_safe_file_name(slug)


@pytest.mark.parametrize(
    "text", ["../../etc/passwd", "..\\..\\windows", "/abs/path", "a/b", "C:\\x"]
)
def test_traversal_names_become_plain(text: str) -> None:
    slug = slugify(text)
    assert "/" not in slug and "\\" not in slug and ".." not in slug and ":" not in slug


def test_length_is_capped_at_a_word_boundary() -> None:
    slug = slugify("mutualisation " * 20)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert not slug.endswith("-")
    assert set(slug.split("-")) == {"mutualisation"}


def test_allocator_makes_collisions_unique() -> None:
    slugs = SlugAllocator()
    got = [slugs.allocate(t) for t in ["Édito", "edito", "ÉDITO", "", "", "x" * 200, "x" * 200]]
    assert got[:3] == ["edito", "edito-2", "edito-3"]
    assert got[3] == "article" and got[4] == "article-2"
    assert len(set(got)) == len(got)
    assert all(len(s) <= MAX_SLUG_LENGTH for s in got)


@given(st.lists(st.text(max_size=80), min_size=1, max_size=12))
def test_any_titles_give_unique_safe_names(titles: list[str]) -> None:
    slugs = SlugAllocator()
    got = [slugs.allocate(t) for t in titles]
    assert len(set(got)) == len(got)
    for slug in got:
        assert slug and len(slug) <= MAX_SLUG_LENGTH
        assert is_safe_file_name(slug) and is_safe_file_name(slug + ".html")
        assert slug == slug.lower() and slug.isascii()


@pytest.mark.parametrize(
    "name", ["", ".", "..", "a/b", "a\\b", "x:", "CON", "nul.html", "a.", "a ", "a\x00"]
)
def test_unsafe_file_names(name: str) -> None:
    assert not is_safe_file_name(name)
