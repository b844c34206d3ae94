"""Notebook 07's exercise checks: the worked solutions pass, typical mistakes get a hint, nothing raises."""

import numpy as np

from helpers.checks import check_final_state, check_rnn_param_count, check_rnn_shapes, check_rnn_step


def test_step_solution_passes(capsys):
    assert check_rnn_step(lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh + b))
    assert capsys.readouterr().out.startswith("✅")


def test_step_mistakes_get_hints(capsys):
    assert not check_rnn_step(lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + b))
    assert "h_prev @ Wh is missing" in capsys.readouterr().out
    assert not check_rnn_step(lambda x, h, Wx, Wh, b: x @ Wx + h @ Wh + b)
    assert "tanh" in capsys.readouterr().out
    assert not check_rnn_step(lambda x, h, Wx, Wh, b: np.tanh(Wx @ x))
    assert "raised ValueError" in capsys.readouterr().out
    assert not check_rnn_step(lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh + b)[0])
    assert "must be (3, 4)" in capsys.readouterr().out
    assert not check_rnn_step(None)
    assert "define a function" in capsys.readouterr().out


def test_shapes_solution_passes_and_the_16_8_8_confusion_is_named(capsys):
    assert check_rnn_shapes(25, 4, 10, 32, True, (25, 4, 64), (2, 4, 32))
    assert not check_rnn_shapes(25, 4, 10, 32, True, (25, 4, 64), (4, 64))
    assert "(dirs, N, H)" in capsys.readouterr().out
    assert not check_rnn_shapes(25, 4, 10, 32, True, "no idea", (2, 4, 32))


def test_param_count_solution_and_hints(capsys):
    assert check_rnn_param_count(2 * (10 * 32 + 32 * 32 + 32), 10, 32, bidirectional=True)
    assert not check_rnn_param_count(10 * 32 + 32 * 32 + 32, 10, 32, bidirectional=True)
    assert "reverse direction" in capsys.readouterr().out
    assert not check_rnn_param_count("many", 10, 32)


def test_unanswered_exercises_get_a_hint_not_a_traceback(capsys):
    assert not check_rnn_shapes(5, 2, 3, 8, True, None, None)
    assert not check_rnn_param_count(None, 3, 8)
    assert capsys.readouterr().out.count("❌") == 2


def test_final_state_solution_passes_and_the_buggy_version_is_explained(capsys):
    assert check_final_state(lambda out, H: np.concatenate([out[-1, :, :H], out[0, :, H:]], axis=1))
    assert capsys.readouterr().out.startswith("✅")
    assert not check_final_state(lambda out, H: out[-1])  # the bug of the exercise
    assert "reverse direction after ONE input" in capsys.readouterr().out
    assert not check_final_state(lambda out, H: np.concatenate([out[0, :, H:], out[-1, :, :H]], axis=1))
    assert "wrong order" in capsys.readouterr().out
    assert not check_final_state(lambda out, H: out[-1, :, :H])
    assert "must be (N, 2H)" in capsys.readouterr().out
    assert not check_final_state(lambda out, H: out[99])
    assert "raised IndexError" in capsys.readouterr().out
    assert not check_final_state(None)
