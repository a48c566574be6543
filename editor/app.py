"""Composition root of the window: Qt application, main window, library, services.

Start-up is ordered so that the window is on screen before the slow part:

1. the Qt application and a light window shell (menus, editor pane, stand-ins
   for the library list and the preview, "Opening the library…"), shown at once;
2. after the shell's first paint, on the next turn of the event loop, the core
   is imported (SQLAlchemy, ~0.5 s) and the library opened, then the window
   builds its tree and editing session (:meth:`MainWindow.attach_library`);
3. once the list has painted, the window loads its icons, then the web-engine
   preview.

When the library cannot be opened (in use, damaged, not a library) the user is
told why and the program ends with status 1; a damaged library with a sound
backup is first offered "Restore the latest backup", and opens restored. When
another window already has it, that window comes forward instead (checked
before anything is shown, so no shell flashes). Importing the core on a helper thread while Qt starts was
measured: no reliable gain on two cores, so it is not done.

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
# If the shell's first paint never comes (started minimised), open anyway.
OPEN_FALLBACK_MS = 300


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


def start_gui(library_path: Path, argv: Sequence[str]) -> tuple[Any, Any] | int:
    """Create the application and show the window; the library opens once the
    event loop runs (``window.library_attached``, or exit status 1 if refused).

    Returns (app, window), or 0 when another window on this library came forward.
    """
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to start its sandbox as root (a container, a CI
        # machine) and the preview would end the program: run it unsandboxed;
        # the preview is hardened on its own (no script, no network, no files).
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    _before_application()
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from editor import APP_NAME

    # The web engine wants shared GL contexts set before the application exists.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    if _activate_other_window(library_path):
        return 0  # the window that has this library came forward

    from editor.ui.i18n import QtTranslations, Translator
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings
    from editor.ui.style import apply_style

    apply_style(app)
    settings = Settings()
    translator = Translator(settings.language())
    QtTranslations(app, translator)  # Qt's own menus and dialogs in the same language
    window = MainWindow(None, settings, translator)
    opened: list[bool] = []

    def open_once() -> None:
        if not opened:
            opened.append(True)
            _open_library(window, library_path)

    # singleShot(0): after this paint has reached the screen, not inside it.
    window.first_painted.connect(lambda: QTimer.singleShot(0, open_once))
    QTimer.singleShot(OPEN_FALLBACK_MS, open_once)
    window.show()
    return app, window


def _open_library(window: Any, library_path: Path) -> None:
    """Open the library for the shown window, or say why not and end with status 1."""
    from PySide6.QtWidgets import QMessageBox

    from editor import APP_NAME
    from editor.core.errors import FeuilletError
    from editor.core.library import open_library

    scripted = bool(os.environ.get(TEST_SCRIPT_ENV))  # a scripted run has nobody to click OK
    restored: Any = None  # the backup put in place of a damaged library
    while True:
        try:
            # The window is the library's one writer: a second window is refused.
            library = open_library(library_path, writer=True)
            break
        except (FeuilletError, OSError) as exc:
            # LibraryInUse (another program writes it), LibraryDamaged, NotALibrary…
            if type(exc).__name__ == "LibraryInUse" and _activate_other_window(library_path):
                _end(window, 0)  # the window that has it came forward
                return
            print(f"feuillet: error: {exc}", file=sys.stderr)
            if not scripted and not restored and _can_restore(exc):
                from editor.ui.window_dialogs import offer_backup_restore

                if offer_backup_restore(window, library_path, exc):
                    restored = Path(exc.latest_backup)  # type: ignore[attr-defined]
                    continue  # once: a backup that fails to open is not offered again
                _end(window, 1)
                return
            if not scripted:
                QMessageBox.critical(
                    window, APP_NAME, window.translator.tr("dialog.open_failed", error=str(exc))
                )
            _end(window, 1)
            return
    if window.is_shut_down:
        library.close()  # the window was closed while the library was opening
        return
    window.attach_library(library)
    if restored is not None:
        from editor.ui.window_dialogs import backup_time

        when = backup_time(window, restored)
        window.status.showMessage(window.translator.tr("status.restored_backup", when=when))
    _listen_for_second_starts(window, library.path)
    if not window.dialogs.offer_recoveries():  # text typed before a crash comes first
        window.open_initial_item()


def _can_restore(error: BaseException) -> bool:
    """A damaged library with a sound backup: the user can be offered a restore."""
    return type(error).__name__ == "LibraryDamaged" and getattr(error, "latest_backup", None)


def _end(window: Any, status: int) -> None:
    from PySide6.QtWidgets import QApplication

    window.shutdown()
    window.hide()
    QApplication.exit(status)


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
    app, window = started
    script = os.environ.get(TEST_SCRIPT_ENV)
    if script:
        from editor.ui.script_driver import ScriptDriver

        driver = ScriptDriver(window, Path(script))
        # The steps act on the library: start them once it is in the window.
        window.library_attached.connect(driver.start)
    from PySide6.QtCore import QCoreApplication, QEvent

    try:
        status = app.exec()
    finally:
        window.shutdown()
        library = window.library
        # Web views must be gone before the application object is destroyed.
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        if library is not None:
            library.close()
    return int(status)
