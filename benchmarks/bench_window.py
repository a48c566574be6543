"""Main-window performance: start-up on a 10k library, scrolling a 100k library.

Start-up runs in a fresh interpreter (cold imports, like a user's double-click)
and measures, from the process's first line of Python:

- ``window_shown_s``: the main window first paints (since the start-up split,
  the shell: menus, editor pane, "Opening the library…");
- ``library_attached_s``: the library is open and the window has built its tree
  and editing session;
- ``list_painted_s``: the library tree has painted rows of articles — the
  window is usable (select, type, search);
- ``preview_ready_s``: the web-engine preview exists (created after the list
  has painted and the icons are loaded).

The same marks counted from the process spawn (interpreter start-up included)
are reported as ``*_from_spawn_s``.

Scrolling runs on a 100,000-article draft pool: time to the first screen of the
pool, then the cost of paging down through the lazy model (each step repaints
the viewport synchronously) and of jumping to the end.

    .venv/bin/python benchmarks/bench_window.py [--quick]

Results go to benchmarks/results/window.json; nothing is asserted here.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START = time.perf_counter()
ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "window.json"


def _env() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    sys.path.insert(0, str(ROOT))


def make_library(path: Path, pool: int, issues: int, per_issue: int) -> None:
    """A library with the sample plus ``pool`` drafts and ``issues`` full issues."""
    from sqlalchemy import insert

    from editor.core.library import open_library
    from editor.core.models import Article

    library = open_library(path)
    services = library.services
    publication = services.list_publications()[0].id
    issue_ids = [
        services.create_issue(publication, f"Semaine {n}", label=f"S{n}") for n in range(issues)
    ]
    statuses = ("draft", "review", "ready", "published")
    rows = [
        {"issue_id": None, "position": 100 + n, "title": f"Brouillon {n:06d}",
         "status": statuses[n % 4], "body": f"Texte {n} sur la mutualisation des services."}
        for n in range(pool)
    ]  # fmt: skip
    rows += [
        {"issue_id": issue_id, "position": n, "title": f"Article {issue_id}-{n}",
         "status": statuses[n % 4], "body": "Haut débit et innovation publique."}
        for issue_id in issue_ids
        for n in range(per_issue)
    ]  # fmt: skip
    with library.db.write() as s:
        for start in range(0, len(rows), 20_000):
            s.execute(insert(Article), rows[start : start + 20_000])
    library.close()


def child_startup(library_path: str) -> None:
    """Runs in a fresh interpreter: the real start-up path, timings as JSON."""
    _env()
    os.environ["FEUILLET_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="feuillet-bench-")
    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        marks.setdefault(name, time.perf_counter() - START)

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QMainWindow

    class ExposeSpy(QObject):
        """Notes the first paint of the main window, wherever it is created."""

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
                mark("window_shown_s")
            return False

    from editor.app import start_gui

    spy = ExposeSpy()
    original_show = QMainWindow.show

    def show(window: QMainWindow) -> None:
        mark("window_built_s")
        window.installEventFilter(spy)
        window.library_attached.connect(lambda: mark("library_attached_s"))  # type: ignore[attr-defined]
        window.list_painted.connect(lambda: mark("list_painted_s"))  # type: ignore[attr-defined]
        window.preview_ready.connect(lambda: mark("preview_ready_s"))  # type: ignore[attr-defined]
        original_show(window)

    QMainWindow.show = show  # type: ignore[method-assign]
    started = start_gui(Path(library_path), ["feuillet"])
    assert not isinstance(started, int)
    app, window = started
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not {"list_painted_s", "preview_ready_s"} <= set(marks):
        app.processEvents()
        time.sleep(0.001)
    window.shutdown()
    if window.library is not None:
        window.library.close()
    marks["epoch_of_start"] = time.time() - (time.perf_counter() - START)
    print(json.dumps({k: round(v, 3) for k, v in marks.items()}))


def startup(library: Path, runs: int) -> dict:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        spawned = time.time()
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(library)],
            capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        wall = time.perf_counter() - t0
        data = json.loads(out.stdout.strip().splitlines()[-1])
        data["process_wall_s"] = round(wall, 3)
        # Interpreter start-up before the script's first line, then marks from the spawn.
        data["interpreter_s"] = round(data.pop("epoch_of_start") - spawned, 3)
        for key in ("window_shown_s", "list_painted_s", "preview_ready_s"):
            if key in data:
                data[f"{key[:-2]}_from_spawn_s"] = round(data[key] + data["interpreter_s"], 3)
        samples.append(data)
    keys = sorted({k for s in samples for k in s})
    return {
        "runs": runs,
        "median": {k: round(statistics.median(s[k] for s in samples if k in s), 3) for k in keys},
        "samples": samples,
    }


def scrolling(library_path: Path, pages: int) -> dict:
    _env()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["bench"])
    from editor.core.library import open_library
    from editor.ui.article_model import ArticleTreeModel
    from editor.ui.i18n import Translator
    from editor.ui.library_pane import LibraryTree

    library = open_library(library_path)
    model = ArticleTreeModel(library.services, Translator("fr"))
    view = LibraryTree()
    view.setModel(model)
    view.resize(300, 800)
    view.show()
    app.processEvents()
    pool = model.pool_index()
    t0 = time.perf_counter()
    view.expand(pool)
    view.scrollTo(pool)
    view.viewport().repaint()
    first_screen = time.perf_counter() - t0
    bar = view.verticalScrollBar()
    steps = []
    for _ in range(pages):
        t = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        app.processEvents()
        view.viewport().repaint()
        steps.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    while model.canFetchMore(pool):
        model.fetchMore(pool)
    bar.setValue(bar.maximum())
    view.viewport().repaint()
    to_end = time.perf_counter() - t
    rows = model.rowCount(pool)
    view.close()
    library.close()
    steps.sort()
    return {
        "articles_in_pool": rows,
        "first_screen_ms": round(first_screen * 1000, 1),
        "page_down_ms_median": round(statistics.median(steps), 2),
        "page_down_ms_p95": round(steps[int(len(steps) * 0.95) - 1], 2),
        "page_down_ms_max": round(steps[-1], 2),
        "pages": pages,
        "fetch_all_and_jump_to_end_ms": round(to_end * 1000, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", metavar="LIBRARY")
    parser.add_argument("--quick", action="store_true", help="fewer runs and pages")
    args = parser.parse_args()
    if args.child:
        child_startup(args.child)
        return 0
    _env()
    tmp = Path(tempfile.mkdtemp(prefix="feuillet-bench-"))
    ten_k = tmp / "10k.feuillet"
    hundred_k = tmp / "100k.feuillet"
    t = time.perf_counter()
    make_library(ten_k, pool=8_000, issues=40, per_issue=50)
    make_library(hundred_k, pool=100_000, issues=0, per_issue=0)
    print(f"libraries built in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    results = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "qpa": os.environ.get("QT_QPA_PLATFORM"),
        },  # fmt: skip
        "startup_10k": startup(ten_k, 2 if args.quick else 5),
        "scroll_100k": scrolling(hundred_k, 50 if args.quick else 300),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
