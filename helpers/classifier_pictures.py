"""Pictures of notebook 05: a classifier's confusion matrix and a grid of small digit images. Every function
takes ``ax=None`` / ``axes=None`` (a new figure) and returns what it drew.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from helpers.picture_basics import axes_or_new
from helpers.validation import as_float_array, as_positive_int, as_sequence, require_methods


def plot_confusion_matrix(counts, ax=None, class_names=None):
    """Counts ``counts[i, j]`` (true ``i``, predicted ``j``) as a heat map with the numbers written in.

    Returns the ``AxesImage``. The diagonal is the right answers; everything off it is a mistake.
    """
    counts = as_float_array(counts, "counts", ndim=2, nonempty=True)
    if counts.shape[0] != counts.shape[1]:
        raise ValueError(f"counts must be a square matrix, got shape {counts.shape}")
    if np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise ValueError(f"counts must hold whole numbers >= 0 (how many samples), got {counts}")
    counts = counts.astype(np.int64)
    k = counts.shape[0]
    names = [str(i) for i in range(k)] if class_names is None else list(as_sequence(class_names, "class_names"))
    if len(names) != k:
        raise ValueError(f"class_names must name the {k} classes, got {len(names)}")
    ax = axes_or_new(ax, figsize=(4.8, 4.2))
    image = ax.imshow(counts, cmap="Blues")
    for i in range(k):
        for j in range(k):
            if counts[i, j]:
                ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if counts[i, j] > counts.max() / 2 else "black")
    ax.set(xticks=range(k), yticks=range(k), xticklabels=names, yticklabels=names,
           xlabel="predicted", ylabel="true")
    ax.grid(False)
    return image


def plot_digit_images(images, titles=(), axes=None, ncols: int = 8):
    """Small grey images (each (8, 8) or 64 pixels) in a grid, with optional titles; returns the axes used."""
    images = as_float_array(images, "images")  # no image at all (no mistakes to show) draws an empty grid
    if images.ndim == 2:
        side = int(round(np.sqrt(images.shape[1])))
        if side * side != images.shape[1]:
            raise ValueError(f"images must be (N, h, w) or (N, side²) square images, got shape {images.shape}")
        images = images.reshape(len(images), side, side)
    if images.ndim != 3:
        raise ValueError(f"images must be (N, h, w) or (N, side²), got shape {images.shape}")
    titles, ncols = as_sequence(titles, "titles", "titles"), as_positive_int(ncols, "ncols")
    if len(titles) > len(images):
        raise ValueError(f"titles must be at most one per image ({len(images)}), got {len(titles)}")
    if axes is None:
        nrows = max(1, -(-len(images) // ncols))
        _, axes = plt.subplots(nrows, ncols, figsize=(1.1 * ncols, 1.3 * nrows), squeeze=False)
    axes = np.ravel(np.array(axes, dtype=object))
    for i, ax in enumerate(axes):
        require_methods(ax, f"axes[{i}]" if axes.size > 1 else "axes", ("imshow", "axis"), "a matplotlib Axes")
    if axes.size < len(images):
        raise ValueError(f"axes must be at least one per image ({len(images)}), got {axes.size}")
    for i, ax in enumerate(axes):
        ax.axis("off")
        if i < len(images):
            ax.imshow(images[i], cmap="gray_r", interpolation="nearest")
            if i < len(titles):
                ax.set_title(titles[i], fontsize=9)
    return axes
