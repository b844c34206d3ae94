"""The API probe's registry: one entry per public function, class (its constructor) and method of every module.

The older math modules are listed here; the newer math modules, the picture modules and the panel modules in
``probe_registry_models.py``, ``probe_registry_pictures.py`` and ``probe_registry_panels.py``, merged below.

Adding a public callable to one of :data:`MODULES` means adding one line here (tests/test_api_probe.py fails
until it has one). An entry is a :class:`probe.Spec` (good arguments and their kinds) or, for a plain record
that only the module's own functions build, :data:`RECORD`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import probe_registry_models
import probe_registry_panels
import probe_registry_pictures
from probe import RECORD, Arg, fn, meth

from helpers import (
    activations,
    backprop,
    char_rnn,
    datasets,
    descent,
    gates,
    gradcheck,
    graph,
    graph_pictures,
    init,
    init_experiments,
    layers,
    memory,
    metrics,
    optim,
    rnn,
    sequence_tasks,
    train,
    train_together,
)

MODULES = [gates, layers, optim, train, train_together, activations, graph, graph_pictures, descent, backprop, init,
           rnn, datasets, gradcheck, metrics, char_rnn, sequence_tasks, init_experiments, memory] \
    + probe_registry_models.MODULES + probe_registry_pictures.MODULES + probe_registry_panels.MODULES

_r = np.random.default_rng(0)
X53 = _r.standard_normal((5, 3))
X52 = _r.standard_normal((5, 2))
D52 = _r.standard_normal((5, 2))
S51 = _r.standard_normal((5, 1))
Y01 = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
Y3 = np.array([0, 2, 1, 1, 0])
XS = _r.standard_normal((4, 2, 3))  # (T, N, D)
IDS = np.array([[0, 1], [2, 3], [1, 0]])  # (T, N) character ids of a 4-letter vocabulary
TEXT = "abcdabcdabcd"


def A(good, kind, **kw):
    return Arg(good, kind, **kw)


def _affine():
    return layers.Affine(3, 2, rng=0)


def _ran(make, *args):
    """``make()`` after one forward pass on ``args`` (so backward may run)."""
    obj = make()
    obj.forward(*args)
    return obj


def _seq():
    return layers.mlp([3, 4, 2], rng=0)


def _rnn(bidirectional=False):
    return rnn.RNN(3, 4, bidirectional=bidirectional, seed=0)


def _trainer():
    return train.Trainer(layers.mlp([3, 4, 1], rng=0), layers.BinaryCrossEntropy(), optim.SGD(0.1), X53, Y01)


def _params():
    return {"W": np.ones((3, 2)), "b": np.zeros(2)}


def _stepped(optimizer):
    """``optimizer`` after one step on :func:`_params` (so a refused update has its state to leave alone)."""
    optimizer.update(_params(), {"W": np.full((3, 2), 0.5), "b": np.full(2, -0.5)})
    return optimizer


def _surface():
    return descent.regression_surface()


def _regressor():
    return sequence_tasks.SequenceRegressor(3, 4, 3, seed=0)


def _char():
    return char_rnn.CharRNN(4, 5, seed=0)


_AX = None


def _ax():
    global _AX
    if _AX is None or _AX.figure.number not in plt.get_fignums():
        _AX = plt.figure().add_subplot()
    return _AX


_BILL = graph.shopping_bill()
_EDGE = _BILL.spec.edges[0]
_DATA = (X53[:, :2].repeat(2, axis=0) @ np.ones((2, 64)) / 8, np.tile(Y3, 2), X53[:2, :2] @ np.ones((2, 64)),
         np.array([0, 1]))
_F = lambda x: float(np.sum(np.asarray(x) ** 2))  # noqa: E731


def _act_layer(cls, x):
    return dict(
        forward=meth(cls, "forward", x=A(x, "any")),
        backward=meth(lambda: _ran(cls, x), "backward", fresh=cls, dout=A(np.ones_like(x), "shaped")),
    )


def _scalar_node(cls, name, n_in):
    args = ("x", "y") if n_in == 2 else (("t",) if cls is graph.SquareLayer else ("x",))
    good = dict(zip(args, (1.5, 2.0), strict=False))
    return {
        f"graph.{name}": fn(cls),
        f"graph.{name}.forward": meth(cls, "forward", **{k: A(v, "float") for k, v in good.items()}),
        f"graph.{name}.backward": meth(lambda: _ran(cls, *good.values()), "backward", fresh=cls, dout=A(1.0, "float")),
    }


def _activation_functions():
    specs = {}
    for name in ("identity", "sigmoid", "tanh", "relu", "selu", "log_sigmoid"):
        for f in (name, f"{name}_grad"):
            specs[f"activations.{f}"] = fn(getattr(activations, f), x=A(X53, "any"))
    for name, param, value in (("step", "threshold", 0.0), ("leaky_relu", "alpha", 0.01), ("elu", "alpha", 1.0),
                               ("swish", "beta", 1.0)):
        for f in (name, f"{name}_grad"):
            specs[f"activations.{f}"] = fn(getattr(activations, f), x=A(X53, "any"), **{param: A(value, "float")})
    for f in ("prelu", "prelu_grad"):
        specs[f"activations.{f}"] = fn(getattr(activations, f), x=A(X53, "any"), alpha=A(np.full(3, 0.25), "any"))
    specs["activations.prelu_grad_alpha"] = fn(activations.prelu_grad_alpha, x=A(X53, "any"),
                                               alpha=A(np.full(3, 0.25), "any"), dout=A(X53, "shaped", optional=True))
    for f in ("maxout", "maxout_grad", "softmax", "softmax_grad", "log_softmax"):
        specs[f"activations.{f}"] = fn(getattr(activations, f), **{"z" if "maxout" in f else "x": A(X53, "nonempty")},
                                       axis=A(-1, "axis"))
    return specs


REGISTRY = {
    # --- gates -----------------------------------------------------------------------------------------
    "gates.weighted_sum": fn(gates.weighted_sum, x=A(X52, "batch", skip=("missing dimension",)),
                           w=A(np.ones(2), "shaped"), b=A(0.5, "float")),
    "gates.perceptron": fn(gates.perceptron, x=A(X52, "batch", skip=("missing dimension",)),
                           w=A(np.ones(2), "shaped"), b=A(0.5, "float")),
    "gates.GateReport": RECORD,
    "gates.GateReport.as_text": meth(lambda: gates.evaluate_gate((0.5, 0.5), -0.7, "AND"), "as_text"),
    "gates.evaluate_gate": fn(gates.evaluate_gate, w=A(np.ones(2), "shaped"), b=A(-0.7, "float"),
                              gate=A("AND", "choice")),
    **{f"gates.{g}": fn(getattr(gates, g), x1=A(Y01, "any"), x2=A(Y01[::-1].copy(), "any"))
       for g in ("AND", "NAND", "OR", "XOR")},
    "gates.RuleStep": RECORD,
    "gates.learning_step": fn(gates.learning_step, w=A(np.array([0.5, -0.5]), "shaped"), b=A(0.1, "float"),
                              x=A(np.array([1.0, 0.0]), "shaped"), y=A(1, "choice"), lr=A(0.5, "pos")),
    "gates.gate_learning_steps": fn(gates.gate_learning_steps, w=A(np.array([0.5, -0.5]), "shaped"),
                                    b=A(0.1, "float"), gate=A("XOR", "choice"), lr=A(0.5, "pos"),
                                    n_steps=A(3, "posint"), first_row=A(0, "choice", skip=("number",))),
    "gates.first_repeat": fn(gates.first_repeat, states=A([(0.0, 1.0), (1.0, 0.0), (0.0, 1.0)], "object"),
                             decimals=A(9, "posint")),
    "gates.Perceptron": fn(gates.Perceptron, n_inputs=A(2, "posint"), lr=A(0.1, "pos"),
                           seed=A(0, "seed", optional=True)),
    "gates.Perceptron.predict": meth(lambda: gates.Perceptron(2, seed=0), "predict", X=A(X52, "batch")),
    "gates.Perceptron.fit": meth(lambda: gates.Perceptron(2, seed=0), "fit", X=A(X52, "batch"), y=A(Y01, "labels01"),
                                 epochs=A(2, "posint"), stop_when_learned=A(False, "bool")),
    # --- layers ----------------------------------------------------------------------------------------
    "layers.Affine": fn(layers.Affine, n_in=A(3, "posint"), n_out=A(2, "posint"), rng=A(0, "seed", optional=True),
                        weight_scale=A(None, "nonneg", optional=True)),
    "layers.Affine.forward": meth(_affine, "forward", x=A(X53, "batch")),
    "layers.Affine.backward": meth(lambda: _ran(_affine, X53), "backward", fresh=_affine, dout=A(D52, "shaped"),
                                   dx=A(True, "bool")),
    **{f"layers.{c.__name__}.{m}": s for c in (layers.Sigmoid, layers.Tanh, layers.ReLU, layers.Linear, layers.Step)
       for m, s in _act_layer(c, X53).items()},
    **{f"layers.{c.__name__}": fn(c) for c in (layers.Sigmoid, layers.Tanh, layers.ReLU, layers.Linear, layers.Step)},
    "layers.Sequential": fn(layers.Sequential, layers=A([layers.Affine(3, 2, rng=0), layers.Tanh()], "object",
                                                        extra=[("list with a number", [layers.Tanh(), 3])])),
    "layers.Sequential.forward": meth(_seq, "forward", x=A(X53, "batch")),
    "layers.Sequential.backward": meth(lambda: _ran(_seq, X53), "backward", fresh=_seq, dout=A(D52, "shaped"),
                                       dx=A(True, "bool")),
    "layers.mlp": fn(layers.mlp, sizes=A([3, 4, 2], "sizes"), activation=A("tanh", "choice"),
                     rng=A(0, "seed", optional=True), output_activation=A(None, "choice", optional=True)),
    "layers.MSELoss": fn(layers.MSELoss),
    "layers.MSELoss.forward": meth(layers.MSELoss, "forward", y_hat=A(S51, "rows", partner="y"), y=A(S51, "shaped")),
    "layers.MSELoss.backward": meth(lambda: _ran(layers.MSELoss, S51, S51), "backward", fresh=layers.MSELoss,
                                    dout=A(1.0, "float")),
    "layers.MSELoss.predict": fn(layers.MSELoss.predict, y_hat=A(S51, "batch")),
    "layers.SquaredErrorLoss": fn(layers.SquaredErrorLoss),
    "layers.SquaredErrorLoss.forward": meth(layers.SquaredErrorLoss, "forward", y_hat=A(S51, "rows", partner="y"),
                                            y=A(S51, "shaped")),
    "layers.SquaredErrorLoss.backward": meth(lambda: _ran(layers.SquaredErrorLoss, S51, S51), "backward",
                                             fresh=layers.SquaredErrorLoss, dout=A(1.0, "float")),
    "layers.BinaryCrossEntropy": fn(layers.BinaryCrossEntropy),
    "layers.BinaryCrossEntropy.forward": meth(layers.BinaryCrossEntropy, "forward", scores=A(S51, "batch"),
                                              y=A(Y01, "labels01")),
    "layers.BinaryCrossEntropy.backward": meth(lambda: _ran(layers.BinaryCrossEntropy, S51, Y01), "backward",
                                               fresh=layers.BinaryCrossEntropy, dout=A(1.0, "float")),
    "layers.BinaryCrossEntropy.predict": fn(layers.BinaryCrossEntropy.predict, scores=A(S51, "batch")),
    "layers.BinaryCrossEntropy.probability": fn(layers.BinaryCrossEntropy.probability,  # NaN in, NaN out: a live
                                                 scores=A(S51, "batch", nan_ok=True)),  # trainer shows divergence
    "layers.BatchNorm": fn(layers.BatchNorm, n_features=A(3, "posint"), momentum=A(0.9, "unit", optional=True),
                           eps=A(1e-5, "pos")),
    "layers.BatchNorm.forward": meth(lambda: layers.BatchNorm(3), "forward",
                                     x=A(X53, "batch"), train=A(None, "bool", optional=True)),
    "layers.BatchNorm.backward": meth(lambda: _ran(lambda: layers.BatchNorm(3), X53), "backward",
                                      fresh=lambda: layers.BatchNorm(3), dout=A(X53, "shaped")),
    "layers.set_training": fn(layers.set_training, model=A(_seq(), "object"), training=A(True, "bool")),
    "layers.softmax": fn(layers.softmax, scores=A(X53, "rows")),
    "layers.SoftmaxWithLoss": fn(layers.SoftmaxWithLoss),
    "layers.SoftmaxWithLoss.forward": meth(layers.SoftmaxWithLoss, "forward", scores=A(X53, "rows"),
                                           y=A(Y3, "classes", n_classes=3)),
    "layers.SoftmaxWithLoss.backward": meth(lambda: _ran(layers.SoftmaxWithLoss, X53, Y3), "backward",
                                            fresh=layers.SoftmaxWithLoss, dout=A(1.0, "float")),
    "layers.SoftmaxWithLoss.predict": fn(layers.SoftmaxWithLoss.predict, scores=A(X53, "rows")),
    "layers.SoftmaxWithLoss.probability": fn(layers.SoftmaxWithLoss.probability, scores=A(X53, "rows")),
    # --- optim and train -------------------------------------------------------------------------------
    "optim.SGD": fn(optim.SGD, lr=A(0.1, "pos")),
    "optim.penalty": fn(optim.penalty, params=A(_params(), "grads", skip=("missing key", "wrong shape")),
                        kind=A("L2", "choice", optional=True),
                        rate=A(0.1, "nonneg")),
    "optim.penalty_grads": fn(optim.penalty_grads, params=A(_params(), "grads", skip=("missing key", "wrong shape")),
                              kind=A("L1", "choice", optional=True),
                              rate=A(0.1, "nonneg")),
    "optim.SGD.update": meth(lambda: optim.SGD(0.1), "update", grads=A(_params(), "grads"),
                             params=A(_params(), "grads", partner="grads", nan_ok=True)),
    "optim.Momentum": fn(optim.Momentum, lr=A(0.1, "pos"), momentum=A(0.9, "unit"), reg_rate=A(0.0, "nonneg")),
    "optim.Momentum.update": meth(lambda: _stepped(optim.Momentum(0.1)), "update", grads=A(_params(), "grads"),
                                  params=A(_params(), "grads", partner="grads", nan_ok=True)),
    "optim.Adam": fn(optim.Adam, lr=A(0.001, "pos"), beta1=A(0.9, "unit"), beta2=A(0.999, "unit"), eps=A(1e-8, "pos"),
                     reg_rate=A(0.0, "nonneg")),
    "optim.Adam.update": meth(lambda: _stepped(optim.Adam(0.1)), "update", grads=A(_params(), "grads"),
                              params=A(_params(), "grads", partner="grads", nan_ok=True)),
    "train.Trainer": fn(train.Trainer, model=A(layers.mlp([3, 4, 1], rng=0), "object"),
                        loss=A(layers.BinaryCrossEntropy(), "object"), optimizer=A(optim.SGD(0.1), "object"),
                        X=A(X53, "rows"), y=A(Y01, "shaped"), batch_size=A(None, "posint", optional=True),
                        seed=A(0, "seed", optional=True)),
    "train.Trainer.run_epoch": meth(_trainer, "run_epoch"),
    "train.Trainer.test_loss": meth(lambda: train.Trainer(layers.mlp([3, 4, 1], rng=0), layers.BinaryCrossEntropy(),
                                                          optim.SGD(0.1), X53, Y01, X_test=X53, y_test=Y01),
                                    "test_loss"),
    "train.Trainer.fit": meth(_trainer, "fit", epochs=A(2, "posint")),
    "train.Trainer.predict": meth(_trainer, "predict", X=A(X53, "batch")),
    "train.Trainer.accuracy": meth(_trainer, "accuracy"),
    "train_together.fit_together": fn(train_together.fit_together,
                                      trainers=A([_trainer(), _trainer()], "object",
                                                 extra=[("empty list", []), ("a list of strings", ["abc"]),
                                                        ("mixed sizes", [_trainer(), train.Trainer(
                                                            layers.mlp([3, 5, 1], rng=0), layers.BinaryCrossEntropy(),
                                                            optim.SGD(0.1), X53, Y01)])]),
                                      epochs=A(2, "posint")),
    "train.train": fn(train.train, model=A(layers.mlp([3, 4, 1], rng=0), "object"),
                      loss=A(layers.BinaryCrossEntropy(), "object"), optimizer=A(optim.SGD(0.1), "object"),
                      X=A(X53, "rows"), y=A(Y01, "labels01"), epochs=A(2, "posint"),
                      batch_size=A(None, "posint", optional=True), seed=A(0, "seed", optional=True)),
    # --- activations -----------------------------------------------------------------------------------
    **_activation_functions(),
    "activations.Activation": RECORD,
    "activations.Activation.__call__": meth(lambda: activations.ACTIVATIONS["elu"], "__call__", x=A(X53, "any"),
                                            alpha=A(None, "float", optional=True)),
    "activations.Activation.derivative": meth(lambda: activations.ACTIVATIONS["elu"], "derivative", x=A(X53, "any"),
                                              alpha=A(None, "float", optional=True)),
    "activations.Activation.values": meth(lambda: activations.ACTIVATIONS["elu"], "values",
                                          alpha=A(None, "float", optional=True)),
    # --- graph -----------------------------------------------------------------------------------------
    **_scalar_node(graph.MulLayer, "MulLayer", 2),
    **_scalar_node(graph.AddLayer, "AddLayer", 2),
    **_scalar_node(graph.SquareLayer, "SquareLayer", 1),
    **_scalar_node(graph.ExpLayer, "ExpLayer", 1),
    **_scalar_node(graph.ReciprocalLayer, "ReciprocalLayer", 1),
    **_scalar_node(graph.ReluLayer, "ReluLayer", 1),
    **_scalar_node(graph.SigmoidLayer, "SigmoidLayer", 1),
    **_scalar_node(graph.TanhLayer, "TanhLayer", 1),
    "graph.numerical_derivative": fn(graph.numerical_derivative, f=A(_F, "callable"), x=A(1.5, "float"),
                                     h=A(1e-4, "pos")),
    "graph.GraphSpec": RECORD,
    "graph.GraphSpec.position": meth(lambda: _BILL.spec, "position", name=A("tax", "choice")),
    "graph.GraphValues": RECORD,
    "graph.shopping_bill": fn(graph.shopping_bill, apple_price=A(100, "float"), apple_count=A(2, "float"),
                              tax=A(1.1, "float"), orange_price=A(150, "float"), orange_count=A(3, "float"),
                              basket=A(None, "float", optional=True), dout=A(1.0, "float")),
    "graph.sigmoid_chain": fn(graph.sigmoid_chain, x=A(1.0, "float"), dout=A(1.0, "float")),
    "graph.square_of_sum": fn(graph.square_of_sum, x=A(1.0, "float"), y=A(2.0, "float")),
    "graph_pictures.format_value": fn(graph_pictures.format_value, v=A(2.5, "float")),
    "graph_pictures.GraphPicture": fn(lambda **kw: graph_pictures.GraphPicture(_ax(), **kw),
                                      spec=A(_BILL.spec, "object"),
                             forward=A(_BILL.forward, "object", optional=True, skip=("dict",)),
                             fontsize=A(10.0, "pos")),
    "graph_pictures.GraphPicture.update": meth(lambda: graph_pictures.draw_graph(_BILL, ax=_ax()), "update",
                                      forward=A({_EDGE: 1.0}, "object", optional=True, skip=("dict",),
                                                extra=[("NaN value", {_EDGE: np.nan}), ("string value", {_EDGE: "a"})]),
                                      backward=A(None, "object", optional=True, skip=("dict",))),
    "graph_pictures.draw_graph": fn(graph_pictures.draw_graph, values=A(_BILL, "object"),
                                    ax=A(_ax(), "object", optional=True),
                           show_backward=A(True, "bool")),
    # --- descent ---------------------------------------------------------------------------------------
    "descent.line_data": fn(descent.line_data, n=A(20, "posint"), seed=A(0, "seed", optional=True)),
    "descent.squared_error": fn(descent.squared_error, y_hat=A(Y01, "shaped"), y=A(Y01[::-1].copy(), "shaped")),
    "descent.cross_entropy": fn(descent.cross_entropy, p=A(np.full(5, 0.3), "prob"), y=A(Y01, "labels01")),
    "descent.slope_loss": fn(descent.slope_loss, w=A(np.linspace(0, 2, 3), "any"), x=A(Y01 + 1, "batch"),
                             y=A(Y01, "shaped")),
    "descent.LossSurface": RECORD,
    "descent.LossSurface.loss_at": meth(_surface, "loss_at", point=A(np.ones(2), "shaped")),
    "descent.LossSurface.grid": meth(_surface, "grid", resolution=A(5, "posint")),
    "descent.LossSurface.largest_stable_lr": meth(_surface, "largest_stable_lr"),
    "descent.regression_surface": fn(descent.regression_surface, x=A(np.linspace(0, 1, 5), "batch"),
                                     y=A(Y01, "shaped")),
    "descent.two_minima_surface": fn(descent.two_minima_surface),
    "descent.gradient_descent": fn(descent.gradient_descent, gradient=A(_surface().gradient, "callable"),
                                   w0=A(np.zeros(2), "shaped"), lr=A(0.1, "pos"), steps=A(5, "posint"),
                                   escape=A(1e6, "pos")),
    "descent.describe_run": fn(descent.describe_run, surface=A(_surface(), "object"),
                               path=A(descent.gradient_descent(_surface().gradient, [0, 0], 0.1, 5), "batch",
                                      nan_ok=True), tol=A(1e-3, "pos")),
    "descent.minibatch_updates": fn(descent.minibatch_updates, x=A(np.linspace(0, 1, 5), "batch"),
                                    y=A(Y01, "shaped"), w0=A(np.zeros(2), "shaped"), lr=A(0.1, "pos"),
                                    batch_size=A(2, "posint"), updates=A(3, "posint"), start=A(0, "posint",
                                    skip=("zero",)), seed=A(0, "posint", skip=("zero",)), escape=A(1e6, "pos")),
    "descent.minibatch_path": fn(descent.minibatch_path, x=A(np.linspace(0, 1, 5), "batch"), y=A(Y01, "shaped"),
                                 w0=A(np.zeros(2), "shaped"), lr=A(0.1, "pos"), batch_size=A(2, "posint"),
                                 epochs=A(2, "posint"), seed=A(0, "posint", skip=("zero",))),
    "descent.uphill_fraction": fn(descent.uphill_fraction, surface=A(_surface(), "object"),
                                  path=A(descent.gradient_descent(_surface().gradient, [0, 0], 0.1, 3), "batch")),
    "descent.split_lr_regimes": fn(descent.split_lr_regimes, surface=A(_surface(), "object")),
    # --- backprop --------------------------------------------------------------------------------------
    "backprop.split_error": fn(backprop.split_error, error=A(0.6, "float"), weights=A(np.array([0.6, 0.4]), "batch")),
    "backprop.Step": RECORD,
    "backprop.loss_222": fn(backprop.loss_222, **{k: A(v, "shaped") for k, v in backprop.example_222().items()}),
    "backprop.gradient_step": fn(backprop.gradient_step, params=A({"W": np.ones((2, 2))}, "object"),
                                 grads=A({"W": np.full((2, 2), 0.5)}, "object"), lr=A(0.1, "pos")),
    "backprop.example_222": fn(backprop.example_222),
    "backprop.hand_backprop_222": fn(backprop.hand_backprop_222,
                                     **{k: A(v, "shaped") for k, v in backprop.example_222().items()}),
    "backprop.network_222": fn(backprop.network_222, **{k: A(v, "shaped") for k, v in backprop.example_222().items()
                                                        if k not in ("x", "y")}),
    "backprop.layer_gradient_norms": fn(backprop.layer_gradient_norms, model=A(_seq(), "object"),
                                        loss=A(layers.SoftmaxWithLoss(), "object"), X=A(X53, "batch"),
                                        y=A(Y3[:5] % 2, "classes", n_classes=2)),
    # --- init ------------------------------------------------------------------------------------------
    "init.xavier_variance": fn(init.xavier_variance, n_in=A(3, "posint"), n_out=A(2, "posint")),
    "init.he_variance": fn(init.he_variance, n_in=A(3, "posint")),
    **{f"init.{f}": fn(getattr(init, f), n_in=A(3, "posint"), n_out=A(2, "posint"), rng=A(0, "seed", optional=True))
       for f in ("xavier_uniform", "xavier_normal", "he_uniform", "he_normal", "zeros")},
    "init.normal": fn(init.normal, n_in=A(3, "posint"), n_out=A(2, "posint"), rng=A(0, "seed", optional=True),
                      std=A(0.01, "nonneg")),
    "init.get_initialiser": fn(init.get_initialiser, init=A("he", "choice")),
    "init.initialise": fn(init.initialise, model=A(_seq(), "object"), init=A("he", "choice"),
                          rng=A(0, "seed", optional=True)),
    # --- rnn -------------------------------------------------------------------------------------------
    "rnn.rnn_cell": fn(rnn.rnn_cell, x=A(X53, "batch"), h_prev=A(np.zeros((5, 4)), "shaped"),
                       Wx=A(np.ones((3, 4)), "shaped"), Wh=A(np.eye(4), "shaped"), b=A(np.zeros(4), "shaped"),
                       nonlinearity=A("tanh", "choice")),
    "rnn.RNN": fn(rnn.RNN, input_size=A(3, "posint"), hidden_size=A(4, "posint"), bidirectional=A(True, "bool"),
                  nonlinearity=A("tanh", "choice"), seed=A(0, "seed", optional=True)),
    "rnn.RNN.forward": meth(lambda: _rnn(True), "forward", xs=A(XS, "batch"),
                            h0=A(np.zeros((2, 2, 4)), "shaped", optional=True)),
    "rnn.RNN.backward": meth(lambda: _ran(lambda: _rnn(True), XS), "backward", fresh=lambda: _rnn(True),
                             dout=A(np.ones((4, 2, 8)), "shaped"), dh_n=A(np.ones((2, 2, 4)), "shaped", optional=True)),
    "rnn.Readout": fn(rnn.Readout, in_features=A(3, "posint"), out_features=A(2, "posint"),
                      seed=A(0, "seed", optional=True)),
    "rnn.Readout.forward": meth(lambda: rnn.Readout(3, 2, seed=0), "forward",
                                hs=A(XS, "batch", skip=("extra dimension", "missing dimension"))),
    "rnn.Readout.backward": meth(lambda: _ran(lambda: rnn.Readout(3, 2, seed=0), XS), "backward",
                                 fresh=lambda: rnn.Readout(3, 2, seed=0), dy=A(np.ones((4, 2, 2)), "shaped")),
    "rnn.grad_norm": fn(rnn.grad_norm, grads=A(_params(), "grads", nan_ok=True, skip=("missing key", "wrong shape"))),
    "rnn.clip_grad_norm": fn(rnn.clip_grad_norm, max_norm=A(1.0, "pos"),
                             grads=A(_params(), "grads", nan_ok=True, skip=("missing key", "wrong shape"))),
    "rnn.GradientFlow": RECORD,
    "rnn.orthogonal": fn(rnn.orthogonal, n=A(4, "posint"), seed=A(0, "seed", optional=True)),
    "rnn.gradient_flow": fn(rnn.gradient_flow, wh_scale=A(1.0, "nonneg", extra=[("above 5", 6.0)]),
                            nonlinearity=A("tanh", "choice"), steps=A(5, "posint", extra=[("above 200", 201)]),
                            hidden_size=A(4, "posint"), batch=A(2, "posint"), seed=A(0, "seed")),
    # --- datasets --------------------------------------------------------------------------------------
    "datasets.truth_table": fn(datasets.truth_table, gate=A("AND", "choice")),
    **{f"datasets.{name}": fn(getattr(datasets, name), n=A(20, "posint"), noise=A(0.1, "nonneg"),
                              seed=A(0, "seed", optional=True)) for name in ("plane", "bumps")},
    "datasets.load_digits": fn(datasets.load_digits, flatten=A(True, "bool"), scale=A(True, "bool")),
    "datasets.load_grace_hopper": fn(datasets.load_grace_hopper),
    "datasets.load_river_song": fn(datasets.load_river_song),
    **{f"datasets.{f}": fn(getattr(datasets, f), n=A(20, "posint", extra=[("one sample", 1)]), noise=A(0.1, "nonneg"),
                           seed=A(0, "seed", optional=True))
       for f in ("xor", "circle", "gaussians", "spiral", "spiral3", "blobs4")},
    "datasets.stratified_split": fn(datasets.stratified_split, y=A(np.tile(Y3, 4), "labels", skip=("wrong length",)),
                                    fractions=A((0.8, 0.2), "fractions"), seed=A(0, "seed", optional=True)),
    # --- gradcheck and metrics -------------------------------------------------------------------------
    "gradcheck.numerical_gradient": fn(gradcheck.numerical_gradient, f=A(_F, "callable"), x=A(X53, "any"),
                                       h=A(1e-5, "pos")),
    "gradcheck.rel_error": fn(gradcheck.rel_error, a=A(X53, "shaped"), b=A(X53 + 1e-9, "shaped")),
    "gradcheck.layer_gradient_errors": fn(gradcheck.layer_gradient_errors, layer=A(_affine(), "object"),
                                          x=A(X53, "batch"), dout=A(D52, "shaped", optional=True),
                                          seed=A(0, "seed")),
    "gradcheck.model_gradient_errors": fn(gradcheck.model_gradient_errors,
                                          compute_loss=A(lambda: 0.0, "callable"), model=A(_seq(), "object")),
    "metrics.accuracy": fn(metrics.accuracy, y_true=A(Y3, "labels"), y_pred=A(Y3[::-1].copy(), "labels")),
    "metrics.confusion_matrix": fn(metrics.confusion_matrix, y_true=A(Y3, "classes", n_classes=3),
                                   y_pred=A(Y3[::-1].copy(), "classes", n_classes=3), n_classes=A(3, "posint")),
    # --- char_rnn --------------------------------------------------------------------------------------
    "char_rnn.CharVocab": fn(char_rnn.CharVocab, text=A(TEXT, "text")),
    "char_rnn.CharVocab.encode": meth(lambda: char_rnn.CharVocab(TEXT), "encode",
                                      text=A("abc", "text", skip=("empty string",),
                                             extra=[("unknown character", "xyz")])),
    "char_rnn.CharVocab.decode": meth(lambda: char_rnn.CharVocab(TEXT), "decode", ids=A(np.array([0, 1, 2]), "ids")),
    "char_rnn.text_windows": fn(char_rnn.text_windows, ids=A(np.arange(12) % 4, "ids", skip=("out of range",)),
                                steps=A(3, "posint"),
                                batch=A(2, "posint"), rng=A(np.random.default_rng(0), "seed")),
    "char_rnn.CharRNN": fn(char_rnn.CharRNN, vocab_size=A(4, "posint"), hidden_size=A(5, "posint"),
                           seed=A(0, "seed", optional=True)),
    "char_rnn.CharRNN.probabilities": meth(_char, "probabilities", ids=A(IDS, "ids")),
    "char_rnn.CharRNN.loss": meth(_char, "loss", ids=A(IDS, "ids"), targets=A(IDS[::-1].copy(), "ids")),
    "char_rnn.CharRNN.sgd_step": meth(lambda: _ran_loss(_char(), IDS, IDS), "sgd_step", lr=A(0.1, "pos"),
                                      max_norm=A(1.0, "pos", optional=True)),
    "char_rnn.CharRNN.sample": meth(_char, "sample", vocab=A(char_rnn.CharVocab(TEXT), "object"),
                                    prefix=A("ab", "text", extra=[("unknown character", "xyz")]),
                                    length=A(5, "posint"), temperature=A(0.7, "pos"), seed=A(0, "seed", optional=True)),
    "char_rnn.CharRNN.next_logits": meth(_char, "next_logits", vocab=A(char_rnn.CharVocab(TEXT), "object"),
                                         prefix=A("ab", "text", extra=[("unknown character", "xyz")])),
    "char_rnn.softmax_with_temperature": fn(char_rnn.softmax_with_temperature, logits=A(np.array([1.0, 2.0, 0.5]),
                                            "nonempty"), temperature=A(0.7, "pos")),
    # --- sequence_tasks --------------------------------------------------------------------------------
    "sequence_tasks.SineBatch": RECORD,
    "sequence_tasks.noisy_sines": fn(sequence_tasks.noisy_sines, n_seqs=A(3, "posint"), steps=A(10, "posint"),
                                     noise=A(0.1, "nonneg"), period_range=A((12.0, 30.0), "pair"),
                                     seed=A(0, "seed", optional=True)),
    "sequence_tasks.SequenceRegressor": fn(sequence_tasks.SequenceRegressor, input_size=A(3, "posint"),
                                           hidden_size=A(4, "posint"), output_size=A(3, "posint"),
                                           bidirectional=A(False, "bool"), nonlinearity=A("tanh", "choice"),
                                           seed=A(0, "seed", optional=True)),
    "sequence_tasks.SequenceRegressor.predict": meth(_regressor, "predict", xs=A(XS, "batch")),
    "sequence_tasks.SequenceRegressor.loss": meth(_regressor, "loss", xs=A(XS, "batch"), ys=A(XS, "shaped")),
    "sequence_tasks.SequenceRegressor.generate": meth(_regressor, "generate", warmup=A(XS, "batch"),
                                                      n_steps=A(3, "posint")),
    "sequence_tasks.SequenceRegressor.sgd_step": meth(lambda: _ran_loss(_regressor(), XS, XS), "sgd_step",
                                                      lr=A(0.1, "pos"), max_norm=A(1.0, "pos", optional=True)),
    "sequence_tasks.train": fn(sequence_tasks.train, model=A(_regressor(), "object"),
                               batches=A(lambda step: (XS, XS), "callable"), steps=A(2, "posint"), lr=A(0.05, "pos"),
                               max_norm=A(1.0, "pos", optional=True),
                               callback=A(None, "callable", optional=True)),
    "sequence_tasks.clipping_sweep": fn(sequence_tasks.clipping_sweep, make_model=A(_regressor, "callable"),
                                        batches=A(lambda step: (XS, XS), "callable"),
                                        thresholds=A([1.0, None], "object", extra=[("a negative threshold", [-1.0]),
                                                                                   ("an empty list", [])]),
                                        steps=A(2, "posint"), lr=A(0.05, "pos"),
                                        reuse=A(None, "object", optional=True)),
    # --- init_experiments ------------------------------------------------------------------------------
    "memory.reuse_freed_memory": fn(memory.reuse_freed_memory),
    "init_experiments.layer_activations": fn(init_experiments.layer_activations, init=A("xavier", "choice"),
                                             activation=A("tanh", "choice"), depth=A(2, "posint"),
                                             n_units=A(4, "posint"), n_samples=A(6, "posint"),
                                             rng=A(0, "seed", optional=True)),
    "init_experiments.stack_weights": fn(init_experiments.stack_weights, init=A("xavier", "choice"),
                                         depth=A(2, "posint"), n_units=A(4, "posint"), rng=A(0, "seed", optional=True)),
    "init_experiments.forward_backward": fn(init_experiments.forward_backward, x=A(_r.standard_normal((6, 4)), "rows"),
                                            weights=A([np.eye(4), np.eye(4)], "object"),
                                            activation=A("tanh", "choice"),
                                            upstream=A(np.ones((6, 4)), "shaped"), batchnorm=A(True, "bool"),
                                            batch_size=A(None, "posint", optional=True), train=A(True, "bool"),
                                            known_acts=A((), "object", extra=[("a string layer", ["abc"])])),
    "init_experiments.deep_mlp": fn(init_experiments.deep_mlp, sizes=A([3, 4, 2], "sizes"),
                                    activation=A("relu", "choice"), init=A("he", "choice"),
                                    batchnorm=A(None, "choice", optional=True), rng=A(0, "seed", optional=True)),
    "init_experiments.digits_split": fn(init_experiments.digits_split,
                                        n_test=A(297, "posint", extra=[("every sample", 1797)]), seed=A(0, "seed")),
    "init_experiments.train_digits": fn(init_experiments.train_digits,
                                        model=A(init_experiments.deep_mlp([64, 4, 10], rng=0), "object"),
                                        data=A(_DATA, "object", extra=[("three parts", _DATA[:3])]),
                                        epochs=A(1, "posint"), lr=A(0.1, "pos"),
                                        batch_size=A(4, "posint", optional=True),
                                        seed=A(0, "seed")),
}


REGISTRY.update(probe_registry_models.REGISTRY)
REGISTRY.update(probe_registry_pictures.REGISTRY)
REGISTRY.update(probe_registry_panels.REGISTRY)


def _ran_loss(model, xs, ys):
    model.loss(xs, ys)
    return model
