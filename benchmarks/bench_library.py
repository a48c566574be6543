"""Library speed at 10k and 100k articles: first list screen, search, saving a draft.

Usage: python -m benchmarks.bench_library [--sizes 10000 100000]
Targets (issue "foundation"): first screen < 50 ms, search < 100 ms and saving a
draft < 20 ms at 100k articles. Reported, never asserted.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, text

from benchmarks.report import measure, print_table, write_report
from editor.core.library import open_library
from editor.core.models import Article, utc_now
from editor.core.repository import fts_query

WORDS = [
    "mutualisation",
    "agents",
    "collectivités",
    "projet",
    "administration",
    "démarche",
    "participative",
    "haut",
    "débit",
    "numérique",
    "gouvernement",
    "engagement",
    "réseau",
    "fibre",
    "territoire",
    "commune",
    "agglomération",
    "budget",
    "conseil",
    "municipal",
    "séance",
    "délibération",
    "école",
    "crèche",
    "réfugiés",
    "accueil",
    "association",
    "culture",
    "patrimoine",
    "festival",
    "été",
    "rentrée",
    "voirie",
    "chantier",
    "transport",
    "mobilité",
    "vélo",
    "environnement",
    "énergie",
    "déchets",
    "tri",
    "citoyens",
]


def _vocabulary(rng: random.Random, size: int = 20_000) -> tuple[list[str], list[float]]:
    """A Zipf-distributed vocabulary, like real prose: a few words everywhere,
    most words rare. The domain words above are the most frequent ones."""
    syllables = [
        "ba",
        "bé",
        "ci",
        "da",
        "dé",
        "fo",
        "ga",
        "li",
        "lo",
        "ma",
        "mé",
        "na",
        "no",
        "pa",
        "pi",
        "ra",
        "ré",
        "sa",
        "so",
        "ta",
        "té",
        "va",
        "vi",
    ]
    extra = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    vocabulary = WORDS + sorted(extra - set(WORDS))
    cumulative, total = [], 0.0
    for rank in range(len(vocabulary)):
        total += 1.0 / (rank + 1)
        cumulative.append(total)
    return vocabulary, cumulative


def _body(
    rng: random.Random, words: int, vocab: tuple[list[str], list[float]] | None = None
) -> str:
    if vocab is None:
        return " ".join(rng.choice(WORDS) for _ in range(words))
    return " ".join(rng.choices(vocab[0], cum_weights=vocab[1], k=words))


def build(path: Path, count: int, seed: int = 29) -> None:
    """Fill a new library with ``count`` articles spread over 50 issues and the pool."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    with open_library(path) as lib:
        pub = lib.services.list_publications()[0].id
        issues = [lib.services.create_issue(pub, f"Numéro {n}") for n in range(50)]
        now = utc_now()
        batch = []
        for n in range(count):
            issue = rng.choice(issues + [None])
            batch.append(
                {
                    "issue_id": issue,
                    "position": n,
                    "title": f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {n}",
                    "kicker": "",
                    "standfirst": _body(rng, 25, vocab),
                    "byline_name": "",
                    "byline_role": "",
                    "source": "",
                    "credit": "",
                    "body": _body(rng, 300, vocab),
                    "status": "draft",
                    "tags": "",
                    "version": 1,
                    "created": now,
                    "updated": now,
                }
            )
            if len(batch) == 5000:
                with lib.db.write() as s:
                    s.execute(insert(Article), batch)
                batch.clear()
        if batch:
            with lib.db.write() as s:
                s.execute(insert(Article), batch)


def _share(lib, word: str, size: int) -> str:  # type: ignore[no-untyped-def]
    with lib.db.read() as s:
        found = s.execute(
            text("SELECT count(*) FROM article_fts WHERE article_fts MATCH :q"),
            {"q": fts_query(word)},
        ).scalar_one()
    return f"{found / size:.0%}"


def _measure(lib, size: int, rng: random.Random) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    svc = lib.services
    target_id = svc.list_articles(None, limit=1)[0].id
    body = _body(rng, 1500)
    version = [svc.get_article(target_id).version]

    def save() -> None:
        version[0] = svc.save_draft(target_id, {"body": body + str(version[0])}, version[0]).version

    cases = [
        (
            "first screen of the article list (200 rows)",
            lambda: svc.list_articles(None, limit=200),
            50,
        ),
        ("all ids for the lazy list model", lambda: svc.article_ids(None), None),
        ("first screen of one issue", lambda: svc.list_articles(1, limit=200), 50),
        *[
            (
                f"search {word!r} (in {_share(lib, word, size)} of articles)",
                lambda word=word: svc.search(word, 50),
                100,
            )
            for word in ("bababa", "citoyens", "réfugiés", "mutualisation")
        ],
        ("search, two words", lambda: svc.search("haut débit", 50), 100),
        ("save a 1,500-word draft", save, 20),
    ]
    rows: list[dict[str, object]] = []
    for label, fn, target in cases:
        stats = measure(fn, repeat=15)
        rows.append({"case": f"{size:>6} · {label}", **stats, "target_ms": target})
    return rows


def run(sizes: list[int]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"bench-{size}.feuillet"
            start = time.perf_counter()
            build(path, size)
            print(f"built {size} articles in {time.perf_counter() - start:.1f} s")
            with open_library(path) as lib:
                rows.extend(_measure(lib, size, rng))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    rows = run(args.sizes)
    print_table(rows)
    print(f"report: {write_report('library', rows)}")


if __name__ == "__main__":
    main()
