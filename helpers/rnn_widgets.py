"""Interactive panels of notebook 07 (RNNs), built on :class:`helpers.widgets.LiveFigure`.

- :class:`TimeStepper`: move through time and watch the hidden state ``h_t`` of a model change.
- :class:`GradientFlowExplorer`: a slider for the scale of ``Wh``; how a gradient fades or explodes with the
  number of steps it travels back, for tanh and ReLU (the math is :func:`helpers.rnn.gradient_flow`).

Both are displayed by leaving them as the last expression of a cell; tests set ``panel.t.value = 5`` (or
``panel.scale.value = 1.5``) and read the attributes, no browser needed.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.rnn import gradient_flow
from helpers.sequence_tasks import SequenceRegressor
from helpers.validation import as_float_array
from helpers.widgets import LiveFigure, Panel

BLUE, ORANGE, GREEN, GREY = "#0072B2", "#E69F00", "#009E73", "#999999"


class TimeStepper(Panel):
    """Step through one sequence: the inputs so far, the model's outputs so far, and ``h_t`` as bars and as
    one column of the heat map of all hidden states.

    Args:
        model: a :class:`helpers.sequence_tasks.SequenceRegressor` with one input and one output.
        xs: ``(T, N, 1)`` sequences to choose from.  targets: ``(T, N, 1)`` what the outputs should be, or None.
        output_label: legend text of the output line (e.g. "prediction of x[t+1]").
    """

    def __init__(self, model: SequenceRegressor, xs, targets=None, output_label: str = "output y_t"):
        self.model = model
        self.xs = as_float_array(xs, "xs", ndim=3)
        T, N, _ = self.xs.shape
        self.targets = None if targets is None else as_float_array(targets, "targets", ndim=3)
        self.y_hat = model.predict(self.xs)[:, :, 0]  # (T, N)
        self.hs = model.hs  # (T, N, F)
        F = self.hs.shape[2]

        self.t = widgets.IntSlider(value=0, min=0, max=T - 1, description="time t", continuous_update=True,
                                   layout=widgets.Layout(width="420px"))
        self.play = widgets.Play(value=0, min=0, max=T - 1, interval=250, description="play")
        widgets.jslink((self.play, "value"), (self.t, "value"))
        self.seq = widgets.IntSlider(value=0, min=0, max=N - 1, description="sequence",
                                     layout=widgets.Layout(width="300px"))
        self.status = widgets.HTML()

        fig = Figure(figsize=(8.4, 5.0), dpi=100, layout="constrained")
        grid = fig.add_gridspec(2, 2, width_ratios=(2.2, 1))
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

        self.heat = ax_heat.imshow(self.hs[:, 0, :].T, aspect="auto", cmap="RdBu_r", vmin=-1, vmax=1,
                                   extent=(-0.5, T - 0.5, F - 0.5, -0.5), interpolation="nearest")
        self.column = ax_heat.axvspan(-0.5, 0.5, fill=False, ec="black", lw=2)
        ax_heat.set(xlabel="time step t", ylabel="hidden unit", title="all hidden states h_t (columns)")
        ax_heat.grid(False)
        fig.colorbar(self.heat, ax=ax_heat, fraction=0.04, pad=0.01)

        self.bars = ax_bar.barh(np.arange(F), np.zeros(F), color=BLUE, height=0.8, edgecolor="#333333", lw=0.5)
        (self.previous,) = ax_bar.plot(np.zeros(F), np.arange(F), "|", color="black", ms=8, label="h_(t-1)")
        ax_bar.set(xlim=(-1.05, 1.05), ylim=(F - 0.5, -0.5), xlabel="value", title="h_t (bars), h_(t-1) (ticks)")
        if F > self.model.rnn.hidden_size:  # bidirectional: mark where the reverse direction starts
            ax_bar.axhline(self.model.rnn.hidden_size - 0.5, color="black", lw=0.8)
            ax_heat.axhline(self.model.rnn.hidden_size - 0.5, color="black", lw=0.8)

        # the sequence's own data (inputs, targets, heat map) is background: redrawn only for a new sequence
        dynamic = [self.seen_line, self.output_line, self.current, self.cursor, self.column, self.previous, *self.bars]
        self.figure = LiveFigure(fig, dynamic)
        self.t.observe(lambda _: self.update(), names="value")
        self.seq.observe(lambda _: self.update(new_sequence=True), names="value")
        self.panel = widgets.VBox([widgets.HBox([self.play, self.t, self.seq]), self.status, self.figure.image])
        self.update(new_sequence=True)

    def state_at(self, t: int, n: int = 0) -> dict:
        """What the panel shows at step ``t`` of sequence ``n``: ``x_t``, ``h_t`` ``(F,)``, ``y_t``, ``h_(t-1)``."""
        h_prev = self.hs[t - 1, n] if t > 0 else np.zeros(self.hs.shape[2])
        return {"x": float(self.xs[t, n, 0]), "h": self.hs[t, n], "h_prev": h_prev, "y": float(self.y_hat[t, n])}

    def update(self, new_sequence: bool = False) -> None:
        """Redraw for the slider values; ``new_sequence`` also redraws the background (inputs, heat map)."""
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
        self.figure.redraw(full=new_sequence)
        change = np.linalg.norm(state["h"] - state["h_prev"])
        self.status.value = (f"<b>t = {t}</b>: x_t = {state['x']:+.2f}, output y_t = {state['y']:+.2f}, "
                             f"||h_t − h_(t−1)|| = {change:.2f}")



class GradientFlowExplorer(Panel):
    """A slider for ``s`` in ``Wh = s · Q`` (``Q`` orthogonal); plots ``||dL/dh||`` k steps back and ``||h_t||``.

    The dashed line is ``s**k``, what a linear RNN (no nonlinearity) would give: tanh can only pull the
    gradient below it (``tanh' <= 1``); ReLU follows it more closely, and its hidden state grows without bound.
    """

    LIMITS = (1e-12, 1e12)

    def __init__(self, wh_scale: float = 1.0, steps: int = 40, hidden_size: int = 16):
        self.steps, self.hidden_size = steps, hidden_size
        self.scale = widgets.FloatSlider(value=wh_scale, min=0.2, max=2.5, step=0.05, description="scale of Wh",
                                         readout_format=".2f", continuous_update=True,
                                         style={"description_width": "initial"}, layout=widgets.Layout(width="420px"))
        self.status = widgets.HTML()
        k = np.arange(steps)
        fig = Figure(figsize=(8.4, 3.6), dpi=100, layout="constrained")
        ax_grad, ax_state = fig.subplots(1, 2)
        for ax in (ax_grad, ax_state):
            ax.set(yscale="log", xlim=(0, steps - 1))
            ax.axhline(1.0, color="black", lw=0.8)
        ax_grad.set(ylim=self.LIMITS, xlabel="steps back in time k", ylabel="||dL/dh_(T-k)||",
                    title="gradient travelling back")
        ax_state.set(ylim=(1e-2, 1e12), xlabel="time step t", ylabel="||h_t||", title="hidden state going forward")
        (self.linear_line,) = ax_grad.plot(k, np.ones(steps), "--", color=GREY, label="s^k (linear RNN)")
        (self.tanh_line,) = ax_grad.plot(k, np.ones(steps), color=BLUE, lw=2, label="tanh")
        (self.relu_line,) = ax_grad.plot(k, np.ones(steps), color=ORANGE, lw=2, label="ReLU")
        (self.tanh_state,) = ax_state.plot(k, np.ones(steps), color=BLUE, lw=2, label="tanh")
        (self.relu_state,) = ax_state.plot(k, np.ones(steps), color=ORANGE, lw=2, label="ReLU")
        ax_state.axhline(np.sqrt(hidden_size), color=BLUE, lw=0.8, ls=":", label="tanh's ceiling sqrt(H)")
        ax_grad.legend(loc="lower left", fontsize=8)
        ax_state.legend(loc="upper left", fontsize=8)
        self.flows = {}
        self.figure = LiveFigure(fig, [self.linear_line, self.tanh_line, self.relu_line, self.tanh_state,
                                       self.relu_state])
        self.scale.observe(lambda _: self.update(), names="value")
        self.panel = widgets.VBox([self.scale, self.status, self.figure.image])
        self.update()

    def update(self) -> None:
        s = self.scale.value
        lo, hi = self.LIMITS
        self.flows = {nl: gradient_flow(s, nl, self.steps, self.hidden_size) for nl in ("tanh", "relu")}
        k = np.arange(self.steps)
        with np.errstate(under="ignore"):
            self.linear_line.set_ydata(np.clip(s ** k.astype(float), lo, hi))
        for nl, grad_line, state_line in (("tanh", self.tanh_line, self.tanh_state),
                                          ("relu", self.relu_line, self.relu_state)):
            flow = self.flows[nl]
            grad_line.set_ydata(np.clip(flow.grad_norm, lo, hi))
            state_line.set_ydata(np.clip(flow.state_norm[::-1], 1e-2, 1e12))  # back in time order t = 0 .. T-1
        far = self.steps - 1
        tanh, relu = (self.flows[nl].grad_norm[far] for nl in ("tanh", "relu"))
        self.status.value = (f"Wh = {s:.2f}·Q. After {far} steps back the gradient is <b>{tanh:.1e}</b> (tanh) and "
                             f"<b>{relu:.1e}</b> (ReLU) of what it was; largest ReLU state "
                             f"{self.flows['relu'].state_norm.max():.1e}.")
        self.figure.redraw()

