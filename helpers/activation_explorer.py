"""The activation explorer of notebook 04: pick a function, move its parameter and the input's shift/scale.

Four panels, built once and updated in place (``helpers.widgets.LiveFigure``):

1. ``f(x)`` on [-6, 6], with the band where the (shifted, scaled) inputs fall;
2. ``f'(x)``: where the band meets a flat derivative, gradients vanish;
3. the histogram of ``f(scale·z + shift)`` for 5000 standard-normal samples ``z``;
4. the photo (standardised pixels) passed through ``f``, pixel by pixel.

The math is :func:`explorer_state`, a plain function tests call without a browser; the widget class only
moves artists. ``explorer.param.value = 0.3`` in a test runs the same callback as a slider drag.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.activations import ACTIVATIONS
from helpers.datasets import load_grace_hopper
from helpers.validation import as_finite_float, as_float_array
from helpers.widgets import LiveFigure, Panel

#: The slider range (min, max, step) of each parameter of the 1-D views.
PARAM_RANGES = {"threshold": (-3.0, 3.0, 0.1), "alpha": (0.0, 3.0, 0.01), "beta": (0.0, 5.0, 0.1),
                "slope": (-1.0, 1.0, 0.05), "other": (-5.0, 5.0, 0.1)}
X_RANGE = (-6.0, 6.0)
N_BINS = 40
FLAT = 0.01  # |f'| below this counts as "gradient about 0"


def standard_samples(n: int = 5000, seed: int = 0) -> np.ndarray:
    """``n`` standard-normal samples, shape ``(n,)`` (fixed seed: the histogram does not flicker)."""
    return np.random.default_rng(seed).standard_normal(n)


def standardised_photo() -> np.ndarray:
    """The course photo with mean 0 and standard deviation 1, shape ``(300, 256)``."""
    img = load_grace_hopper()
    return (img - img.mean()) / img.std()


def output_limits(name: str, x_range=X_RANGE, n_values: int = 11) -> tuple[tuple, tuple]:
    """``((f_lo, f_hi), (df_lo, df_hi))``: what ``f`` and ``f'`` reach on ``x_range`` over the slider's range.

    Fixed per function, so moving the parameter slider never has to rescale the axes.
    """
    act = ACTIVATIONS[name]
    x = np.linspace(*x_range, 601)
    values = [None] if act.param is None else np.linspace(*PARAM_RANGES[act.param][:2], n_values)
    f = np.concatenate([np.asarray(act(x, v)) for v in values])
    df = np.concatenate([np.asarray(act.derivative(x, v)) for v in values])

    def pad(lo, hi):
        margin = 0.08 * max(hi - lo, 1e-3)
        return float(lo - margin), float(hi + margin)

    return pad(f.min(), f.max()), pad(min(df.min(), 0.0), max(df.max(), 1.0))


def explorer_state(name: str, value=None, shift: float = 0.0, scale: float = 1.0, samples=None, image=None,
                   bins=None) -> dict:
    """Everything the explorer shows for one setting of its controls.

    Args:
        name: a key of ``ACTIVATIONS``. value: its parameter (``None``: the default).
        shift, scale: the inputs are ``scale * data + shift``.
        samples: data for the histogram, shape ``(n,)`` (default :func:`standard_samples`).
        image: a 2-D array of standardised pixels, shape ``(H, W)`` (default :func:`standardised_photo`).
        bins: histogram edges, shape ``(n_bins + 1,)`` (default: ``N_BINS`` bins over :func:`output_limits`).

    Returns:
        a dict: ``x``, ``f``, ``df`` (the curves, shape ``(601,)``); ``band`` (1st and 99th percentile of
        the inputs); ``bins`` and ``heights`` (histogram of the outputs, tallest bin = 1, outputs outside the
        edges counted in the end bins); ``image`` (the photo through ``f``, shape ``(H, W)``); ``mean``,
        ``std`` (of the outputs); ``zero`` (fraction of outputs exactly 0); ``flat`` (fraction of inputs
        where ``|f'| < 0.01``: their gradient has all but vanished).
    """
    if name not in ACTIVATIONS:
        raise ValueError(f"name must be one of {', '.join(ACTIVATIONS)}, got {name!r}")
    act = ACTIVATIONS[name]
    shift, scale = as_finite_float(shift, "shift"), as_finite_float(scale, "scale")
    samples = standard_samples() if samples is None else as_float_array(samples, "samples", ndim=1)
    image = standardised_photo() if image is None else as_float_array(image, "image", ndim=2)
    if bins is None:
        bins = np.linspace(*output_limits(name)[0], N_BINS + 1)
    x = np.linspace(*X_RANGE, 601)
    u = scale * samples + shift
    y = np.asarray(act(u, value))
    counts, _ = np.histogram(np.clip(y, bins[0], bins[-1]), bins=bins)
    return {
        "x": x, "f": np.asarray(act(x, value)), "df": np.asarray(act.derivative(x, value)),
        "band": tuple(np.percentile(u, [1, 99])), "bins": bins, "heights": counts / max(counts.max(), 1),
        "image": np.asarray(act(scale * image + shift, value)),
        "mean": float(y.mean()), "std": float(y.std()), "zero": float(np.mean(y == 0)),
        "flat": float(np.mean(np.abs(np.asarray(act.derivative(u, value))) < FLAT)),
    }


class ActivationExplorer(Panel):
    """Dropdown for the function, sliders for its parameter and for the input's shift and scale.

    Display it by leaving it as the last expression of a cell; read ``explorer.state`` for the numbers.
    """

    def __init__(self, name: str = "sigmoid", shift: float = 0.0, scale: float = 1.0):
        if name not in ACTIVATIONS:
            raise ValueError(f"name must be one of {', '.join(ACTIVATIONS)}, got {name!r}")
        self.samples, self.photo = standard_samples(), standardised_photo()
        layout, style = widgets.Layout(width="370px"), {"description_width": "110px"}
        self.function = widgets.Dropdown(options=list(ACTIVATIONS), value=name, description="function",
                                         layout=layout, style=style)
        self.param = widgets.FloatSlider(description="parameter", continuous_update=True, layout=layout,
                                         style=style)
        self.shift = widgets.FloatSlider(value=shift, min=-3, max=3, step=0.1, description="input shift",
                                         continuous_update=True, layout=layout, style=style, readout_format="+.1f")
        self.scale = widgets.FloatSlider(value=scale, min=0.1, max=5, step=0.1, description="input scale",
                                         continuous_update=True, layout=layout, style=style, readout_format=".1f")
        self.status = widgets.HTML(layout=widgets.Layout(width="760px", padding="0 0 0 10px"))
        self._muted = False
        self._build_figure()
        self._on_function(None)
        self.function.observe(self._on_function, names="value")
        for control in (self.param, self.shift, self.scale):
            control.observe(self._on_change, names="value")
        self.panel = widgets.VBox([  # controls on top: the panel fits a notebook column 800 px wide
            widgets.HBox([widgets.VBox([self.function, self.param]), widgets.VBox([self.shift, self.scale])]),
            self.status,
            self.figure.image,
        ])

    def _build_figure(self) -> None:
        fig = Figure(figsize=(7.6, 5.6), dpi=100, layout="constrained")
        (ax_f, ax_df), (ax_h, ax_img) = fig.subplots(2, 2)
        self.axes = {"f": ax_f, "df": ax_df, "hist": ax_h, "image": ax_img}
        (self.line_f,) = ax_f.plot([], [], color="#0072B2", lw=2)
        (self.line_df,) = ax_df.plot([], [], color="#D55E00", lw=2)
        self.band_f = ax_f.axvspan(0, 1, color="#E69F00", alpha=0.25, lw=0)
        self.band_df = ax_df.axvspan(0, 1, color="#E69F00", alpha=0.25, lw=0)
        for ax, label in ((ax_f, "f(x)"), (ax_df, "f'(x)")):
            ax.set(xlim=X_RANGE, xlabel="x (orange: where 98% of the inputs fall)", ylabel=label)
        self.bars = ax_h.stairs(np.zeros(N_BINS), np.arange(N_BINS + 1.0), fill=True, color="#009E73")
        ax_h.set(ylim=(0, 1.08), xlabel="f(scale·z + shift), z ~ N(0, 1)", ylabel="count (tallest = 1)")
        self.hist_title = ax_h.set_title("")
        self.picture = ax_img.imshow(self.photo, cmap="gray", interpolation="bilinear")
        ax_img.set_axis_off()
        self.image_title = ax_img.set_title("")
        self.title_df = ax_df.set_title("")
        artists = [self.line_f, self.line_df, self.band_f, self.band_df, self.bars, self.hist_title,
                   self.picture, self.image_title, self.title_df]
        self.figure = LiveFigure(fig, artists)

    def _on_function(self, _change) -> None:
        """A new function: set up the parameter slider and the fixed axes, then redraw everything."""
        act = ACTIVATIONS[self.function.value]
        self._muted = True
        try:
            if act.param is None:
                self.param.disabled, self.param.description, self.param.readout = True, "(no parameter)", False
            else:
                lo, hi, step = PARAM_RANGES[act.param]
                self.param.min, self.param.max = -1e9, 1e9  # widen first so min <= max at every step
                self.param.min, self.param.max, self.param.step = lo, hi, step
                self.param.value, self.param.description, self.param.disabled = act.default, act.param, False
                self.param.readout = True
        finally:
            self._muted = False
        (f_lo, f_hi), (df_lo, df_hi) = output_limits(act.name)
        self.axes["f"].set_ylim(f_lo, f_hi)
        self.axes["f"].set_title(f"{act.name}: ${act.formula}$", fontsize=11)
        self.axes["df"].set_ylim(df_lo, df_hi)
        self.bins = np.linspace(f_lo, f_hi, N_BINS + 1)
        self.bars.set_data(edges=self.bins)
        self.axes["hist"].set_xlim(f_lo, f_hi)
        self.update(full=True)

    def _on_change(self, _change) -> None:
        if not self._muted:
            self.update()

    def update(self, full: bool = False) -> None:
        """Recompute :func:`explorer_state` from the controls and move the artists."""
        act = ACTIVATIONS[self.function.value]
        value = None if act.param is None else self.param.value
        s = explorer_state(act.name, value, self.shift.value, self.scale.value, self.samples, self.photo,
                           self.bins)
        self.state = s
        self.line_f.set_data(s["x"], s["f"])
        self.line_df.set_data(s["x"], s["df"])
        lo, hi = np.clip(s["band"], *X_RANGE)
        for band in (self.band_f, self.band_df):
            band.set_x(lo)
            band.set_width(hi - lo)
        self.bars.set_data(values=s["heights"])
        self.hist_title.set_text(f"mean {s['mean']:+.2f}, std {s['std']:.2f}, exactly 0: {s['zero']:.1%}")
        self.title_df.set_text(f"|f'| < {FLAT}: {s['flat']:.1%} of inputs")
        self.picture.set_data(s["image"])
        img_lo, img_hi = float(s["image"].min()), float(s["image"].max())
        self.picture.set_clim(img_lo, img_hi if img_hi > img_lo else img_lo + 1e-9)
        self.image_title.set_text(f"photo through f: {img_lo:+.2f} to {img_hi:+.2f}")
        self.figure.redraw(full=full)
        param = "" if act.param is None else f", {act.param} = {self.param.value:g}"
        self.status.value = (
            f"<b>{html.escape(act.name)}</b>{html.escape(param)} · inputs {self.scale.value:.1f}·z "
            f"{self.shift.value:+.1f} · gradient ≈ 0 for <b>{s['flat']:.1%}</b> of the inputs · "
            f"outputs exactly 0: <b>{s['zero']:.1%}</b>")



def activation_explorer(name: str = "sigmoid", shift: float = 0.0, scale: float = 1.0) -> ActivationExplorer:
    """The explorer of notebook 04, starting on ``name`` with inputs ``scale · z + shift``."""
    return ActivationExplorer(name, shift, scale)
