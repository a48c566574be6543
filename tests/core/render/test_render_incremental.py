"""Incremental rendering gives the full render's HTML and patches only what changed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.render import (
    IncrementalRenderer,
    Renderer,
    RenderOptions,
    needs_whole_document,
    split_blocks,
)
from tests.seed import SEED_PATH

SHA = "ab" * 32
OPTIONS = RenderOptions(language="fr", asset_url=lambda sha: "feuillet-asset:" + sha)

STRUCTURES = f"""\
# Titre

Intro
::: figure
image: asset:{SHA}
alt: Photo
caption: Légende
:::
suite collée

> citation a
> ligne deux

> citation b

- un
- deux

- trois, liste lâche

    continuation indentée

1. premier
2. second

* étoile
+ plus

    code indenté



    encore du code

Paragraphe

Terme
: définition

Terme deux

: définition deux

| a | b |
|:--|--:|
| 1 | 2 |

Setext
======

```python
x = 1


y = "2"
```

::: a-lire
title: Article
url: https://example.org/

Résumé en *Markdown*.

Second paragraphe.
:::

::: events
- 20 septembre | Conférence des villes | Paris
:::
- liste juste après

::: quote
Une citation.
-- Quelqu’un
:::

::: inconnu
texte
:::

::: figure
jamais fermé

Source : La Gazette des communes

## Titre {{: #perso }}

---
Fin.
"""


def documents() -> list[str]:
    docs = [STRUCTURES, "", "un seul paragraphe", "\n\n\n", "a\n\n\n\nb"]
    if SEED_PATH.is_file():
        docs.append(SEED_PATH.read_text(encoding="utf-8"))
    return docs


@pytest.mark.parametrize("text", documents())
def test_same_html_as_full_render(text: str) -> None:
    full = Renderer(OPTIONS).render(text)
    incremental = IncrementalRenderer(OPTIONS).render(text)
    assert incremental.html == full.html
    assert incremental.result.referenced_assets == full.referenced_assets
    assert incremental.result.headings == full.headings
    assert incremental.result.toc == full.toc


def _edits(text: str) -> list[str]:
    lines = text.split("\n")
    middle = len(lines) // 2
    return [
        text.replace("Intro", "Intro modifiée", 1),
        text + "\n\nNouveau paragraphe",
        "\n".join(lines[:middle] + [""] + lines[middle:]),
        "\n".join(lines[:middle] + lines[middle + 1 :]),
        text.replace(":::", "::", 1),
        text.replace("- deux", "- deux\n\n- ajouté", 1),
        text.replace("> citation b", "> citation b\n\n> citation c", 1),
        text.replace("```python", "```", 1),
        text.replace("jamais fermé", "jamais fermé\n:::", 1),
    ]


def test_edits_match_full_render_and_reuse_blocks() -> None:
    renderer = IncrementalRenderer(OPTIONS)
    renderer.render(STRUCTURES)
    for edited in _edits(STRUCTURES):
        update = renderer.render(edited)
        assert update.html == Renderer(OPTIONS).render(edited).html, edited
        renderer.render(STRUCTURES)


def test_one_character_edit_changes_one_block() -> None:
    renderer = IncrementalRenderer(OPTIONS)
    first = renderer.render(STRUCTURES)
    assert first.full
    update = renderer.render(STRUCTURES.replace("Paragraphe", "Paragraphes", 1))
    assert not update.full
    assert len(update.changed_ids) == 1 and len(update.removed_ids) == 1
    assert len(update.blocks) == len(first.blocks)
    changed = [b for b in update.blocks if b.id in update.changed_ids]
    assert changed[0].html == "<p>Paragraphes</p>"


def test_unchanged_document_changes_nothing() -> None:
    renderer = IncrementalRenderer(OPTIONS)
    renderer.render(STRUCTURES)
    again = renderer.render(STRUCTURES)
    assert again.changed_ids == () and again.removed_ids == ()


@pytest.mark.parametrize(
    "text",
    [
        "Texte[^1]\n\n[^1]: note",
        "[lien][ref]\n\n[ref]: https://example.org",
        "HTML\n\n*[HTML]: HyperText",
        "[TOC]\n\n# A",
    ],
)
def test_whole_document_features_fall_back_to_full_render(text: str) -> None:
    assert needs_whole_document(text)
    update = IncrementalRenderer(OPTIONS).render(text)
    assert update.full and len(update.blocks) == 1
    assert update.html == Renderer(OPTIONS).render(text).html


def test_duplicate_heading_ids_fall_back_to_full_render() -> None:
    text = "# Objectifs\n\ntexte\n\n# Objectifs"
    update = IncrementalRenderer(OPTIONS).render(text)
    assert update.html == Renderer(OPTIONS).render(text).html
    assert 'id="objectifs_1"' in update.html


def test_split_blocks_line_ranges_and_stable_ids() -> None:
    text = "a\n\n> q\n\n> r\n\n- x\n\n- y\n\n```\n\n```\n\nfin"
    blocks = split_blocks(text)
    assert [(b.start_line, b.end_line) for b in blocks] == [
        (0, 1),
        (2, 5),
        (6, 9),
        (10, 13),
        (14, 15),
    ]
    assert [b.text for b in blocks][1] == "> q\n\n> r"
    edited = split_blocks(text.replace("fin", "la fin"))
    assert [b.id for b in edited][:4] == [b.id for b in blocks][:4]
    assert edited[4].id != blocks[4].id
    twins = split_blocks("même\n\nmême")
    assert twins[0].id != twins[1].id


def test_cache_is_bounded() -> None:
    renderer = IncrementalRenderer(OPTIONS, cache_size=3)
    renderer.render("\n\n".join(f"p{i}" for i in range(10)))
    assert len(renderer.cache) == 3


_LINE = st.sampled_from(
    [
        "texte", "autre texte", "", "", "- item", "1. item", "> citation", "    code",
        "# Titre", "Titre\n===", ": déf", "| a | b |\n|---|---|\n| 1 | 2 |",
        "::: quote", ":::", "::: events", "- 1 mai | Fête", "```", "* étoile",
        "  - imbriqué", "---", "« Bonjour » : 20 septembre",
    ]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(_LINE, max_size=25))
def test_random_documents_match_full_render(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert IncrementalRenderer(OPTIONS).render(text).html == Renderer(OPTIONS).render(text).html
