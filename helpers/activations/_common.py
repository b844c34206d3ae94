"""What every activation function shares: input checking, a float for a number, underflow silenced."""

from __future__ import annotations

import numpy as np

from helpers.validation import as_float_array

#: ``exp`` of a very negative number, or a product of two tiny numbers, underflows to 0 (or a subnormal):
#: that *is* the right double-precision answer, so only underflow is silenced; overflow and NaN never occur.
underflow_to_zero = np.errstate(under="ignore")


def as_input(x, name: str = "x") -> np.ndarray:
    """``x`` as a float64 array (a clear error for strings, NaN, ragged lists)."""
    return as_float_array(x, name)


def as_output(arr: np.ndarray):
    """A float for a single-number result, else the array (always float64)."""
    arr = np.asarray(arr, dtype=np.float64)
    return float(arr) if arr.ndim == 0 else arr


def check_axis(axis, x: np.ndarray, name: str = "x") -> int:
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"axis must be an integer, got {type(axis).__name__} {axis!r}")
    if x.ndim == 0:
        raise ValueError(f"this function acts along an axis: {name} must have at least one dimension, got a number")
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"axis {axis} is out of range for {name} of shape {x.shape}")
    if x.shape[axis] == 0:
        raise ValueError(f"this function acts along axis {axis}, which is empty in {name} of shape {x.shape}")
    return int(axis)
