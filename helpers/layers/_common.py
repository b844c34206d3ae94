"""What the layer modules share: the input check of a layer's array and a sigmoid that never overflows."""

from __future__ import annotations

import numpy as np

from helpers.validation import as_float_array


def _as_array(x, name: str, ndim: int | None = None) -> np.ndarray:
    """``x`` as finite float64 (a batch of at least one sample when ``ndim`` is given), or a clear error from
    :func:`helpers.validation.as_float_array`; a float64 array costs one finiteness pass (none between the
    layers of a network, see :class:`helpers.validation.internal_values`)."""
    return as_float_array(x, name, ndim=ndim, nonempty=ndim is not None)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """``1 / (1 + exp(-x))`` without overflow for large ``|x|`` (exp is only taken of ``-|x|``)."""
    e = np.exp(-np.abs(x))
    denominator = 1.0 + e
    return np.where(x >= 0, 1.0 / denominator, e / denominator)
