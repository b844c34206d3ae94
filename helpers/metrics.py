"""How good a classifier is: accuracy and the confusion matrix (혼동 행렬) — notebook 05 onwards."""

from __future__ import annotations

import numpy as np

from helpers.validation import as_labels, as_positive_int


def accuracy(y_true, y_pred) -> float:
    """Fraction of positions where ``y_pred`` equals ``y_true`` (both shape (N,))."""
    y_true, y_pred = as_labels(y_true, "y_true"), as_labels(y_pred, "y_pred")
    if y_true.shape != y_pred.shape or len(y_true) == 0:
        raise ValueError(f"y_true and y_pred must have the same non-zero length, got {y_true.shape} and {y_pred.shape}")
    return float(np.mean(y_true == y_pred))


def confusion_matrix(y_true, y_pred, n_classes: int) -> np.ndarray:
    """Counts ``C[i, j]`` of samples of true class ``i`` predicted as class ``j``: shape (n_classes, n_classes).

    The diagonal holds the right answers; row ``i`` sums to the number of samples of class ``i``.
    """
    n_classes = as_positive_int(n_classes, "n_classes")
    y_true, y_pred = as_labels(y_true, "y_true"), as_labels(y_pred, "y_pred")
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred must have the same length, got {y_true.shape} and {y_pred.shape}")
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        if len(y) and (y.min() < 0 or y.max() >= n_classes):
            raise ValueError(f"{name} must hold classes 0 .. {n_classes - 1}, got values in [{y.min()}, {y.max()}]")
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(counts, (y_true, y_pred), 1)
    return counts
