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
    from helpers.validation import as_bool

    flatten, scale = as_bool(flatten, "flatten"), as_bool(scale, "scale")
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


# --- Toy classification sets (notebook 02): the four of the TensorFlow Playground -------------------


def _toy_args(n, noise, seed, classes: int = 2) -> tuple[int, float, np.random.Generator]:
    """Check the common arguments of the toy generators and return ``(n, noise, rng)``."""
    from helpers.validation import as_finite_float, as_positive_int, as_rng

    n = as_positive_int(n, "n")
    if n < classes:
        raise ValueError(f"n must be at least {classes} (one sample per class), got {n}")
    noise = as_finite_float(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be >= 0 (the standard deviation of the jitter), got {noise}")
    return n, noise, as_rng(seed, "seed")


def _jitter(X: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    return X + noise * rng.standard_normal(X.shape) if noise > 0 else X


def xor(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Points in the square [-1, 1]², labelled 1 where the signs of x1 and x2 differ (XOR of the signs).

    Points closer than 0.1 to an axis are pushed away so the quadrants are clearly apart; ``noise`` is
    the standard deviation of Gaussian jitter added after labelling (so noisy points can cross).

    Returns ``(X, y)``: shape (n, 2) float and (n,) int 0/1.
    """
    n, noise, rng = _toy_args(n, noise, seed)
    X = rng.uniform(-1, 1, size=(n, 2))
    X += np.where(X >= 0, 0.1, -0.1) * (np.abs(X) < 0.1)
    y = (X[:, 0] * X[:, 1] < 0).astype(int)
    return _jitter(X, noise, rng), y


def circle(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Class 1 inside a disc of radius 0.5, class 0 in a ring between radii 0.7 and 1 (half each).

    Returns ``(X, y)``: shape (n, 2) float and (n,) int 0/1.
    """
    n, noise, rng = _toy_args(n, noise, seed)
    y = (np.arange(n) < n // 2).astype(int)
    r = np.where(y == 1, rng.uniform(0, 0.5, n), rng.uniform(0.7, 1.0, n))
    angle = rng.uniform(0, 2 * np.pi, n)
    X = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    return _jitter(X, noise, rng), y


def gaussians(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian blobs (standard deviation 0.2 + ``noise``): class 1 around (0.5, 0.5), class 0 around (-0.5, -0.5).

    Returns ``(X, y)``: shape (n, 2) float and (n,) int 0/1.
    """
    n, noise, rng = _toy_args(n, noise, seed)
    y = (np.arange(n) < n // 2).astype(int)
    centres = np.where(y[:, None] == 1, 0.5, -0.5)
    return centres + (0.2 + noise) * rng.standard_normal((n, 2)), y


def spiral(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spiral arms (1.5 turns each, radius 0 to 1), one per class.

    Returns ``(X, y)``: shape (n, 2) float and (n,) int 0/1.
    """
    n, noise, rng = _toy_args(n, noise, seed)
    y = (np.arange(n) < n // 2).astype(int)
    r = rng.uniform(0.05, 1.0, n)
    angle = 3 * np.pi * r + np.pi * y
    X = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    return _jitter(X, noise, rng), y


#: The toy sets by name, as the live trainer's dropdown lists them.
TOY_DATASETS = {"xor": xor, "circle": circle, "gaussians": gaussians, "spiral": spiral}


# --- Multiclass toy sets: a softmax output (SoftmaxWithLoss) instead of one sigmoid unit ----------------


def _balanced_labels(n: int, classes: int) -> np.ndarray:
    """Labels ``0 .. classes - 1`` in blocks, as equal in size as ``n`` allows (sizes differ by at most 1)."""
    return np.arange(n) * classes // n


def spiral3(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Three interleaved spiral arms (one turn each, radius 0.05 to 1, a third of a turn apart), one per class.

    No line separates any arm from the other two: a linear softmax gets little more than a third of the points
    right (chance), a small tanh network (2-16-16-3) all of them. ``noise`` is the standard deviation of
    Gaussian jitter added after labelling.

    Returns ``(X, y)``: shape (n, 2) float and (n,) int 0/1/2, the classes as equal in size as ``n`` allows.
    """
    n, noise, rng = _toy_args(n, noise, seed, classes=3)
    y = _balanced_labels(n, 3)
    r = rng.uniform(0.05, 1.0, n)
    angle = 2 * np.pi * r + 2 * np.pi * y / 3
    X = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    return _jitter(X, noise, rng), y


#: Centres of the four clusters of :func:`blobs4`, one per quadrant (radius 0.7 on the diagonals), class order.
BLOB_CENTRES = 0.7 / np.sqrt(2) * np.array([[1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]])
BLOB_CENTRES.flags.writeable = False


def blobs4(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Four round Gaussian clusters (standard deviation 0.1) on a ring, one per quadrant: the easy multiclass set.

    Each centre is 0.495 (about five standard deviations) from the axes, so at ``noise=0`` a linear softmax
    (scores ``x @ W + b``, the class of the largest) separates the four; ``noise`` is the standard deviation
    of Gaussian jitter added after labelling, which makes neighbouring clusters overlap.

    Returns ``(X, y)``: shape (n, 2) float and (n,) int 0..3, the classes as equal in size as ``n`` allows.
    """
    n, noise, rng = _toy_args(n, noise, seed, classes=4)
    y = _balanced_labels(n, 4)
    X = BLOB_CENTRES[y] + 0.1 * rng.standard_normal((n, 2))
    return _jitter(X, noise, rng), y


#: The multiclass toy sets by name (TOY_DATASETS holds the binary ones).
MULTICLASS_DATASETS = {"spiral3": spiral3, "blobs4": blobs4}


# --- Toy regression sets (notebook 02): the two of the TensorFlow Playground --------------------------


def _jittered_targets(n, noise, seed, target) -> tuple[np.ndarray, np.ndarray]:
    """Points uniform in [-1, 1]²; each target is ``target`` of the point moved by ``noise * U(-1, 1)``
    per coordinate (the Playground's way: the noise is in where the label is read, not in the point)."""
    n, noise, rng = _toy_args(n, noise, seed)
    X = rng.uniform(-1, 1, size=(n, 2))
    moved = X + noise * rng.uniform(-1, 1, size=(n, 2))
    return X, target(moved)


def plane(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """A tilted plane: target ``(x1 + x2) / 2`` for points uniform in [-1, 1]² (so targets lie in [-1, 1]).

    Returns ``(X, y)``: shape (n, 2) float and (n,) float.
    """
    return _jittered_targets(n, noise, seed, lambda P: (P[:, 0] + P[:, 1]) / 2)


#: Centres and signs of the six bumps of :func:`bumps` (the Playground's "Gaussian" regression set, /5).
BUMPS = ((-0.8, 0.5, 1), (0.0, 0.5, -1), (0.8, 0.5, 1), (-0.8, -0.5, -1), (0.0, -0.5, 1), (0.8, -0.5, -1))


def bumps(n: int = 200, noise: float = 0.0, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Six bumps, alternately up (+1) and down (-1), in two rows: each falls linearly from ±1 at its centre
    to 0 at distance 0.4; a point's target is the bump of largest size there (0 far from all of them).

    Returns ``(X, y)``: shape (n, 2) float and (n,) float in [-1, 1].
    """
    def target(P):
        heights = [sign * np.clip(1 - np.hypot(P[:, 0] - cx, P[:, 1] - cy) / 0.4, 0, 1) for cx, cy, sign in BUMPS]
        heights = np.stack(heights)
        return heights[np.argmax(np.abs(heights), axis=0), np.arange(P.shape[0])]

    return _jittered_targets(n, noise, seed, target)


#: The regression sets by name, as the live trainer lists them.
REGRESSION_DATASETS = {"plane": plane, "bumps": bumps}


# --- Splitting a data set (notebook 05) ------------------------------------------------------------


def stratified_split(y, fractions=(0.8, 0.2), seed: int | None = 0) -> list[np.ndarray]:
    """Shuffle the indices of each class and cut them in the given ``fractions`` (e.g. train / test).

    Each part gets (about) the same share of every class, so a 20 % test set holds about 20 % of the
    zeros, 20 % of the ones, and so on. Returns one sorted index array per fraction; together they hold
    every index exactly once.

    Args:
        y: class labels, shape (N,).
        fractions: positive numbers summing to 1, e.g. ``(0.6, 0.2, 0.2)`` for train / validation / test.
        seed: seed for the shuffle.
    """
    from helpers.validation import as_float_array, as_labels, as_rng

    y = as_labels(y, "y")
    fractions = as_float_array(fractions, "fractions")
    if fractions.ndim != 1 or len(fractions) < 2 or np.any(fractions <= 0) or not np.isclose(fractions.sum(), 1):
        raise ValueError(f"fractions must be two or more positive numbers summing to 1, got {fractions.tolist()}")
    rng = as_rng(seed, "seed")
    parts: list[list[np.ndarray]] = [[] for _ in fractions]
    for label in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == label))
        cuts = np.round(np.cumsum(fractions)[:-1] * len(idx)).astype(int)
        for part, chunk in zip(parts, np.split(idx, cuts), strict=True):
            part.append(chunk)
    return [np.sort(np.concatenate(p)) for p in parts]
