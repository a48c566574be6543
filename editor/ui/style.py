"""A clean light look, the same on every platform (Fusion with our palette).

Applied once by the composition root; nothing runs at import.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

INK = "#1f2933"
MUTED = "#6b7785"
LINE = "#dfe3e8"
PANEL = "#f6f7f9"
ACCENT = "#2f6fdf"

STYLESHEET = f"""
QMainWindow::separator, QSplitter::handle {{ background: {LINE}; }}
QToolBar#mainToolBar {{ background: {PANEL}; border: none; border-bottom: 1px solid {LINE};
    padding: 3px 6px; spacing: 2px; }}
QToolBar QToolButton {{ padding: 4px; border-radius: 4px; }}
QToolBar QToolButton:hover {{ background: #e8ecf1; }}
QToolBar QToolButton:checked {{ background: #dde7f8; }}
QWidget#libraryPane {{ background: {PANEL}; }}
QTreeView#libraryTree {{ background: {PANEL}; border: none; outline: 0;
    show-decoration-selected: 1; }}
QTreeView#libraryTree::branch:selected {{ background: #dde7f8; }}
QTreeView#libraryTree::branch:hover {{ background: #eaeef3; }}
QTreeView#libraryTree::item {{ padding: 3px 2px; border-radius: 4px; }}
QTreeView#libraryTree::item:hover {{ background: #eaeef3; }}
QTreeView#libraryTree::item:selected {{ background: #dde7f8; color: {INK};
    border-radius: 0; }}
QLineEdit#librarySearch {{ border: 1px solid {LINE}; border-radius: 6px; padding: 4px 6px;
    background: white; margin-right: 8px; }}
QLineEdit#librarySearch:focus {{ border-color: {ACCENT}; }}
QStatusBar {{ background: {PANEL}; border-top: 1px solid {LINE}; color: {MUTED}; }}
QStatusBar QLabel#countLabel {{ color: {MUTED}; padding: 0 8px; }}
QMenuBar {{ background: {PANEL}; border-bottom: 1px solid {LINE}; }}
QMenu::separator {{ height: 1px; background: {LINE}; margin: 4px 8px; }}
"""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#ffffff"),
        (QPalette.ColorRole.WindowText, INK),
        (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.AlternateBase, PANEL),
        (QPalette.ColorRole.Text, INK),
        (QPalette.ColorRole.Button, PANEL),
        (QPalette.ColorRole.ButtonText, INK),
        (QPalette.ColorRole.Highlight, ACCENT),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, "#ffffff"),
        (QPalette.ColorRole.ToolTipText, INK),
        (QPalette.ColorRole.PlaceholderText, "#98a2b3"),
        (QPalette.ColorRole.Mid, LINE),
    ):
        palette.setColor(role, QColor(color))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
