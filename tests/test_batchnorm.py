"""BatchNorm: forward statistics, every gradient against central differences, eval mode, edge cases."""

import warnings

import numpy as np
import pytest

from helpers.gradcheck import layer_gradient_errors, numerical_gradient, rel_error
from helpers.layers import Affine, BatchNorm, ReLU, Sequential, set_training

TOL = 1e-7  # largest relative error accepted between analytic and numerical gradients (float64, h = 1e-5)


def make_bn(d=4, seed=0):
    rng = np.random.default_rng(seed)
    bn = BatchNorm(d)
    bn.params["gamma"][...] = rng.uniform(0.5, 2.0, d)
    bn.params["beta"][...] = rng.standard_normal(d)
    return bn


def batch(n=8, d=4, seed=1):
    return 5.0 + 3.0 * np.random.default_rng(seed).standard_normal((n, d))


def test_training_output_has_mean_beta_and_std_gamma_per_feature():
    bn = make_bn()
    out = bn.forward(batch())
    assert np.allclose(out.mean(axis=0), bn.params["beta"])
    assert np.allclose(out.std(axis=0), bn.params["gamma"], rtol=1e-5)
    plain = BatchNorm(4).forward(batch())
    assert np.allclose(plain.mean(axis=0), 0) and np.allclose(plain.var(axis=0), 1, rtol=1e-5)


@pytest.mark.parametrize(("train", "n"), [(True, 8), (False, 8), (False, 2)], ids=["train", "eval", "eval 2"])
def test_backward_matches_numerical_gradient_for_x_gamma_beta(train, n):
    bn = make_bn()
    for _ in range(3):  # give the running statistics something other than their start
        bn.forward(batch(seed=2))
    bn.training = train
    errors = layer_gradient_errors(bn, batch(n=n))
    assert set(errors) == {"x", "gamma", "beta"}
    assert max(errors.values()) < TOL, errors


def test_with_a_training_batch_of_two_almost_no_gradient_reaches_x():
    # x_hat is +-1 whatever x is, so dx is of the order of eps: the analytic and numerical values agree to 1e-9
    bn = make_bn()
    x, dout = batch(n=2), np.random.default_rng(0).standard_normal((2, 4))
    bn.forward(x)
    dx = bn.backward(dout)
    numerical = numerical_gradient(lambda _: np.sum(bn.forward(x) * dout), x)
    assert np.abs(dx).max() < 1e-4 and np.abs(dx - numerical).max() < 1e-9
    bn.forward(batch(n=8))
    assert np.abs(bn.backward(np.random.default_rng(0).standard_normal((8, 4)))).max() > 0.1


def test_gradient_through_a_network_with_batchnorm():
    rng = np.random.default_rng(3)
    model = Sequential([Affine(3, 5, rng=0), BatchNorm(5), ReLU(), Affine(5, 2, rng=1)])
    X, dout = rng.standard_normal((6, 3)), rng.standard_normal((6, 2))
    model.forward(X)
    dX = model.backward(dout)
    assert rel_error(dX, numerical_gradient(lambda _: np.sum(model.forward(X) * dout), X)) < TOL


def test_running_statistics_follow_the_momentum_rule_with_the_unbiased_variance():
    # PyTorch's convention: normalise with the biased batch variance (/ N), keep the unbiased one (/ (N - 1))
    bn, x = BatchNorm(4, momentum=0.9), batch()
    out = bn.forward(x)
    assert np.allclose(out, (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + bn.eps))  # biased in the output
    assert np.allclose(bn.running_mean, 0.1 * x.mean(axis=0))
    assert np.allclose(bn.running_var, 0.9 + 0.1 * x.var(axis=0, ddof=1))  # unbiased in the running estimate
    for _ in range(200):
        bn.forward(x)
    assert np.allclose(bn.running_mean, x.mean(axis=0)) and np.allclose(bn.running_var, x.var(axis=0, ddof=1))


def test_momentum_none_keeps_the_plain_average_of_every_batch():
    bn, batches = BatchNorm(4, momentum=None), [batch(n=5, seed=s) for s in range(7)]
    for x in batches:
        bn.forward(x)
    assert bn.num_batches_tracked == 7
    assert np.allclose(bn.running_mean, np.mean([x.mean(axis=0) for x in batches], axis=0))
    assert np.allclose(bn.running_var, np.mean([x.var(axis=0, ddof=1) for x in batches], axis=0))


def test_the_running_variance_is_unbiased_even_for_batches_of_two():
    # the biased variance of 2 samples is on average half the true one; the running estimate is not
    rng = np.random.default_rng(0)
    bn = BatchNorm(1, momentum=None)
    for _ in range(4000):
        bn.forward(rng.normal(0.0, 3.0, size=(2, 1)))
    assert bn.running_var[0] == pytest.approx(9.0, rel=0.1)


def test_eval_mode_uses_running_statistics_and_does_not_update_them():
    bn, x = make_bn(), batch()
    for _ in range(200):
        bn.forward(x)
    mean, var = bn.running_mean.copy(), bn.running_var.copy()
    one = bn.forward(x[:1], train=False)
    assert np.array_equal(bn.running_mean, mean) and np.array_equal(bn.running_var, var)
    expected = bn.params["gamma"] * (x[:1] - mean) / np.sqrt(var + bn.eps) + bn.params["beta"]
    assert np.allclose(one, expected)
    # in eval mode a sample's output does not depend on the rest of its batch; in training mode it does
    assert np.allclose(bn.forward(x, train=False)[:1], one)
    assert not np.allclose(bn.forward(x[:4], train=True)[:1], bn.forward(x, train=True)[:1])


def test_training_flag_and_set_training():
    model = Sequential([Affine(4, 4, rng=0), BatchNorm(4)])
    set_training(model, False)
    assert model.layers[1].training is False
    model.forward(batch())
    assert np.array_equal(model.layers[1].running_mean, np.zeros(4))  # eval: nothing learned
    set_training(model, True)
    model.forward(batch())
    assert model.layers[1].running_mean.any()


def test_a_training_batch_of_one_is_refused_but_evaluation_takes_one_sample():
    bn = make_bn()
    with pytest.raises(ValueError, match=r"at least 2 samples.*\(1, 4\).*train=False"):
        bn.forward(batch(n=1))
    assert bn.num_batches_tracked == 0 and np.array_equal(bn.running_var, np.ones(4))  # nothing was learned
    assert np.all(np.isfinite(bn.forward(batch(n=1), train=False)))


def test_with_two_samples_every_normalised_value_is_plus_or_minus_one():
    bn = BatchNorm(4)
    bn.forward(batch(n=2))
    assert np.allclose(np.abs(bn.x_hat), 1.0, atol=1e-5)  # (x1 - x2) / |x1 - x2|, up to eps


def test_constant_features_give_no_nan_and_no_warning():
    bn = make_bn()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        x = np.full((5, 4), 3.0)
        out = bn.forward(x)
        dx = bn.backward(np.random.default_rng(0).standard_normal((5, 4)))
        assert np.all(np.isfinite(out)) and np.all(np.isfinite(dx))
        assert np.all(np.isfinite(bn.running_var))


def test_backward_never_changes_dout_in_place():
    bn = make_bn()
    bn.forward(batch())
    dout = np.random.default_rng(0).standard_normal((8, 4))
    kept = dout.copy()
    bn.backward(dout)
    assert np.array_equal(dout, kept)


def test_bad_input_raises_clear_errors():
    with pytest.raises(ValueError, match=r"\(N, 4\)"):
        BatchNorm(4).forward(np.zeros((3, 5)))
    with pytest.raises(ValueError, match="2-dimensional"):
        BatchNorm(4).forward(np.zeros(4))
    with pytest.raises(ValueError, match="momentum"):
        BatchNorm(4, momentum=1.0)
    with pytest.raises(TypeError, match="n_features"):
        BatchNorm(4.0)
    with pytest.raises(ValueError, match="eps"):
        BatchNorm(4, eps=0.0)
    with pytest.raises(RuntimeError, match="forward"):
        BatchNorm(4).backward(np.zeros((2, 4)))
