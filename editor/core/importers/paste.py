"""Paste cleanup: rich text from Word, LibreOffice, Google Docs or a web page to Markdown.

The editor calls this with the clipboard's ``text/html``. What comes back is
clean Feuillet Markdown, never raw HTML and never a Word style. Pictures
carried inline (``data:`` URIs) can be kept when the caller passes a list to
receive them; pictures that live elsewhere (``file://`` paths of Word's temp
folder, web addresses) are dropped, because the editor could not publish them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from editor.core.importers.html_clean import clean_html
from editor.core.importers.image_collector import ImageCollector
from editor.core.importers.model import ImportedImage
from editor.core.importers.to_markdown import html_to_markdown


@dataclass
class PasteResult:
    """Markdown to insert, plus the pictures it references as ``asset:<sha256>``."""

    markdown: str
    images: list[ImportedImage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def clean_paste(html: str, *, keep_inline_images: bool = True) -> PasteResult:
    """Clean a clipboard HTML fragment; inline pictures become library images."""
    warnings: list[str] = []
    collector = ImageCollector(warnings)
    counter = 0

    def resolve(src: str, alt: str) -> str | None:
        nonlocal counter
        if src.startswith("asset:"):
            return src
        if keep_inline_images and src.lower().startswith("data:"):
            counter += 1
            return collector.add_data_uri(src, f"pasted-image-{counter}", alt)
        return None

    markdown = html_to_markdown(clean_html(html, resolve))
    return PasteResult(markdown=markdown, images=collector.images, warnings=warnings)


def paste_html_to_markdown(html: str) -> str:
    """Markdown for pasted HTML, pictures left out (the editor's plain paste path)."""
    return clean_paste(html, keep_inline_images=False).markdown
