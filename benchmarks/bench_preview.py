"""Edit-to-preview latency at 20,000 words: incremental patch vs full reload.

Incremental: after a one-character edit, ``PreviewPane.update_text`` until
``sig_updated`` (the worker rendered the changed block and the page's DOM
was patched by runJavaScript). Target: p95 < 50 ms. Two protocols, same run:
the delta protocol (the pane sends only the changed lines, the worker replies
with the changed blocks) and the previous full-text one (the whole text sent,
the whole block order returned), forced by asking the pane to resync.

Per-stage breakdown of each update (``PreviewPane.last_update_timings``):
building the request on the GUI thread (split into lines, diff with the last
sent version), JSON encoding and writing it to the pipe, the round trip until
the reply line is read (of which the worker's own render and splice time is
reported by the worker), parsing the reply, planning the patch, the
runJavaScript round trip, and then, measured inside the page right after the
patch, the style and layout Chromium does for it (forced by reading
``offsetHeight``). The app's 150 ms typing debounce (window_controller) comes
on top and is not measured here.

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


_LAYOUT_JS = (
    "(function () { var t = performance.now(); void document.body.offsetHeight;"
    " return performance.now() - t; })()"
)
STAGES = (
    "build_ms",
    "send_ms",
    "round_trip_ms",
    "worker_render_ms",
    "worker_splice_ms",
    "pipe_and_wait_ms",
    "parse_ms",
    "apply_ms",
    "javascript_ms",
    "layout_ms",
    "total_ms",
    "reply_bytes",
    "script_bytes",
)


def edit_samples(app, pane, text: str, count: int, *, full_text: bool) -> tuple[str, list, dict]:  # type: ignore[no-untyped-def]
    """One-character edits spread over the article; latency and stages of each."""

    done: list[float] = []
    pane.sig_updated.connect(lambda: done.append(time.perf_counter()))
    samples: list[float] = []
    stages: dict[str, list[float]] = {name: [] for name in STAGES}
    for i in range(count):
        position = len(text) * (i + 1) // (count + 2)
        text = text[:position] + "éaz"[i % 3] + text[position:]
        if full_text:
            pane._resync = True  # noqa: SLF001 - the previous protocol: send it all
        done.clear()
        start = time.perf_counter()
        pane.update_text(text)
        wait(app, lambda: bool(done))
        total = (done[0] - start) * 1000
        layout: list[float] = []
        pane.run_javascript(_LAYOUT_JS, layout.append)  # queued right behind the patch
        wait(app, lambda: bool(layout), 5.0)  # noqa: B023
        timings = dict(pane.last_update_timings)
        timings["layout_ms"] = float(layout[0]) if layout else 0.0
        worker = timings.get("worker_render_ms", 0.0) + timings.get("worker_splice_ms", 0.0)
        timings["pipe_and_wait_ms"] = timings.get("round_trip_ms", 0.0) - worker
        timings["total_ms"] = total
        if i >= 5:
            samples.append(total)
            for name in STAGES:
                stages[name].append(float(timings.get(name, 0.0)))
        wait(app, lambda: False, 0.02)
    pane.sig_updated.disconnect()
    breakdown = {
        name: {
            "p50": round(statistics.median(values), 2),
            "p95": round(percentile(values, 0.95), 2),
        }
        for name, values in stages.items()
    }
    return text, samples, breakdown


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
        pane.update_text(text)
        wait(app, lambda: bool(done))
        pane.sig_updated.disconnect()
        text, samples, breakdown = edit_samples(app, pane, text, 65, full_text=False)
        results["incremental_patch"] = summary(samples)
        results["stages_delta_protocol"] = breakdown
        text, samples, breakdown = edit_samples(app, pane, text, 35, full_text=True)
        results["incremental_full_text_protocol"] = summary(samples)
        results["stages_full_text_protocol"] = breakdown
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
    cases = (
        "incremental_patch",
        "incremental_full_text_protocol",
        "baseline_full_render_and_sethtml",
        "baseline_render_only",
    )
    for case in cases:
        r = results[case]
        print(f"{case:<36}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['max_ms']:>9}")  # type: ignore[index]
    print("target: incremental p95 < 50 ms")
    print()
    print(f"{'stage (p50 / p95)':<22}{'delta protocol':>20}{'full-text protocol':>22}")
    delta, full = results["stages_delta_protocol"], results["stages_full_text_protocol"]
    for name in STAGES:
        d, f = delta[name], full[name]  # type: ignore[index]
        print(f"{name:<22}{d['p50']:>10} /{d['p95']:>8}{f['p50']:>12} /{f['p95']:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
