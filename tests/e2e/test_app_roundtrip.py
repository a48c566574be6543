"""The real program, twice: type into an article, quit, start again, read it back.

``python -m editor --library TMP`` runs offscreen, driven by the JSON script
named in ``FEUILLET_TEST_SCRIPT``; the command line then prints the article.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TYPED = " Texte ajouté au numéro — été 2017."


def _run(
    args: list[str], tmp_path: Path, script: list[dict] | None = None
) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QTWEBENGINE_DISABLE_SANDBOX="1",
        QTWEBENGINE_CHROMIUM_FLAGS="--disable-gpu",
        FEUILLET_SETTINGS_DIR=str(tmp_path / "settings"),
    )
    env.pop("FEUILLET_TEST_SCRIPT", None)
    if script is not None:
        path = tmp_path / "script.json"
        path.write_text(json.dumps(script), encoding="utf-8")
        env["FEUILLET_TEST_SCRIPT"] = str(path)
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )


def test_type_quit_restart_and_read_back(tmp_path: Path) -> None:
    from editor.core.library import open_library

    library = tmp_path / "lettre.feuillet"
    open_library(library).close()  # a new library with the sample issue
    listing = _run(
        ["--library", str(library), "list", "articles", "--issue", "1", "--json"], tmp_path
    )
    assert listing.returncode == 0, listing.stderr
    article_id = json.loads(listing.stdout)[1]["id"]

    first = _run(
        ["--library", str(library)],
        tmp_path,
        [
            {"wait": 200},
            {"select_article": article_id},
            {"type": TYPED},
            {"wait": 100},
            {"quit": True},
        ],
    )
    assert first.returncode == 0, first.stderr[-2000:]

    shown = _run(["--library", str(library), "show", str(article_id)], tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.rstrip().endswith(TYPED.strip())

    # Started again, the window reopens the same article with the text in it.
    second = _run(
        ["--library", str(library)],
        tmp_path,
        [
            {"wait": 200},
            {"expect_open": ["article", article_id]},
            {"expect_body_contains": TYPED.strip()},
            {"quit": True},
        ],
    )
    assert second.returncode == 0, second.stderr[-2000:]


def test_unopenable_library_exits_with_status_1(tmp_path: Path) -> None:
    bogus = tmp_path / "not-a-library.feuillet"
    bogus.write_text("hello", encoding="utf-8")
    # A modal box would wait forever offscreen: the script hook closes it.
    result = _run(["--library", str(bogus)], tmp_path, [])
    assert result.returncode == 1
