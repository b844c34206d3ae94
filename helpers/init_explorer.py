"""The init explorer of notebook 06: weight scale, width, activation, depth and batch norm → every layer's
activations (top row) and the backward gradients reaching it (bottom row).

The model is :func:`helpers.init_experiments.forward_backward` on a stack of square layers whose weights are
``sigma_w`` times one fixed set of standard-normal numbers: a change of scheme or of ``sigma_w`` changes only
the scale of the weights. For a square layer every scheme is a single standard deviation (Xavier
``sqrt(2 / 2n) = 1 / sqrt(n)``, He ``sqrt(2 / n)``), so the scheme dropdown moves the ``sigma_w`` slider, and
moving the slider by hand makes the scheme ``"custom"``.

ReLU and leaky ReLU are positively homogeneous, ``f(c z) = c f(z)`` for ``c > 0``: with weights ``sigma_w * Z``
layer l's activations are ``sigma_w ** l`` times those of ``sigma_w = 1`` and its gradient ``sigma_w ** (L - l)``
times theirs. So for them (without batch norm) the explorer keeps the layers of ``sigma_w = 1`` and a ``sigma_w``
move only rescales: the samples the bars count and the stds the labels show. It neither pushes the 1,000 inputs
through the layers again nor makes new arrays of them (in JupyterLab a move's new arrays had cost the first moves
after Run All ~3,000 page faults each, 40-80 ms).
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from threadpoolctl import ThreadpoolController

from helpers.init import he_variance, xavier_variance
from helpers.init_experiments import ACTIVATION_FUNCTIONS, forward_backward
from helpers.init_pictures import BAR_COLOR, GRAD_COLOR, ActivationHistograms, GradientHistograms
from helpers.memory import reuse_freed_memory
from helpers.validation import as_finite_float, as_int, as_positive_int
from helpers.widgets import LiveFigure, Panel

_BLAS = ThreadpoolController()  # the BLAS libraries NumPy loaded (to run compute on one thread)

SCHEME_NAMES = ("std 1", "std 0.01", "xavier", "he", "custom")
POSITIVELY_HOMOGENEOUS = ("relu", "leaky relu")  # f(c z) = c f(z) for every c > 0
BATCH_SIZES = (2, 4, 8, 16, 32, 64, 128, 256, 1000)
MODES = ("train", "eval")


def scheme_std(scheme: str, n_units: int) -> float:
    """The weight std a named scheme gives a layer of ``n_units`` inputs and outputs (not for ``"custom"``)."""
    n_units = as_positive_int(n_units, "n_units")
    stds = {"std 1": 1.0, "std 0.01": 0.01, "xavier": float(np.sqrt(xavier_variance(n_units, n_units))),
            "he": float(np.sqrt(he_variance(n_units)))}
    if not isinstance(scheme, str) or scheme not in stds:
        raise ValueError(f"scheme must be one of {', '.join(map(repr, stds))}, got {scheme!r}")
    return stds[scheme]


def _one_of(value, options, name: str):
    if value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}, got {value!r}")
    return value


def _in_range(value, lo, hi, name: str, kind=as_finite_float):
    value = kind(value, name)
    if not lo <= value <= hi:
        raise ValueError(f"{name} must be between {lo} and {hi}, got {value}")
    return value


def _column_positions(depth: int, left=0.085, right=0.99, gap=0.022):
    """``depth`` (x0, width) pairs in figure fractions, ``gap`` apart: the columns share the whole width."""
    width = (right - left - gap * (depth - 1)) / depth
    return [(left + i * (width + gap), width) for i in range(depth)]


class InitExplorer(Panel):
    """Scheme, weight std, width, activation, depth, batch norm (on/off, batch size, train/eval) → histograms.

    Tests can call ``explorer.set_settings(scheme="he", depth=3)`` or move a control, and read
    ``explorer.acts`` and ``explorer.grads`` (one (N, n) array per layer shown, new arrays at each reading) and
    ``explorer.status.value``.
    """

    MAX_DEPTH = 8
    COLUMN_GAP = 0.022  # between two layers' panels, in figure fractions (``_column_positions``' gap)
    CURTAIN_BOTTOM = 0.045  # the curtain over unused columns stops above the figure's bottom label
    N_SAMPLES = 1000
    BATCHES = 50  # with batch norm, at most this many batches (a slider move stays fast at B = 2)
    HISTOGRAM_SAMPLES = 125  # the bars count every 8th of the 1,000 samples (x units); the labels use all
    WIDTHS = (10, 300)

    def __init__(self, scheme: str = "std 1", activation: str = "sigmoid", depth: int = 5, *, n_units: int = 100,
                 std: float | None = None, batchnorm: bool = False, batch_size: int = 1000, mode: str = "train",
                 seed: int = 1):
        _one_of(scheme, SCHEME_NAMES, "scheme")
        _one_of(activation, tuple(ACTIVATION_FUNCTIONS), "activation")
        depth = _in_range(depth, 1, self.MAX_DEPTH, "depth", as_positive_int)
        n_units = _in_range(n_units, *self.WIDTHS, "n_units", as_positive_int)
        if std is None:
            if scheme == "custom":
                raise ValueError("scheme 'custom' needs a std (the weights' standard deviation)")
            std = scheme_std(scheme, n_units)
        std = _in_range(std, 1e-3, 10.0, "std")
        if not isinstance(batchnorm, bool):
            raise TypeError(f"batchnorm must be True or False, got {type(batchnorm).__name__} {batchnorm!r}")
        _one_of(batch_size, BATCH_SIZES, "batch_size")
        _one_of(mode, MODES, "mode")
        self.seed = as_int(seed, "seed", low=0)

        def wide(px):
            return widgets.Layout(width=f"{px}px")

        style = {"description_width": "110px"}
        self.scheme = widgets.Dropdown(options=SCHEME_NAMES, value=scheme, description="init", layout=wide(250),
                                       style=style)
        self.std = widgets.FloatLogSlider(value=std, base=10, min=-3, max=1, step=0.05, readout_format=".3g",
                                          description="σ_w (weight std)", layout=wide(330), style=style)
        self.width = widgets.IntSlider(value=n_units, min=self.WIDTHS[0], max=self.WIDTHS[1], step=10,
                                       description="n (units/layer)", layout=wide(330), style=style)
        self.activation = widgets.Dropdown(options=tuple(ACTIVATION_FUNCTIONS), value=activation,
                                           description="activation f", layout=wide(250), style=style)
        self.depth = widgets.IntSlider(value=depth, min=1, max=self.MAX_DEPTH, description="L (layers)",
                                       layout=wide(330), style=style)
        self.batchnorm = widgets.Checkbox(value=batchnorm, description="batch norm before f", indent=False,
                                          layout=wide(170))
        self.batch_size = widgets.SelectionSlider(options=BATCH_SIZES, value=batch_size, layout=wide(330),
                                                  description="B (batch size)", style=style)
        self.mode = widgets.ToggleButtons(options=MODES, value=mode, description="BN statistics",
                                          tooltips=["each batch's own mean and variance",
                                                    "the running averages kept in training"],
                                          style={"description_width": "90px", "button_width": "60px"})
        self.status, self.legend = widgets.HTML(), widgets.HTML(
            f'<span style="color:{BAR_COLOR}">■</span> top: activations a = f(z) · '
            f'<span style="color:{GRAD_COLOR}">■</span> bottom: backward gradient log10|∂L/∂z| '
            "(left = vanishing, right = exploding) · tallest bar = 1")

        reuse_freed_memory()  # a move's ~40 arrays of 0.8 MB: about half its NumPy time was fresh pages
        self._z_cache = {}
        self._forward = (None, [])  # (width, weight scale, activation), the activations of the deepest L for them
        self._unit = (None, None)  # ReLU-like: (width, activation, L), the layers of sigma_w = 1
        fig = Figure(figsize=(9.0, 4.4), dpi=100)
        columns = _column_positions(self.MAX_DEPTH)  # one column per layer, the same for every L
        self.act_axes = [fig.add_axes((x0, 0.55, w, 0.34)) for x0, w in columns]
        self.grad_axes = [fig.add_axes((x0, 0.1, w, 0.34)) for x0, w in columns]
        for axes in (self.act_axes, self.grad_axes):
            for ax in axes[1:]:
                ax.tick_params(labelleft=False)
        self.act_axes[0].set_ylabel("activations\n(tallest = 1)", fontsize=9)
        self.grad_axes[0].set_ylabel("gradients\n(tallest = 1)", fontsize=9)
        fig.supxlabel("layer 1 is next to the input; the gradient arrives from the last layer "
                      "(top: values, bottom: log10|∂L/∂z|)", fontsize=9, y=0.0)
        # the columns beyond L are covered by a curtain of the figure's colour: every L shares one background
        self._curtain_starts = [x0 - self.COLUMN_GAP / 2 for x0, _ in columns] + [1.0]
        self.curtain = Rectangle((1.0, self.CURTAIN_BOTTOM), 0.0, 1.0 - self.CURTAIN_BOTTOM, transform=fig.transFigure,
                                 facecolor=fig.get_facecolor(), edgecolor="none", zorder=-1)
        fig.add_artist(self.curtain)
        self.activations = ActivationHistograms(self.act_axes, peak_normalised=True, moving_ticks=True)
        self.gradients = GradientHistograms(self.grad_axes)
        self._layers = None  # the layers shown, a _Layers
        self._compute_and_draw()
        self._write_status()
        # unhinted text: the 16 per-panel std labels, redrawn on every move, are most of its time (~20 -> ~13 ms)
        # the x-axis numbers are overlays: a new ReLU range (a σ_w move) redraws them, not the whole figure
        self.figure = LiveFigure(fig, [self.curtain, *self.activations.artists, *self.gradients.artists],
                                 hinted_text=False, key=self.activations.layout,
                                 overlay_artists=self.activations.tick_labels, overlay_key=self.activations.limits)

        self._register_controls({"scheme": self.scheme, "std": self.std, "n_units": self.width,
                                 "activation": self.activation, "depth": self.depth, "batchnorm": self.batchnorm,
                                 "batch_size": self.batch_size, "mode": self.mode})
        self._observe(self.scheme, lambda _: self._scheme_moved())
        self._observe(self.std, lambda _: self._std_moved())
        self._observe(self.width, lambda _: self._width_moved())
        for control in (self.activation, self.depth, self.batchnorm, self.batch_size, self.mode):
            self._observe(control, lambda _: self.update())
        self.panel = widgets.VBox([
            widgets.HBox([widgets.VBox([self.scheme, self.activation, self.batchnorm, self.defaults_button()]),
                          widgets.VBox([self.std, self.width, self.depth]),
                          widgets.VBox([self.batch_size, self.mode])]),
            self.legend, self.figure.image, self.status])

    # --- the model: weights, inputs and gradients ---------------------------------------------------------

    def _inputs(self, n_units: int):
        """Standard-normal inputs (N, n), the standard-normal weight draws (MAX_DEPTH of (n, n)), and the upstream
        gradient (N, n) for a width: drawn in the order of ``layer_activations`` (same seed, same numbers)."""
        if n_units not in self._z_cache:
            rng = np.random.default_rng(self.seed)
            x = rng.standard_normal((self.N_SAMPLES, n_units))
            z = [rng.standard_normal((n_units, n_units)) for _ in range(self.MAX_DEPTH)]
            upstream = np.random.default_rng(self.seed + 1).standard_normal((self.N_SAMPLES, n_units))
            self._z_cache = {n_units: (x, z, upstream)}  # keep one width: the cache stays small
        return self._z_cache[n_units]

    def n_used(self) -> int:
        """How many of the inputs are pushed through: all, or with batch norm at most ``BATCHES`` batches."""
        return min(self.N_SAMPLES, self.BATCHES * self.batch_size.value) if self.batchnorm.value else self.N_SAMPLES

    @property
    def acts(self) -> list[np.ndarray]:
        """The activations of the layers shown, (N, n) each, layer 1 first."""
        return self._layers.acts()

    @property
    def grads(self) -> list[np.ndarray]:
        """``dL/dz`` of the layers shown, (N, n) each, layer 1 first."""
        return self._layers.grads()

    def compute(self):
        """``(acts, grads)`` of the ``depth`` layers for the controls' values (see ``forward_backward``)."""
        layers = self._compute_layers()
        return layers.acts(), layers.grads()

    def _compute_layers(self) -> _Layers:
        """The layers for the controls' values: for ReLU and leaky ReLU without batch norm those of
        ``sigma_w = 1`` with their scales (the module's docstring), else ``forward_backward``'s.

        On one thread of the BLAS library: its matrix products (1,000 × 100 by 100 × 100) gain little from a
        second thread, and in a class's JupyterLab the second thread takes the core the browser needs for the
        same move (on the 2-core machine a σ_w move's kernel time 65 → 55 ms in the page; benchmarks/README.md).
        """
        sigma, depth, activation = self.std.value, self.depth.value, self.activation.value
        if self.batchnorm.value or activation not in POSITIVELY_HOMOGENEOUS:
            self._unit = (None, None)  # not kept while unused: 16 arrays of all the samples
            return _Layers(*self._forward_backward(sigma))
        key = (self.width.value, activation, depth)
        if self._unit[0] != key:
            self._unit = (key, _Layers(*self._forward_backward(1.0)))
        return self._unit[1].scaled([sigma ** (i + 1) for i in range(depth)],
                                    [sigma ** (depth - 1 - i) for i in range(depth)])

    def _forward_backward(self, scale: float):
        """``forward_backward`` with weights ``scale`` times the standard-normal draws, for the other controls."""
        x, z, upstream = self._inputs(self.width.value)
        weights = [scale * zi for zi in z[: self.depth.value]]
        n = self.n_used()
        # without batch norm, the layers before L are the same for every L: kept from the deepest L computed
        forward = (self.width.value, scale, self.activation.value)
        known = self._forward[1] if not self.batchnorm.value and self._forward[0] == forward else []
        with _BLAS.limit(limits=1, user_api="blas"):
            acts, grads = forward_backward(x[:n], weights, self.activation.value, upstream[:n],
                                           batchnorm=self.batchnorm.value, batch_size=self.batch_size.value,
                                           train=self.mode.value == "train", known_acts=known)
        if not self.batchnorm.value and len(acts) > len(known):
            self._forward = (forward, acts)
        return acts, grads

    # --- the view -------------------------------------------------------------------------------------------

    def _compute_and_draw(self) -> None:
        """Compute and update the artists: the bars and labels of the first L columns, the curtain over the rest."""
        self._layers = layers = self._compute_layers()
        every = max(1, layers.n_samples // self.HISTOGRAM_SAMPLES)
        self.activations.update(layers.acts(every), self.activation.value, stds=layers.act_stds())
        self.gradients.update(layers.grads(every), stds=layers.grad_stds())
        start = self._curtain_starts[layers.depth]
        self.curtain.set_x(start)
        self.curtain.set_width(1.0 - start)

    def _write_status(self) -> None:
        """The status line and which controls apply (after the picture: it goes to the page first)."""
        bn = (f", batch norm in batches of {self.batch_size.value} ({self.mode.value} statistics; "
              f"{self.n_used()} inputs)" if self.batchnorm.value else "")
        self.status.value = (f"<b>{self.scheme.value} (σ_w = {self.std.value:.3g}) + {self.activation.value}</b>, "
                             f"{self._layers.depth} layers of {self.width.value}{bn}.<br>activation std per layer: "
                             + ", ".join(f"{std:.2g}" for std in self.activations.stds)
                             + "<br>gradient std per layer: " + ", ".join(f"{std:.2g}" for std in self.gradients.stds))
        self.batch_size.disabled = self.mode.disabled = not self.batchnorm.value

    def update(self) -> None:
        """Recompute and redraw, then write the status. The background is the one kept for the axes' layout and
        x-axis numbers: the whole figure is drawn only for a layout not seen before (leaky ReLU's ticks), the
        numbers only for a range not seen before (a new ReLU range)."""
        self._compute_and_draw()
        self.figure.redraw(full=True, key=self.activations.layout, overlay_key=self.activations.limits)
        self._write_status()

    def refresh(self) -> None:
        """After ``set_settings``: a named scheme sets ``σ_w`` for the width, then one redraw."""
        if self.scheme.value != "custom":
            self._set_std(scheme_std(self.scheme.value, self.width.value))
        self.update()

    def _set_std(self, value: float) -> None:
        self._muted = True
        try:
            self.std.value = value
        finally:
            self._muted = False

    def _scheme_moved(self) -> None:
        self.refresh()

    def _std_moved(self) -> None:
        if self.scheme.value != "custom" and not np.isclose(self.std.value, scheme_std(self.scheme.value,
                                                                                      self.width.value)):
            self._muted = True
            try:
                self.scheme.value = "custom"
            finally:
                self._muted = False
        self.update()

    def _width_moved(self) -> None:
        self.refresh()  # Xavier and He follow the width; a fixed std does not


class _Layers:
    """Each layer's activations and gradients as arrays times a number (1 unless ``scaled``): what the explorer
    shows, read in full (``acts()``), as every ``every``-th sample (for the bars) or as stds, without making
    arrays of all the samples for a scale."""

    def __init__(self, acts, grads, act_scales=None, grad_scales=None, stds=None):
        self._acts, self._grads = acts, grads
        self._act_scales = act_scales or [1.0] * len(acts)
        self._grad_scales = grad_scales or [1.0] * len(grads)
        self._stds = stds  # those of the arrays themselves: ([acts'], [grads']), computed when first asked for
        self.depth, self.n_samples = len(acts), len(acts[0])

    def scaled(self, act_scales, grad_scales) -> _Layers:
        """The same layers with activations times ``act_scales`` and gradients times ``grad_scales`` (one each)."""
        return _Layers(self._acts, self._grads, act_scales, grad_scales, self._array_stds())

    def acts(self, every: int = 1) -> list[np.ndarray]:
        return [a[::every] if c == 1 else c * a[::every] for c, a in zip(self._act_scales, self._acts, strict=True)]

    def grads(self, every: int = 1) -> list[np.ndarray]:
        return [g[::every] if c == 1 else c * g[::every] for c, g in zip(self._grad_scales, self._grads, strict=True)]

    def act_stds(self) -> list[float]:
        return [c * std for c, std in zip(self._act_scales, self._array_stds()[0], strict=True)]

    def grad_stds(self) -> list[float]:
        return [c * std for c, std in zip(self._grad_scales, self._array_stds()[1], strict=True)]

    def _array_stds(self):
        if self._stds is None:
            self._stds = ([float(a.std()) for a in self._acts], [float(g.std()) for g in self._grads])
        return self._stds


def init_explorer(scheme: str = "std 1", activation: str = "sigmoid", depth: int = 5, **kwargs) -> InitExplorer:
    """The init explorer of notebook 06 (keyword arguments: ``n_units``, ``std``, ``batchnorm``, ``batch_size``,
    ``mode``)."""
    return InitExplorer(scheme, activation, depth, **kwargs)
