"""Optimisers: they update a model's parameters from its gradients — notebook 02 onwards.

An optimiser sees only two dicts with the same keys, ``params`` and ``grads`` (a layer's or a
``Sequential``'s), and changes the arrays in ``params`` in place.
"""

from __future__ import annotations

from helpers.validation import as_finite_float


class SGD:
    """Plain (stochastic) gradient descent: ``param -= lr * grad`` for every key.

    Args:
        lr: learning rate, > 0.
    """

    def __init__(self, lr: float = 0.1):
        self.lr = lr

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        value = as_finite_float(value, "lr")
        if value <= 0:
            raise ValueError(f"lr must be positive, got {value}")
        self._lr = value

    def update(self, params: dict, grads: dict) -> None:
        """Take one step: each ``params[k]`` (any shape) moves by ``-lr * grads[k]`` (same shape), in place."""
        if params.keys() != grads.keys():
            raise ValueError(f"params and grads must have the same keys, got {sorted(params)} and {sorted(grads)}")
        for key, param in params.items():
            param -= self._lr * grads[key]

    def __repr__(self) -> str:
        return f"SGD(lr={self._lr:g})"
