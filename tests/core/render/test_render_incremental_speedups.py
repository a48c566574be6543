"""The incremental cut and render give exactly the full ones, edit after edit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.render import IncrementalRenderer, Renderer, RenderOptions, split_blocks
from editor.core.render.splitter import IncrementalSplitter, needs_whole_document

OPTIONS = RenderOptions(language="fr", asset_url=lambda sha: "feuillet-asset:" + sha)

_LINE = st.sampled_from(
    [
        "texte", "autre texte", "", "", "", "- item", "1. item", "> citation", "    code",
        "# Titre", "Titre", "===", ": déf", "| a | b |", "|---|---|", "::: quote", ":::",
        "::: events", "::: figure", "- 1 mai | Fête", "```", "~~~", "* étoile", "  - imbriqué",
        "---", "« Bonjour » : 20 septembre", "\u00a0", "   ", "\t", "[^1]: note", "texte[^1]",
        "[ref]: https://example.org", "texte", "> suite", "+ plus",
    ]
)  # fmt: skip
# Without whitespace-only lines: a first line of only spaces or a tab renders
# differently alone and in the document, with the full cut too (known, not
# introduced by the incremental cut, which the tests above compare with it).
_RENDERABLE = _LINE.filter(lambda line: line.strip(" \t") or not line)
_PLAIN = st.sampled_from(["texte", "", "- item", "> citation", "    code", ": déf", "Titre"])


@st.composite
def edit_sequences(draw: st.DrawFn, line: st.SearchStrategy[str] = _LINE) -> tuple:
    lines = draw(st.lists(line, min_size=1, max_size=30))  # a text has at least one line
    edits = []
    for _ in range(draw(st.integers(1, 6))):
        size = len(lines)
        start = draw(st.integers(0, size))
        end = draw(st.integers(start, min(size, start + 3)))
        new = draw(st.lists(line, max_size=3))
        if draw(st.booleans()) and start < size:  # a typed character inside a line
            end = start + 1
            new = [
                lines[start][:1]
                + draw(st.sampled_from(["x", " ", ">", "-", "`"]))
                + lines[start][1:]
            ]
        if not lines[:start] + new + lines[end:]:
            new = [""]
        lines = lines[:start] + new + lines[end:]
        edits.append((start, end, new, list(lines)))
    return draw(st.just(edits)), lines


def _shape(blocks: list) -> list[tuple]:
    return [(b.id, b.start_line, b.end_line, b.text, b.digest) for b in blocks]


@settings(max_examples=300, deadline=None)
@given(data=edit_sequences())
def test_incremental_cut_equals_full_cut(data: tuple) -> None:
    edits, _ = data
    by_diff, by_edit = IncrementalSplitter(), IncrementalSplitter()
    first_start, first_end, first_new, first_lines = edits[0]
    by_edit.split(first_lines)
    for index, (start, end, new, lines) in enumerate(edits):
        text = "\n".join(lines)
        expected = _shape(split_blocks(text))
        assert _shape(by_diff.split(lines)) == expected, text
        assert by_diff.needs_whole_document == needs_whole_document(text)
        # The first edit is the initial cut; later ones may equal it by value.
        if index > 0:
            assert _shape(by_edit.edit(start, end, new)) == expected, text


@settings(max_examples=200, deadline=None)
@given(data=edit_sequences(_PLAIN))
def test_incremental_cut_of_plain_edits_equals_full_cut(data: tuple) -> None:
    """Edits without fences take the local re-cut, never the full pass."""
    edits, _ = data
    splitter = IncrementalSplitter()
    splitter.split(["début", "", *edits[0][3]])
    for start, end, new, lines in edits[1:]:
        got = splitter.edit(start + 2, end + 2, new)
        assert _shape(got) == _shape(split_blocks("\n".join(["début", "", *lines])))


@settings(max_examples=60, deadline=None)
@given(data=edit_sequences(_RENDERABLE))
def test_incremental_render_equals_full_render_after_each_edit(data: tuple) -> None:
    edits, _ = data
    renderer, by_edit = IncrementalRenderer(OPTIONS), IncrementalRenderer(OPTIONS)
    by_edit.render("\n".join(edits[0][3]))
    for index, (start, end, new, lines) in enumerate(edits):
        text = "\n".join(lines)
        full = Renderer(OPTIONS).render(text)
        update = renderer.render(text)
        assert update.html == full.html, text
        assert update.result.headings == full.headings
        if index:
            assert by_edit.apply_edit(start, end, new).html == full.html, text
            assert "\n".join(by_edit.lines) == text


def test_one_character_edit_recuts_a_few_groups_only() -> None:
    paragraphs = [f"Paragraphe {i} avec du *texte*." for i in range(400)]
    text = "\n\n".join(paragraphs)
    renderer = IncrementalRenderer(OPTIONS)
    first = renderer.render(text)
    update = renderer.render(text.replace("Paragraphe 200 ", "Paragraphe 200x ", 1))
    first_block, count = renderer.splitter.last_resplit
    assert first_block > 0 and count <= 4
    assert len(update.changed_ids) == 1 and len(update.blocks) == len(first.blocks)
    update = renderer.apply_edit(10, 10, ["", "Nouveau"])  # lines shift after the edit
    assert update.html == Renderer(OPTIONS).render("\n".join(renderer.lines)).html
    assert [b.start_line for b in update.blocks][-1] == 800


def test_carriage_returns_render_like_the_full_renderer() -> None:
    renderer = IncrementalRenderer(OPTIONS)
    for text in ("a\r\n\r\nb", "a\rb\r\r> c", "a\n\nb"):
        assert renderer.render(text).html == Renderer(OPTIONS).render(text).html


def test_editing_one_of_identical_blocks_keeps_the_others_ids() -> None:
    text = "\n\n".join(["Même paragraphe."] * 50)
    renderer = IncrementalRenderer(OPTIONS)
    first = renderer.render(text)
    update = renderer.render(text.replace("Même paragraphe.", "Même paragraphe !", 1))
    assert len(update.changed_ids) == 1 and len(update.removed_ids) == 1
    assert [b.id for b in update.blocks][1:] == [b.id for b in first.blocks][1:]
    assert len(set(b.id for b in update.blocks)) == 50
