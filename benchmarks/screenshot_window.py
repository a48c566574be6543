"""Screenshot of the main window on the sample library: docs/screenshots/window.png.

Opens a fresh library (seeded with the sample issue) in a temporary folder,
selects the first article of the sample issue, waits until the preview really
shows pixels (a web view grabbed right after loading can still be blank), then
saves the window grab. Runs offscreen; under ``xvfb-run -a`` it works the same.

    .venv/bin/python benchmarks/screenshot_window.py [--out PATH] [--language fr]
    .venv/bin/python benchmarks/screenshot_window.py --export   # docs/screenshots/window-export.png

``--export`` also opens the Checks dock and the Export dialog on the sample
issue; the dialog (its own top-level window) is drawn over the window grab
where the window manager would centre it.
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


def _settle(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _with_export_dialog(app, window, deadline: float):  # type: ignore[no-untyped-def]
    """Checks dock open on the sample issue, Export… open over the window."""
    from PySide6.QtCore import QPoint, QRect, QSize, Qt
    from PySide6.QtGui import QColor, QPainter

    window.registry.action("view.checks").setChecked(True)
    panel = window.publishing.panel
    while time.monotonic() < deadline and (panel.is_checking() or panel.issue_id is None):
        _settle(app, 0.05)
    window.registry.action("issue.export").trigger()
    dialog = window.publishing.dialogs()[-1]
    _settle(app, 0.5)
    shot = window.grab()
    face = dialog.grab()
    painter = QPainter(shot)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    title_height = 30  # offscreen windows have no frame: draw a plain title bar
    top_left = QPoint((shot.width() - face.width()) // 2, (shot.height() - face.height()) // 3)
    frame = QRect(top_left, face.size()).adjusted(0, -title_height, 0, 0)
    painter.fillRect(shot.rect(), QColor(20, 28, 38, 60))  # the window behind a modal dialog
    for spread, alpha in ((12, 18), (8, 26), (4, 40)):  # a soft shadow
        rect = frame.adjusted(-spread, -spread + 4, spread, spread + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, alpha))
        painter.drawRoundedRect(rect, spread, spread)
    bar = QRect(frame.topLeft(), QSize(frame.width(), title_height))
    painter.fillRect(bar, QColor("#eef1f5"))
    font = painter.font()
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#1f2933"))
    painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, dialog.windowTitle())
    painter.drawPixmap(top_left, face)
    painter.setPen(QColor("#b8c0cc"))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawLine(bar.bottomLeft(), bar.bottomRight())
    painter.drawRect(frame.adjusted(0, 0, -1, -1))
    painter.end()
    dialog.reject()
    return shot


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "window.png")
    parser.add_argument("--language", default="fr", choices=("fr", "en"))
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--export", action="store_true", help="with the Checks dock and Export…")
    args = parser.parse_args(argv)
    if args.export and args.out == parser.get_default("out"):
        args.out = args.out.with_name("window-export.png")
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
    image = _with_export_dialog(app, window, deadline) if args.export else window.grab()
    image.save(str(args.out))
    print(f"{'saved' if ok else 'saved (preview still blank)'}: {args.out}")
    window.shutdown()
    window.deleteLater()
    app.processEvents()
    library.close()
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
