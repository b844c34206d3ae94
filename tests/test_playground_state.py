"""The playground's state: every setting checked, and the share-string reads back to the same state."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.layers import ACTIVATION_LAYERS
from helpers.playground.state import (
    BATCH_SIZES,
    DATASETS,
    FEATURES,
    LEARNING_RATES,
    NOISES,
    REG_RATES,
    PlaygroundState,
)

states = st.builds(
    PlaygroundState,
    dataset=st.sampled_from(DATASETS), noise=st.sampled_from(NOISES), train_percent=st.sampled_from(range(10, 100, 10)),
    batch_size=st.sampled_from(BATCH_SIZES), features=st.sets(st.sampled_from(list(FEATURES)), min_size=1).map(tuple),
    layers=st.lists(st.integers(1, 8), max_size=6).map(tuple), activation=st.sampled_from(list(ACTIVATION_LAYERS)),
    lr=st.sampled_from(LEARNING_RATES), regularization=st.sampled_from([None, "L1", "L2"]),
    reg_rate=st.sampled_from(REG_RATES), show_test=st.booleans(), discretize=st.booleans(),
    seed=st.integers(0, 10**6), data_seed=st.integers(0, 10**6))


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
])
def test_a_bad_string_names_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        PlaygroundState.from_string(text)


def test_regression_is_the_two_regression_sets():
    assert [name for name in DATASETS if PlaygroundState(dataset=name).regression] == ["plane", "bumps"]
