"""The toy sets (the Playground's four, two regression sets, two multiclass ones): shape, balance, the rule behind
the labels, seeds; which multiclass set a linear softmax can learn."""

import numpy as np
import pytest

from helpers.datasets import (
    BLOB_CENTRES,
    MULTICLASS_DATASETS,
    REGRESSION_DATASETS,
    TOY_DATASETS,
    blobs4,
    circle,
    gaussians,
    plane,
    spiral,
    spiral3,
    xor,
)
from helpers.layers import Affine, Sequential, SoftmaxWithLoss, mlp
from helpers.optim import SGD, Adam
from helpers.train import Trainer


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


CLASSES = {"spiral3": 3, "blobs4": 4}


@pytest.mark.parametrize("name", sorted(MULTICLASS_DATASETS))
def test_multiclass_sets_have_balanced_labels_and_follow_their_seed(name):
    make, k = MULTICLASS_DATASETS[name], CLASSES[name]
    assert name not in TOY_DATASETS  # that dict is the binary sets
    for n in (101, 200, k):
        X, y = make(n, 0.1, seed=3)
        assert X.shape == (n, 2) and X.dtype == float and y.shape == (n,) and y.dtype.kind == "i"
        assert set(np.unique(y)) == set(range(k))
        counts = np.bincount(y, minlength=k)
        assert counts.max() - counts.min() <= 1
    assert np.array_equal(make(101, 0.1, seed=3)[0], make(101, 0.1, seed=3)[0])
    assert not np.array_equal(make(101, 0.1, seed=4)[0], make(101, 0.1, seed=3)[0])
    assert np.all(np.abs(make(200, 0.0, seed=0)[0]) <= 1)


def test_spiral3_arms_are_a_third_of_a_turn_apart():
    X, y = spiral3(600, 0.0, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert np.all((0.05 <= r) & (r <= 1.0))
    # unwinding the spiral (one turn per unit of radius) leaves each arm at its own angle, 120 degrees apart
    offset = np.mod(np.arctan2(X[:, 0], X[:, 1]) - 2 * np.pi * r, 2 * np.pi)
    assert np.allclose(np.mod(offset - 2 * np.pi * y / 3 + 1, 2 * np.pi) - 1, 0, atol=1e-9)


def test_blobs4_has_one_cluster_per_quadrant():
    X, y = blobs4(2000, 0.0, seed=0)
    for label, centre in enumerate(BLOB_CENTRES):
        assert np.allclose(X[y == label].mean(axis=0), centre, atol=0.02)
        assert np.allclose(X[y == label].std(axis=0), 0.1, atol=0.01)
    quadrant = {(1, 1): 0, (-1, 1): 1, (-1, -1): 2, (1, -1): 3}
    assert all(quadrant[(int(a), int(b))] == label for (a, b), label in zip(np.sign(X), y, strict=True))


@pytest.mark.parametrize("name", sorted(MULTICLASS_DATASETS))
def test_noise_jitters_the_multiclass_points(name):
    X0, y0 = MULTICLASS_DATASETS[name](400, 0.0, seed=0)
    X1, y1 = MULTICLASS_DATASETS[name](400, 0.2, seed=0)
    assert np.array_equal(y0, y1) and 0.17 < np.std(X1 - X0) < 0.23


def _trained_accuracy(model, optimizer, X, y, epochs):
    trainer = Trainer(model, SoftmaxWithLoss(), optimizer, X, y)
    trainer.fit(epochs)
    return trainer.accuracy()


def test_a_linear_softmax_separates_blobs4():
    X, y = blobs4(200, 0.0, seed=0)
    assert _trained_accuracy(Sequential([Affine(2, 4, rng=0)]), SGD(0.5), X, y, 100) == 1.0


def test_spiral3_defeats_a_linear_softmax_but_not_a_small_tanh_network():
    X, y = spiral3(300, 0.0, seed=0)
    assert _trained_accuracy(Sequential([Affine(2, 3, rng=0)]), Adam(0.05), X, y, 300) < 0.6
    assert _trained_accuracy(mlp([2, 16, 16, 3], "tanh", rng=0), Adam(0.02), X, y, 300) > 0.9


@pytest.mark.parametrize("make", [spiral3, blobs4], ids=lambda f: f.__name__)
@pytest.mark.parametrize(("args", "error", "match"), [
    ((0, 0.0), ValueError, "n must be at least"),
    ((2, 0.0), ValueError, "n must be at least [34] \\(one sample per class\\)"),
    ((10, -0.1), ValueError, "noise must be >= 0"),
    ((10, np.nan), ValueError, "noise must be finite"),
    (("10", 0.0), TypeError, "n must be a whole number"),
    ((10, "a"), TypeError, "noise must be a real number"),
    ((10, 0.0, "seed"), TypeError, "seed must be a seed"),
])
def test_bad_multiclass_arguments_are_explained(make, args, error, match):
    with pytest.raises(error, match=match):
        make(*args)
