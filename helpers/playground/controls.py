"""The playground's controls: one ipywidget per setting of a :class:`PlaygroundState`, in named groups.

:func:`build_controls` makes them from a state; :func:`state_from_controls` reads a state back; the
groups are what ``hide=(...)`` can hide.
"""

from __future__ import annotations

import ipywidgets as widgets

from helpers.layers import ACTIVATION_LAYERS
from helpers.panel import sets_up_next_run
from helpers.playground.state import (
    BATCH_SIZES,
    CUSTOM,
    DATASETS,
    FEATURES,
    INITS,
    LEARNING_RATES,
    MAX_LAYERS,
    MAX_NEURONS,
    NOISES,
    OPTIMIZER_NAMES,
    REG_RATES,
    PlaygroundState,
)
from helpers.validation import as_instance, as_sequence


def _wide() -> dict:
    """A fresh layout and style for one control (a Layout shared by two widgets would hide both)."""
    return {"layout": widgets.Layout(width="270px"), "style": {"description_width": "110px"}}


#: What ``hide=(...)`` accepts: group name -> the controls (by name) it hides.
GROUPS = {
    "data": ("dataset",), "noise": ("noise",), "split": ("train_percent",), "batch": ("batch_size",),
    "features": tuple(FEATURES), "network": ("hidden_layers",) + tuple(f"neurons_{k}" for k in range(1, 7)),
    "activation": ("activation",), "lr": ("lr",), "regularisation": ("regularization", "reg_rate"),
    "test": ("show_test",), "discretize": ("discretize",), "optimizer": ("optimizer",), "init": ("init",),
    "stop": ("stop_epoch",), "draw": ("draw_class",),
}
#: The class a click on the large map adds, as the ``draw_class`` toggle names it (colours of ``palette.PALETTE``).
CLASS_NAMES = ("blue", "orange", "green", "purple")


def build_controls(state: PlaygroundState) -> dict[str, widgets.ValueWidget]:
    """Every control, by name, set to ``state`` (the names are those of ``Panel.settings``)."""
    as_instance(state, "state", PlaygroundState)
    c: dict[str, widgets.ValueWidget] = {
        "dataset": widgets.Dropdown(options=list(DATASETS), value=state.dataset, description="data", **_wide()),
        "noise": widgets.SelectionSlider(options=NOISES, value=state.noise, description="noise σ", **_wide()),
        "train_percent": widgets.IntSlider(value=state.train_percent, min=10, max=90, step=10,
                                           description="training data %", **_wide()),
        "batch_size": widgets.SelectionSlider(options=BATCH_SIZES, value=state.batch_size, description="batch size",
                                              **_wide()),
    }
    for name, label in FEATURES.items():
        c[name] = widgets.ToggleButton(value=name in state.features, description=label, tooltip=f"input {label}",
                                       layout=widgets.Layout(width="62px"))
    c["hidden_layers"] = widgets.IntSlider(value=len(state.layers), min=0, max=MAX_LAYERS,
                                           description="hidden layers", **_wide())
    for k in range(1, MAX_LAYERS + 1):
        n = state.layers[k - 1] if k <= len(state.layers) else 4
        c[f"neurons_{k}"] = widgets.IntSlider(value=n, min=1, max=MAX_NEURONS, description=f"neurons, layer {k}",
                                              **_wide())
    c["activation"] = widgets.Dropdown(options=list(ACTIVATION_LAYERS), value=state.activation,
                                       description="activation", **_wide())
    c["lr"] = widgets.SelectionSlider(options=LEARNING_RATES, value=state.lr, description="learning rate η",
                                      **_wide())
    c["regularization"] = widgets.Dropdown(options=["none", "L1", "L2"], value=state.regularization or "none",
                                           description="regularisation", **_wide())
    c["reg_rate"] = widgets.SelectionSlider(options=REG_RATES, value=state.reg_rate, description="reg. rate λ",
                                            **_wide())
    c["optimizer"] = widgets.Dropdown(options=list(OPTIMIZER_NAMES), value=state.optimizer, description="optimiser",
                                      **_wide())
    c["init"] = widgets.Dropdown(options=list(INITS), value=state.init, description="starting weights", **_wide())
    c["stop_epoch"] = widgets.BoundedIntText(value=state.stop_epoch, min=0, max=10**6, description="stop at epoch",
                                             tooltip="training pauses by itself at this epoch; 0: never", **_wide())
    c["draw_class"] = widgets.ToggleButtons(options=[(f"{k} {name}", k) for k, name in enumerate(CLASS_NAMES)],
                                            value=0, description="click adds",
                                            tooltip="a click on the large map adds a point of this class; "
                                                    "shift-click removes the nearest",
                                            style={"button_width": "82px", "description_width": "70px"})
    c["show_test"] = widgets.Checkbox(value=state.show_test, description="show test data", indent=False)
    c["discretize"] = widgets.Checkbox(value=state.discretize, description="discretize output", indent=False)
    for control in c.values():
        if isinstance(control, widgets.SelectionSlider | widgets.IntSlider):
            control.continuous_update = False
    for name in ("lr", "reg_rate", "batch_size"):  # read at the next training step: moving them redraws nothing
        sets_up_next_run(c[name])
    show_layer_sliders(c)
    return c


def _controls(c) -> dict:
    """``c`` if it is the dict of controls :func:`build_controls` returns, else a clear ``TypeError``."""
    if not isinstance(c, dict) or not {"dataset", "hidden_layers", "regularization", "lr"} <= set(c):
        raise TypeError(f"c must be the dict of controls that build_controls returns, got {type(c).__name__}")
    return c


def show_layer_sliders(c: dict, hidden=()) -> None:
    """Show one neurons slider per hidden layer and hide the others (all of them if "network" is ``hidden``)."""
    c, hidden = _controls(c), as_sequence(hidden, "hidden", "names of controls to hide")
    for k in range(1, MAX_LAYERS + 1):
        shown = k <= c["hidden_layers"].value and "network" not in hidden
        c[f"neurons_{k}"].layout.display = None if shown else "none"


def state_from_controls(c: dict, seed: int, data_seed: int, points: tuple = ()) -> PlaygroundState:
    """The state the controls describe (with the given seeds and, for a custom data set, its points)."""
    c = _controls(c)
    layers = tuple(c[f"neurons_{k}"].value for k in range(1, c["hidden_layers"].value + 1))
    features = tuple(name for name in FEATURES if c[name].value)
    return PlaygroundState(
        dataset=c["dataset"].value, noise=c["noise"].value, train_percent=c["train_percent"].value,
        batch_size=c["batch_size"].value, features=features or ("x1",), layers=layers,
        activation=c["activation"].value, lr=c["lr"].value, regularization=regularization_of(c),
        reg_rate=c["reg_rate"].value, show_test=c["show_test"].value, discretize=c["discretize"].value,
        seed=seed, data_seed=data_seed, optimizer=c["optimizer"].value, init=c["init"].value,
        stop_epoch=c["stop_epoch"].value, points=points if c["dataset"].value == CUSTOM else ())


def regularization_of(c: dict):
    """The regularisation the dropdown names: None, "L1" or "L2"."""
    c = _controls(c)
    return None if c["regularization"].value == "none" else c["regularization"].value


def settings_of(state: PlaygroundState) -> dict:
    """The control values (``Panel.set_settings`` keyword arguments) that describe ``state``."""
    as_instance(state, "state", PlaygroundState)
    values = {"dataset": state.dataset, "noise": state.noise, "train_percent": state.train_percent,
              "batch_size": state.batch_size, "hidden_layers": len(state.layers), "activation": state.activation,
              "lr": state.lr, "regularization": state.regularization or "none", "reg_rate": state.reg_rate,
              "show_test": state.show_test, "discretize": state.discretize, "optimizer": state.optimizer,
              "init": state.init, "stop_epoch": state.stop_epoch}
    values.update({name: name in state.features for name in FEATURES})
    values.update({f"neurons_{k}": n for k, n in enumerate(state.layers, start=1)})
    return values


def layout(c: dict, training) -> widgets.HBox:
    """Three columns of controls side by side: the data, the network, the training (``training``: the
    widgets below the rates: buttons, weight editor, status)."""
    c = _controls(c)
    for k, w in enumerate(as_sequence(training, "training", "widgets")):
        as_instance(w, f"training[{k}]", widgets.Widget, "an ipywidgets widget")
    features = widgets.HBox([c[name] for name in FEATURES], layout=widgets.Layout(flex_flow="row wrap",
                                                                                   width="270px"))
    columns = [
        [c["dataset"], c["noise"], c["train_percent"], c["batch_size"], features,
         widgets.HBox([c["show_test"], c["discretize"]])],
        [c["hidden_layers"], *(c[f"neurons_{k}"] for k in range(1, MAX_LAYERS + 1)), c["activation"], c["init"]],
        [c["optimizer"], c["lr"], c["regularization"], c["reg_rate"], c["stop_epoch"], *training],
    ]
    box = widgets.Layout(padding="0 8px 0 0", flex="0 0 auto", width="290px")
    return widgets.VBox([widgets.HBox([widgets.VBox(rows, layout=box) for rows in columns],
                                      layout=widgets.Layout(flex_flow="row wrap")), c["draw_class"]])
