"""Panels of notebook 07's bidirectional section, on :class:`helpers.panel.Panel`.

- :class:`ShapesExplorer`: sizes ``T, N, D, H``, bidirectional, layers -> the shapes of ``out`` and ``h_n``, and
  which slice of ``out`` is which row of ``h_n`` (the math is :func:`helpers.rnn_layout.rnn_layout`).
- :class:`BidirectionalStepper`: both directions of a bidirectional model stepping side by side, their states
  filling in from opposite ends, and the outputs that can be computed so far
  (:func:`helpers.rnn_layout.bidirectional_progress`).
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from helpers.grid_shade import GridShade
from helpers.rnn_layout import bidirectional_progress, rnn_layout
from helpers.rnn_widgets import BLUE, GREEN, GREY, ORANGE, in_range, legend_html, reset_button, stepper_sequences
from helpers.sequence_tasks import SequenceRegressor
from helpers.validation import as_bool, as_float_array, as_int, as_positive_int
from helpers.widgets import LiveFigure, Panel

PALE_ORANGE, PALE_GREEN = "#F5D9A0", "#A8DCC9"
# cell codes of the shape pictures: 0 grid line, 1/2 a forward/reverse feature, 3/4 a forward/reverse final state
# (a row of h_n found in out), 5 a lower layer's final state (in h_n, not in out)
CELL_COLORS = ListedColormap(["white", PALE_ORANGE, PALE_GREEN, ORANGE, GREEN, GREY])
PX = 6  # pixels per cell side in the pictures (plus a one-pixel grid line)


def cells_picture(codes: np.ndarray) -> np.ndarray:
    """``(rows, cols)`` cell codes -> an image with each cell ``PX`` pixels wide and a white grid line between."""
    codes = as_float_array(codes, "codes", ndim=2, nonempty=True)
    rows, cols = codes.shape
    picture = np.zeros((rows * (PX + 1) + 1, cols * (PX + 1) + 1))
    for r in range(rows):
        for c in range(cols):
            picture[1 + r * (PX + 1):(r + 1) * (PX + 1), 1 + c * (PX + 1):(c + 1) * (PX + 1)] = codes[r, c]
    return picture


def layout_codes(T: int, H: int, dirs: int, num_layers: int) -> tuple[np.ndarray, np.ndarray]:
    """Cell codes of ``out[:, n, :]`` ``(T, dirs*H)`` and of ``h_n[:, n, :]`` ``(layers*dirs, H)`` (see CELL_COLORS)."""
    T, H, num_layers = as_positive_int(T, "T"), as_positive_int(H, "H"), as_positive_int(num_layers, "num_layers")
    dirs = as_int(dirs, "dirs", low=1, high=2)
    out = np.ones((T, dirs * H))
    out[:, H:] = 2
    out[T - 1, :H] = 3  # forward final state: the last step
    if dirs == 2:
        out[0, H:] = 4  # reverse final state: the first step
    h_n = np.full((num_layers * dirs, H), 5.0)
    h_n[-dirs] = 3
    if dirs == 2:
        h_n[-1] = 4
    return out, h_n


class ShapesExplorer(Panel):
    """Sizes in, shapes out: ``out (T, N, dirs·H)`` and ``h_n (layers·dirs, N, H)`` drawn for one sequence ``n``,
    with arrows from each slice of ``out`` to the row of ``h_n`` it equals.

    Args: the starting sizes (the notebook's ``T = 10, N = 3, D = 4, H = 8``, bidirectional, one layer).
    """

    LIMITS = {"T": (1, 12), "N": (1, 8), "D": (1, 10), "H": (1, 8), "layers": (1, 3)}

    def __init__(self, T: int = 10, N: int = 3, D: int = 4, H: int = 8, bidirectional: bool = True,
                 num_layers: int = 1):
        values = {"T": T, "N": N, "D": D, "H": H, "layers": num_layers}
        self.sizes = {}
        for name, value in values.items():
            lo, hi = self.LIMITS[name]
            arg = "num_layers" if name == "layers" else name
            self.sizes[name] = widgets.IntSlider(value=in_range(value, arg, lo, hi, whole=True), min=lo, max=hi,
                                                 description=name, layout=widgets.Layout(width="260px"))
        self.sizes["T"].description, self.sizes["N"].description = "T (steps)", "N (batch)"
        self.sizes["D"].description, self.sizes["H"].description = "D (features)", "H (hidden)"
        self.sizes["layers"].description = "layers"
        if not isinstance(bidirectional, bool):
            raise TypeError(f"bidirectional must be True or False, got {type(bidirectional).__name__}")
        self.bidirectional = widgets.Checkbox(value=bidirectional, description="bidirectional")
        self.table = widgets.HTML()
        self.shapes = widgets.HTML()
        self.layout = None

        fig = Figure(figsize=(8.4, 3.6), dpi=100)
        ax = fig.add_axes((0.01, 0.01, 0.98, 0.98))
        ax.set(xlim=(0, 10), ylim=(-0.6, 6.5))
        ax.axis("off")
        self.ax = ax
        self.out_image = GridShade(ax, np.zeros((2, 2)), cmap=CELL_COLORS, vmin=-0.5, vmax=5.5, extent=(0, 1, 0, 1))
        self.h_image = GridShade(ax, np.zeros((2, 2)), cmap=CELL_COLORS, vmin=-0.5, vmax=5.5, extent=(0, 1, 0, 1))
        ax.text(0.9, 6.4, "out, for one sequence n:\na row per step t", fontsize=10, va="top")
        ax.text(6.3, 6.4, "h_n, for one sequence n:\na row per layer and direction", fontsize=10, va="top")
        self.t_labels = [ax.text(0.85, 0, text, fontsize=8, ha="right", va="center") for text in ("t = 0", "")]
        self.arrows = [FancyArrowPatch((0, 0), (1, 1), arrowstyle="-|>", mutation_scale=14, lw=1.6, color=color)
                       for color in (ORANGE, GREEN)]
        for arrow in self.arrows:
            ax.add_patch(arrow)
        texts = self.t_labels
        self.figure = LiveFigure(fig, [self.out_image.artist, self.h_image.artist, *texts, *self.arrows])
        self._register_controls({**self.sizes, "bidirectional": self.bidirectional})
        for control in self.controls.values():
            self._observe(control, lambda _: self.update())
        legend = legend_html((ORANGE, "forward direction (pale: its features in out)"),
                             (GREEN, "reverse direction"), (GREY, "final state of a lower layer (only in h_n)"))
        sliders = list(self.sizes.values())
        self.panel = widgets.VBox([widgets.HBox(sliders[:3]), widgets.HBox([*sliders[3:], self.bidirectional]),
                                   widgets.HBox([reset_button(self)]), legend, self.shapes, self.figure.image,
                                   self.table])
        self.update()

    def update(self) -> None:
        T, N, D, H, L = (self.sizes[k].value for k in ("T", "N", "D", "H", "layers"))
        dirs = 2 if self.bidirectional.value else 1
        self.layout = rnn_layout(T, N, D, H, self.bidirectional.value, L)
        rows = L * dirs
        out_codes, h_codes = layout_codes(T, H, dirs, L)
        cell = min(4.6 / T, 4.6 / (dirs * H), 0.42)  # square cells that fit their half of the picture
        left, h_left = 0.9, 6.3
        # h_n's last forward row sits level with out's last step, where that state is found
        top = min(5.2, 5.2 - cell * (rows - dirs + 1 - T))
        out_right, bottom = left + cell * dirs * H, top - cell * T
        h_top = bottom + cell * (rows - dirs + 1)
        self.out_image.set_data(cells_picture(out_codes))
        self.out_image.set_extent((left, out_right, bottom, top))
        self.h_image.set_data(cells_picture(h_codes))
        self.h_image.set_extent((h_left, h_left + cell * H, h_top - cell * rows, h_top))
        self.t_labels[0].set_y(top - cell / 2)
        self.t_labels[1].set_text(f"t = {T - 1}" if T > 1 else "")
        self.t_labels[1].set_y(bottom + cell / 2)
        for d, arrow in enumerate(self.arrows):
            arrow.set_visible(d < dirs)
            end = (h_left - 0.05, h_top - cell * (rows - dirs + d + 0.5))
            if d == 0 and dirs == 2:  # the forward strip ends where the reverse features begin: pass below
                arrow.set_positions((left + cell * H / 2, bottom - 0.05), end)
                arrow.set_connectionstyle("arc3", rad=0.35)
            else:  # from the right end of the final-state strip
                arrow.set_positions((out_right + 0.05, top - cell * ((T - 1 if d == 0 else 0) + 0.5)), end)
                arrow.set_connectionstyle("arc3", rad=-0.15 if d else 0.0)
        self.figure.redraw()  # the picture first: the texts follow it to the page
        self.shapes.value = (f"<b>out</b> {self.layout.out_shape} = (T, N, dirs·H) &nbsp;&nbsp; <b>h_n</b> "
                             f"{self.layout.h_n_shape} = (layers·dirs, N, H), "
                             f"rows h_n[0] .. h_n[{rows - 1}] top to bottom")
        self.table.value = self._table_html(D, H, L, dirs)

    def _table_html(self, D: int, H: int, L: int, dirs: int) -> str:
        rows = "".join(
            f"<tr><td>h_n[{p.index}]</td><td>layer {p.layer}, {p.direction}</td><td><code>{p.found_in}</code></td>"
            f"<td>{'✔ equal' if p.matches else '✘ differ'}</td></tr>" for p in self.layout.places)
        reads = ", ".join(f"layer {i} reads {size}" for i, size in enumerate(self.layout.layer_input_sizes))
        torch = f"nn.RNN({D}, {H}, num_layers={L}, bidirectional={dirs == 2})"
        return (f"<small>PyTorch: <code>{torch}</code> · {reads} features · <b>2H</b> appears only where a layer "
                f"reads both directions (the next layer, the readout), never in hidden_size.</small>"
                f"<table><tr><th>row</th><th>which state</th><th>found in</th><th>checked</th></tr>{rows}</table>")


class BidirectionalStepper(Panel):
    """Both directions of a bidirectional :class:`helpers.sequence_tasks.SequenceRegressor` stepping at once.

    At step ``k`` the forward direction computes ``h_k`` (orange), the reverse one ``h'_{T-1-k}`` (green); the
    heat maps fill in from opposite ends and the output ``y_t`` (blue) appears where both states exist.

    Args:
        model: a bidirectional SequenceRegressor with one input and one output.
        xs: ``(T, N, 1)`` sequences.  targets: ``(T, N, 1)`` what the outputs should be, or None.
    """

    def __init__(self, model: SequenceRegressor, xs, targets=None):
        if not isinstance(model, SequenceRegressor) or not model.rnn.bidirectional or model.rnn.input_size != 1 \
                or model.out.out_features != 1:
            raise TypeError(f"model must be a bidirectional SequenceRegressor with one input and output, got {model!r}")
        self.model = model
        self.xs, self.targets = stepper_sequences(xs, targets)
        T, N, _ = self.xs.shape
        self.y_hat = model.predict(self.xs)[:, :, 0]  # (T, N)
        H = model.rnn.hidden_size
        self.forward_states, self.reverse_states = model.hs[:, :, :H], model.hs[:, :, H:]  # (T, N, H) each
        self.progress = None

        self.k = widgets.IntSlider(value=0, min=0, max=T - 1, description="step k",
                                   layout=widgets.Layout(width="400px"))
        self.play = widgets.Play(value=0, min=0, max=T - 1, interval=300, description="play")
        widgets.jslink((self.play, "value"), (self.k, "value"))
        self.seq = widgets.IntSlider(value=0, min=0, max=N - 1, description="sequence n",
                                     layout=widgets.Layout(width="280px"))
        self.status = widgets.HTML()

        fig = Figure(figsize=(8.4, 5.2), dpi=100)  # fixed margins: a layout engine would cost ~0.1 s per build
        ax_seq, ax_fwd, ax_rev = fig.subplots(3, 1, sharex=True, height_ratios=(1.3, 1, 1),
                                              gridspec_kw=dict(left=0.065, right=0.87, bottom=0.095, top=0.955,
                                                               hspace=0.3))
        steps = np.arange(T)
        ax_seq.set(xlim=(-0.5, T - 0.5), ylim=(-2.0, 2.0), title="the sequence: what each direction has read")
        self.fwd_span = ax_seq.axvspan(-0.5, 0.5, color=ORANGE, alpha=0.18, lw=0)
        self.rev_span = ax_seq.axvspan(T - 1.5, T - 0.5, color=GREEN, alpha=0.18, lw=0)
        (self.input_line,) = ax_seq.plot(steps, self.xs[:, 0, 0], "o", color="#555555", ms=3.5)
        (self.target_line,) = ax_seq.plot(steps, np.full(T, np.nan), ":", color="black", lw=1.2)
        (self.output_line,) = ax_seq.plot(steps, np.full(T, np.nan), "-o", color=BLUE, lw=2, ms=3)
        cmap = colormaps["RdBu_r"].with_extremes(bad="#DDDDDD")  # grey: states not computed yet
        self.heats, self.cursors = [], []
        for ax, color, name in ((ax_fwd, ORANGE, "forward states h_t (computed left to right)"),
                                (ax_rev, GREEN, "reverse states h'_t (computed right to left)")):
            heat = GridShade(ax, np.zeros((H, T)), cmap=cmap, vmin=-1, vmax=1, extent=(-0.5, T - 0.5, H - 0.5, -0.5))
            ax.set(xlim=(-0.5, T - 0.5), ylim=(H - 0.5, -0.5), ylabel="unit")
            ax.set_title(name, color=color, fontsize=10)
            ax.grid(False)
            self.heats.append(heat)
            self.cursors.append(ax.axvspan(-0.5, 0.5, fill=False, ec=color, lw=2.5))
        ax_rev.set_xlabel("time step t")
        bottom, top = ax_rev.get_position().y0, ax_fwd.get_position().y1
        fig.colorbar(ScalarMappable(self.heats[0].norm, self.heats[0].cmap),
                     cax=fig.add_axes((0.885, bottom, 0.018, top - bottom)), label="unit value")

        # the sequence's inputs and targets move too: a new sequence n redraws the moving artists, not the figure
        dynamic = [self.fwd_span, self.rev_span, self.input_line, self.target_line, self.output_line,
                   *(heat.artist for heat in self.heats), *self.cursors]
        self.figure = LiveFigure(fig, dynamic)
        self._register_controls({"k": self.k, "n": self.seq})
        self._observe(self.k, lambda _: self.update())
        self._observe(self.seq, lambda _: self.update(new_sequence=True))
        legend = legend_html((ORANGE, "forward direction (read so far)"), (GREEN, "reverse direction"),
                             (BLUE, "output y_t, once both h_t and h'_t exist"), ("#555555", "input x_t"),
                             ("black", "dotted: target"), ("#DDDDDD", "not computed yet"))
        self.panel = widgets.VBox([widgets.HBox([self.play, self.k, self.seq, reset_button(self)]),
                                   legend, self.status, self.figure.image])
        self.update(new_sequence=True)

    def refresh(self) -> None:
        self.update(new_sequence=True)

    def update(self, new_sequence: bool = False) -> None:
        new_sequence = as_bool(new_sequence, "new_sequence")
        k, n = self.k.value, self.seq.value
        T = self.xs.shape[0]
        self.progress = p = bidirectional_progress(T, k)
        if new_sequence:
            self.input_line.set_ydata(self.xs[:, n, 0])
            if self.targets is not None:
                self.target_line.set_ydata(self.targets[:, n, 0])
        self.fwd_span.set_x(-0.5)
        self.fwd_span.set_width(k + 1)
        self.rev_span.set_x(p.reverse_t - 0.5)
        self.rev_span.set_width(k + 1)
        self.output_line.set_ydata(np.where(p.ready, self.y_hat[:, n], np.nan))
        for heat, states, done, cursor, t in ((self.heats[0], self.forward_states, p.forward_done, self.cursors[0],
                                               p.forward_t),
                                              (self.heats[1], self.reverse_states, p.reverse_done, self.cursors[1],
                                               p.reverse_t)):
            heat.set_data(np.ma.masked_array(states[:, n, :].T, mask=np.broadcast_to(~done, (states.shape[2], T))))
            cursor.set_x(t - 0.5)
        self.figure.redraw()
        self.status.value = (f"<b>step k = {k}</b>: forward at t = {p.forward_t} (has read x_0 .. x_{p.forward_t}), "
                             f"reverse at t = {p.reverse_t} (has read x_{p.reverse_t} .. x_{T - 1}); "
                             f"outputs ready: <b>{int(p.ready.sum())} of {T}</b>")
