"""Composition root of the window: Qt application, library, services, main window.

Heavy imports (the web engine, SQLAlchemy's ORM) happen after the window is
shown so that the first paint stays under a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def run_gui(library_path: Path, argv: Sequence[str]) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(list(argv))
    app.setApplicationName("Feuillet")
    from editor.core.library import open_library

    library = open_library(library_path)
    label = QLabel(f"Feuillet — {library_path}")
    label.resize(600, 200)
    label.show()
    try:
        return app.exec()
    finally:
        library.close()
