"""Interactive panels of notebook 07 (RNNs), built on :class:`helpers.widgets.LiveFigure` and ``Panel``.

- :class:`TimeStepper`: move through time and watch the hidden state ``h_t`` of a model change.
- :class:`GradientFlowExplorer`: sliders for the scale ``s`` of ``Wh``, the sequence length ``T`` and the hidden
  size ``H``; how a gradient fades or explodes with the number of steps it travels back, for tanh and ReLU
  (the math is :func:`helpers.rnn.gradient_flow`).

Both are displayed by leaving them as the last expression of a cell; tests set ``panel.t.value = 5`` (or
``panel.set_settings(s=1.5)``) and read the attributes, no browser needed.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.figure import Figure

from helpers.grid_shade import GridShade
from helpers.rnn import gradient_flow
from helpers.sequence_tasks import SequenceRegressor
from helpers.validation import as_bool, as_finite_float, as_float_array, as_instance, as_int, as_positive_int
from helpers.widgets import LiveFigure, Panel

BLUE, ORANGE, GREEN, GREY = "#0072B2", "#E69F00", "#009E73", "#999999"


def legend_html(*items: tuple[str, str]) -> widgets.HTML:
    """A one-line legend: ``("#0072B2", "tanh"), ...`` -> coloured squares with their meaning."""
    for k, item in enumerate(items):
        if not (isinstance(item, tuple) and len(item) == 2 and all(isinstance(v, str) for v in item)):
            raise TypeError(f"items[{k}] must be a pair of texts (colour, meaning), got {item!r}")
    parts = [f'<span style="color:{color}">&#9632;</span> {text}' for color, text in items]
    return widgets.HTML("<small>" + " &nbsp;·&nbsp; ".join(parts) + "</small>")


def reset_button(panel: Panel) -> widgets.Button:
    """The panel's "textbook values" button, wide enough to keep its label beside other controls."""
    button = as_instance(panel, "panel", Panel).defaults_button()
    button.layout.min_width = "150px"
    return button


def in_range(value, name: str, lo: float, hi: float, whole: bool = False):
    """``value`` as an int (``whole``) or float within ``[lo, hi]``, or a ``TypeError``/``ValueError`` naming it."""
    as_finite_float(hi, "hi", low=as_finite_float(lo, "lo"))  # (the message shows them as given)
    value = as_positive_int(value, name) if as_bool(whole, "whole") else as_finite_float(value, name)
    if not lo <= value <= hi:
        raise ValueError(f"{name} must be between {lo} and {hi}, got {value}")
    return value


def stepper_sequences(xs, targets=None) -> tuple:
    """A time stepper's ``xs`` (T, N, 1) with T >= 2 and ``targets`` of the same shape (or None), checked."""
    xs = as_float_array(xs, "xs", ndim=3)
    if xs.shape[2] != 1 or xs.shape[0] < 2:
        raise ValueError(f"xs must have shape (T, N, 1) with T >= 2, got {xs.shape}")
    targets = None if targets is None else as_float_array(targets, "targets", ndim=3)
    if targets is not None and targets.shape != xs.shape:
        raise ValueError(f"targets must have the shape of xs {xs.shape}, got {targets.shape}")
    return xs, targets


class TimeStepper(Panel):
    """Step through one sequence: the inputs so far, the model's outputs so far, and ``h_t`` as bars and as
    one column of the heat map of all hidden states.

    Args:
        model: a :class:`helpers.sequence_tasks.SequenceRegressor` with one input and one output.
        xs: ``(T, N, 1)`` sequences to choose from.  targets: ``(T, N, 1)`` what the outputs should be, or None.
        output_label: legend text of the output line (e.g. "prediction of x[t+1]").
    """

    def __init__(self, model: SequenceRegressor, xs, targets=None, output_label: str = "output y_t"):
        if not isinstance(model, SequenceRegressor) or model.rnn.input_size != 1 or model.out.out_features != 1:
            raise TypeError(f"model must be a SequenceRegressor with one input and one output, got {model!r}")
        if not isinstance(output_label, str):
            raise TypeError(f"output_label must be a string, got {type(output_label).__name__}")
        self.model = model
        self.xs, self.targets = stepper_sequences(xs, targets)
        T, N, _ = self.xs.shape
        self.y_hat = model.predict(self.xs)[:, :, 0]  # (T, N)
        self.hs = model.hs  # (T, N, F)
        F = self.hs.shape[2]

        self.t = widgets.IntSlider(value=0, min=0, max=T - 1, description="time t", continuous_update=True,
                                   layout=widgets.Layout(width="420px"))
        self.play = widgets.Play(value=0, min=0, max=T - 1, interval=250, description="play")
        widgets.jslink((self.play, "value"), (self.t, "value"))
        self.seq = widgets.IntSlider(value=0, min=0, max=N - 1, description="sequence n",
                                     layout=widgets.Layout(width="300px"))
        self.status = widgets.HTML()

        fig = Figure(figsize=(8.4, 5.0), dpi=100)  # fixed margins: a layout engine would cost ~0.1 s per build
        grid = fig.add_gridspec(2, 2, width_ratios=(2.2, 1), left=0.07, right=0.985, bottom=0.1, top=0.95,
                                hspace=0.45, wspace=0.26)
        ax_seq = fig.add_subplot(grid[0, :])
        ax_heat, ax_bar = fig.add_subplot(grid[1, 0]), fig.add_subplot(grid[1, 1])
        steps = np.arange(T)
        ax_seq.set(xlim=(-0.5, T - 0.5), ylim=(-1.9, 1.9), xlabel="time step t",
                   title="the sequence, read left to right")
        (self.input_line,) = ax_seq.plot(steps, self.xs[:, 0, 0], "o", color=GREY, ms=3.5, alpha=0.35)
        (self.seen_line,) = ax_seq.plot([], [], "o", color="#555555", ms=3.5, label="input x_t (read so far)")
        (self.target_line,) = ax_seq.plot(steps, np.full(T, np.nan), "-", color=GREEN, lw=1, alpha=0.7,
                                          label="target")
        (self.output_line,) = ax_seq.plot([], [], "-", color=ORANGE, lw=2.2, label=output_label)
        (self.current,) = ax_seq.plot([], [], "o", color=BLUE, ms=9, label="x_t now")
        self.cursor = ax_seq.axvline(0, color=BLUE, lw=1, alpha=0.5)
        ax_seq.legend(loc="upper right", ncols=4, fontsize=8)

        self.heat = GridShade(ax_heat, self.hs[:, 0, :].T, cmap=colormaps["RdBu_r"], vmin=-1, vmax=1,
                              extent=(-0.5, T - 0.5, F - 0.5, -0.5))
        self.column = ax_heat.axvspan(-0.5, 0.5, fill=False, ec="black", lw=2)
        ax_heat.set(xlim=(-0.5, T - 0.5), ylim=(F - 0.5, -0.5), xlabel="time step t", ylabel="hidden unit",
                    title="all hidden states h_t (columns)")
        ax_heat.grid(False)
        fig.colorbar(ScalarMappable(self.heat.norm, self.heat.cmap), ax=ax_heat, fraction=0.04, pad=0.01)

        self.bars = ax_bar.barh(np.arange(F), np.zeros(F), color=BLUE, height=0.8, edgecolor="#333333", lw=0.5)
        (self.previous,) = ax_bar.plot(np.zeros(F), np.arange(F), "|", color="black", ms=8, label="h_(t-1)")
        ax_bar.set(xlim=(-1.05, 1.05), ylim=(F - 0.5, -0.5), xlabel="value", title="h_t (bars), h_(t-1) (ticks)")
        over_heat = list(ax_heat.spines.values())  # drawn again over the heat map, which covers their inner half
        if F > self.model.rnn.hidden_size:  # bidirectional: mark where the reverse direction starts
            ax_bar.axhline(self.model.rnn.hidden_size - 0.5, color="black", lw=0.8)
            over_heat.append(ax_heat.axhline(self.model.rnn.hidden_size - 0.5, color="black", lw=0.8))

        # the sequence's own data (inputs, targets, heat map) moves too: a new sequence n is a redraw of the moving
        # artists (~2 ms more per move), not of the whole figure and its layout (~100 ms)
        dynamic = [self.input_line, self.target_line, self.heat.artist, *over_heat, self.seen_line, self.output_line,
                   self.current, self.cursor, self.column, self.previous, *self.bars]
        self.figure = LiveFigure(fig, dynamic)
        self._register_controls({"t": self.t, "n": self.seq})
        self._observe(self.t, lambda _: self.update())
        self._observe(self.seq, lambda _: self.update(new_sequence=True))
        legend = legend_html((GREY, "input x_t"), (ORANGE, output_label), (GREEN, "target"),
                             (BLUE, "x_t now"), ("#B2182B", "unit of h_t > 0"), ("#2166AC", "unit of h_t < 0"))
        self.panel = widgets.VBox([widgets.HBox([self.play, self.t, self.seq, reset_button(self)]),
                                   legend, self.status, self.figure.image])
        self.update(new_sequence=True)

    def state_at(self, t: int, n: int = 0) -> dict:
        """What the panel shows at step ``t`` of sequence ``n``: ``x_t``, ``h_t`` ``(F,)``, ``y_t``, ``h_(t-1)``."""
        T, N, _ = self.hs.shape
        t, n = as_int(t, "t", low=0, high=T - 1), as_int(n, "n", low=0, high=N - 1)
        h_prev = self.hs[t - 1, n] if t > 0 else np.zeros(self.hs.shape[2])
        return {"x": float(self.xs[t, n, 0]), "h": self.hs[t, n], "h_prev": h_prev, "y": float(self.y_hat[t, n])}

    def refresh(self) -> None:
        self.update(new_sequence=True)

    def update(self, new_sequence: bool = False) -> None:
        """Redraw for the slider values; ``new_sequence`` also puts in the sequence's inputs, targets and heat map."""
        new_sequence = as_bool(new_sequence, "new_sequence")
        t, n = self.t.value, self.seq.value
        state = self.state_at(t, n)
        steps = np.arange(t + 1)
        if new_sequence:
            self.input_line.set_ydata(self.xs[:, n, 0])
            if self.targets is not None:
                self.target_line.set_ydata(self.targets[:, n, 0])
            self.heat.set_data(self.hs[:, n, :].T)
        self.seen_line.set_data(steps, self.xs[: t + 1, n, 0])
        self.output_line.set_data(steps, self.y_hat[: t + 1, n])
        self.current.set_data([t], [state["x"]])
        self.cursor.set_xdata([t, t])
        self.column.set_x(t - 0.5)
        colors = self.heat.cmap(self.heat.norm(state["h"]))  # the bars take the heat map's colours
        for bar, value, color in zip(self.bars, state["h"], colors, strict=True):
            bar.set_width(value)
            bar.set_facecolor(color)
        self.previous.set_xdata(state["h_prev"])
        self.figure.redraw()
        change = np.linalg.norm(state["h"] - state["h_prev"])
        self.status.value = (f"<b>t = {t}</b>: x_t = {state['x']:+.2f}, output y_t = {state['y']:+.2f}, "
                             f"||h_t − h_(t−1)|| = {change:.2f}")


class GradientFlowExplorer(Panel):
    """Sliders for ``s`` in ``Wh = s · Q`` (``Q`` orthogonal), the length ``T`` and the hidden size ``H``; plots
    ``||dL/dh||`` k steps back and ``||h_t||`` going forward.

    The dashed line is ``s**k``, what a linear RNN (no nonlinearity) would give: tanh can only pull the
    gradient below it (``tanh' <= 1``); ReLU follows it more closely, and its hidden state grows without bound.
    """

    LIMITS = (1e-12, 1e12)
    MAX_STEPS = 120

    def __init__(self, wh_scale: float = 1.0, steps: int = 40, hidden_size: int = 16):
        wh_scale = in_range(wh_scale, "wh_scale", 0.2, 2.5)
        steps = in_range(steps, "steps", 5, self.MAX_STEPS, whole=True)
        hidden_size = in_range(hidden_size, "hidden_size", 2, 64, whole=True)
        wide = {"style": {"description_width": "initial"}, "layout": widgets.Layout(width="340px")}
        self.scale = widgets.FloatSlider(value=wh_scale, min=0.2, max=2.5, step=0.05, description="scale s of Wh",
                                         readout_format=".2f", **wide)
        self.steps = widgets.IntSlider(value=steps, min=5, max=self.MAX_STEPS, step=5,
                                       description="length T (steps)", **wide)
        self.hidden = widgets.IntSlider(value=hidden_size, min=2, max=64, description="hidden size H", **wide)
        self.status = widgets.HTML()
        fig = Figure(figsize=(8.4, 3.6), dpi=100)  # fixed margins: a layout engine would cost ~0.1 s per build
        self.ax_grad, self.ax_state = fig.subplots(1, 2, gridspec_kw=dict(left=0.09, right=0.99, bottom=0.125,
                                                                          top=0.93, wspace=0.27))
        for ax in (self.ax_grad, self.ax_state):  # one x axis for every T: a new T only moves the lines
            ax.set(yscale="log", xlim=(0, self.MAX_STEPS - 1))
            ax.axhline(1.0, color="black", lw=0.8)
        self.ax_grad.set(ylim=self.LIMITS, xlabel="steps back in time k", ylabel="||dL/dh_(T-1-k)||",
                         title="gradient travelling back")
        self.ax_state.set(ylim=(1e-2, 1e12), xlabel="time step t", ylabel="||h_t||",
                          title="hidden state going forward")
        (self.linear_line,) = self.ax_grad.plot([], [], "--", color=GREY, label="s^k (linear RNN)")
        (self.tanh_line,) = self.ax_grad.plot([], [], color=BLUE, lw=2, label="tanh")
        (self.relu_line,) = self.ax_grad.plot([], [], color=ORANGE, lw=2, label="ReLU")
        (self.tanh_state,) = self.ax_state.plot([], [], color=BLUE, lw=2, label="tanh")
        (self.relu_state,) = self.ax_state.plot([], [], color=ORANGE, lw=2, label="ReLU")
        self.ceiling = self.ax_state.axhline(1.0, color=BLUE, lw=0.8, ls=":", label="tanh's ceiling sqrt(H)")
        self.starts = [ax.axvline(0, color="black", lw=0.8, ls="-.") for ax in (self.ax_grad, self.ax_state)]
        self.ax_grad.legend(loc="lower left", fontsize=8)
        self.ax_state.legend(loc="upper left", fontsize=8)
        self.flows = {}
        self.figure = LiveFigure(fig, [self.linear_line, self.tanh_line, self.relu_line, self.tanh_state,
                                       self.relu_state, self.ceiling, *self.starts])
        self._register_controls({"s": self.scale, "T": self.steps, "H": self.hidden})
        for control in self.controls.values():
            self._observe(control, lambda _: self.update())
        legend = legend_html((BLUE, "tanh RNN"), (ORANGE, "ReLU RNN"), (GREY, "dashed: s^k, no nonlinearity"),
                             (BLUE, "dotted: tanh's largest possible ||h_t||, sqrt(H)"),
                             ("black", "dash-dot: the end of the sequence, T - 1"))
        self.panel = widgets.VBox([widgets.HBox([self.scale, self.steps, self.hidden]),
                                   widgets.HBox([reset_button(self), self.status]), legend, self.figure.image])
        self.update()

    def update(self) -> None:
        s, T, H = self.scale.value, self.steps.value, self.hidden.value
        lo, hi = self.LIMITS
        self.flows = {nl: gradient_flow(s, nl, T, H) for nl in ("tanh", "relu")}
        k = np.arange(T)
        with np.errstate(under="ignore"):
            self.linear_line.set_data(k, np.clip(s ** k.astype(float), lo, hi))
        for nl, grad_line, state_line in (("tanh", self.tanh_line, self.tanh_state),
                                          ("relu", self.relu_line, self.relu_state)):
            flow = self.flows[nl]
            grad_line.set_data(k, np.clip(flow.grad_norm, lo, hi))
            state_line.set_data(k, np.clip(flow.state_norm[::-1], 1e-2, 1e12))  # back in time order t = 0 .. T-1
        self.ceiling.set_ydata([np.sqrt(H)] * 2)
        for start in self.starts:  # k = T-1 on the left: the first step of the sequence; t = T-1 on the right: its end
            start.set_xdata([T - 1] * 2)
        self.figure.redraw()  # the picture first: the status follows it to the page
        far = T - 1
        tanh, relu = (self.flows[nl].grad_norm[far] for nl in ("tanh", "relu"))
        self.status.value = (f"Wh = {s:.2f}·Q, T = {T}, H = {H}. After {far} steps back the gradient is "
                             f"<b>{tanh:.1e}</b> (tanh) and <b>{relu:.1e}</b> (ReLU) of what it was; largest "
                             f"ReLU state {self.flows['relu'].state_norm.max():.1e}.")
