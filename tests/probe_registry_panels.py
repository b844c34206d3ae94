"""The API probe's entries for the panel modules (ipywidgets), merged into :data:`probe_registry.REGISTRY`.

A panel's constructor and factory are probed by ``tests/test_panel_probe.py`` (marked :data:`PANEL` here);
this file probes the plain functions beside them and the panels' methods. A method without arguments has an
entry too: it only runs with its (no) good arguments, so a new public method still needs a line.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from probe import Arg, fn, meth

from helpers import (
    activation_explorer,
    backprop_stepper,
    descent_explorer,
    fitting_explorer,
    graph_playground,
    hidden_space_explorer,
    init_explorer,
    panel,
    rnn_explorers,
    rnn_training_explorers,
    rnn_widgets,
    scale_shift_explorer,
    sigmoid_graph_explorer,
)
from helpers import widgets as panels
from helpers.char_rnn import CharRNN, CharVocab
from helpers.graph import shopping_bill
from helpers.playground import controls, display, frames, picture, widget
from helpers.playground.session import Session
from helpers.playground.state import PlaygroundState
from helpers.sequence_tasks import SequenceRegressor, clipping_sweep

MODULES = [activation_explorer, backprop_stepper, descent_explorer, fitting_explorer, graph_playground,
           hidden_space_explorer, init_explorer, rnn_explorers, rnn_training_explorers, rnn_widgets,
           scale_shift_explorer, sigmoid_graph_explorer, panel, panels, controls, display, frames, widget]

PANEL = "a panel: its constructor (or factory) is probed by tests/test_panel_probe.py"

XS = np.sin(np.linspace(0, 3, 12)).reshape(6, 2, 1)  # (T, N, 1)
TEXT = "the cat sat on the mat. "
HISTORY = {"loss": [1.0, 0.5], "grad_norm": [3.0, 0.5], "diverged_at": None}
_SMALL = fitting_explorer.small_digits_split(0.05)
DATA = tuple(a[:40] for a in _SMALL)  # a smaller split still: the probe trains on it many times


def A(good, kind, **kw):
    return Arg(good, kind, **kw)


def _regressor(bidirectional=False):
    return SequenceRegressor(1, 3, 1, bidirectional=bidirectional, seed=0)


def _fitting():
    return fitting_explorer.FittingExplorer(hidden=4, epochs=3)


def _char():
    return CharRNN(len(CharVocab(TEXT)), 5, seed=0)


def _clipping():
    return rnn_training_explorers.ClippingExplorer(
        clipping_sweep(_regressor, lambda step: (XS, XS), [1.0, None], steps=3, lr=0.05))


def _bistepper():
    return rnn_explorers.BidirectionalStepper(_regressor(True), XS)


def _player():
    return frames.FramePlayer(lambda: None, widgets.ToggleButton())


def _playground():
    return widget.mlp_playground(state=PlaygroundState(dataset="xor table", layers=(2,)))


def _drawing():
    """A playground of its own for the methods that change its data (the others keep the XOR table)."""
    return widget.mlp_playground(state=PlaygroundState(dataset="xor table", layers=(2,)))


XY = np.array([[1.0, 1.0], [-2.0, 3.0], [4.0, -1.5], [0.5, 0.5]])  # (N, 2) in the plane [-6, 6]²
Y4 = np.array([0, 1, 2, 1])


FRAME = picture.NetworkPicture(["x1"], ()).render(
    [np.zeros((3600, 1)), np.zeros((3600, 1))], [np.ones((1, 1))], [np.zeros(1)], big=(1, 0),
    points=(np.zeros((1, 2)), np.zeros((1, 3), np.uint8), np.zeros(1, bool)), history=([], []), title="")


def _image(shown=None):
    image = display.PictureImage(picture.WIDTH, picture.HEIGHT)
    if shown is not None:
        image.show(shown)
    return image


_BUILT: dict = {}


def once(make):
    """``make`` that builds its panel on the first call and returns that one afterwards (building a panel takes
    up to a second; the probe calls each method dozens of times, and checks that a refused call changes nothing)."""
    def shared():
        if make not in _BUILT:
            _BUILT[make] = make()
        return _BUILT[make]
    return shared


def _quiet(make, *names):
    """Entries for methods without arguments: each only runs once (``close`` on a panel of its own)."""
    return {name: meth(make if name.endswith(".close") else once(make), name.rsplit(".", 1)[1]) for name in names}


REGISTRY = {
    # --- notebook 04 ---------------------------------------------------------------------------------
    "activation_explorer.ActivationExplorer": PANEL,
    "activation_explorer.activation_explorer": PANEL,
    "activation_explorer.ActivationExplorer.set_settings": meth(once(activation_explorer.ActivationExplorer),
                                                                "set_settings", shift=A(0.5, "float"),
                                                                depth=A(5, "posint")),
    "activation_explorer.ActivationExplorer.update": meth(once(activation_explorer.ActivationExplorer), "update",
                                                          chain=A(True, "bool"), full=A(False, "bool")),
    **_quiet(activation_explorer.ActivationExplorer, "activation_explorer.ActivationExplorer.refresh"),
    # --- notebook 05 ---------------------------------------------------------------------------------
    "backprop_stepper.control_names": fn(backprop_stepper.control_names),
    "backprop_stepper.symbol": fn(backprop_stepper.symbol, name=A("W1_12", "choice")),
    "backprop_stepper.value_positions": fn(backprop_stepper.value_positions),
    "backprop_stepper.parameter_positions": fn(backprop_stepper.parameter_positions),
    "backprop_stepper.BackpropStepper": PANEL,
    **_quiet(backprop_stepper.BackpropStepper, "backprop_stepper.BackpropStepper.refresh",
             "backprop_stepper.BackpropStepper.update", "backprop_stepper.BackpropStepper.keep_new_weights"),
    "descent_explorer.DescentExplorer": PANEL,
    "descent_explorer.DescentExplorer.reset": meth(once(descent_explorer.DescentExplorer), "reset",
                                                   full=A(True, "bool")),
    "descent_explorer.DescentExplorer.advance": meth(once(descent_explorer.DescentExplorer), "advance",
                                                     steps=A(3, "posint")),
    **_quiet(descent_explorer.DescentExplorer, "descent_explorer.DescentExplorer.refresh"),
    "fitting_explorer.Curves": "a plain record (dataclass) built by its module's functions",
    "fitting_explorer.small_digits_split": fn(fitting_explorer.small_digits_split,
                                              n_train_fraction=A(0.05, "unit", extra=[("above 0.7", 0.8)]),
                                              seed=A(0, "seed")),
    "fitting_explorer.capacity_curves": fn(fitting_explorer.capacity_curves, hidden=A(4, "posint"),
                                           epochs=A(2, "posint"), lr=A(0.5, "pos"), seed=A(0, "seed"),
                                           data=A(DATA, "object", optional=True, extra=[("three parts", DATA[:3])]),
                                           activation=A("relu", "choice"), depth=A(1, "posint")),
    "fitting_explorer.FittingExplorer": PANEL,
    "fitting_explorer.FittingExplorer.curves_for": meth(once(_fitting), "curves_for", hidden=A(4, "posint"),
                                                        train_size=A("90 images", "choice"),
                                                        activation=A("relu", "choice"), depth=A(1, "posint"),
                                                        lr=A(0.5, "pos")),
    **_quiet(_fitting, "fitting_explorer.FittingExplorer.update"),
    # --- notebook 03 ---------------------------------------------------------------------------------
    "graph_playground.tax_factor": fn(graph_playground.tax_factor, rate_percent=A(10, "float")),
    "graph_playground.gradient_table_html": fn(graph_playground.gradient_table_html,
                                               bill=A(shopping_bill(), "object"), dout=A(1.0, "float")),
    "graph_playground.ShoppingPlayground": PANEL,
    "graph_playground.shopping_playground": PANEL,
    "graph_playground.ShoppingPlayground.compute": meth(once(graph_playground.ShoppingPlayground), "compute",
                                                        dout=A(2.0, "float", optional=True)),
    **_quiet(graph_playground.ShoppingPlayground, "graph_playground.ShoppingPlayground.update"),
    "sigmoid_graph_explorer.sigmoid_chain_rows": fn(sigmoid_graph_explorer.sigmoid_chain_rows, x=A(1.0, "float"),
                                                    dout=A(1.0, "float")),
    "sigmoid_graph_explorer.rows_html": fn(sigmoid_graph_explorer.rows_html,
                                           rows=A(sigmoid_graph_explorer.sigmoid_chain_rows(1.0), "object",
                                                  extra=[("three rows", sigmoid_graph_explorer.sigmoid_chain_rows(
                                                      1.0)[:3]), ("a row missing a key", [{"node": "x"}] * 4)])),
    "sigmoid_graph_explorer.SigmoidGraphExplorer": PANEL,
    "sigmoid_graph_explorer.sigmoid_graph_explorer": PANEL,
    **_quiet(sigmoid_graph_explorer.SigmoidGraphExplorer, "sigmoid_graph_explorer.SigmoidGraphExplorer.update"),
    # --- notebook 06 ---------------------------------------------------------------------------------
    "init_explorer.scheme_std": fn(init_explorer.scheme_std, scheme=A("he", "choice"), n_units=A(10, "posint")),
    "init_explorer.InitExplorer": PANEL,
    "init_explorer.init_explorer": PANEL,
    **_quiet(lambda: init_explorer.InitExplorer(n_units=10, batch_size=64), "init_explorer.InitExplorer.n_used",
             "init_explorer.InitExplorer.compute", "init_explorer.InitExplorer.update",
             "init_explorer.InitExplorer.refresh"),
    "scale_shift_explorer.sample_preactivations": fn(scale_shift_explorer.sample_preactivations, n=A(50, "posint"),
                                                     seed=A(1, "seed")),
    "scale_shift_explorer.scale_shift": fn(scale_shift_explorer.scale_shift, x=A(np.linspace(0, 4, 6), "batch"),
                                           gamma=A(2.0, "float"), beta=A(5.0, "float")),
    "scale_shift_explorer.ScaleShiftExplorer": PANEL,
    "scale_shift_explorer.scale_shift_explorer": PANEL,
    **_quiet(scale_shift_explorer.ScaleShiftExplorer, "scale_shift_explorer.ScaleShiftExplorer.update"),
    # --- notebook 07 ---------------------------------------------------------------------------------
    "rnn_explorers.cells_picture": fn(rnn_explorers.cells_picture, codes=A(np.ones((2, 3)), "rows")),
    "rnn_explorers.layout_codes": fn(rnn_explorers.layout_codes, T=A(4, "posint"), H=A(3, "posint"),
                                     dirs=A(2, "posint", extra=[("three directions", 3)]),
                                     num_layers=A(2, "posint")),
    "rnn_explorers.ShapesExplorer": PANEL,
    "rnn_explorers.BidirectionalStepper": PANEL,
    **_quiet(rnn_explorers.ShapesExplorer, "rnn_explorers.ShapesExplorer.update"),
    "rnn_explorers.BidirectionalStepper.update": meth(once(_bistepper), "update", new_sequence=A(True, "bool")),
    **_quiet(_bistepper,
             "rnn_explorers.BidirectionalStepper.refresh"),
    "rnn_training_explorers.clipped_steps": fn(rnn_training_explorers.clipped_steps, history=A(HISTORY, "object",
                                               extra=[("no grad_norm", {"loss": [1.0]})]),
                                               threshold=A(1.0, "pos", optional=True, skip=("inf",))),  # no clipping
    "rnn_training_explorers.ClippingExplorer": PANEL,
    "rnn_training_explorers.TemperatureExplorer": PANEL,
    **_quiet(_clipping, "rnn_training_explorers.ClippingExplorer.update"),
    **_quiet(lambda: rnn_training_explorers.TemperatureExplorer(_char(), CharVocab(TEXT), length=10),
             "rnn_training_explorers.TemperatureExplorer.update"),
    "rnn_widgets.legend_html": fn(lambda **kw: rnn_widgets.legend_html(kw["items"]),
                                  items=A(("#0072B2", "tanh"), "object", extra=[("three parts", ("a", "b", "c"))])),
    "rnn_widgets.reset_button": fn(rnn_widgets.reset_button, panel=A(rnn_widgets.GradientFlowExplorer(), "object")),
    "rnn_widgets.in_range": fn(lambda **kw: rnn_widgets.in_range(name="value", **kw),
                               value=A(1.0, "float", extra=[("outside", 9.0)]), lo=A(0.0, "float"),
                               hi=A(2.0, "float", extra=[("below lo", -1.0)]), whole=A(False, "bool")),
    "rnn_widgets.stepper_sequences": fn(rnn_widgets.stepper_sequences, xs=A(XS, "batch"),
                                        targets=A(XS, "shaped", optional=True, partner="xs")),
    "rnn_widgets.TimeStepper": PANEL,
    "rnn_widgets.GradientFlowExplorer": PANEL,
    "rnn_widgets.TimeStepper.state_at": meth(once(lambda: rnn_widgets.TimeStepper(_regressor(), XS)), "state_at",
                                             t=A(2, "int", extra=[("t = T", 6), ("negative", -1)]),
                                             n=A(1, "int", extra=[("n = N", 2), ("negative", -1)])),
    "rnn_widgets.TimeStepper.update": meth(once(lambda: rnn_widgets.TimeStepper(_regressor(), XS)), "update",
                                           new_sequence=A(True, "bool")),
    **_quiet(lambda: rnn_widgets.TimeStepper(_regressor(), XS), "rnn_widgets.TimeStepper.refresh"),
    **_quiet(rnn_widgets.GradientFlowExplorer, "rnn_widgets.GradientFlowExplorer.update"),
    # --- widgets: the panel base class, the gate playground (notebook 01) -----------------------------
    "panel.Panel": "the panel base class: every panel is probed by tests/test_panel_probe.py",
    "panel.Panel.set_settings": meth(once(panels.GatePlayground), "set_settings", w1=A(0.3, "float"),
                                       gate=A("OR", "choice")),
    "panel.Panel.defaults_button": meth(once(panels.GatePlayground), "defaults_button",
                                          description=A("textbook values", "text", skip=("empty string",))),
    **_quiet(panels.GatePlayground, "panel.Panel.close", "panel.Panel.restore_defaults", "panel.Panel.refresh",
             "widgets.GatePlayground.refresh", "widgets.GatePlayground.update", "widgets.GatePlayground.step",
             "widgets.GatePlayground.set_lecture_weights"),
    "widgets.GatePlayground": PANEL,
    "widgets.gate_playground": PANEL,
    "panel.sets_up_next_run": fn(panel.sets_up_next_run, control=A(widgets.FloatSlider(), "object")),
    # --- notebook 02: the hidden-space explorer; the live trainer's controls, frames and widget ---------
    "hidden_space_explorer.HiddenSpaceExplorer": PANEL,
    "hidden_space_explorer.hidden_space_explorer": PANEL,
    **_quiet(hidden_space_explorer.HiddenSpaceExplorer, "hidden_space_explorer.HiddenSpaceExplorer.update"),
    "controls.build_controls": fn(controls.build_controls, state=A(PlaygroundState(), "object")),
    "controls.show_layer_sliders": fn(controls.show_layer_sliders, c=A(controls.build_controls(PlaygroundState()),
                                                                       "object"),
                                      hidden=A(("lr",), "object", skip=("dict",))),
    "controls.state_from_controls": fn(controls.state_from_controls,
                                       c=A(controls.build_controls(PlaygroundState()), "object"),
                                       seed=A(0, "seed"), data_seed=A(0, "seed")),
    "controls.regularization_of": fn(controls.regularization_of, c=A(controls.build_controls(PlaygroundState()),
                                                                     "object")),
    "controls.settings_of": fn(controls.settings_of, state=A(PlaygroundState(), "object")),
    "controls.layout": fn(controls.layout, c=A(controls.build_controls(PlaygroundState()), "object"),
                          training=A([widgets.HBox()], "object")),
    "frames.FramePlayer": fn(frames.FramePlayer, frame=A(lambda: None, "callable"),
                             toggle=A(widgets.ToggleButton(), "object"), interval=A(20, "posint"),
                             on_error=A(None, "callable", optional=True)),
    "frames.FramePlayer.run_frame": meth(once(_player), "run_frame", extra=A(True, "bool")),
    **_quiet(_player, "frames.FramePlayer.rate"),
    "display.PictureImage": fn(display.PictureImage, width=A(20, "posint"), height=A(10, "posint")),
    "display.PictureImage.show": meth(once(_image), "show", picture=A(FRAME, "object")),
    **_quiet(lambda: _image(FRAME), "display.PictureImage.png"),
    "display.status_html": fn(display.status_html, session=A(Session(PlaygroundState(dataset="xor table")), "object"),
                              seed=A(3, "seed")),
    "display.confusion_html": fn(display.confusion_html,
                                 counts=A(np.array([[3, 1], [0, 2]]), "shaped",
                                          extra=[("negative count", np.array([[3, -1], [0, 2]])),
                                                 ("fraction", np.array([[3, 0.5], [0, 2]])),
                                                 ("one class", np.array([[3]]))]),
                                 split=A("test", "choice")),
    "widget.MLPPlayground": PANEL,
    "widget.mlp_playground": PANEL,
    "widget.MLPPlayground.set_state": meth(once(_playground), "set_state", state=A("data=xor&net=2", "text",
                                                                             skip=("empty string",))),
    "widget.MLPPlayground.reset": meth(once(_playground), "reset", new_weights=A(True, "bool"),
                                       new_data=A(False, "bool")),
    "widget.MLPPlayground.step": meth(once(_playground), "step", epochs=A(2, "posint", optional=True)),
    "widget.MLPPlayground.mouse": meth(once(_playground), "mouse", kind=A("click", "choice"), x=A(100.0, "float"),
                                       y=A(60.0, "float")),
    "widget.MLPPlayground.set_data": meth(once(_drawing), "set_data", X=A(XY, "shaped", partner="y",
                                                                         extra=[("outside the plane", XY * 2)]),
                                          y=A(Y4, "classes", n_classes=4, extra=[("one class", np.zeros(4))])),
    "widget.MLPPlayground.add_point": meth(once(_drawing), "add_point",
                                           x1=A(0.5, "float", extra=[("outside the plane", 9.0)]),
                                           x2=A(-0.5, "float"), label=A(2, "int", extra=[("negative", -1),
                                                                                        ("class 4", 4)])),
    "widget.MLPPlayground.remove_point": meth(once(_drawing), "remove_point", x1=A(1.0, "float"),
                                              x2=A(1.0, "float")),
    **_quiet(_drawing, "widget.MLPPlayground.to_pytorch"),
    **_quiet(_playground, "widget.MLPPlayground.close", "widget.MLPPlayground.current_state",
             "widget.MLPPlayground.refresh", "widget.MLPPlayground.update_rate", "widget.MLPPlayground.big_node",
             "widget.MLPPlayground.update"),
}
