"""A playground's data: the generated sets, the XOR table and the learner's own points (plain NumPy).

Coordinates are the TensorFlow Playground's: the course's toy sets (in [-1, 1]²) are scaled by
:data:`SCALE` = 5, so the plane shown is [-6, 6]².

The learner's own set (``dataset="custom"``) is a tuple of ``(x1, x2, label)`` points rounded to 0.1,
kept in the state itself so the share-string rebuilds it. It is split into training and test points
like the generated sets (``train_percent`` %, shuffled by ``data_seed``), except that a set of fewer
than :data:`MIN_SPLIT` points is all training points and is its own test set (nothing to hold out).
"""

from __future__ import annotations

import numpy as np

from helpers.datasets import MULTICLASS_DATASETS, REGRESSION_DATASETS, TOY_DATASETS, truth_table
from helpers.playground.state import CUSTOM, MAX_CLASSES, MAX_POINTS, PLANE, XOR_TABLE, PlaygroundState, as_points
from helpers.validation import as_finite_float, as_float_array, as_instance, as_int, as_labels

SCALE = 5.0
DOMAIN = PLANE
#: Points per data set (train + test), as in the Playground.
N_CLASSIFY, N_REGRESS = 500, 1200
#: Where the XOR table's 0 and 1 sit on each axis of the plane (Playground units): 0 -> -3, 1 -> +3.
TABLE_AT = (-3.0, 3.0)
#: A custom set with fewer points than this is not split: every point trains and tests.
MIN_SPLIT = 10
#: A click removes the nearest point within this distance (Playground units).
REMOVE_RADIUS = 0.5
#: ``set_data`` takes at most this many points (as many as a generated set has).
MAX_SET_DATA = N_CLASSIFY


def all_points(state: PlaygroundState) -> tuple[np.ndarray, np.ndarray]:
    """Every point of ``state``'s data set before the split: ``X`` (N, 2) in Playground units, ``y`` (N,)."""
    as_instance(state, "state", PlaygroundState)
    if state.dataset == CUSTOM:
        points = np.array(state.points, dtype=float).reshape(-1, 3)
        return points[:, :2], points[:, 2]
    if state.regression:
        X, y = REGRESSION_DATASETS[state.dataset](N_REGRESS, state.noise, seed=state.data_seed)
    else:
        sets = {**TOY_DATASETS, **MULTICLASS_DATASETS}
        X, y = sets[state.dataset](N_CLASSIFY, state.noise, seed=state.data_seed)
    return SCALE * np.asarray(X, dtype=float), np.asarray(y, dtype=float)


def make_data(state: PlaygroundState) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(X_train, y_train, X_test, y_test)`` for ``state``: points in Playground units, split at random.

    Classification labels are 0 .. K-1 (as floats); regression targets lie in [-1, 1]. ``state.data_seed``
    fixes the points, their noise and the split; ``state.train_percent`` % of them are for training. The
    XOR table and custom sets of fewer than :data:`MIN_SPLIT` points are the exception: all their points
    are both the training and the test set.
    """
    as_instance(state, "state", PlaygroundState)
    if state.dataset == XOR_TABLE:
        return _xor_table(state.noise, state.data_seed)
    X, y = all_points(state)
    if state.dataset == CUSTOM and len(X) < MIN_SPLIT:
        return X, y, X.copy(), y.copy()
    order = np.random.default_rng([state.data_seed, 1]).permutation(len(X))
    n_train = len(X) * state.train_percent // 100
    train, test = order[:n_train], order[n_train:]
    return X[train], y[train], X[test], y[test]


def _xor_table(noise: float, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """XOR's truth table, row (a, b) at ``TABLE_AT[a], TABLE_AT[b]``, jittered by ``noise`` (data units)."""
    bits, y = truth_table("XOR")
    X = np.asarray(TABLE_AT)[bits]
    if noise > 0:
        X = X + SCALE * noise * np.random.default_rng(seed).standard_normal(X.shape)
    y = y.astype(float)
    return X, y, X.copy(), y.copy()


# --- the learner's own points --------------------------------------------------------------------------------------


def points_from_arrays(X, y) -> tuple:
    """Points ``X`` (N, 2) in Playground units and labels ``y`` (N,) as a state's ``points`` tuple.

    Raises ``TypeError``/``ValueError`` naming the argument: ``X`` not (N, 2), empty, over
    :data:`MAX_SET_DATA`, not finite or outside the plane [-6, 6]²; ``y`` not one whole class number 0-3
    per row, or a single class (nothing to tell apart).
    """
    X = as_float_array(X, "X", ndim=2, nonempty=True)
    if X.shape[1] != 2:
        raise ValueError(f"X must have shape (N, 2): one (x1, x2) per point, got {X.shape}")
    if len(X) > MAX_SET_DATA:
        raise ValueError(f"X must hold at most {MAX_SET_DATA} points, got {len(X)}")
    lo, hi = PLANE
    if np.any(X < lo) or np.any(X > hi):
        raise ValueError(f"X must lie in the plane [{lo:g}, {hi:g}]² (Playground units), got values in "
                         f"[{X.min():g}, {X.max():g}]")
    labels = as_labels(y, "y", len(X), MAX_CLASSES)
    if len(np.unique(labels)) < 2:
        raise ValueError(f"y must hold at least two classes (2 to {MAX_CLASSES}), got only class {labels[0]}")
    return tuple((float(a), float(b), int(c)) for (a, b), c in zip(X.tolist(), labels.tolist(), strict=True))


def with_point(points: tuple, x1: float, x2: float, label: int) -> tuple:
    """``points`` (see :func:`~helpers.playground.state.as_points`) with one more point ``(x1, x2, label)``
    (checked: in the plane, class 0-3, room left)."""
    points = as_points(points)
    x1, x2 = as_finite_float(x1, "x1", low=PLANE[0], high=PLANE[1]), as_finite_float(x2, "x2", low=PLANE[0],
                                                                                      high=PLANE[1])
    label = as_int(label, "label", low=0, high=MAX_CLASSES - 1)
    if len(points) >= MAX_POINTS:
        raise ValueError(f"a custom data set holds at most {MAX_POINTS} points; remove some first")
    return (*points, (x1, x2, label))


def without_point(points: tuple, x1: float, x2: float) -> tuple:
    """``points`` without the one nearest to ``(x1, x2)`` if it lies within :data:`REMOVE_RADIUS`, and never
    the last one (a data set keeps at least one point); else ``points`` itself."""
    points, x1, x2 = as_points(points), as_finite_float(x1, "x1"), as_finite_float(x2, "x2")
    if len(points) < 2:
        return points
    xy = np.array([p[:2] for p in points])
    dist = np.hypot(xy[:, 0] - x1, xy[:, 1] - x2)
    k = int(np.argmin(dist))
    return points if dist[k] > REMOVE_RADIUS else points[:k] + points[k + 1:]


def starting_points(state: PlaygroundState) -> tuple:
    """The points a custom set starts from when the learner edits ``state``'s data: its own points
    (rounded to 0.1, kept inside the plane, in the order that gives the same train/test split), or for a
    regression set (no classes) the XOR table's four points."""
    as_instance(state, "state", PlaygroundState)
    if state.dataset == CUSTOM:
        return state.points
    if state.regression:
        state = state.replace(dataset=XOR_TABLE, noise=0.0)
    X, y = make_data(state)[:2] if state.dataset == XOR_TABLE else all_points(state)
    X = np.clip(np.round(X, 1), *PLANE)
    return tuple((float(a), float(b), int(c)) for (a, b), c in zip(X.tolist(), y.tolist(), strict=True))
