"""Vector layers with ``forward(x)`` / ``backward(dout)`` — notebook 02 onwards.

Every layer follows the same small contract (DESIGN.md, examples 1-5):

- ``forward(x)`` computes the output and keeps in a cache exactly what ``backward`` needs
  (declared as ``None`` in ``__init__``);
- ``backward(dout)`` takes the gradient of the loss with respect to the output and returns the
  gradient with respect to the input. It never changes ``dout`` in place;
- ``params`` and ``grads`` are dicts with the same keys (``"W"``, ``"b"``), so an optimiser can update
  any layer without knowing what it is. Layers without parameters have empty dicts.

A loss is a layer too: ``forward(scores, y)`` returns a number, ``backward()`` returns ``dscores``, and
``predict(scores)`` turns scores into 0/1 labels.
"""

from __future__ import annotations

import numpy as np

from helpers.validation import (
    as_bool,
    as_choice,
    as_dout,
    as_finite_float,
    as_float_array,
    as_labels,
    as_positive_float,
    as_positive_int,
    as_rng,
    as_sizes,
    check_shape,
    internal_values,
    require_forward,
    require_methods,
)


def _as_array(x, name: str, ndim: int | None = None) -> np.ndarray:
    """``x`` as finite float64 (a batch of at least one sample when ``ndim`` is given), or a clear error from
    :func:`helpers.validation.as_float_array`; a float64 array costs one ``sum`` (the fast path in a network)."""
    return as_float_array(x, name, ndim=ndim, nonempty=ndim is not None)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """``1 / (1 + exp(-x))`` without overflow for large ``|x|`` (exp is only taken of ``-|x|``)."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


class Affine:
    """Fully connected layer ``out = x @ W + b`` (PyTorch ``nn.Linear``, Keras ``Dense`` without activation).

    Args:
        n_in: inputs per sample; n_out: outputs per sample.
        rng: a ``np.random.Generator`` or a seed for the starting weights.
        weight_scale: standard deviation of the normal starting weights; default ``1 / sqrt(n_in)``.
            Biases start at 0.

    Shapes: ``x`` (N, n_in) -> ``out`` (N, n_out); ``W`` (n_in, n_out); ``b`` (n_out,).
    """

    def __init__(self, n_in: int, n_out: int, *, rng=None, weight_scale: float | None = None):
        self.n_in = as_positive_int(n_in, "n_in")
        self.n_out = as_positive_int(n_out, "n_out")
        rng = as_rng(rng, "rng")
        scale = 1.0 / np.sqrt(self.n_in) if weight_scale is None else as_finite_float(weight_scale, "weight_scale",
                                                                                        low=0.0)
        self.params = {"W": scale * rng.standard_normal((self.n_in, self.n_out)), "b": np.zeros(self.n_out)}
        self.grads = {"W": np.zeros_like(self.params["W"]), "b": np.zeros_like(self.params["b"])}
        self.x = None  # the input, for dW

    def forward(self, x) -> np.ndarray:
        """``x`` (N, n_in) -> ``x @ W + b`` (N, n_out)."""
        x = _as_array(x, "x", ndim=2)
        if x.shape[1] != self.n_in:
            raise ValueError(f"x must have shape (N, {self.n_in}) for Affine({self.n_in}, {self.n_out}), got {x.shape}")
        self.x = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, dout: np.ndarray) -> np.ndarray:
        """``dout`` (N, n_out) -> ``dx`` (N, n_in); stores ``grads["W"]`` (n_in, n_out) and ``grads["b"]`` (n_out,)."""
        require_forward(self, self.x)
        dout = as_dout(dout, (self.x.shape[0], self.n_out))
        self.grads["W"] = self.x.T @ dout
        self.grads["b"] = dout.sum(axis=0)
        return dout @ self.params["W"].T

    def __repr__(self) -> str:
        return f"Affine({self.n_in}, {self.n_out})"


class _Activation:
    """Shared parts of the elementwise activations: no parameters, same shape in and out."""

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.out = None  # what backward needs (the output, or for ReLU the mask)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Sigmoid(_Activation):
    """``out = 1 / (1 + exp(-x))``, elementwise; ``dx = dout * out * (1 - out)``. Shapes: any, kept."""

    def forward(self, x) -> np.ndarray:
        self.out = _sigmoid(_as_array(x, "x"))
        return self.out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        require_forward(self, self.out)
        return as_dout(dout, self.out.shape) * self.out * (1.0 - self.out)


class Tanh(_Activation):
    """``out = tanh(x)``, elementwise; ``dx = dout * (1 - out**2)``. Shapes: any, kept."""

    def forward(self, x) -> np.ndarray:
        self.out = np.tanh(_as_array(x, "x"))
        return self.out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        require_forward(self, self.out)
        return as_dout(dout, self.out.shape) * (1.0 - self.out**2)


class ReLU(_Activation):
    """``out = max(0, x)``, elementwise; ``dx = dout`` where ``x > 0``, else 0. Shapes: any, kept.

    Unlike deep-learning-from-scratch's ``Relu.backward``, ``dout`` is not zeroed in place: a new array
    is returned.
    """

    def forward(self, x) -> np.ndarray:
        x = _as_array(x, "x")
        self.out = x > 0  # the mask
        return np.where(self.out, x, 0.0)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        require_forward(self, self.out)
        return np.where(self.out, as_dout(dout, self.out.shape), 0.0)


class Linear(_Activation):
    """The identity ``out = x`` (the Playground's "linear" activation); ``dx = dout``. Shapes: any, kept.

    A network whose every activation is linear is one affine map, however deep: the trainer shows it.
    """

    def forward(self, x) -> np.ndarray:
        x = _as_array(x, "x")
        self.out = x.shape  # backward needs only the shape
        return x

    def backward(self, dout: np.ndarray) -> np.ndarray:
        require_forward(self, self.out)
        return as_dout(dout, self.out).copy()


class Step(_Activation):
    """The perceptron's step ``out = 1 if x > 0 else 0``, elementwise; ``dx = 0`` (its slope is zero wherever
    it has one), so nothing before a step layer ever learns. Shapes: any, kept."""

    def forward(self, x) -> np.ndarray:
        x = _as_array(x, "x")
        self.out = (x > 0).astype(float)
        return self.out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        require_forward(self, self.out)
        return np.zeros_like(as_dout(dout, self.out.shape))


#: Activation layers by name (the trainer's dropdown and ``mlp`` use these).
ACTIVATION_LAYERS = {"tanh": Tanh, "sigmoid": Sigmoid, "relu": ReLU, "linear": Linear, "step": Step}


class Sequential:
    """Layers applied in order (PyTorch ``nn.Sequential``, Keras ``Sequential``).

    ``params`` and ``grads`` are flat dicts ``{"0.W": ..., "0.b": ..., "2.W": ...}`` whose values are the
    layers' own arrays, so an optimiser that updates ``params`` in place updates the layers.

    Shapes: ``x`` (N, n_in of the first layer) -> (N, n_out of the last layer).
    """

    def __init__(self, layers):
        if not isinstance(layers, (list, tuple)):
            raise TypeError(f"layers must be a list of layers, got {type(layers).__name__} {layers!r}")
        self.layers = list(layers)
        for i, layer in enumerate(self.layers):
            require_methods(layer, f"layers[{i}]", ("forward", "backward"), "Affine or ReLU")

    def forward(self, x) -> np.ndarray:
        """The first layer checks ``x``; what flows between the layers may be NaN once training diverged."""
        if not self.layers:
            return as_float_array(x, "x")
        x = self.layers[0].forward(x)
        with internal_values():
            for layer in self.layers[1:]:
                x = layer.forward(x)
        return x

    def backward(self, dout: np.ndarray) -> np.ndarray:
        """The last layer checks ``dout`` (shape and values); the gradients it passes back are the model's own."""
        if not self.layers:
            return as_float_array(dout, "dout")
        dout = self.layers[-1].backward(dout)
        with internal_values():
            for layer in reversed(self.layers[:-1]):
                dout = layer.backward(dout)
        return dout

    @property
    def params(self) -> dict[str, np.ndarray]:
        return {f"{i}.{k}": v for i, layer in enumerate(self.layers) for k, v in layer.params.items()}

    @property
    def grads(self) -> dict[str, np.ndarray]:
        return {f"{i}.{k}": v for i, layer in enumerate(self.layers) for k, v in layer.grads.items()}

    def __repr__(self) -> str:
        return "Sequential([" + ", ".join(map(repr, self.layers)) + "])"


def mlp(sizes, activation: str = "tanh", *, rng=None, output_activation: str | None = None) -> Sequential:
    """A multi-layer perceptron: ``Affine`` layers of ``sizes`` with ``activation`` between them.

    Args:
        sizes: units per layer from input to output, e.g. ``[2, 2, 1]`` for the 2-2-1 XOR network.
        activation: ``"tanh"``, ``"sigmoid"``, ``"relu"``, ``"linear"`` or ``"step"`` after every hidden ``Affine``.
        rng: a ``np.random.Generator`` or a seed for the starting weights.
        output_activation: optional activation after the last ``Affine`` (e.g. ``"sigmoid"`` for MSELoss).
    """
    sizes = as_sizes(sizes)
    as_choice(activation, "activation", ACTIVATION_LAYERS)
    as_choice(output_activation, "output_activation", ACTIVATION_LAYERS, allow_none=True)
    rng = as_rng(rng, "rng")
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        layers.append(Affine(n_in, n_out, rng=rng))
        if i < len(sizes) - 2:
            layers.append(ACTIVATION_LAYERS[activation]())
    if output_activation is not None:
        layers.append(ACTIVATION_LAYERS[output_activation]())
    return Sequential(layers)


def _targets_like(scores: np.ndarray, y, binary: bool = False) -> np.ndarray:
    """``y`` as float with the shape of ``scores`` ((N,) labels are accepted for (N, 1) scores); with
    ``binary``, only 0 and 1 (the classes of a binary loss)."""
    y = _as_array(y, "y")
    if y.ndim == 1 and y.size == scores.size and scores.shape[1] == 1:
        y = y.reshape(scores.shape)
    if y.shape != scores.shape:
        raise ValueError(f"y must have shape {scores.shape} (or ({scores.shape[0]},)) like the scores, got {y.shape}")
    if binary and not np.all((y == 0) | (y == 1)):
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
        return float(np.mean(self.diff**2))

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
        return float(0.5 * np.mean(self.diff**2))

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
        return float(np.mean(softplus - self.y * scores))

    def backward(self, dout: float = 1.0) -> np.ndarray:
        require_forward(self, self.p)
        return as_finite_float(dout, "dout") * (self.p - self.y) / self.y.size

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


# --- Batch normalisation (notebook 06) ----------------------------------------------------------------


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


# --- Multi-class output (notebook 05) -----------------------------------------------------------------


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
        return float(-np.mean(log_p[np.arange(len(self.y)), self.y]))

    def backward(self, dout: float = 1.0) -> np.ndarray:
        require_forward(self, self.p)
        dout = as_finite_float(dout, "dout")
        dscores = self.p.copy()
        dscores[np.arange(len(self.y)), self.y] -= 1.0
        return dout * dscores / len(self.y)

    @staticmethod
    def predict(scores) -> np.ndarray:
        """The class with the highest score, (N, K) -> (N,) ints."""
        return np.argmax(_scores(scores, "scores"), axis=1)

    @staticmethod
    def probability(scores) -> np.ndarray:
        """``softmax(scores)``, shape (N, K): the network's probability of each class."""
        return softmax(scores)
