"""Raw HTML typed in Markdown is shown as text, never passed through.

Python-Markdown copies HTML blocks and inline tags to the output verbatim.
Feuillet's users paste text from Word and web pages; a stray ``<script>`` or
``<img onerror>`` must neither run nor vanish silently, so this extension
removes both HTML paths: the text is then escaped like any other
(``&lt;script&gt;``). Entities (``&eacute;``) still work.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension


class EscapeRawHtmlExtension(Extension):
    """Turn off raw HTML blocks and inline tags."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        if "html_block" in md.preprocessors:
            md.preprocessors.deregister("html_block")
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")
