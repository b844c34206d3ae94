"""``encode_png``: the PNG every panel sends on a move is exactly its pixels, and bad pixels are refused by name."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from helpers.png import encode_png


@pytest.mark.parametrize("channels, mode", [(3, "RGB"), (4, "RGBA")])
@pytest.mark.parametrize("shape", [(1, 1), (5, 7), (40, 3)])
def test_a_png_decodes_to_exactly_the_pixels_it_was_made_of(channels, mode, shape):
    pixels = np.random.default_rng(sum(shape)).integers(0, 256, (*shape, channels), dtype=np.uint8)
    decoded = Image.open(io.BytesIO(encode_png(pixels)))
    assert decoded.mode == mode
    assert np.array_equal(np.asarray(decoded), pixels)


def test_strided_pixels_and_reused_rows_give_the_same_png_as_fresh_ones():
    rgba = np.random.default_rng(0).integers(0, 256, (6, 9, 4), dtype=np.uint8)
    rgb = rgba[..., :3]  # a view with a stride of 4 bytes per pixel
    rows = np.full((6, 1 + 9 * 3), 77, np.uint8)  # left over from something else: every byte is rewritten
    assert encode_png(rgb, rows) == encode_png(np.ascontiguousarray(rgb))
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(encode_png(rgb, rows)))), rgb)


@pytest.mark.parametrize("pixels, error, words", [
    ([[[0, 0, 0]]], TypeError, "pixels must be a uint8 NumPy array"),
    (np.zeros((2, 2, 3)), ValueError, "got float64 of shape (2, 2, 3)"),
    (np.zeros((2, 2), np.uint8), ValueError, "(H, W, 3) or (H, W, 4)"),
    (np.zeros((2, 2, 2), np.uint8), ValueError, "got uint8 of shape (2, 2, 2)"),
    (np.zeros((0, 2, 3), np.uint8), ValueError, "H, W >= 1"),
])
def test_pixels_that_are_not_a_picture_are_refused_by_name(pixels, error, words):
    with pytest.raises(error, match="pixels") as info:
        encode_png(pixels)
    assert words in str(info.value)


@pytest.mark.parametrize("rows, words", [
    (np.zeros((2, 7), np.uint8), "rows must be a C-contiguous uint8 array of shape (2, 10)"),
    (np.zeros((2, 10)), "got float64 of shape (2, 10)"),
    (np.zeros((10, 2), np.uint8).T, "C-contiguous"),
    ([[0] * 10] * 2, "rows must be a uint8 NumPy array"),
])
def test_rows_of_the_wrong_shape_or_kind_are_refused_and_nothing_is_encoded(rows, words):
    with pytest.raises((TypeError, ValueError)) as info:
        encode_png(np.zeros((2, 3, 3), np.uint8), rows)
    assert words in str(info.value)


def test_with_or_without_isal_the_png_holds_the_same_pixels(monkeypatch):
    """ISA-L's deflate is used when the isal package is installed (requirements.txt has it); zlib's, where isal
    has no wheel, gives a PNG of the same pixels."""
    import zlib

    import isal.isal_zlib

    from helpers import png

    assert png._deflate is isal.isal_zlib.compress
    pixels = np.random.default_rng(1).integers(0, 4, (30, 50, 3), dtype=np.uint8) * 60  # flat, compressible
    fast = encode_png(pixels)
    monkeypatch.setattr(png, "_deflate", zlib.compress)
    plain = encode_png(pixels)
    for made in (fast, plain):
        assert np.array_equal(np.asarray(Image.open(io.BytesIO(made))), pixels)
