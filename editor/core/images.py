"""Accepting an image into the library: decode it safely and describe it.

Pillow only warns about decompression bombs below twice its pixel limit, so the
warning is turned into an error here; formats outside a short allow-list are
refused, because every exported page must display in every mail client.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from editor.core.errors import ImageRejected

ALLOWED_FORMATS = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
MAX_BYTES = 40 * 1024 * 1024
MAX_PIXELS = 80_000_000


@dataclass(frozen=True)
class ImageFacts:
    media_type: str
    width: int
    height: int


def open_image(
    data: bytes, name: str = "image", *, prepare: Callable[[Image.Image], None] | None = None
) -> Image.Image:
    """Decode ``data`` completely, or raise ImageRejected saying why in plain words.

    ``prepare`` runs on the opened image before its pixels are decoded (the
    export asks libjpeg to decode at a smaller scale there). The caller closes
    the returned image.
    """
    if not data:
        raise ImageRejected(f"{name}: the file is empty")
    if len(data) > MAX_BYTES:
        raise ImageRejected(f"{name}: the image is larger than {MAX_BYTES // 2**20} MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format or ""
                width, height = probe.size
                if fmt not in ALLOWED_FORMATS:
                    raise ImageRejected(
                        f"{name}: {fmt or 'unknown'} images are not accepted (use JPEG or PNG)"
                    )
                if width * height > MAX_PIXELS:
                    raise ImageRejected(
                        f"{name}: {width}×{height} pixels is too large for a page image"
                    )
                probe.verify()  # chunk checksums; the full decode below finds truncation
            image = Image.open(io.BytesIO(data))
            if prepare is not None:
                prepare(image)
            image.load()
            return image
    except ImageRejected:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ImageRejected(
            f"{name}: too many pixels to be processed safely, "
            f"refused as a decompression bomb ({exc})"
        ) from exc
    except UnidentifiedImageError as exc:
        raise ImageRejected(f"{name}: not an image Feuillet can read") from exc
    except (OSError, SyntaxError, ValueError, EOFError, IndexError) as exc:
        raise ImageRejected(f"{name}: the image is damaged or truncated ({exc})") from exc


def inspect_image(data: bytes, name: str = "image") -> ImageFacts:
    """Verify that ``data`` is a complete, allowed, reasonably sized picture."""
    with open_image(data, name) as image:
        return ImageFacts(ALLOWED_FORMATS[image.format or ""], *image.size)
