"""Small data sets: truth tables (notebook 01) and, as the course grows, toy data and loaders for data/.

Nothing here downloads anything: generated data is computed, file data ships in ``data/``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

#: The four input pairs of a two-input gate, in truth-table order: shape (4, 2).
GATE_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])

#: Each gate's definition, independent of any perceptron: name -> function of two boolean arrays.
_LOGIC = {
    "AND": lambda a, b: a & b,
    "NAND": lambda a, b: ~(a & b),
    "OR": lambda a, b: a | b,
    "NOR": lambda a, b: ~(a | b),
    "XOR": lambda a, b: a ^ b,
}

#: The gates a truth table can be asked for.
GATE_NAMES = tuple(_LOGIC)


def truth_table(gate: str) -> tuple[np.ndarray, np.ndarray]:
    """The truth table of a two-input logic gate.

    Args:
        gate: one of ``"AND"``, ``"NAND"``, ``"OR"``, ``"NOR"``, ``"XOR"`` (case-insensitive).

    Returns:
        ``(X, y)``: inputs of shape ``(4, 2)`` and the 0/1 outputs of shape ``(4,)``, both int.
    """
    if not isinstance(gate, str) or gate.upper() not in _LOGIC:
        raise ValueError(f"gate must be one of {', '.join(GATE_NAMES)}, got {gate!r}")
    a, b = GATE_INPUTS[:, 0].astype(bool), GATE_INPUTS[:, 1].astype(bool)
    return GATE_INPUTS.copy(), _LOGIC[gate.upper()](a, b).astype(int)


DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load_digits(flatten: bool = True, scale: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The 8×8 handwritten digits (UCI, CC BY 4.0) shipped in ``data/digits.npz``: 1,797 images, 10 classes.

    Args:
        flatten: return images as rows of 64 pixels, shape ``(1797, 64)``; else ``(1797, 8, 8)``.
        scale: divide pixels by 16 so they lie in [0, 1] (float64); else the raw integers 0..16.

    Returns:
        ``(X, y)``: the images and the labels 0..9 of shape ``(1797,)`` (int64).
    """
    with np.load(DATA_DIR / "digits.npz", allow_pickle=False) as data:
        images, labels = data["images"], data["labels"]
    X = images.astype(np.float64) / 16.0 if scale else images.astype(np.int64)
    if flatten:
        X = X.reshape(len(X), -1)
    return X, labels.astype(np.int64)


def load_grace_hopper() -> np.ndarray:
    """The public-domain portrait of Grace Hopper in ``data/`` (licence in ``data/README.md``).

    Returns:
        a grayscale image as float64 in [0, 1], shape ``(300, 256)`` (height, width).
    """
    from PIL import Image

    path = DATA_DIR / "grace_hopper_gray.jpg"
    if not path.exists():
        raise FileNotFoundError(f"the course's photo is missing: expected {path.name} in the data/ folder")
    with Image.open(path) as image:
        return np.asarray(image.convert("L"), dtype=np.float64) / 255.0


def load_river_song() -> str:
    """The short text of notebook 07's character-level RNN (``data/rnn_river_song.txt``, 11 lines, 492 chars).

    Written for this course and dedicated to the public domain (CC0); see ``data/README.md``.
    """
    return (DATA_DIR / "rnn_river_song.txt").read_text(encoding="utf-8")
