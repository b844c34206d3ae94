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
from helpers.validation import as_choice, as_positive_int, as_rng, as_sizes, require_methods

#: The activation functions of the classic experiment, as plain functions of an array.
ACTIVATION_FUNCTIONS = {
    "sigmoid": lambda z: 0.5 * (1.0 + np.tanh(0.5 * z)),  # = 1 / (1 + e^-z), no overflow
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0),
}


def layer_activations(init, activation: str, depth: int = 5, n_units: int = 100, n_samples: int = 1000,
                      rng=None) -> list[np.ndarray]:
    """The classic experiment: push ``n_samples`` standard-normal inputs through ``depth`` layers of
    ``n_units`` units (weights from ``init``, no bias) and return each layer's activations.

    Args:
        init: an initialiser name (see ``helpers.init.INITIALISERS``, e.g. ``"std 1"``, ``"xavier"``) or a
            function ``(n_in, n_out, rng) -> W``.
        activation: ``"sigmoid"``, ``"tanh"`` or ``"relu"``.

    Returns:
        ``depth`` arrays of shape (n_samples, n_units), layer 1 first.
    """
    as_choice(activation, "activation", ACTIVATION_FUNCTIONS)
    make, f = get_initialiser(init), ACTIVATION_FUNCTIONS[activation]
    depth, n_units = as_positive_int(depth, "depth"), as_positive_int(n_units, "n_units")
    rng = as_rng(rng, "rng")
    a = rng.standard_normal((as_positive_int(n_samples, "n_samples"), n_units))
    acts = []
    with np.errstate(over="ignore"):  # std 1 with ReLU grows by ~7x per layer: large, but finite at depth <= 10
        for _ in range(depth):
            a = f(a @ make(n_units, n_units, rng))
            acts.append(a)
    return acts


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
