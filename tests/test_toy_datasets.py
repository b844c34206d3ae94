"""The four toy sets of the TensorFlow Playground: shape, balance, the rule behind the labels, seeds."""

import numpy as np
import pytest

from helpers.datasets import REGRESSION_DATASETS, TOY_DATASETS, circle, gaussians, plane, spiral, xor


@pytest.mark.parametrize("name", sorted(TOY_DATASETS))
def test_shapes_labels_and_seeds(name):
    make = TOY_DATASETS[name]
    X, y = make(101, 0.1, seed=3)
    assert X.shape == (101, 2) and X.dtype == float and y.shape == (101,)
    assert set(np.unique(y)) == {0, 1}
    assert np.array_equal(make(101, 0.1, seed=3)[0], X)  # same seed, same data
    assert not np.array_equal(make(101, 0.1, seed=4)[0], X)
    assert np.all(np.abs(X) < 3)


def test_xor_labels_are_the_xor_of_the_signs_and_keep_off_the_axes():
    X, y = xor(500, 0.0, seed=0)
    assert np.array_equal(y, (np.sign(X[:, 0]) != np.sign(X[:, 1])).astype(int))
    assert np.all(np.abs(X) >= 0.1)


def test_circle_class_1_is_inside_class_0_outside():
    X, y = circle(400, 0.0, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[y == 1].max() <= 0.5 < 0.7 <= r[y == 0].min()
    assert y.sum() == 200


def test_gaussians_are_two_blobs_on_the_diagonal():
    X, y = gaussians(400, 0.0, seed=0)
    assert np.allclose(X[y == 1].mean(axis=0), [0.5, 0.5], atol=0.05)
    assert np.allclose(X[y == 0].mean(axis=0), [-0.5, -0.5], atol=0.05)


def test_spiral_arms_are_half_a_turn_apart():
    X, y = spiral(400, 0.0, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert np.all((0.05 <= r) & (r <= 1.0))
    # a point of arm 1 is a point of arm 0 rotated by 180 degrees: the two arms are mirror images
    assert abs(X[y == 1].mean(axis=0)).max() < 0.15 and abs(X[y == 0].mean(axis=0)).max() < 0.15


def test_noise_jitters_the_points():
    X0, _ = circle(200, 0.0, seed=0)
    X1, _ = circle(200, 0.2, seed=0)
    assert 0.1 < np.std(X1 - X0) < 0.3


@pytest.mark.parametrize(("args", "error", "match"), [
    ((0, 0.0), ValueError, "at least"),
    ((1, 0.0), ValueError, "at least 2"),
    ((10, -0.1), ValueError, "noise must be >= 0"),
    (("10", 0.0), TypeError, "whole number"),
    ((10, "a"), TypeError, "real number"),
])
def test_bad_arguments_are_explained(args, error, match):
    with pytest.raises(error, match=match):
        spiral(*args)


@pytest.mark.parametrize("name", sorted(REGRESSION_DATASETS))
def test_regression_sets_have_targets_in_minus_one_one_and_follow_their_seed(name):
    make = REGRESSION_DATASETS[name]
    X, y = make(300, 0.1, seed=2)
    assert X.shape == (300, 2) and y.shape == (300,) and np.all(np.abs(X) <= 1) and np.all(np.abs(y) <= 1)
    assert np.array_equal(make(300, 0.1, seed=2)[1], y) and not np.array_equal(make(300, 0.1, seed=3)[1], y)


def test_plane_is_the_mean_of_the_coordinates_without_noise():
    X, y = plane(50, 0.0, seed=0)
    assert np.allclose(y, X.mean(axis=1))


def test_bumps_peak_at_their_centres_with_their_sign_and_vanish_between_them():
    from helpers.datasets import BUMPS, bumps

    X, y = bumps(4000, 0.0, seed=0)
    for cx, cy, sign in BUMPS:
        near = np.hypot(X[:, 0] - cx, X[:, 1] - cy) < 0.05
        assert np.all(np.sign(y[near]) == sign) and np.all(np.abs(y[near]) > 0.85)
    far = np.min([np.hypot(X[:, 0] - cx, X[:, 1] - cy) for cx, cy, _ in BUMPS], axis=0) > 0.4
    assert far.any() and np.all(y[far] == 0)
