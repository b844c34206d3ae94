"""Batch normalisation (notebook 06) and the switch between training and evaluation mode."""

from __future__ import annotations

import numpy as np

from helpers.layers._common import _as_array
from helpers.validation import (
    as_bool,
    as_dout,
    as_finite_float,
    as_positive_float,
    as_positive_int,
    require_forward,
    require_methods,
)


class BatchNorm:
    """Batch normalisation (배치 정규화, Ioffe and Szegedy, 2015) over the batch axis (PyTorch ``nn.BatchNorm1d``).

    Training (``train=True``): each feature is normalised with the mean and the **biased** variance (divided
    by N) of the current batch, ``x_hat = (x - mu) / sqrt(var + eps)``, then scaled and shifted,
    ``out = gamma * x_hat + beta``. The running statistics are updated with the batch mean and the
    **unbiased** variance (divided by N - 1), ``running = momentum * running + (1 - momentum) * batch``,
    so that they estimate the population's variance, as PyTorch does.
    Inference (``train=False``): the running statistics are used instead, so a sample's output no longer
    depends on the other samples of its batch.

    Args:
        n_features: D, the features per sample.
        momentum: how much of the old running statistics is kept per batch (0.9 keeps 90 %). PyTorch's
            ``momentum=0.1`` is the same thing counted the other way (the share of the new batch).
            ``None``: the running statistics are the plain average of every batch seen so far (PyTorch's
            ``momentum=None``, the cumulative moving average).
        eps: added to the variance so a constant feature (variance 0) divides by ``sqrt(eps)``, not 0.

    ``train=None`` in :meth:`forward` uses the attribute ``training`` (True until changed; see
    :func:`set_training`), which is what a ``Sequential`` does since it calls ``forward(x)``.
    A training batch of one sample has no variance: ``forward`` refuses it with a ``ValueError``
    (PyTorch: "Expected more than 1 value per channel when training"); in evaluation mode one sample is fine.

    Shapes: ``x`` (N, D) -> ``out`` (N, D); ``gamma``, ``beta``, ``running_mean``, ``running_var`` (D,).
    """

    def __init__(self, n_features: int, momentum: float | None = 0.9, eps: float = 1e-5):
        self.n_features = as_positive_int(n_features, "n_features")
        self.momentum = None if momentum is None else as_finite_float(momentum, "momentum", low=0.0, high=1.0,
                                                                      high_open=True)
        self.eps = as_positive_float(eps, "eps")
        self.params = {"gamma": np.ones(self.n_features), "beta": np.zeros(self.n_features)}
        self.grads = {"gamma": np.zeros(self.n_features), "beta": np.zeros(self.n_features)}
        self.running_mean = np.zeros(self.n_features)
        self.running_var = np.ones(self.n_features)
        self.num_batches_tracked = 0  # training batches seen (the count behind momentum=None)
        self.training = True
        self.x_hat = None  # the normalised input, for dgamma and dx
        self.inv_std = None  # 1 / sqrt(var + eps) used in the last forward, (D,)
        self.used_batch_stats = None  # whether the last forward normalised with the batch's statistics

    def forward(self, x, train: bool | None = None) -> np.ndarray:
        """``x`` (N, D) -> ``gamma * x_hat + beta`` (N, D), with batch (train) or running (eval) statistics."""
        x = _as_array(x, "x", ndim=2)
        if x.shape[1] != self.n_features:
            raise ValueError(f"BatchNorm expects x of shape (N, {self.n_features}), got {x.shape}")
        train = self.training if train is None else as_bool(train, "train")
        if train:
            n = x.shape[0]
            if n < 2:
                raise ValueError(f"BatchNorm in training mode needs a batch of at least 2 samples to estimate a "
                                 f"variance, got x of shape {x.shape} (use train=False for a single sample)")
            mu = x.mean(axis=0)
            xc = x - mu
            var = np.mean(xc**2, axis=0)  # biased: what the batch is normalised with
            self.num_batches_tracked += 1
            m = 1.0 - 1.0 / self.num_batches_tracked if self.momentum is None else self.momentum
            self.running_mean = m * self.running_mean + (1.0 - m) * mu
            self.running_var = m * self.running_var + (1.0 - m) * var * n / (n - 1)  # unbiased
        else:
            xc = x - self.running_mean
            var = self.running_var
        self.inv_std = 1.0 / np.sqrt(var + self.eps)
        self.x_hat = xc * self.inv_std
        self.used_batch_stats = train
        return self.params["gamma"] * self.x_hat + self.params["beta"]

    def backward(self, dout: np.ndarray) -> np.ndarray:
        """``dout`` (N, D) -> ``dx`` (N, D); stores ``grads["gamma"]`` and ``grads["beta"]`` (D,).

        With batch statistics, mu and var depend on every sample, which gives
        ``dx = inv_std / N * (N * dx_hat - sum(dx_hat) - x_hat * sum(dx_hat * x_hat))``, ``dx_hat = dout * gamma``
        (sums over the batch). With running statistics they are constants: ``dx = dx_hat * inv_std``.
        """
        require_forward(self, self.x_hat)
        dout = as_dout(dout, self.x_hat.shape)
        self.grads["gamma"] = np.sum(dout * self.x_hat, axis=0)
        self.grads["beta"] = np.sum(dout, axis=0)
        dx_hat = dout * self.params["gamma"]
        if not self.used_batch_stats:
            return dx_hat * self.inv_std
        n = dout.shape[0]
        return self.inv_std / n * (n * dx_hat - dx_hat.sum(axis=0) - self.x_hat * np.sum(dx_hat * self.x_hat, axis=0))

    def __repr__(self) -> str:
        return f"BatchNorm({self.n_features})"


def set_training(model, training: bool):
    """Switch every layer of ``model`` that has a ``training`` flag (``BatchNorm``) to training or
    evaluation mode (PyTorch's ``model.train()`` / ``model.eval()``); returns ``model``."""
    training = as_bool(training, "training")
    require_methods(model, "model", ("forward", "backward"), "a Sequential")
    for layer in getattr(model, "layers", [model]):
        if hasattr(layer, "training"):
            layer.training = training
    return model
