"""The experiments of notebook 06: activations through a deep stack, deep MLPs with a chosen
initialiser (and batch norm), and short training runs on the digits.
"""

from __future__ import annotations

import numpy as np

from helpers.datasets import load_digits
from helpers.init import get_initialiser, initialise
from helpers.layers import ACTIVATION_LAYERS, Affine, BatchNorm, Sequential, SoftmaxWithLoss, set_training
from helpers.optim import SGD
from helpers.train import Trainer
from helpers.validation import (
    as_bool,
    as_choice,
    as_float_array,
    as_positive_int,
    as_rng,
    as_sequence,
    as_sizes,
    internal_values,
    require_methods,
)

LEAKY_SLOPE = 0.01  # leaky ReLU's slope for z < 0 (PyTorch's default negative_slope)

#: The activation functions of the classic experiment, as plain functions of an array.
ACTIVATION_FUNCTIONS = {
    "sigmoid": lambda z: 0.5 * (1.0 + np.tanh(0.5 * z)),  # = 1 / (1 + e^-z), no overflow
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0),
    "leaky relu": lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
}

#: Their derivatives f'(z), written as functions of the output a = f(z) (cheaper: no second exp or tanh).
ACTIVATION_DERIVATIVES = {
    "sigmoid": lambda a: a * (1.0 - a),  # at most 0.25
    "tanh": lambda a: 1.0 - a**2,
    "relu": lambda a: (a > 0).astype(float),
    "leaky relu": lambda a: np.where(a > 0, 1.0, LEAKY_SLOPE),
}


def _check_activation(activation: str) -> str:
    return as_choice(activation, "activation", ACTIVATION_FUNCTIONS)


def stack_weights(init, depth: int, n_units: int, rng=None) -> list[np.ndarray]:
    """``depth`` weight matrices (n_units, n_units) from ``init`` (a name or a function), drawn in turn from ``rng``."""
    make = get_initialiser(init)
    depth, n_units = as_positive_int(depth, "depth"), as_positive_int(n_units, "n_units")
    rng = as_rng(rng, "rng")
    return [make(n_units, n_units, rng) for _ in range(depth)]


def layer_activations(init, activation: str, depth: int = 5, n_units: int = 100, n_samples: int = 1000,
                      rng=None) -> list[np.ndarray]:
    """The classic experiment: push ``n_samples`` standard-normal inputs through ``depth`` layers of
    ``n_units`` units (weights from ``init``, no bias) and return each layer's activations.

    Args:
        init: an initialiser name (see ``helpers.init.INITIALISERS``, e.g. ``"std 1"``, ``"xavier"``) or a
            function ``(n_in, n_out, rng) -> W``.
        activation: ``"sigmoid"``, ``"tanh"``, ``"relu"`` or ``"leaky relu"``.

    Returns:
        ``depth`` arrays of shape (n_samples, n_units), layer 1 first.
    """
    f = ACTIVATION_FUNCTIONS[_check_activation(activation)]
    depth, n_units = as_positive_int(depth, "depth"), as_positive_int(n_units, "n_units")
    rng = as_rng(rng, "rng")
    a = rng.standard_normal((as_positive_int(n_samples, "n_samples"), n_units))
    acts = []
    with np.errstate(over="ignore"):  # std 1 with ReLU grows by ~7x per layer: large, but finite at depth <= 10
        for W in stack_weights(init, depth, n_units, rng):
            a = f(a @ W)
            acts.append(a)
    return acts


def _batches(n: int, batch_size: int | None) -> list[slice]:
    """Rows of ``n // batch_size`` nearly equal batches (each of at least ``batch_size`` rows), as slices (views)."""
    if batch_size is None:
        return [slice(0, n)]
    batch_size = as_positive_int(batch_size, "batch_size")
    if not 2 <= batch_size <= n:
        raise ValueError(f"batch_size must be between 2 and n_samples = {n} (batch norm needs 2 samples), "
                         f"got {batch_size}")
    bounds = np.linspace(0, n, n // batch_size + 1).astype(int)  # as np.array_split: sizes differ by at most 1
    return [slice(start, stop) for start, stop in zip(bounds[:-1], bounds[1:], strict=True)]


def _known_acts(known_acts, shape, batchnorm: bool) -> list[np.ndarray]:
    """``forward_backward``'s ``known_acts``, checked: a list of arrays of the inputs' shape, none with batch norm."""
    known = as_sequence(known_acts, "known_acts", "arrays, one per layer")
    if known and batchnorm:
        raise ValueError(f"known_acts works only without batch norm (its layers see the batch), got {len(known)} "
                         "layers with batchnorm=True")
    known = [as_float_array(a, f"known_acts[{i}]", ndim=2, allow_nan=True) for i, a in enumerate(known)]
    for i, a in enumerate(known):
        if a.shape != shape:
            raise ValueError(f"known_acts[{i}] must have the shape of x {shape}, got {a.shape}")
    return known


def forward_backward(x, weights, activation: str, upstream, *, batchnorm: bool = False,
                     batch_size: int | None = None, train: bool = True, known_acts=()):
    """Forward through ``a_l = f(BN(a_{l-1} @ W_l))`` (BN optional), then back from ``dL/da_depth = upstream``.

    Args:
        x: the inputs (N, n_units); weights: ``depth`` arrays (n_units, n_units).
        activation: a name of ``ACTIVATION_FUNCTIONS``.
        upstream: (N, n_units), the gradient arriving at the last layer's output (``L = sum(a_depth * upstream)``).
        batchnorm: a ``helpers.layers.BatchNorm`` (gamma 1, beta 0) between each ``a @ W`` and the activation.
        batch_size: with batch norm, the samples are processed in batches of (about) this size; ``None`` is one
            batch of all N.
        train: with batch norm, ``True`` normalises each batch with its own statistics; ``False`` first runs
            one training pass over the batches (forward only) to collect the running statistics (their plain
            average, PyTorch's ``momentum=None``) and then normalises every sample with those.
        known_acts: without batch norm, the first layers' activations from an earlier call with the same ``x``
            and the same first weights (a prefix of its ``acts``, (N, n_units) each): they are used, not
            computed again, since a layer's output does not depend on the layers after it (a step of the
            explorer's L). Layers beyond ``depth`` are ignored.

    Returns:
        ``(acts, grads)``: ``depth`` arrays (N, n_units) each; ``acts[l]`` is layer l + 1's output and
        ``grads[l]`` is ``dL/dz`` at its weighted sum ``z = a_{l-1} @ W_l`` (what ``dW_l = a_{l-1}^T dz`` is made of).
    """
    f, df = ACTIVATION_FUNCTIONS[_check_activation(activation)], ACTIVATION_DERIVATIVES[activation]
    x, upstream = as_float_array(x, "x", ndim=2, nonempty=True), as_float_array(upstream, "upstream", ndim=2)
    if upstream.shape != x.shape:
        raise ValueError(f"upstream must have the shape of x {x.shape}, got {upstream.shape}")
    if isinstance(weights, (str, bytes, dict)) or not hasattr(weights, "__len__") or len(weights) == 0:
        raise TypeError(f"weights must be a list of (n_units, n_units) arrays, got {type(weights).__name__}")
    weights = [as_float_array(W, "each of weights", ndim=2) for W in weights]
    if any(W.shape != (x.shape[1], x.shape[1]) for W in weights):
        raise ValueError(f"weights must all have shape {(x.shape[1], x.shape[1])} like x's width, got "
                         f"{[W.shape for W in weights]}")
    batchnorm, train = as_bool(batchnorm, "batchnorm"), as_bool(train, "train")
    if batch_size is not None:
        batch_size = as_positive_int(batch_size, "batch_size")
    known_acts = _known_acts(known_acts, x.shape, batchnorm)[: len(weights)]
    norms = [BatchNorm(W.shape[1], momentum=None) for W in weights] if batchnorm else []
    batches = _batches(len(x), batch_size if batchnorm else None)
    if batchnorm and not train:
        for rows in batches:  # the training pass that fills the running statistics
            a = x[rows]
            for W, bn in zip(weights, norms, strict=True):
                a = f(bn.forward(a @ W, train=True))
        batches = [slice(0, len(x))]
    acts, grads = [[] for _ in weights], [[] for _ in weights]  # per layer, one array per batch
    with np.errstate(over="ignore", invalid="ignore"), internal_values():  # what overflows is the lesson
        for rows in batches:
            a = x[rows]
            for i, W in enumerate(weights):
                if i < len(known_acts):  # without batch norm: one batch of all rows
                    a = known_acts[i]
                else:
                    z = a @ W
                    a = f(norms[i].forward(z, train=train) if batchnorm else z)
                acts[i].append(a)
            da = upstream[rows]
            for i in reversed(range(len(weights))):
                dz = da * df(acts[i][-1])
                dz = norms[i].backward(dz) if batchnorm else dz
                grads[i].append(dz)
                if i:  # the gradient for the inputs x is not needed
                    da = dz @ weights[i].T
    whole = (lambda parts: parts[0]) if len(batches) == 1 else np.concatenate  # one batch: no copy
    return [whole(parts) for parts in acts], [whole(parts) for parts in grads]


def deep_mlp(sizes, activation: str = "relu", init="he", *, batchnorm: str | None = None, rng=None) -> Sequential:
    """An MLP whose ``Affine`` weights come from ``init`` (biases 0), optionally with ``BatchNorm``.

    Args:
        sizes: units per layer, input first, e.g. ``[64, 100, 100, 10]``.
        activation: ``"sigmoid"``, ``"tanh"`` or ``"relu"`` after every hidden layer.
        init: an initialiser name or function (see :func:`helpers.init.get_initialiser`).
        batchnorm: ``None``; ``"before"`` the activation (Affine -> BatchNorm -> act, as in the paper); or
            ``"after"`` it (Affine -> act -> BatchNorm).
    """
    sizes = as_sizes(sizes)
    as_choice(activation, "activation", ACTIVATION_LAYERS)
    as_choice(batchnorm, "batchnorm", ("before", "after"), allow_none=True)
    get_initialiser(init)
    rng = as_rng(rng, "rng")
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        layers.append(Affine(n_in, n_out))
        if i < len(sizes) - 2:
            act = ACTIVATION_LAYERS[activation]()
            if batchnorm == "before":
                layers += [BatchNorm(n_out), act]
            elif batchnorm == "after":
                layers += [act, BatchNorm(n_out)]
            else:
                layers.append(act)
    return initialise(Sequential(layers), init, rng)


def digits_split(n_test: int = 297, seed: int = 0):
    """The digits shuffled with ``seed`` and split: ``(X_train, y_train, X_test, y_test)``, X (N, 64) in [0, 1]."""
    X, y = load_digits()
    n_test = as_positive_int(n_test, "n_test", high=len(X) - 1)
    order = as_rng(seed, "seed").permutation(len(X))
    test, train = order[:n_test], order[n_test:]
    return X[train], y[train], X[test], y[test]


def train_digits(model, data, *, epochs: int = 8, lr: float = 0.1, batch_size: int = 64, seed: int = 0) -> dict:
    """Train ``model`` (a ``Sequential`` ending in 10 scores) on ``data`` from :func:`digits_split` with SGD.

    Returns the trainer's history (``"loss"``, ``"accuracy"`` per epoch) plus ``"test_accuracy"``, measured
    in evaluation mode (batch norm uses its running statistics).
    """
    require_methods(model, "model", ("forward", "backward", "params", "grads"), "a Sequential")
    if not isinstance(data, (tuple, list)) or len(data) != 4:
        raise TypeError(f"data must be the four arrays (X_train, y_train, X_test, y_test) of digits_split(), "
                        f"got {type(data).__name__} of length {len(data) if hasattr(data, '__len__') else '?'}")
    X_train, y_train, X_test, y_test = data
    set_training(model, True)
    trainer = Trainer(model, SoftmaxWithLoss(), SGD(lr), X_train, y_train, batch_size=batch_size, seed=seed)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is reported as a NaN loss, not a warning
        history = trainer.fit(epochs)
        set_training(model, False)
        history["test_accuracy"] = float(np.mean(trainer.predict(X_test) == y_test))
    set_training(model, True)
    return history
