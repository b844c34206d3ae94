"""The API probe's entries for the newer math modules: notebook 04's activation models, notebook 07's RNN
layout, notebook 02's hidden space and the live trainer's state and session (merged into
:data:`probe_registry.REGISTRY`)."""

from __future__ import annotations

import numpy as np
from probe import RECORD, Arg, fn, meth

from helpers import activation_chain, activation_model, activation_properties, hidden_space, layers, rnn_layout
from helpers.playground import data, export, lab, session, state

MODULES = [activation_chain, activation_model, activation_properties, hidden_space, rnn_layout, state, data, session,
           export, lab]

_r = np.random.default_rng(1)
U = _r.standard_normal(6)
X42 = _r.standard_normal((4, 2))
XS = _r.standard_normal((4, 2, 3))  # (T, N, D)
Y01 = np.array([0, 1, 1, 0])
FRAMES = hidden_space.xor_training_frames(epochs=3)  # (4, ...) weights of epochs 0 .. 3


def A(good, kind, **kw):
    return Arg(good, kind, **kw)


def _mlp():
    return layers.mlp([2, 2, 1], activation="tanh", rng=0)


XOR = "data=xor table&net=2"  # the smallest run: 4 points, a 2-2-1 network
PTS = ((1.0, 1.0, 0), (-2.0, 3.0, 1))
XY = np.array([[1.0, 1.0], [-2.0, 3.0], [4.0, -1.5], [0.5, 0.5]])  # (N, 2) in the plane [-6, 6]²
Y4 = np.array([0, 1, 2, 1])


def _session():
    return session.Session(state.PlaygroundState(dataset="xor table", layers=(2,)))


_STATE = dict(dataset=A("xor", "choice"), noise=A(0.0, "nonneg"), train_percent=A(50, "posint"),
              batch_size=A(10, "posint"), features=A(("x1", "x2"), "object", extra=[("unknown id", ("x9",))]),
              layers=A((4, 2), "object", extra=[("zero neurons", (4, 0))]), activation=A("tanh", "choice"),
              lr=A(0.03, "pos"), regularization=A(None, "choice", optional=True), reg_rate=A(0.0, "nonneg"),
              show_test=A(False, "bool"), discretize=A(False, "bool"), seed=A(0, "seed"), data_seed=A(0, "seed"),
              optimizer=A("adam", "choice"), init=A("he", "choice"), stop_epoch=A(0, "int", extra=[("negative", -1)]),
              points=A((), "object", extra=[("points for a generated set", PTS)]))

REGISTRY = {
    # --- activation_chain, activation_model, activation_properties (notebook 04) -----------------------
    "activation_chain.chain_gradients": fn(activation_chain.chain_gradients, name=A("relu", "choice"),
                                           u0=A(U, "any"), weight=A(1.5, "float"), depth=A(4, "posint")),
    "activation_chain.chain_summary": fn(activation_chain.chain_summary, grads=A(np.abs(X42) + 0.1, "rows",
                                                                                 skip=("empty",))),
    "activation_model.slider_name": fn(activation_model.slider_name, name=A("selu", "choice"),
                                       param=A("alpha", "choice")),
    "activation_model.standard_samples": fn(activation_model.standard_samples, n=A(50, "posint"), seed=A(0, "seed")),
    "activation_model.standardised_photo": fn(activation_model.standardised_photo),
    "activation_model.output_limits": fn(activation_model.output_limits, name=A("tanh", "choice"),
                                         x_range=A((-6.0, 6.0), "pair")),
    "activation_model.explorer_state": fn(activation_model.explorer_state, name=A("elu", "choice"),
                                          params=A({"alpha": 0.5}, "object", optional=True, skip=("dict",),
                                                   extra=[("unknown parameter", {"beta": 1.0}),
                                                          ("NaN parameter", {"alpha": np.nan})]),
                                          shift=A(0.5, "float"), scale=A(2.0, "pos"),
                                          samples=A(U, "batch", optional=True),
                                          image=A(X42, "batch", optional=True, skip=("wrong width",)),
                                          bins=A(np.linspace(-1, 2, 5), "batch", optional=True,
                                                 extra=[("decreasing", np.linspace(2, -1, 5))])),
    "activation_model.depth_state": fn(activation_model.depth_state, name=A("sigmoid", "choice"),
                                       params=A(None, "object", optional=True, skip=("dict",)),
                                       shift=A(0.5, "float"), scale=A(2.0, "pos"), weight=A(1.0, "float"),
                                       samples=A(U, "batch", optional=True), max_depth=A(5, "posint")),
    "activation_model.check_name": fn(activation_model.check_name, name=A("relu", "choice")),
    "activation_model.in_range": fn(lambda **kw: activation_model.in_range(name="value", **kw),
                                    value=A(0.5, "float", extra=[("outside the bounds", 9.0)]),
                                    bounds=A((-3.0, 3.0), "pair", skip=("three numbers",))),  # a slider's range
    "activation_properties.mean_output": fn(activation_properties.mean_output, name=A("relu", "choice"),
                                            std=A(1.0, "pos")),
    "activation_properties.properties": fn(activation_properties.properties, name=A("relu", "choice")),
    "activation_properties.properties_table": fn(activation_properties.properties_table,
                                                 names=A(["relu"], "object", optional=True,
                                                         extra=[("unknown name", ["bogus"])])),
    "activation_properties.properties_html": fn(activation_properties.properties_html,
                                                rows=A([activation_properties.properties("relu")], "object",
                                                       extra=[("a row missing a column", [{"name": "relu"}])])),
    # --- hidden_space (notebook 02) ------------------------------------------------------------------
    "hidden_space.hidden_coordinates": fn(hidden_space.hidden_coordinates, model=A(_mlp(), "object"),
                                          X=A(X42, "batch"), layer=A(1, "posint", extra=[("too deep", 2)])),
    "hidden_space.next_layer_line": fn(hidden_space.next_layer_line, model=A(_mlp(), "object"),
                                       layer=A(1, "posint", extra=[("too deep", 2)]),
                                       unit=A(0, "int", extra=[("negative", -1), ("too large", 1)])),
    "hidden_space.xor_training_frames": fn(hidden_space.xor_training_frames, seed=A(0, "seed"),
                                           lr=A(2.0, "pos", extra=[("above 100", 101.0)]),
                                           epochs=A(3, "posint", extra=[("above 100 000", 100_001)])),
    "hidden_space.hidden_frame": fn(hidden_space.hidden_frame, frames=A(FRAMES, "grads"),
                                    t=A(2, "int", extra=[("negative", -1), ("past the last frame", 4)]),
                                    X=A(X42, "batch")),
    "hidden_space.train_together": fn(hidden_space.train_together,
                                      models=A([_mlp(), _mlp()], "object",
                                               extra=[("empty list", []), ("a list of strings", ["abc"]),
                                                      ("mixed sizes", [_mlp(), layers.mlp([2, 3, 1], rng=0)])]),
                                      X=A(X42, "batch"), y=A(Y01, "labels01", partner="X"),
                                      lr=A(2.0, "pos", extra=[("above 100", 101.0)]),
                                      epochs=A(3, "posint", extra=[("above 100 000", 100_001)])),
    "hidden_space.separation_margin": fn(hidden_space.separation_margin, points=A(X42, "shaped", partner="y"),
                                         y=A(Y01, "labels01", partner="points", extra=[("one class", np.zeros(4))]),
                                         n_angles=A(360, "posint", extra=[("three", 3)])),
    # --- rnn_layout (notebook 07) ---------------------------------------------------------------------
    "rnn_layout.stacked_rnns": fn(rnn_layout.stacked_rnns, input_size=A(3, "posint"), hidden_size=A(4, "posint"),
                                  bidirectional=A(True, "bool"), num_layers=A(2, "posint"),
                                  seed=A(0, "seed", optional=True)),
    "rnn_layout.stacked_forward": fn(rnn_layout.stacked_forward,
                                     layers=A(rnn_layout.stacked_rnns(3, 4, True, 2, seed=0), "object",
                                              extra=[("empty list", []), ("list with a number", [3])]),
                                     xs=A(XS, "batch")),
    "rnn_layout.StatePlace": RECORD,
    "rnn_layout.RNNLayout": RECORD,
    "rnn_layout.Progress": RECORD,
    "rnn_layout.rnn_layout": fn(rnn_layout.rnn_layout, T=A(4, "posint"), N=A(2, "posint"), D=A(3, "posint"),
                                H=A(4, "posint"), bidirectional=A(True, "bool"), num_layers=A(2, "posint"),
                                seed=A(0, "seed")),
    "rnn_layout.bidirectional_progress": fn(rnn_layout.bidirectional_progress, T=A(5, "posint"),
                                            k=A(2, "int", extra=[("negative", -1), ("k = T", 5)])),
    # --- playground.state and playground.session (notebook 02's live trainer) ------------------------
    "state.PlaygroundState": fn(state.PlaygroundState, **_STATE),
    "state.PlaygroundState.replace": meth(state.PlaygroundState, "replace", lr=A(0.1, "pos"),
                                          activation=A("relu", "choice")),
    "state.PlaygroundState.to_string": meth(state.PlaygroundState, "to_string"),
    "state.PlaygroundState.from_string": fn(state.PlaygroundState.from_string,
                                            text=A("data=spiral&net=8,8", "text", skip=("empty string",),
                                                   extra=[("unknown key", "colour=red"),
                                                          ("bad value", "net=8,x")])),
    "session.features": fn(session.features, X=A(X42, "batch", skip=("missing dimension",)),
                           names=A(("x1", "sinx2"), "object", extra=[("unknown id", ("x9",)), ("empty", ())])),
    "state.as_points": fn(state.as_points, points=A(PTS, "object", extra=[("a point of two numbers", ((1.0, 1.0),)),
                                                                       ("a point outside the plane", ((9.0, 0.0, 1),)),
                                                                       ("label 4", ((0.0, 0.0, 4),)), ("none", ())])),
    "data.all_points": fn(data.all_points, state=A(state.PlaygroundState(), "object")),
    "data.make_data": fn(data.make_data, state=A(state.PlaygroundState(), "object")),
    "data.points_from_arrays": fn(data.points_from_arrays, X=A(XY, "shaped", partner="y",
                                                              extra=[("outside the plane", XY * 2)]),
                                  y=A(Y4, "classes", n_classes=4, extra=[("one class", np.zeros(4))])),
    "data.with_point": fn(data.with_point, points=A(PTS, "object", extra=[("a point of two numbers", ((1.0, 1.0),))]),
                          x1=A(0.5, "float", extra=[("outside the plane", 9.0)]), x2=A(-0.5, "float"),
                          label=A(2, "int", extra=[("negative", -1), ("class 4", 4)])),
    "data.without_point": fn(data.without_point, points=A(PTS, "object", extra=[("a point of two numbers",
                                                                                 ((1.0, 1.0),))]),
                             x1=A(1.0, "float"), x2=A(1.0, "float")),
    "data.starting_points": fn(data.starting_points, state=A(state.PlaygroundState(), "object")),
    "session.Session": fn(session.Session, state=A(state.PlaygroundState(dataset="xor table"), "object")),
    "session.Session.losses": meth(_session, "losses"),
    "session.Session.set_lr": meth(_session, "set_lr", lr=A(0.1, "pos")),
    "session.Session.set_regularization": meth(_session, "set_regularization", kind=A("L2", "choice", optional=True),
                                               rate=A(0.01, "nonneg")),
    "session.Session.set_weight": meth(_session, "set_weight", layer=A(0, "int", extra=[("too large", 5)]),
                                       i=A(1, "int", extra=[("too large", 5)]),
                                       j=A(0, "int", extra=[("too large", 5)]), value=A(0.5, "float")),
    "session.Session.hidden_points": meth(_session, "hidden_points", layer=A(1, "posint", extra=[("too deep", 3)])),
    "session.Session.node_outputs": meth(_session, "node_outputs", grid=A(X42, "batch", skip=("missing dimension",))),
    "session.Session.epochs_to_train": meth(_session, "epochs_to_train", epochs=A(2, "posint")),
    "session.Session.train": meth(_session, "train", epochs=A(2, "posint")),
    "session.Session.set_stop_epoch": meth(_session, "set_stop_epoch", epoch=A(5, "int", extra=[("negative", -1)])),
    "session.Session.accuracy": meth(_session, "accuracy"),
    "session.Session.confusion": meth(_session, "confusion", split=A("train", "choice")),
    # --- playground.export and playground.lab (notebook 08) -------------------------------------------
    "export.to_pytorch": fn(export.to_pytorch, session=A(_session(), "object"), epochs=A(5, "posint", optional=True)),
    "lab.as_state": fn(lab.as_state, state=A(XOR, "text", skip=("empty string",))),  # "": the defaults
    "lab.trained": fn(lab.trained, state=A(XOR, "text", skip=("empty string",)), epochs=A(2, "posint"),
                      seed=A(None, "seed", optional=True)),
    "lab.dead_neurons": fn(lab.dead_neurons, session=A(_session(), "object")),
    "lab.dead_per_layer": fn(lab.dead_per_layer, session=A(_session(), "object")),
    "lab.trained_seeds": fn(lab.trained_seeds, state=A(XOR, "text", skip=("empty string",)), epochs=A(1, "posint"),
                            seeds=A([0, 1], "object", extra=[("empty", []), ("a string seed", [0, "a"])])),
    "lab.trained_together": fn(lab.trained_together, states=A([XOR, XOR], "object",
                                                               extra=[("empty", []), ("a number", [XOR, 3]),
                                                                      ("another learning rate", [XOR, XOR + "&lr=3"])]),
                               epochs=A(1, "posint")),
    "lab.train_together": fn(lab.train_together, sessions=A([_session(), _session()], "object",
                                                            extra=[("empty", []), ("a string", [_session(), XOR])]),
                             epochs=A(1, "posint")),
    "lab.over_seeds": fn(lab.over_seeds, state=A(XOR, "text", skip=("empty string",)), epochs=A(1, "posint"),
                         seeds=A([0, 1], "object", extra=[("empty", []), ("a string seed", [0, "a"])]),
                         measure=A(lab.dead_neurons, "callable")),
}
