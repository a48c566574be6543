"""Shared helpers for the benchmarks: timing statistics and the JSON/Markdown report."""

from __future__ import annotations

import json
import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

RESULTS_DIR = Path(__file__).with_name("results")


def measure(fn: Callable[[], object], repeat: int = 20, warmup: int = 2) -> dict[str, float]:
    """Run ``fn`` and return p50/p95/max in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return summarize(samples)


def summarize(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(p95, 3),
        "max_ms": round(ordered[-1], 3),
        "n": len(ordered),
    }


def write_report(name: str, rows: list[dict[str, object]]) -> Path:
    """Write rows (each with at least 'case', 'p50_ms', 'p95_ms', 'target_ms') to JSON."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    payload = {
        "benchmark": name,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "rows": rows,
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def print_table(rows: list[dict[str, object]]) -> None:
    print(f"{'case':<48} {'p50 ms':>9} {'p95 ms':>9} {'target':>8}")
    for row in rows:
        target = row.get("target_ms")
        print(
            f"{row['case']:<48} {row['p50_ms']:>9} {row['p95_ms']:>9} "
            f"{'' if target is None else target:>8}"
        )
