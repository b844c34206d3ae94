"""accuracy, confusion_matrix, stratified_split and the two classifier pictures."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.datasets import load_digits, stratified_split  # noqa: E402
from helpers.metrics import accuracy, confusion_matrix  # noqa: E402
from helpers.plotting import plot_confusion_matrix, plot_digit_images  # noqa: E402


def test_accuracy_and_confusion_matrix():
    y_true, y_pred = [0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0]
    assert accuracy(y_true, y_pred) == pytest.approx(4 / 6)
    cm = confusion_matrix(y_true, y_pred, 3)
    assert cm.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]
    assert cm.trace() == 4 and cm.sum() == 6 and cm.sum(axis=1).tolist() == [2, 1, 3]


@pytest.mark.parametrize("call", [
    lambda: accuracy([0, 1], [0]),
    lambda: accuracy([0.5, 1], [0, 1]),
    lambda: confusion_matrix([0, 3], [0, 1], 3),
])
def test_bad_labels_are_explained(call):
    with pytest.raises(ValueError):
        call()


def test_stratified_split_keeps_class_shares_and_every_index_once():
    _, y = load_digits()
    train, val, test = stratified_split(y, (0.6, 0.2, 0.2), seed=0)
    everything = np.concatenate([train, val, test])
    assert len(everything) == len(y) == len(np.unique(everything))
    for part, share in ((train, 0.6), (test, 0.2)):
        assert np.allclose(np.bincount(y[part]) / np.bincount(y), share, atol=0.02)
    again = stratified_split(y, (0.6, 0.2, 0.2), seed=0)
    assert all(np.array_equal(a, b) for a, b in zip(again, (train, val, test), strict=True))


@pytest.mark.parametrize("fractions", [(1.0,), (0.5, 0.6), (0.5, 0.0, 0.5)])
def test_bad_fractions_are_explained(fractions):
    with pytest.raises(ValueError, match="fractions"):
        stratified_split([0, 1, 0, 1], fractions)


def test_pictures():
    image = plot_confusion_matrix(np.array([[5, 1], [0, 4]]))
    assert image.get_array().shape == (2, 2) and len(image.axes.texts) == 3  # zero counts are left blank
    X, y = load_digits()
    axes = plot_digit_images(X[:10], titles=[str(t) for t in y[:10]], ncols=5)
    assert len(axes) == 10 and axes[3].get_title() == str(y[3])
    plt.close("all")
    with pytest.raises(ValueError, match="square"):
        plot_confusion_matrix(np.ones((2, 3)))
