"""The playground's data, features, network and training, without any widget."""

import numpy as np
import pytest

from helpers.layers import BinaryCrossEntropy, SquaredErrorLoss
from helpers.playground.picture import grid_points
from helpers.playground.session import DOMAIN, N_CLASSIFY, N_REGRESS, Session, features, make_data
from helpers.playground.state import FEATURES, PlaygroundState


def test_data_is_split_by_the_train_percentage_in_playground_units():
    X, y, Xt, yt = make_data(PlaygroundState(dataset="circle", train_percent=30))
    assert len(X) == 150 and len(Xt) == N_CLASSIFY - 150 and set(np.unique(y)) == {0.0, 1.0}
    assert 4.5 < np.abs(np.concatenate([X, Xt])).max() <= 5.0  # the ring reaches radius 5, as in the Playground
    assert len(make_data(PlaygroundState(dataset="bumps"))[0]) == N_REGRESS // 2


def test_the_data_seed_fixes_the_points_and_the_split():
    a, b = make_data(PlaygroundState(data_seed=1)), make_data(PlaygroundState(data_seed=1, seed=5))
    assert all(np.array_equal(u, v) for u, v in zip(a, b, strict=True))
    assert not np.array_equal(a[0], make_data(PlaygroundState(data_seed=2))[0])


def test_features_are_the_playgrounds_seven():
    X = np.array([[1.0, 2.0], [-0.5, 3.0]])
    F = features(X, tuple(FEATURES))
    expected = np.column_stack([X[:, 0], X[:, 1], X[:, 0] ** 2, X[:, 1] ** 2, X[:, 0] * X[:, 1],
                                np.sin(X[:, 0]), np.sin(X[:, 1])])
    assert np.allclose(F, expected)


def test_the_network_has_one_input_per_feature_and_the_loss_fits_the_problem():
    s = Session(PlaygroundState(features=("x1", "x2", "x1x2"), layers=(5, 3), activation="relu"))
    assert [a.params["W"].shape for a in s.affines] == [(3, 5), (5, 3), (3, 1)]
    assert isinstance(s.trainer.loss, BinaryCrossEntropy) and s.trainer.X.shape[1] == 3
    r = Session(PlaygroundState(dataset="plane", layers=()))
    assert isinstance(r.trainer.loss, SquaredErrorLoss)
    assert [type(x).__name__ for x in r.trainer.model.layers] == ["Affine"]  # a linear output, no hidden layer
    assert Session(PlaygroundState(batch_size="all")).trainer.batch_size == len(s.X_train)


def test_node_outputs_give_every_node_a_picture_on_one_scale():
    s = Session(PlaygroundState(layers=(4, 2), activation="tanh"))
    grid = grid_points(DOMAIN, 20)
    outs = s.node_outputs(grid)
    assert [o.shape for o in outs] == [(400, 2), (400, 4), (400, 2), (400, 1)]
    assert np.array_equal(outs[0], grid)  # the inputs x1, x2 themselves
    assert all(np.all(np.abs(o) <= 1) for o in outs[1:])  # tanh neurons and 2p - 1
    p = BinaryCrossEntropy.probability(s.trainer.model.forward(grid))
    assert np.allclose(outs[-1], 2 * p - 1)


def test_training_a_session_lowers_both_losses():
    s = Session(PlaygroundState(dataset="circle", features=("x1sq", "x2sq"), layers=(2,), lr=0.1))
    train0, test0 = s.losses()
    s.trainer.fit(20)
    train, test = s.losses()
    assert train < train0 / 2 and test < test0 / 2


def test_l2_keeps_the_weights_smaller_than_no_penalty():
    def weight_norm(reg):
        s = Session(PlaygroundState(dataset="spiral", layers=(8, 8), lr=0.1, regularization=reg, reg_rate=0.03))
        s.trainer.fit(30)
        return sum(np.sum(a.params["W"] ** 2) for a in s.affines)

    assert weight_norm("L2") < 0.7 * weight_norm(None)


def test_rates_change_without_a_restart_and_a_weight_can_be_set_by_hand():
    s = Session(PlaygroundState())
    s.trainer.fit(2)
    s.set_lr(0.3)
    s.set_regularization("L1", 0.01)
    assert s.trainer.epoch == 2 and s.trainer.optimizer.lr == 0.3 and s.trainer.optimizer.regularization == "L1"
    assert s.state.lr == 0.3 and s.state.reg_rate == 0.01
    before = s.node_outputs(grid_points(DOMAIN, 10))[1][:, 0].copy()
    s.set_weight(0, 0, 0, 3.0)
    assert s.affines[0].params["W"][0, 0] == 3.0
    assert not np.allclose(s.node_outputs(grid_points(DOMAIN, 10))[1][:, 0], before)
    with pytest.raises(ValueError, match=r"i must be in 0 \.\. 1, got 5"):  # layer 0 has 2 inputs
        s.set_weight(0, 5, 0, 1.0)


def test_with_step_neurons_only_the_output_layer_learns_and_xor_stays_unsolved():
    s = Session(PlaygroundState(dataset="xor", layers=(4,), activation="step", lr=0.3))
    hidden = s.affines[0].params["W"].copy()
    s.trainer.fit(30)
    assert np.array_equal(s.affines[0].params["W"], hidden)  # the step's zero slope: no gradient reaches it
    assert s.trainer.history["accuracy"][-1] < 0.9
    tanh = Session(PlaygroundState(dataset="xor", layers=(4,), activation="tanh", lr=0.3))
    tanh.trainer.fit(30)
    assert tanh.trainer.history["accuracy"][-1] > 0.9
