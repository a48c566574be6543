"""The one seam between export and ``editor.core.render``.

The preview and every exporter render Markdown through the same
``editor.core.render.Renderer``, so what the user previews is what gets
published. Everything the export needs from the renderer passes through this
adapter, imported lazily so that importing the export package costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

AssetUrl = Callable[[str], "str | None"]


class MarkdownRenderer:
    """One renderer instance per export (a Markdown instance is not thread-safe)."""

    def __init__(self, language: str, asset_url: AssetUrl, *, heading_base_level: int = 2) -> None:
        from editor.core.render import Renderer, RenderOptions

        # Level 2: under the article title (h1) of an article page; the issue
        # page shifts them one level down, below its h2 article titles.
        options = RenderOptions(
            language=language, asset_url=asset_url, heading_base_level=heading_base_level
        )
        self._renderer = Renderer(options)

    def render(self, markdown_text: str) -> Any:
        """A ``RenderResult``: ``.html``, ``.referenced_assets``, ``.images_missing_alt``,
        ``.headings``, ``.links``."""
        return self._renderer.render(markdown_text or "")

    def inline(self, text: str) -> str:
        """Sanitised inline HTML, with typography, for one-line fields (titles)."""
        return self._renderer.render_inline(text or "")
