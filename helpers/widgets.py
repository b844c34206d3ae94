"""Interactive panels. Each panel wraps plain functions that tests call without a browser.

How a panel stays smooth (DESIGN.md, example 7): the figure is built once as a matplotlib ``Figure``
shown through an ``ipywidgets.Image`` of fixed size. A slider move changes only the artists that move,
redraws just those over a cached background (blitting) and swaps the image's PNG bytes: no flicker, no
page jump, no new figure per move, and the same code runs in JupyterLab, in nbval and in tests.
"""

from __future__ import annotations

import io
import numbers

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from helpers.datasets import GATE_NAMES
from helpers.gates import GATE_WEIGHTS, evaluate_gate
from helpers.plotting import GatePicture, truth_table_html


class LiveFigure:
    """A matplotlib figure shown as an ``ipywidgets.Image`` and redrawn in place.

    Args:
        fig: a ``matplotlib.figure.Figure`` (not from pyplot, so nothing else displays it).
        dynamic_artists: the artists that change between redraws; the rest is drawn once as background.

    Call :meth:`redraw` after changing the dynamic artists, or ``redraw(full=True)`` after changing
    anything else (axis limits, labels).
    """

    def __init__(self, fig: Figure, dynamic_artists):
        self.fig = fig
        FigureCanvasAgg(fig)
        self.dynamic_artists = sorted(dynamic_artists, key=lambda a: a.get_zorder())
        for artist in self.dynamic_artists:
            artist.set_animated(True)
        width, height = (int(round(v)) for v in fig.get_size_inches() * fig.dpi)
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{width}px", height=f"{height}px"))
        self._background = None
        self._backgrounds = {}  # key -> background, for redraw(full=True, key=...)
        self.redraw(full=True)

    def redraw(self, full: bool = False, key=None) -> None:
        """Draw the dynamic artists over the cached background and update the image.

        ``key`` (optional, hashable) names the layout of a full redraw: its background is kept, and a later
        full redraw with the same key reuses it instead of drawing the figure again (a figure that switches
        between a few layouts, e.g. a number of panels).
        """
        canvas = self.fig.canvas
        if full and key is not None and key in self._backgrounds:
            self._background = self._backgrounds[key]
            canvas.restore_region(self._background)
        elif full or self._background is None:
            canvas.draw()  # animated artists are left out: this is the background
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            if key is not None:
                self._backgrounds[key] = self._background
        else:
            canvas.restore_region(self._background)
        for artist in self.dynamic_artists:
            self.fig.draw_artist(artist)
        self.image.value = self.png()

    def png(self) -> bytes:
        """The figure as it is now, as PNG bytes (fast compression: it is sent on every move)."""
        rgba = Image.frombuffer("RGBA", self.fig.canvas.get_width_height(), self.fig.canvas.buffer_rgba())
        buf = io.BytesIO()
        rgba.save(buf, format="png", compress_level=1)
        return buf.getvalue()


def _close_tree(widget) -> None:
    """Close ``widget`` and every widget inside it."""
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    widget.close()


class Panel:
    """What every interactive panel of the course shares.

    A subclass sets ``self.panel`` (its widget tree) and ``self.figure`` (its :class:`LiveFigure`).
    Left as the last expression of a cell, a panel shows as the live widget; a PNG of its figure rides
    along in the same output, so places without a kernel (GitHub, nbviewer, the static HTML build)
    still show the panel's default picture.

    State from code: a subclass that calls :meth:`_register_controls` (name -> control, the textbook values
    are the controls' values at that moment) gets :attr:`settings` (a dict of every control's value),
    :meth:`set_settings` (several controls, one redraw, nothing changed if any value is bad),
    :meth:`restore_defaults` and :meth:`defaults_button` (a "textbook values" button). It observes its
    controls with :meth:`_observe`, so callbacks stay quiet while :meth:`set_settings` moves several
    controls, and implements :meth:`refresh`, the one redraw after them.
    """

    panel: widgets.Box
    figure: LiveFigure
    controls: dict
    defaults: dict
    _muted: bool = False

    def close(self) -> None:
        """Close every widget of the panel (frees them in the kernel)."""
        _close_tree(self.panel)

    def _repr_mimebundle_(self, **kwargs):
        bundle = dict(self.panel._repr_mimebundle_(**kwargs) or {})
        bundle["image/png"] = self.figure.png()
        return bundle

    # --- state from code ----------------------------------------------------------------------------

    def _register_controls(self, controls: dict) -> None:
        """Name the panel's controls (``{"w1": slider, ...}``); their current values become the defaults."""
        self.controls = dict(controls)
        self.defaults = {name: control.value for name, control in self.controls.items()}

    def _observe(self, control, callback) -> None:
        """Call ``callback(change)`` when ``control``'s value changes, except while :meth:`set_settings` runs."""
        control.observe(lambda change: None if self._muted else callback(change), names="value")

    @property
    def settings(self) -> dict:
        """Every control's value, by name: ``panel.set_settings(**settings)`` restores it."""
        return {name: control.value for name, control in self.controls.items()}

    def set_settings(self, **values) -> None:
        """Set several controls at once and redraw once. Every value is checked before any is set.

        Raises:
            TypeError: a name that is not a control of this panel, or a value of the wrong type.
            ValueError: a value outside the control's range or options.
        """
        for name, value in values.items():
            if name not in self.controls:
                raise TypeError(f"{type(self).__name__} has no control {name!r}; its controls are "
                                f"{', '.join(self.controls)}")
            _check_control_value(self.controls[name], name, value)
        self._muted = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._muted = False
        self.refresh()

    def restore_defaults(self) -> None:
        """Put every control back to the textbook values the panel started with."""
        self.set_settings(**self.defaults)

    def defaults_button(self, description: str = "textbook values") -> widgets.Button:
        """A button that calls :meth:`restore_defaults`."""
        button = widgets.Button(description=description, icon="undo", tooltip="Back to the values in the text")
        button.on_click(lambda _: self.restore_defaults())
        return button

    def refresh(self) -> None:
        """Redraw everything from the controls (after :meth:`set_settings`). Subclasses override it."""
        self.update()


def _check_control_value(control, name: str, value) -> None:
    """Raise a clear error if ``value`` is not one ``control`` would take as it is (no silent clamping)."""
    if isinstance(control, widgets.widget_selection._Selection):
        options = [option[1] if isinstance(option, tuple) else option for option in control.options]
        if value not in options:
            raise ValueError(f"{name} must be one of {options}, got {value!r}")
        return
    if isinstance(control, (widgets.Checkbox, widgets.ToggleButton)):
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
        return
    if hasattr(control, "min") and hasattr(control, "max"):
        integral = isinstance(control, (widgets.IntSlider, widgets.BoundedIntText))
        kinds = (numbers.Integral,) if integral else (numbers.Real,)
        if isinstance(value, bool) or not isinstance(value, kinds):
            expected = "a whole number" if integral else "a number"
            raise TypeError(f"{name} must be {expected}, got {type(value).__name__} {value!r}")
        lo, hi = control.min, control.max
        if isinstance(control, widgets.FloatLogSlider):  # its min and max are exponents of its base
            lo, hi = control.base**lo, control.base**hi
        if not lo <= value <= hi:
            raise ValueError(f"{name} must be between {lo} and {hi}, got {value}")


class GatePlayground(Panel):
    """Sliders for ``w1``, ``w2``, ``b`` and a target gate; shows the line, the half-planes and the truth table.

    Display it by leaving it as the last expression of a cell. Tests (and curious learners) can set
    ``playground.w1.value = 0.3`` and read ``playground.report`` or ``playground.status.value``.
    """

    def __init__(self, w1: float = 0.5, w2: float = 0.5, b: float = -0.7, gate: str = "AND"):
        def slider(description, value):
            return widgets.FloatSlider(value=value, min=-1.0, max=1.0, step=0.05, description=description,
                                       readout_format="+.2f", continuous_update=True,
                                       layout=widgets.Layout(width="300px"))

        self.w1, self.w2, self.b = slider("w1", w1), slider("w2", w2), slider("b (bias)", b)
        self.gate = widgets.Dropdown(options=GATE_NAMES, value=gate.upper(), description="target",
                                     layout=widgets.Layout(width="300px"))
        self.reset_button = widgets.Button(description="lecture weights", icon="undo",
                                           tooltip="Set the lecture's weights for the target gate")
        self.status = widgets.HTML()
        self.table = widgets.HTML()

        self.report = evaluate_gate((w1, w2), b, gate)
        fig = Figure(figsize=(4.2, 4.2), dpi=100, layout="constrained")
        self.picture = GatePicture(fig.add_subplot(), self.report)
        self.figure = LiveFigure(fig, self.picture.artists)

        self._register_controls({"gate": self.gate, "w1": self.w1, "w2": self.w2, "b": self.b})
        for control in self.controls.values():
            self._observe(control, lambda _change: self.update())
        self.reset_button.on_click(lambda _: self.set_lecture_weights())
        self.panel = widgets.HBox([
            self.figure.image,
            widgets.VBox([self.gate, self.w1, self.w2, self.b, self.reset_button, self.status, self.table],
                         layout=widgets.Layout(padding="10px 0 0 10px")),
        ])
        self.update()

    def update(self) -> None:
        """Recompute the report from the controls and refresh the picture, table and status."""
        self.report = evaluate_gate((self.w1.value, self.w2.value), self.b.value, self.gate.value)
        self.picture.update(self.report)
        self.figure.redraw()
        self.table.value = truth_table_html(self.report)
        lecture = "" if self.report.gate in GATE_WEIGHTS else " (no lecture weights: find your own)"
        self.status.value = f"<b>target: {self.report.gate}</b>{lecture}"
        self.reset_button.disabled = self.report.gate not in GATE_WEIGHTS

    def set_lecture_weights(self) -> None:
        """Move the sliders to the lecture's weights for the current target (AND, NAND or OR)."""
        (w1, w2), b = GATE_WEIGHTS[self.gate.value]
        self.set_settings(w1=w1, w2=w2, b=b)


def gate_playground(w1: float = 0.5, w2: float = 0.5, b: float = -0.7, gate: str = "AND") -> GatePlayground:
    """The gate playground of notebook 01, starting at the given weights (the lecture's AND by default)."""
    return GatePlayground(w1, w2, b, gate)
