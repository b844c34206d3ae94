"""Under- and overfitting (과소적합 / 과대적합): train versus validation curves by capacity and epochs — notebook 05.

:func:`capacity_curves` is the plain function (tests call it): it trains an MLP (``depth`` hidden layers of
``hidden`` units, ReLU or sigmoid) on a deliberately small slice of the digits and records, after every epoch, the
loss and accuracy on the training samples and on held-out validation samples, and before training the size of
every layer's weight gradient (where vanishing gradients show). :class:`FittingExplorer` draws those curves;
moving its epoch slider only moves a marker; the starting model is trained at every width when the panel is built,
any other model on its first visit (then cached).
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.backprop import layer_gradient_norms
from helpers.datasets import load_digits, stratified_split
from helpers.layers import SoftmaxWithLoss, mlp
from helpers.optim import SGD
from helpers.train import Trainer
from helpers.validation import as_choice, as_finite_float, as_positive_int, as_sequence
from helpers.widgets import LiveFigure, Panel

#: The widths the explorer offers (hidden units of each hidden layer).
WIDTHS = (1, 2, 4, 8, 16, 32, 64)
#: The depths (hidden layers), activations and learning rates it offers.
DEPTHS = (1, 2, 4, 8)
ACTIVATIONS = ("relu", "sigmoid")
LRS = (0.05, 0.1, 0.2, 0.5)

#: Training-set sizes the explorer offers: label -> fraction of the 1,797 digits (validation is always 539 images).
TRAIN_SIZES = {"90 images": 0.05, "359 images": 0.2, "719 images": 0.4}
TRAIN, VALIDATION = "#0072B2", "#E69F00"
LEGEND = (f"<span style='color:{TRAIN}'>■</span> training set · <span style='color:{VALIDATION}'>■</span> "
          "validation set · <span style='color:#009E73'>┆</span> lowest validation loss · ┆ black: the epoch slider · "
          "bars: ‖dW‖ of each layer before training (layer 1 next to the input)")


@dataclass
class Curves:
    """Per-epoch ``train_loss``, ``val_loss``, ``train_acc``, ``val_acc`` (arrays of length ``epochs``) of one model,
    and ``grad_norms``: ‖dW‖ of each ``Affine`` layer before training, input first (length ``depth + 1``)."""

    hidden: int
    train_loss: np.ndarray
    val_loss: np.ndarray
    train_acc: np.ndarray
    val_acc: np.ndarray
    grad_norms: np.ndarray
    activation: str = "relu"
    depth: int = 1
    lr: float = 0.5

    @property
    def best_epoch(self) -> int:
        """The epoch (1-based) with the lowest validation loss: where early stopping would stop."""
        return int(np.argmin(self.val_loss)) + 1

    @property
    def gradient_ratio(self) -> float:
        """‖dW‖ of the first layer over that of the last, before training: far below 1 means vanishing gradients."""
        return float(self.grad_norms[0] / self.grad_norms[-1])


def small_digits_split(n_train_fraction: float = 0.05, seed: int = 0):
    """A deliberately small training set (by default 5 % of the digits, 90 images) and a validation set
    (30 %, 539 images), stratified.

    Returns ``(X_train, y_train, X_val, y_val)``, by default of shapes (90, 64), (90,), (539, 64), (539,).
    """
    n_train_fraction = as_finite_float(n_train_fraction, "n_train_fraction", low=0, high=0.7, low_open=True,
                                       high_open=True)
    X, y = load_digits()
    train, val, _ = stratified_split(y, (n_train_fraction, 0.3, 0.7 - n_train_fraction), seed=seed)
    return X[train], y[train], X[val], y[val]


def capacity_curves(hidden: int, epochs: int = 300, *, lr: float = 0.5, seed: int = 0, data=None,
                    activation: str = "relu", depth: int = 1) -> Curves:
    """Train ``64 -> hidden (x depth) -> 10`` (softmax loss, full-batch SGD) and record the curves every epoch.

    Args:
        hidden: hidden units per hidden layer, the model's width.
        epochs: full-batch epochs to train.
        lr: learning rate; seed: starting weights.
        data: ``(X_train, y_train, X_val, y_val)``; defaults to :func:`small_digits_split`.
        activation: ``"relu"`` or ``"sigmoid"`` after every hidden layer; depth: how many hidden layers.
    """
    hidden, epochs = as_positive_int(hidden, "hidden"), as_positive_int(epochs, "epochs")
    depth = as_positive_int(depth, "depth")
    lr = as_finite_float(lr, "lr")
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {list(ACTIVATIONS)}, got {activation!r}")
    if data is not None and len(as_sequence(data, "data", "arrays (X_train, y_train, X_val, y_val)")) != 4:
        raise ValueError(f"data must be the four arrays (X_train, y_train, X_val, y_val), got {len(data)}")
    X_tr, y_tr, X_val, y_val = small_digits_split() if data is None else data
    model, loss = mlp([X_tr.shape[1]] + [hidden] * depth + [10], activation, rng=seed), SoftmaxWithLoss()
    grad_norms = layer_gradient_norms(model, SoftmaxWithLoss(), X_tr, y_tr)
    trainer = Trainer(model, loss, SGD(lr), X_tr, y_tr)
    val_rows = []
    for _ in range(epochs):
        trainer.run_epoch()
        scores_val = model.forward(X_val)
        val_rows.append((loss.forward(scores_val, y_val), np.mean(loss.predict(scores_val) == y_val)))
    # Full batch: the forward pass that starts epoch e + 1 sees the model as epoch e left it, so the trainer's
    # history from its second epoch on holds the training curves; the model after the last epoch needs one more.
    scores_tr = model.forward(X_tr)
    train_loss = np.append(trainer.history["loss"][1:], loss.forward(scores_tr, y_tr))
    train_acc = np.append(trainer.history["accuracy"][1:], np.mean(loss.predict(scores_tr) == y_tr))
    val_loss, val_acc = np.array(val_rows).T
    return Curves(hidden, train_loss, val_loss, train_acc, val_acc, grad_norms, activation, depth, lr)


def _one_of(value, options, name: str):
    if value not in options:
        raise ValueError(f"{name} must be one of {list(options)}, got {value!r}")
    return value


class FittingExplorer(Panel):
    """Training set, width, depth, activation and η selectors and an epoch slider over train-versus-validation
    loss and accuracy curves, with the per-layer gradient sizes at the start.

    Tests set ``explorer.hidden.value`` / ``explorer.epoch.value`` (or ``explorer.set_settings(...)``) and read
    ``explorer.curves`` and ``explorer.status.value``.
    """

    def __init__(self, hidden: int = 64, epochs: int = 300, train_size: str = "90 images", known=(), *,
                 activation: str = "relu", depth: int = 1, lr: float = 0.5):
        """``known``: pairs ``(train_size, curves)`` already computed with :func:`capacity_curves` on that
        training set for ``epochs`` epochs (they are shown without training again)."""
        self.max_epochs = as_positive_int(epochs, "epochs")
        _one_of(hidden, WIDTHS, "hidden")
        _one_of(train_size, TRAIN_SIZES, "train_size")
        _one_of(activation, ACTIVATIONS, "activation")
        _one_of(depth, DEPTHS, "depth")
        _one_of(lr, LRS, "lr")
        self._data: dict[str, tuple] = {}
        self._cache: dict[tuple, Curves] = {}
        for size, curves in known:
            if size not in TRAIN_SIZES or not isinstance(curves, Curves) or len(curves.train_loss) != self.max_epochs:
                raise ValueError(f"known curves must be for one of {list(TRAIN_SIZES)} and {self.max_epochs} epochs")
            self._cache[(size, curves.hidden, curves.activation, curves.depth, curves.lr)] = curves
        style = {"description_width": "90px"}
        self.train_size = widgets.Dropdown(options=list(TRAIN_SIZES), value=train_size, description="training set",
                                           layout=widgets.Layout(width="240px"), style={"description_width": "80px"})
        self.hidden = widgets.SelectionSlider(options=list(WIDTHS), value=hidden, description="hidden units",
                                              continuous_update=False, layout=widgets.Layout(width="300px"),
                                              style=style)
        self.epoch = widgets.IntSlider(value=self.max_epochs, min=1, max=self.max_epochs, description="epochs",
                                       continuous_update=True, layout=widgets.Layout(width="290px"), style=style)
        self.activation = widgets.ToggleButtons(options=[("ReLU", "relu"), ("sigmoid", "sigmoid")], value=activation,
                                                description="activation f", style={"description_width": "80px",
                                                                                   "button_width": "80px"})
        self.depth = widgets.ToggleButtons(options=list(DEPTHS), value=depth, description="hidden layers",
                                           style={"description_width": "90px", "button_width": "36px"})
        self.lr = widgets.Dropdown(options=list(LRS), value=lr, description="learning rate η",
                                   layout=widgets.Layout(width="200px"), style={"description_width": "100px"})
        self.status = widgets.HTML()
        self.legend = widgets.HTML(f"<small>{LEGEND}</small>")

        fig = Figure(figsize=(8.6, 3.1), dpi=100)  # fixed margins: a layout engine would cost ~0.1 s per build
        self.ax_loss, self.ax_acc, self.ax_grad = fig.subplots(1, 3, width_ratios=[1, 1, 0.7],
                                                               gridspec_kw=dict(left=0.08, right=0.99, bottom=0.145,
                                                                                top=0.925, wspace=0.33))
        x = np.arange(1, self.max_epochs + 1)
        (self.train_loss_line,) = self.ax_loss.plot(x, np.ones_like(x, float), color=TRAIN, label="train")
        (self.val_loss_line,) = self.ax_loss.plot(x, np.ones_like(x, float), color=VALIDATION, label="validation")
        (self.train_acc_line,) = self.ax_acc.plot(x, np.zeros_like(x, float), color=TRAIN, label="train")
        (self.val_acc_line,) = self.ax_acc.plot(x, np.zeros_like(x, float), color=VALIDATION, label="validation")
        self.markers = [ax.axvline(self.max_epochs, color="black", lw=1, ls="--") for ax in (self.ax_loss, self.ax_acc)]
        self.best = self.ax_loss.axvline(1, color="#009E73", lw=1, ls=":", label="lowest validation loss")
        self.ax_loss.set(xlabel="epoch", ylabel="cross-entropy loss", yscale="log", ylim=(5e-3, 4),
                         xlim=(0, self.max_epochs), title="loss")
        self.ax_acc.set(xlabel="epoch", ylabel="accuracy", ylim=(0, 1.02), xlim=(0, self.max_epochs), title="accuracy")
        self.bars = list(self.ax_grad.bar(np.arange(1, max(DEPTHS) + 2), np.ones(max(DEPTHS) + 1), color="#666666"))
        self.ax_grad.set(yscale="log", ylim=(1e-8, 10), xlim=(0.4, max(DEPTHS) + 1.6), xticks=range(1, max(DEPTHS) + 2),
                         xlabel="layer", ylabel="‖dW‖ at the start", title="gradient per layer")
        self.figure = LiveFigure(fig, [self.train_loss_line, self.val_loss_line, self.train_acc_line,
                                       self.val_acc_line, *self.markers, self.best, *self.bars])
        self._register_controls({"train_size": self.train_size, "hidden": self.hidden, "depth": self.depth,
                                 "activation": self.activation, "lr": self.lr, "epoch": self.epoch})
        for control in self.controls.values():
            self._observe(control, lambda _: self.update())
        self.panel = widgets.VBox([
            widgets.HBox([self.train_size, self.hidden, self.epoch]),
            widgets.HBox([self.activation, self.depth, self.lr, self.defaults_button()]),
            self.figure.image, self.legend, self.status,
        ])
        for width in WIDTHS:  # the starting model at every width (~0.5 s once): the hidden-units slider answers at once
            self.curves_for(width, train_size, activation, depth, lr)
        self.update()

    def curves_for(self, hidden: int, train_size: str = "90 images", activation: str = "relu", depth: int = 1,
                   lr: float = 0.5) -> Curves:
        """The curves of that model on the training set ``train_size`` (trained on first use, then cached)."""
        hidden, depth = as_positive_int(hidden, "hidden"), as_positive_int(depth, "depth")
        as_choice(train_size, "train_size", TRAIN_SIZES)
        as_choice(activation, "activation", ACTIVATIONS)
        lr = as_finite_float(lr, "lr", low=0, low_open=True)
        if train_size not in self._data:
            self._data[train_size] = small_digits_split(TRAIN_SIZES[train_size])
        key = (train_size, hidden, activation, depth, lr)
        if key not in self._cache:
            self._cache[key] = capacity_curves(hidden, self.max_epochs, data=self._data[train_size],
                                               activation=activation, depth=depth, lr=lr)
        return self._cache[key]

    def update(self) -> None:
        """Redraw for the current model and epoch."""
        self.curves = c = self.curves_for(self.hidden.value, self.train_size.value, self.activation.value,
                                          self.depth.value, self.lr.value)
        for line, values in ((self.train_loss_line, c.train_loss), (self.val_loss_line, c.val_loss),
                             (self.train_acc_line, c.train_acc), (self.val_acc_line, c.val_acc)):
            line.set_ydata(np.clip(values, 1e-3, 1e3))  # a diverged run (NaN, inf) stays on the axes
        t = self.epoch.value
        for marker in self.markers:
            marker.set_xdata([t, t])
        self.best.set_xdata([c.best_epoch, c.best_epoch])
        for i, bar in enumerate(self.bars):
            shown = i < len(c.grad_norms)
            bar.set_visible(shown)
            bar.set_height(max(float(c.grad_norms[i]), 1e-12) if shown else 1.0)
        self.figure.redraw()
        tr, va = c.train_acc[t - 1], c.val_acc[t - 1]
        gap = tr - va
        verdict = ("underfitting: even the training set is not learned" if tr < 0.9 else
                   "overfitting: the training set is learned much better than new data" if gap > 0.08 else
                   "a good fit: train and validation agree")
        if not 0.1 < c.gradient_ratio < 10:  # the band of notebook 05 §7: outside it, vanishing or exploding
            kind = "vanishing" if c.gradient_ratio <= 0.1 else "exploding"
            verdict += f" (the first layer starts with {c.gradient_ratio:.1e} times the last one's gradient: {kind})"
        self.status.value = (f"<b>{c.depth} × {c.hidden} {c.activation}, η = {c.lr:g}, {self.train_size.value}, "
                             f"epoch {t}</b>: train accuracy {tr:.1%}, validation "
                             f"{va:.1%} (gap {gap:+.1%}); validation loss lowest at epoch {c.best_epoch}. "
                             f"<i>{verdict}</i>")
