"""Input checks that turn bad input into a clear message instead of a NumPy traceback.

Every public function in ``helpers`` that takes numbers passes them through here, so a learner who
types ``AND("1", 0)`` or gives three weights to a two-input perceptron is told what was expected.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_float_array(value, name: str, *, ndim: int | None = None, allow_nan: bool = False) -> np.ndarray:
    """Return ``value`` as a float64 array, or raise a clear error.

    Args:
        value: a number, a (nested) list of numbers or an array.
        name: how the caller calls it, used in the message (e.g. ``"x"`` or ``"AND's x1"``).
        ndim: the required number of dimensions, if any.
        allow_nan: let NaN and infinity through (off by default).

    Raises:
        TypeError: ``value`` is not numeric (a string, None, an object array ...).
        ValueError: ``value`` has the wrong number of dimensions or holds NaN/infinity.
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a number or an array of numbers, got {type(value).__name__} {value!r}")
    try:
        arr = np.asarray(value)
    except ValueError as err:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers: {err}") from None
    if arr.dtype == bool:
        arr = arr.astype(np.float64)
    if not np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name} must hold real numbers, got an array of dtype {arr.dtype}")
    arr = arr.astype(np.float64, copy=False)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, got shape {arr.shape}")
    if not allow_nan and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite numbers, but it holds NaN or infinity: {arr!r}")
    return arr


def as_finite_float(value, name: str) -> float:
    """Return ``value`` as a Python float, or raise ``TypeError``/``ValueError`` naming ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.ndarray)):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    arr = np.asarray(value, dtype=np.float64)
    if arr.shape != ():
        raise ValueError(f"{name} must be a single number, got an array of shape {arr.shape}")
    if not np.isfinite(arr):
        raise ValueError(f"{name} must be finite, got {float(arr)}")
    return float(arr)


def as_positive_int(value, name: str) -> int:
    """Return ``value`` as an ``int`` >= 1, or raise ``TypeError``/``ValueError`` naming ``name``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return int(value)
