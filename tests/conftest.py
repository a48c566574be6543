"""Shared fixtures. The Qt environment is set here, before anything imports Qt.

Offscreen platform and a disabled web-engine sandbox (required as root) make the
window tests run headless; settings always go to a temporary directory.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")


def _prepare_qt() -> None:
    """Process-wide Qt set-up that must precede the QApplication (pytest-qt's qapp)."""
    try:
        from editor.ui.preview_page import apply_pyside_refcount_workaround
    except ImportError:  # the preview is optional for the core tests
        return
    # PySide6 6.12 on Python 3.11 under-counts references to None/True/False.
    apply_pyside_refcount_workaround()
    from editor.ui.asset_scheme import register_schemes

    register_schemes()  # WebEngine schemes must be known before QApplication


_prepare_qt()


def _hypothesis_profile() -> None:
    """Continuous integration replays the same examples on every run (a failure
    there is reproducible, never a fluke); developers keep exploring new ones."""
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
    if os.environ.get("CI"):
        settings.load_profile("ci")


_hypothesis_profile()

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.feuillet"


@pytest.fixture
def library(library_path: Path) -> Iterator[object]:
    """A new library in a temporary file, seeded with the sample issue."""
    from editor.core.library import open_library

    lib = open_library(library_path)
    try:
        yield lib
    finally:
        lib.close()


@pytest.fixture(autouse=True)
def _private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never let a test touch the user's real QSettings."""
    monkeypatch.setenv("FEUILLET_SETTINGS_DIR", str(tmp_path / "settings"))
