"""Images pasted, dropped or picked into the body: check the file, describe it, store it.

The file is checked first (``inspect_image``, the same check the library runs),
so nobody types a description, a caption and a credit for a picture that is
then refused and the typing lost. Every published image needs an alternative
text, so the flow then asks for it (required); caption and credit are optional
and only asked for a figure. The bytes finally go to the asset handler the
window provides (``services.add_asset``). A refusal is shown in the user's
language (:func:`rejection_text`) and inserts nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.errors import FeuilletError, ImageRejected
from editor.core.images import inspect_image
from editor.ui.i18n import lookup
from editor.ui.markdown_actions import figure_block, inline_image, insert_block, tr

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
# Formats kept as the clipboard gives them (no re-encoding), in preference order.
RAW_IMAGE_FORMATS = ("image/png", "image/jpeg", "image/gif", "image/webp")
# Reading more than this from a dropped file is pointless: the core refuses it anyway.
MAX_READ = 41 * 1024 * 1024

AssetHandler = Callable[[bytes, str, str], str]

# The core's ImageRejected carries an English sentence and no reason code, so
# the reason is read off the message: each pattern is a stable phrase of
# editor.core.images.inspect_image (tests/ui/test_image_insert.py pins them).
# Anything unrecognised falls back to "other", which shows the core's detail.
_REJECTION_PATTERNS = (
    ("empty", re.compile(r"\bfile is empty\b", re.IGNORECASE)),
    ("bomb", re.compile(r"decompression bomb", re.IGNORECASE)),
    ("too_large", re.compile(r"larger than (?P<limit>\d+)\s*MB", re.IGNORECASE)),
    ("too_many_pixels", re.compile(r"(?P<width>\d+)\s*[×x]\s*(?P<height>\d+) pixels", re.I)),
    ("not_image", re.compile(r"not an image", re.IGNORECASE)),
    ("damaged", re.compile(r"damaged|truncated", re.IGNORECASE)),
    ("format", re.compile(r"(?P<format>\S+) images are not accepted", re.IGNORECASE)),
)


@dataclass(frozen=True)
class ImageDetails:
    alt_text: str
    caption: str = ""
    credit: str = ""


class AltTextDialog(QDialog):
    """Asks for the alt text (OK stays disabled until there is one), caption and credit."""

    def __init__(
        self,
        parent: QWidget | None,
        lang: str,
        *,
        name: str,
        default_alt: str = "",
        with_caption: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("alt_title", lang))
        layout = QVBoxLayout(self)
        hint = QLabel(tr("alt_hint", lang))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        if name:
            layout.addWidget(QLabel(name))
        form = QFormLayout()
        self.alt_edit = QLineEdit(default_alt)
        self.caption_edit = QLineEdit()
        self.credit_edit = QLineEdit()
        form.addRow(tr("alt_text", lang), self.alt_edit)
        if with_caption:
            form.addRow(tr("caption", lang), self.caption_edit)
            form.addRow(tr("image_credit", lang), self.credit_edit)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.alt_edit.textChanged.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.alt_edit.text().strip()))

    def details(self) -> ImageDetails:
        return ImageDetails(
            self.alt_edit.text().strip(),
            self.caption_edit.text().strip(),
            self.credit_edit.text().strip(),
        )


def ask_details(
    parent: QWidget | None, lang: str, name: str, default_alt: str, with_caption: bool
) -> ImageDetails | None:
    """The default way to ask: a modal AltTextDialog."""
    dialog = AltTextDialog(
        parent, lang, name=name, default_alt=default_alt, with_caption=with_caption
    )
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        details = dialog.details()
        return details if details.alt_text else None
    finally:
        dialog.deleteLater()


def images_from_mime(mime: QMimeData) -> list[tuple[bytes, str]]:
    """Image bytes and names carried by ``mime``: local image files first, then
    raw image data, then a decoded QImage re-encoded as PNG."""
    found: list[tuple[bytes, str]] = []
    if mime.hasUrls():
        for url in mime.urls():
            path = Path(url.toLocalFile()) if url.isLocalFile() else None
            if path is not None and path.suffix.lower() in IMAGE_SUFFIXES and path.is_file():
                with path.open("rb") as handle:
                    found.append((handle.read(MAX_READ), path.name))
        if found:
            return found
    for fmt in RAW_IMAGE_FORMATS:
        if mime.hasFormat(fmt):
            data = bytes(mime.data(fmt).data())
            if data:
                return [(data, "image." + fmt.split("/")[1])]
    if mime.hasImage():
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            return [(_png_bytes(image), "image.png")]
    return []


def mime_has_image(mime: QMimeData) -> bool:
    if mime.hasImage() or any(mime.hasFormat(f) for f in RAW_IMAGE_FORMATS):
        return True
    return mime.hasUrls() and any(
        url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES
        for url in mime.urls()
    )


def _png_bytes(image: QImage) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(array.data())


def rejection_reason(message: str) -> tuple[str, dict[str, str]]:
    """The catalogue reason (``editor.image_rejected.<reason>``) of an ImageRejected
    message, and the values its text needs; ``("other", {})`` when unrecognised."""
    # The earliest phrase wins: Pillow's own words, quoted in parentheses at the
    # end of some messages ("damaged (… 90000x90000 pixels …)"), must not decide.
    hits = [(m.start(), reason, m) for reason, p in _REJECTION_PATTERNS if (m := p.search(message))]
    if not hits:
        return "other", {}
    _start, reason, found = min(hits, key=lambda hit: hit[0])
    return reason, {k: v for k, v in found.groupdict().items() if v is not None}


def rejection_text(exc: Exception, name: str, lang: str) -> str:
    """What to tell the user about a refused image, in ``lang``."""
    message = str(exc)
    detail = message[len(name) + 2 :] if name and message.startswith(f"{name}: ") else message
    reason, values = rejection_reason(detail)
    text = lookup(f"editor.image_rejected.{reason}", lang, name=name or "image",
                  detail=detail, **values)  # fmt: skip
    return message if text.startswith("editor.") else text


class ImageInserter:
    """The image flow of one editor; the dialog and the error box are replaceable
    (tests put fakes in ``ask`` and ``show_error``)."""

    def __init__(self, editor: QPlainTextEdit, lang: Callable[[], str]) -> None:
        self._editor = editor
        self._lang = lang
        self.handler: AssetHandler | None = None
        self.ask: Callable[[QWidget | None, str, str, str, bool], ImageDetails | None] = ask_details
        self.show_error: Callable[[str], None] = self._message_box

    def _message_box(self, message: str) -> None:
        QMessageBox.warning(self._editor, tr("image_refused", self._lang()), message)

    def insert_images(self, images: list[tuple[bytes, str]], kind: str = "figure") -> int:
        """Ask, store and insert each image; returns how many were inserted."""
        inserted = 0
        for data, name in images:
            inserted += self.insert_one(data, name, kind)
        return inserted

    def insert_one(self, data: bytes, name: str, kind: str = "figure") -> bool:
        if self.handler is None:
            self.show_error(tr("no_asset_handler", self._lang()))
            return False
        try:  # before asking anything: a refused file must not cost any typing
            inspect_image(data, name)
        except ImageRejected as exc:
            self.show_error(rejection_text(exc, name, self._lang()))
            return False
        selection = self._editor.textCursor().selectedText().replace("\u2029", " ").strip()
        details = self.ask(self._editor, self._lang(), name, selection, kind == "figure")
        if details is None or not details.alt_text.strip():
            return False
        try:
            sha = self.handler(data, name, details.alt_text)
        except ImageRejected as exc:  # the library's own check (same rules, seldom reached)
            self.show_error(rejection_text(exc, name, self._lang()))
            return False
        except FeuilletError as exc:  # storage errors carry a user message
            self.show_error(str(exc))
            return False
        if kind == "figure":
            insert_block(
                self._editor, figure_block(sha, details.alt_text, details.caption, details.credit)
            )
        else:
            cursor = self._editor.textCursor()
            cursor.insertText(inline_image(sha, details.alt_text))
            self._editor.setTextCursor(cursor)
        return True
