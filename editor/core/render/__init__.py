"""Feuillet's one rendering pipeline: Markdown in, sanitised HTML out.

Used alike by the live preview, every exporter and the CLI, so what the user
previews is what gets published. Pure Python: nothing here imports Qt.

Typical use::

    renderer = Renderer(RenderOptions(language="fr", asset_url=store_url))
    result = renderer.render(article.body_markdown)
    result.html, result.referenced_assets, result.images_missing_alt

See ``docs/markdown-syntax.md`` for the Markdown dialect.
"""

from __future__ import annotations

from .incremental import BlockCache, IncrementalRenderer, IncrementalResult, RenderedBlock
from .isolation import AssetTable, render_with_timeout
from .options import Heading, Link, RenderOptions, RenderResult, TocEntry
from .renderer import Renderer, render_markdown
from .sanitize import sanitize_html
from .splitter import Block, needs_whole_document, split_blocks
from .typography import apply_typography

__all__ = [
    "AssetTable",
    "Block",
    "BlockCache",
    "Heading",
    "IncrementalRenderer",
    "IncrementalResult",
    "Link",
    "RenderOptions",
    "RenderResult",
    "RenderedBlock",
    "Renderer",
    "TocEntry",
    "apply_typography",
    "needs_whole_document",
    "render_markdown",
    "render_with_timeout",
    "sanitize_html",
    "split_blocks",
]
