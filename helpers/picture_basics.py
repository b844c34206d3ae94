"""What every picture module shares: the class colours and colour maps, and the checks a plot makes before it
draws (its axes, its points, what a model's callable returned for a grid).

The picture modules import from here (and none from another picture module), so they can be imported in any
order; ``helpers.plotting`` re-exports these names for the notebooks.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap

from helpers.validation import (
    as_bool,
    as_float_array,
    as_instance,
    as_labels,
    as_positive_int,
    as_sequence,
    check_shape,
    require_methods,
)

CLASS_COLORS = ("#0072B2", "#E69F00")  # class 0, class 1
REGION_CMAP = ListedColormap(["#cfe3f2", "#fbe6c2"])  # light blue (outputs 0), light orange (outputs 1)

#: Diverging colours for a network's probability of class 1: blue (0) through white (0.5) to orange (1).
PROBABILITY_CMAP = ListedColormap(np.concatenate([
    np.linspace([0.31, 0.62, 0.84], [1.0, 1.0, 1.0], 128),   # light blue -> white
    np.linspace([1.0, 1.0, 1.0], [0.95, 0.72, 0.29], 128),   # white -> light orange
]), name="class_probability")


def axes_or_new(ax, figsize=(4.5, 4.5), methods=("plot", "imshow")):
    """Return ``ax``, or the axes of a new figure of ``figsize`` (inches) when ``ax`` is None; anything else (an
    object without the ``methods`` the plot calls) is a clear ``TypeError``."""
    methods = as_sequence(methods, "methods", "method names")
    if not methods or not all(isinstance(m, str) for m in methods):
        raise TypeError(f"methods must be the names of the Axes methods the plot calls, got {methods!r}")
    if ax is None:
        size = check_shape(as_float_array(figsize, "figsize"), "figsize", (2,), "(width, height)")
        if np.any(size <= 0):
            raise ValueError(f"figsize must be a positive (width, height) in inches, got {tuple(size)}")
        import matplotlib.pyplot as plt  # here: the playground's pictures take the colours, not pyplot (~0.3 s)

        _, ax = plt.subplots(figsize=tuple(size))
    return require_methods(ax, "ax", methods, "a matplotlib Axes")


def two_class_points(X, y) -> tuple[np.ndarray, np.ndarray]:
    """Samples ``X`` (N, 2) and their 0/1 labels ``y`` (N,), or a clear error."""
    X = check_shape(as_float_array(X, "X", ndim=2, nonempty=True), "X", (None, 2), "(points of the plane)")
    return X, as_labels(y, "y", n=len(X), n_classes=2)


def grid_outputs(values, name: str, shape: tuple, probabilities: bool = False) -> np.ndarray:
    """``values``, what the callable ``name`` returned for a grid of ``shape``: one number per point (in [0, 1]
    for probabilities; NaN allowed there, drawn blank: a diverged network), reshaped to ``shape``."""
    name, probabilities = as_instance(name, "name", str, "a text"), as_bool(probabilities, "probabilities")
    shape = tuple(as_positive_int(n, f"shape[{k}]") for k, n in enumerate(as_sequence(shape, "shape", "sizes")))
    out = as_float_array(values, f"values (what {name} returns)", allow_nan=probabilities)
    if out.size != np.prod(shape):
        raise ValueError(f"{name} must return one value per point of the grid (shape {shape}), got shape "
                         f"{out.shape} (values)")
    if probabilities and np.any((out < 0) | (out > 1)):
        raise ValueError(f"{name} must return probabilities in [0, 1], got {np.nanmin(out):g} .. "
                         f"{np.nanmax(out):g} (values)")
    return out.reshape(shape)
