"""Composition root of the window: Qt application, library, services, main window.

The window is shown before anything heavy: the web engine is imported and the
preview created on the first turn of the event loop after the first paint.
``FEUILLET_SETTINGS_DIR`` redirects the window's settings (tests), and
``FEUILLET_TEST_SCRIPT`` (end-to-end tests only) names a JSON list of steps
to drive the window; without it, no test code is even imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

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


def run_gui(library_path: Path, argv: Sequence[str]) -> int:
    """Open ``library_path`` in the main window; returns the exit status."""
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    from editor import APP_NAME

    _before_application()
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

    try:
        from editor.core.library import open_library

        library = open_library(library_path)
    except (FeuilletError, OSError) as exc:
        print(f"feuillet: error: {exc}", file=sys.stderr)
        if not os.environ.get(TEST_SCRIPT_ENV):  # a scripted run has nobody to click OK
            QMessageBox.critical(None, APP_NAME, translator.tr("dialog.open_failed", error=str(exc)))
        return 1

    from editor.ui.main_window import MainWindow

    window = MainWindow(library, settings, translator)
    window.show()
    window.open_initial_item()
    script = os.environ.get(TEST_SCRIPT_ENV)
    if script:
        from editor.ui.script_driver import ScriptDriver

        driver = ScriptDriver(window, Path(script))
        driver.start()
    try:
        status = app.exec()
    finally:
        window.shutdown()
        # Web views must be gone before the application object is destroyed.
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        library.close()
    return int(status)
