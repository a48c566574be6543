"""`feuillet import` and `feuillet show --markdown`: round trip and all-or-nothing errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.cli import main

ARTICLE = """\
---
title: Projet d'administration mutualisé pour 2014-2020
kicker: Mutualisation
standfirst: "  La démarche participative : « plus d'un an » de travail."
byline: Bruno Gérentes
role: DGS de la ville de Blois
source: La Gazette des communes
credit: Copyright © AFP : « Tous droits réservés »
tags: [mutualisation, Agglopolys de Blois]
date: 2017-08-07
---

Les 220 cadres des trois collectivités et les 1650 agents ont été consultés.

> « L’accès au numérique est une priorité de ce gouvernement. »

::: events
- 20 septembre | Conférence des villes | Paris
:::
"""


@pytest.fixture(autouse=True)
def _existing_library(library_path: Path) -> None:
    """Read commands need an existing library given with --library."""
    from editor.core.library import open_library

    open_library(library_path).close()


def cli(capsys, library: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--library", str(library), *args])
    out, err = capsys.readouterr()
    return code, out, err


def article_count(capsys, library: Path) -> int:
    code, out, _ = cli(capsys, library, "list", "articles", "--json")
    assert code == 0
    return len(json.loads(out))


def test_import_then_show_round_trips(capsys, tmp_path: Path, library_path: Path) -> None:
    source = tmp_path / "article.md"
    source.write_text(ARTICLE, encoding="utf-8")
    code, out, err = cli(capsys, library_path, "import", str(source), "--issue", "1")
    assert code == 0, err
    article_id = int(out.strip())
    code, shown, _ = cli(capsys, library_path, "show", str(article_id), "--markdown")
    assert code == 0
    assert shown == ARTICLE
    # …and the shown text imports again to the same article.
    again = tmp_path / "again.md"
    again.write_text(shown, encoding="utf-8")
    code, out, _ = cli(capsys, library_path, "import", str(again))
    code, shown_again, _ = cli(capsys, library_path, "show", out.strip(), "--markdown")
    assert shown_again == ARTICLE
    code, out, _ = cli(capsys, library_path, "list", "articles", "--issue", "1", "--json")
    assert json.loads(out)[-1]["id"] == article_id


def test_title_falls_back_to_heading_then_file_name(capsys, tmp_path: Path, library_path) -> None:
    (tmp_path / "avec-titre.md").write_text("# Rendez-vous de septembre\n\nTexte.\n", "utf-8")
    (tmp_path / "sans_titre.md").write_text("Juste du texte.\n", "utf-8")
    code, out, _ = cli(
        capsys,
        library_path,
        "import",
        str(tmp_path / "avec-titre.md"),
        str(tmp_path / "sans_titre.md"),
    )
    first, second = (int(x) for x in out.split())
    _, shown, _ = cli(capsys, library_path, "show", str(first), "--markdown")
    assert "title: Rendez-vous de septembre" in shown
    _, shown, _ = cli(capsys, library_path, "show", str(second), "--markdown")
    assert "title: sans_titre" in shown


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("---\ntitle: Été\n".encode("latin-1") + b"---\ncaf\xe9\n", "bad.md:2: not UTF-8"),
        (
            b"---\ntitle: X\nbody without end\n",
            "bad.md:1: the front matter opened here is never closed",
        ),
        (b"---\ntitle: X\nauteur: Moi\n---\n", "bad.md:3: unknown key 'auteur'"),
        (b"---\ntitle: X\nce n'est pas une cle\n---\n", "bad.md:3: expected 'key: value'"),
        (b"---\ndate: 07/08/2017\n---\n", "bad.md:2: bad date"),
        (b'---\ntags: [a, "b, c"]\n---\n', "bad.md: the tag 'b, c' contains a comma"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bad.md: not a text/Markdown file"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_imported(
    capsys, tmp_path: Path, library_path: Path, content: bytes, message: str
) -> None:
    good = tmp_path / "good.md"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_bytes(content)
    before = article_count(capsys, library_path)
    code, out, err = cli(capsys, library_path, "import", str(good), str(bad))
    assert code == 1 and out == ""
    assert message in err and err.count("\n") == 1
    assert article_count(capsys, library_path) == before


def test_missing_file_and_unknown_issue(capsys, tmp_path: Path, library_path: Path) -> None:
    code, _, err = cli(capsys, library_path, "import", str(tmp_path / "absent.md"))
    assert code == 1 and "absent.md: can't be read" in err
    good = tmp_path / "good.md"
    good.write_text(ARTICLE, encoding="utf-8")
    before = article_count(capsys, library_path)
    code, _, err = cli(capsys, library_path, "import", str(good), "--issue", "77")
    assert code == 1 and "no issue with id 77" in err
    assert article_count(capsys, library_path) == before
