"""Telling what a file is from its first bytes, not from its name.

Users rename files, mail clients strip extensions and a ``.docx`` may be an old
``.doc`` or a password-protected document in disguise. Every importer starts
here, so that a wrong file fails with one sentence the user can act on instead
of a parser traceback.
"""

from __future__ import annotations

import enum
import io
import zipfile
from pathlib import Path

from editor.core.importers.model import ImportFailure

# A Compound File (OLE2) header: old .doc files and, since Office 2007, every
# password-protected .docx/.xlsx (the encrypted package is wrapped in one).
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
ODT_MIMETYPES = frozenset(
    {
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.text-template",
    }
)
# A document that unpacks to more than this is refused: a zip bomb, not an article.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

_NOT_TEXT = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"{\\rtf": "an RTF document",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
}


class FileKind(enum.Enum):
    MARKDOWN = "markdown"
    DOCX = "docx"
    ODT = "odt"
    HTML = "html"


def _zip_kind(data: bytes, path: Path) -> FileKind:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
        mimetype = archive.read("mimetype")[:200] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ImportFailure(
            path,
            None,
            f"damaged file: it looks like a .docx/.odt (zip) archive but can't be read ({exc})",
        ) from None
    except (RuntimeError, NotImplementedError) as exc:
        # Raised for encrypted zip entries and unknown compression methods.
        raise ImportFailure(path, None, f"the archive can't be opened ({exc})") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFailure(path, None, "the archive unpacks to more than 512 MB: refused")
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return FileKind.DOCX
        if any(name.startswith("xl/") for name in names):
            raise ImportFailure(path, None, "an Excel workbook, not a text document")
        if any(name.startswith("ppt/") for name in names):
            raise ImportFailure(path, None, "a PowerPoint presentation, not a text document")
        raise ImportFailure(path, None, "an Office file without a Word document inside")
    if mimetype:
        kind = mimetype.decode("ascii", "replace").strip()
        if kind in ODT_MIMETYPES:
            return FileKind.ODT
        if kind.startswith("application/vnd.oasis.opendocument."):
            what = kind.rsplit(".", 1)[-1]
            raise ImportFailure(path, None, f"an OpenDocument {what}, not a text document")
    raise ImportFailure(path, None, "a zip archive, not a .docx or .odt document")


def detect_kind(data: bytes, path: Path | str) -> FileKind:
    """The importer to use for ``data``, or an :class:`ImportFailure` saying why none."""
    path = Path(path)
    if data.startswith(OLE_SIGNATURE):
        raise ImportFailure(
            path,
            None,
            "a password-protected (encrypted) Word document or an old .doc file: "
            "remove the password or save it as .docx, then import again",
        )
    if data.startswith(ZIP_SIGNATURES):
        return _zip_kind(data, path)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        raise ImportFailure(path, None, "not a text/Markdown file: it is a WebP image")
    for magic, what in _NOT_TEXT.items():
        if data.startswith(magic):
            raise ImportFailure(path, None, f"not a text/Markdown file: it is {what}")
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" in data[:65536]:
        raise ImportFailure(path, None, "not a text/Markdown file: it contains binary data")
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(data):
        return FileKind.HTML
    return FileKind.MARKDOWN


def looks_like_html(data: bytes) -> bool:
    """True for a document that starts like a web page (a saved page or Word's .htm)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return True
    return head.startswith(b"<?xml") and b"<html" in data[:4096].lower()
