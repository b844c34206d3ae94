"""The activation explorer of notebook 04: pick f (and a g to compare), move its parameters, the inputs, the depth.

Five panels, built once and updated in place (``helpers.widgets.LiveFigure``):

1. ``f(x)`` on [-6, 6], with the band where the inputs ``u = scale·z + shift`` fall;
2. ``f'(x)``: where the band meets a flat derivative, gradients vanish;
3. the histogram of ``f(u)`` for 5000 standard-normal samples ``z``;
4. the photo (standardised pixels, every third) through ``f``, pixel by pixel, on its own or on a fixed grey scale;
5. the gradient through a chain of L layers ``u_l = w·f(u_{l-1})`` (``helpers.activation_chain``).

The math is ``helpers.activation_model`` (:func:`explorer_state`, :func:`depth_state`), plain functions tests
call without a browser; the widget class only moves artists. ``explorer.set_settings(function="relu",
shift=-2.5)`` from code does what a learner's clicks do.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.activation_model import (
    FLAT,
    MAX_DEPTH,
    N_BINS,
    PARAM_RANGES,
    PARAMETERS,
    SCALE,
    SHIFT,
    WEIGHT,
    X_RANGE,
    check_name,
    depth_state,
    explorer_state,
    in_range,
    output_limits,
    slider_name,
    standard_samples,
    standardised_photo,
)
from helpers.activations import ACTIVATIONS
from helpers.validation import as_bool, as_positive_int
from helpers.widgets import LiveFigure, Panel

GREY_SCALE = (-2.5, 2.5)  # the fixed photo scale, as in the notebook's picture of all twelve
PHOTO_STEP = 3  # every third pixel (100 x 86), as in that picture: enough for a panel 145 px wide
DEPTH_LIMITS = (1e-12, 1e12)
COLOURS = {"f": "#0072B2", "df": "#D55E00", "g": "#CC79A7", "band": "#E69F00", "hist": "#009E73"}
LEGEND = ("<span style='color:{f}'>━ f</span> · <span style='color:{df}'>━ f′, and the gradient through L layers"
          "</span> · <span style='color:{g}'>╌ g (compare)</span> · <span style='color:{band}'>█ where 98% of the "
          "inputs u fall</span> · <span style='color:{hist}'>█ outputs f(u)</span>").format(**COLOURS)


def _fmt(v: float) -> str:
    return "—" if not np.isfinite(v) else f"{v:.2g}" if 1e-2 <= abs(v) < 1e3 else f"{v:.1e}"


class ActivationExplorer(Panel):
    """Dropdowns for f and a g to compare, sliders for f's parameters, the inputs and the depth chain.

    Display it by leaving it as the last expression of a cell; read ``explorer.state`` (upper panels) and
    ``explorer.depth`` (depth panel, for f and g) for the numbers; ``explorer.settings`` for the controls.
    """

    def __init__(self, name: str = "sigmoid", shift: float = 0.0, scale: float = 1.0, compare: str = "none",
                 depth: int = 10, weight: float = 1.0, fixed_scale: bool = False, **params):
        act = check_name(name)
        if compare != "none":
            check_name(compare, "compare")
        shift, scale = in_range(shift, SHIFT, "shift"), in_range(scale, SCALE, "scale")
        weight = in_range(weight, WEIGHT, "weight")
        depth = as_positive_int(depth, "depth")
        if depth > MAX_DEPTH:
            raise ValueError(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
        if not isinstance(fixed_scale, bool):
            raise TypeError(f"fixed_scale must be True or False, got {type(fixed_scale).__name__} {fixed_scale!r}")
        values = dict(zip(act.params, act.values(**params), strict=True))
        for p, v in values.items():
            values[p] = in_range(v, PARAM_RANGES[slider_name(name, p)][:2], p)
        values = {slider_name(name, p): v for p, v in values.items()}
        self.samples, self.chain_samples = standard_samples(), standard_samples(200)
        self.photo = standardised_photo()[::PHOTO_STEP, ::PHOTO_STEP]

        style = {"description_width": "150px"}

        def layout():  # one Layout per control: a parameter slider is hidden on its own
            return widgets.Layout(width="370px")

        def slider(label, lo, hi, step, value, fmt=".2f", kind=widgets.FloatSlider):
            return kind(value=value, min=lo, max=hi, step=step, description=label, continuous_update=True,
                        layout=layout(), style=style, readout_format=fmt)

        self.function = widgets.Dropdown(options=list(ACTIVATIONS), value=name, description="f (function)",
                                         layout=layout(), style=style)
        self.compare = widgets.Dropdown(options=["none", *ACTIVATIONS], value=compare, layout=layout(), style=style,
                                        description="g (compare)")
        self.params = {}
        for key, (label, lo, hi, step) in PARAMETERS.items():
            default = next(d for a in ACTIVATIONS.values() for p, d in a.params.items()
                           if slider_name(a.name, p) == key)
            self.params[key] = slider(label, lo, hi, step, values.get(key, default))
        self.no_param = widgets.HTML("<i>f has no parameter</i>", layout=widgets.Layout(padding="0 0 0 20px"))
        self.shift = slider("input shift", *SHIFT, shift, "+.1f")
        self.scale = slider("input scale", *SCALE, scale, ".1f")
        self.depth_slider = slider("L (layers)", 1, MAX_DEPTH, 1, depth, "d", widgets.IntSlider)
        self.weight = slider("w (weight per layer)", *WEIGHT, weight)
        self.fixed_scale = widgets.Checkbox(value=fixed_scale, description="photo on a fixed grey scale (-2.5 to +2.5)",
                                            indent=False, layout=widgets.Layout(width="370px"))
        self.legend = widgets.HTML(LEGEND, layout=widgets.Layout(padding="0 0 0 10px"))
        self.status = widgets.HTML(layout=widgets.Layout(width="760px", padding="0 0 0 10px"))
        self.depth_status = widgets.HTML(layout=widgets.Layout(width="760px", padding="0 0 0 10px"))
        self._build_figure()

        self._register_controls({"function": self.function, "compare": self.compare, **self.params,
                                 "shift": self.shift, "scale": self.scale, "depth": self.depth_slider,
                                 "weight": self.weight, "fixed_scale": self.fixed_scale})
        self._observe(self.function, lambda _: self._new_function())
        self._observe(self.compare, lambda _: self.update(chain=True))  # g is drawn on f's axes: no rescale
        for control in (*self.params.values(), self.shift, self.scale, self.weight):
            self._observe(control, lambda _: self.update(chain=True))
        self._observe(self.depth_slider, lambda _: self.update())
        self._observe(self.fixed_scale, lambda _: self.update())
        param_box = widgets.VBox([self.no_param, *self.params.values()], layout=widgets.Layout(height="70px"))
        self.panel = widgets.VBox([  # controls on top: the panel fits a notebook column 800 px wide
            widgets.HBox([widgets.VBox([self.function, self.compare, param_box]),
                          widgets.VBox([self.shift, self.scale, self.depth_slider, self.weight])]),
            widgets.HBox([self.fixed_scale, self.defaults_button()]),
            self.legend, self.status, self.depth_status, self.figure.image,
        ])
        self.refresh()

    def _build_figure(self) -> None:
        fig = Figure(figsize=(7.6, 6.8), dpi=100, layout="constrained")
        grid = fig.add_gridspec(3, 2, height_ratios=[1, 1, 0.75])
        ax_f, ax_df = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
        ax_h, ax_img = fig.add_subplot(grid[1, 0]), fig.add_subplot(grid[1, 1])
        ax_d = fig.add_subplot(grid[2, :])
        self.axes = {"f": ax_f, "df": ax_df, "hist": ax_h, "image": ax_img, "depth": ax_d}
        (self.line_f,) = ax_f.plot([], [], color=COLOURS["f"], lw=2)
        (self.line_df,) = ax_df.plot([], [], color=COLOURS["df"], lw=2)
        (self.line_g,) = ax_f.plot([], [], color=COLOURS["g"], lw=1.6, ls="--")
        (self.line_dg,) = ax_df.plot([], [], color=COLOURS["g"], lw=1.6, ls="--")
        self.band_f = ax_f.axvspan(0, 1, color=COLOURS["band"], alpha=0.25, lw=0)
        self.band_df = ax_df.axvspan(0, 1, color=COLOURS["band"], alpha=0.25, lw=0)
        for ax, label in ((ax_f, "f(x)"), (ax_df, "f'(x)")):
            ax.set(xlim=X_RANGE, xlabel="x", ylabel=label)
        self.bars = ax_h.stairs(np.zeros(N_BINS), np.arange(N_BINS + 1.0), fill=True, color=COLOURS["hist"])
        ax_h.set(ylim=(0, 1.08), xlabel="f(u), u = scale·z + shift, z ~ N(0, 1)", ylabel="count (tallest = 1)")
        ax_h.set_title("outputs f(u)", fontsize=10)
        self.picture = ax_img.imshow(self.photo, cmap="gray", interpolation="nearest")
        ax_img.set_axis_off()
        ax_img.set_title("photo through f", fontsize=10)
        ax_df.set_title("its derivative f'(x)", fontsize=10)
        layers = np.arange(1, MAX_DEPTH + 1)
        ax_d.axhline(1.0, color="gray", lw=0.8)
        (self.chain_f,) = ax_d.plot(layers, np.ones(MAX_DEPTH), color=COLOURS["df"], lw=2, marker="o", ms=2.5)
        (self.chain_g,) = ax_d.plot(layers, np.ones(MAX_DEPTH), color=COLOURS["g"], lw=1.6, ls="--")
        self.depth_marker = ax_d.axvline(1, color="black", lw=1, ls=":")
        ax_d.set(yscale="log", ylim=DEPTH_LIMITS, xlim=(0.5, MAX_DEPTH + 0.5), yticks=[1e-12, 1e-6, 1, 1e6, 1e12],
                 xlabel=r"layer $l$ of the chain $u_l = w \cdot f(u_{l-1})$",
                 ylabel=r"median $|\partial u_l / \partial u_0|$")
        ax_d.set_title("the gradient through L layers (dotted: L)", fontsize=10)
        artists = [self.line_f, self.line_df, self.line_g, self.line_dg, self.band_f, self.band_df, self.bars,
                   self.picture, self.chain_f, self.chain_g, self.depth_marker]
        self.figure = LiveFigure(fig, artists, draw=False)  # drawn by the refresh() that ends __init__

    def set_settings(self, **values) -> None:
        """As :meth:`Panel.set_settings`; a new ``function`` also brings its parameters' defaults unless given."""
        name = values.get("function")
        if name in ACTIVATIONS and name != self.function.value:
            values = {**{slider_name(name, p): d for p, d in ACTIVATIONS[name].params.items()}, **values}
        super().set_settings(**values)

    # --- callbacks -----------------------------------------------------------------------------------------

    def _new_function(self) -> None:
        """A new f from the dropdown: its parameters go to their defaults, then everything is redrawn."""
        act = ACTIVATIONS[self.function.value]
        self._muted = True
        try:
            for p, default in act.params.items():
                self.params[slider_name(act.name, p)].value = default
        finally:
            self._muted = False
        self.refresh()

    def refresh(self) -> None:
        """Show f's parameter sliders, fix the axes for f (g is drawn on them, clipped), and redraw everything."""
        act = ACTIVATIONS[self.function.value]
        shown = {slider_name(act.name, p) for p in act.params}
        for key, control in self.params.items():
            control.layout.display = None if key in shown else "none"
        self.no_param.layout.display = "none" if act.params else None
        (f_lo, f_hi), (df_lo, df_hi) = output_limits(act.name)
        self.axes["f"].set_ylim(f_lo, f_hi)
        self.axes["df"].set_ylim(df_lo, df_hi)
        self.axes["f"].set_title(f"{act.name}: ${act.formula}$", fontsize=10)
        self.bins = np.linspace(*output_limits(act.name)[0], N_BINS + 1)
        self.bars.set_data(edges=self.bins)
        self.axes["hist"].set_xlim(self.bins[0], self.bins[-1])
        self.update(chain=True, full=True)

    def update(self, chain: bool = False, full: bool = False) -> None:
        """Recompute the state from the controls and move the artists (``chain``: the depth curves too)."""
        chain, full = as_bool(chain, "chain"), as_bool(full, "full")
        act = ACTIVATIONS[self.function.value]
        params = {p: self.params[slider_name(act.name, p)].value for p in act.params}
        s = explorer_state(act.name, params, self.shift.value, self.scale.value, self.samples, self.photo, self.bins)
        self.state = s
        self.line_f.set_data(s["x"], s["f"])
        self.line_df.set_data(s["x"], s["df"])
        g = None if self.compare.value == "none" else ACTIVATIONS[self.compare.value]
        self.line_g.set_data(([], []) if g is None else (s["x"], np.asarray(g(s["x"]))))
        self.line_dg.set_data(([], []) if g is None else (s["x"], np.asarray(g.derivative(s["x"]))))
        lo, hi = np.clip(s["band"], *X_RANGE)
        for band in (self.band_f, self.band_df):
            band.set_x(lo)
            band.set_width(hi - lo)
        self.bars.set_data(values=s["heights"])
        self.picture.set_data(s["image"])
        img_lo, img_hi = float(s["image"].min()), float(s["image"].max())
        if self.fixed_scale.value:
            self.picture.set_clim(*GREY_SCALE)
        else:
            self.picture.set_clim(img_lo, img_hi if img_hi > img_lo else img_lo + 1e-9)
        grey = "black -2.5, white +2.5" if self.fixed_scale.value else f"black {img_lo:+.2f}, white {img_hi:+.2f}"
        if chain or not hasattr(self, "depth"):
            self._update_chain(act.name, params, g)
        depth_text = self._show_depth(g)
        self.figure.redraw(full=full)  # the picture first: the texts follow it to the page
        self.depth_status.value = depth_text
        param = ", ".join(f"{p} = {v:g}" for p, v in params.items())
        self.status.value = (
            f"<b>{html.escape(act.name)}</b>{html.escape(' (' + param + ')' if param else '')} on u = "
            f"{self.scale.value:.1f}·z {self.shift.value:+.1f}: |f'| &lt; {FLAT} for <b>{s['flat']:.1%}</b> of the "
            f"inputs · outputs: mean {s['mean']:+.2f}, std {s['std']:.2f}, exactly 0: <b>{s['zero']:.1%}</b> · "
            f"photo: {grey}")

    def _update_chain(self, name: str, params: dict, g) -> None:
        args = (self.shift.value, self.scale.value, self.weight.value, self.chain_samples)
        self.depth = {"f": depth_state(name, params, *args),
                      "g": None if g is None else depth_state(g.name, None, *args)}
        self.chain_f.set_ydata(self.depth["f"]["median"])
        self.chain_g.set_ydata(np.full(MAX_DEPTH, np.nan) if g is None else self.depth["g"]["median"])

    def _show_depth(self, g) -> str:
        """Move the depth marker; return the depth panel's line of text."""
        L = self.depth_slider.value
        self.depth_marker.set_xdata([L, L])
        f_at, zero = self.depth["f"]["median"][L - 1], self.depth["f"]["zero"][L - 1]
        text = (f"through L = {L} layers, w = {self.weight.value:.2f}: median |du_L/du_0| = <b>{_fmt(f_at)}</b> "
                f"for f (exactly 0 for {zero:.0%} of the inputs)")
        if g is not None:
            text += f", <b>{_fmt(self.depth['g']['median'][L - 1])}</b> for g"
        return text

    @property
    def gradient_at_depth(self) -> float:
        """The depth panel's number: median ``|d u_L / d u_0|`` for f at the depth slider's L."""
        return float(self.depth["f"]["median"][self.depth_slider.value - 1])


def activation_explorer(name: str = "sigmoid", shift: float = 0.0, scale: float = 1.0, compare: str = "none",
                        depth: int = 10, weight: float = 1.0, fixed_scale: bool = False,
                        **params) -> ActivationExplorer:
    """The explorer of notebook 04, starting on f = ``name`` with inputs ``scale · z + shift``.

    ``compare``: a second function g drawn dashed (``"none"``: no g); ``depth``, ``weight``: L and w of the
    depth panel's chain; ``fixed_scale``: the photo on the fixed grey scale -2.5 to +2.5; ``params``: f's
    parameters by name (``alpha=0.1``, ``lam=1.2``, ...), defaults if left out.
    """
    return ActivationExplorer(name, shift, scale, compare, depth, weight, fixed_scale, **params)
