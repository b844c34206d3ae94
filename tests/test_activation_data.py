"""The photo shipped in data/ for notebook 04 loads, relative to the package, as a grayscale image."""

import numpy as np

from helpers.datasets import load_grace_hopper


def test_photo_loads_as_grayscale_in_unit_range():
    img = load_grace_hopper()
    assert img.shape == (300, 256) and img.dtype == np.float64
    assert 0.0 <= img.min() < 0.1 and 0.9 < img.max() <= 1.0
    assert img.std() > 0.1  # a picture, not a flat field
