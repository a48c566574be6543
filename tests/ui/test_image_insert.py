"""The image flow checks the file before asking anything, and refuses in the user's language."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib

import pytest
from PIL import Image
from PySide6.QtWidgets import QPlainTextEdit

from editor.core.errors import ImageRejected, StorageFull
from editor.core.images import inspect_image
from editor.ui.image_insert import ImageDetails, ImageInserter, rejection_reason, rejection_text


def image_bytes(fmt: str = "PNG", width: int = 8, height: int = 6) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 200)).save(buffer, fmt)
    return buffer.getvalue()


def bomb_png() -> bytes:
    """A tiny PNG whose header claims 100,000 × 100,000 pixels."""
    data = bytearray(image_bytes("PNG", 1, 1))
    ihdr = bytearray(data[16:29])
    ihdr[0:8] = struct.pack(">II", 100_000, 100_000)
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + bytes(ihdr)) & 0xFFFFFFFF)
    return bytes(data)


class Flow:
    """An ImageInserter with a recording dialog, error box and library."""

    def __init__(self, editor: QPlainTextEdit, language: str = "fr") -> None:
        self.inserter = ImageInserter(editor, lambda: language)
        self.asked: list[str] = []
        self.errors: list[str] = []
        self.stored: list[str] = []
        self.inserter.ask = self._ask
        self.inserter.show_error = self.errors.append
        self.inserter.handler = self._store

    def _ask(self, _parent, _lang, name, _default, _figure):  # type: ignore[no-untyped-def]
        self.asked.append(name)
        return ImageDetails("La salle du conseil", "Séance du 7 août", "© Ville de Blois")

    def _store(self, data: bytes, name: str, _alt: str) -> str:
        inspect_image(data, name)
        self.stored.append(name)
        return hashlib.sha256(data).hexdigest()


@pytest.fixture
def editor(qtbot) -> QPlainTextEdit:  # type: ignore[no-untyped-def]
    widget = QPlainTextEdit()
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b"", "photo.png : le fichier est vide."),
        (b"Ceci n'est pas une image", "ce fichier n’est pas une image"),
        (image_bytes()[:60], "endommagée ou incomplète"),
        (bomb_png(), "bombe de décompression"),
        (image_bytes("BMP"), "les images BMP ne sont pas acceptées"),
    ],
)
def test_a_refused_file_is_refused_before_any_question(
    editor: QPlainTextEdit, payload: bytes, expected: str
) -> None:
    flow = Flow(editor)
    editor.setPlainText("Texte.")
    assert flow.inserter.insert_one(payload, "photo.png") is False
    assert flow.asked == []  # nothing typed, nothing lost
    assert flow.stored == [] and editor.toPlainText() == "Texte."
    assert len(flow.errors) == 1 and expected in flow.errors[0]
    assert flow.errors[0].startswith("photo.png")


def test_refusals_in_english(editor: QPlainTextEdit) -> None:
    flow = Flow(editor, "en")
    flow.inserter.insert_one(image_bytes("BMP"), "scan.bmp")
    assert flow.errors == ["scan.bmp: BMP images are not accepted (use JPEG or PNG)."]


def test_a_good_file_is_described_then_stored(editor: QPlainTextEdit) -> None:
    flow = Flow(editor)
    data = image_bytes("JPEG")
    assert flow.inserter.insert_one(data, "salle.jpg") is True
    assert flow.asked == ["salle.jpg"] and flow.stored == ["salle.jpg"]
    sha = hashlib.sha256(data).hexdigest()
    assert f"image: asset:{sha}\nalt: La salle du conseil\n" in editor.toPlainText()


def test_a_storage_failure_after_the_description_shows_the_core_message(
    editor: QPlainTextEdit,
) -> None:
    flow = Flow(editor)

    def full(_data: bytes, _name: str, _alt: str) -> str:
        raise StorageFull("the disk is full; the change was not written")

    flow.inserter.handler = full
    assert flow.inserter.insert_one(image_bytes(), "photo.png") is False
    assert flow.errors == ["the disk is full; the change was not written"]
    assert editor.toPlainText() == ""


@pytest.mark.parametrize(
    ("message", "reason", "values"),
    [
        ("x.png: the image is larger than 40 MB", "too_large", {"limit": "40"}),
        (
            "x.png: 12000×9000 pixels is too large for a page image",
            "too_many_pixels",
            {"width": "12000", "height": "9000"},
        ),  # fmt: skip
        ("x.png: the image is damaged or truncated (cannot identify 10x10 pixels)", "damaged", {}),
        ("x.png: refused as a decompression bomb (Image size exceeds limit)", "bomb", {}),
        ("x.png: TIFF images are not accepted (use JPEG or PNG)", "format", {"format": "TIFF"}),
        ("x.png: something new the core says", "other", {}),
    ],
)
def test_reason_is_read_off_the_core_message(message: str, reason: str, values: dict) -> None:  # type: ignore[type-arg]
    assert rejection_reason(message) == (reason, values)


def test_unknown_reason_falls_back_to_the_core_detail() -> None:
    exc = ImageRejected("x.png: a reason Feuillet does not know yet")
    assert rejection_text(exc, "x.png", "fr") == (
        "x.png : image refusée (a reason Feuillet does not know yet)."
    )
    too_big = ImageRejected("x.png: 12000×9000 pixels is too large for a page image")
    assert "12000 × 9000 pixels" in rejection_text(too_big, "x.png", "en")


def test_editor_pane_picked_file_is_checked_before_the_dialog(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from editor.ui.editor_pane import EditorPane

    pane = EditorPane()
    qtbot.addWidget(pane)
    pane.set_asset_handler(lambda data, name, _alt: hashlib.sha256(data).hexdigest())
    images = pane.body_edit().images
    asked: list[str] = []
    errors: list[str] = []
    images.ask = lambda *args: asked.append(args[2])  # type: ignore[func-returns-value]
    images.show_error = errors.append
    path = tmp_path / "faux.png"
    path.write_bytes(b"<html>pas une image</html>")
    pane.pick_image_file = lambda: str(path)
    pane.format_actions()["figure"].trigger()
    assert asked == [] and len(errors) == 1 and "faux.png" in errors[0]
