"""The image pipeline: verify, re-encode, resize to responsive widths, cache.

Every published image is decoded and re-encoded by Pillow, never copied: a
truncated file or an image bomb fails here with a clear message instead of in
a reader's mail client, EXIF orientation is applied, then every metadata block
(EXIF with GPS position, XMP, ICC, comments) is dropped. Pillow only *warns* on
bombs below twice ``Image.MAX_IMAGE_PIXELS`` (which is left at its default),
so that warning is turned into an error.

Resized variants are cached by content hash + width + format (and a pipeline
version, bumped whenever encoding settings change) so that re-exporting an
unchanged issue only copies bytes.
"""

from __future__ import annotations

import io
import json
import math
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from editor.core.errors import ImageRejected
from editor.core.export.errors import ImageError
from editor.core.images import open_image

PIPELINE_VERSION = 2
DEFAULT_WIDTHS = (480, 960, 1440)
JPEG_QUALITY = 82
_EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class ImageVariant:
    """One re-encoded width of an image, named by content so names never clash."""

    name: str
    width: int
    height: int
    media_type: str
    data: bytes


@dataclass(frozen=True)
class ProcessedImage:
    """All widths of one source image, smallest first."""

    sha256: str
    width: int
    height: int
    variants: tuple[ImageVariant, ...]

    def best_for(self, width: int) -> ImageVariant:
        """The smallest variant at least ``width`` wide, else the largest one."""
        for variant in self.variants:
            if variant.width >= width:
                return variant
        return self.variants[-1]

    def srcset(self, prefix: str) -> str:
        return ", ".join(f"{prefix}{v.name} {v.width}w" for v in self.variants)


def target_widths(source_width: int, widths: tuple[int, ...] = DEFAULT_WIDTHS) -> list[int]:
    """Widths to produce, never upscaling: a 800 px source gives [480, 800]."""
    chosen = [w for w in sorted(widths) if w < source_width]
    if not chosen or source_width <= max(widths):
        chosen.append(min(source_width, max(widths)))
    return sorted(set(chosen))


def _describe(label: str, sha256: str) -> str:
    name = label.replace("\n", " ").strip()[:80]
    return f"Image {name!r} ({sha256[:12]})" if name else f"Image {sha256[:12]}"


def decode_image(data: bytes, *, label: str, sha256: str, max_width: int) -> Image.Image:
    """Decode and fully load ``data``, upright, or raise ImageError saying why.

    The checks are the library's own (:func:`editor.core.images.open_image`);
    only the draft decoding of large JPEGs is the export's.
    """
    what = _describe(label, sha256)

    def prepare(image: Image.Image) -> None:
        if image.format == "JPEG":
            _request_draft(image, max_width)

    try:
        image = open_image(data, what, prepare=prepare)
    except ImageRejected as exc:
        raise ImageError(f"{exc}.") from exc
    try:
        return ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, EOFError, IndexError) as exc:
        raise ImageError(f"{what}: the image is damaged or truncated ({exc}).") from exc


def _request_draft(image: Image.Image, max_width: int) -> None:
    """Let libjpeg decode at 1/2, 1/4… scale when even the largest width is smaller.

    Upright width may be the stored height (EXIF orientation 5–8), hence the swap.
    """
    width, height = image.size
    rotated = image.getexif().get(_EXIF_ORIENTATION, 1) in (5, 6, 7, 8)
    upright_width = height if rotated else width
    if upright_width <= max_width:
        return
    scale = max_width / upright_width
    image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _encode(image: Image.Image, fmt: str) -> bytes:
    image.info = {}  # resize() copies info (ICC, EXIF, comments): drop it all
    buffer = io.BytesIO()
    if fmt == "JPEG":
        # baseline, not progressive: progressive encoding costs 3–4× the time here
        image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    else:
        image.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


def make_variants(
    image: Image.Image, sha256: str, widths: tuple[int, ...] = DEFAULT_WIDTHS
) -> ProcessedImage:
    """Re-encode ``image`` at each target width; alpha → PNG, anything else → JPEG."""
    alpha = _has_alpha(image)
    fmt, ext, media_type = ("PNG", "png", "image/png") if alpha else ("JPEG", "jpg", "image/jpeg")
    work = image.convert("RGBA" if alpha else "RGB")
    source_width, source_height = image.size
    variants: list[ImageVariant] = []
    current = work
    for width in sorted(target_widths(source_width, widths), reverse=True):
        height = max(1, round(current.height * width / current.width))
        if (width, height) != current.size:
            # from the previous, larger variant: much cheaper than from the source;
            # bicubic is half the cost of Lanczos for no visible loss when reducing
            current = current.resize((width, height), Image.Resampling.BICUBIC)
        else:
            current = current.copy()  # never clear the info of the caller's image
        name = f"{sha256[:20]}-{width}.{ext}"
        variants.append(ImageVariant(name, width, height, media_type, _encode(current, fmt)))
    variants.reverse()
    largest = variants[-1]
    return ProcessedImage(sha256, largest.width, largest.height, tuple(variants))


class ImagePipeline:
    """Processes the images of one export, with an optional on-disk cache.

    Thread-safe: the exporter runs it in a small thread pool, Pillow releasing
    the GIL while it decodes, resizes and encodes.
    """

    def __init__(self, cache_dir: Path | None = None, widths: tuple[int, ...] = DEFAULT_WIDTHS):
        self._cache = Path(cache_dir) / f"images-v{PIPELINE_VERSION}" if cache_dir else None
        self._widths = widths
        self._lock = threading.Lock()
        self.cache_hits = 0
        self.cache_misses = 0

    def process(self, sha256: str, load: Callable[[], bytes], label: str = "") -> ProcessedImage:
        cached = self._read_cache(sha256)
        if cached is not None:
            with self._lock:
                self.cache_hits += 1
            return cached
        image = decode_image(load(), label=label, sha256=sha256, max_width=max(self._widths))
        processed = make_variants(image, sha256, self._widths)
        self._write_cache(processed)
        with self._lock:
            self.cache_misses += 1
        return processed

    def _entry_dir(self, sha256: str) -> Path | None:
        if self._cache is None or len(sha256) < 2 or not sha256.isalnum():
            return None
        return self._cache / sha256[:2]

    def _read_cache(self, sha256: str) -> ProcessedImage | None:
        folder = self._entry_dir(sha256)
        if folder is None:
            return None
        try:
            meta = json.loads((folder / f"{sha256}.json").read_text(encoding="utf-8"))
            variants = tuple(
                ImageVariant(
                    v["name"],
                    int(v["width"]),
                    int(v["height"]),
                    v["media_type"],
                    (folder / v["name"]).read_bytes(),
                )
                for v in meta["variants"]
            )
            return ProcessedImage(sha256, int(meta["width"]), int(meta["height"]), variants)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged entry: process again and rewrite it

    def _write_cache(self, processed: ProcessedImage) -> None:
        folder = self._entry_dir(processed.sha256)
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for variant in processed.variants:
                _atomic_write(folder / variant.name, variant.data)
            meta = {
                "width": processed.width,
                "height": processed.height,
                "variants": [
                    {
                        "name": v.name,
                        "width": v.width,
                        "height": v.height,
                        "media_type": v.media_type,
                    }
                    for v in processed.variants
                ],
            }
            # the index goes last: a reader never sees it before the files it lists
            _atomic_write(folder / f"{processed.sha256}.json", json.dumps(meta).encode())
        except OSError:
            pass  # a cache that cannot be written only costs speed


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
