"""The preview pane: content, incremental patches, devices, time limit."""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")

from editor.ui.asset_scheme import register_schemes  # noqa: E402
from editor.ui.preview_page import apply_pyside_refcount_workaround  # noqa: E402

apply_pyside_refcount_workaround()
register_schemes()  # at collection, before any test creates the QApplication

from collections.abc import Iterator  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from editor.ui.preview_pane import PreviewPane  # noqa: E402
from editor.ui.preview_patch import plan_patch  # noqa: E402

LONG = "\n\n".join(
    f"Paragraphe {i} : les élus de la ville ont voté **hier** le budget, avec *une* majorité."
    for i in range(300)
)


def js(qtbot: Any, pane: PreviewPane, code: str, timeout: int = 10000) -> Any:
    box: list[Any] = []
    pane.run_javascript(code, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    return box[0]


def make_pane(qtbot: Any, library: Any, **kwargs: Any) -> PreviewPane:
    pane = PreviewPane(**kwargs)
    pane.resize(1100, 800)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_services(library.services)
    return pane


@pytest.fixture
def preview(qtbot: Any, library: Any) -> Iterator[PreviewPane]:
    pane = make_pane(qtbot, library)
    yield pane
    pane.shutdown()
    pane.deleteLater()


def show_first_article(qtbot: Any, pane: PreviewPane, library: Any) -> int:
    issue_id = library.services.list_issues()[0].id
    article_id = library.services.article_ids(issue_id)[0]
    with qtbot.waitSignal(pane.sig_loaded, timeout=20000):
        pane.show_article(article_id)
    return article_id


def test_article_is_shown_with_the_theme(qtbot: Any, preview: PreviewPane, library: Any) -> None:
    article_id = show_first_article(qtbot, preview, library)
    article = library.services.get_article(article_id)
    text = js(qtbot, preview, "document.body.innerText")
    assert article.title in text
    assert js(qtbot, preview, "!!document.querySelector('.article__body')") is True
    assert preview.web_page().url().scheme() == "feuillet-asset"


def test_incremental_patch_keeps_page_scroll_and_state(
    qtbot: Any, preview: PreviewPane, library: Any
) -> None:
    show_first_article(qtbot, preview, library)
    with qtbot.waitSignal(preview.sig_updated, timeout=10000):
        preview.update_text(LONG)
    qtbot.waitUntil(
        lambda: "Paragraphe 299" in js(qtbot, preview, "document.body.innerText"), timeout=10000
    )
    js(qtbot, preview, "window.__marker = 42; window.scrollTo(0, 1500); window.scrollY")
    qtbot.waitUntil(lambda: js(qtbot, preview, "window.scrollY") == 1500, timeout=5000)
    loads: list[bool] = []
    preview.sig_loaded.connect(lambda: loads.append(True))
    edited = LONG.replace("Paragraphe 250 :", "Paragraphe 250 modifié :")
    with qtbot.waitSignal(preview.sig_updated, timeout=10000):
        preview.update_text(edited)
    assert "Paragraphe 250 modifié" in js(qtbot, preview, "document.body.innerText")
    assert js(qtbot, preview, "window.__marker") == 42  # no reload
    assert js(qtbot, preview, "window.scrollY") == 1500
    assert loads == []
    # Coalescing: a burst of edits ends with the last text shown.
    for n in range(20):
        preview.update_text(edited.replace("Paragraphe 10 :", f"Paragraphe 10 v{n} :"))
    qtbot.waitUntil(
        lambda: "Paragraphe 10 v19" in js(qtbot, preview, "document.body.innerText"), timeout=10000
    )
    assert "Paragraphe 10 v18" not in js(qtbot, preview, "document.body.innerText")
    # The editor's top line brings its block to the top of the preview.
    preview.scroll_to_source_line(0)
    top_one = 0.0
    qtbot.waitUntil(lambda: js(qtbot, preview, "window.scrollY") < 1500, timeout=5000)
    top_one = js(qtbot, preview, "window.scrollY")
    preview.scroll_to_source_line(400)
    qtbot.waitUntil(lambda: js(qtbot, preview, "window.scrollY") > top_one + 1000, timeout=5000)


def test_devices_constrain_the_page_width(qtbot: Any, preview: PreviewPane, library: Any) -> None:
    show_first_article(qtbot, preview, library)
    for device, width in (("mobile", 375), ("tablet", 768), ("email", 600)):
        preview.set_device(device)
        qtbot.waitUntil(lambda w=width: js(qtbot, preview, "window.innerWidth") == w, timeout=5000)
    preview.set_device("desktop")
    qtbot.waitUntil(lambda: js(qtbot, preview, "window.innerWidth") > 900, timeout=5000)
    assert preview.device() == "desktop"


def test_slow_render_is_stopped_and_typing_continues(qtbot: Any, library: Any) -> None:
    pane = make_pane(qtbot, library, render_timeout_ms=400, worker_args=("--delay", "3"))
    try:
        issue_id = library.services.list_issues()[0].id
        pane.show_issue(issue_id)
        qtbot.waitUntil(lambda: "trop de temps" in pane.banner_text(), timeout=15000)
        started = time.perf_counter()
        pane.update_text("Nouvelle introduction.")
        assert time.perf_counter() - started < 0.1  # never waits for the worker
        assert pane._client.restarts >= 1  # noqa: SLF001
    finally:
        pane.shutdown()
        pane.deleteLater()


def test_plan_patch_keeps_head_and_tail() -> None:
    assert plan_patch(list("abcde"), list("abXde")).remove == ("c",)
    patch = plan_patch(list("abcde"), list("abXYde"))
    assert patch.insert == ("X", "Y") and patch.before == "d"
    assert plan_patch(list("abc"), list("abcd")).before is None
    assert plan_patch(list("abc"), list("abc")).empty


def test_library_images_are_served_by_the_scheme(
    qtbot: Any, preview: PreviewPane, library: Any
) -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buffer, "PNG")
    sha = library.services.add_asset(buffer.getvalue(), "carte.png", alt_text="Carte")
    show_first_article(qtbot, preview, library)
    with qtbot.waitSignal(preview.sig_updated, timeout=10000):
        preview.update_text(f"::: figure\nimage: asset:{sha}\nalt: Carte du réseau\n:::\n")
    qtbot.waitUntil(
        lambda: (
            js(qtbot, preview, "(document.querySelector('figure img') || {}).naturalWidth") == 40
        ),
        timeout=10000,
    )
