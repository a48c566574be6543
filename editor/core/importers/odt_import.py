"""Importing a LibreOffice/OpenOffice ``.odt`` with odfpy.

odfpy gives the document tree (parsed through defusedxml) but no HTML, so this
module walks it: headings, paragraphs, spans whose automatic or named style is
bold or italic, links, lists (ordered or not according to their list style),
tables, and pictures from the package. Comments (``office:annotation``), the
record of tracked changes (which holds the deleted text) and generated tables
of contents are skipped; inserted text is ordinary content and stays. The
result is HTML that goes through the same cleanup as every other source.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from editor.core.importers.html_import import article_from_html
from editor.core.importers.image_collector import ImageCollector
from editor.core.importers.model import ImportedArticle, ImportFailure

# odfpy's elements and documents carry no type information.
OdfNode = Any

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
XLINK = "http://www.w3.org/1999/xlink"
SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"

SKIPPED = frozenset(
    {
        (OFFICE, "annotation"),
        (OFFICE, "annotation-end"),
        (OFFICE, "forms"),
        (TEXT, "tracked-changes"),
        (TEXT, "change"),
        (TEXT, "change-start"),
        (TEXT, "change-end"),
        (TEXT, "sequence-decls"),
        (TEXT, "variable-decls"),
        (TEXT, "user-field-decls"),
        (TEXT, "table-of-content"),
        (TEXT, "alphabetical-index"),
        (TEXT, "illustration-index"),
        (TEXT, "bookmark"),
        (TEXT, "bookmark-start"),
        (TEXT, "bookmark-end"),
        (TEXT, "soft-page-break"),
        (TABLE, "table-column"),
        (TABLE, "table-columns"),
        (TABLE, "covered-table-cell"),
        (SVG, "title"),
        (SVG, "desc"),
    }
)


@dataclass
class _TextStyle:
    parent: str = ""
    bold: bool | None = None
    italic: bool | None = None
    display_name: str = ""
    automatic: bool = False


def _attr(node: OdfNode, namespace: str, name: str) -> str:
    return node.attributes.get((namespace, name), "") if hasattr(node, "attributes") else ""


def _children(node: OdfNode) -> list[OdfNode]:
    return getattr(node, "childNodes", [])


def _is_encrypted(archive: zipfile.ZipFile) -> bool:
    try:
        manifest = archive.read("META-INF/manifest.xml")
    except KeyError:
        return False
    return b"encryption-data" in manifest


class _OdtToHtml:
    """One conversion: styles of the document, its pictures and the HTML built."""

    def __init__(
        self, document: OdfNode, archive: zipfile.ZipFile, collector: ImageCollector
    ) -> None:
        self.archive = archive
        self.collector = collector
        self.styles: dict[tuple[str, str], _TextStyle] = {}
        self.list_styles: dict[str, dict[int, bool]] = {}
        self.footnotes_dropped = 0
        for container, automatic in ((document.styles, False), (document.automaticstyles, True)):
            for node in _children(container):
                self._register_style(node, automatic)

    def _register_style(self, node: OdfNode, automatic: bool) -> None:
        if node.qname == (STYLE, "style"):
            style = _TextStyle(
                parent=_attr(node, STYLE, "parent-style-name"),
                display_name=_attr(node, STYLE, "display-name") or _attr(node, STYLE, "name"),
                automatic=automatic,
            )
            for child in _children(node):
                if child.qname == (STYLE, "text-properties"):
                    weight = _attr(child, FO, "font-weight")
                    slant = _attr(child, FO, "font-style")
                    if weight:
                        style.bold = weight == "bold" or (weight.isdigit() and int(weight) >= 600)
                    if slant:
                        style.italic = slant in {"italic", "oblique"}
            self.styles[(_attr(node, STYLE, "family"), _attr(node, STYLE, "name"))] = style
        elif node.qname == (TEXT, "list-style"):
            levels: dict[int, bool] = {}
            for child in _children(node):
                level = _attr(child, TEXT, "level")
                if level.isdigit():
                    levels[int(level)] = child.qname == (TEXT, "list-level-style-number")
            self.list_styles[_attr(node, STYLE, "name")] = levels

    def _emphasis(self, family: str, name: str) -> tuple[bool, bool]:
        bold: bool | None = None
        italic: bool | None = None
        seen: set[str] = set()
        while name and name not in seen and (bold is None or italic is None):
            seen.add(name)
            style = self.styles.get((family, name))
            if style is None:
                break
            bold = style.bold if bold is None else bold
            italic = style.italic if italic is None else italic
            name = style.parent
        return bool(bold), bool(italic)

    def _named_style(self, family: str, name: str) -> str:
        """The lower-cased name of the user-visible style behind an automatic one."""
        seen: set[str] = set()
        while name and name not in seen:
            seen.add(name)
            style = self.styles.get((family, name))
            if style is None:
                return name.lower()
            if not style.automatic:
                return style.display_name.lower()
            name = style.parent
        return ""

    def convert(self, body: OdfNode) -> etree._Element:
        root = etree.Element("div")
        self._children_into(body, root, list_style="", depth=0)
        return root

    def _children_into(
        self, node: OdfNode, target: etree._Element, list_style: str, depth: int
    ) -> None:
        for child in _children(node):
            self._node_into(child, target, list_style, depth)

    def _node_into(
        self, node: OdfNode, target: etree._Element, list_style: str, depth: int
    ) -> None:
        if node.nodeType == node.TEXT_NODE:
            _append_text(target, node.data)
            return
        if node.nodeType != node.ELEMENT_NODE or node.qname in SKIPPED:
            return
        namespace, name = node.qname
        if namespace == TEXT and name == "note":
            self.footnotes_dropped += 1
            return
        if namespace == TEXT and name == "h":
            level = _attr(node, TEXT, "outline-level")
            tag = f"h{min(int(level), 6)}" if level.isdigit() and int(level) > 0 else "h1"
            self._inline_block(node, etree.SubElement(target, tag), "paragraph")
        elif namespace == TEXT and name == "p":
            style = self._named_style("paragraph", _attr(node, TEXT, "style-name"))
            if style == "title":
                self._inline_block(node, etree.SubElement(target, "h1"), "paragraph")
            elif style in {"quotations", "citation", "quote"}:
                self._inline_block(
                    node, etree.SubElement(etree.SubElement(target, "blockquote"), "p"), "paragraph"
                )
            else:
                self._inline_block(node, etree.SubElement(target, "p"), "paragraph")
        elif namespace == TEXT and name == "list":
            list_style = _attr(node, TEXT, "style-name") or list_style
            ordered = self.list_styles.get(list_style, {}).get(depth + 1, False)
            self._children_into(
                node, etree.SubElement(target, "ol" if ordered else "ul"), list_style, depth + 1
            )
        elif namespace == TEXT and name in {"list-item", "list-header"}:
            self._children_into(node, etree.SubElement(target, "li"), list_style, depth)
        elif namespace == TEXT and name == "span":
            bold, italic = self._emphasis("text", _attr(node, TEXT, "style-name"))
            inner = target
            if bold:
                inner = etree.SubElement(inner, "strong")
            if italic:
                inner = etree.SubElement(inner, "em")
            self._children_into(node, inner, list_style, depth)
        elif namespace == TEXT and name == "a":
            link = etree.SubElement(target, "a", href=_attr(node, XLINK, "href"))
            self._children_into(node, link, list_style, depth)
        elif namespace == TEXT and name == "s":
            count = _attr(node, TEXT, "c")
            _append_text(target, " " * (int(count) if count.isdigit() else 1))
        elif namespace == TEXT and name == "tab":
            _append_text(target, " ")
        elif namespace == TEXT and name == "line-break":
            etree.SubElement(target, "br")
        elif namespace == TABLE and name == "table":
            self._children_into(node, etree.SubElement(target, "table"), list_style, depth)
        elif namespace == TABLE and name == "table-row":
            self._children_into(node, etree.SubElement(target, "tr"), list_style, depth)
        elif namespace == TABLE and name == "table-cell":
            cell = etree.SubElement(target, "td")
            span = _attr(node, TABLE, "number-columns-spanned")
            if span.isdigit() and int(span) > 1:
                cell.set("colspan", span)
            self._children_into(node, cell, list_style, depth)
        elif namespace == DRAW and name == "image":
            self._image(node, target)
        else:
            # Sections, frames, text boxes, header rows…: keep what they contain.
            self._children_into(node, target, list_style, depth)

    def _inline_block(self, node: OdfNode, element: etree._Element, family: str) -> None:
        bold, italic = self._emphasis(family, _attr(node, TEXT, "style-name"))
        inner = element
        if bold and element.tag == "p":
            inner = etree.SubElement(inner, "strong")
        if italic:
            inner = etree.SubElement(inner, "em")
        self._children_into(node, inner, "", 0)

    def _image(self, node: OdfNode, target: etree._Element) -> None:
        href = _attr(node, XLINK, "href")
        frame = node.parentNode
        alt = ""
        for child in _children(frame):
            if child.qname in {(SVG, "desc"), (SVG, "title")} and not alt:
                alt = "".join(str(text) for text in _children(child)).strip()
        name = href.rsplit("/", 1)[-1] or "image"
        try:
            payload = self.archive.read(href)
        except (KeyError, zipfile.BadZipFile, OSError, RuntimeError):
            self.collector.warnings.append(
                f"image dropped: {name}: it is linked, not inside the document"
            )
            return
        ref = self.collector.add(payload, name, alt)
        if ref:
            etree.SubElement(target, "img", src=ref, alt=alt)


def _append_text(element: etree._Element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _metadata(document: OdfNode) -> tuple[str, tuple[str, ...]]:
    title = ""
    tags: list[str] = []
    for node in _children(document.meta):
        text = "".join(str(child) for child in _children(node)).strip()
        if node.qname == (DC, "title"):
            title = text
        elif node.qname == (META, "keyword") and text:
            tags.extend(word.strip() for word in text.replace(";", ",").split(",") if word.strip())
    return title, tuple(tags)


def _check_xml_parts(archive: zipfile.ZipFile, path: Path) -> None:
    """Parse the XML parts once ourselves: odfpy prints parse errors and carries on."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    for part in ("content.xml", "styles.xml", "meta.xml"):
        try:
            payload = archive.read(part)
        except KeyError:
            if part == "content.xml":
                raise ImportFailure(
                    path, None, "damaged OpenDocument file: no content.xml"
                ) from None
            continue
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
            raise ImportFailure(path, None, f"damaged OpenDocument file ({exc})") from None
        try:
            etree.fromstring(payload, parser)
        except etree.XMLSyntaxError as exc:
            raise ImportFailure(path, None, f"damaged OpenDocument file: {part}: {exc}") from None


def import_odt(data: bytes, path: Path) -> ImportedArticle:
    """An article from the bytes of an ``.odt`` (already recognised as one)."""
    from odf.opendocument import load  # imported here: only .odt imports pay for odfpy

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ImportFailure(path, None, f"damaged OpenDocument file ({exc})") from None
    if _is_encrypted(archive):
        raise ImportFailure(
            path,
            None,
            "a password-protected OpenDocument file: save it without a password, then import again",
        )
    _check_xml_parts(archive, path)
    try:
        document = load(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - odfpy raises anything on damaged XML
        raise ImportFailure(
            path, None, f"damaged OpenDocument file: {type(exc).__name__}: {exc}"
        ) from None
    warnings: list[str] = []
    collector = ImageCollector(warnings)
    converter = _OdtToHtml(document, archive, collector)
    try:
        root = converter.convert(document.text)
    except RecursionError:
        raise ImportFailure(path, None, "the document is nested too deeply to be read") from None
    if converter.footnotes_dropped:
        warnings.append(
            f"{converter.footnotes_dropped} footnote(s) left out: add them to the text by hand"
        )
    title, tags = _metadata(document)
    return article_from_html(
        etree.tostring(root, encoding="unicode", method="html"),
        path=path,
        resolve_image=lambda src, alt: src if src.startswith("asset:") else None,
        collector=collector,
        metadata_title=title,
        tags=tags,
    )
