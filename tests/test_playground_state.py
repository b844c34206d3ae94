"""The playground's state: every setting checked, and the share-string reads back to the same state."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.layers import ACTIVATION_LAYERS
from helpers.playground.state import (
    BATCH_SIZES,
    CUSTOM,
    DATASETS,
    FEATURES,
    INITS,
    LEARNING_RATES,
    NOISES,
    OPTIMIZER_NAMES,
    REG_RATES,
    PlaygroundState,
)

coordinate = st.floats(-6, 6, allow_nan=False)
points = st.lists(st.tuples(coordinate, coordinate, st.integers(0, 3)), min_size=1, max_size=30).map(tuple)
generated = st.sampled_from([name for name in DATASETS if name != CUSTOM])
data = st.one_of(st.fixed_dictionaries({"dataset": generated}),
                 st.fixed_dictionaries({"dataset": st.just(CUSTOM), "points": points}))
states = data.flatmap(lambda d: st.builds(
    PlaygroundState, **{k: st.just(v) for k, v in d.items()},
    optimizer=st.sampled_from(OPTIMIZER_NAMES), init=st.sampled_from(INITS), stop_epoch=st.integers(0, 10**5),
    noise=st.sampled_from(NOISES), train_percent=st.sampled_from(range(10, 100, 10)),
    batch_size=st.sampled_from(BATCH_SIZES), features=st.sets(st.sampled_from(list(FEATURES)), min_size=1).map(tuple),
    layers=st.lists(st.integers(1, 8), max_size=6).map(tuple), activation=st.sampled_from(list(ACTIVATION_LAYERS)),
    lr=st.sampled_from(LEARNING_RATES), regularization=st.sampled_from([None, "L1", "L2"]),
    reg_rate=st.sampled_from(REG_RATES), show_test=st.booleans(), discretize=st.booleans(),
    seed=st.integers(0, 10**6), data_seed=st.integers(0, 10**6)))


@given(states)
def test_every_state_survives_the_round_trip_through_its_string(state):
    assert PlaygroundState.from_string(state.to_string()) == state


def test_the_string_is_short_and_readable():
    text = PlaygroundState(dataset="spiral", layers=(8, 8), regularization="L2", reg_rate=0.003).to_string()
    assert text.startswith("data=spiral&") and "net=8,8" in text and "reg=L2&rate=0.003" in text
    assert len(text) < 160


def test_left_out_keys_keep_their_defaults_and_order_of_features_does_not_matter():
    assert PlaygroundState.from_string("") == PlaygroundState()
    assert PlaygroundState.from_string("x=x2,x1&net=") == PlaygroundState(features=("x1", "x2"), layers=())


@pytest.mark.parametrize("text, message", [
    ("data=moons", "dataset must be one of"), ("net=9", "layers must be 0-6 hidden layers of 1-8"),
    ("net=1,1,1,1,1,1,1", "layers must be"), ("x=", "features must be one or more"), ("lr=0.5", "lr must be one of"),
    ("batch=31", "batch_size must be 1-30"), ("train=95", "train_percent"), ("depth=3", "unknown part"),
    ("test=yes", "show_test cannot be"), ("seed=-1", "seed must be a whole number"),
    ("opt=rmsprop", "optimizer must be one of"), ("init=glorot", "init must be one of"),
    ("stop=-5", "stop_epoch must be a whole number"), ("data=custom", "points must hold 1 to 1000"),
    ("pts=1,1,0", "only for dataset='custom'"), ("data=custom&pts=7,0,1", r"x1, x2 in \[-6, 6\]"),
    ("data=custom&pts=1,1,4", "whole class number 0 .. 3"), ("data=custom&pts=1,1", "points cannot be"),
    ("data=custom&pts=1,a,0", "points cannot be"),
])
def test_a_bad_string_names_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        PlaygroundState.from_string(text)


def test_regression_is_the_two_regression_sets():
    assert [name for name in DATASETS if name != CUSTOM and PlaygroundState(dataset=name).regression] == ["plane",
                                                                                                 "bumps"]


def test_the_new_settings_are_in_the_string_and_a_custom_set_carries_its_points():
    state = PlaygroundState(dataset=CUSTOM, points=((-3.24, 1.5, 0), (2, 2.0, 1), (0.04, -0.0, 2)),
                            optimizer="adam", init="std 0.01", stop_epoch=50)
    text = state.to_string()
    assert "opt=adam" in text and "init=std 0.01" in text and "stop=50" in text
    assert text.endswith("pts=-3.2,1.5,0;2,2,1;0,0,2")  # rounded to 0.1, no "-0"
    assert PlaygroundState.from_string(text) == state and state.points[0] == (-3.2, 1.5, 0)
    assert "pts" not in PlaygroundState().to_string()  # generated sets: no points


def test_defaults_of_the_new_settings_are_todays_playground():
    state = PlaygroundState()
    assert (state.optimizer, state.init, state.stop_epoch, state.points) == ("sgd", "lecun", 0, ())


def test_the_number_of_classes_follows_the_data_set():
    assert [PlaygroundState(dataset=name).n_classes for name in ("xor", "spiral", "xor table", "spiral3", "blobs4",
                                                                "plane", "bumps")] == [2, 2, 2, 3, 4, None, None]
    assert PlaygroundState(dataset=CUSTOM, points=((0, 0, 0),)).n_classes == 2  # one class: still two outputs
    assert PlaygroundState(dataset=CUSTOM, points=((0, 0, 0), (1, 1, 2))).n_classes == 3
