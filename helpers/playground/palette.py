"""The playground's colour scales (NumPy only): values on the -1 .. +1 scale, class probabilities and the
data points' labels as uint8 RGB arrays, for :mod:`helpers.playground.picture` to paste into its frame.

Orange is positive (class 1, a positive weight), blue negative (class 0), white 0; classes 2 and 3 are
green and purple (:data:`PALETTE`).
"""

from __future__ import annotations

import numpy as np

from helpers.picture_basics import CLASS_COLORS, PROBABILITY_CMAP
from helpers.validation import as_bool, as_float_array, as_int, as_labels

LUT = (255 * PROBABILITY_CMAP(np.linspace(0, 1, 256))[:, :3]).astype(np.uint8)  # value -1..1 -> colour
POSITIVE, NEGATIVE = CLASS_COLORS[1], CLASS_COLORS[0]
#: Strong colours for the data points (the heatmaps use light ones): blue (-1) through grey (0) to orange (+1).
_GREY = (150, 150, 150)
POINT_LUT = np.concatenate([np.linspace([int(NEGATIVE[k:k + 2], 16) for k in (1, 3, 5)], _GREY, 128),
                            np.linspace(_GREY, [int(POSITIVE[k:k + 2], 16) for k in (1, 3, 5)], 128)])


#: The classes' strong colours (points), in order 0-3: the binary blue and orange, then green and purple.
PALETTE = np.array([[0x00, 0x72, 0xB2], [0xE6, 0x9F, 0x00], [0x00, 0x9E, 0x73], [0xCC, 0x79, 0xA7]], np.uint8)
#: Per class, 256 shades from white (as unsure as can be) to the class's light colour (sure): (4, 256, 3).
CLASS_LUT = np.stack([np.linspace([255.0] * 3, light, 256) for light in
                      (LUT[0], LUT[-1], 0.75 * PALETTE[2] + 64, 0.75 * PALETTE[3] + 64)]).astype(np.uint8)


def class_colours(p: np.ndarray, discretize: bool = False) -> np.ndarray:
    """Class probabilities ``p`` (..., K) -> uint8 RGB (..., 3): the winning class's colour, from white when
    it wins by a hair (probability 1/K) to its full light colour when it is sure (probability 1); with
    ``discretize``, always the full colour. NaN counts as probability 0."""
    p, discretize = as_float_array(p, "p", allow_nan=True), as_bool(discretize, "discretize")
    if p.ndim == 0 or not 2 <= p.shape[-1] <= len(PALETTE):
        raise ValueError(f"p must hold 2 to {len(PALETTE)} class probabilities along its last axis, got shape "
                         f"{p.shape}")
    p = np.nan_to_num(p, nan=0.0)
    k = p.shape[-1]
    winner = np.argmax(p, axis=-1)
    if discretize:
        return CLASS_LUT[winner, 255]
    sure = (np.max(p, axis=-1) - 1.0 / k) * (k / (k - 1.0))
    return CLASS_LUT[winner, np.clip(sure * 255.0, 0, 255).astype(np.intp)]


def label_colours(y: np.ndarray, n_classes: int | None) -> np.ndarray:
    """The points' strong uint8 RGB colours (N, 3): by class for labels ``y`` (N,) of ``n_classes`` classes,
    or on the blue-grey-orange scale for regression targets in [-1, 1] (``n_classes=None``)."""
    if n_classes is None:
        return point_colours(as_float_array(y, "y", ndim=1))
    n_classes = as_int(n_classes, "n_classes", low=2, high=len(PALETTE))
    return PALETTE[as_labels(y, "y", n_classes=n_classes)]


def point_colours(values: np.ndarray) -> np.ndarray:
    """Values on the -1 .. +1 scale -> the points' strong uint8 RGB colours (N, 3), blue through orange."""
    index = np.clip((as_float_array(values, "values", ndim=1) + 1.0) * 127.5, 0, 255).astype(np.intp)
    return POINT_LUT[index].astype(np.uint8)


def colours(values: np.ndarray) -> np.ndarray:
    """Values (any shape) on the -1 .. +1 scale -> uint8 RGB colours, shape ``values.shape + (3,)`` (NaN: white)."""
    values = np.nan_to_num(as_float_array(values, "values", allow_nan=True))
    index = np.clip((values + 1.0) * 127.5, 0, 255).astype(np.intp)
    return LUT[index]
