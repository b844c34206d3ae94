"""Self-checks of notebook 07, recurrent neural networks."""

from __future__ import annotations

import numpy as np

from helpers.checks.answers import flag, report, whole_number, whole_numbers


def check_rnn_step(step) -> bool:
    """Exercise (notebook 07): ``step(x, h_prev, Wx, Wh, b)`` must return ``tanh(x @ Wx + h_prev @ Wh + b)``."""
    from helpers.rnn import rnn_cell

    rng = np.random.default_rng(7)
    x, h_prev = rng.standard_normal((3, 2)), rng.standard_normal((3, 4))
    Wx, Wh, b = rng.standard_normal((2, 4)), rng.standard_normal((4, 4)), rng.standard_normal(4)
    if not callable(step):
        return report(False, "", "define a function step(x, h_prev, Wx, Wh, b) that returns the new hidden state.")
    try:
        got = np.asarray(step(x, h_prev, Wx, Wh, b), dtype=float)
    except Exception as err:  # the learner's code: report, never raise
        return report(False, "", f"calling step(x, h_prev, Wx, Wh, b) raised {type(err).__name__}: {err}")
    want = rnn_cell(x, h_prev, Wx, Wh, b)
    if got.shape != want.shape:
        return report(False, "", f"with x (N=3, D=2) and h_prev (3, H=4) the new state must be (3, 4), "
                                 f"got shape {got.shape}. Check the order of the matrix products.")
    if np.allclose(got, np.tanh(x @ Wx + b)):
        return report(False, "", "your state ignores h_prev: the memory term h_prev @ Wh is missing.")
    return report(np.allclose(got, want), "one step of the RNN: h_t = tanh(x_t Wx + h_(t-1) Wh + b).",
                  "the numbers differ from tanh(x @ Wx + h_prev @ Wh + b); is the tanh there, and the bias added?")


def check_rnn_shapes(T: int, N: int, D: int, H: int, bidirectional: bool, out_shape, h_n_shape) -> bool:
    """Exercise (notebook 07): the shapes of ``out`` and ``h_n`` for an RNN reading ``(T, N, D)``."""
    sizes = [whole_number(v, name, low=1) for v, name in ((T, "T"), (N, "N"), (D, "D"), (H, "H"))]
    if None in sizes or flag(bidirectional, "bidirectional") is None:
        return False
    (T, N, D, H), dirs = sizes, 2 if bidirectional else 1
    want_out, want_h = (T, N, dirs * H), (dirs, N, H)
    out_shape, h_n_shape = whole_numbers(out_shape), whole_numbers(h_n_shape)
    if out_shape is None or h_n_shape is None:
        return report(False, "", "give each shape as a tuple of whole numbers, like (5, 2, 3).")
    if out_shape == want_out and h_n_shape == want_h:
        return report(True, f"out {want_out}: all {T} steps, each direction's {H} units side by side; "
                            f"h_n {want_h}: one final state per direction.", "")
    hints = []
    if out_shape != want_out:
        hints.append(f"out has one row per time step and {'both directions' if dirs == 2 else 'H'} "
                     f"as features: (T, N, dirs*H)")
    if h_n_shape != want_h:
        hints.append("h_n keeps each direction's last state separate: (dirs, N, H), not (N, dirs*H)")
    return report(False, "", "; ".join(hints) + ".")


def check_rnn_param_count(answer, input_size: int, hidden_size: int, bidirectional: bool = False) -> bool:
    """Exercise (notebook 07): how many numbers ``Wx``, ``Wh`` and ``b`` hold (per direction, times dirs)."""
    D, H = whole_number(input_size, "input_size", low=1), whole_number(hidden_size, "hidden_size", low=1)
    if D is None or H is None or flag(bidirectional, "bidirectional") is None:
        return False
    dirs = 2 if bidirectional else 1
    want = dirs * (D * H + H * H + H)
    answer = whole_number(answer)
    if answer is None:
        return report(False, "", "give the count as one whole number.")
    if answer == want:
        return report(True, f"{dirs} × ({D}·{H} + {H}·{H} + {H}) = {want}, whatever the length of the sequence "
                            "(PyTorch has two biases, so it counts another H per direction).", "")
    if answer == want // dirs and dirs == 2:
        return report(False, "", "that is one direction: the reverse direction has its own Wx_rev, Wh_rev, b_rev.")
    return report(False, "", f"count Wx (D × H), Wh (H × H) and b (H) for D = {D}, H = {H}"
                              f"{', for each of the two directions' if dirs == 2 else ''}; T does not enter.")


def check_final_state(final_state) -> bool:
    """Exercise (notebook 07, debug): ``final_state(out, H)`` must return the ``(N, 2H)`` final state of a
    bidirectional RNN, both directions' ``h_n`` side by side: ``[h_n[0], h_n[1]]``."""
    from helpers.rnn import RNN

    T, N, H = 6, 3, 4
    rnn = RNN(2, H, bidirectional=True, seed=7)
    out, h_n = rnn.forward(np.random.default_rng(7).standard_normal((T, N, 2)))
    want = np.concatenate([h_n[0], h_n[1]], axis=1)
    if not callable(final_state):
        return report(False, "", "define a function final_state(out, H).")
    try:
        got = np.asarray(final_state(out, H), dtype=float)
    except Exception as err:  # the learner's code: report, never raise
        return report(False, "", f"calling final_state(out, H) raised {type(err).__name__}: {err}")
    if got.shape != want.shape:
        return report(False, "", f"for out of shape {out.shape} the final state must be (N, 2H) = {want.shape}, "
                                 f"got shape {got.shape}.")
    if np.allclose(got, out[-1]):
        return report(False, "", "that is out[-1]: its second half is the reverse direction after ONE input. "
                                 "At which step t has the reverse direction read the whole sequence?")
    if np.allclose(got, np.concatenate([h_n[1], h_n[0]], axis=1)):
        return report(False, "", "both states are there, in the wrong order: forward first, like out's features.")
    return report(np.allclose(got, want), "forward final state out[-1, :, :H], reverse final state out[0, :, H:]: "
                                          "the same numbers as h_n[0] and h_n[1].",
                  "the numbers are not h_n[0] and h_n[1] side by side; which step does each direction finish at?")
