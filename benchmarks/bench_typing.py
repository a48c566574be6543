"""Keystroke-to-screen latency in the body editor, 20,000-word article.

Each sample: a key event carrying text is delivered to the editor, pending
events are processed (highlighter, layout, signals) and the viewport is
repainted synchronously; the time until that repaint returns is the
latency. Measured with the highlighter on, editor alone and with the live
preview receiving every change (render worker in its own process): once as
the pane does it (keys ~10 ms apart are a burst, previewed at most every
100 ms, ``PreviewPane.burst_interval_ms``), once with that throttle off (every
change sent as soon as the worker is free, as before). The app itself debounces
the preview by 150 ms on top (window_controller), which neither case includes.
Also reported: how many preview updates landed during the run and the GUI
thread's share (``toPlainText`` + ``update_text``, and applying the replies).
Target: p95 < 16 ms. Results: benchmarks/results/typing.json.

Run: .venv/bin/python benchmarks/bench_typing.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def article_text(words: int = 20_000) -> str:
    """A realistic article: headings, emphasis, links, lists, quotes."""
    sentence = (
        "Les élus de l’agglomération ont voté **hier** le budget primitif, avec *une* "
        "majorité relative et un [compte rendu](https://example.org/cr) détaillé."
    )
    per = len(sentence.split())
    parts, count, n = [], 0, 0
    while count < words:
        n += 1
        if n % 12 == 1:
            parts.append(f"## Partie {n // 12 + 1}")
        elif n % 12 == 6:
            parts.append("- premier point\n- deuxième point\n- troisième point")
        elif n % 12 == 9:
            parts.append(f"> Citation numéro {n} : « la mutualisation avance ».")
        else:
            parts.append(" ".join([sentence] * 3))
            count += 3 * per
    return "\n\n".join(parts)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(app, editor, keys: int) -> list[float]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent, QTextCursor

    cursor = editor.textCursor()
    cursor.setPosition(editor.document().characterCount() // 2)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    app.processEvents()
    samples = []
    for i in range(keys):
        char = "éa b"[i % 4]
        start = time.perf_counter()
        editor.event(QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char))
        editor.event(QKeyEvent(QEvent.Type.KeyRelease, 0, Qt.KeyboardModifier.NoModifier, char))
        app.processEvents()
        editor.viewport().repaint()
        samples.append((time.perf_counter() - start) * 1000)
        time.sleep(0.005)  # a fast typist: let the preview worker's replies arrive in between
        app.processEvents()
    return samples


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    sys.path.insert(0, str(ROOT))
    from editor.ui.asset_scheme import register_schemes
    from editor.ui.preview_page import apply_pyside_refcount_workaround

    apply_pyside_refcount_workaround()
    register_schemes()
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from editor.ui.editor_pane import EditorPane

    text = article_text()
    pane = EditorPane()
    pane.resize(1000, 800)
    pane.show()
    started = time.perf_counter()
    pane.load_article(1, {"title": "Bench", "body": text}, 1)
    app.processEvents()
    load_ms = (time.perf_counter() - started) * 1000
    results = {"words": len(text.split()), "load_ms": round(load_ms, 1)}
    editor = pane.body_edit()
    measure(app, editor, 30)  # warm-up
    alone = measure(app, editor, 300)
    results["editor_only"] = summary(alone)

    import tempfile

    from editor.core.library import open_library
    from editor.ui.preview_pane import PreviewPane

    with tempfile.TemporaryDirectory() as tmp:
        library = open_library(Path(tmp) / "bench.feuillet")
        services = library.services
        article_id = services.article_ids(services.list_issues()[0].id)[0]
        preview = PreviewPane()
        preview.resize(900, 800)
        preview.show()
        preview.set_services(services)
        preview.show_article(article_id)
        deadline = time.monotonic() + 30
        while not preview._loaded and time.monotonic() < deadline:  # noqa: SLF001
            app.processEvents()
        gui: dict[str, list[float]] = {"send": [], "reply": []}
        updates: list[float] = []
        preview.sig_updated.connect(lambda: updates.append(1.0))

        def changed() -> None:
            started = time.perf_counter()
            preview.update_text(editor.toPlainText())
            gui["send"].append((time.perf_counter() - started) * 1000)

        client = preview._client  # noqa: SLF001 - time the pane's reply slot
        client.sig_reply.disconnect()

        def on_reply(reply: dict) -> None:
            started = time.perf_counter()
            preview._on_reply(reply)  # noqa: SLF001
            gui["reply"].append((time.perf_counter() - started) * 1000)

        client.sig_reply.connect(on_reply)
        editor.textChanged.connect(changed)
        throttle = preview.burst_gap_ms
        for case, gap in (("with_live_preview", throttle), ("with_live_preview_unthrottled", 0.0)):
            preview.burst_gap_ms = gap
            measure(app, editor, 30)
            for values in gui.values():
                values.clear()
            updates.clear()
            samples = measure(app, editor, 300)
            results[case] = summary(samples)
            results[case]["preview_updates"] = len(updates)
            for name, values in gui.items():
                if values:
                    results[case][f"gui_{name}_p50_ms"] = round(statistics.median(values), 2)
                    results[case][f"gui_{name}_p95_ms"] = round(percentile(values, 0.95), 2)
        preview.shutdown()
        library.close()
    del pane
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "typing.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"Keystroke to repaint, {results['words']} words (load {results['load_ms']} ms)")
    print(f"{'case':<32}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'updates':>9}")
    for case in ("editor_only", "with_live_preview", "with_live_preview_unthrottled"):
        r = results[case]
        line = f"{case:<32}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['max_ms']:>9}"
        print(line + f"{r.get('preview_updates', ''):>9}")
    for case in ("with_live_preview", "with_live_preview_unthrottled"):
        r = results[case]
        print(
            f"  {case}: GUI thread per change p50/p95 {r.get('gui_send_p50_ms')}"
            f"/{r.get('gui_send_p95_ms')} ms, per reply {r.get('gui_reply_p50_ms')}"
            f"/{r.get('gui_reply_p95_ms')} ms"
        )
    print("target: p95 < 16 ms")
    return 0


def summary(samples: list[float]) -> dict[str, float | int]:
    return {
        "samples": len(samples),
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
        "max_ms": round(max(samples), 2),
    }


if __name__ == "__main__":
    raise SystemExit(main())
