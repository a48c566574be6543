"""The application built by ``build_app.py`` (dist/feuillet/feuillet), run as a user would.

Skipped unless the build exists or ``FEUILLET_PACKAGE_TEST=1`` (then a missing
build is a failure): building takes minutes, so ``bash .ci/package`` builds and
then runs this file; the ordinary test run does not build anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dist" / "feuillet" / ("feuillet.exe" if sys.platform == "win32" else "feuillet")
REQUIRED = os.environ.get("FEUILLET_PACKAGE_TEST") == "1"

pytestmark = pytest.mark.skipif(
    not REQUIRED and not APP.exists(),
    reason="no packaged app (run `bash .ci/package`, or set FEUILLET_PACKAGE_TEST=1)",
)


def _run(
    args: list[str], tmp_path: Path, script: list[dict] | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    if not APP.exists():
        pytest.fail(f"FEUILLET_PACKAGE_TEST=1 but {APP} was not built (python build_app.py)")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("FEUILLET_TEST_SCRIPT", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QTWEBENGINE_DISABLE_SANDBOX="1",
        QTWEBENGINE_CHROMIUM_FLAGS="--disable-gpu",
        FEUILLET_SETTINGS_DIR=str(tmp_path / "settings"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    if script is not None:
        path = tmp_path / "script.json"
        path.write_text(json.dumps(script), encoding="utf-8")
        env["FEUILLET_TEST_SCRIPT"] = str(path)
    # Run from an unrelated folder: the app must not find its files through the cwd.
    return subprocess.run(
        [str(APP), *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_version(tmp_path: Path) -> None:
    result = _run(["--version"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Feuillet" in result.stdout


def test_new_library_exports_the_sample_issue(tmp_path: Path) -> None:
    library = tmp_path / "lettre.feuillet"
    out = tmp_path / "out"
    created = _run(
        [
            "--library",
            str(library),
            "new-issue",
            "--publication",
            "Territoires en action",
            "--title",
            "Semaine 30",
        ],
        tmp_path,
    )
    assert created.returncode == 0, created.stderr[-3000:]
    assert library.exists()  # created and migrated by the bundled Alembic scripts
    result = _run(
        ["--library", str(library), "export", "1", "--format", "bundle", "--out", str(out)],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "semaine" in index.lower()  # the sample issue, rendered with a bundled theme
    assert (out / "manifest.json").exists()


def test_window_starts_types_and_saves(tmp_path: Path) -> None:
    """The window (with its web-engine preview) opens, takes typing and saves it."""
    library = tmp_path / "lettre.feuillet"
    created = _run(
        ["--library", str(library), "new-issue", "--publication", "Territoires en action",
         "--title", "Semaine 30"],
        tmp_path,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr[-2000:]
    listing = _run(
        ["--library", str(library), "list", "articles", "--issue", "1", "--json"], tmp_path
    )
    assert listing.returncode == 0, listing.stderr[-2000:]
    article_id = json.loads(listing.stdout)[0]["id"]
    typed = " Ajout depuis l’application empaquetée."
    run = _run(
        ["--library", str(library)],
        tmp_path,
        [
            {"wait": 1500},  # let the preview create its web view and worker
            {"select_article": article_id},
            {"type": typed},
            {"save": True},
            {"wait": 500},
            {"quit": True},
        ],
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr  # the render worker (feuillet --render-worker) too
    shown = _run(["--library", str(library), "show", str(article_id), "--markdown"], tmp_path)
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert typed.strip() in shown.stdout
