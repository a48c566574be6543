"""Stand-ins for panes that are not available (yet) in this build.

The preview is created after the window is shown; until then, and if the web
engine cannot be loaded at all, a plain widget holds its place in the splitter
so that the layout, the saved splitter sizes and the menus work the same.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PreviewPlaceholder(QWidget):
    """Shown in the preview's place while the web engine loads."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPlaceholder")
        self.label = QLabel(text, self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #8a94a3;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)

    def set_text(self, text: str) -> None:
        self.label.setText(text)


class StandInPreview(PreviewPlaceholder):
    """Implements the PreviewPane contract without rendering (no web engine)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.device = "desktop"
        self.shown: tuple[str, int] | None = None
        self.text = ""

    def set_services(self, services: Any) -> None:
        self._services = services

    def show_article(self, article_id: int) -> None:
        self.shown = ("article", article_id)

    def show_issue(self, issue_id: int) -> None:
        self.shown = ("issue", issue_id)

    def update_text(self, body_markdown: str) -> None:
        self.text = body_markdown

    def clear(self) -> None:
        self.shown = None
        self.text = ""

    def is_empty(self) -> bool:
        return self.shown is None

    def set_device(self, name: str) -> None:
        self.device = name

    def scroll_to_fraction(self, fraction: float) -> None:
        pass

    def shutdown(self) -> None:
        pass
