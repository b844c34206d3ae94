"""helpers.char_rnn: vocabulary round trip, cross-entropy gradients by BPTT, learning the shipped text."""

import numpy as np
import pytest

from helpers.char_rnn import CharRNN, CharVocab, softmax_with_temperature, text_windows
from helpers.datasets import load_river_song
from helpers.gradcheck import model_gradient_errors
from helpers.sequence_tasks import train

GRAD_TOL = 1e-7  # largest entrywise relative error of BPTT vs central differences (float64, h = 1e-5)


def test_vocab_round_trip_and_unknown_characters():
    vocab = CharVocab("abca b")
    assert vocab.chars == [" ", "a", "b", "c"] and len(vocab) == 4
    assert vocab.decode(vocab.encode("cab a")) == "cab a"
    with pytest.raises(ValueError, match="not in the vocabulary"):
        vocab.encode("xyz")
    with pytest.raises(TypeError):
        CharVocab("")


def test_the_shipped_text_is_small_and_plain():
    text = load_river_song()
    assert 300 < len(text) < 2000 and text.startswith("the river reads the rain")
    assert set(text) <= set("abcdefghijklmnopqrstuvwxyz ,.\n")


def test_windows_are_targets_shifted_by_one():
    ids = np.arange(50)
    xs, ys = text_windows(ids, 8, 5, np.random.default_rng(0))
    assert xs.shape == ys.shape == (8, 5) and np.array_equal(ys, xs + 1)
    with pytest.raises(ValueError, match="too short"):
        text_windows(np.arange(5), 8, 2, np.random.default_rng(0))


def test_cross_entropy_gradients_match_numerical():
    model = CharRNN(5, 4, seed=0)
    rng = np.random.default_rng(1)
    ids, targets = rng.integers(0, 5, (6, 3)), rng.integers(0, 5, (6, 3))
    errors = model_gradient_errors(lambda: model.loss(ids, targets), model)
    assert max(errors.values()) < GRAD_TOL, errors


def test_probabilities_sum_to_one_and_bad_ids_are_rejected():
    model = CharRNN(5, 4, seed=0)
    p = model.probabilities(np.zeros((3, 2), dtype=int))
    assert p.shape == (3, 2, 5) and np.allclose(p.sum(axis=-1), 1)
    with pytest.raises(ValueError, match="0 .. 4"):
        model.probabilities(np.full((3, 2), 7))
    with pytest.raises(TypeError, match="integer character ids"):
        model.probabilities(np.zeros((3, 2)))


def test_learns_the_song_beyond_letter_frequencies_and_writes_its_words():
    text = load_river_song()
    vocab = CharVocab(text)
    ids = vocab.encode(text)
    rng = np.random.default_rng(0)
    model = CharRNN(len(vocab), 48, seed=0)
    history = train(model, lambda step: text_windows(ids, 24, 16, rng), 300, lr=1.0, max_norm=5.0)
    freq = np.bincount(ids) / len(ids)
    unigram = -np.sum(freq * np.log(freq))  # what knowing only letter frequencies gives (nats)
    assert np.mean(history["loss"][-20:]) < 0.3 * unigram
    words = model.sample(vocab, "the ", 200, seed=0).split()
    known = set(text.split())
    assert np.mean([w in known for w in words]) > 0.7


def test_sample_checks_its_arguments():
    vocab = CharVocab("ab")
    model = CharRNN(2, 3, seed=0)
    assert len(model.sample(vocab, "a", 5, seed=0)) == 6
    with pytest.raises(ValueError, match="temperature"):
        model.sample(vocab, "a", 5, temperature=0)


def test_next_logits_read_the_prefix_and_feed_sample():
    vocab = CharVocab("abc ")
    model = CharRNN(len(vocab), 5, seed=0)
    logits, h = model.next_logits(vocab, "ab")
    assert logits.shape == (4,) and h.shape == (1, 1, 5)
    assert np.allclose(softmax_with_temperature(logits, 1.0), model.probabilities(vocab.encode("ab")[:, None])[-1, 0])
    with pytest.raises(ValueError, match="prefix must hold at least one character"):
        model.next_logits(vocab, "")


@pytest.mark.parametrize(("temperature", "error"), [(0.0, ValueError), (-1.0, ValueError), ("hot", TypeError)])
def test_temperature_must_be_a_positive_number(temperature, error):
    with pytest.raises(error, match="temperature"):
        softmax_with_temperature([1.0, 2.0], temperature)
