"""Composition root of the window: Qt application, library, services, main window.

Start-up is ordered for a first paint under a second: the window is shown as
soon as the library is open, and the web-engine preview is created only after
the library list has painted. (Importing the core on a helper thread while Qt
starts was measured: no reliable gain on two cores, so it is not done.)
``FEUILLET_SETTINGS_DIR`` redirects the window's settings (tests), and
``FEUILLET_TEST_SCRIPT`` (end-to-end tests only) names a JSON list of steps
to drive the window; without it, no test code is even imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TEST_SCRIPT_ENV = "FEUILLET_TEST_SCRIPT"


def _before_application() -> None:
    """What must happen before QApplication exists (the preview's URL scheme)."""
    try:
        from editor.ui.asset_scheme import register_schemes
        from editor.ui.preview_page import apply_pyside_refcount_workaround
    except ImportError:  # no web engine: the window falls back to a stand-in preview
        return
    # PySide6 6.12 on Python 3.11 under-counts references to None/True/False.
    apply_pyside_refcount_workaround()
    register_schemes()


def start_gui(library_path: Path, argv: Sequence[str]) -> tuple[Any, Any, Any] | int:
    """Create the application, open the library and show the window.

    Returns (app, window, library), or an exit status when the library cannot
    be opened (the user has been told why).
    """
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    _before_application()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    from editor import APP_NAME

    # The web engine wants shared GL contexts set before the application exists.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)

    from editor.ui.i18n import Translator
    from editor.ui.settings import Settings
    from editor.ui.style import apply_style

    apply_style(app)
    settings = Settings()
    translator = Translator(settings.language())

    from editor.core.errors import FeuilletError
    from editor.core.library import open_library

    try:
        # The window is the library's one writer: a second window is refused.
        library = open_library(library_path, writer=True)
    except (FeuilletError, OSError) as exc:
        if type(exc).__name__ == "LibraryInUse" and _activate_other_window(library_path):
            return 0  # the window that has it came forward
        print(f"feuillet: error: {exc}", file=sys.stderr)
        if not os.environ.get(TEST_SCRIPT_ENV):  # a scripted run has nobody to click OK
            QMessageBox.critical(
                None, APP_NAME, translator.tr("dialog.open_failed", error=str(exc))
            )
        return 1

    from editor.ui.main_window import MainWindow

    window = MainWindow(library, settings, translator)
    window.show()
    _listen_for_second_starts(window, library.path)
    if not window.offer_recoveries():
        window.open_initial_item()
    return app, window, library


def _activate_other_window(library_path: Path) -> bool:
    try:
        from editor.ui.single_instance import SingleInstance
    except ImportError:
        return False
    return bool(SingleInstance(library_path).try_activate_existing())


def _listen_for_second_starts(window: Any, library_path: Path) -> None:
    """A second start on this library brings this window forward instead."""
    try:
        from editor.ui.single_instance import SingleInstance
    except ImportError:
        return
    instance = SingleInstance(library_path, window)
    instance.listen(lambda: (window.showNormal(), window.raise_(), window.activateWindow()))


def run_gui(library_path: Path, argv: Sequence[str]) -> int:
    """Open ``library_path`` in the main window; returns the exit status."""
    started = start_gui(library_path, argv)
    if isinstance(started, int):
        return started
    app, window, library = started
    script = os.environ.get(TEST_SCRIPT_ENV)
    if script:
        from editor.ui.script_driver import ScriptDriver

        ScriptDriver(window, Path(script)).start()
    from PySide6.QtCore import QCoreApplication, QEvent

    try:
        status = app.exec()
    finally:
        window.shutdown()
        # Web views must be gone before the application object is destroyed.
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        library.close()
    return int(status)
