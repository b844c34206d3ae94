"""Under- and overfitting (과소적합 / 과대적합): train versus validation curves by capacity and epochs — notebook 05.

:func:`capacity_curves` is the plain function (tests call it): it trains a one-hidden-layer ReLU network of a
given width on a deliberately small slice of the digits and records, after every epoch, the loss and accuracy
on the training samples and on held-out validation samples. :class:`FittingExplorer` draws those curves;
moving its epoch slider only moves a marker, changing the width trains (once per width, then cached).
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.datasets import load_digits, stratified_split
from helpers.layers import SoftmaxWithLoss, mlp
from helpers.optim import SGD
from helpers.train import Trainer
from helpers.validation import as_positive_int
from helpers.widgets import LiveFigure, Panel

#: The widths the explorer offers (hidden units of the single hidden layer).
WIDTHS = (1, 2, 4, 8, 16, 32, 64)

#: Training-set sizes the explorer offers: label -> fraction of the 1,797 digits (validation is always 539 images).
TRAIN_SIZES = {"90 images": 0.05, "359 images": 0.2, "719 images": 0.4}


@dataclass
class Curves:
    """Per-epoch ``train_loss``, ``val_loss``, ``train_acc``, ``val_acc`` (arrays of length ``epochs``)."""

    hidden: int
    train_loss: np.ndarray
    val_loss: np.ndarray
    train_acc: np.ndarray
    val_acc: np.ndarray

    @property
    def best_epoch(self) -> int:
        """The epoch (1-based) with the lowest validation loss: where early stopping would stop."""
        return int(np.argmin(self.val_loss)) + 1


def small_digits_split(n_train_fraction: float = 0.05, seed: int = 0):
    """A deliberately small training set (by default 5 % of the digits, 90 images) and a validation set
    (30 %, 539 images), stratified.

    Returns ``(X_train, y_train, X_val, y_val)``, by default of shapes (90, 64), (90,), (539, 64), (539,).
    """
    X, y = load_digits()
    train, val, _ = stratified_split(y, (n_train_fraction, 0.3, 0.7 - n_train_fraction), seed=seed)
    return X[train], y[train], X[val], y[val]


def capacity_curves(hidden: int, epochs: int = 300, *, lr: float = 0.5, seed: int = 0, data=None) -> Curves:
    """Train ``64 -> hidden -> 10`` (ReLU, softmax loss, full-batch SGD) and record the curves every epoch.

    Args:
        hidden: hidden units, the model's capacity.
        epochs: full-batch epochs to train.
        lr: learning rate; seed: starting weights.
        data: ``(X_train, y_train, X_val, y_val)``; defaults to :func:`small_digits_split`.
    """
    hidden, epochs = as_positive_int(hidden, "hidden"), as_positive_int(epochs, "epochs")
    X_tr, y_tr, X_val, y_val = small_digits_split() if data is None else data
    model, loss = mlp([X_tr.shape[1], hidden, 10], "relu", rng=seed), SoftmaxWithLoss()
    trainer = Trainer(model, loss, SGD(lr), X_tr, y_tr)
    rows = []
    for _ in range(epochs):
        trainer.run_epoch()
        scores_tr, scores_val = model.forward(X_tr), model.forward(X_val)
        rows.append((loss.forward(scores_tr, y_tr), loss.forward(scores_val, y_val),
                     np.mean(loss.predict(scores_tr) == y_tr), np.mean(loss.predict(scores_val) == y_val)))
    cols = np.array(rows).T
    return Curves(hidden, *cols)


class FittingExplorer(Panel):
    """A width selector and an epoch slider over train-versus-validation loss and accuracy curves.

    Tests set ``explorer.hidden.value`` / ``explorer.epoch.value`` and read ``explorer.curves`` and
    ``explorer.status.value``.
    """

    def __init__(self, hidden: int = 64, epochs: int = 300, train_size: str = "90 images", known=()):
        """``known``: pairs ``(train_size, curves)`` already computed with :func:`capacity_curves` on that
        training set for ``epochs`` epochs (they are shown without training again)."""
        self.max_epochs = as_positive_int(epochs, "epochs")
        self._data: dict[str, tuple] = {}
        self._cache: dict[tuple[str, int], Curves] = {}
        for size, curves in known:
            if size not in TRAIN_SIZES or len(curves.train_loss) != self.max_epochs:
                raise ValueError(f"known curves must be for one of {list(TRAIN_SIZES)} and {self.max_epochs} epochs")
            self._cache[(size, curves.hidden)] = curves
        self.train_size = widgets.Dropdown(options=list(TRAIN_SIZES), value=train_size, description="training set",
                                           layout=widgets.Layout(width="240px"), style={"description_width": "80px"})
        self.hidden = widgets.SelectionSlider(options=list(WIDTHS), value=hidden, description="hidden units",
                                              continuous_update=False, layout=widgets.Layout(width="300px"),
                                              style={"description_width": "90px"})
        self.epoch = widgets.IntSlider(value=self.max_epochs, min=1, max=self.max_epochs, description="epochs",
                                       continuous_update=True, layout=widgets.Layout(width="290px"),
                                       style={"description_width": "90px"})
        self.status = widgets.HTML()

        fig = Figure(figsize=(8.4, 3.2), dpi=100, layout="constrained")
        self.ax_loss, self.ax_acc = fig.subplots(1, 2)
        x = np.arange(1, self.max_epochs + 1)
        (self.train_loss_line,) = self.ax_loss.plot(x, np.ones_like(x, float), color="#0072B2", label="train")
        (self.val_loss_line,) = self.ax_loss.plot(x, np.ones_like(x, float), color="#E69F00", label="validation")
        (self.train_acc_line,) = self.ax_acc.plot(x, np.zeros_like(x, float), color="#0072B2", label="train")
        (self.val_acc_line,) = self.ax_acc.plot(x, np.zeros_like(x, float), color="#E69F00", label="validation")
        self.markers = [ax.axvline(self.max_epochs, color="black", lw=1, ls="--") for ax in (self.ax_loss, self.ax_acc)]
        self.best = self.ax_loss.axvline(1, color="#009E73", lw=1, ls=":", label="lowest validation loss")
        self.ax_loss.set(xlabel="epoch", ylabel="cross-entropy loss", yscale="log", ylim=(5e-3, 4),
                         xlim=(0, self.max_epochs), title="loss")
        self.ax_acc.set(xlabel="epoch", ylabel="accuracy", ylim=(0, 1.02), xlim=(0, self.max_epochs), title="accuracy")
        self.ax_loss.legend(loc="lower left", fontsize=8)
        artists = [self.train_loss_line, self.val_loss_line, self.train_acc_line, self.val_acc_line,
                   *self.markers, self.best]
        self.figure = LiveFigure(fig, artists)
        self.hidden.observe(lambda _: self.update(), names="value")
        self.train_size.observe(lambda _: self.update(), names="value")
        self.epoch.observe(lambda _: self.update(), names="value")
        controls = widgets.HBox([self.train_size, self.hidden, self.epoch])
        self.panel = widgets.VBox([controls, self.figure.image, self.status])
        self.update()

    def curves_for(self, hidden: int, train_size: str = "90 images") -> Curves:
        """The curves of width ``hidden`` on the training set ``train_size`` (trained on first use, then cached)."""
        if train_size not in self._data:
            self._data[train_size] = small_digits_split(TRAIN_SIZES[train_size])
        key = (train_size, hidden)
        if key not in self._cache:
            self._cache[key] = capacity_curves(hidden, self.max_epochs, data=self._data[train_size])
        return self._cache[key]

    def update(self) -> None:
        """Redraw for the current width and epoch."""
        self.curves = c = self.curves_for(self.hidden.value, self.train_size.value)
        for line, values in ((self.train_loss_line, c.train_loss), (self.val_loss_line, c.val_loss),
                             (self.train_acc_line, c.train_acc), (self.val_acc_line, c.val_acc)):
            line.set_ydata(values)
        t = self.epoch.value
        for marker in self.markers:
            marker.set_xdata([t, t])
        self.best.set_xdata([c.best_epoch, c.best_epoch])
        self.figure.redraw()
        tr, va = c.train_acc[t - 1], c.val_acc[t - 1]
        gap = tr - va
        verdict = ("underfitting: even the training set is not learned" if tr < 0.9 else
                   "overfitting: the training set is learned much better than new data" if gap > 0.08 else
                   "a good fit: train and validation agree")
        self.status.value = (f"<b>{c.hidden} hidden units, {self.train_size.value}, epoch {t}</b>: "
                             f"train accuracy {tr:.1%}, validation "
                             f"{va:.1%} (gap {gap:+.1%}); validation loss lowest at epoch {c.best_epoch}. "
                             f"<i>{verdict}</i>")

