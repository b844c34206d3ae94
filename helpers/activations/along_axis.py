"""Functions along an axis: maxout (the largest of k pieces) and softmax (소프트맥스), with log-softmax."""

from __future__ import annotations

import numpy as np

from helpers.activations._common import as_input, check_axis, underflow_to_zero


@underflow_to_zero
def maxout(z, axis: int = -1):
    """Maxout: the largest of k linear pieces.

    A maxout unit computes ``max_k (w_k · x + b_k)``; this function takes the pieces already computed.

    Args:
        z: the pieces, with the k pieces along ``axis``, e.g. ``(N, units, k)``.
        axis: the axis holding the pieces.

    Returns:
        ``z.max(axis)``: the shape of ``z`` without ``axis``.
    """
    z = as_input(z, "z")
    return z.max(axis=check_axis(axis, z, "z"))


@underflow_to_zero
def maxout_grad(z, axis: int = -1):
    """d maxout / d z: 1 for the winning piece, 0 for the others; shape of ``z`` (ties: the first wins)."""
    z = as_input(z, "z")
    axis = check_axis(axis, z, "z")
    winner = np.expand_dims(np.argmax(z, axis=axis), axis)
    grad = np.zeros_like(z)
    np.put_along_axis(grad, winner, 1.0, axis=axis)
    return grad


@underflow_to_zero
def softmax(x, axis: int = -1):
    """Softmax (소프트맥스) along ``axis``: ``exp(x_i) / sum_j exp(x_j)``; outputs are positive and sum to 1.

    Stable: ``max(x)`` is subtracted first (softmax does not change when a constant is added), so
    ``softmax([1000, 1000]) == [0.5, 0.5]``. Returns the shape of ``x``.
    """
    x = as_input(x)
    axis = check_axis(axis, x)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@underflow_to_zero
def softmax_grad(x, axis: int = -1):
    """The Jacobian ``J[..., i, j] = d s_i / d x_j = s_i (δ_ij - s_j)``.

    Softmax mixes its inputs, so its derivative is a matrix per vector: for ``x`` of shape ``(..., n)``
    (after moving ``axis`` last) the result has shape ``(..., n, n)``.
    """
    s = np.moveaxis(softmax(x, axis), axis, -1)
    return s[..., :, None] * (np.eye(s.shape[-1]) - s[..., None, :])


@underflow_to_zero
def log_softmax(x, axis: int = -1):
    """``log(softmax(x))`` computed as ``x - max - log(sum(exp(x - max)))``: finite where the naive log is -inf."""
    x = as_input(x)
    axis = check_axis(axis, x)
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))

