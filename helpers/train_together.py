"""Several trainers of one shape trained at once, each to the last bit as alone — notebooks 02 and 08.

Training a small network is mostly Python's time, not arithmetic: one mini-batch step of a 2-8-8-1 network costs
about 150 µs, a few of them in NumPy's actual sums. An experiment that trains the same network from several seeds
(notebook 08's lab, notebook 02's 50 networks per size) pays that time once per seed. :func:`fit_together` pays it
once for all of them: the trainers' weights are stacked into arrays of shape (S, n_in, n_out), and every step runs
the operations of :meth:`helpers.train.Trainer.run_epoch` in the same order on the stacks (``np.matmul`` multiplies
each network's own matrices, the elementwise steps are the same per entry), with each trainer's own mini-batches
and optimiser state (the learning rate and weight penalty are one for all: they must be equal). Every trainer ends
exactly where ``trainer.fit(epochs)`` would have left it: weights, gradients, optimiser state, shuffling generator
and history.
``tests/test_train_together.py`` checks that to the last bit for every activation, loss and optimiser.
"""

from __future__ import annotations

import copy

import numpy as np

from helpers.layers import (
    Affine,
    BinaryCrossEntropy,
    Linear,
    ReLU,
    Sequential,
    Sigmoid,
    SoftmaxWithLoss,
    SquaredErrorLoss,
    Step,
    Tanh,
)
from helpers.layers._common import _sigmoid
from helpers.optim import SGD, Adam, Momentum
from helpers.train import Trainer
from helpers.validation import as_instances, as_labels, as_positive_int, internal_values

_ACTIVATIONS = (Tanh, Sigmoid, ReLU, Linear, Step)  # elementwise, any shape: they run on stacks as they are
_LOSSES = (BinaryCrossEntropy, SoftmaxWithLoss, SquaredErrorLoss)
_OPTIMIZER_STATE = {SGD: (), Momentum: ("velocity",), Adam: ("m", "v", "t")}  # what an update changes


def fit_together(trainers, epochs: int) -> None:
    """Train every trainer of ``trainers`` ``epochs`` more epochs, in place, as ``trainer.fit(epochs)`` would.

    Args:
        trainers: S :class:`~helpers.train.Trainer` objects alike in everything but their numbers: a
            ``Sequential`` of ``Affine`` and tanh/sigmoid/relu/linear/step layers of the same sizes, the same kind
            of loss (binary or softmax cross-entropy, squared error), the same kind of optimiser (SGD, Momentum,
            Adam) with the same settings and steps so far, data of the same shapes and the same batch size.
            Their weights, data, labels, shuffling seeds and histories may all differ.
        epochs: how many epochs, >= 1.

    Refused before anything changes (``TypeError``/``ValueError`` naming ``trainers[i]``): trainers that differ in
    any of the above, or other layers, losses or optimisers.
    """
    trainers = _check_trainers(trainers)
    epochs = as_positive_int(epochs, "epochs")
    first = trainers[0]
    plan = [("affine", f"{k}.W", f"{k}.b") if isinstance(layer, Affine) else type(layer)()
            for k, layer in enumerate(first.model.layers)]
    originals = [t.model.params for t in trainers]  # each layer's own arrays, written back at the end
    params = {key: np.stack([p[key] for p in originals]) for key in originals[0]}  # (S, ...) per key
    for i, t in enumerate(trainers):  # during training each layer holds a view of its slice (for test_loss)
        for k, layer in enumerate(t.model.layers):
            for name in layer.params:
                layer.params[name] = params[f"{k}.{name}"][i]
    optimizer = _stacked_optimizer([t.optimizer for t in trainers])
    X, y = np.stack([t.X for t in trainers]), np.stack([t.y for t in trainers])  # (S, N, D), (S, N)
    grads: dict = {}
    try:
        for _ in range(epochs):
            grads = _run_epoch(trainers, plan, params, optimizer, X, y)
    finally:
        _write_back(trainers, originals, params, grads, optimizer)


def _check_trainers(trainers) -> tuple:
    """``trainers`` as a tuple of Trainers that can be stacked, or a clear error naming the first that cannot."""
    trainers = as_instances(trainers, "trainers", Trainer, "Trainer objects")
    for i, t in enumerate(trainers):
        if not isinstance(t.model, Sequential) or not all(isinstance(layer, Affine) or type(layer) in _ACTIVATIONS
                                                          for layer in t.model.layers):
            raise ValueError(f"trainers[{i}].model must be a Sequential of Affine and tanh, sigmoid, relu, linear or "
                             f"step layers (as mlp builds), got {t.model!r}")
        if type(t.loss) not in _LOSSES:
            raise ValueError(f"trainers[{i}].loss must be a BinaryCrossEntropy, SoftmaxWithLoss or SquaredErrorLoss, "
                             f"got {type(t.loss).__name__}")
        if type(t.optimizer) not in _OPTIMIZER_STATE:
            raise ValueError(f"trainers[{i}].optimizer must be an SGD, Momentum or Adam, got "
                             f"{type(t.optimizer).__name__}")
        if isinstance(t.loss, SoftmaxWithLoss):
            classes = [layer.n_out for layer in t.model.layers if isinstance(layer, Affine)][-1:] or [None]
            as_labels(t.y, f"trainers[{i}].y", n_classes=classes[0])
        elif isinstance(t.loss, BinaryCrossEntropy):
            as_labels(t.y, f"trainers[{i}].y", n_classes=2)
    shape = _shape(trainers[0])
    for i, t in enumerate(trainers[1:], start=1):
        if _shape(t) != shape:
            raise ValueError(f"trainers[{i}] must be like trainers[0] in everything but its numbers (layers and "
                             "sizes, loss, optimiser and its settings and steps, data shapes, batch size), got "
                             "one that differs")
    return trainers


def _shape(t: Trainer) -> tuple:
    """What must be equal for trainers to be stacked: everything that decides the operations, not the numbers."""
    layers = tuple((type(layer), tuple(p.shape for p in layer.params.values())) for layer in t.model.layers)
    state = _OPTIMIZER_STATE[type(t.optimizer)]
    settings = {k: v for k, v in vars(t.optimizer).items() if k not in state}
    steps = tuple(getattr(t.optimizer, name) if name == "t" else bool(getattr(t.optimizer, name)) for name in state)
    test = None if t.X_test is None else t.X_test.shape
    return (layers, type(t.loss), type(t.optimizer), settings, steps, t.X.shape, t.batch_size, test)


def _stacked_optimizer(optimizers):
    """One optimiser of the trainers' kind and settings whose state (velocity, moments) is theirs, stacked."""
    stacked = copy.copy(optimizers[0])
    for name in _OPTIMIZER_STATE[type(stacked)]:
        if name != "t":
            kept = [getattr(o, name) for o in optimizers]
            setattr(stacked, name, {key: np.stack([k[key] for k in kept]) for key in kept[0]} if kept[0] else {})
    return stacked


def _run_epoch(trainers, plan, params, optimizer, X, y) -> dict:
    """One epoch of every trainer at once (``Trainer.run_epoch`` on stacks); returns the last step's gradients."""
    S, n = y.shape
    batch_size, loss_kind = trainers[0].batch_size, type(trainers[0].loss)
    if batch_size >= n:
        batches = [(X, y)]
    else:
        order = np.stack([t.rng.permutation(n) for t in trainers])  # (S, N): each trainer's own shuffle
        chunks = [order[:, start:start + batch_size] for start in range(0, n, batch_size)]
        batches = [(np.take_along_axis(X, idx[..., None], axis=1), np.take_along_axis(y, idx, axis=1))
                   for idx in chunks]
    loss_sum, n_right = np.zeros(S), np.zeros(S, dtype=int)
    grads = {}
    with internal_values():
        for X_batch, y_batch in batches:
            inputs, scores = _forward(plan, params, X_batch)
            loss, right, dscores = _loss(loss_kind, scores, y_batch)
            loss_sum += loss * y_batch.shape[1]
            n_right += right
            grads = _backward(plan, params, inputs, dscores)
            optimizer.update(params, grads)
    for i, t in enumerate(trainers):
        t.history["loss"].append(float(loss_sum[i]) / n)
        if t.classifies:
            t.history["accuracy"].append(int(n_right[i]) / n)
        if t.X_test is not None:
            t.history["test_loss"].append(t.test_loss())  # the trainer's own layers: views of the stacks
    return grads


def _forward(plan, params, x) -> tuple[list, np.ndarray]:
    """``Sequential.forward`` on stacks: ``x`` (S, B, n_in) -> scores (S, B, K), and each layer's input."""
    inputs = []
    for step in plan:
        inputs.append(x)
        if isinstance(step, tuple):
            x = x @ params[step[1]]
            x += params[step[2]][:, None, :]
        else:
            x = step.forward(x)  # an activation layer of the trainers' kind; it keeps what its backward needs
    return inputs, x


def _backward(plan, params, inputs, d) -> dict:
    """``Sequential.backward(dx=False)`` on stacks: the gradient of every parameter, stacked like ``params``."""
    grads = {}
    for k in range(len(plan) - 1, -1, -1):
        step = plan[k]
        if isinstance(step, tuple):
            grads[step[1]] = np.swapaxes(inputs[k], -1, -2) @ d
            grads[step[2]] = d.sum(axis=-2)
            if k:
                d = d @ np.swapaxes(params[step[1]], -1, -2)
        elif k:
            d = step.backward(d)
    return {key: grads[key] for key in params}  # in the order of the params (the optimiser's order)


def _loss(kind, scores, y) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The loss layer's ``forward``, ``predict`` and ``backward`` on stacks: scores (S, B, K), labels or targets
    y (S, B) -> (loss per trainer (S,), right answers per trainer (S,), dscores (S, B, K))."""
    B = y.shape[1]
    if kind is BinaryCrossEntropy:
        target = y[..., None]
        loss = (np.logaddexp(0.0, scores) - target * scores).sum(axis=(1, 2)) / B
        dscores = _sigmoid(scores) - target
        right = ((scores[..., 0] > 0) == y).sum(axis=1)
    elif kind is SoftmaxWithLoss:
        labels = y.astype(int)[..., None]
        shifted = scores - scores.max(axis=-1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        loss = -(np.take_along_axis(log_p, labels, axis=-1).sum(axis=(1, 2)) / B)
        dscores = np.exp(log_p)
        np.put_along_axis(dscores, labels, np.take_along_axis(dscores, labels, axis=-1) - 1.0, axis=-1)
        right = (np.argmax(scores, axis=-1) == labels[..., 0]).sum(axis=1)
    else:  # SquaredErrorLoss
        diff = scores - y[..., None]
        loss = 0.5 * ((diff**2).sum(axis=(1, 2)) / B)
        dscores, right = diff, np.zeros(len(y), dtype=int)
    dscores /= B
    return loss, right, dscores


def _write_back(trainers, originals, params, grads, optimizer) -> None:
    """Give every trainer its numbers back: the final weights into its layers' own arrays, the last gradients,
    the optimiser's state."""
    state = _OPTIMIZER_STATE[type(optimizer)]
    for i, t in enumerate(trainers):
        for k, layer in enumerate(t.model.layers):
            for name in layer.params:
                key = f"{k}.{name}"
                originals[i][key][...] = params[key][i]
                layer.params[name] = originals[i][key]
                if key in grads:
                    layer.grads[name] = grads[key][i].copy()
        for name in state:
            value = getattr(optimizer, name)
            setattr(t.optimizer, name, value if name == "t" else {key: v[i].copy() for key, v in value.items()})
