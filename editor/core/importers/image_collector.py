"""Gathering the pictures of an imported document, safely.

Each picture goes through the library's own acceptance test
(:func:`editor.core.images.inspect_image`: Pillow verify, re-open and decode,
bombs refused, PNG/JPEG/GIF/WebP only), so an import can never store an image
that the library would have refused. A bad picture costs a warning, never the
whole import.
"""

from __future__ import annotations

import base64
import binascii
import re

from editor.core.errors import ImageRejected
from editor.core.images import inspect_image
from editor.core.importers.model import ImportedImage

_DATA_URI = re.compile(
    r"^data:(image/[\w.+-]+)?(;[\w=.+-]+)*?;base64,(.*)$", re.DOTALL | re.IGNORECASE
)


class ImageCollector:
    """Verified images of one document, deduplicated by content."""

    def __init__(self, warnings: list[str]) -> None:
        self.warnings = warnings
        self.images: list[ImportedImage] = []
        self._refs: dict[str, str] = {}

    def add(self, data: bytes, name: str, alt_text: str = "") -> str | None:
        """The ``asset:<sha256>`` reference for ``data``, or None when refused."""
        try:
            facts = inspect_image(data, name)
        except ImageRejected as exc:
            self.warnings.append(f"image dropped: {exc}")
            return None
        image = ImportedImage(
            data=data, media_type=facts.media_type, original_name=name, alt_text=alt_text
        )
        ref = image.asset_ref
        if ref not in self._refs:
            self._refs[ref] = name
            self.images.append(image)
        return ref

    def add_data_uri(self, uri: str, name: str, alt_text: str = "") -> str | None:
        """Like :meth:`add` for an inline ``data:image/…;base64,`` picture."""
        match = _DATA_URI.match(uri.strip())
        if match is None:
            self.warnings.append(f"image dropped: {name}: not a base64 data URI")
            return None
        try:
            data = base64.b64decode(re.sub(r"\s+", "", match.group(3)), validate=True)
        except (binascii.Error, ValueError):
            self.warnings.append(f"image dropped: {name}: damaged base64 data")
            return None
        return self.add(data, name, alt_text)
