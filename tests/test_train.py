"""SGD and the training loop: one step by hand, a history per epoch, and XOR learned from most seeds."""

import numpy as np
import pytest

from helpers.datasets import circle, truth_table
from helpers.layers import Affine, BinaryCrossEntropy, mlp
from helpers.optim import SGD
from helpers.train import Trainer, train


def test_sgd_moves_each_param_against_its_gradient_in_place():
    params = {"W": np.array([1.0, 2.0]), "b": np.array([0.5])}
    W = params["W"]
    SGD(lr=0.1).update(params, {"W": np.array([10.0, -10.0]), "b": np.array([1.0])})
    assert params["W"] is W and np.allclose(W, [0.0, 3.0]) and np.allclose(params["b"], [0.4])


def test_sgd_checks_its_input():
    with pytest.raises(ValueError, match="positive"):
        SGD(lr=0)
    with pytest.raises(ValueError, match="keys of params"):
        SGD().update({"W": np.zeros(1)}, {"b": np.zeros(1)})


def test_one_full_batch_epoch_is_one_gradient_step():
    X, y = truth_table("XOR")
    model = mlp([2, 2, 1], "tanh", rng=0)
    before = {k: v.copy() for k, v in model.params.items()}
    loss = BinaryCrossEntropy()
    loss.forward(model.forward(X), y)
    model.backward(loss.backward())
    expected = {k: before[k] - 0.5 * g for k, g in model.grads.items()}
    Trainer(model, loss, SGD(0.5), X, y).run_epoch()
    for key, value in model.params.items():
        assert np.allclose(value, expected[key]), key


def test_history_has_one_entry_per_epoch_and_fit_continues():
    X, y = circle(60, 0.0, seed=0)
    trainer = Trainer(mlp([2, 4, 1], "tanh", rng=0), BinaryCrossEntropy(), SGD(0.5), X, y, batch_size=16, seed=0)
    trainer.fit(5)
    history = trainer.fit(3)
    assert trainer.epoch == 8 and len(history["loss"]) == len(history["accuracy"]) == 8
    assert all(0.0 <= a <= 1.0 for a in history["accuracy"])


def test_a_small_mlp_learns_circle():
    X, y = circle(200, 0.0, seed=1)
    history = train(mlp([2, 4, 1], "tanh", rng=0), BinaryCrossEntropy(), SGD(0.5), X, y,
                    epochs=100, batch_size=20)
    assert history["loss"][-1] < history["loss"][0] / 4 and history["accuracy"][-1] == 1.0


def xor_success_rate(hidden: int, seeds=range(20)) -> float:
    X, y = truth_table("XOR")
    solved = 0
    for seed in seeds:
        trainer = Trainer(mlp([2, hidden, 1], "tanh", rng=seed), BinaryCrossEntropy(), SGD(2.0), X, y)
        trainer.fit(100)
        solved += trainer.accuracy() == 1.0
    return solved / len(seeds)


def test_xor_one_hidden_unit_never_solves_it_four_almost_always_do():
    # measured (seeds 0-49, tanh, BCE, lr 2, 100 full-batch epochs): 1 unit 0%, 2 units 60%, 3 units 90%,
    # 4 units 100%. A single hidden unit is one line, and no line splits XOR.
    assert xor_success_rate(1) == 0.0
    assert xor_success_rate(2) >= 0.4
    assert xor_success_rate(4) >= 0.9


def test_trainer_checks_its_input():
    model, loss = Affine(2, 1), BinaryCrossEntropy()
    with pytest.raises(ValueError, match="same number of samples"):
        Trainer(model, loss, SGD(), np.zeros((4, 2)), np.zeros(3))
    with pytest.raises(ValueError, match="2-dimensional"):
        Trainer(model, loss, SGD(), np.zeros(4), np.zeros(4))
