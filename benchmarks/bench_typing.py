"""Keystroke-to-screen latency in the body editor, 20,000-word article.

Each sample: a key event carrying text is delivered to the editor, pending
events are processed (highlighter, layout, signals) and the viewport is
repainted synchronously; the time until that repaint returns is the
latency. Measured with the highlighter on, editor alone and with the live
preview receiving every change (render worker in its own process).
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
        editor.textChanged.connect(lambda: preview.update_text(editor.toPlainText()))
        measure(app, editor, 30)
        with_preview = measure(app, editor, 300)
        results["with_live_preview"] = summary(with_preview)
        preview.shutdown()
        library.close()
    del pane
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "typing.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"Keystroke to repaint, {results['words']} words (load {results['load_ms']} ms)")
    print(f"{'case':<22}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for case in ("editor_only", "with_live_preview"):
        r = results[case]
        print(f"{case:<22}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['max_ms']:>9}")
    print("target: p95 < 16 ms")
    return 0


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "samples": len(samples),
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
        "max_ms": round(max(samples), 2),
    }


if __name__ == "__main__":
    raise SystemExit(main())
