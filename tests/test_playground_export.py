"""The playground exported as a PyTorch script: valid Python whose model, loss, optimiser, data and weights,
read back from its syntax tree (PyTorch is not installed here), are the playground's."""

import ast

import numpy as np
import pytest

from helpers.mlp_playground import mlp_playground
from helpers.optim import penalty
from helpers.playground.export import DEFAULT_EPOCHS, to_pytorch
from helpers.playground.session import Session, features
from helpers.playground.state import PlaygroundState


def _calls(tree, dotted: str) -> list[ast.Call]:
    """Every call of ``dotted`` (e.g. ``"nn.Linear"``) in the tree."""
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == dotted]


def _assigned(tree, name: str):
    """The value node assigned to ``name`` at the top level."""
    return next(n.value for n in tree.body if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == name)


def _literal_tensor(tree, name: str) -> np.ndarray:
    call = _assigned(tree, name)
    assert ast.unparse(call.func) == "torch.tensor"
    return np.array(ast.literal_eval(call.args[0]))


def _script(session):
    text = to_pytorch(session)
    compile(text, "playground_export.py", "exec")
    return ast.parse(text)


@pytest.mark.parametrize("state, loss, optimizer, keywords", [
    (PlaygroundState(layers=(4, 2), lr=0.03, batch_size=10), "nn.BCEWithLogitsLoss", "torch.optim.SGD", {"lr": 0.03}),
    (PlaygroundState(dataset="blobs4", layers=(5,), optimizer="momentum", lr=0.1, batch_size="all"),
     "nn.CrossEntropyLoss", "torch.optim.SGD", {"lr": 0.1, "momentum": 0.9}),
    (PlaygroundState(dataset="plane", layers=(), optimizer="adam", lr=0.001, batch_size=3, features=("x1", "x2sq")),
     "nn.MSELoss", "torch.optim.Adam", {"lr": 0.001, "betas": (0.9, 0.999), "eps": 1e-8}),
])
def test_the_script_has_the_playgrounds_layers_loss_optimiser_and_batch(state, loss, optimizer, keywords):
    session = Session(state)
    tree = _script(session)
    linears = [tuple(ast.literal_eval(a) for a in call.args) for call in _calls(tree, "nn.Linear")]
    assert linears == [(a.n_in, a.n_out) for a in session.affines]
    n_activations = sum(len(_calls(tree, f"nn.{name}")) for name in ("Tanh", "ReLU", "Sigmoid", "Identity"))
    assert n_activations == len(state.layers)
    assert ast.unparse(_assigned(tree, "loss_fn").func) == loss
    opt = _calls(tree, optimizer)
    assert len(opt) == 1 and {k.arg: ast.literal_eval(k.value) for k in opt[0].keywords} == keywords
    assert ast.literal_eval(_assigned(tree, "BATCH_SIZE")) == session.trainer.batch_size
    assert ast.literal_eval(_assigned(tree, "SEED")) == state.seed
    assert ast.literal_eval(_assigned(tree, "EPOCHS")) == DEFAULT_EPOCHS
    assert np.array_equal(_literal_tensor(tree, "X_train"), features(session.X_train, state.features))
    assert np.array_equal(_literal_tensor(tree, "y_test"), session.y_test)


def test_the_script_starts_from_the_current_weights_and_trains_to_the_stop_epoch():
    p = mlp_playground(dataset="spiral3", layers=(3, 2), activation="relu", stop_epoch=40)
    p.step(6)
    tree = ast.parse(p.to_pytorch())
    weights = ast.literal_eval(_assigned(tree, "weights"))
    for (W, b), affine in zip(weights, p.session.affines, strict=True):
        assert np.array_equal(np.array(W).T, affine.params["W"]) and np.array_equal(b, affine.params["b"])
    assert ast.literal_eval(_assigned(tree, "EPOCHS")) == 34
    assert _literal_tensor(tree, "y_train").dtype.kind == "i"  # class numbers for CrossEntropyLoss


@pytest.mark.parametrize("kind", ["L1", "L2", None])
def test_the_penalty_term_is_helpers_optims_on_the_weights_only(kind):
    session = Session(PlaygroundState(layers=(3,), regularization=kind, reg_rate=0.03))
    tree = _script(session)
    penalty_def = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "penalty")

    class Tensor(np.ndarray):  # enough of torch's tensor for the penalty's expression
        def abs(self):
            return np.abs(self)

    class Linear:
        def __init__(self, affine):
            self.weight, self.bias = affine.params["W"].view(Tensor), affine.params["b"] + 100.0

    namespace = {"REG_RATE": ast.literal_eval(_assigned(tree, "REG_RATE")),
                 "linears": [Linear(a) for a in session.affines]}
    exec(compile(ast.Module([penalty_def], []), "penalty", "exec"), namespace)
    expected = penalty(session.trainer.model.params, kind, 0.03)
    assert float(namespace["penalty"]()) == pytest.approx(expected, rel=1e-12)
    assert (expected > 0) == (kind is not None)


def test_a_step_activation_is_defined_in_the_script():
    tree = _script(Session(PlaygroundState(activation="step", layers=(2,))))
    assert any(isinstance(n, ast.ClassDef) and n.name == "Step" for n in tree.body) and len(_calls(tree, "Step")) == 1


def test_to_pytorch_refuses_what_is_not_a_session():
    with pytest.raises(TypeError, match="session must be a playground Session"):
        to_pytorch("data=xor")


def test_pytorchs_momentum_rule_takes_the_same_steps_as_helpers_momentum():
    from helpers.optim import Momentum

    rng = np.random.default_rng(0)
    A = np.diag([1.0, 10.0])  # a narrow bowl, loss w A w / 2, gradient A w
    w_helpers = {"W": rng.standard_normal((2, 1))}
    w_torch, b = w_helpers["W"].copy(), np.zeros((2, 1))
    opt = Momentum(0.05, momentum=0.9)
    for _ in range(30):
        opt.update(w_helpers, {"W": A @ w_helpers["W"]})
        b = 0.9 * b + A @ w_torch  # torch.optim.SGD(momentum=0.9): b = momentum * b + g, param -= lr * b
        w_torch = w_torch - 0.05 * b
    assert np.allclose(w_helpers["W"], w_torch, rtol=1e-12, atol=1e-15)
