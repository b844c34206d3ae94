"""A playground's data, network and training, as plain Python (no widgets, no pictures).

:class:`Session` turns a :class:`~helpers.playground.state.PlaygroundState` into a train/test split, the
chosen input features, an MLP from :mod:`helpers.layers` and a :class:`helpers.train.Trainer`, and
computes what every neuron outputs over the plane (the small pictures of the network).

Coordinates are the TensorFlow Playground's: the course's toy sets (in [-1, 1]²) are scaled by
:data:`SCALE` = 5, so the plane shown is [-6, 6]² and features such as ``sin x1`` go through about two
periods across it.
"""

from __future__ import annotations

import numpy as np

from helpers.datasets import REGRESSION_DATASETS, TOY_DATASETS, truth_table
from helpers.hidden_space import hidden_coordinates
from helpers.layers import Affine, BinaryCrossEntropy, SquaredErrorLoss, mlp
from helpers.optim import SGD
from helpers.playground.state import FEATURES, REG_RATES, XOR_TABLE, PlaygroundState
from helpers.train import Trainer
from helpers.validation import (
    as_choice,
    as_finite_float,
    as_float_array,
    as_int,
    as_listed,
    as_sequence,
    check_shape,
    internal_values,
)

SCALE = 5.0
DOMAIN = (-6.0, 6.0)
#: Points per data set (train + test), as in the Playground.
N_CLASSIFY, N_REGRESS = 500, 1200
#: Where the XOR table's 0 and 1 sit on each axis of the plane (Playground units): 0 -> -3, 1 -> +3.
TABLE_AT = (-3.0, 3.0)

_FEATURE_FUNCTIONS = {
    "x1": lambda x1, x2: x1, "x2": lambda x1, x2: x2, "x1sq": lambda x1, x2: x1 * x1,
    "x2sq": lambda x1, x2: x2 * x2, "x1x2": lambda x1, x2: x1 * x2,
    "sinx1": lambda x1, x2: np.sin(x1), "sinx2": lambda x1, x2: np.sin(x2),
}  # one per id of FEATURES


def features(X: np.ndarray, names) -> np.ndarray:
    """The chosen input features of points ``X`` (N, 2): shape (N, len(names)), in the order of ``names``."""
    X = check_shape(as_float_array(X, "X", ndim=2, nonempty=True), "X", (None, 2), "(points of the plane)")
    names = as_sequence(names, "names", "feature ids")
    if not names:
        raise ValueError("names must hold at least one feature id")
    for i, name in enumerate(names):
        as_choice(name, f"names[{i}]", FEATURES)
    return np.column_stack([_FEATURE_FUNCTIONS[name](X[:, 0], X[:, 1]) for name in names])


def make_data(state: PlaygroundState) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(X_train, y_train, X_test, y_test)`` for ``state``: points in Playground units, split at random.

    Classification labels are 0/1; regression targets lie in [-1, 1]. ``state.data_seed`` fixes the
    points, their noise and the split; ``state.train_percent`` % of them are for training. The XOR
    table is the exception: its four rows are both the training and the test set (nothing to hold out).
    """
    if not isinstance(state, PlaygroundState):
        raise TypeError(f"state must be a PlaygroundState, got {type(state).__name__}")
    if state.dataset == XOR_TABLE:
        return _xor_table(state.noise, state.data_seed)
    if state.regression:
        X, y = REGRESSION_DATASETS[state.dataset](N_REGRESS, state.noise, seed=state.data_seed)
    else:
        X, y = TOY_DATASETS[state.dataset](N_CLASSIFY, state.noise, seed=state.data_seed)
    order = np.random.default_rng([state.data_seed, 1]).permutation(len(X))
    n_train = len(X) * state.train_percent // 100
    train, test = order[:n_train], order[n_train:]
    X = SCALE * np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    return X[train], y[train], X[test], y[test]


def _xor_table(noise: float, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """XOR's truth table, row (a, b) at ``TABLE_AT[a], TABLE_AT[b]``, jittered by ``noise`` (data units)."""
    bits, y = truth_table("XOR")
    X = np.asarray(TABLE_AT)[bits]
    if noise > 0:
        X = X + SCALE * noise * np.random.default_rng(seed).standard_normal(X.shape)
    y = y.astype(float)
    return X, y, X.copy(), y.copy()


class Session:
    """One run of a playground: data, network, loss, optimiser and trainer for a state.

    Attributes:
        state: the :class:`PlaygroundState` it was built from (its lr and regularisation can change
            during training through :meth:`set_lr` and :meth:`set_regularization`).
        X_train, y_train, X_test, y_test: the points (Playground units) and labels/targets.
        trainer: a :class:`helpers.train.Trainer` over the chosen features, with the test set.
    """

    def __init__(self, state: PlaygroundState):
        if not isinstance(state, PlaygroundState):
            raise TypeError(f"state must be a PlaygroundState, got {type(state).__name__}")
        self.state = state
        self.X_train, self.y_train, self.X_test, self.y_test = make_data(state)
        sizes = [len(state.features), *state.layers, 1]
        model = mlp(sizes, state.activation, rng=state.seed)  # linear output: scores for BCE, values for regression
        loss = SquaredErrorLoss() if state.regression else BinaryCrossEntropy()
        optimizer = SGD(state.lr, regularization=state.regularization, reg_rate=state.reg_rate)
        batch = None if state.batch_size == "all" else state.batch_size
        self.trainer = Trainer(model, loss, optimizer, features(self.X_train, state.features), self.y_train,
                               batch_size=batch, seed=state.seed,
                               X_test=features(self.X_test, state.features), y_test=self.y_test)

    @property
    def affines(self) -> list[Affine]:
        """The network's ``Affine`` layers, input side first (one per link column of the picture)."""
        return [layer for layer in self.trainer.model.layers if isinstance(layer, Affine)]

    def losses(self) -> tuple[float, float]:
        """``(train loss, test loss)`` now: after the last epoch, or of the starting weights before any."""
        t = self.trainer
        if t.epoch:
            return t.history["loss"][-1], t.history["test_loss"][-1]
        scores = t.model.forward(t.X)
        with internal_values():
            return t.loss.forward(scores, t.y), t.test_loss()

    @property
    def diverged(self) -> bool:
        """True once the training loss is no longer a finite number (the learning rate was too large)."""
        return bool(self.trainer.epoch) and not np.isfinite(self.trainer.history["loss"][-1])

    def set_lr(self, lr: float) -> None:
        """Change the learning rate for the next steps (no restart)."""
        self.state = self.state.replace(lr=lr)  # checks lr first: a refused value changes nothing
        self.trainer.optimizer.lr = lr

    def set_regularization(self, kind: str | None, rate: float) -> None:
        """Change the weight penalty for the next steps (no restart)."""
        as_choice(kind, "kind", ("L1", "L2"), allow_none=True)
        as_listed(rate, "rate", REG_RATES)
        self.state = self.state.replace(regularization=kind, reg_rate=rate)
        self.trainer.optimizer.regularization, self.trainer.optimizer.reg_rate = kind, rate

    def set_weight(self, layer: int, i: int, j: int, value: float) -> None:
        """Set by hand the weight from neuron ``i`` of column ``layer`` to neuron ``j`` of the next column
        (column 0 holds the input features)."""
        W = self.affines[as_int(layer, "layer", low=0, high=len(self.affines) - 1)].params["W"]
        i, j = as_int(i, "i", low=0, high=W.shape[0] - 1), as_int(j, "j", low=0, high=W.shape[1] - 1)
        W[i, j] = as_finite_float(value, "value")

    def hidden_points(self, layer: int = 1) -> np.ndarray:
        """Where hidden layer ``layer`` (1 = first) puts the training points: shape (N_train, its neurons)."""
        return hidden_coordinates(self.trainer.model, features(self.X_train, self.state.features), layer)

    def node_outputs(self, grid: np.ndarray) -> list[np.ndarray]:
        """What every node outputs at the ``grid`` points (G, 2), column by column of the picture.

        Returns ``[inputs (G, n_features), hidden layer 1 (G, n_1), ..., output (G, 1)]``; the output is
        ``2 p - 1`` for classification (-1 sure of class 0, +1 sure of class 1) and the raw value for
        regression, so every node reads on the same -1 .. +1 colour scale.
        """
        grid = check_shape(as_float_array(grid, "grid", ndim=2, nonempty=True), "grid", (None, 2), "(points)")
        x = features(grid, self.state.features)
        outputs = [x]
        layers = self.trainer.model.layers
        with np.errstate(all="ignore"), internal_values():  # a diverged network's NaNs are drawn, not refused
            for k, layer in enumerate(layers):
                x = layer.forward(x)
                if k + 1 < len(layers) and isinstance(layers[k + 1], Affine):
                    outputs.append(x)  # after an activation (or straight after an Affine if none follows)
            if not self.state.regression:
                x = 2.0 * BinaryCrossEntropy.probability(x) - 1.0
            outputs.append(x)
        return [np.nan_to_num(o, nan=0.0, posinf=1e6, neginf=-1e6) for o in outputs]
