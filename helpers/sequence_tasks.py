"""Small sequence tasks that train in seconds: noisy sine waves, an RNN with a readout, plain SGD.

- :func:`noisy_sines`: a batch of sine waves with random period and phase, plus Gaussian noise.
- :class:`SequenceRegressor`: ``RNN`` followed by ``Readout`` (``y_t = h_t @ Wy + by``), trained on mean squared
  error; its ``params`` / ``grads`` gather both layers' arrays under names like ``rnn.Wh`` and ``out.Wy``.
- :func:`train`: a plain SGD loop (with gradient clipping if asked) and a loss history.
- :func:`clipping_sweep`: the same training run once per clipping threshold, for the clipping explorer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.rnn import RNN, Readout, clip_grad_norm, grad_norm
from helpers.validation import as_finite_float, as_float_array, as_positive_int


@dataclass
class SineBatch:
    """A batch of ``N`` sine waves of ``T`` steps, each ``(T, N, 1)`` (sequence first, as the RNN takes)."""

    noisy: np.ndarray  # what the model sees: clean + noise
    clean: np.ndarray  # the wave without noise
    period: np.ndarray  # (N,) steps per cycle


def noisy_sines(n_seqs: int, steps: int, noise: float = 0.1, period_range=(12.0, 30.0),
                seed: int | None = None) -> SineBatch:
    """``n_seqs`` sine waves ``sin(2π t / period + phase)`` sampled at ``t = 0 .. steps-1``, plus ``noise`` σ.

    Period and phase are drawn per sequence, so a model has to read them off the sequence itself.
    """
    n_seqs, steps = as_positive_int(n_seqs, "n_seqs"), as_positive_int(steps, "steps")
    noise = as_finite_float(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")
    rng = np.random.default_rng(seed)
    period = rng.uniform(*period_range, n_seqs)
    phase = rng.uniform(0, 2 * np.pi, n_seqs)
    t = np.arange(steps)[:, None]
    clean = np.sin(2 * np.pi * t / period + phase)[:, :, None]
    noisy = clean + noise * rng.standard_normal(clean.shape)
    return SineBatch(noisy, clean, period)


class SequenceRegressor:
    """An RNN that reads ``(T, N, D)`` and predicts ``(T, N, O)``: one output per step, read from ``h_t``.

    Args: as :class:`helpers.rnn.RNN`, plus ``output_size`` (``O``).
    """

    def __init__(self, input_size: int = 1, hidden_size: int = 16, output_size: int = 1,
                 bidirectional: bool = False, nonlinearity: str = "tanh", seed: int | None = None):
        self.rnn = RNN(input_size, hidden_size, bidirectional, nonlinearity, seed=seed)
        self.out = Readout(self.rnn.num_directions * hidden_size, output_size,
                           seed=None if seed is None else seed + 1)
        self.hs = None

    @property
    def params(self) -> dict:
        """All parameters, named ``rnn.Wx``, ``rnn.Wh``, ``rnn.b`` (``*_rev``), ``out.Wy``, ``out.by``."""
        return {f"{prefix}.{k}": v for prefix, layer in (("rnn", self.rnn), ("out", self.out))
                for k, v in layer.params.items()}

    @property
    def grads(self) -> dict:
        return {f"{prefix}.{k}": v for prefix, layer in (("rnn", self.rnn), ("out", self.out))
                for k, v in layer.grads.items()}

    def predict(self, xs) -> np.ndarray:
        """``(T, N, D)`` -> ``(T, N, O)``; keeps the hidden states in ``self.hs`` ``(T, N, dirs*H)``."""
        self.hs, _ = self.rnn.forward(xs)
        return self.out.forward(self.hs)

    def loss(self, xs, ys) -> float:
        """Mean squared error of ``predict(xs)`` against ``ys`` ``(T, N, O)``; fills ``grads`` by BPTT."""
        y_hat = self.predict(xs)
        ys = as_float_array(ys, "ys")
        if ys.shape != y_hat.shape:
            raise ValueError(f"ys must have the shape of the predictions {y_hat.shape}, got {ys.shape}")
        diff = y_hat - ys
        self.rnn.backward(self.out.backward(2.0 * diff / diff.size))
        return float(np.mean(diff**2))

    def generate(self, warmup, n_steps: int) -> np.ndarray:
        """Read ``warmup`` ``(T0, N, D)``, then feed each output back in as the next input, ``n_steps`` times.

        Needs ``output_size == input_size`` and a unidirectional RNN (the future is not known yet).
        Returns ``(n_steps, N, D)``: the model's own continuation of each sequence.
        """
        if self.rnn.bidirectional or self.out.out_features != self.rnn.input_size:
            raise ValueError("generate needs a unidirectional model whose output size equals its input size")
        n_steps = as_positive_int(n_steps, "n_steps")
        hs, h = self.rnn.forward(warmup)
        y = self.out.forward(hs[-1:])
        generated = []
        for _ in range(n_steps):
            generated.append(y[0])
            hs, h = self.rnn.forward(y, h)
            y = self.out.forward(hs)
        return np.stack(generated)

    def sgd_step(self, lr: float, max_norm: float | None = None) -> float:
        """``p -= lr * dp`` for every parameter, after clipping the global norm to ``max_norm``.

        Returns the gradient norm before clipping.
        """
        grads = self.grads
        norm = clip_grad_norm(grads, max_norm) if max_norm is not None else grad_norm(grads)
        for name, p in self.params.items():
            p -= lr * grads[name]
        return norm


def train(model: SequenceRegressor, batches, steps: int, lr: float = 0.05, max_norm: float | None = None,
          callback=None) -> dict:
    """Plain SGD: for ``steps`` steps take ``(xs, ys) = batches(step)``, backprop, clip, update.

    Args:
        batches: a function ``step -> (xs, ys)``.  max_norm: clip the global gradient norm to this (None: no
            clipping).  callback: optional ``callback(step, loss)``.

    Returns:
        ``{'loss': [...], 'grad_norm': [...], 'diverged_at': None}``, one entry per step. If the loss or the
        gradient stops being a finite number (training blew up), training stops there and ``diverged_at``
        holds the step, instead of NumPy printing overflow warnings for every later step.
    """
    steps = as_positive_int(steps, "steps")
    lr = as_finite_float(lr, "lr")
    history = {"loss": [], "grad_norm": [], "diverged_at": None}
    for step in range(steps):
        xs, ys = batches(step)
        with np.errstate(over="ignore", invalid="ignore"):
            loss = model.loss(xs, ys)
            norm = model.sgd_step(lr, max_norm) if np.isfinite(loss) else np.inf
        history["loss"].append(loss)
        history["grad_norm"].append(norm)
        if not (np.isfinite(loss) and np.isfinite(norm)):
            history["diverged_at"] = step
            break
        if callback is not None:
            callback(step, loss)
    return history


def clipping_sweep(make_model, batches, thresholds, steps: int, lr: float) -> dict:
    """Train a fresh ``make_model()`` once per threshold in ``thresholds`` (``None``: no clipping).

    Every run sees the same batches. Returns ``{threshold: history}`` with the histories of :func:`train`.
    """
    if not callable(make_model) or not callable(batches):
        raise TypeError("make_model and batches must be functions: make_model() -> model, batches(step) -> (xs, ys)")
    thresholds = list(thresholds)
    if not thresholds:
        raise ValueError("thresholds must hold at least one max_norm (or None for no clipping)")
    return {c: train(make_model(), batches, steps, lr=lr, max_norm=c) for c in thresholds}
