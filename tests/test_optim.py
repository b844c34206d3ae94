"""The optimisers' update rules against the formulas written out here, their convergence on a quadratic bowl,
Adam's first step, the checks before a step (nothing changes when one fails) and a short training run each."""

import numpy as np
import pytest

from helpers.datasets import gaussians
from helpers.layers import BinaryCrossEntropy, mlp
from helpers.optim import OPTIMIZERS, SGD, Adam, Momentum
from helpers.train import Trainer

rng = np.random.default_rng(0)
SHAPES = {"0.W": (3, 4), "0.b": (4,), "2.W": (4, 1)}


def _random_params():
    return {k: rng.standard_normal(s) for k, s in SHAPES.items()}


def _random_grads():
    return [{k: rng.standard_normal(s) for k, s in SHAPES.items()} for _ in range(4)]


@pytest.mark.parametrize("regularization, rate", [(None, 0.0), ("L2", 0.05), ("L1", 0.05)])
def test_momentum_follows_the_heavy_ball_formula(regularization, rate):
    params, steps = _random_params(), _random_grads()
    expected = {k: p.copy() for k, p in params.items()}
    velocity = {k: np.zeros(s) for k, s in SHAPES.items()}
    opt = Momentum(0.05, momentum=0.8, regularization=regularization, reg_rate=rate)
    for grads in steps:
        for k in SHAPES:
            weight = k.endswith("W")
            pen = 0.0 if regularization is None or not weight else \
                rate * (expected[k] if regularization == "L2" else np.sign(expected[k]))
            velocity[k] = 0.8 * velocity[k] - 0.05 * (grads[k] + pen)
            expected[k] = expected[k] + velocity[k]
        opt.update(params, grads)
        for k in SHAPES:
            assert np.allclose(params[k], expected[k], rtol=1e-12, atol=1e-12)
            assert np.allclose(opt.velocity[k], velocity[k], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("regularization, rate", [(None, 0.0), ("L2", 0.05)])
def test_adam_follows_algorithm_1_of_kingma_and_ba(regularization, rate):
    params, steps = _random_params(), _random_grads()
    expected = {k: p.copy() for k, p in params.items()}
    m = {k: np.zeros(s) for k, s in SHAPES.items()}
    v = {k: np.zeros(s) for k, s in SHAPES.items()}
    lr, b1, b2, eps = 0.01, 0.8, 0.95, 1e-6
    opt = Adam(lr, beta1=b1, beta2=b2, eps=eps, regularization=regularization, reg_rate=rate)
    for t, grads in enumerate(steps, start=1):
        for k in SHAPES:
            g = grads[k] + (rate * expected[k] if regularization and k.endswith("W") else 0.0)
            m[k] = b1 * m[k] + (1 - b1) * g
            v[k] = b2 * v[k] + (1 - b2) * g * g
            m_hat, v_hat = m[k] / (1 - b1**t), v[k] / (1 - b2**t)
            expected[k] = expected[k] - lr * m_hat / (np.sqrt(v_hat) + eps)
        opt.update(params, grads)
        assert opt.t == t
        for k in SHAPES:
            assert np.allclose(params[k], expected[k], rtol=1e-12, atol=1e-12)


def test_sgd_follows_its_formula_and_momentum_zero_is_sgd():
    params, steps = _random_params(), _random_grads()
    twin = {k: p.copy() for k, p in params.items()}
    expected = {k: p.copy() for k, p in params.items()}
    sgd, heavy = SGD(0.1), Momentum(0.1, momentum=0.0)
    for grads in steps:
        expected = {k: expected[k] - 0.1 * grads[k] for k in SHAPES}
        sgd.update(params, grads)
        heavy.update(twin, grads)
    for k in SHAPES:
        assert np.allclose(params[k], expected[k]) and np.allclose(twin[k], expected[k])


def test_adams_first_step_is_lr_times_the_sign_of_the_gradient():
    """Bias correction makes ``m_hat = g`` and ``v_hat = g**2`` at t = 1 (Kingma & Ba 2015, section 2)."""
    grads = {"W": rng.standard_normal((5, 3)) * 10.0 ** rng.uniform(-3, 3, (5, 3))}  # scales 0.001 .. 1000
    params = {"W": np.zeros((5, 3))}
    Adam(0.01).update(params, grads)
    assert np.allclose(params["W"], -0.01 * np.sign(grads["W"]), rtol=1e-4)


@pytest.mark.parametrize("opt", [Momentum(0.02, momentum=0.9), Adam(0.05)], ids=repr)
def test_momentum_and_adam_reach_the_bottom_of_a_narrow_quadratic_bowl(opt):
    """f(p) = (p1**2 + 25 p2**2) / 2 has its minimum at 0; plain SGD at lr 0.02 needs ~ 1 / (0.02) steps for p1."""
    scale = np.array([1.0, 25.0])
    params = {"p": np.array([3.0, -2.0])}
    for _ in range(500):
        opt.update(params, {"p": scale * params["p"]})
    assert np.all(np.abs(params["p"]) < 1e-2)
    assert 0.5 * np.sum(scale * params["p"] ** 2) < 1e-4


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_every_optimiser_trains_a_small_network(name):
    X, y = gaussians(80, 0.0, seed=1)
    lr = {"sgd": 0.5, "momentum": 0.1, "adam": 0.02}[name]
    trainer = Trainer(mlp([2, 4, 1], rng=0), BinaryCrossEntropy(), OPTIMIZERS[name](lr), X, y)
    history = trainer.fit(60)
    assert history["loss"][-1] < 0.5 * history["loss"][0]
    assert trainer.accuracy() > 0.95


def _stepped(opt):
    """``opt`` after two steps on random gradients (so it has state to keep), with the params it stepped."""
    params = {"W": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)}
    for _ in range(2):
        opt.update(params, {"W": rng.standard_normal((3, 2)), "b": rng.standard_normal(2)})
    return opt, params


def _state(opt, params):
    copies = {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in vars(opt).items()}
    return [{k: p.copy() for k, p in params.items()},
            {k: {kk: a.copy() for kk, a in v.items()} if isinstance(v, dict) else v for k, v in copies.items()}]


def _same(a, b):
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return all(_same(x, y) for x, y in zip(a, b, strict=True))
    return np.array_equal(a, b) if isinstance(a, np.ndarray) else a == b


BAD_GRADS = [
    ("wrong shape", lambda g: {**g, "W": np.zeros((2, 3))}, ValueError, r"grads\['W'\] must have shape"),
    ("NaN", lambda g: {**g, "b": np.array([0.0, np.nan])}, ValueError, r"grads\['b'\]"),
    ("missing key", lambda g: {"W": g["W"]}, ValueError, "grads must have the keys"),
    ("not a dict", lambda g: [g["W"]], TypeError, "grads must be a dict"),
    ("strings", lambda g: {**g, "b": "abc"}, TypeError, r"grads\['b'\]"),
]


@pytest.mark.parametrize("make", [SGD, Momentum, Adam], ids=lambda c: c.__name__)
@pytest.mark.parametrize("label, spoil, error, match", BAD_GRADS, ids=[b[0] for b in BAD_GRADS])
def test_bad_grads_are_refused_and_change_neither_params_nor_state(make, label, spoil, error, match):
    opt, params = _stepped(make(0.1))
    before = _state(opt, params)
    good = {"W": np.ones((3, 2)), "b": np.ones(2)}
    with pytest.raises(error, match=match):
        opt.update(params, spoil(good))
    assert _same(_state(opt, params), before)


@pytest.mark.parametrize("make", [Momentum, Adam], ids=lambda c: c.__name__)
def test_another_models_params_are_refused_once_the_state_exists(make):
    opt, params = _stepped(make(0.1))
    before = _state(opt, params)
    other = {"W": np.ones((4, 2)), "b": np.ones(2)}
    with pytest.raises(ValueError, match=r"params\['W'\] must have shape \(3, 2\).*new model needs a new"):
        opt.update(other, {"W": np.ones((4, 2)), "b": np.ones(2)})
    with pytest.raises(ValueError, match="params must have the keys"):
        opt.update({"W": params["W"]}, {"W": np.ones((3, 2))})
    assert _same(_state(opt, params), before)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(lr=0.0), ValueError, "lr must be positive"),
    (dict(lr="0.1"), TypeError, "lr must be a real number"),
    (dict(momentum=1.0), ValueError, "momentum must be >= 0 and < 1"),
    (dict(momentum=-0.1), ValueError, "momentum must be >= 0 and < 1"),
    (dict(momentum=None), TypeError, "momentum must be a real number"),
    (dict(regularization="L3"), ValueError, "regularization must be one of"),
])
def test_bad_momentum_arguments_are_explained(kwargs, error, match):
    with pytest.raises(error, match=match):
        Momentum(**kwargs)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(lr=-1.0), ValueError, "lr must be positive"),
    (dict(beta1=1.0), ValueError, "beta1 must be >= 0 and < 1"),
    (dict(beta2=1.5), ValueError, "beta2 must be >= 0 and < 1"),
    (dict(beta2=-0.5), ValueError, "beta2 must be >= 0 and < 1"),
    (dict(beta1=np.nan), ValueError, "beta1 must be finite"),
    (dict(eps=0.0), ValueError, "eps must be positive"),
    (dict(eps=[1e-8]), TypeError, "eps must be a real number"),
    (dict(reg_rate=-0.1), ValueError, "reg_rate must be >= 0"),
])
def test_bad_adam_arguments_are_explained(kwargs, error, match):
    with pytest.raises(error, match=match):
        Adam(**kwargs)


@pytest.mark.parametrize("make", [SGD, Momentum, Adam], ids=lambda c: c.__name__)
def test_the_learning_rate_can_change_between_steps_but_only_to_a_positive_number(make):
    opt = make(0.1)
    opt.lr = 0.02
    assert opt.lr == 0.02
    with pytest.raises(ValueError, match="lr must be positive"):
        opt.lr = -0.5
    assert opt.lr == 0.02


def test_reprs_show_the_settings_and_the_registry_names_the_classes():
    assert repr(SGD(0.1)) == "SGD(lr=0.1)"
    assert repr(Momentum(0.05, momentum=0.5)) == "Momentum(lr=0.05, momentum=0.5)"
    assert repr(Adam(regularization="L2", reg_rate=0.01)) == \
        "Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08, regularization='L2', reg_rate=0.01)"
    assert OPTIMIZERS == {"sgd": SGD, "momentum": Momentum, "adam": Adam}
