"""fit_together: several trainers trained at once, each ending exactly where training it alone would leave it."""

import numpy as np
import pytest

from helpers.layers import Affine, BatchNorm, BinaryCrossEntropy, MSELoss, Sequential, mlp
from helpers.optim import SGD, Adam
from helpers.playground.lab import as_state
from helpers.playground.session import Session
from helpers.train import Trainer
from helpers.train_together import fit_together

STATES = [  # every activation, loss and optimiser, penalties, mini-batches that do and do not divide N, full batch
    "data=spiral&x=x1,x2&net=8,8&act=tanh&lr=0.3&batch=25",
    "data=circle&x=x1,x2,x1sq&net=5,3&act=relu&lr=0.1&batch=7&opt=momentum&reg=L1&rate=0.01",
    "data=gaussians&x=x1,x2&net=4&act=sigmoid&lr=0.03&batch=all&opt=adam&reg=L2&rate=0.03",
    "data=xor&x=x1,x2,x1x2,sinx1&net=3,3,3&act=linear&lr=0.01&batch=10&opt=adam",
    "data=xor&x=x1,x2&net=4&act=step&lr=0.1&batch=30",
    "data=spiral3&x=x1,x2&net=6,6&act=tanh&lr=0.1&batch=20&opt=momentum&reg=L2&rate=0.001",
    "data=blobs4&x=x1,x2&net=5&act=relu&lr=0.03&batch=all&opt=sgd",
    "data=plane&x=x1,x2&net=4&act=tanh&lr=0.01&batch=10&opt=adam",
    "data=bumps&x=x1,x2,x1sq,x2sq&net=6,4&act=relu&lr=0.003&batch=all&opt=momentum&reg=L1&rate=0.001",
    "data=circle&x=x1,x2&net=&lr=0.1&batch=25",  # no hidden layer
]


def _sessions(state, seeds):
    return [Session(as_state(state).replace(seed=seed)) for seed in seeds]


def _trained_both_ways(state, seeds, epochs):
    """Sessions of ``state`` from ``seeds`` after ``epochs`` epochs: (trained together, each trained alone)."""
    together, alone = _sessions(state, seeds), _sessions(state, seeds)
    with np.errstate(all="ignore"):
        fit_together([s.trainer for s in together], epochs)
        for s in alone:
            s.trainer.fit(epochs)
    return together, alone


def _assert_same(together: Trainer, alone: Trainer):
    """Everything training changes is equal to the last bit."""
    assert together.history == alone.history
    for layer_t, layer_a in zip(together.model.layers, alone.model.layers, strict=True):
        for kind in ("params", "grads"):
            mine, theirs = getattr(layer_t, kind), getattr(layer_a, kind)
            assert mine.keys() == theirs.keys()
            for key in mine:
                np.testing.assert_array_equal(mine[key], theirs[key], err_msg=f"{kind} {key}")
    for name in ("velocity", "m", "v"):
        mine, theirs = getattr(together.optimizer, name, {}), getattr(alone.optimizer, name, {})
        assert mine.keys() == theirs.keys()
        for key in mine:
            np.testing.assert_array_equal(mine[key], theirs[key], err_msg=f"{name} {key}")
    assert getattr(together.optimizer, "t", None) == getattr(alone.optimizer, "t", None)
    assert together.rng.bit_generator.state == alone.rng.bit_generator.state


@pytest.mark.parametrize("state", STATES)
def test_every_trainer_ends_where_training_it_alone_would_leave_it(state):
    together, alone = _trained_both_ways(state, range(3), 4)
    for t, a in zip(together, alone, strict=True):
        _assert_same(t.trainer, a.trainer)
        assert t.accuracy() == a.accuracy() if not t.state.regression else t.losses() == a.losses()
    assert together[0].trainer.history != together[1].trainer.history  # each seed trained its own network


def test_trained_together_they_go_on_alone_as_if_they_had_never_met():
    together, alone = _sessions(STATES[1], (4, 9)), _sessions(STATES[1], (4, 9))
    fit_together([s.trainer for s in together], 3)
    fit_together([s.trainer for s in together], 2)  # a second call goes on from the first
    for t, a in zip(together, alone, strict=True):
        a.trainer.fit(5)
        _assert_same(t.trainer, a.trainer)
        t.trainer.fit(2)
        a.trainer.fit(2)
        _assert_same(t.trainer, a.trainer)


def test_layers_keep_their_own_arrays():
    sessions = _sessions(STATES[0], range(2))
    arrays = [[a.params["W"] for a in s.affines] for s in sessions]
    fit_together([s.trainer for s in sessions], 1)
    for s, before in zip(sessions, arrays, strict=True):
        assert all(a.params["W"] is W and W.base is None for a, W in zip(s.affines, before, strict=True))


def test_trainers_with_different_data_each_learn_their_own():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    labels = [np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.0, 0.0, 0.0, 1.0])]  # XOR, AND
    make = lambda y: Trainer(mlp([2, 3, 1], "tanh", rng=0), BinaryCrossEntropy(), SGD(lr=1.0), X, y, batch_size=2)  # noqa: E731
    together, alone = [make(y) for y in labels], [make(y) for y in labels]
    fit_together(together, 20)
    for t, a in zip(together, alone, strict=True):
        a.fit(20)
        _assert_same(t, a)


def test_a_diverged_run_shows_nan_like_alone():
    state = "data=spiral&x=x1,x2&net=8,8&act=linear&lr=10&batch=all&opt=sgd"
    together, alone = _trained_both_ways(state, range(2), 30)
    for t, a in zip(together, alone, strict=True):
        np.testing.assert_array_equal(t.trainer.history["loss"], a.trainer.history["loss"])
    assert not np.isfinite(together[0].trainer.history["loss"][-1])


def test_trainers_that_cannot_be_stacked_are_refused_before_anything_changes():
    base = _sessions(STATES[0], range(2))
    before = [s.trainer.model.params["0.W"].copy() for s in base]
    others = {  # what differs: a state that differs from STATES[0] in it
        "layers and sizes": STATES[0].replace("net=8,8", "net=8,7"),
        "loss": STATES[0].replace("data=spiral", "data=plane"),
        "optimiser": STATES[0] + "&opt=momentum",
        "its settings": STATES[0] + "&reg=L2&rate=0.01",
        "batch size": STATES[0].replace("batch=25", "batch=20"),
        "data shapes": STATES[0] + "&train=30",
    }
    for state in others.values():
        with pytest.raises(ValueError, match=r"trainers\[1\] must be like trainers\[0\]"):
            fit_together([base[0].trainer, Session(as_state(state)).trainer], 1)
    adam = [Session(as_state(STATES[2]).replace(seed=s)).trainer for s in range(2)]
    fit_together(adam[:1], 1)
    with pytest.raises(ValueError, match=r"trainers\[1\] must be like"):  # one has taken a step more
        fit_together(adam, 1)
    for s, W in zip(base, before, strict=True):
        np.testing.assert_array_equal(s.trainer.model.params["0.W"], W)


def test_bad_arguments_are_refused_by_name():
    X, y = np.zeros((4, 2)), np.array([0.0, 1.0, 1.0, 0.0])
    trainer = Trainer(mlp([2, 2, 1], "tanh", rng=0), BinaryCrossEntropy(), SGD(), X, y)
    with pytest.raises(TypeError, match="trainers must be a list"):
        fit_together(trainer, 1)
    with pytest.raises(ValueError, match="at least one Trainer"):
        fit_together([], 1)
    with pytest.raises(TypeError, match=r"trainers\[1\] must be a Trainer"):
        fit_together([trainer, "trainer"], 1)
    with pytest.raises(ValueError, match="epochs"):
        fit_together([trainer], 0)
    with pytest.raises(ValueError, match=r"trainers\[0\].model must be a Sequential of Affine"):
        fit_together([Trainer(Sequential([Affine(2, 1), BatchNorm(1)]), BinaryCrossEntropy(), SGD(), X, y)], 1)
    with pytest.raises(ValueError, match=r"trainers\[0\].loss must be"):
        fit_together([Trainer(mlp([2, 1], "tanh", output_activation="sigmoid"), MSELoss(), SGD(), X, y)], 1)
    with pytest.raises(ValueError, match=r"trainers\[0\].optimizer must be"):
        fit_together([Trainer(mlp([2, 1]), BinaryCrossEntropy(), type("Mine", (SGD,), {})(), X, y)], 1)
    with pytest.raises(ValueError, match=r"trainers\[0\].y must hold only 0 and 1"):
        fit_together([Trainer(mlp([2, 1]), BinaryCrossEntropy(), Adam(), X, y + 1)], 1)


@pytest.mark.parametrize("state", [STATES[0], STATES[5] + "&stop=3"])
def test_the_labs_seeds_trained_together_are_its_sessions_trained_one_by_one(state):
    from helpers.playground.lab import trained, trained_seeds
    together = trained_seeds(state, 5, [0, 3])
    for seed, session in zip([0, 3], together, strict=True):
        alone = trained(state, 5, seed=seed)
        assert session.state == alone.state and session.trainer.epoch == alone.trainer.epoch  # stop=3: 3 epochs
        _assert_same(session.trainer, alone.trainer)


def test_the_lab_trains_states_that_differ_in_their_numbers_together_and_refuses_others():
    from helpers.playground.lab import train_together, trained, trained_together
    states = [STATES[0] + "&init=zeros", STATES[0] + "&init=he&seed=3", STATES[0] + "&dseed=2&noise=0.2"]
    for state, session in zip(states, trained_together(states, 3), strict=True):
        _assert_same(session.trainer, trained(state, 3).trainer)
    sessions = trained_together(states[:2], 1)
    with pytest.raises(ValueError, match=r"states\[1\] must be like states\[0\]"):
        trained_together([STATES[0], STATES[0].replace("lr=0.3", "lr=0.1")], 1)  # another learning rate
    stopped = trained_together([STATES[0] + "&stop=2", STATES[0]], 1)
    with pytest.raises(ValueError, match=r"sessions must all have 1 epochs left .* got \[1, 2\]"):
        train_together(stopped, 2)
    with pytest.raises(TypeError, match=r"sessions\[1\] must be a Session"):
        train_together([sessions[0], "session"], 1)
    assert train_together(sessions, 2) == 2 and sessions[0].trainer.epoch == 3
