"""Paste cleanup (Word, LibreOffice, web pages, huge pastes) and the image flow."""

from __future__ import annotations

import io
import os
import struct
import time
import zlib

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from editor.ui.preview_page import apply_pyside_refcount_workaround  # noqa: E402

apply_pyside_refcount_workaround()

import hashlib  # noqa: E402

import pytest  # noqa: E402
from PIL import Image  # noqa: E402
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.core.images import inspect_image  # noqa: E402
from editor.ui import paste as paste_module  # noqa: E402
from editor.ui.editor_pane import EditorPane  # noqa: E402
from editor.ui.image_insert import ImageDetails  # noqa: E402

WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {mso-style-parent:"";
margin:0cm;font-family:"Calibri"} --></style></head><body lang=FR style='tab-interval:35.4pt'>
<!--StartFragment--><p class=MsoNormal style='mso-line-height-alt:12pt'><b><span
style='font-size:14pt;mso-bidi-font-family:Calibri'>Haut débit</span></b><o:p></o:p></p>
<p class=MsoNormal>Le plan <i>France Très Haut Débit</i> avance.<o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>
</span></span><![endif]>Premier point<o:p></o:p></p><!--EndFragment--></body></html>"""

LIBREOFFICE_HTML = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN"><html><head>
<meta name="generator" content="LibreOffice 7.4"/><style type="text/css">p { line-height: 115%;
margin-bottom: 0.25cm; background: transparent }</style></head><body lang="fr-FR" dir="ltr">
<h2 class="western">Conférence des villes</h2><p style="line-height: 100%; margin-bottom: 0cm">
<font face="Liberation Serif"><font size="3">Rendez-vous le <b>20 septembre</b> à
<a href="https://www.example.org/conf">Paris</a>.</font></font></p>
<ul><li><p style="margin-bottom: 0cm">inscriptions</p></li><li><p>programme</p></li></ul>
</body></html>"""

WEB_HTML = """<meta charset='utf-8'><div class="article" style="color:red" onclick="evil()">
<script>alert(1)</script><style>.x{color:red}</style><p>Selon <a href="https://lemonde.fr/a"
target="_blank" rel="noopener">Le Monde</a>, la <strong>réforme</strong> est votée.</p>
<iframe src="https://ads.example.com"></iframe><img src="https://tracker.example.com/p.gif">
<blockquote><p>Une citation.</p></blockquote></div>"""


@pytest.fixture
def pane(qtbot):  # type: ignore[no-untyped-def]
    widget = EditorPane()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    widget.load_article(1, {"title": "t", "body": ""}, 1)
    return widget


def paste_html(pane: EditorPane, html: str, text: str = "") -> str:
    mime = QMimeData()
    mime.setHtml(html)
    if text:
        mime.setText(text)
    assert pane.body_edit().canInsertFromMimeData(mime)
    pane.body_edit().insertFromMimeData(mime)
    return pane.body_edit().toPlainText()


def assert_clean(markdown: str) -> None:
    lowered = markdown.lower()
    for forbidden in ("<", "mso", "style", "o:p", "class=", "font-family", "alert("):
        assert forbidden not in lowered, (forbidden, markdown)


def test_paste_from_word(pane: EditorPane) -> None:
    text = paste_html(pane, WORD_HTML)
    assert_clean(text)
    assert "**Haut débit**" in text
    assert "*France Très Haut Débit*" in text
    assert "Premier point" in text


def test_paste_from_libreoffice(pane: EditorPane) -> None:
    text = paste_html(pane, LIBREOFFICE_HTML)
    assert_clean(text)
    assert "## Conférence des villes" in text
    assert "**20 septembre**" in text
    assert "[Paris](https://www.example.org/conf)" in text
    assert "- inscriptions" in text


def test_paste_from_web_page(pane: EditorPane) -> None:
    text = paste_html(pane, WEB_HTML)
    assert_clean(text)
    assert "[Le Monde](https://lemonde.fr/a)" in text
    assert "**réforme**" in text
    assert "> Une citation." in text
    assert "tracker" not in text and "ads.example" not in text


def test_plain_text_paste_and_own_copy(pane: EditorPane) -> None:
    mime = QMimeData()
    mime.setText("ligne 1\r\nligne **2**")
    pane.body_edit().insertFromMimeData(mime)
    assert pane.body_edit().toPlainText() == "ligne 1\nligne **2**"
    pane.body_edit().selectAll()
    copied = pane.body_edit().createMimeDataFromSelection()
    assert not copied.hasHtml()  # our own Markdown must not come back escaped
    assert copied.text() == "ligne 1\nligne **2**"


def test_huge_paste_is_bounded_and_one_undo_step(pane: EditorPane, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pane.body_edit().setPlainText("Début.")
    cursors: list[object] = []
    original = paste_module.markdown_from_mime

    def spy(mime):  # type: ignore[no-untyped-def]
        cursor = QApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor else None)
        return original(mime)

    monkeypatch.setattr("editor.ui.body_editor.markdown_from_mime", spy)
    paragraph = (
        '<p class="MsoNormal" style="mso-line-height-alt:12pt"><span>Les élus ont voté '
        "<b>hier</b> le budget primitif de la communauté.</span><o:p></o:p></p>\n"
    )
    html = "<html><body>" + paragraph * (10 * 1024 * 1024 // len(paragraph)) + "</body></html>"
    notices: list[str] = []
    pane.body_edit().sig_notice.connect(notices.append)
    cursor = pane.body_edit().textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    pane.body_edit().setTextCursor(cursor)
    started = time.perf_counter()
    text = paste_html(pane, html)
    elapsed = time.perf_counter() - started
    assert elapsed < 20, elapsed
    assert cursors == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None
    assert "<" not in text[:10000] and "Les élus ont voté" in text
    assert len(text) > 3_000_000
    assert notices  # the user is told it came in as plain text
    pane.body_edit().undo()
    assert pane.body_edit().toPlainText() == "Début."


# -- images ---------------------------------------------------------------------


def png_bytes(width: int = 8, height: int = 6) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def bomb_png() -> bytes:
    """A tiny PNG whose header claims 100,000 × 100,000 pixels."""
    data = bytearray(png_bytes(1, 1))
    ihdr = bytearray(data[16:29])
    ihdr[0:8] = struct.pack(">II", 100_000, 100_000)
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + bytes(ihdr)) & 0xFFFFFFFF)
    return bytes(data)


class FakeLibrary:
    def __init__(self) -> None:
        self.stored: list[tuple[str, str]] = []

    def add_asset(self, data: bytes, name: str, alt_text: str) -> str:
        inspect_image(data, name)  # raises ImageRejected like services.add_asset
        sha = hashlib.sha256(data).hexdigest()
        self.stored.append((sha, alt_text))
        return sha


@pytest.fixture
def library(pane: EditorPane) -> FakeLibrary:
    lib = FakeLibrary()
    pane.set_asset_handler(lib.add_asset)
    images = pane.body_edit().images
    images.ask = lambda *_a: ImageDetails("Les cadres réunis", "Séminaire à Blois", "© Ville")
    images.errors = []  # type: ignore[attr-defined]
    images.show_error = images.errors.append  # type: ignore[attr-defined]
    return lib


def test_image_data_paste_inserts_figure(pane: EditorPane, library: FakeLibrary) -> None:
    data = png_bytes()
    mime = QMimeData()
    mime.setData("image/png", data)
    pane.body_edit().insertFromMimeData(mime)
    sha = hashlib.sha256(data).hexdigest()
    assert pane.body_edit().toPlainText() == (
        f"::: figure\nimage: asset:{sha}\nalt: Les cadres réunis\ncaption: Séminaire à Blois\n"
        "credit: © Ville\n:::\n"
    )
    assert library.stored == [(sha, "Les cadres réunis")]


def test_image_file_drop_inserts_figure(pane: EditorPane, library: FakeLibrary, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "photo.png"
    path.write_bytes(png_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    body = pane.body_edit()
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    body.dropEvent(drop)
    assert "::: figure\nimage: asset:" in body.toPlainText()
    assert len(library.stored) == 1


@pytest.mark.parametrize(
    "payload", [bomb_png(), b"\x89PNG\r\n\x1a\nnot really", b"GIF89a" + b"\0" * 20]
)
def test_bad_image_shows_message_and_inserts_nothing(
    pane: EditorPane, library: FakeLibrary, payload: bytes
) -> None:
    pane.body_edit().setPlainText("Texte.")
    mime = QMimeData()
    mime.setData("image/png", payload)
    pane.body_edit().insertFromMimeData(mime)
    assert pane.body_edit().toPlainText() == "Texte."
    assert library.stored == []
    assert len(pane.body_edit().images.errors) == 1  # type: ignore[attr-defined]


def test_cancelled_alt_text_inserts_nothing(pane: EditorPane, library: FakeLibrary) -> None:
    pane.body_edit().images.ask = lambda *_a: None
    mime = QMimeData()
    mime.setData("image/png", png_bytes())
    pane.body_edit().insertFromMimeData(mime)
    assert pane.body_edit().toPlainText() == "" and library.stored == []


def test_alt_text_dialog_requires_alt(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    from editor.ui.image_insert import AltTextDialog

    dialog = AltTextDialog(None, "fr", name="photo.png")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.alt_edit.setText("Une photo")
    assert ok.isEnabled()
    assert dialog.details().alt_text == "Une photo"


def test_image_toolbar_action(pane: EditorPane, library: FakeLibrary, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.png"
    path.write_bytes(png_bytes())
    pane.pick_image_file = lambda: str(path)
    pane.format_actions()["image"].trigger()
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert pane.body_edit().toPlainText() == f"![Les cadres réunis](asset:{sha})"
    pane.body_edit().setPlainText("")
    pane.format_actions()["figure"].trigger()
    assert pane.body_edit().toPlainText().startswith("::: figure\n")
