"""Importing a web page or Word's "Save as Web Page" file, and the shared HTML → article step.

``.docx`` and ``.odt`` are first turned into HTML by their own modules; from
there every rich format goes through :func:`article_from_html`, so that the
cleanup, the title rule and the Markdown are the same whatever the source.
"""

from __future__ import annotations

import codecs
import html as html_lib
import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from editor.core.importers.html_clean import (
    ImageResolver,
    clean_tree,
    take_leading_heading,
    tree_to_html,
)
from editor.core.importers.image_collector import ImageCollector
from editor.core.importers.model import ImportedArticle
from editor.core.importers.to_markdown import html_to_markdown

MAX_LINKED_IMAGE_BYTES = 40 * 1024 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _first_heading_text(root: etree._Element) -> str:
    for heading in root.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        text = " ".join("".join(heading.itertext()).split())
        if text:
            return text
    return ""


def article_from_html(
    markup: str,
    *,
    path: Path,
    resolve_image: ImageResolver,
    collector: ImageCollector,
    metadata_title: str = "",
    tags: Sequence[str] = (),
) -> ImportedArticle:
    """An article from a rich document already converted to HTML.

    The title is the heading that opens the document, else the document's
    title metadata, else its first heading anywhere (left in the body), else
    the file name, with a warning.
    """
    warnings = collector.warnings
    root = clean_tree(markup, resolve_image)
    title = (
        take_leading_heading(root) or " ".join(metadata_title.split()) or _first_heading_text(root)
    )
    if not title:
        title = path.stem
        warnings.append(f"no title found in the document: the file name {title!r} is used instead")
    body = html_to_markdown(tree_to_html(root))
    if not body.strip():
        warnings.append("the document has no text")
    return ImportedArticle(
        title=title,
        tags=tuple(tags),
        body_markdown=body,
        images=collector.images,
        warnings=warnings,
    )


def decode_html(data: bytes, warnings: list[str]) -> str:
    """Text of an HTML file: BOM, then ``<meta charset>``, then UTF-8, then Windows-1252."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, "replace").removeprefix("\ufeff")
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Word's web pages are Windows-1252 when they say nothing.
        warnings.append("the page does not say its encoding and is not UTF-8: read as Windows-1252")
        return data.decode("cp1252", "replace")


def _local_image_resolver(base_dir: Path, collector: ImageCollector) -> ImageResolver:
    """Images next to the page (Word writes them to ``name_files/``) are read from disk."""
    base = base_dir.resolve()
    counter = 0

    def resolve(src: str, alt: str) -> str | None:
        nonlocal counter
        counter += 1
        if src.startswith("asset:"):
            return src
        if src.lower().startswith("data:"):
            return collector.add_data_uri(src, f"image-{counter}", alt)
        parts = urlsplit(src)
        if (parts.scheme and parts.scheme.lower() != "file") or parts.netloc:
            collector.warnings.append(f"remote image not imported: {src[:120]}")
            return None
        candidate = (base / unquote(parts.path)).resolve()
        if not candidate.is_relative_to(base) or not candidate.is_file():
            collector.warnings.append(f"image not found next to the page: {src[:120]}")
            return None
        if candidate.stat().st_size > MAX_LINKED_IMAGE_BYTES:
            collector.warnings.append(f"image dropped: {candidate.name} is larger than 40 MB")
            return None
        return collector.add(candidate.read_bytes(), candidate.name, alt)

    return resolve


def import_html(data: bytes, path: Path) -> ImportedArticle:
    """An article from an HTML file; pictures beside it are imported too."""
    warnings: list[str] = []
    markup = decode_html(data, warnings)
    title_match = _TITLE.search(markup[:100_000])
    metadata_title = html_lib.unescape(title_match.group(1)) if title_match else ""
    collector = ImageCollector(warnings)
    return article_from_html(
        markup,
        path=path,
        resolve_image=_local_image_resolver(path.parent, collector),
        collector=collector,
        metadata_title=metadata_title,
    )
