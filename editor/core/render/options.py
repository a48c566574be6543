"""Inputs and outputs of the rendering pipeline: options, results and labels.

These are plain frozen dataclasses so that a result can cross a process
boundary (``render_with_timeout``), be cached by the incremental renderer and
be read by the exporters and the pre-publish checker without any Markdown
object in sight.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

AssetUrl = Callable[[str], "str | None"]


@dataclass(frozen=True)
class RenderOptions:
    """How one piece of Markdown is turned into HTML.

    ``asset_url`` maps the sha256 of a library image to the URL the output
    should use (``feuillet-asset:<sha>`` in the preview, ``assets/<file>`` in an
    export, a ``data:`` URI in the single-file export); returning None refuses
    the image, which is then replaced by its alt text.
    """

    language: str = "fr"
    asset_url: AssetUrl | None = None
    # Level given to a Markdown "#" heading: article bodies sit under the
    # article title, so themes usually want 2 or 3 here.
    heading_base_level: int = 1
    # Give headings ids and collect the table of contents.
    toc: bool = True
    # Prepended to every id (and every in-document link) so that several
    # articles rendered into one page keep unique footnote and heading ids.
    id_prefix: str = ""
    typography: bool = True

    @property
    def is_french(self) -> bool:
        return self.language.lower().startswith("fr")

    @property
    def is_english(self) -> bool:
        return self.language.lower().startswith("en")


class Heading(NamedTuple):
    """A heading as it ends up in the output (level after the base-level shift)."""

    level: int
    id: str
    text: str


class Link(NamedTuple):
    """A link found in the document, as written (before sanitising)."""

    href: str
    text: str


@dataclass(frozen=True)
class TocEntry:
    """One node of the table of contents."""

    level: int
    id: str
    name: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class RenderResult:
    """Everything the preview, the exporters and the checker need from one render.

    ``html`` is a sanitised fragment, safe to insert into a page. ``error`` is
    set (and ``html`` holds the escaped source) when rendering failed.
    """

    html: str
    toc: tuple[TocEntry, ...] = ()
    headings: tuple[Heading, ...] = ()
    links: tuple[Link, ...] = ()
    # Links whose target the sanitiser refuses (javascript:, data:, //host…):
    # they are rendered as plain text, the checker should warn about them.
    rejected_links: tuple[Link, ...] = ()
    # sha256 of every library image the document shows, in order, no duplicates.
    referenced_assets: tuple[str, ...] = ()
    # Source (``asset:<sha>`` or URL) of every image written without alt text.
    images_missing_alt: tuple[str, ...] = ()
    # Images that were dropped: not from the library, or unknown to it.
    refused_images: tuple[str, ...] = ()
    # Every id present in the output, for checking in-document links.
    anchors: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Labels:
    """Words the renderer itself adds to the output, per language."""

    a_lire: str
    read_more: str
    footnote_back: str
    event_separator: str = field(default=" : ")


def labels_for(language: str) -> Labels:
    """The labels for a publication language (French unless it is English)."""
    if language.lower().startswith("fr"):
        return Labels(
            a_lire="À lire",
            read_more="Lire la suite",
            footnote_back="Revenir à l’appel de note {}",
            event_separator=" : ",
        )
    return Labels(
        a_lire="Read also",
        read_more="Read more",
        footnote_back="Jump back to footnote {} in the text",
        event_separator=": ",
    )
