"""Loss layers: ``forward(scores, y)`` returns a number, ``backward()`` returns ``dscores`` — notebooks 02 and 05.

Squared error (``MSELoss``, ``SquaredErrorLoss``), binary cross-entropy on logits (``BinaryCrossEntropy``) and
softmax with cross-entropy (``softmax``, ``SoftmaxWithLoss``); ``predict(scores)`` turns scores into labels.
"""

from __future__ import annotations

import numpy as np

from helpers.layers._common import _as_array, _sigmoid
from helpers.validation import as_finite_float, as_float_array, as_labels, check_shape, require_forward


def _mean(values: np.ndarray) -> np.float64:
    """``np.mean(values)`` over every entry, to the last bit (the same sum divided by the same count), without
    its Python-level wrapper: a loss is taken at every training step."""
    return values.sum() / values.size


def _targets_like(scores: np.ndarray, y, binary: bool = False) -> np.ndarray:
    """``y`` as float with the shape of ``scores`` ((N,) labels are accepted for (N, 1) scores); with
    ``binary``, only 0 and 1 (the classes of a binary loss)."""
    y = _as_array(y, "y")
    if y.ndim == 1 and y.size == scores.size and scores.shape[1] == 1:
        y = y.reshape(scores.shape)
    if y.shape != scores.shape:
        raise ValueError(f"y must have shape {scores.shape} (or ({scores.shape[0]},)) like the scores, got {y.shape}")
    if binary and not ((y == 0) | (y == 1)).all():
        raise ValueError(f"y must hold the labels 0 and 1 of a binary task, got {np.unique(y)[:5]}")
    return y


def _scores(scores, name: str, width: int | None = None) -> np.ndarray:
    """Scores (N, K) for a static ``predict`` / ``probability``: a batch of finite numbers."""
    s = _as_array(scores, name, ndim=2)
    return s if width is None else check_shape(s, name, (None, width))


def _squared_error_diff(y_hat, y) -> np.ndarray:
    """``y_hat - y`` for a squared-error loss: ``y_hat`` (N, K), ``y`` like it (or (N,) when K = 1)."""
    y_hat = _as_array(y_hat, "y_hat", ndim=2)
    return y_hat - _targets_like(y_hat, y)


class MSELoss:
    """Mean squared error ``L = mean((y_hat - y)**2)`` over all N·K entries.

    Use it after a ``Sigmoid`` output; ``predict`` thresholds at 0.5.
    Shapes: ``y_hat`` (N, K), ``y`` (N, K) or (N,) when K = 1 -> ``L`` a float; ``backward()`` -> (N, K).
    """

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.diff = None  # y_hat - y

    def forward(self, y_hat, y) -> float:
        self.diff = _squared_error_diff(y_hat, y)
        return float(_mean(self.diff**2))

    def backward(self, dout: float = 1.0) -> np.ndarray:
        require_forward(self, self.diff)
        return as_finite_float(dout, "dout") * 2.0 * self.diff / self.diff.size

    @staticmethod
    def predict(y_hat) -> np.ndarray:
        """0/1 labels, shape (N,) for (N, 1) outputs: 1 where ``y_hat > 0.5``."""
        return (_scores(y_hat, "y_hat", 1) > 0.5).astype(int).squeeze(-1)


class SquaredErrorLoss:
    """Half the mean squared error, ``L = mean((y_hat - y)**2) / 2``, for regression (the Playground's loss).

    The ½ cancels the 2 of the derivative: ``dL/dy_hat = (y_hat - y) / N``. Use it on a linear output
    (``mlp(..., output_activation=None)``); it has no ``predict``, since a regression has no labels to count.
    Shapes: ``y_hat`` (N, 1), ``y`` (N, 1) or (N,) -> ``L`` a float; ``backward()`` -> (N, 1).
    """

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.diff = None  # y_hat - y

    def forward(self, y_hat, y) -> float:
        self.diff = _squared_error_diff(y_hat, y)
        return float(0.5 * _mean(self.diff**2))

    def backward(self, dout: float = 1.0) -> np.ndarray:
        require_forward(self, self.diff)
        return as_finite_float(dout, "dout") * self.diff / self.diff.size


class BinaryCrossEntropy:
    """Binary cross-entropy on scores (logits), with the sigmoid inside (PyTorch ``BCEWithLogitsLoss``).

    ``p = sigmoid(s)``, ``L = -mean(y log p + (1 - y) log(1 - p))``, and the gradient is simply
    ``(p - y) / N``. Computed as ``mean(softplus(s) - y s)``, finite for any score.
    Shapes: ``scores`` (N, 1), ``y`` (N, 1) or (N,) of 0/1 -> ``L`` a float; ``backward()`` -> (N, 1).
    """

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.p = None  # sigmoid(scores)
        self.y = None

    def forward(self, scores, y) -> float:
        scores = _as_array(scores, "scores", ndim=2)
        y = _targets_like(scores, y, binary=True)
        self.y, self.p = y, _sigmoid(scores)
        softplus = np.logaddexp(0.0, scores)  # log(1 + e^s), no overflow
        return float(_mean(softplus - self.y * scores))

    def backward(self, dout: float = 1.0) -> np.ndarray:
        require_forward(self, self.p)
        dout = as_finite_float(dout, "dout")
        dscores = self.p - self.y  # the one new array; the rest is done in it
        if dout != 1.0:
            dscores *= dout
        dscores /= self.y.size
        return dscores

    @staticmethod
    def predict(scores) -> np.ndarray:
        """0/1 labels, shape (N,) for (N, 1) scores: 1 where ``scores > 0`` (``p > 0.5``)."""
        return (_scores(scores, "scores", 1) > 0).astype(int).squeeze(-1)

    @staticmethod
    def probability(scores) -> np.ndarray:
        """``sigmoid(scores)``, (N, 1) -> (N, 1): the network's probability of class 1.

        NaN scores (from a network whose training diverged) give NaN, never an ordinary-looking probability.
        """
        s = check_shape(as_float_array(scores, "scores", ndim=2, allow_nan=True, nonempty=True), "scores", (None, 1))
        with np.errstate(invalid="ignore"):
            return _sigmoid(s)


def softmax(scores) -> np.ndarray:
    """Row-wise softmax ``exp(s_k) / sum_j exp(s_j)``, finite for any scores (the row maximum is subtracted
    first, which changes nothing mathematically). Shapes: (N, K) -> (N, K), rows sum to 1."""
    s = _as_array(scores, "scores", ndim=2)
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


class SoftmaxWithLoss:
    """Softmax followed by the cross-entropy loss, as one layer (PyTorch ``nn.CrossEntropyLoss``).

    ``p = softmax(s)`` row by row and ``L = -mean_n log p[n, y_n]``. Together they have the simple
    gradient ``dL/ds = (p - onehot(y)) / N``. The log-probabilities are computed as
    ``s - logsumexp(s)`` (log-sum-exp with the row maximum subtracted), so the loss stays finite even for
    scores like 1e4 where ``exp`` alone would overflow.

    Shapes: ``scores`` (N, K), ``y`` (N,) of class numbers 0..K-1 -> ``L`` a float;
    ``backward()`` -> (N, K); ``predict(scores)`` -> (N,) ints.
    """

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.p = None  # softmax(scores), (N, K)
        self.y = None  # labels, (N,)

    def forward(self, scores, y) -> float:
        s = _as_array(scores, "scores", ndim=2)
        self.y = as_labels(y, "y", s.shape[0], s.shape[1])
        shifted = s - s.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        self.p = np.exp(log_p)
        return float(-_mean(log_p[np.arange(len(self.y)), self.y]))

    def backward(self, dout: float = 1.0) -> np.ndarray:
        require_forward(self, self.p)
        dout = as_finite_float(dout, "dout")
        dscores = self.p.copy()  # the one new array; the rest is done in it
        dscores[np.arange(len(self.y)), self.y] -= 1.0
        if dout != 1.0:
            dscores *= dout
        dscores /= len(self.y)
        return dscores

    @staticmethod
    def predict(scores) -> np.ndarray:
        """The class with the highest score, (N, K) -> (N,) ints."""
        return np.argmax(_scores(scores, "scores"), axis=1)

    @staticmethod
    def probability(scores) -> np.ndarray:
        """``softmax(scores)``, shape (N, K): the network's probability of each class."""
        return softmax(scores)
