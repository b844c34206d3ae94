"""Panels of notebook 07 about training and writing, on :class:`helpers.panel.Panel`.

- :class:`ClippingExplorer`: a slider over clipping thresholds ``c``; the loss and the gradient norm of the run
  clipped at ``c`` (the runs come from :func:`helpers.sequence_tasks.clipping_sweep`, computed once).
- :class:`TemperatureExplorer`: a slider for the sampling temperature ``τ`` of a
  :class:`helpers.char_rnn.CharRNN`; the next-character distribution and a sample written at ``τ``.
"""

from __future__ import annotations

import html
import math

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.char_rnn import CharRNN, CharVocab, softmax_with_temperature
from helpers.rnn_widgets import BLUE, GREY, ORANGE, in_range, legend_html, reset_button
from helpers.validation import as_finite_float
from helpers.widgets import LiveFigure, Panel

LOSS_CAP = 1e6  # a diverged loss is drawn at this height


def clipped_steps(history: dict, threshold) -> int:
    """How many steps of a run had a gradient norm above ``threshold`` (were clipped); 0 without clipping
    (``threshold`` None or infinity)."""
    if not isinstance(history, dict) or "grad_norm" not in history:
        raise TypeError(f"history must be a run's history, a dict with 'grad_norm' (clipping_sweep), got {history!r}")
    if threshold is None or (isinstance(threshold, float) and threshold == math.inf):
        return 0
    threshold = as_finite_float(threshold, "threshold", low=0, low_open=True)
    return int(np.sum(np.asarray(history["grad_norm"], dtype=float) > threshold))


def _label(threshold) -> str:
    return "off" if threshold is None or np.isinf(threshold) else f"{threshold:g}"


class ClippingExplorer(Panel):
    """Pick the clipping threshold ``c``: its run's training loss (left) and gradient norm before clipping (right).

    Args:
        runs: ``{threshold: history}`` from :func:`helpers.sequence_tasks.clipping_sweep` (``None``: no clipping).
        threshold: the starting choice, one of the keys.

    The slider's value is the threshold, ``inf`` for the run without clipping (``set_settings(c=math.inf)``).
    """

    def __init__(self, runs: dict, threshold=1.0):
        if not isinstance(runs, dict) or not runs or not all(
                isinstance(h, dict) and {"loss", "grad_norm", "diverged_at"} <= set(h) for h in runs.values()):
            raise TypeError("runs must be the dict {threshold: history} that clipping_sweep returns")
        if isinstance(threshold, (list, dict, set, np.ndarray)) or threshold not in runs:  # unhashable: not a key
            raise ValueError(f"threshold must be one of {[*runs]}, got {threshold!r}")
        self.runs = {math.inf if c is None else c: history for c, history in runs.items()}
        self.threshold = widgets.SelectionSlider(options=[(_label(c), c) for c in sorted(self.runs)],
                                                 value=math.inf if threshold is None else threshold,
                                                 description="clip norm c", layout=widgets.Layout(width="420px"))
        self.status = widgets.HTML()
        steps = max(len(h["loss"]) for h in self.runs.values())
        fig = Figure(figsize=(8.4, 3.4), dpi=100)  # fixed margins: a layout engine would cost ~0.1 s per build
        ax_loss, ax_norm = fig.subplots(1, 2, gridspec_kw=dict(left=0.085, right=0.99, bottom=0.135, top=0.925,
                                                               wspace=0.22))
        for c, history in self.runs.items():  # every run, faint, as background
            off = np.isinf(c)
            ax_loss.plot(self._loss(history), color=ORANGE if off else GREY, lw=0.8, alpha=0.8 if off else 0.35)
        ax_loss.set(yscale="log", ylim=(1e-2, 2 * LOSS_CAP), xlim=(0, steps - 1), xlabel="SGD step",
                    ylabel="training MSE", title="loss of the run clipped at c")
        ax_norm.set(yscale="log", ylim=(1e-2, 1e6), xlim=(0, steps - 1), xlabel="SGD step",
                    ylabel="||gradient|| before clipping", title="what clipping cut down to c")
        (self.loss_line,) = ax_loss.plot([], [], color=BLUE, lw=2)
        (self.norm_line,) = ax_norm.plot([], [], color=BLUE, lw=1.2)
        self.cut_line = ax_norm.axhline(1.0, color="black", lw=1.2, ls="--")
        self.figure = LiveFigure(fig, [self.loss_line, self.norm_line, self.cut_line])
        self._register_controls({"c": self.threshold})
        self._observe(self.threshold, lambda _: self.update())
        legend = legend_html((BLUE, "the run clipped at c"), (GREY, "the other thresholds"),
                             (ORANGE, "no clipping"), ("black", "dashed: c (norms above it were scaled down to it)"))
        self.panel = widgets.VBox([widgets.HBox([self.threshold, reset_button(self)]), legend, self.status,
                                   self.figure.image])
        self.update()

    @staticmethod
    def _loss(history: dict) -> np.ndarray:
        loss = np.asarray(history["loss"], dtype=float)
        return np.where(np.isfinite(loss), np.minimum(loss, LOSS_CAP), LOSS_CAP)

    def update(self) -> None:
        c = self.threshold.value
        history = self.runs[c]
        loss = self._loss(history)
        self.loss_line.set_data(np.arange(len(loss)), loss)
        norms = np.asarray(history["grad_norm"], dtype=float)
        self.norm_line.set_data(np.arange(len(norms)), np.where(np.isfinite(norms), norms, 1e6))
        self.cut_line.set_visible(not np.isinf(c))
        self.cut_line.set_ydata([1.0 if np.isinf(c) else c] * 2)
        self.figure.redraw()
        if history["diverged_at"] is not None:
            huge = int(np.argmax(loss >= LOSS_CAP))
            end = (f"the loss passed {LOSS_CAP:.0e} at step {huge} (drawn there at the top) and <b>overflowed at "
                   f"step {history['diverged_at']}</b>")
        else:
            end = f"mean loss of the last 20 steps <b>{np.mean(history['loss'][-20:]):.3g}</b>"
        clipped = clipped_steps(history, c)
        self.status.value = f"c = {_label(c)}: {clipped} of {len(norms)} steps were clipped; {end}."


def _char_label(char: str) -> str:
    return {" ": "sp", "\n": "\\n"}.get(char, char)


class TemperatureExplorer(Panel):
    """The sampling temperature ``τ`` of a character RNN: the next-character distribution after ``prefix`` at ``τ``
    (bars, sorted by the model's own probabilities, outlined) and ``length`` characters written at ``τ``.

    Args:
        model: a trained :class:`helpers.char_rnn.CharRNN`.  vocab: its :class:`helpers.char_rnn.CharVocab`.
        prefix: the text it reads first.  temperature: the starting ``τ``.  length: characters to write.
    """

    def __init__(self, model: CharRNN, vocab: CharVocab, prefix: str = "the ", temperature: float = 0.7,
                 length: int = 100):
        if not isinstance(model, CharRNN) or not isinstance(vocab, CharVocab) or len(vocab) != model.vocab_size:
            raise TypeError("model must be a CharRNN and vocab the CharVocab it was trained with (same size)")
        self.model, self.vocab, self.prefix = model, vocab, prefix
        self.length = in_range(length, "length", 1, 1000, whole=True)
        logits, _ = model.next_logits(vocab, prefix)  # also checks the prefix
        self.logits = logits
        self.order = np.argsort(-logits)  # likeliest first, at every temperature (τ keeps the order)
        V = len(vocab)
        self.temperature = widgets.FloatSlider(value=in_range(temperature, "temperature", 0.05, 3.0), min=0.05,
                                               max=3.0, step=0.05, description="temperature τ", readout_format=".2f",
                                               style={"description_width": "initial"},
                                               layout=widgets.Layout(width="380px"))
        self.seed = widgets.IntSlider(value=0, min=0, max=20, description="sample seed",
                                      style={"description_width": "initial"}, layout=widgets.Layout(width="280px"))
        self.status = widgets.HTML()
        self.text = widgets.HTML()
        fig = Figure(figsize=(8.4, 2.8), dpi=100)  # fixed margins: a layout engine would cost ~0.1 s per build
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.08, right=0.99, bottom=0.1, top=0.9)
        own = softmax_with_temperature(logits, 1.0)[self.order]
        ax.bar(np.arange(V), own, width=0.8, fill=False, edgecolor="black", lw=0.8)
        self.bars = ax.bar(np.arange(V), own, width=0.8, color=BLUE, alpha=0.75)
        ax.set_xticks(np.arange(V), [_char_label(vocab.chars[i]) for i in self.order], fontsize=8)
        ax.set(ylim=(0, 1), xlim=(-0.6, V - 0.4), ylabel="probability",
               title=f"p(next character | {prefix!r}) = softmax(logits / τ)")
        self.figure = LiveFigure(fig, list(self.bars))
        self._register_controls({"temperature": self.temperature, "seed": self.seed})
        for control in self.controls.values():
            self._observe(control, lambda _: self.update())
        legend = legend_html((BLUE, "distribution at τ"), ("black", "outline: the model's own (τ = 1)"))
        self.panel = widgets.VBox([widgets.HBox([self.temperature, self.seed, reset_button(self)]), legend,
                                   self.status, self.figure.image, self.text])
        self.update()

    def update(self) -> None:
        tau = self.temperature.value
        p = softmax_with_temperature(self.logits, tau)
        for bar, value in zip(self.bars, p[self.order], strict=True):
            bar.set_height(value)
        self.figure.redraw()
        entropy = -np.sum(p * np.log(np.where(p > 0, p, 1.0)))
        self.sample = self.model.sample(self.vocab, self.prefix, self.length, temperature=tau, seed=self.seed.value)
        self.status.value = (f"τ = {tau:.2f}: likeliest next character {_char_label(self.vocab.chars[self.order[0]])!r}"
                             f" with p = {p[self.order[0]]:.2f}; entropy {entropy:.2f} nats "
                             f"(uniform: {np.log(len(self.vocab)):.2f})")
        self.text.value = f"<pre style='white-space: pre-wrap; margin: 0'>{html.escape(self.sample)}</pre>"
