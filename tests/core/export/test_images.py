"""The image pipeline: damaged files, bombs, EXIF orientation and stripping, widths, cache."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest
from PIL import Image

from editor.core.export.errors import ImageError
from editor.core.export.images import ImagePipeline, decode_image, target_widths
from tests.core.export.conftest import make_photo

SHA = "a" * 64


def process(data: bytes, cache: Path | None = None) -> object:
    return ImagePipeline(cache).process(SHA, lambda: data, "photo.jpg")


def test_truncated_jpeg_is_a_clear_error() -> None:
    data = make_photo(800, 600)
    with pytest.raises(ImageError, match=r"photo\.jpg.*(damaged|truncated)"):
        process(data[: len(data) // 2])


def test_corrupt_png_is_a_clear_error() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50), "red").save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    data[60:70] = b"\x00" * 10  # inside IDAT: checksum no longer matches
    with pytest.raises(ImageError):
        process(bytes(data))


@pytest.mark.parametrize("data", [b"", b"not an image", b"<svg onload=alert(1)></svg>"])
def test_not_an_image(data: bytes) -> None:
    with pytest.raises(ImageError, match="photo.jpg"):
        process(data)


def test_refused_format() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "BMP")
    with pytest.raises(ImageError, match="BMP"):
        process(buffer.getvalue())


def _bomb(pixels_factor: float) -> bytes:
    """A small PNG that declares more pixels than Pillow's limit."""
    side = int((Image.MAX_IMAGE_PIXELS * pixels_factor) ** 0.5) + 1
    buffer = io.BytesIO()
    Image.new("1", (side, side)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("factor", [1.2, 2.5])
def test_image_bomb_is_refused(factor: float) -> None:
    # 1.2×: Pillow would only warn; 2.5×: Pillow raises. Both must be errors.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = _bomb(factor)
    with pytest.raises(ImageError, match="too many pixels"):
        process(data)
    assert Image.MAX_IMAGE_PIXELS == 89478485  # the limit is kept, not raised


def test_exif_orientation_applied_then_metadata_stripped() -> None:
    data = make_photo(1200, 800, orientation=6)  # rotate 90°: upright it is portrait
    result = process(data)
    for variant in result.variants:
        with Image.open(io.BytesIO(variant.data)) as image:
            assert image.height > image.width
            assert not image.getexif()
            assert "icc_profile" not in image.info and "exif" not in image.info
        assert b"SecretCamera" not in variant.data


def test_widths_and_srcset() -> None:
    result = process(make_photo(3000, 2000))
    assert [v.width for v in result.variants] == [480, 960, 1440]
    assert result.srcset("assets/").count("w, ") == 2
    assert result.best_for(900).width == 960
    for variant in result.variants:
        with Image.open(io.BytesIO(variant.data)) as image:
            assert image.format == "JPEG"
            assert image.size == (variant.width, variant.height)


def test_small_images_are_never_upscaled() -> None:
    assert target_widths(300) == [300]
    assert target_widths(800) == [480, 800]
    assert target_widths(5000) == [480, 960, 1440]


def test_transparency_gives_png() -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (600, 200), (10, 20, 30, 0)).save(buffer, "PNG")
    result = process(buffer.getvalue())
    assert all(v.media_type == "image/png" and v.name.endswith(".png") for v in result.variants)


def test_cache_hit_skips_decoding(tmp_path: Path) -> None:
    data = make_photo(1600, 1000)
    first = ImagePipeline(tmp_path)
    one = first.process(SHA, lambda: data, "x")
    assert first.cache_misses == 1

    def must_not_load() -> bytes:
        raise AssertionError("cached image was decoded again")

    second = ImagePipeline(tmp_path)
    two = second.process(SHA, must_not_load, "x")
    assert second.cache_hits == 1
    assert one == two


def test_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    data = make_photo(900, 600)
    ImagePipeline(tmp_path).process(SHA, lambda: data, "x")
    for meta in tmp_path.rglob("*.json"):
        meta.write_text("{broken")
    again = ImagePipeline(tmp_path)
    again.process(SHA, lambda: data, "x")
    assert again.cache_misses == 1


def test_decode_reports_name_safely() -> None:
    with pytest.raises(ImageError) as info:
        decode_image(b"xx", label="../../evil\nname.jpg", sha256=SHA, max_width=100)
    assert "\n" not in str(info.value)
