"""Word and LibreOffice documents: what survives, what is dropped, and bad files."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from editor.core.importers.batch import import_bytes
from editor.core.importers.detect import OLE_SIGNATURE
from editor.core.importers.model import ImportFailure
from tests.core.importers.fixtures import (
    bmp_bytes,
    build_docx,
    build_odt,
    docx_media_names,
    encrypted_odt,
    png_bytes,
    replace_zip_member,
    truncated_png,
)

EXPECTED_BODY = """\
La démarche **participative** qui a associé la ville et *Agglopolys* a pris plus d'un an.

## Le haut débit

### Une priorité

- Premier point
- Second point
"""


@pytest.fixture(params=["docx", "odt"])
def kind(request: pytest.FixtureRequest) -> str:
    return request.param


def build(kind: str, **options: object) -> bytes:
    return build_docx(**options) if kind == "docx" else build_odt(**options)


def test_every_element_survives_and_the_noise_does_not(kind: str) -> None:
    image = png_bytes()
    article = import_bytes(build(kind, image=image), Path(f"article.{kind}"))
    body = article.body_markdown
    assert article.title == "Projet d'administration mutualisé"
    assert body.startswith(EXPECTED_BODY)
    assert "1. Étape un\n2. Étape deux\n" in body
    assert "Source : [La Gazette des communes](https://www.lagazettedescommunes.com/)" in body
    assert "| Date | Lieu |\n| --- | --- |\n| 20 septembre | Paris |" in body
    # Tracked changes: the deletion is gone, the insertion is plain text.
    assert "Le texte inséré" in body and "supprimé" not in body
    # Comments, fonts, colours and empty paragraphs leave no trace.
    assert "Commentaire" not in body
    assert not re.search(r"Comic|#ff0000|FF0000|<|style|\n\n\n", body, re.IGNORECASE)
    sha = hashlib.sha256(image).hexdigest()
    assert f"![](asset:{sha})" in body
    assert [(i.media_type, i.sha256) for i in article.images] == [("image/png", sha)]
    assert article.images[0].data == image
    assert article.warnings == []


def test_nested_list_in_odt() -> None:
    body = import_bytes(build_odt(), Path("a.odt")).body_markdown
    assert "- Second point\n    - Sous-point\n" in body


def test_metadata_title_and_keywords_when_no_heading(kind: str) -> None:
    article = import_bytes(
        build(kind, with_heading=False, title_metadata="Titre des propriétés"), Path(f"x.{kind}")
    )
    assert article.title == "Titre des propriétés"
    assert "Mutualisation" in article.tags


def test_leading_heading_wins_over_metadata(kind: str) -> None:
    article = import_bytes(build(kind, title_metadata="Document1"), Path(f"x.{kind}"))
    assert article.title == "Projet d'administration mutualisé"
    assert "# Projet" not in article.body_markdown


def test_truncated_image_is_dropped_with_a_warning_docx() -> None:
    document = build_docx(image=png_bytes(64, 64))
    (media,) = docx_media_names(document)
    damaged = replace_zip_member(document, media, truncated_png())
    article = import_bytes(damaged, Path("a.docx"))
    assert article.images == []
    assert "asset:" not in article.body_markdown
    assert any("damaged or truncated" in warning for warning in article.warnings)
    assert "Premier point" in article.body_markdown


@pytest.mark.parametrize("picture", [truncated_png(), bmp_bytes(), b"not an image"])
def test_bad_images_are_dropped_with_a_warning_odt(picture: bytes) -> None:
    article = import_bytes(build_odt(image=picture), Path("a.odt"))
    assert article.images == [] and "asset:" not in article.body_markdown
    assert len(article.warnings) == 1 and "image dropped" in article.warnings[0]


def test_word_detected_by_content_not_extension(tmp_path: Path) -> None:
    article = import_bytes(build_docx(), Path("renamed.txt"))
    assert article.title == "Projet d'administration mutualisé"
    article = import_bytes(build_odt(), Path("renamed.md"))
    assert "Premier point" in article.body_markdown


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            OLE_SIGNATURE + b"\x00" * 504,
            "password-protected (encrypted) Word document or an old .doc",
        ),
        (encrypted_odt(), "password-protected OpenDocument file"),
        (b"PK\x03\x04" + b"\x00" * 60, "damaged file"),
        (build_docx()[:3000], "damaged file"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not a text/Markdown file: it is a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "not a text/Markdown file: it is a PDF file"),
        (b"\x00\x01\x02binary\xff", "not a text/Markdown file: it contains binary data"),
    ],
)
def test_unreadable_files_fail_clearly(data: bytes, message: str) -> None:
    with pytest.raises(ImportFailure) as caught:
        import_bytes(data, Path("article.docx"))
    assert str(caught.value).startswith("article.docx: ")
    assert message in str(caught.value)


def test_damaged_document_xml_fails_clearly() -> None:
    broken = replace_zip_member(build_docx(), "word/document.xml", b"<w:document><w:body>")
    with pytest.raises(ImportFailure, match="damaged Word document"):
        import_bytes(broken, Path("a.docx"))
    broken = replace_zip_member(build_odt(), "content.xml", b"<office:document-content")
    with pytest.raises(ImportFailure, match="damaged OpenDocument"):
        import_bytes(broken, Path("a.odt"))


def test_other_office_files_are_named() -> None:
    spreadsheet = replace_zip_member(
        build_odt(), "mimetype", b"application/vnd.oasis.opendocument.spreadsheet"
    )
    with pytest.raises(ImportFailure, match="an OpenDocument spreadsheet, not a text document"):
        import_bytes(spreadsheet, Path("a.ods"))
