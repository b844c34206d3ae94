"""A small training loop with a history — notebook 02 onwards.

One epoch = one pass over the data in mini-batches (full batch by default): forward, loss, backward,
optimiser step. :class:`Trainer` keeps its state between calls, so training can run in small chunks
(the live trainer runs a few epochs per tick); :func:`train` is the one-call version.
"""

from __future__ import annotations

import numpy as np

from helpers.layers import Sequential
from helpers.validation import as_float_array, as_positive_int, as_rng, internal_values, require_methods


class Trainer:
    """Train ``model`` on ``(X, y)`` with ``loss`` and ``optimizer``, a chunk of epochs at a time.

    Args:
        model: anything with ``forward``, ``backward``, ``params`` and ``grads`` (e.g. a ``Sequential``).
        loss: a loss layer with ``forward(scores, y)``, ``backward()`` and ``predict(scores)``.
        optimizer: anything with ``update(params, grads)`` (e.g. ``SGD``).
        X: inputs, shape (N, D); y: labels, shape (N,).
        batch_size: samples per step; ``None`` is the full batch (one step per epoch).
        seed: seed for shuffling the mini-batches.
        X_test, y_test: an optional held-out set, shapes (M, D) and (M,), never trained on.

    Bad arguments are refused here, not at the first epoch. Inside an epoch the scores, gradients and updates
    are the model's own numbers: once a too-large learning rate makes them overflow, the epoch's loss is NaN or
    inf (what a live trainer shows as "diverged") instead of an error.

    ``history`` holds, per epoch, ``"loss"`` (mean loss over the epoch's batches) and ``"accuracy"``
    (fraction classified right in those same forward passes, as Keras reports it: the scores before
    each batch's update, so no extra forward pass is needed). A loss without ``predict`` (a regression
    loss such as ``SquaredErrorLoss``) records no accuracy. With a test set, ``"test_loss"`` holds the
    loss on it after each epoch's updates.
    """

    def __init__(self, model, loss, optimizer, X, y, *, batch_size: int | None = None, seed: int | None = 0,
                 X_test=None, y_test=None):
        require_methods(model, "model", ("forward", "backward", "params", "grads"), "a Sequential")
        require_methods(loss, "loss", ("forward", "backward"), "SoftmaxWithLoss")
        require_methods(optimizer, "optimizer", ("update",), "SGD")
        X = as_float_array(X, "X", ndim=2, nonempty=True)
        y = as_float_array(y, "y", ndim=1)
        if len(y) != len(X):
            raise ValueError(f"X and y must hold the same number of samples, got {len(X)} and {len(y)}")
        batch_size = len(X) if batch_size is None else as_positive_int(batch_size, "batch_size")
        self.model, self.loss, self.optimizer, self.X, self.y = model, loss, optimizer, X, y
        self.batch_size, self.rng = batch_size, as_rng(seed, "seed")
        self.classifies = hasattr(loss, "predict")
        self._backward_options = {"dx": False} if isinstance(model, Sequential) else {}  # no gradient for X
        self.history: dict[str, list[float]] = {"loss": [], "accuracy": []}
        self.X_test = self.y_test = None
        if X_test is not None or y_test is not None:
            self.X_test = as_float_array(X_test, "X_test", ndim=2)
            self.y_test = as_float_array(y_test, "y_test", ndim=1)
            if len(self.y_test) != len(self.X_test) or self.X_test.shape[1] != self.X.shape[1]:
                raise ValueError(f"X_test must have shape (M, {self.X.shape[1]}) and y_test (M,), got "
                                 f"{self.X_test.shape} and {self.y_test.shape}")
            self.history["test_loss"] = []

    @property
    def epoch(self) -> int:
        """Epochs trained so far."""
        return len(self.history["loss"])

    def run_epoch(self) -> float:
        """Train one epoch; append to ``history`` and return the epoch's mean loss."""
        n = len(self.X)
        if self.batch_size >= n:  # full batch: no shuffling, no copies
            batches = [(self.X, self.y)]
        else:
            order = self.rng.permutation(n)
            chunks = [order[start:start + self.batch_size] for start in range(0, n, self.batch_size)]
            batches = [(self.X[idx], self.y[idx]) for idx in chunks]
        loss_sum, n_right = 0.0, 0
        for X_batch, y_batch in batches:
            scores = self.model.forward(X_batch)
            with internal_values():
                loss_sum += self.loss.forward(scores, y_batch) * len(y_batch)
                if self.classifies:
                    n_right += int(np.sum(self.loss.predict(scores) == y_batch))
                self.model.backward(self.loss.backward(), **self._backward_options)
                self.optimizer.update(self.model.params, self.model.grads)
        self.history["loss"].append(loss_sum / n)
        if self.classifies:
            self.history["accuracy"].append(n_right / n)
        if self.X_test is not None:
            self.history["test_loss"].append(self.test_loss())
        return self.history["loss"][-1]

    def test_loss(self) -> float:
        """The loss on the test set with the model as it is now (no gradients kept)."""
        if self.X_test is None:
            raise ValueError("this Trainer has no test set: pass X_test and y_test")
        scores = self.model.forward(self.X_test)
        with internal_values():  # a diverged model's loss is NaN: shown as such
            return self.loss.forward(scores, self.y_test)

    def fit(self, epochs: int) -> dict[str, list[float]]:
        """Train ``epochs`` more epochs; return the (whole) history."""
        for _ in range(as_positive_int(epochs, "epochs")):
            self.run_epoch()
        return self.history

    def predict(self, X) -> np.ndarray:
        """Labels for ``X`` (M, D): shape (M,)."""
        X = as_float_array(X, "X", ndim=2, nonempty=True)
        if X.shape[1] != self.X.shape[1]:
            raise ValueError(f"X must have shape (M, {self.X.shape[1]}) like the training data, got {X.shape}")
        scores = self.model.forward(X)
        with internal_values():  # a diverged model's NaN scores still get (meaningless) labels
            return self.loss.predict(scores)

    def accuracy(self) -> float:
        """Fraction of the training samples classified right by the model as it is now."""
        return float(np.mean(self.predict(self.X) == self.y))


def train(model, loss, optimizer, X, y, *, epochs: int, batch_size: int | None = None,
          seed: int | None = 0) -> dict[str, list[float]]:
    """Train ``model`` for ``epochs`` epochs and return the history ``{"loss": [...], "accuracy": [...]}``.

    Shapes: ``X`` (N, D), ``y`` (N,). See :class:`Trainer` for the arguments.
    """
    epochs = as_positive_int(epochs, "epochs")
    return Trainer(model, loss, optimizer, X, y, batch_size=batch_size, seed=seed).fit(epochs)
