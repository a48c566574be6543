"""Plain, immutable views of an issue for rendering and export.

The renderer, the themes and every exporter read these dataclasses and never the
ORM: they stay usable from the CLI, a worker process or a test without a
database session, and a detached snapshot cannot change under an export running
in the background. ``editor.core.services`` builds them from the library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True)
class AssetInfo:
    """Metadata of one stored image (the bytes are read through an AssetStore)."""

    sha256: str
    media_type: str
    width: int | None = None
    height: int | None = None
    original_name: str = ""
    alt_text: str = ""
    caption: str = ""
    credit: str = ""


class AssetStore(Protocol):
    """Read access to the library's content-addressed images."""

    def asset_info(self, sha256: str) -> AssetInfo | None:
        """Metadata of an asset, or None when the library has no such asset."""

    def asset_bytes(self, sha256: str) -> bytes:
        """The stored bytes; raises KeyError when the asset is unknown."""


@dataclass(frozen=True)
class PublicationDoc:
    """What a theme needs to know about the publication an issue belongs to."""

    id: int
    name: str
    base_url: str = ""
    language: str = "fr"
    logo_sha256: str | None = None
    primary_color: str = "#1d3557"
    accent_color: str = "#e63946"
    footer_lines: tuple[str, ...] = ()
    legal_lines: tuple[str, ...] = ()
    theme: str = "newsletter"


@dataclass(frozen=True)
class ArticleDoc:
    """One article, with its Markdown body not yet rendered."""

    id: int
    title: str
    body_markdown: str = ""
    kicker: str = ""
    standfirst: str = ""
    byline_name: str = ""
    byline_role: str = ""
    source: str = ""
    credit: str = ""
    status: str = "draft"
    tags: tuple[str, ...] = ()
    updated: datetime | None = None


@dataclass(frozen=True)
class IssueDoc:
    """One issue of a publication, articles in reading order."""

    id: int
    title: str
    publication: PublicationDoc
    label: str = ""
    date: date | None = None
    status: str = "draft"
    introduction_markdown: str = ""
    sign_off_markdown: str = ""
    articles: tuple[ArticleDoc, ...] = field(default_factory=tuple)


class MemoryAssetStore:
    """An AssetStore over a dict, for tests, previews of unsaved content and exports."""

    def __init__(self) -> None:
        self._infos: dict[str, AssetInfo] = {}
        self._data: dict[str, bytes] = {}

    def add(self, info: AssetInfo, data: bytes) -> None:
        self._infos[info.sha256] = info
        self._data[info.sha256] = data

    def asset_info(self, sha256: str) -> AssetInfo | None:
        return self._infos.get(sha256)

    def asset_bytes(self, sha256: str) -> bytes:
        return self._data[sha256]
