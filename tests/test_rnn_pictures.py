"""The unrolled-RNN picture: one state box per step (two rows when bidirectional), drawn on a given axes."""

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex

from helpers.rnn_pictures import GREEN, ORANGE, plot_unrolled_rnn


def test_unrolled_picture_has_one_state_per_step():
    drawn = plot_unrolled_rnn(5)
    assert [t.get_text() for t in drawn["states"]] == [f"h_{t}" for t in range(5)]


def test_bidirectional_picture_has_a_reverse_row_and_uses_the_given_axes():
    _, ax = plt.subplots()
    drawn = plot_unrolled_rnn(3, bidirectional=True, ax=ax)
    assert drawn["ax"] is ax
    assert sorted(t.get_text() for t in drawn["states"]) == ["h'_0", "h'_1", "h'_2", "h_0", "h_1", "h_2"]


def test_steps_must_be_a_positive_whole_number():
    with pytest.raises((TypeError, ValueError), match="steps"):
        plot_unrolled_rnn(0)


def test_bidirectional_picture_is_two_rnns_in_the_lecture_notes_colours():
    drawn = plot_unrolled_rnn(3, bidirectional=True)
    title = drawn["ax"].get_title()
    assert "Two RNNs" in title and "one cell" not in title.lower()
    fills = [to_hex(p.get_facecolor()) for p in drawn["ax"].patches if hasattr(p, "get_boxstyle")]
    assert fills.count(ORANGE.lower()) == 3  # forward states h_t: the note's orange "Forward States"
    assert fills.count(GREEN.lower()) == 3  # reverse states h'_t: the note's light-green "Backward States"
