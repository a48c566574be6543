"""Export benchmark: a 20-article issue with 40 photos (3000×2000 JPEG).

Times a full bundle export with a cold image cache (decode, verify, resize to
three widths, encode) and a re-export of the unchanged issue (cache hits),
writes benchmarks/results/export.json and prints a short table. Timings are
reported, never asserted.

    .venv/bin/python benchmarks/bench_export.py
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_photo(index: int, width: int = 3000, height: int = 2000) -> bytes:
    """A photo-like JPEG (gradients and noise compress like real photos)."""
    from PIL import Image, ImageDraw, ImageFilter

    base = Image.radial_gradient("L").resize((width, height))
    noise = Image.effect_noise((width // 4, height // 4), 40 + index).resize((width, height))
    image = Image.merge("RGB", (base, noise, Image.linear_gradient("L").resize((width, height))))
    draw = ImageDraw.Draw(image)
    draw.ellipse([width // 5, height // 5, width // 2, height // 2], fill=(200, 120 + index, 60))
    image = image.filter(ImageFilter.GaussianBlur(1))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def build_issue():  # type: ignore[no-untyped-def]
    from editor.core.document import (
        ArticleDoc,
        AssetInfo,
        IssueDoc,
        MemoryAssetStore,
        PublicationDoc,
    )

    assets = MemoryAssetStore()
    shas = []
    for index in range(40):
        data = make_photo(index)
        sha = hashlib.sha256(data).hexdigest()
        assets.add(AssetInfo(sha, "image/jpeg", 3000, 2000, f"photo-{index}.jpg", "Photo"), data)
        shas.append(sha)
    paragraph = (
        "La démarche participative qui a associé la ville, Agglopolys et le CIAS a pris plus "
        "d'un an. Les 220 cadres des trois collectivités ont été consultés pour faire des "
        "propositions d'amélioration d'efficience des collectivités déjà mutualisées. "
    )
    articles = []
    for index in range(20):
        body = "\n\n".join(
            [paragraph * 3, "## Le suivi", paragraph * 2]
            + [
                f"::: figure\nimage: asset:{shas[2 * index + k]}\nalt: Photo {2 * index + k}\n"
                f"caption: Légende de la photo {2 * index + k}\ncredit: © Ville de Blois\n:::"
                for k in (0, 1)
            ]
            + [paragraph * 2]
        )
        articles.append(
            ArticleDoc(
                id=index + 1,
                title=f"Article numéro {index + 1} : mutualisation",
                kicker="Rubrique",
                standfirst="Un chapeau.",
                byline_name="Bruno Gérentes",
                byline_role="DGS",
                body_markdown=body,
            )  # fmt: skip
        )
    publication = PublicationDoc(id=1, name="Territoria", base_url="https://example.org/lettre/")
    issue = IssueDoc(id=1, title="Semaine 29", publication=publication, label="Semaine 29",
                     date=date(2017, 8, 7), articles=tuple(articles))  # fmt: skip
    return issue, assets


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from editor.core.export import export_issue

    print("Generating 40 photos of 3000×2000…", flush=True)
    issue, assets = build_issue()
    work = Path(tempfile.mkdtemp(prefix="feuillet-bench-"))
    try:
        runs = {}
        timings = []
        for label, target in (("cold cache", "one"), ("unchanged re-export", "two")):
            started = time.perf_counter()
            result = export_issue(issue, assets, "bundle", work / target, cache_dir=work / "cache")
            elapsed = time.perf_counter() - started
            timings.append((label, elapsed, result))
            runs[label] = {
                "seconds": round(elapsed, 3),
                "images": result.images,
                "cache_hits": result.cache_hits,
                "files": len(result.files),
                "bytes": result.total_bytes,
            }
        started = time.perf_counter()
        export_issue(issue, assets, "zip", work / "issue.zip", cache_dir=work / "cache")
        runs["zip (warm cache)"] = {"seconds": round(time.perf_counter() - started, 3)}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    report = {
        "benchmark": "export",
        "issue": {"articles": 20, "photos": 40, "photo_size": "3000x2000 JPEG"},
        "targets": {"cold cache": 3.0, "unchanged re-export": 0.5},
        "runs": runs,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },  # fmt: skip
    }
    out = ROOT / "benchmarks" / "results" / "export.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    print(f"{'run':<24}{'seconds':>9}{'target':>8}{'images':>8}{'cached':>8}")
    for name, data in runs.items():
        target = report["targets"].get(name)
        print(f"{name:<24}{data['seconds']:>9.3f}{(f'{target:.1f}' if target else '-'):>8}"
              f"{data.get('images', '-'):>8}{data.get('cache_hits', '-'):>8}")  # fmt: skip
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
