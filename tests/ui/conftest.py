"""Fixtures for the window tests: translators, bulk libraries, a ready window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def add_articles(
    library: object, count: int, issue_id: int | None = None, prefix: str = "Article"
) -> None:
    """Insert ``count`` articles in one transaction (the service would take one each)."""
    from sqlalchemy import func, insert, select

    from editor.core.models import Article

    with library.db.write() as s:  # type: ignore[attr-defined]
        scope = Article.issue_id.is_(None) if issue_id is None else Article.issue_id == issue_id
        start = (s.scalar(select(func.max(Article.position)).where(scope)) or 0) + 1
        statuses = ("draft", "review", "ready", "published")
        s.execute(
            insert(Article),
            [
                {
                    "issue_id": issue_id,
                    "position": start + n,
                    "title": f"{prefix} {n:06d}",
                    "status": statuses[n % 4],
                    "body": f"Texte de l’article {n} sur la mutualisation.",
                }
                for n in range(count)
            ],
        )


@pytest.fixture
def bulk_articles() -> Callable[..., None]:
    return add_articles


@pytest.fixture
def translator(qapp: object) -> object:
    from editor.ui.i18n import Translator

    return Translator("fr")


@pytest.fixture
def settings_dir(tmp_path: Path) -> Path:
    return tmp_path / "settings"


@pytest.fixture
def window_factory(
    qtbot: object, library: object, settings_dir: Path
) -> Iterator[Callable[..., object]]:
    """Build main windows on the sample library; closed and deleted after the test."""
    from editor.ui.i18n import Translator
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings

    windows: list[object] = []

    def make(language: str = "fr", with_preview: bool = False, show: bool = True) -> object:
        window = MainWindow(
            library, Settings(settings_dir), Translator(language), with_preview=with_preview
        )
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        windows.append(window)
        if show:
            window.show()
            window.activateWindow()
            # Shortcuts with a widget context need a focused widget of an active window.
            qtbot.waitUntil(window.isActiveWindow)  # type: ignore[attr-defined]
        return window

    yield make
    for window in windows:
        window.shutdown()
