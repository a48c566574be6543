"""Front matter: strict parsing with file:line errors, and an exact format → parse round trip."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.importers.front_matter import (
    format_article_markdown,
    format_front_matter,
    parse_article_markdown,
)
from editor.core.importers.markdown_import import import_markdown
from editor.core.importers.model import ImportedArticle, ImportFailure

FULL = """\
---
title: Projet d'administration mutualisé pour 2014-2020
kicker: Mutualisation
standfirst: "  La démarche : « plus d'un an »\\nde travail."
byline: Bruno Gérentes
role: DGS de la ville de Blois
source: La Gazette des communes
credit: Copyright © AFP : « Tous droits réservés »
tags: [mutualisation, "Blois, Agglopolys", CIAS]
date: 2017-08-07
---

Les 220 cadres des trois collectivités ont été consultés.
"""


def test_full_front_matter_is_read() -> None:
    article = parse_article_markdown(FULL, "a.md")
    assert article.title == "Projet d'administration mutualisé pour 2014-2020"
    assert article.standfirst == "  La démarche : « plus d'un an »\nde travail."
    assert article.credit == "Copyright © AFP : « Tous droits réservés »"
    assert article.tags == ("mutualisation", "Blois, Agglopolys", "CIAS")
    assert article.date == date(2017, 8, 7)
    assert article.body_markdown == "Les 220 cadres des trois collectivités ont été consultés.\n"


def test_format_of_a_parse_gives_the_same_text() -> None:
    assert format_article_markdown(parse_article_markdown(FULL)) == FULL


def test_bare_comma_list_tags_comments_blank_lines_and_crlf() -> None:
    text = (
        "---\r\n# a comment\r\n\r\ntitle:  Titre  \r\ntags: un, deux ,, trois\r\n---\r\nCorps\r\n"
    )
    article = parse_article_markdown(text)
    assert article.title == "Titre"
    assert article.tags == ("un", "deux", "trois")
    assert article.body_markdown == "Corps\n"


def test_no_front_matter_means_all_body() -> None:
    article = parse_article_markdown("Juste du texte.\n--- \n")
    assert article.title == "" and article.body_markdown == "Juste du texte.\n--- \n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"---\ntitle: X\nbody without end\n",
            "bad.md:1: the front matter opened here is never closed",
        ),
        (b"---\ntitle: X\nauteur: Moi\n---\n", "bad.md:3: unknown key 'auteur'"),
        (b"---\ntitle: X\nce n'est pas une cle\n---\n", "bad.md:3: expected 'key: value'"),
        (b"---\ndate: 07/08/2017\n---\n", "bad.md:2: bad date '07/08/2017'"),
        (b"---\ndate: 2017-02-30\n---\n", "bad.md:2: bad date '2017-02-30'"),
        (b"---\ntitle: A\ntitle: B\n---\n", "bad.md:3: the key 'title' is given twice"),
        (b'---\n\ntitle: "unterminated\n---\n', "bad.md:3: badly quoted value"),
        (b'---\ntitle: "a" b\n---\n', "bad.md:2: unexpected text after the quoted value"),
        (b"---\ntags: [a, b\n---\n", "bad.md:2: the tag list opened with [ is not closed"),
        (
            b"---\ntitle: \xc3\xa9t\xc3\xa9\n---\ncaf\xe9\n",
            "bad.md:4: not UTF-8 text: byte 0xE9 at offset",
        ),
        (b"---\ntitle: x\x00\n---\n", "bad.md: not a text/Markdown file"),
    ],
)
def test_errors_name_the_file_and_line(content: bytes, expected: str, tmp_path) -> None:
    with pytest.raises(ImportFailure) as caught:
        import_markdown(content, tmp_path / "bad.md")
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "bad.md"))
    assert expected.replace("bad.md", str(tmp_path / "bad.md")) in message


def test_import_failure_str_and_fields() -> None:
    failure = ImportFailure("file.md", 12, "unknown key 'x'")
    assert str(failure) == "file.md:12: unknown key 'x'"
    assert (failure.path, failure.line, failure.message) == ("file.md", 12, "unknown key 'x'")
    assert str(ImportFailure("file.docx", None, "damaged")) == "file.docx: damaged"


def test_title_from_leading_heading_then_file_name(tmp_path) -> None:
    article = import_markdown(b"# Rendez-vous \\*de\\* septembre\n\nTexte.\n", tmp_path / "a.md")
    assert article.title == "Rendez-vous *de* septembre"
    assert article.body_markdown == "Texte.\n"
    untitled = import_markdown(b"Texte seul.\n", tmp_path / "sans-titre.md")
    assert untitled.title == "sans-titre" and untitled.warnings


def test_utf16_with_bom_is_accepted(tmp_path) -> None:
    data = "---\ntitle: Été\n---\nCorps\n".encode("utf-16")
    assert import_markdown(data, tmp_path / "a.md").title == "Été"


def test_formatter_refuses_unknown_keys_and_skips_empty_values() -> None:
    with pytest.raises(ValueError):
        format_front_matter({"auteur": "x"})
    assert format_front_matter({"title": "T", "kicker": "", "tags": ()}) == "---\ntitle: T\n---\n"


# -- round trip with any values -------------------------------------------------------------

french = st.sampled_from(
    ["l’école", "qu'il", "« guillemets »", "c'est-à-dire", "Été", "œuvre", "🎉", "😀👍"]
)
tricky = st.sampled_from(
    [
        '"',
        "'",
        ":",
        ": ",
        " ",
        "\t",
        "\n",
        "\r\n",
        "\\",
        "[",
        "]",
        ",",
        "#",
        "---",
        "\u00a0",
        "\u2028",
    ]
)
value = st.lists(st.one_of(french, tricky, st.text(max_size=8)), max_size=6).map("".join)


@settings(max_examples=150, deadline=None)
@given(
    fields=st.fixed_dictionaries(
        {
            key: value
            for key in ("title", "kicker", "standfirst", "byline", "role", "source", "credit")
        }
    ),
    tags=st.lists(value, max_size=4),
    day=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))),
    body=st.text().map(lambda text: text.replace("\r", "")),
)
def test_round_trip_any_values(
    fields: dict[str, str], tags: list[str], day: date | None, body: str
) -> None:
    article = ImportedArticle(**fields, tags=tuple(tags), date=day, body_markdown=body)
    text = format_article_markdown(article)
    parsed = parse_article_markdown(text)
    for key, expected in fields.items():
        assert getattr(parsed, key) == expected, key
    assert parsed.tags == tuple(tags)
    assert parsed.date == day
    assert parsed.body_markdown == body
    assert format_article_markdown(parsed) == text
