"""What every interactive panel of the course shares (:class:`Panel`), without matplotlib: a panel whose picture
is drawn otherwise (the playground of notebooks 02 and 08, drawn with Pillow) imports only this.

The panels themselves, and how a panel's figure stays smooth, are in :mod:`helpers.widgets`.
"""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING

import ipywidgets as widgets

from helpers.validation import as_instance, require_methods

if TYPE_CHECKING:
    from helpers.live_figure import LiveFigure


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
        as_instance(description, "description", str, "a text")
        button = widgets.Button(description=description, icon="undo", tooltip="Back to the values in the text")
        button.on_click(lambda _: self.restore_defaults())
        return button

    def _moved(self, change) -> None:
        """A control moved by hand. A slider's echo of a value it was sent (off by a rounding) is no move."""
        if isinstance(change["new"], float) and abs(change["new"] - change["old"]) < 1e-9:
            return
        self.refresh()

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
        low, high = control.min, control.max
        if isinstance(control, widgets.FloatLogSlider):  # its min and max are exponents of its base
            low, high = control.base**low, control.base**high
        if not low <= value <= high:
            raise ValueError(f"{name} must be between {low} and {high}, got {value}")


#: CSS class of a control that changes nothing on screen until the next run (the browser test allows it).
SETS_UP_NEXT_RUN = "course-sets-up-next-run"


def sets_up_next_run(control):
    """Mark ``control`` as one that only sets up the next run (a learning rate read at the next step):
    moving it redraws nothing, on purpose. Returns ``control``."""
    require_methods(control, "control", ("add_class",), "an ipywidgets control")
    control.add_class(SETS_UP_NEXT_RUN)
    return control
