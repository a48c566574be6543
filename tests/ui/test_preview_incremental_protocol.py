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

from editor.ui.preview_pane import PreviewPane, _changed_lines  # noqa: E402
from editor.ui.workers import _Worker  # noqa: E402

LONG = "\n\n".join(f"Paragraphe {i} : le conseil a voté **hier**." for i in range(120))


def _delta(old: str, new: str, base: int, version: int, **extra: Any) -> dict[str, Any]:
    old_lines, new_lines = old.split("\n"), new.split("\n")
    start, end, new_end = _changed_lines(old_lines, new_lines)
    return {"op": "delta", "base": base, "version": version, "start": start, "end": end,
            "lines": new_lines[start:new_end], **extra}  # fmt: skip


def _apply(order: list[list[Any]], html: dict[str, str], reply: dict[str, Any]) -> list[list[Any]]:
    """What the pane does with a splice."""
    head, tail, shift = reply["head"], reply["tail"], reply["shift"]
    kept = order[len(order) - tail :] if tail else []
    for block in order[head : len(order) - tail]:
        html.pop(block[0], None)
    html.update(reply["html"])
    return order[:head] + reply["blocks"] + [[i, s + shift, e + shift] for i, s, e in kept]


def _full(text: str) -> dict[str, Any]:
    return _Worker().handle({"op": "blocks", "text": text, "version": 0})


def test_changed_lines() -> None:
    assert _changed_lines(["a", "b", "c"], ["a", "x", "c"]) == (1, 2, 2)
    assert _changed_lines(["a", "b"], ["a", "b", "c"]) == (2, 2, 3)
    assert _changed_lines(["a", "b"], ["a", "b"]) == (2, 2, 2)
    assert _changed_lines(["a", "a"], ["a"]) == (1, 2, 1)


def test_delta_replies_with_the_changed_block_only() -> None:
    worker = _Worker()
    first = worker.handle({"op": "blocks", "text": LONG, "version": 1})
    order, html = first["order"], dict(first["html"])
    edited = LONG.replace("Paragraphe 60 :", "Paragraphe 60 modifié :")
    reply = worker.handle(_delta(LONG, edited, 1, 2))
    assert reply["op"] == "splice" and reply["from"] == 1 and reply["version"] == 2
    assert len(reply["blocks"]) == 1 and len(reply["html"]) == 1
    assert "modifié" in next(iter(reply["html"].values()))
    order = _apply(order, html, reply)
    expected = _full(edited)
    assert [b[1:] for b in order] == [b[1:] for b in expected["order"]]
    assert [html[b[0]] for b in order] == [expected["html"][b[0]] for b in expected["order"]]


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
    reply = worker.handle({"op": "blocks", "text": text, "version": 0})
    order, html = reply["order"], dict(reply["html"])
    for version, (at, removed, added) in enumerate(edits, start=1):
        lines = text.split("\n")
        at = min(at, len(lines))
        lines[at : at + removed] = added
        new = "\n".join(lines)
        reply = worker.handle(_delta(text, new, version - 1, version))
        assert reply["op"] == "splice"
        order = _apply(order, html, reply)
        text = new
        expected = _full(text)
        assert [b[1:] for b in order] == [b[1:] for b in expected["order"]], text
        assert "\n".join(html[b[0]] for b in order) == "\n".join(
            expected["html"][b[0]] for b in expected["order"]
        )
        assert len({b[0] for b in order}) == len(order)


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
    finally:
        pane.shutdown()
        pane.deleteLater()
