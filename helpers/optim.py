"""Optimisers: they update a model's parameters from its gradients — notebook 02 onwards.

An optimiser sees only two dicts with the same keys, ``params`` and ``grads`` (a layer's or a
``Sequential``'s), and changes the arrays in ``params`` in place.
"""

from __future__ import annotations

from helpers.validation import as_array_dict, as_positive_float


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
        self._lr = as_positive_float(value, "lr")

    def update(self, params: dict, grads: dict) -> None:
        """Take one step: each ``params[k]`` (any shape) moves by ``-lr * grads[k]`` (same shape), in place.

        Every array is checked before any is changed, so a bad ``grads`` leaves ``params`` as they were.
        """
        as_array_dict(params, "params", allow_nan=True)  # the model's state: NaN there is a diverged run, shown
        as_array_dict(grads, "grads", like=params)  # as such by the loss; the gradients are the input here
        for key, param in params.items():
            param -= self._lr * grads[key]

    def __repr__(self) -> str:
        return f"SGD(lr={self._lr:g})"
