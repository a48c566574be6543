"""Screenshot of the main window on the sample library: docs/screenshots/window.png.

Opens a fresh library (seeded with the sample issue) in a temporary folder,
selects the first article of the sample issue, waits until the preview really
shows pixels (a web view grabbed right after loading can still be blank), then
saves the window grab. Runs offscreen; under ``xvfb-run -a`` it works the same.

    .venv/bin/python benchmarks/screenshot_window.py [--out PATH] [--language fr]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _has_content(image, rect) -> bool:  # type: ignore[no-untyped-def]
    """True when the region holds more than a couple of colours (text, photo)."""
    colours = set()
    step = max(4, rect.width() // 60)
    for x in range(rect.left() + 10, rect.right() - 10, step):
        for y in range(rect.top() + 60, rect.bottom() - 10, step):
            colours.add(image.pixel(x, y))
            if len(colours) > 12:
                return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "window.png")
    parser.add_argument("--language", default="fr", choices=("fr", "en"))
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    sys.path.insert(0, str(ROOT))
    tmp = Path(tempfile.mkdtemp(prefix="feuillet-shot-"))
    os.environ["FEUILLET_SETTINGS_DIR"] = str(tmp / "settings")

    from editor.app import _before_application

    _before_application()
    from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(["feuillet"])
    from editor.core.library import open_library
    from editor.ui.i18n import Translator
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings
    from editor.ui.style import apply_style

    apply_style(app)
    library = open_library(tmp / "Lettre hebdo.feuillet")
    window = MainWindow(library, Settings(), Translator(args.language))
    window.resize(1440, 900)
    window.splitter.setSizes([280, 620, 540])
    window.show()
    issue = library.services.list_issues()[0]
    first = library.services.article_ids(issue.id)[0]
    window.library_pane.select_article(first, issue.id)

    deadline = time.monotonic() + args.timeout
    ok = False
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
        preview = window.preview
        if preview is None or not hasattr(preview, "web_view"):
            continue
        view = preview.web_view()
        top_left = view.mapTo(window, QPoint(0, 0))
        rect = QRect(top_left, view.size())
        if rect.width() > 100 and _has_content(window.grab().toImage(), rect):
            ok = True
            break
    for _ in range(20):  # let the last paint settle
        app.processEvents()
        time.sleep(0.02)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.out))
    print(f"{'saved' if ok else 'saved (preview still blank)'}: {args.out}")
    window.shutdown()
    window.deleteLater()
    app.processEvents()
    library.close()
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
