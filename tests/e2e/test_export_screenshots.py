"""Screenshots of the exported sample issue, for the README (docs/screenshots/).

Runs only when Chromium is installed; the PDF page needs poppler's pdftoppm
and is skipped without it. The images are written to a temporary folder and
checked for content; ``FEUILLET_UPDATE_SCREENSHOTS=1`` copies them to
``docs/screenshots``. The e-mail loads its images from the publication's
website; for the picture they are pointed at the local bundle, which is what a
reader sees once the bundle is uploaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _shoot(page: Path, png: Path, size: str) -> None:
    subprocess.run(
        [str(CHROMIUM), *CHROMIUM_ARGS, "--hide-scrollbars", f"--screenshot={png}",
         f"--window-size={size}", page.as_uri()],
        check=True, capture_output=True, timeout=90,
    )  # fmt: skip


def _has_content(png: Path) -> bool:
    from PIL import Image

    with Image.open(png) as image:
        colours = image.convert("RGB").resize((64, 64)).getcolors(4096)
    return colours is not None and len(colours) > 20


def test_screenshots_of_the_exports(library: object, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed")
    from editor.core.export import export_issue

    services = library.services  # type: ignore[attr-defined]
    issue, assets = services.issue_document(1), services.asset_store()
    bundle = export_issue(issue, assets, "bundle", tmp_path / "bundle").path
    email = export_issue(issue, assets, "email", tmp_path / "lettre.html")
    local = email.path.read_text(encoding="utf-8").replace(email.public_url, bundle.as_uri() + "/")
    email_page = tmp_path / "lettre-local.html"
    email_page.write_text(local, encoding="utf-8")
    shots = {
        "export-web.png": (bundle / "index.html", "1280,1800"),
        "export-email.png": (email_page, "700,2000"),
    }
    made: list[Path] = []
    for name, (page, size) in shots.items():
        _shoot(page, tmp_path / name, size)
        assert _has_content(tmp_path / name), name
        made.append(tmp_path / name)
    if shutil.which("pdftoppm"):
        pdf_file = _print(tmp_path / "issue.pdf", library)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
             str(pdf_file), str(tmp_path / "export-pdf-page1")],
            check=True, timeout=60,
        )  # fmt: skip
        assert _has_content(tmp_path / "export-pdf-page1.png")
        made.append(tmp_path / "export-pdf-page1.png")
    if os.environ.get("FEUILLET_UPDATE_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        for png in made:
            shutil.copyfile(png, DOCS / png.name)


def _print(out: Path, library: object) -> Path:
    from editor.ui.pdf_export import ensure_offscreen_application, export_pdf

    ensure_offscreen_application()
    services = library.services  # type: ignore[attr-defined]
    return export_pdf(services.issue_document(1), services.asset_store(), "pdf", out).path
