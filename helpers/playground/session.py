"""A playground's network and training, as plain Python (no widgets, no pictures).

:class:`Session` turns a :class:`~helpers.playground.state.PlaygroundState` into a train/test split
(:mod:`helpers.playground.data`), the chosen input features, an MLP from :mod:`helpers.layers` with its
loss (binary cross-entropy, softmax cross-entropy for 3-4 classes, squared error for regression), an
optimiser from :mod:`helpers.optim` and a :class:`helpers.train.Trainer`, and computes what every neuron
outputs over the plane (the small pictures of the network). Features such as ``sin x1`` go through about
two periods across the plane [-6, 6]².
"""

from __future__ import annotations

import numpy as np

from helpers.hidden_space import hidden_coordinates
from helpers.init import initialise
from helpers.layers import Affine, BinaryCrossEntropy, SoftmaxWithLoss, SquaredErrorLoss, mlp
from helpers.metrics import confusion_matrix
from helpers.optim import OPTIMIZERS
from helpers.playground.data import make_data
from helpers.playground.state import FEATURES, REG_RATES, PlaygroundState
from helpers.train import Trainer
from helpers.validation import (
    as_choice,
    as_finite_float,
    as_float_array,
    as_int,
    as_listed,
    as_positive_int,
    as_sequence,
    check_shape,
    internal_values,
)

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
        self.multiclass = (state.n_classes or 0) > 2
        sizes = [len(state.features), *state.layers, state.n_classes if self.multiclass else 1]
        model = mlp(sizes, state.activation, rng=state.seed)  # linear output: scores for BCE, values for regression
        if state.init != "lecun":  # "lecun" is Affine's own N(0, 1/n_in): the weights mlp just drew
            initialise(model, state.init, rng=state.seed)
        loss = (SquaredErrorLoss() if state.regression else SoftmaxWithLoss() if self.multiclass
                else BinaryCrossEntropy())
        optimizer = OPTIMIZERS[state.optimizer](state.lr, regularization=state.regularization,
                                                reg_rate=state.reg_rate)
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

    def epochs_to_train(self, epochs: int) -> int:
        """How many of ``epochs`` (>= 1) more epochs :meth:`train` runs: never past ``state.stop_epoch`` (if set)."""
        epochs = as_positive_int(epochs, "epochs")
        if self.state.stop_epoch:
            epochs = min(epochs, self.state.stop_epoch - self.trainer.epoch)
        return max(epochs, 0)

    def train(self, epochs: int = 1) -> int:
        """Train up to ``epochs`` epochs, never past ``state.stop_epoch`` (if set); return how many ran."""
        epochs = self.epochs_to_train(epochs)
        if epochs:
            self.trainer.fit(epochs)
        return epochs

    @property
    def stopped(self) -> bool:
        """True once training has reached ``state.stop_epoch`` (never for 0)."""
        return bool(self.state.stop_epoch) and self.trainer.epoch >= self.state.stop_epoch

    def set_stop_epoch(self, epoch: int) -> None:
        """Pause training at ``epoch`` from now on (0: never), without a restart."""
        self.state = self.state.replace(stop_epoch=as_int(epoch, "epoch", low=0))

    def _labels(self, split: str) -> tuple[np.ndarray, np.ndarray]:
        """``(true labels, predicted labels)`` of the ``"train"`` or ``"test"`` points, as ints."""
        if self.state.regression:
            raise ValueError(f"accuracy and confusion are for classification; {self.state.dataset!r} is a "
                             "regression set (read its losses instead)")
        as_choice(split, "split", ("train", "test"))
        X, y = (self.X_train, self.y_train) if split == "train" else (self.X_test, self.y_test)
        with np.errstate(all="ignore"):
            return y.astype(int), self.trainer.predict(features(X, self.state.features)).astype(int)

    def accuracy(self) -> tuple[float, float]:
        """``(train accuracy, test accuracy)`` of the network as it is now (classification only)."""
        return tuple(float(np.mean(true == pred)) for true, pred in map(self._labels, ("train", "test")))

    def confusion(self, split: str = "test") -> np.ndarray:
        """Counts (K, K) of the ``split``'s points: row = true class, column = predicted (classification only)."""
        return confusion_matrix(*self._labels(split), self.state.n_classes)

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

        Returns ``[inputs (G, n_features), hidden layer 1 (G, n_1), ..., output]``; the output is (G, 1):
        ``2 p - 1`` for two classes (-1 sure of class 0, +1 sure of class 1) and the raw value for
        regression, so every node reads on the same -1 .. +1 colour scale; for K = 3-4 classes it is the
        softmax probabilities (G, K).
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
            if self.multiclass:
                x = SoftmaxWithLoss.probability(np.nan_to_num(x))
            elif not self.state.regression:
                x = 2.0 * BinaryCrossEntropy.probability(x) - 1.0
            outputs.append(x)
        return [np.nan_to_num(o, nan=0.0, posinf=1e6, neginf=-1e6) for o in outputs]
