"""The hidden space (notebook 02): where a network's hidden layer puts the data points.

A hidden layer replaces each point ``x`` by the vector of its neurons' outputs; in that new space the
next layer draws its lines. :func:`hidden_coordinates` computes those vectors for a
:class:`helpers.layers.Sequential` of ``Affine`` and activation layers (as built by
:func:`helpers.layers.mlp`); :func:`next_layer_line` is the line the following unit draws there.
"""

from __future__ import annotations

import numpy as np

from helpers.layers import Affine, Sequential
from helpers.validation import as_float_array, as_int, check_shape


def _hidden_ends(model) -> list[int]:
    """Index (into ``model.layers``) of the last layer of each hidden layer: its activation, or the
    ``Affine`` itself if no activation follows it."""
    if not isinstance(model, Sequential) or not model.layers or not isinstance(model.layers[0], Affine):
        raise TypeError(f"model must be a Sequential that starts with an Affine layer (like mlp([2, 2, 1])), "
                        f"got {type(model).__name__}")
    layers = model.layers
    return [k for k in range(len(layers) - 1) if isinstance(layers[k + 1], Affine)]


def hidden_coordinates(model, X, layer: int = 1) -> np.ndarray:
    """The outputs of hidden layer ``layer`` (1 = the first, after its activation) for the rows of ``X``.

    Args:
        model: a ``Sequential`` of ``Affine`` and activation layers with at least one hidden layer.
        X: inputs, shape (N, D) with D the model's input size.
        layer: which hidden layer, 1 .. number of hidden layers.

    Returns:
        shape (N, H): one row per point, one column per neuron of that hidden layer.
    """
    ends = _hidden_ends(model)
    n_in = model.layers[0].params["W"].shape[0]
    X = check_shape(as_float_array(X, "X", ndim=2, nonempty=True), "X", (None, n_in), "(the model's input size)")
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or not 1 <= layer <= len(ends):
        raise ValueError(f"layer must be a whole number from 1 to {len(ends)} (the model's hidden layers), "
                         f"got {layer!r}")
    out = X
    for k in range(ends[layer - 1] + 1):
        out = model.layers[k].forward(out)
    return out


def next_layer_line(model, layer: int = 1, unit: int = 0) -> tuple[np.ndarray, float]:
    """``(w, b)`` of the line ``w · h + b = 0`` that unit ``unit`` of the next layer draws in hidden
    layer ``layer``'s space: ``w`` shape (H,), ``b`` a number (the unit's score is 0 on the line)."""
    ends = _hidden_ends(model)  # checks model
    hidden_coordinates(model, np.zeros((1, model.layers[0].params["W"].shape[0])), layer)  # checks layer
    affine = model.layers[ends[layer - 1] + 1]
    unit = as_int(unit, "unit", low=0, high=affine.params["W"].shape[1] - 1)
    return affine.params["W"][:, unit].copy(), float(affine.params["b"][unit])
