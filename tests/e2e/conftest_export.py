"""Helpers for tests/e2e/test_export_browser.py: the exported sample issue, a browser.

Named conftest_export (not conftest) because other suites add their own files
to tests/e2e; the test module imports these fixtures explicitly.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@dataclass(frozen=True)
class ExportedSite:
    """Every page of every format, and where each format's files live."""

    root: Path
    pages: dict[str, Path]  # label → HTML file
    online_url: str  # where e-mail and fragment expect the published bundle
    bundle: Path


@pytest.fixture(scope="module")
def exported_site(tmp_path_factory: pytest.TempPathFactory) -> ExportedSite:
    from editor.core.document import MemoryAssetStore
    from editor.core.export import export_issue
    from tests.core.export.conftest import build_publication, build_sample_issue

    root = tmp_path_factory.mktemp("site")
    assets = MemoryAssetStore()
    issue = build_sample_issue(build_publication(assets), assets)
    bundle = export_issue(issue, assets, "bundle", root / "bundle").path
    archive = export_issue(issue, assets, "zip", root / "issue.zip").path
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(root / "unzipped")  # names validated at export
    single = export_issue(issue, assets, "single", root / "single" / "issue.html").path
    email = export_issue(issue, assets, "email", root / "email" / "lettre.html")
    fragment = export_issue(issue, assets, "fragment", root / "fragment" / "body.html").path
    # a fragment is pasted into someone else's page: validate it inside a minimal one
    wrapped = root / "fragment" / "wrapped.html"
    wrapped.write_text(
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Fragment</title>'
        "</head><body><main>\n" + fragment.read_text(encoding="utf-8") + "</main></body></html>\n",
        encoding="utf-8",
    )
    fragment.unlink()
    pages: dict[str, Path] = {}
    for label, folder in (("bundle", bundle), ("zip", root / "unzipped")):
        for page in sorted(folder.rglob("*.html")):
            pages[f"{label}:{page.relative_to(folder).as_posix()}"] = page
    pages["single"] = single
    pages["email"] = email.path
    pages["fragment"] = wrapped
    return ExportedSite(root, pages, email.public_url, bundle)


def need_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")


def need_java() -> None:
    if shutil.which("java") is None:
        pytest.skip("java is not installed (the Nu HTML checker needs it)")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    need_chromium()
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
