"""Small sequence tasks that train in seconds: noisy sine waves, an RNN with a readout, plain SGD.

- :func:`noisy_sines`: a batch of sine waves with random period and phase, plus Gaussian noise.
- :class:`SequenceRegressor`: ``RNN`` followed by ``Readout`` (``y_t = h_t @ Wy + by``), trained on mean squared
  error; its ``params`` / ``grads`` gather both layers' arrays under names like ``rnn.Wh`` and ``out.Wy``.
- :func:`train`: a plain SGD loop (with gradient clipping if asked) and a loss history.
- :func:`clipping_sweep`: the same training run once per clipping threshold, for the clipping explorer (runs
  already made can be reused).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.rnn import RNN, Readout, clip_grad_norm, grad_norm
from helpers.validation import (
    as_callable,
    as_finite_float,
    as_float_array,
    as_positive_float,
    as_positive_int,
    as_rng,
    check_shape,
    internal_values,
    require_methods,
)


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
    noise = as_finite_float(noise, "noise", low=0.0)
    low, high = check_shape(as_float_array(period_range, "period_range"), "period_range", (2,), "(shortest, longest)")
    if not 0 < low <= high:
        raise ValueError(f"period_range must be (shortest, longest) with 0 < shortest <= longest, got ({low}, {high})")
    rng = as_rng(seed, "seed")
    period = rng.uniform(low, high, n_seqs)
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
        self.out = Readout(self.rnn.num_directions * hidden_size, as_positive_int(output_size, "output_size"),
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
        with internal_values():  # the hidden states are the model's own (NaN once training diverged)
            return self.out.forward(self.hs)

    def loss(self, xs, ys) -> float:
        """Mean squared error of ``predict(xs)`` against ``ys`` ``(T, N, O)``; fills ``grads`` by BPTT."""
        xs = as_float_array(xs, "xs", ndim=3, nonempty=True)
        ys = check_shape(as_float_array(ys, "ys"), "ys", xs.shape[:2] + (self.out.out_features,),
                         "(T, N, O) like the predictions")  # checked before anything changes
        diff = self.predict(xs) - ys
        with internal_values():
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
        warmup = as_float_array(warmup, "warmup", ndim=3, nonempty=True)
        check_shape(warmup, "warmup", (None, None, self.rnn.input_size), "(T0, N, D)")
        hs, h = self.rnn.forward(warmup)
        generated = []
        with internal_values():  # from here on the inputs are the model's own outputs
            y = self.out.forward(hs[-1:])
            for _ in range(n_steps):
                generated.append(y[0])
                hs, h = self.rnn.forward(y, h)
                y = self.out.forward(hs)
        return np.stack(generated)

    def sgd_step(self, lr: float, max_norm: float | None = None) -> float:
        """``p -= lr * dp`` for every parameter, after clipping the global norm to ``max_norm``.

        Returns the gradient norm before clipping.
        """
        lr, grads = as_positive_float(lr, "lr"), self.grads
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
    require_methods(model, "model", ("loss", "sgd_step"), "SequenceRegressor")
    batches = as_callable(batches, "batches")
    steps = as_positive_int(steps, "steps")
    lr = as_positive_float(lr, "lr")
    if max_norm is not None:
        as_positive_float(max_norm, "max_norm")
    if callback is not None:
        as_callable(callback, "callback")
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


def _first_steps(history: dict, steps: int) -> dict:
    """The history :func:`train` would have returned after ``steps`` steps (a blow-up later is not reached)."""
    diverged = history["diverged_at"]
    return {"loss": list(history["loss"][:steps]), "grad_norm": list(history["grad_norm"][:steps]),
            "diverged_at": diverged if diverged is not None and diverged < steps else None}


def clipping_sweep(make_model, batches, thresholds, steps: int, lr: float, reuse=None) -> dict:
    """Train a fresh ``make_model()`` once per threshold in ``thresholds`` (``None``: no clipping).

    Every run sees the same batches. Returns ``{threshold: history}`` with the histories of :func:`train`.
    ``reuse``: ``{threshold: history}`` of runs that :func:`train` already made from the same ``make_model()``
    start, on the same ``batches`` with the same ``lr``, for at least ``steps`` steps (or until a blow-up stopped
    them): their first ``steps`` steps are taken instead of training those thresholds again.
    """
    make_model, batches = as_callable(make_model, "make_model"), as_callable(batches, "batches")
    if isinstance(thresholds, (str, bytes, dict, set)) or not hasattr(thresholds, "__iter__"):
        raise TypeError(f"thresholds must be a list of max_norm values (None: no clipping), got {thresholds!r}")
    thresholds = [None if c is None else as_positive_float(c, "each of thresholds") for c in thresholds]
    if not thresholds:
        raise ValueError("thresholds must hold at least one max_norm (or None for no clipping)")
    steps, lr = as_positive_int(steps, "steps"), as_positive_float(lr, "lr")
    reuse = {} if reuse is None else _reusable_runs(reuse, thresholds, steps)
    return {c: _first_steps(reuse[c], steps) if c in reuse else train(make_model(), batches, steps, lr=lr, max_norm=c)
            for c in thresholds}


def _reusable_runs(reuse, thresholds: list, steps: int) -> dict:
    if not isinstance(reuse, dict) or not reuse:
        raise TypeError(f"reuse must be a non-empty dict {{threshold: history}} of runs made by train (or None), "
                        f"got {reuse!r}")
    for c, history in reuse.items():
        if c not in thresholds:
            raise ValueError(f"reuse has a run for threshold {c!r}, which is not one of thresholds {thresholds}")
        if not isinstance(history, dict) or not {"loss", "grad_norm", "diverged_at"} <= set(history):
            raise TypeError(f"reuse[{c!r}] must be a history returned by train, got {history!r}")
        if len(history["loss"]) < steps and history["diverged_at"] is None:
            raise ValueError(f"reuse[{c!r}] has {len(history['loss'])} steps, fewer than steps = {steps}")
    return reuse
