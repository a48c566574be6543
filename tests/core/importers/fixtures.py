"""Documents built in the tests: .docx with python-docx, .odt with odfpy, pictures with Pillow.

Building them here keeps every fixture readable and lets each test say which
element it is about; no binary file is committed.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from PIL import Image

SEED_PARAGRAPH = (
    "La démarche participative qui a associé la ville, Agglopolys et le CIAS a pris plus d'un an."
)


def png_bytes(
    width: int = 8, height: int = 6, color: tuple[int, int, int] = (200, 30, 30)
) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes(width: int = 10, height: int = 10) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def truncated_png() -> bytes:
    """A PNG whose header is intact (so Word tools accept it) but whose pixels are cut."""
    data = png_bytes(64, 64, (10, 200, 10))
    return data[: len(data) // 2]


def bmp_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (1, 2, 3)).save(buffer, "BMP")
    return buffer.getvalue()


def _add_hyperlink(paragraph: Any, url: str, text: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _add_tracked_change(paragraph: Any, kind: str, text: str, change_id: int) -> None:
    """Append a ``w:ins`` or ``w:del`` revision, as Word writes them with Track Changes on."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    change = OxmlElement(f"w:{kind}")
    change.set(qn("w:id"), str(change_id))
    change.set(qn("w:author"), "Relecteur")
    change.set(qn("w:date"), "2017-08-07T10:00:00Z")
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:delText" if kind == "del" else "w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = text
    run.append(text_element)
    change.append(run)
    paragraph._p.append(change)


def build_docx(
    *, image: bytes | None = None, title_metadata: str = "", with_heading: bool = True
) -> bytes:
    """A Word document that uses every element the importer must handle."""
    import docx
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    document.core_properties.title = title_metadata
    document.core_properties.keywords = "Mutualisation, Blois"
    if with_heading:
        document.add_heading("Projet d'administration mutualisé", level=1)
    intro = document.add_paragraph("La démarche ")
    intro.add_run("participative").bold = True
    intro.add_run(" qui a associé la ville et ")
    intro.add_run("Agglopolys").italic = True
    styled = intro.add_run(" a pris plus d'un an.")
    styled.font.name = "Comic Sans MS"
    styled.font.size = Pt(15)
    styled.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    document.add_paragraph("")
    document.add_paragraph("   ")
    document.add_heading("Le haut débit", level=2)
    document.add_heading("Une priorité", level=3)
    document.add_paragraph("Premier point", style="List Bullet")
    document.add_paragraph("Second point", style="List Bullet")
    document.add_paragraph("Étape un", style="List Number")
    document.add_paragraph("Étape deux", style="List Number")
    linked = document.add_paragraph("Source : ")
    _add_hyperlink(linked, "https://www.lagazettedescommunes.com/", "La Gazette des communes")
    table = document.add_table(rows=2, cols=2)
    for row, values in enumerate((("Date", "Lieu"), ("20 septembre", "Paris"))):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    revised = document.add_paragraph("Le texte ")
    _add_tracked_change(revised, "del", "supprimé ", 1)
    _add_tracked_change(revised, "ins", "inséré", 2)
    commented = document.add_paragraph()
    run = commented.add_run("Phrase commentée.")
    document.add_comment(run, text="Commentaire du relecteur à ne pas publier", author="Relecteur")
    if image is not None:
        document.add_picture(io.BytesIO(image))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replace_zip_member(data: bytes, name: str, payload: bytes) -> bytes:
    """A copy of a zip with one member's bytes swapped (to plant a bad picture)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, payload if info.filename == name else source.read(info.filename))
    return buffer.getvalue()


def docx_media_names(data: bytes) -> list[str]:
    return [
        name
        for name in zipfile.ZipFile(io.BytesIO(data)).namelist()
        if name.startswith("word/media/")
    ]


def build_odt(
    *, image: bytes | None = None, title_metadata: str = "", with_heading: bool = True
) -> bytes:
    """A LibreOffice document using every element the importer must handle."""
    from odf import dc, meta
    from odf.draw import Frame
    from odf.draw import Image as DrawImage
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import (
        A,
        ChangedRegion,
        ChangeEnd,
        ChangeStart,
        Deletion,
        H,
        List,
        ListItem,
        ListLevelStyleBullet,
        ListLevelStyleNumber,
        ListStyle,
        P,
        S,
        Span,
        TrackedChanges,
    )

    document = OpenDocumentText()
    if title_metadata:
        document.meta.addElement(dc.Title(text=title_metadata))
    document.meta.addElement(meta.Keyword(text="Mutualisation"))
    bold = Style(name="T1", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    italic = Style(name="T2", family="text")
    italic.addElement(TextProperties(fontstyle="italic"))
    loud = Style(name="T3", family="text")
    loud.addElement(TextProperties(color="#ff0000", fontname="Comic Sans MS", fontsize="15pt"))
    bullets = ListStyle(name="L1")
    bullets.addElement(ListLevelStyleBullet(level=1, bulletchar="•"))
    bullets.addElement(ListLevelStyleBullet(level=2, bulletchar="◦"))
    numbers = ListStyle(name="L2")
    numbers.addElement(ListLevelStyleNumber(level=1, numformat="1"))
    for style in (bold, italic, loud, bullets, numbers):
        document.automaticstyles.addElement(style)

    text = document.text
    changes = TrackedChanges()
    region = ChangedRegion(check_grammar=False)
    region.setAttrNS("http://www.w3.org/XML/1998/namespace", "id", "ct1")
    region.setAttrNS("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "id", "ct1")
    deletion = Deletion()
    deletion.addElement(P(text="supprimé "))
    region.addElement(deletion)
    changes.addElement(region)
    text.addElement(changes)
    if with_heading:
        text.addElement(H(outlinelevel=1, text="Projet d'administration mutualisé"))
    intro = P(text="La démarche ")
    intro.addElement(Span(stylename=bold, text="participative"))
    intro.addText(" qui a associé la ville et")
    intro.addElement(S(c=1))
    intro.addElement(Span(stylename=italic, text="Agglopolys"))
    intro.addElement(Span(stylename=loud, text=" a pris plus d'un an."))
    note = Annotation()
    note.addElement(P(text="Commentaire du relecteur à ne pas publier"))
    intro.addElement(note)
    text.addElement(intro)
    text.addElement(P(text=""))
    text.addElement(H(outlinelevel=2, text="Le haut débit"))
    text.addElement(H(outlinelevel=3, text="Une priorité"))
    bullet_list = List(stylename=bullets)
    for label in ("Premier point", "Second point"):
        item = ListItem()
        item.addElement(P(text=label))
        bullet_list.addElement(item)
    nested = List()
    nested_item = ListItem()
    nested_item.addElement(P(text="Sous-point"))
    nested.addElement(nested_item)
    bullet_list.childNodes[-1].addElement(nested)
    text.addElement(bullet_list)
    numbered = List(stylename=numbers)
    for label in ("Étape un", "Étape deux"):
        item = ListItem()
        item.addElement(P(text=label))
        numbered.addElement(item)
    text.addElement(numbered)
    linked = P(text="Source : ")
    linked.addElement(
        A(href="https://www.lagazettedescommunes.com/", text="La Gazette des communes")
    )
    text.addElement(linked)
    table = Table(name="Agenda")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for values in (("Date", "Lieu"), ("20 septembre", "Paris")):
        row = TableRow()
        for value in values:
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    text.addElement(table)
    revised = P(text="Le texte ")
    revised.addElement(ChangeStart(changeid="ct1"))
    revised.addElement(ChangeEnd(changeid="ct1"))
    revised.addText("inséré")
    text.addElement(revised)
    if image is not None:
        href = document.addPicture("Pictures/photo.png", "image/png", image)
        holder = P()
        frame = Frame(width="2cm", height="2cm", anchortype="as-char", name="Photo")
        frame.addElement(DrawImage(href=href))
        holder.addElement(frame)
        text.addElement(holder)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def encrypted_odt() -> bytes:
    """The package layout LibreOffice writes for a password-protected document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="1234">'
            '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="abc=">'
            '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="xyz="/>'
            '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" '
            'manifest:salt="salt="/></manifest:encryption-data></manifest:file-entry></manifest:manifest>',
        )
        archive.writestr("content.xml", bytes(range(256)) * 4)
    return buffer.getvalue()
