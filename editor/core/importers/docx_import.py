"""Importing a Word ``.docx`` through mammoth.

mammoth maps Word's paragraph styles to HTML and already drops what a newsletter
must not inherit: tracked deletions (insertions are kept as plain text),
comments, fonts, colours and sizes. The style map below adds the French names
that localised templates use. The HTML then goes through the shared cleanup.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from editor.core.importers.html_import import article_from_html
from editor.core.importers.image_collector import ImageCollector
from editor.core.importers.model import ImportedArticle, ImportFailure

STYLE_MAP = "\n".join(
    [
        "p[style-name='Title'] => h1:fresh",
        "p[style-name='Titre'] => h1:fresh",
        "p[style-name='Subtitle'] => p:fresh",
        "p[style-name='Sous-titre'] => p:fresh",
        *(f"p[style-name='Titre {level}'] => h{level}:fresh" for level in range(1, 7)),
        "p[style-name='Quote'] => blockquote > p:fresh",
        "p[style-name='Intense Quote'] => blockquote > p:fresh",
        "p[style-name='Citation'] => blockquote > p:fresh",
        "p[style-name='Citation intense'] => blockquote > p:fresh",
        "r[style-name='Emphasis'] => em",
        "r[style-name='Accentuation'] => em",
        "r[style-name='Strong'] => strong",
        "r[style-name='Élevé'] => strong",
        "r[style-name='Lien hypertexte'] =>",
        "p[style-name='annotation text'] => !",
        "r[style-name='annotation reference'] => !",
    ]
)
_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}
_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}


def read_core_properties(data: bytes) -> tuple[str, tuple[str, ...]]:
    """(title, keywords) from ``docProps/core.xml``; empty when absent or unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            core = archive.read("docProps/core.xml")
        # A parser per call: lxml parsers must not be shared between threads
        # (imports run on a worker thread while the window parses too).
        safe = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        tree = etree.fromstring(core, safe)
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError):
        return "", ()
    title = tree.findtext("dc:title", default="", namespaces=_NS).strip()
    keywords = tree.findtext("cp:keywords", default="", namespaces=_NS)
    tags = tuple(word.strip() for word in re.split(r"[,;]", keywords) if word.strip())
    return title, tags


def import_docx(data: bytes, path: Path) -> ImportedArticle:
    """An article from the bytes of a ``.docx`` (already recognised as one)."""
    import mammoth  # imported here: ~0.1 s that only a .docx import should pay

    warnings: list[str] = []
    collector = ImageCollector(warnings)
    counter = 0

    def convert_image(image: mammoth.documents.Image) -> dict[str, str]:
        nonlocal counter
        counter += 1
        name = f"image-{counter}.{_EXTENSIONS.get(image.content_type or '', 'bin')}"
        try:
            with image.open() as stream:
                payload = stream.read()
        except Exception as exc:  # noqa: BLE001 - a linked or missing picture part
            warnings.append(f"image dropped: {name}: it can't be read from the document ({exc})")
            return {}
        ref = collector.add(payload, name, image.alt_text or "")
        return {"src": ref} if ref else {}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=STYLE_MAP,
            convert_image=mammoth.images.img_element(convert_image),
        )
    except Exception as exc:  # noqa: BLE001 - mammoth raises anything on damaged XML
        raise ImportFailure(
            path, None, f"damaged Word document: {type(exc).__name__}: {exc}"
        ) from None
    for message in result.messages:
        if message.type == "error":
            warnings.append(f"Word document: {message.message}")
    title, tags = read_core_properties(data)
    return article_from_html(
        result.value,
        path=path,
        resolve_image=lambda src, alt: src if src.startswith("asset:") else None,
        collector=collector,
        metadata_title=title,
        tags=tags,
    )
