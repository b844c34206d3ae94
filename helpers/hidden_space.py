"""The hidden space (notebook 02): where a network's hidden layer puts the data points.

A hidden layer replaces each point ``x`` by the vector of its neurons' outputs; in that new space the
next layer draws its lines. :func:`hidden_coordinates` computes those vectors for a
:class:`helpers.layers.Sequential` of ``Affine`` and activation layers (as built by
:func:`helpers.layers.mlp`); :func:`next_layer_line` is the line the following unit draws there.
:func:`xor_training_frames` trains the 2-2-1 tanh network on the XOR table and keeps its weights after every
epoch, :func:`hidden_frame` reads one of them, and :func:`separation_margin` says how wide a strip a line can
leave between the two classes (0 or less: no line separates them). :func:`train_together` trains many
networks of one shape at once, the same steps as ``Trainer`` (notebook 02 trains 200 starts of XOR with it).
"""

from __future__ import annotations

import numpy as np

from helpers.datasets import truth_table
from helpers.layers import Affine, BinaryCrossEntropy, ReLU, Sequential, Sigmoid, Tanh, mlp
from helpers.optim import SGD
from helpers.train import Trainer
from helpers.train_together import fit_together
from helpers.validation import as_finite_float, as_float_array, as_int, as_labels, as_sequence, check_shape


def _hidden_ends(model) -> list[int]:
    """Index (into ``model.layers``) of the last layer of each hidden layer: its activation, or the
    ``Affine`` itself if no activation follows it."""
    if not isinstance(model, Sequential) or not model.layers or not isinstance(model.layers[0], Affine):
        raise TypeError(f"model must be a Sequential that starts with an Affine layer (like mlp([2, 2, 1])), "
                        f"got {type(model).__name__}")
    layers = model.layers
    return [k for k in range(len(layers) - 1) if isinstance(layers[k + 1], Affine)]


def hidden_coordinates(model, X, layer: int = 1) -> np.ndarray:
    """The outputs of hidden layer ``layer`` (1 = the first, after its activation) for the rows of ``X``.

    Args:
        model: a ``Sequential`` of ``Affine`` and activation layers with at least one hidden layer.
        X: inputs, shape (N, D) with D the model's input size.
        layer: which hidden layer, 1 .. number of hidden layers.

    Returns:
        shape (N, H): one row per point, one column per neuron of that hidden layer.
    """
    ends = _hidden_ends(model)
    n_in = model.layers[0].params["W"].shape[0]
    X = check_shape(as_float_array(X, "X", ndim=2, nonempty=True), "X", (None, n_in), "(the model's input size)")
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or not 1 <= layer <= len(ends):
        raise ValueError(f"layer must be a whole number from 1 to {len(ends)} (the model's hidden layers), "
                         f"got {layer!r}")
    out = X
    for k in range(ends[layer - 1] + 1):
        out = model.layers[k].forward(out)
    return out


def next_layer_line(model, layer: int = 1, unit: int = 0) -> tuple[np.ndarray, float]:
    """``(w, b)`` of the line ``w · h + b = 0`` that unit ``unit`` of the next layer draws in hidden
    layer ``layer``'s space: ``w`` shape (H,), ``b`` a number (the unit's score is 0 on the line)."""
    ends = _hidden_ends(model)  # checks model
    hidden_coordinates(model, np.zeros((1, model.layers[0].params["W"].shape[0])), layer)  # checks layer
    affine = model.layers[ends[layer - 1] + 1]
    unit = as_int(unit, "unit", low=0, high=affine.params["W"].shape[1] - 1)
    return affine.params["W"][:, unit].copy(), float(affine.params["b"][unit])


def xor_training_frames(seed: int = 0, lr: float = 2.0, epochs: int = 300) -> dict[str, np.ndarray]:
    """Train notebook 02's 2-2-1 tanh network (``mlp([2, 2, 1], "tanh", rng=seed)``, binary cross-entropy,
    full-batch ``SGD(lr)``) on the four rows of the XOR table and keep its weights before the first epoch and
    after every epoch.

    Returns ``{"W1", "b1", "W2", "b2"}`` of shapes (epochs + 1, 2, 2), (epochs + 1, 2), (epochs + 1, 2),
    (epochs + 1,): frame ``t`` is the network after ``t`` epochs.
    """
    seed = as_int(seed, "seed", low=0)
    lr = as_finite_float(lr, "lr", low=0.0, low_open=True, high=100.0)
    epochs = as_int(epochs, "epochs", low=1, high=100_000)
    X, y = truth_table("XOR")
    model = mlp([2, 2, 1], "tanh", rng=seed)
    trainer = Trainer(model, BinaryCrossEntropy(), SGD(lr=lr), X, y)
    first, last = model.layers[0].params, model.layers[2].params
    frames = {"W1": [], "b1": [], "W2": [], "b2": []}
    for t in range(epochs + 1):
        if t:
            trainer.run_epoch()
        for name, value in (("W1", first["W"]), ("b1", first["b"]), ("W2", last["W"][:, 0]), ("b2", last["b"][0])):
            frames[name].append(np.array(value, dtype=float))
    return {name: np.array(values) for name, values in frames.items()}


_FRAME_SHAPES = {"W1": (2, 2), "b1": (2,), "W2": (2,), "b2": ()}  # one epoch's weights in xor_training_frames


def _as_frames(frames) -> dict[str, np.ndarray]:
    """``frames`` as :func:`xor_training_frames` returns it (its four keys, arrays of finite numbers with one
    row per epoch, at least one, the same number in each), as float arrays; else a clear error."""
    if not isinstance(frames, dict):
        raise TypeError(f"frames must be the dict that xor_training_frames returns (W1, b1, W2, b2), "
                        f"got {type(frames).__name__}")
    if frames.keys() != _FRAME_SHAPES.keys():
        raise ValueError(f"frames must have the keys of xor_training_frames, {sorted(_FRAME_SHAPES)}, "
                         f"got {sorted(map(str, frames))}")
    frames = {name: as_float_array(frames[name], f"frames[{name!r}]") for name in _FRAME_SHAPES}
    rows = frames["b2"].shape[0] if frames["b2"].ndim == 1 else None
    for name, shape in _FRAME_SHAPES.items():
        check_shape(frames[name], f"frames[{name!r}]", (rows, *shape), "(one row per epoch)")
    if rows == 0:
        raise ValueError("frames must hold at least one epoch, got none")
    return frames


def hidden_frame(frames: dict, t: int, X) -> dict[str, np.ndarray]:
    """Frame ``t`` of :func:`xor_training_frames` applied to the inputs ``X`` (N, 2).

    Returns ``{"hidden": (N, 2) the points tanh(X W1 + b1), "p": (N,) p(class 1) = sigmoid(hidden · w2 + b2),
    "lines": (2, 3) each hidden neuron's line (w_1, w_2, b) in the input plane, "out": (3,) the output's line
    (w_1, w_2, b) in the hidden space}``.
    """
    frames = _as_frames(frames)
    t = as_int(t, "t", low=0, high=len(frames["b2"]) - 1)
    X = check_shape(as_float_array(X, "X", ndim=2, nonempty=True), "X", (None, 2), "(the inputs x1, x2)")
    W1, b1, w2, b2 = (frames[name][t] for name in ("W1", "b1", "W2", "b2"))
    hidden = np.tanh(X @ W1 + b1)
    with np.errstate(over="ignore"):
        p = 1.0 / (1.0 + np.exp(-(hidden @ w2 + b2)))
    return {"hidden": hidden, "p": p, "lines": np.column_stack([W1.T, b1]), "out": np.append(w2, b2)}


def separation_margin(points, y, n_angles: int = 3600) -> float:
    """Half the widest gap a straight line can leave between the class-0 and class-1 points (2-D).

    Searched over ``n_angles`` directions of the line's normal, so it is the true margin up to that
    resolution, from below. Positive: some line separates the classes; 0 or negative: none does (for
    example two points of different classes in the same place).

    Args:
        points: shape (N, 2); y: 0/1 labels, shape (N,), both classes present.
    """
    points = as_float_array(points, "points", ndim=2)
    if points.shape[1] != 2:
        raise ValueError(f"points must have shape (N, 2), got {points.shape}")
    y = as_labels(y, "y", len(points), 2)
    if y.min() == y.max():
        raise ValueError("y must hold both classes 0 and 1")
    n_angles = as_int(n_angles, "n_angles", low=4, high=10**6)
    angles = np.linspace(0, 2 * np.pi, n_angles, endpoint=False)
    normals = np.column_stack([np.cos(angles), np.sin(angles)])  # (A, 2)
    along = points @ normals.T  # (N, A)
    gaps = along[y == 1].min(axis=0) - along[y == 0].max(axis=0)  # class 1 beyond class 0 along each normal
    return float(gaps.max() / 2)


_TOGETHER_ACTIVATIONS = (Tanh, Sigmoid, ReLU)


def _check_networks(models) -> tuple:
    """``models`` as a tuple of networks of one shape (Affine layers with tanh, sigmoid or relu between them and one
    output), or a clear error naming the first that is not."""
    models = as_sequence(models, "models", "networks built by mlp (Affine and tanh/sigmoid/relu layers)")
    if not models:
        raise ValueError("models must hold at least one network, got none")
    shapes = None
    for i, model in enumerate(models):
        if not isinstance(model, Sequential):
            raise TypeError(f"models[{i}] must be a Sequential built by mlp, got {type(model).__name__}")
        layers = model.layers
        kinds = ["affine" if isinstance(layer, Affine) else type(layer) for layer in layers]
        ok = (len(layers) % 2 == 1 and all(k == "affine" for k in kinds[::2])
              and all(k in _TOGETHER_ACTIVATIONS for k in kinds[1::2]) and layers[-1].params["W"].shape[1] == 1)
        if not ok:
            raise ValueError(f"models[{i}] must be Affine layers with tanh, sigmoid or relu between them and one "
                             f"output, like mlp([2, 2, 1], 'tanh'), got {model!r}")
        these = [(kind, layer.params["W"].shape if kind == "affine" else None)
                 for kind, layer in zip(kinds, layers, strict=True)]
        if shapes is not None and these != shapes:
            raise ValueError(f"models[{i}] must have the same layers and sizes as models[0], got {model!r}")
        shapes = these
    return models


def train_together(models, X, y, lr: float = 2.0, epochs: int = 100) -> np.ndarray:
    """Train every network in ``models`` for ``epochs`` full-batch epochs at once, in place.

    Each network takes exactly the steps ``Trainer(model, BinaryCrossEntropy(), SGD(lr), X, y).fit(epochs)``
    would give it, to the last bit, and ends with the weights that would leave it: those Trainers are trained by
    :func:`helpers.train_together.fit_together` (one NumPy call per step serves every network).

    Args:
        models: networks of one shape, each a ``Sequential`` of ``Affine`` layers with tanh, sigmoid or relu
            between them and one output (built by ``mlp``), S of them.
        X: inputs, shape (N, D) for all of them, or (S, N, D), one set per network.
        y: 0/1 labels, shape (N,), or (S, N).
        lr: the learning rate of ``SGD``; epochs: how many epochs.

    Returns:
        the loss (binary cross-entropy) of each epoch, shape (S, epochs), as ``Trainer.history["loss"]``.
    """
    models = _check_networks(models)
    S, D = len(models), models[0].layers[0].params["W"].shape[0]
    X = as_float_array(X, "X", nonempty=True)
    if X.ndim not in (2, 3) or X.shape[-1] != D or (X.ndim == 3 and X.shape[0] != S) or X.shape[-2] == 0:
        raise ValueError(f"X must have shape (N, {D}) or ({S}, N, {D}) for these {S} networks, got {X.shape}")
    N = X.shape[-2]
    y = as_float_array(y, "y")
    if y.shape not in ((N,), (S, N)):
        raise ValueError(f"y must have shape ({N},) or ({S}, {N}) like X {X.shape}, got {y.shape}")
    y = as_labels(y.ravel(), "y", n_classes=2).reshape(y.shape).astype(float)
    lr = as_finite_float(lr, "lr", low=0.0, low_open=True, high=100.0)
    epochs = as_int(epochs, "epochs", low=1, high=100_000)
    X_sets = X if X.ndim == 3 else [X] * S
    y_sets = y if y.ndim == 2 else [y] * S
    trainers = [Trainer(model, BinaryCrossEntropy(), SGD(lr=lr), X_i, y_i)
                for model, X_i, y_i in zip(models, X_sets, y_sets, strict=True)]
    fit_together(trainers, epochs)
    return np.array([trainer.history["loss"] for trainer in trainers])
