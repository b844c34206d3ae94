"""Self-checks of notebook 06, initialisation and batch norm."""

from __future__ import annotations

import numpy as np

from helpers.checks.answers import n_numbers, one_number, real_array, report, whole_number


def check_he_std(n_in, answer) -> bool:
    """Exercise (notebook 06): the standard deviation of He-normal weights for a layer with ``n_in`` inputs."""
    n_in = whole_number(n_in, "n_in (the layer's number of inputs)", low=1)
    if n_in is None:
        return False
    value, expected = one_number(answer), float(np.sqrt(2.0 / n_in))
    if value is None:
        return report(False, "", "give one number, the standard deviation (not the variance).")
    return report(abs(value - expected) < 1e-3 * expected, f"sqrt(2 / {n_in}) = {expected:.4g}.",
                  f"{value:g} is not it. He's variance is 2 / n_in; the standard deviation is its square root"
                  + (" (you gave the variance)." if abs(value - expected**2) < 1e-6 else "."))


def check_xavier_limit(n_in, n_out, answer) -> bool:
    """Exercise (notebook 06): the limit ``a`` of Xavier-uniform weights U(-a, a) for an ``n_in``→``n_out`` layer."""
    n_in = whole_number(n_in, "n_in (the layer's number of inputs)", low=1)
    n_out = None if n_in is None else whole_number(n_out, "n_out (the layer's number of outputs)", low=1)
    if n_out is None:
        return False
    value, expected = one_number(answer), float(np.sqrt(6.0 / (n_in + n_out)))
    if value is None:
        return report(False, "", "give one number, the limit a of U(-a, a).")
    return report(abs(value - expected) < 1e-3 * expected, f"sqrt(6 / ({n_in} + {n_out})) = {expected:.4g}.",
                  f"{value:g} is not it. The variance of U(-a, a) is a**2 / 3 and Xavier wants 2 / (n_in + n_out): "
                  "solve for a.")


def check_batchnorm_by_hand(x, gamma, beta, answer) -> bool:
    """Exercise (notebook 06): batch norm of one feature ``x`` (N,) in training mode, worked by hand."""
    x = real_array(x)
    if x is None or x.ndim != 1 or x.size == 0 or not np.all(np.isfinite(x)):
        return report(False, "", "x must be the feature's values: a list of at least one finite number.")
    gamma = one_number(gamma, "gamma")
    beta = None if gamma is None else one_number(beta, "beta")
    if beta is None:
        return False
    expected = gamma * (x - x.mean()) / np.sqrt(x.var() + 1e-5) + beta
    answer = n_numbers(answer, len(x), "one output per sample")
    if answer is None:
        return False
    if np.allclose(answer, expected, atol=1e-3):
        return report(True, f"mean {x.mean():g}, variance {x.var():g}, then gamma·x̂ + beta = {np.round(expected, 3)}.",
                      "")
    hint = "Subtract the batch mean, divide by the standard deviation (the variance divides by N, not N - 1)"
    if np.allclose(answer, (x - x.mean()) / np.sqrt(x.var() + 1e-5), atol=1e-3):
        hint = "That is x̂: now scale by gamma and shift by beta"
    return report(False, "", f"{hint}, then multiply by gamma and add beta.")


def check_steadiest_tanh_scheme(answer) -> bool:
    """Exercise (notebook 06): which of "xavier" and "he" keeps tanh's activation std steadiest over 8 layers?

    Measured, not looked up: the answer is the scheme whose std at layer 8 is closest to its std at layer 1
    in the explorer's experiment (1,000 inputs, 100 units per layer, seed 1).
    """
    from helpers.init_experiments import layer_activations  # here, so the other checks stay light

    if not isinstance(answer, str) or answer not in ("xavier", "he"):  # before the experiment, which takes a while
        return report(False, "", 'answer "xavier" or "he".')
    ratios = {}
    for scheme in ("xavier", "he"):
        acts = layer_activations(scheme, "tanh", depth=8, rng=1)
        ratios[scheme] = acts[-1].std() / acts[0].std()
    best = min(ratios, key=lambda s: abs(np.log(ratios[s])))
    summary = ", ".join(f"{s}: layer 8 / layer 1 std = {r:.2f}" for s, r in ratios.items())
    return report(answer == best, f"{summary}. Xavier's 1/n is exact only where tanh is linear; tanh squashes, "
                  "so a gain above 1 (PyTorch's calculate_gain('tanh') = 5/3) is needed to hold the scale.",
                  f"look again at the std labels at depth 8 ({summary}).")


def check_batchnorm_backward(backward) -> bool:
    """Exercise (notebook 06, debug): ``backward(dout, x_hat, inv_std, gamma) -> dx`` of batch norm in training mode.

    Compared with central differences on a batch of 6 samples, 3 features (``dout``, ``x_hat``: (6, 3);
    ``inv_std``, ``gamma``: (3,)). Never raises: an error inside ``backward`` is reported as a hint.
    """
    from helpers.gradcheck import numerical_gradient, rel_error  # here, so the other checks stay light
    from helpers.layers import BatchNorm

    rng = np.random.default_rng(0)
    x, dout = rng.normal(2.0, 3.0, size=(6, 3)), rng.standard_normal((6, 3))
    bn = BatchNorm(3)
    bn.params["gamma"][...] = rng.uniform(0.5, 2.0, 3)
    bn.forward(x)
    x_hat = bn.x_hat.copy()
    try:
        dx = np.asarray(backward(dout.copy(), x_hat.copy(), bn.inv_std.copy(), bn.params["gamma"].copy()), dtype=float)
    except Exception as err:  # the learner's code: report, never raise
        return report(False, "", f"your function raised {type(err).__name__}: {err}.")
    if dx.shape != x.shape:
        return report(False, "", f"dx must have the shape of x {x.shape}, got {dx.shape}.")
    error = rel_error(dx, numerical_gradient(lambda _: np.sum(bn.forward(x) * dout), x))
    sums, along = np.abs(dx.sum(axis=0)).max(), np.abs((dx * x_hat).sum(axis=0)).max()
    return report(error < 1e-6, f"relative error {error:.1e} against central differences.",
                  f"relative error {error:.1e} (a correct dx reaches 1e-6). Per feature, the largest |sum of dx| is "
                  f"{sums:.2g} and the largest |sum of dx * x_hat| is {along:.2g}; section 6 says what both must be, "
                  "and which path of the graph each one comes from.")
