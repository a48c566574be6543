"""The preview's delta protocol: changed lines in, changed blocks out, resync on doubt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")

from editor.ui.asset_scheme import register_schemes  # noqa: E402
from editor.ui.preview_page import apply_pyside_refcount_workaround  # noqa: E402

apply_pyside_refcount_workaround()
register_schemes()

from typing import Any  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from editor.ui.preview_pane import PreviewPane  # noqa: E402
from editor.ui.preview_patch import LiveRegion, changed_lines  # noqa: E402
from editor.ui.workers import _Worker  # noqa: E402

LONG = "\n\n".join(f"Paragraphe {i} : le conseil a voté **hier**." for i in range(120))


def _delta(old: str, new: str, base: int, version: int, **extra: Any) -> dict[str, Any]:
    old_lines, new_lines = old.split("\n"), new.split("\n")
    start, end, new_end = changed_lines(old_lines, new_lines)
    return {"op": "delta", "base": base, "version": version, "start": start, "end": end,
            "lines": new_lines[start:new_end], **extra}  # fmt: skip


def _region(reply: dict[str, Any]) -> LiveRegion:
    region = LiveRegion()
    region.load(reply["order"], reply["html"], reply.get("version"))
    return region


def _shown(region: LiveRegion) -> tuple[list[tuple[str, int, int]], str]:
    return region.lines, "\n".join(region.html[i] for i in region.order)


def _expected(text: str) -> tuple[list[tuple[str, int, int]], str]:
    reply = _full(text)
    lines = [(i, s, e) for i, s, e in reply["order"]]
    return lines, "\n".join(reply["html"][b[0]] for b in reply["order"])


def _full(text: str) -> dict[str, Any]:
    return _Worker().handle({"op": "blocks", "text": text, "version": 0})


def testchanged_lines() -> None:
    assert changed_lines(["a", "b", "c"], ["a", "x", "c"]) == (1, 2, 2)
    assert changed_lines(["a", "b"], ["a", "b", "c"]) == (2, 2, 3)
    assert changed_lines(["a", "b"], ["a", "b"]) == (2, 2, 2)
    assert changed_lines(["a", "a"], ["a"]) == (1, 2, 1)


def test_delta_replies_with_the_changed_block_only() -> None:
    worker = _Worker()
    region = _region(worker.handle({"op": "blocks", "text": LONG, "version": 1}))
    edited = LONG.replace("Paragraphe 60 :", "Paragraphe 60 modifié :")
    reply = worker.handle(_delta(LONG, edited, 1, 2))
    assert reply["op"] == "splice" and reply["from"] == 1 and reply["version"] == 2
    assert len(reply["blocks"]) == 1 and len(reply["html"]) == 1
    assert "modifié" in next(iter(reply["html"].values()))
    patch = region.splice(reply)
    assert len(patch.remove) == 1 and len(patch.insert) == 1
    assert region.version == 2
    lines, html = _shown(region)
    expected_lines, expected_html = _expected(edited)
    assert [b[1:] for b in lines] == [b[1:] for b in expected_lines] and html == expected_html


def test_unknown_base_or_new_images_ask_for_the_whole_text() -> None:
    worker = _Worker()
    assert worker.handle(_delta(LONG, LONG + "x", 1, 2))["op"] == "resync"  # fresh worker
    worker.handle({"op": "blocks", "text": LONG, "version": 1})
    assert worker.handle(_delta(LONG, LONG + "x", 7, 8))["op"] == "resync"  # wrong base
    assert worker.handle(_delta(LONG, LONG + "x", 1, 2))["op"] == "splice"
    reply = worker.handle(_delta(LONG + "x", LONG + "y", 2, 3, assets=["ab" * 32]))
    assert reply["op"] == "resync"  # the renderers were reset for the new image


_LINE = st.sampled_from(
    ["texte", "autre", "", "", "- item", "> citation", "    code", "# Titre", "::: quote",
     ":::", "```", "[^1]: note", "Même.", "Même."]
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(
    start=st.lists(_LINE, min_size=1, max_size=20),
    edits=st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 2), st.lists(_LINE, max_size=3)),
        min_size=1,
        max_size=6,
    ),
)
def test_splices_rebuild_the_full_reply(start: list[str], edits: list[tuple]) -> None:
    worker = _Worker()
    text = "\n".join(start)
    region = _region(worker.handle({"op": "blocks", "text": text, "version": 0}))
    for version, (at, removed, added) in enumerate(edits, start=1):
        lines = text.split("\n")
        at = min(at, len(lines))
        lines[at : at + removed] = added
        new = "\n".join(lines)
        reply = worker.handle(_delta(text, new, version - 1, version))
        assert reply["op"] == "splice"
        region.splice(reply)
        text = new
        lines, html = _shown(region)
        expected_lines, expected_html = _expected(text)
        assert [b[1:] for b in lines] == [b[1:] for b in expected_lines], text
        assert html == expected_html
        assert len(set(region.order)) == len(region.order) == len(region.html)
        assert region.starts == [b[1] for b in lines]


def _body(qtbot: Any, pane: PreviewPane) -> str:
    box: list[Any] = []
    pane.run_javascript("document.body.innerText", box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return str(box[0])


def test_pane_resyncs_after_the_worker_restarts(qtbot: Any, library: Any) -> None:
    pane = PreviewPane()
    pane.resize(1000, 700)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_services(library.services)
    try:
        article_id = library.services.article_ids(library.services.list_issues()[0].id)[0]
        with qtbot.waitSignal(pane.sig_loaded, timeout=20000):
            pane.show_article(article_id)
        with qtbot.waitSignal(pane.sig_updated, timeout=10000):
            pane.update_text(LONG)
        edited = LONG.replace("Paragraphe 100 :", "Paragraphe 100 bis :")
        with qtbot.waitSignal(pane.sig_updated, timeout=10000):
            pane.update_text(edited)
        assert pane.last_update_timings.get("reply_bytes", 1e9) < 2000  # a splice, not it all
        pane._client._kill()  # noqa: SLF001 - the worker and its copy of the text are gone
        again = edited.replace("Paragraphe 3 :", "Paragraphe 3 ter :")
        pane.update_text(again)
        qtbot.waitUntil(lambda: "Paragraphe 3 ter" in _body(qtbot, pane), timeout=20000)
        body = _body(qtbot, pane)
        assert "Paragraphe 100 bis" in body and "Paragraphe 119" in body
        assert body.count("Paragraphe 3 ter") == 1 and body.count("Paragraphe 60") == 1
        assert body.count("Paragraphe 1") == 1 + 10 + 20  # 1, 10–19, 100–119: no block twice
        # A burst of changes (a script, a replace-all) is coalesced; the last one shows.
        updates: list[int] = []
        pane.sig_updated.connect(lambda: updates.append(1))
        for n in range(30):
            pane.update_text(again.replace("Paragraphe 7 :", f"Paragraphe 7 v{n} :"))
        qtbot.waitUntil(lambda: "Paragraphe 7 v29" in _body(qtbot, pane), timeout=20000)
        assert len(updates) < 10 and "Paragraphe 7 v28" not in _body(qtbot, pane)
    finally:
        pane.shutdown()
        pane.deleteLater()
