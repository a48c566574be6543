"""Nodes of the library tree and the small status badges painted beside items.

Kept apart from :mod:`editor.ui.article_model` so the model file holds only
the Qt model logic. Icons are painted with QPainter on first use (they need a
QApplication), then cached: they are in the list's first paint, so they must
not wait for qtawesome (~0.2 s to import).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from editor.ui.i18n import Translator

ARTICLE_MIME = "application/x-feuillet-article-ids"

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
ARTICLE_ROW_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        STATUS_ROLE,
    }
)

STATUS_COLORS = {
    "draft": "#9aa5b1",
    "review": "#e0a100",
    "ready": "#2e9e5b",
    "published": "#2f6fdf",
}


class Kind(IntEnum):
    ROOT = 0
    PUBLICATION = 1
    ISSUE = 2
    POOL = 3
    SEARCH = 4
    ARTICLE = 5


@dataclass(eq=False)
class Node:
    """A container in the tree (root, publication, issue, pool, search results).

    Articles are not nodes: an article index is (row, key of its container).
    """

    key: int
    kind: Kind
    ident: int | None  # publication or issue id
    parent_key: int
    row: int = 0
    name: str = ""
    issue: Any = None  # repository.IssueRow for issues
    children: list[int] = field(default_factory=list)
    ids: list[int] | None = None  # article ids, read on first expansion
    loaded: int = 0  # how many of ``ids`` the view has been given
    count_hint: int = 0  # article count known before ``ids`` is read
    # A plain attribute, not a property: read for every row the view lays out.
    holds_articles: bool = field(init=False)
    child_flags: Any = None  # Qt item flags of the articles it holds (set by the model)

    def __post_init__(self) -> None:
        self.holds_articles = self.kind in (Kind.ISSUE, Kind.POOL, Kind.SEARCH)

    @property
    def scope(self) -> int | str:
        """What ``services.article_ids`` takes for this container."""
        return "pool" if self.kind is Kind.POOL else int(self.ident or 0)


ICON_INK = "#3d4b5c"  # the window's neutral icon colour (actions.ICON_COLOR)


def _painted_icon(draw: Callable[[QPainter, QColor], None], color: str) -> QIcon:
    """An icon drawn by ``draw`` on a 16×16 grid, at 1× and 2× (sharp on HiDPI)."""
    icon = QIcon()
    for ratio in (1, 2):
        pixmap = QPixmap(16 * ratio, 16 * ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(ratio, ratio)
        draw(painter, QColor(color))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _outline(painter: QPainter, color: QColor, width: float = 1.3) -> None:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _dot(status: str) -> Callable[[QPainter, QColor], None]:
    def draw(painter: QPainter, color: QColor) -> None:
        rect = QRectF(4.5, 4.5, 7, 7)
        if status == "draft":
            # A hollow ring: a draft is not yet "something" on the page.
            _outline(painter, color, 1.6)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
        painter.drawEllipse(rect)

    return draw


def _newspaper(painter: QPainter, color: QColor) -> None:
    _outline(painter, color)
    painter.drawRoundedRect(QRectF(2.5, 3, 11, 10), 1.5, 1.5)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRect(QRectF(4.5, 5, 3, 3))  # the picture
    _outline(painter, color, 1.1)
    for y in (5.5, 7.5):
        painter.drawLine(QPointF(9, y), QPointF(11.5, y))
    for y in (10, 11.5):
        painter.drawLine(QPointF(4.5, y), QPointF(11.5, y))


def _books(painter: QPainter, color: QColor) -> None:
    _outline(painter, color)
    painter.drawRect(QRectF(2.5, 3, 3, 10.5))
    painter.drawRect(QRectF(5.5, 3, 3, 10.5))
    painter.save()  # the third book leans on the others
    painter.translate(10.2, 13.5)
    painter.rotate(-16)
    painter.drawRect(QRectF(0, -10.2, 3, 10.2))
    painter.restore()


def _tray(painter: QPainter, color: QColor) -> None:
    _outline(painter, color)
    painter.drawRoundedRect(QRectF(2.5, 3, 11, 10), 1.5, 1.5)
    painter.drawPolyline([QPointF(2.5, 9.5), QPointF(5.5, 9.5), QPointF(6.5, 11),
                          QPointF(9.5, 11), QPointF(10.5, 9.5), QPointF(13.5, 9.5)])  # fmt: skip


def _magnifier(painter: QPainter, color: QColor) -> None:
    _outline(painter, color, 1.5)
    painter.drawEllipse(QRectF(2.5, 2.5, 8, 8))
    painter.drawLine(QPointF(9.6, 9.6), QPointF(13.5, 13.5))


def _page(painter: QPainter, color: QColor) -> None:
    _outline(painter, color)
    painter.drawPolygon([QPointF(4, 2.5), QPointF(9.5, 2.5), QPointF(12.5, 5.5),
                         QPointF(12.5, 13.5), QPointF(4, 13.5)])  # fmt: skip
    for y in (8, 10.5):
        painter.drawLine(QPointF(6, y), QPointF(10.5, y))


@lru_cache(maxsize=16)
def badge_icon(status: str, issue: bool = False) -> QIcon:
    """A status dot (articles) or a status-tinted newspaper (issues).

    Painted here rather than taken from qtawesome: these show in the library
    list's first paint, and importing qtawesome there cost ~0.2 s of start-up.
    """
    color = STATUS_COLORS.get(status, STATUS_COLORS["draft"])
    return _painted_icon(_newspaper if issue else _dot(status), color)


@lru_cache(maxsize=8)
def kind_icon(kind: Kind) -> QIcon:
    """Publication, draft pool, search results (painted: see :func:`badge_icon`)."""
    draw = {Kind.PUBLICATION: _books, Kind.POOL: _tray, Kind.SEARCH: _magnifier}
    return _painted_icon(draw.get(kind, _page), ICON_INK)


def article_data(article: Any, ident: int | None, role: int, translator: Translator) -> Any:
    """What the tree shows for an article (``article`` is a repository ArticleRow)."""
    if role == ID_ROLE:
        return ident
    if role == KIND_ROLE:
        return int(Kind.ARTICLE)
    if role not in ARTICLE_ROW_ROLES:
        return None
    if article is None:
        return "—" if role == Qt.ItemDataRole.DisplayRole else None
    if role == STATUS_ROLE:
        return article.status
    if role == Qt.ItemDataRole.DecorationRole:
        return badge_icon(article.status)
    tr = translator.tr
    title = article.title or tr("tree.untitled")
    if role == Qt.ItemDataRole.DisplayRole:
        return title
    lines = [title]
    if article.kicker:
        lines.append(f"{tr('field.kicker')} : {article.kicker}")
    lines.append(f"{tr('field.status')} : {tr('status.' + article.status)}")
    when = translator.locale().toString(article.updated, "d MMM yyyy, HH:mm")
    lines.append(tr("tree.updated", when=when))
    return "\n".join(lines)


def container_data(node: Node, role: int, translator: Translator) -> Any:
    """What the tree shows for a publication, an issue, the pool or search results."""
    if role == ID_ROLE:
        return node.ident
    if role == KIND_ROLE:
        return int(node.kind)
    tr = translator.tr
    count = len(node.ids) if node.ids is not None else node.count_hint
    if node.kind is Kind.ISSUE:
        issue = node.issue
        if role == STATUS_ROLE:
            return issue.status
        if role == Qt.ItemDataRole.DecorationRole:
            return badge_icon(issue.status, issue=True)
        if role == Qt.ItemDataRole.DisplayRole:
            if issue.label and not issue.title.startswith(issue.label):
                return f"{issue.label} — {issue.title}"
            return issue.title
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [issue.title]
            if issue.issue_date:
                lines.append(translator.locale().toString(issue.issue_date, "d MMMM yyyy"))
            lines.append(f"{tr('field.status')} : {tr('status.' + issue.status)}")
            lines.append(tr("tree.article_count", count=count))
            return "\n".join(lines)
        return None
    if role == Qt.ItemDataRole.DecorationRole:
        return kind_icon(node.kind)
    if role == Qt.ItemDataRole.FontRole and node.kind is Kind.PUBLICATION:
        font = QFont()
        font.setBold(True)
        return font
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
        if node.kind is Kind.PUBLICATION:
            return node.name
        if node.kind is Kind.POOL:
            return f"{tr('tree.pool')} ({count})"
        return tr("tree.search_results", count=count)
    return None
