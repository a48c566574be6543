"""Edit-to-preview latency at 20,000 words: incremental patch vs full reload.

Incremental: after a one-character edit, ``PreviewPane.update_text`` until
``sig_updated`` (the worker rendered the changed block and the page's DOM
was patched by runJavaScript). Target: p95 < 50 ms.

Baseline, same run: the whole page rendered again in the GUI process with
the export's ``render_article_page`` and loaded with ``setHtml`` until
``loadFinished`` (what a naive preview does on every keystroke).
Results: benchmarks/results/preview.json.

Run: .venv/bin/python benchmarks/bench_preview.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_typing import article_text, percentile  # noqa: E402


def wait(app, condition, seconds: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.0005)
    return condition()


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "samples": len(samples),
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
        "max_ms": round(max(samples), 2),
    }


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    from editor.ui.asset_scheme import register_schemes
    from editor.ui.preview_page import apply_pyside_refcount_workaround

    apply_pyside_refcount_workaround()
    register_schemes()
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from editor.core.export.pages import render_article_page
    from editor.core.library import open_library
    from editor.ui.preview_pane import PreviewPane

    text = article_text()
    results: dict[str, object] = {"words": len(text.split())}
    with tempfile.TemporaryDirectory() as tmp:
        library = open_library(Path(tmp) / "bench.feuillet")
        services = library.services
        issue_id = services.list_issues()[0].id
        article_id = services.article_ids(issue_id)[0]
        pane = PreviewPane()
        pane.resize(1000, 800)
        pane.show()
        pane.set_services(services)
        pane.show_article(article_id)
        wait(app, lambda: pane._loaded)  # noqa: SLF001
        done: list[float] = []
        pane.sig_updated.connect(lambda: done.append(time.perf_counter()))
        done.clear()
        pane.update_text(text)
        wait(app, lambda: bool(done))
        samples = []
        for i in range(60):
            position = len(text) * (i + 1) // 62
            text = text[:position] + "éaz"[i % 3] + text[position:]
            done.clear()
            start = time.perf_counter()
            pane.update_text(text)
            wait(app, lambda: bool(done))
            samples.append((done[0] - start) * 1000)
            wait(app, lambda: False, 0.02)
        results["incremental_patch"] = summary(samples[5:])
        pane.shutdown()

        # Baseline: full render + setHtml, in the GUI process.
        from PySide6.QtWebEngineWidgets import QWebEngineView

        view = QWebEngineView()
        view.resize(1000, 800)
        view.show()
        issue = services.issue_document(issue_id)
        assets = services.asset_store()
        loaded: list[float] = []
        view.loadFinished.connect(lambda _ok: loaded.append(time.perf_counter()))
        baseline, render_only = [], []
        for _ in range(10):
            text = text + "x"
            body = replace(issue.articles[0], body_markdown=text)
            doc = replace(issue, articles=(body, *issue.articles[1:]))
            loaded.clear()
            start = time.perf_counter()
            html = render_article_page(doc, assets, article_id)
            rendered = time.perf_counter()
            view.setHtml(html)
            wait(app, lambda: bool(loaded))
            baseline.append((loaded[0] - start) * 1000)
            render_only.append((rendered - start) * 1000)
        results["baseline_full_render_and_sethtml"] = summary(baseline[1:])
        results["baseline_render_only"] = summary(render_only[1:])
        results["page_bytes"] = len(html.encode("utf-8"))
        view.setPage(None)  # type: ignore[arg-type]
        del view
        library.close()
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "preview.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"One-character edit to updated preview, {results['words']} words")
    print(f"{'case':<36}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for case in ("incremental_patch", "baseline_full_render_and_sethtml", "baseline_render_only"):
        r = results[case]
        print(f"{case:<36}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['max_ms']:>9}")  # type: ignore[index]
    print("target: incremental p95 < 50 ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
