"""helpers.rnn_layout: stacked RNNs laid out as PyTorch lays them out, and the two directions' schedule."""

import numpy as np
import pytest

from helpers.rnn import RNN
from helpers.rnn_layout import bidirectional_progress, rnn_layout, stacked_forward, stacked_rnns


@pytest.mark.parametrize(("bidirectional", "num_layers"), [(False, 1), (True, 1), (False, 3), (True, 2)])
def test_shapes_follow_pytorch_and_every_final_state_is_found(bidirectional, num_layers):
    dirs = 2 if bidirectional else 1
    layout = rnn_layout(T=6, N=2, D=3, H=4, bidirectional=bidirectional, num_layers=num_layers)
    assert layout.out_shape == (6, 2, dirs * 4)
    assert layout.h_n_shape == (num_layers * dirs, 2, 4)
    assert layout.layer_input_sizes == [3] + [dirs * 4] * (num_layers - 1)
    assert [p.index for p in layout.places] == list(range(num_layers * dirs))
    assert all(p.matches for p in layout.places)


def test_the_last_layer_is_in_out_and_lower_layers_are_not():
    places = rnn_layout(T=5, N=1, D=2, H=3, bidirectional=True, num_layers=2).places
    assert [(p.layer, p.direction) for p in places] == [(0, "forward"), (0, "reverse"), (1, "forward"), (1, "reverse")]
    assert places[2].found_in == "out[4, :, 0:3]"  # forward: the last step, first H features
    assert places[3].found_in == "out[0, :, 3:6]"  # reverse: the FIRST step, second H features
    assert "not in out" in places[0].found_in and "not in out" in places[1].found_in


def test_stacked_forward_feeds_each_layer_the_one_below():
    layers = stacked_rnns(2, 3, bidirectional=True, num_layers=2, seed=0)
    xs = np.random.default_rng(0).standard_normal((4, 2, 2))
    out, h_n, outs = stacked_forward(layers, xs)
    first, h_first = layers[0].forward(xs)
    second, h_second = layers[1].forward(first)
    assert np.allclose(outs[0], first) and np.allclose(out, second)
    assert np.allclose(h_n, np.concatenate([h_first, h_second]))


def test_a_layer_that_reads_out_must_take_dirs_times_h_features():
    out, _ = RNN(2, 4, bidirectional=True, seed=0).forward(np.zeros((3, 1, 2)))
    with pytest.raises(ValueError, match="input_size = 4"):
        RNN(4, 4, bidirectional=True).forward(out)
    assert RNN(8, 4, bidirectional=True).forward(out)[0].shape == (3, 1, 8)


def test_progress_fills_in_from_both_ends():
    p = bidirectional_progress(5, 1)
    assert (p.forward_t, p.reverse_t) == (1, 3)
    assert p.forward_done.tolist() == [True, True, False, False, False]
    assert p.reverse_done.tolist() == [False, False, False, True, True]
    assert not p.ready.any()  # no t has both states yet
    assert bidirectional_progress(5, 2).ready.tolist() == [False, False, True, False, False]  # the middle first
    assert bidirectional_progress(5, 4).ready.all()  # everything, at the last step


@pytest.mark.parametrize("T", [1, 2, 7, 30])
def test_the_first_output_needs_half_the_sequence_and_the_ends_need_all(T):
    first = [min(k for k in range(T) if bidirectional_progress(T, k).ready[t]) for t in range(T)]
    assert min(first) == T // 2 and first[0] == first[-1] == T - 1


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"T": 0}, ValueError, "T must be at least 1"),
    ({"H": 2.5}, TypeError, "H must be a whole number"),
    ({"num_layers": 0}, ValueError, "num_layers must be at least 1"),
])
def test_layout_rejects_bad_sizes(kwargs, error, words):
    sizes = {"T": 3, "N": 1, "D": 2, "H": 2, **kwargs}
    with pytest.raises(error, match=words):
        rnn_layout(**sizes)


@pytest.mark.parametrize("k", [-1, 5, 1.0, True])
def test_progress_rejects_a_step_outside_the_sequence(k):
    with pytest.raises(ValueError, match="k must be a whole number in 0 .. 4"):
        bidirectional_progress(5, k)
