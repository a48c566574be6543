"""Device widths of the preview: the toolbar's choices and fitting the view to one.

The page's own responsive CSS decides the layout; the preview only gives the
view the device's width (zoomed out when the pane is narrower).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolBar, QVBoxLayout, QWidget

from editor.ui.markdown_actions import tr

DEVICE_WIDTHS: dict[str, int | None] = {"desktop": None, "tablet": 768, "mobile": 375, "email": 600}
DEVICE_ICONS = {
    "desktop": "fa5s.desktop",
    "tablet": "fa5s.tablet-alt",
    "mobile": "fa5s.mobile-alt",
    "email": "fa5s.envelope",
}
STAGE_MARGIN = 12


def add_device_actions(
    toolbar: QToolBar, owner: QWidget
) -> tuple[QActionGroup, dict[str, QAction]]:
    """One checkable action per device on ``toolbar``, "desktop" checked, in one group."""
    import qtawesome  # deferred: needs the QApplication

    group = QActionGroup(owner)
    actions: dict[str, QAction] = {}
    for name in DEVICE_WIDTHS:
        action = toolbar.addAction(qtawesome.icon(DEVICE_ICONS[name]), name)
        action.setCheckable(True)
        action.setData(name)
        group.addAction(action)
        actions[name] = action
    actions["desktop"].setChecked(True)
    return group, actions


def label_device_actions(actions: dict[str, QAction], lang: str) -> None:
    """Name the device actions in ``lang``; the tooltip adds the width."""
    for name, action in actions.items():
        width = DEVICE_WIDTHS[name]
        label = tr(f"device_{name}", lang)
        action.setText(label)
        action.setToolTip(f"{label} ({width} px)" if width else label)


def make_device_stage() -> tuple[QWidget, QFrame, QVBoxLayout]:
    """The stage (full pane width) and the frame centred on it that holds the view.

    :func:`fit_to_device` sizes the frame; the view goes in the returned layout.
    """
    stage = QWidget()
    stage_layout = QHBoxLayout(stage)
    stage_layout.setContentsMargins(0, 0, 0, 0)
    frame = QFrame()
    frame_layout = QVBoxLayout(frame)
    frame_layout.setContentsMargins(0, 0, 0, 0)
    stage_layout.addStretch(0)
    stage_layout.addWidget(frame, 1)
    stage_layout.addStretch(0)
    return stage, frame, frame_layout


def fit_to_device(frame: QFrame, view: QWebEngineView, stage_width: int, device: str) -> None:
    """Constrain the view to the device width (zoomed out when the stage is
    narrower), so the page's own responsive CSS decides the layout."""
    width = DEVICE_WIDTHS[device]
    if width is None:
        frame.setMinimumWidth(0)
        frame.setMaximumWidth(16777215)
        frame.setFrameShape(QFrame.Shape.NoFrame)
        view.setZoomFactor(1.0)
        return
    available = max(120, stage_width - 2 * STAGE_MARGIN)
    shown = min(width, available)
    frame.setFrameShape(QFrame.Shape.Box)
    frame.setFixedWidth(shown + 2 * frame.frameWidth())
    view.setZoomFactor(max(0.25, shown / width))
