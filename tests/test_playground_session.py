"""The playground's data, features, network and training, without any widget."""

import numpy as np
import pytest

from helpers.layers import BinaryCrossEntropy, SoftmaxWithLoss, SquaredErrorLoss, mlp
from helpers.optim import SGD, Adam, Momentum
from helpers.playground.data import DOMAIN, N_CLASSIFY, N_REGRESS, make_data
from helpers.playground.picture import grid_points
from helpers.playground.session import Session, features
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


# --- multiclass, metrics, starting weights, optimisers, stop epoch ----------------------------------------------------


def test_the_multiclass_sets_have_the_classes_the_state_says():
    from helpers.datasets import MULTICLASS_DATASETS
    from helpers.playground.state import MULTICLASS

    assert set(MULTICLASS) == set(MULTICLASS_DATASETS)
    for name, k in MULTICLASS.items():
        X, y, Xt, yt = make_data(PlaygroundState(dataset=name))
        assert set(np.unique(np.concatenate([y, yt]))) == set(range(k)) and np.abs(X).max() <= 6


def test_a_softmax_network_learns_blobs4_and_its_confusion_matrix_counts_the_test_points():
    s = Session(PlaygroundState(dataset="blobs4", layers=(4,), lr=0.1))
    assert isinstance(s.trainer.loss, SoftmaxWithLoss) and s.affines[-1].params["W"].shape == (4, 4)
    assert max(s.accuracy()) < 0.7  # the starting weights do not know the classes
    s.trainer.fit(30)
    train_acc, test_acc = s.accuracy()
    assert train_acc > 0.95 and test_acc > 0.95
    C = s.confusion("test")
    assert C.shape == (4, 4) and C.sum() == len(s.X_test) and np.trace(C) / C.sum() == pytest.approx(test_acc)
    assert np.array_equal(C.sum(axis=1), np.bincount(s.y_test.astype(int), minlength=4))  # rows: the true classes
    assert s.confusion("train").sum() == len(s.X_train)
    with pytest.raises(ValueError, match="split must be one of"):
        s.confusion("validation")


def test_a_multiclass_output_gives_each_grid_point_its_class_probabilities():
    s = Session(PlaygroundState(dataset="spiral3", layers=(5,)))
    out = s.node_outputs(grid_points(DOMAIN, 10))[-1]
    assert out.shape == (100, 3) and np.allclose(out.sum(axis=1), 1) and np.all(out >= 0)


def test_accuracy_and_confusion_are_for_classification_only():
    s = Session(PlaygroundState(dataset="bumps", layers=()))
    for call in (s.accuracy, s.confusion):
        with pytest.raises(ValueError, match="for classification; 'bumps' is a regression set"):
            call()
    binary = Session(PlaygroundState(dataset="circle"))
    assert binary.confusion().shape == (2, 2) and binary.confusion().sum() == len(binary.X_test)


def test_the_starting_weights_follow_the_init_scheme():
    def first_weights(init, layers=(8, 8)):
        return [a.params["W"] for a in Session(PlaygroundState(layers=layers, init=init, features=tuple(FEATURES)))
                .affines]

    lecun = first_weights("lecun")
    assert np.array_equal(lecun[0], mlp([7, 8, 8, 1], rng=0).layers[0].params["W"])  # today's N(0, 1/n_in)
    assert all(np.all(W == 0) for W in first_weights("zeros"))
    assert 0.7 < np.std(first_weights("std 1")[1]) < 1.3 and np.std(first_weights("std 0.01")[1]) < 0.02
    for init, variance in (("he", lambda n_in, n_out: 2 / n_in), ("xavier", lambda n_in, n_out: 2 / (n_in + n_out)),
                           ("lecun", lambda n_in, n_out: 1 / n_in)):  # 7x8 + 8x8 + 8x1 weights, each / its std
        pooled = np.concatenate([(W / np.sqrt(variance(*W.shape))).ravel() for W in first_weights(init)])
        assert 0.85 < np.std(pooled) < 1.15, init


def test_the_optimiser_is_the_one_named_with_the_states_rates():
    for name, cls in (("sgd", SGD), ("momentum", Momentum), ("adam", Adam)):
        opt = Session(PlaygroundState(optimizer=name, lr=0.01, regularization="L2", reg_rate=0.1)).trainer.optimizer
        assert type(opt) is cls and opt.lr == 0.01 and (opt.regularization, opt.reg_rate) == ("L2", 0.1)
    adam = Session(PlaygroundState(dataset="circle", optimizer="adam", lr=0.03, layers=(4,)))
    adam.trainer.fit(15)
    assert adam.accuracy()[1] > 0.9


def test_training_stops_by_itself_at_the_stop_epoch():
    s = Session(PlaygroundState(stop_epoch=7))
    assert s.train(5) == 5 and not s.stopped
    assert s.train(5) == 2 and s.trainer.epoch == 7 and s.stopped
    assert s.train(1) == 0 and s.trainer.epoch == 7
    s.set_stop_epoch(0)
    assert s.train(3) == 3 and s.trainer.epoch == 10 and not s.stopped
