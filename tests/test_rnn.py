"""helpers.rnn: shapes as PyTorch has them, backprop through time equal to numerical gradients, clipping."""

import numpy as np
import pytest

from helpers.gradcheck import numerical_gradient, rel_error
from helpers.rnn import RNN, Readout, clip_grad_norm, grad_norm, gradient_flow, orthogonal, rnn_cell

GRAD_TOL = 1e-7  # largest entrywise relative error of BPTT vs central differences (float64, h = 1e-5)


# ---- shapes -------------------------------------------------------------------------------------------


def test_unidirectional_shapes_follow_pytorch():
    rnn = RNN(3, 5, seed=0)
    out, h_n = rnn.forward(np.zeros((7, 2, 3)))
    assert out.shape == (7, 2, 5) and h_n.shape == (1, 2, 5)
    assert {k: v.shape for k, v in rnn.params.items()} == {"Wx": (3, 5), "Wh": (5, 5), "b": (5,)}
    assert np.allclose(out[-1], h_n[0])


def test_bidirectional_with_h8_gives_16_features_but_two_separate_final_states():
    rnn = RNN(4, 8, bidirectional=True, seed=0)
    xs = np.random.default_rng(0).standard_normal((6, 3, 4))
    out, h_n = rnn.forward(xs)
    assert out.shape == (6, 3, 16)  # forward and reverse states concatenated at each step
    assert h_n.shape == (2, 3, 8)  # ... but the final states stay separate
    assert np.allclose(out[-1, :, :8], h_n[0])  # forward direction ends at the last step
    assert np.allclose(out[0, :, 8:], h_n[1])  # reverse direction ends at the first step
    assert set(rnn.params) == {"Wx", "Wh", "b", "Wx_rev", "Wh_rev", "b_rev"}


def test_reverse_direction_is_the_forward_rnn_on_the_reversed_sequence():
    rnn = RNN(2, 4, bidirectional=True, seed=1)
    xs = np.random.default_rng(1).standard_normal((5, 2, 2))
    out, _ = rnn.forward(xs)
    rev = RNN(2, 4, seed=2)
    rev.params.update(Wx=rnn.params["Wx_rev"], Wh=rnn.params["Wh_rev"], b=rnn.params["b_rev"])
    rev_out, _ = rev.forward(xs[::-1])
    assert np.allclose(out[:, :, 4:], rev_out[::-1])


def test_forward_is_the_cell_applied_step_by_step():
    rnn = RNN(3, 4, seed=0)
    xs = np.random.default_rng(2).standard_normal((5, 2, 3))
    h0 = np.random.default_rng(3).standard_normal((1, 2, 4))
    out, _ = rnn.forward(xs, h0)
    h = h0[0]
    for t in range(5):
        h = rnn_cell(xs[t], h, rnn.params["Wx"], rnn.params["Wh"], rnn.params["b"])
        assert np.allclose(out[t], h)


def test_weights_are_shared_across_time_so_the_same_model_reads_any_length():
    rnn = RNN(1, 3, seed=0)
    for T in (1, 4, 50):
        out, _ = rnn.forward(np.ones((T, 1, 1)))
        assert out.shape == (T, 1, 3)


def test_initialisation_is_reproducible_and_bounded_like_pytorch():
    a, b = RNN(2, 9, seed=7), RNN(2, 9, seed=7)
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)
    assert all(np.abs(p).max() <= 1 / 3 for p in a.params.values())


# ---- backprop through time ----------------------------------------------------------------------------


@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
def test_bptt_matches_numerical_gradients_with_h0_and_dh_n(bidirectional, nonlinearity):
    rng = np.random.default_rng(42)
    T, N, D, H = 5, 3, 2, 4
    rnn = RNN(D, H, bidirectional=bidirectional, nonlinearity=nonlinearity, seed=0)
    dirs = rnn.num_directions
    xs = rng.standard_normal((T, N, D))
    h0 = 0.5 * rng.standard_normal((dirs, N, H))
    w_out = rng.standard_normal((T, N, dirs * H))  # loss = sum(out * w_out) + sum(h_n * w_n)
    w_n = rng.standard_normal((dirs, N, H))

    def loss():
        out, h_n = rnn.forward(xs, h0)
        return float(np.sum(out * w_out) + np.sum(h_n * w_n))

    loss()
    dxs = rnn.backward(w_out, w_n)
    analytic = dict(rnn.grads)
    for name, p in rnn.params.items():
        assert rel_error(analytic[name], numerical_gradient(lambda _: loss(), p)) < GRAD_TOL, name
    assert rel_error(dxs, numerical_gradient(lambda _: loss(), xs)) < GRAD_TOL
    loss()
    rnn.backward(w_out, w_n)
    assert rel_error(rnn.dh0, numerical_gradient(lambda _: loss(), h0)) < GRAD_TOL


def test_bptt_without_dh_n_and_with_readout_and_mse():
    rng = np.random.default_rng(0)
    rnn, head = RNN(1, 5, bidirectional=True, seed=0), Readout(10, 2, seed=1)
    xs, ys = rng.standard_normal((6, 4, 1)), rng.standard_normal((6, 4, 2))

    def loss():
        return float(np.mean((head.forward(rnn.forward(xs)[0]) - ys) ** 2))

    y_hat = head.forward(rnn.forward(xs)[0])
    rnn.backward(head.backward(2 * (y_hat - ys) / ys.size))
    for layer in (rnn, head):
        grads = dict(layer.grads)
        for name, p in layer.params.items():
            assert rel_error(grads[name], numerical_gradient(lambda _: loss(), p)) < GRAD_TOL, name


def test_backward_does_not_change_its_inputs():
    rnn = RNN(2, 3, bidirectional=True, seed=0)
    xs = np.random.default_rng(0).standard_normal((4, 2, 2))
    rnn.forward(xs)
    dout, dh_n = np.ones((4, 2, 6)), np.ones((2, 2, 3))
    rnn.backward(dout, dh_n)
    assert np.all(dout == 1) and np.all(dh_n == 1)


def test_a_gradient_at_the_last_step_reaches_the_first_input_only_through_wh():
    rnn = RNN(1, 3, seed=0)
    xs = np.random.default_rng(0).standard_normal((4, 1, 1))
    rnn.forward(xs)
    dout = np.zeros((4, 1, 3))
    dout[-1] = 1.0
    assert np.abs(rnn.backward(dout)[0]).sum() > 0
    rnn.params["Wh"][:] = 0.0  # cut the recurrence: the past no longer matters
    rnn.forward(xs)
    assert np.all(rnn.backward(dout)[:-1] == 0)


# ---- gradient clipping and gradient flow ---------------------------------------------------------------


def test_clipping_caps_the_global_norm_and_keeps_the_direction():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    before = clip_grad_norm(grads, 1.0)
    assert before == pytest.approx(5.0)
    assert grad_norm(grads) == pytest.approx(1.0)
    assert np.allclose(grads["a"], [0.6, 0.0]) and np.allclose(grads["b"], [[0.8]])


def test_clipping_leaves_small_gradients_alone():
    grads = [np.array([0.3, 0.4])]
    assert clip_grad_norm(grads, 1.0) == pytest.approx(0.5)
    assert np.allclose(grads[0], [0.3, 0.4])


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), "1"])
def test_clipping_rejects_a_bad_max_norm(bad):
    with pytest.raises((TypeError, ValueError), match="max_norm"):
        clip_grad_norm({"a": np.ones(2)}, bad)


def test_orthogonal_keeps_lengths():
    q = orthogonal(6, seed=3)
    assert np.allclose(q.T @ q, np.eye(6))


def test_gradient_flow_vanishes_for_small_wh_and_explodes_for_large():
    small, large = gradient_flow(0.5), gradient_flow(2.5)
    assert small.grad_norm[0] == pytest.approx(1.0)
    assert small.grad_norm[30] < 1e-6  # 30 steps back: nothing left to learn from
    assert large.grad_norm[30] > 1e2
    assert np.all(np.isfinite(gradient_flow(3.0, "relu").grad_norm))


def test_gradient_flow_agrees_with_rnn_backward():
    T, H, N, seed = 7, 5, 2, 4
    flow = gradient_flow(1.1, steps=T, hidden_size=H, batch=N, seed=seed)
    rnn = RNN(1, H, seed=seed)
    rnn.params["Wh"] = 1.1 * orthogonal(H, seed)
    xs = np.random.default_rng(seed + 1).standard_normal((T, N, 1))  # the inputs gradient_flow uses
    out, _ = rnn.forward(xs)
    rnn.forward(xs[1:], h0=out[:1])  # start from h_0, so dh0 is dL/dh_0, T-1 steps before the end
    dout = np.zeros((T - 1, N, H))
    dout[-1] = 1.0 / np.sqrt(N * H)
    rnn.backward(dout)
    assert flow.grad_norm[T - 1] == pytest.approx(np.linalg.norm(rnn.dh0), rel=1e-12)


def test_tanh_keeps_the_state_bounded_while_relu_blows_up():
    tanh, relu = gradient_flow(2.0, "tanh"), gradient_flow(2.0, "relu")
    assert tanh.state_norm.max() <= np.sqrt(16)  # every unit lies in (-1, 1)
    assert relu.state_norm.max() > 1e6


def test_gradient_flow_stays_finite_at_its_extremes(recwarn):
    for nonlinearity in ("tanh", "relu"):
        flow = gradient_flow(5.0, nonlinearity, steps=200)
        assert np.all(np.isfinite(flow.grad_norm)) and np.all(np.isfinite(flow.state_norm))
    assert np.all(np.isfinite(gradient_flow(0.0, steps=200).grad_norm))
    assert not recwarn.list
    with pytest.raises(ValueError, match="wh_scale"):
        gradient_flow(6.0)


def test_tanh_rnn_is_finite_for_huge_inputs(recwarn):
    rnn = RNN(2, 3, bidirectional=True, seed=0)
    out, _ = rnn.forward(np.full((4, 2, 2), 1e6))
    assert np.all(np.abs(out) <= 1)
    assert np.all(np.isfinite(rnn.backward(np.ones_like(out))))
    assert not recwarn.list


# ---- clear errors ---------------------------------------------------------------------------------------


def test_wrong_input_shapes_get_clear_errors():
    rnn = RNN(3, 4, bidirectional=True, seed=0)
    with pytest.raises(ValueError, match=r"\(T, N, D\)"):
        rnn.forward(np.zeros((5, 2, 2)))
    with pytest.raises(ValueError, match=r"T, N >= 1"):
        rnn.forward(np.zeros((0, 2, 3)))
    with pytest.raises(ValueError, match="3-dimensional"):
        rnn.forward(np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"h0 must have shape \(dirs, N, H\) = \(2, 2, 4\)"):
        rnn.forward(np.zeros((5, 2, 3)), h0=np.zeros((1, 2, 4)))
    rnn.forward(np.zeros((5, 2, 3)))
    with pytest.raises(ValueError, match=r"dout must have shape \(5, 2, 8\) like the forward output"):
        rnn.backward(np.zeros((5, 2, 4)))
    with pytest.raises(ValueError, match=r"dh_n must have the shape of h_n"):
        rnn.backward(np.zeros((5, 2, 8)), np.zeros((2, 2, 3)))


def test_bad_arguments_get_clear_errors():
    with pytest.raises(ValueError, match="nonlinearity"):
        RNN(1, 2, nonlinearity="sigmoid")
    with pytest.raises(TypeError, match="hidden_size"):
        RNN(1, 2.5)
    with pytest.raises(TypeError, match="xs"):
        RNN(1, 2).forward("abc")
    with pytest.raises(RuntimeError, match="forward before backward"):
        RNN(1, 2).backward(np.zeros((1, 1, 2)))
    with pytest.raises(ValueError, match="shapes do not fit"):
        rnn_cell(np.zeros((2, 3)), np.zeros((2, 4)), np.zeros((3, 5)), np.zeros((4, 4)), np.zeros(4))
    with pytest.raises(ValueError, match="in_features"):
        Readout(4, 1).forward(np.zeros((2, 3)))
