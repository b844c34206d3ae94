"""The gradient through a deep chain of one-unit layers — notebook 04's depth panel, as plain math.

The chain is ``u_l = w · f(u_{l-1})`` for ``l = 1 .. L``, started from inputs ``u_0``. Backpropagation
multiplies one local derivative per layer, so

    d u_L / d u_0 = prod_{l=1..L} w · f'(u_{l-1}).

With ``w = 1`` this is the product of ``f'`` over L layers: it vanishes for sigmoid (``f' <= 0.25``), stays
exactly 1 for ReLU on a positive input, and explodes for ReLU once ``w > 1`` (``w^L``).
"""

from __future__ import annotations

import numpy as np

from helpers.activations import ACTIVATIONS
from helpers.validation import as_choice, as_finite_float, as_float_array, as_positive_int


def chain_gradients(name: str, u0, weight: float = 1.0, depth: int = 10, *values, **named) -> np.ndarray:
    """``d u_l / d u_0`` for every layer ``l = 1 .. depth`` of the chain ``u_l = weight · f(u_{l-1})``.

    Args:
        name: a key of ``ACTIVATIONS``; ``values`` / ``named`` are its parameters (defaults if left out).
        u0: the starting inputs, any shape, e.g. ``(n,)``.
        weight: ``w``, the same in every layer. depth: ``L``, the number of layers (at least 1).

    Returns:
        an array of shape ``(depth,) + u0.shape``; row ``l - 1`` holds ``d u_l / d u_0``.
    """
    act = ACTIVATIONS[as_choice(name, "name", ACTIVATIONS)]
    params = act.values(*values, **named)
    u = as_float_array(u0, "u0")
    w = as_finite_float(weight, "weight")
    depth = as_positive_int(depth, "depth")
    grads = np.empty((depth,) + u.shape)
    g = np.ones_like(u)
    for layer in range(depth):
        g = g * (w * np.asarray(act.derivative(u, *params)))
        u = w * np.asarray(act(u, *params))
        grads[layer] = g
    return grads


def chain_summary(grads: np.ndarray) -> dict:
    """What the depth panel shows, per layer, from :func:`chain_gradients` of ``n`` inputs (shape ``(L, n)``).

    Returns:
        ``median``: shape ``(L,)``, the median of ``|d u_l / d u_0|`` over the inputs whose gradient is not
        exactly 0 (NaN where every one is 0); ``zero``: shape ``(L,)``, the fraction that is exactly 0 (a
        dead path: some layer had ``f' = 0``).
    """
    grads = np.abs(as_float_array(grads, "grads", ndim=2))
    alive = grads != 0
    masked = np.where(alive, grads, np.nan)
    median = np.full(grads.shape[0], np.nan)
    rows = alive.any(axis=1)
    median[rows] = np.nanmedian(masked[rows], axis=1)
    return {"median": median, "zero": 1.0 - alive.mean(axis=1)}
