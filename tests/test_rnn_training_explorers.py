"""The clipping-threshold and sampling-temperature explorers, driven from code."""

import math

import numpy as np
import pytest

from helpers.char_rnn import CharRNN, CharVocab, softmax_with_temperature
from helpers.rnn_training_explorers import LOSS_CAP, ClippingExplorer, TemperatureExplorer, clipped_steps


def _history(loss, norms, diverged_at=None):
    return {"loss": loss, "grad_norm": norms, "diverged_at": diverged_at}


@pytest.fixture
def runs():
    return {0.5: _history([1.0, 0.5, 0.2], [3.0, 0.4, 0.6]),
            5.0: _history([1.0, 3.0, 9.0], [3.0, 8.0, 20.0]),
            None: _history([1.0, 1e9, np.inf], [3.0, 1e5, np.inf], diverged_at=2)}


def test_clipped_steps_counts_the_norms_above_the_threshold():
    history = _history([1, 1, 1], [0.2, 2.0, 5.0])
    assert clipped_steps(history, 1.0) == 2 and clipped_steps(history, 10.0) == 0 and clipped_steps(history, None) == 0


def test_clipping_explorer_shows_the_run_of_the_chosen_threshold(runs):
    panel = ClippingExplorer(runs, threshold=0.5)
    assert [label for label, _ in panel.threshold.options] == ["0.5", "5", "off"]
    assert panel.loss_line.get_ydata().tolist() == [1.0, 0.5, 0.2]
    assert panel.cut_line.get_ydata()[0] == 0.5 and "2 of 3 steps were clipped" in panel.status.value
    png = panel.figure.image.value
    panel.set_settings(c=math.inf)  # the run without clipping
    assert panel.figure.image.value != png and not panel.cut_line.get_visible()
    assert panel.loss_line.get_ydata().tolist() == [1.0, LOSS_CAP, LOSS_CAP]  # a diverged loss, drawn at the cap
    assert "overflowed at step 2" in panel.status.value
    panel.restore_defaults()
    assert panel.settings == {"c": 0.5}


def test_clipping_explorer_checks_its_arguments(runs):
    with pytest.raises(ValueError, match="threshold must be one of"):
        ClippingExplorer(runs, threshold=2.0)
    with pytest.raises(TypeError, match="clipping_sweep"):
        ClippingExplorer({1.0: [0.1, 0.2]})


@pytest.fixture
def writer():
    vocab = CharVocab("abcab ")
    return CharRNN(len(vocab), 6, seed=0), vocab


def test_temperature_explorer_draws_softmax_of_logits_over_tau(writer):
    model, vocab = writer
    panel = TemperatureExplorer(model, vocab, prefix="ab", temperature=1.0, length=20)
    logits, _ = model.next_logits(vocab, "ab")
    panel.set_settings(temperature=0.5)
    heights = [bar.get_height() for bar in panel.bars]
    assert np.allclose(heights, softmax_with_temperature(logits, 0.5)[panel.order])
    assert heights == sorted(heights, reverse=True)  # likeliest first at every temperature
    assert panel.sample == model.sample(vocab, "ab", 20, temperature=0.5, seed=0)
    assert "τ = 0.50" in panel.status.value
    panel.set_settings(seed=3)
    assert panel.sample == model.sample(vocab, "ab", 20, temperature=0.5, seed=3)


def test_temperature_flattens_towards_uniform_and_sharpens_towards_the_likeliest():
    logits = np.array([2.0, 1.0, 0.0, -1.0])
    entropy = [-np.sum(p * np.log(p)) for p in (softmax_with_temperature(logits, t) for t in (0.2, 1.0, 5.0))]
    assert entropy[0] < entropy[1] < entropy[2] < np.log(4)
    assert softmax_with_temperature(logits, 1e-3).argmax() == 0 and softmax_with_temperature(logits, 1e-3).max() > 0.999
    assert np.allclose(softmax_with_temperature(logits, 1.0), np.exp(logits) / np.exp(logits).sum())


def test_temperature_explorer_checks_its_arguments(writer):
    model, vocab = writer
    with pytest.raises(ValueError, match="temperature must be between 0.05 and 3.0"):
        TemperatureExplorer(model, vocab, prefix="ab", temperature=0.0)
    with pytest.raises(ValueError, match="not in the vocabulary"):
        TemperatureExplorer(model, vocab, prefix="xyz")
    with pytest.raises(TypeError, match="CharVocab it was trained with"):
        TemperatureExplorer(model, CharVocab("abcdefgh"))
