"""Self-checks for the exercises. Each ``check_*`` prints a clear pass or a hint and returns True/False.

A check never raises at the learner: a wrong type or shape is reported as a hint that says what was
expected. Exercise cells call a check; worked solutions live in a collapsed "Solution" block.
"""

from __future__ import annotations

import numpy as np

from helpers.datasets import GATE_NAMES, truth_table
from helpers.gates import evaluate_gate


def report(passed: bool, success: str, hint: str) -> bool:
    """Print ``✅ success`` or ``❌ hint`` and return ``passed``. The building block of every check."""
    print(f"✅ Correct! {success}" if passed else f"❌ Not yet. {hint}")
    return bool(passed)


def check_gate_weights(gate: str, w1, w2, b) -> bool:
    """Do the weights ``(w1, w2)`` and bias ``b`` make a perceptron compute ``gate`` on all four rows?"""
    if gate not in GATE_NAMES:
        return report(False, "", f"gate must be one of {', '.join(GATE_NAMES)}, got {gate!r}.")
    try:
        result = evaluate_gate((w1, w2), b, gate)
    except (TypeError, ValueError) as err:
        return report(False, "", f"w1, w2 and b must be three finite numbers ({err}).")
    wrong = [f"({x1}, {x2})" for (x1, x2), ok in zip(result.X, result.correct, strict=True) if not ok]
    return report(
        result.n_correct == 4,
        f"w = ({w1:g}, {w2:g}), b = {b:g} computes {gate} on all four rows.",
        f"{result.n_correct}/4 rows right; wrong for input(s) {', '.join(wrong)}. "
        "Look at the sign of w·x + b on each wrong row: which of w1, w2, b would flip it?",
    )


def check_nor_weights(w1, w2, b) -> bool:
    """Exercise (notebook 01): weights and bias for a NOR gate (1 only when both inputs are 0)."""
    return check_gate_weights("NOR", w1, w2, b)


def _n_numbers(answer, n: int, what: str):
    """``answer`` as ``n`` floats, shape ``(n,)``, or None after telling the learner what was expected."""
    try:
        values = np.asarray(answer, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        values = None
    if values is None or values.shape != (n,):
        got = "something that is not numbers" if values is None else f"{values.size} number(s)"
        report(False, "", f"give {n} numbers: {what}; got {got}.")
        return None
    return values


def check_predictions(w, b, answers) -> bool:
    """Exercise: predict a perceptron ``(w, b)``'s outputs on rows (0,0), (0,1), (1,0), (1,1) by hand."""
    answers = _n_numbers(answers, 4, "one answer per row, 0 or 1, like [0, 0, 0, 1]")
    if answers is None:
        return False
    X, _ = truth_table("AND")
    expected = evaluate_gate(w, b, "AND")
    wrong = [f"({a}, {c})" for (a, c), guess, truth in zip(X, answers, expected.y_hat, strict=True) if guess != truth]
    return report(not wrong, "you can run a perceptron in your head.",
                  f"{4 - len(wrong)}/4 right; compute z = w1·x1 + w2·x2 + b for row(s) {', '.join(wrong)} "
                  "and remember: the output is 1 only when z > 0.")


# --- Notebook 03: computation graphs -------------------------------------------------------------------

#: Exercise scenario of notebook 03: 3 apples at 120 won, 5 oranges at 80 won, 8 % tax.
PURCHASE_EXERCISE = {"apple_price": 120, "apple_count": 3, "orange_price": 80, "orange_count": 5, "tax": 1.08}


def check_purchase(total, grads) -> bool:
    """Exercise (notebook 03): the total and ∂total/∂input for :data:`PURCHASE_EXERCISE`.

    ``grads`` is a dict with keys ``"apple_price"``, ``"apple_count"``, ``"orange_price"``,
    ``"orange_count"`` and ``"tax"``. Numbers within a relative 1e-6 of the truth pass.
    """
    from helpers.graph import shopping_bill

    bill = shopping_bill(**PURCHASE_EXERCISE)
    try:
        total = float(total)
    except (TypeError, ValueError):
        return report(False, "", "total must be a number: run the forward pass (two MulLayers, an AddLayer, "
                      "a MulLayer for the tax) and store its result.")
    if not np.isclose(total, bill.output, rtol=1e-6):
        return report(False, "", f"the total {total:g} is off. Subtotals first (price × count), add them, "
                      "then multiply by the tax factor 1.08 (not 0.08).")
    if not isinstance(grads, dict) or set(grads) != set(bill.grads):
        return report(False, "", f"grads must be a dict with the keys {sorted(bill.grads)}.")
    wrong = []
    for name, truth in bill.grads.items():
        try:
            ok = np.isclose(float(grads[name]), truth, rtol=1e-6)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            wrong.append(name)
    return report(not wrong, f"total {total:.4g} won, and every gradient is right.",
                  f"the total is right; check the gradient(s) for {', '.join(wrong)}. Run backward from "
                  "dout = 1: a multiply node sends back dout × the *other* input, an add node passes dout on.")


def check_basket_gradient(answer) -> bool:
    """Exercise (notebook 03): ∂total/∂basket for a fixed-price basket added before a 10 % tax."""
    try:
        answer = float(answer)
    except (TypeError, ValueError):
        return report(False, "", "answer must be a number (how many won the total rises per won of basket).")
    return report(bool(np.isclose(answer, 1.1)), "the add node passes 1.1 on to the basket unchanged.",
                  "follow the gradient back from the total: × tax sends back 1 × 1.1, and an add node passes "
                  "what it receives to every input.")


def check_divide_layer(layer_class) -> bool:
    """Exercise (notebook 03): a ``DivideLayer`` with ``forward(x, y) = x / y`` and ``backward(dout) -> (dx, dy)``.

    The backward is compared with central differences at a few points (relative tolerance 1e-6).
    """
    from helpers.graph import numerical_derivative

    points = [(3.0, 2.0, 1.0), (-1.5, 0.5, 2.0), (4.0, -3.0, -0.5)]
    try:
        for x, y, dout in points:
            layer = layer_class()
            out = layer.forward(x, y)
            if not np.isclose(float(out), x / y):
                return report(False, "", f"forward({x}, {y}) returned {out}, expected {x / y:g}.")
            dx, dy = layer.backward(dout)
            num_dx = dout * numerical_derivative(lambda v, y=y: v / y, x, h=1e-5)
            num_dy = dout * numerical_derivative(lambda v, x=x: x / v, y, h=1e-5)
            if not np.isclose(float(dx), num_dx, rtol=1e-6):
                return report(False, "", f"dx is {dx:g} at x={x}, y={y}, dout={dout}; expected {num_dx:.6g}. "
                              "The local derivative of x / y with respect to x is 1 / y.")
            if not np.isclose(float(dy), num_dy, rtol=1e-6):
                return report(False, "", f"dy is {dy:g} at x={x}, y={y}, dout={dout}; expected {num_dy:.6g}. "
                              "The local derivative of x / y with respect to y is -x / y² (mind the sign).")
    except Exception as err:  # a learner's class can fail in any way; report it, never raise at them
        return report(False, "", f"calling your layer failed: {type(err).__name__}: {err}. It needs "
                      "__init__(), forward(x, y) returning x / y and backward(dout) returning (dx, dy).")
    return report(True, "backward matches the numerical gradient at every test point.", "")


# --- notebook 04: activation functions ----------------------------------------------------------------

def check_softplus(softplus, softplus_grad) -> bool:
    """Exercise (notebook 04): ``softplus(x) = log(1 + e^x)`` and its derivative, vectorised and stable.

    Both are called on a float array; they must match ``np.logaddexp(0, x)`` and ``σ(x)`` to 1e-6 for
    moderate ``x``, and stay finite, without warnings, at ``x = ±1000``.
    """
    import warnings

    from helpers.activations import sigmoid

    if not (callable(softplus) and callable(softplus_grad)):
        return report(False, "", "pass the two functions themselves: check_softplus(softplus, softplus_grad).")
    x = np.linspace(-20, 20, 81)
    extreme = np.array([-1000.0, 1000.0])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            y, dy = np.asarray(softplus(x), dtype=float), np.asarray(softplus_grad(x), dtype=float)
    except Exception as err:  # a learner's function can fail in any way: report it, never raise
        return report(False, "", f"calling your functions on an array failed ({type(err).__name__}: {err}). "
                      "Use NumPy operations (np.exp, np.log1p, np.maximum) so they work on whole arrays.")
    if y.shape != x.shape or dy.shape != x.shape:
        return report(False, "", f"for x of shape {x.shape} return arrays of that shape, got {y.shape} and "
                      f"{dy.shape}.")
    if not np.allclose(y, np.logaddexp(0, x), atol=1e-6):
        return report(False, "", "softplus(x) is not log(1 + e^x): check softplus(0) = log 2 ≈ 0.693.")
    if not np.allclose(dy, sigmoid(x), atol=1e-6):
        return report(False, "", "the values are right but the derivative is not: differentiate log(1 + e^x) "
                      "(hint: you have met the answer in this notebook; softplus'(0) = 0.5).")
    try:
        with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
            warnings.simplefilter("error")
            big, dbig = np.asarray(softplus(extreme), dtype=float), np.asarray(softplus_grad(extreme), dtype=float)
        stable = np.allclose(big, [0.0, 1000.0]) and np.allclose(dbig, [0.0, 1.0])
    except (FloatingPointError, RuntimeWarning, OverflowError):
        stable = False
    return report(stable, "softplus and its derivative are right, and stable at x = ±1000.",
                  "right for moderate x, but at x = ±1000 it overflows or loses the answer (softplus(1000) "
                  "is 1000). Rewrite it as max(x, 0) + log1p(exp(-|x|)), or use np.logaddexp(0, x).")


def check_zero_centred(names) -> bool:
    """Exercise (notebook 04): the set of activations whose mean output is 0 for inputs ``Z ~ N(0, 1)``."""
    from helpers.activation_properties import properties_table
    from helpers.activations import ACTIVATIONS

    try:
        names = set(names) if not isinstance(names, str) else None
    except TypeError:
        names = None
    if names is None or not all(isinstance(n, str) for n in names):
        return report(False, "", "give a collection of names, like {'relu', 'sigmoid'}.")
    unknown = names - set(ACTIVATIONS)
    if unknown:
        return report(False, "", f"unknown name(s) {sorted(unknown)}; use the names in ACTIVATIONS.")
    truth = {row["name"] for row in properties_table() if row["zero_centred"]}
    missing, extra = sorted(truth - names), sorted(names - truth)
    hint = []
    if extra:
        hint.append(f"{', '.join(extra)} {'has' if len(extra) == 1 else 'have'} a positive mean output")
    if missing:
        hint.append(f"{len(missing)} zero-centred function(s) missing (one of them was designed for it)")
    return report(not missing and not extra, f"{', '.join(sorted(truth))}: mean output 0 for N(0, 1) inputs.",
                  "; ".join(hint) + ". Look at the E[f(Z)] column of the properties table.")


# ---- notebook 07: recurrent neural networks -----------------------------------------------------------------


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
    dirs = 2 if bidirectional else 1
    want_out, want_h = (T, N, dirs * H), (dirs, N, H)
    try:
        out_shape, h_n_shape = tuple(int(v) for v in out_shape), tuple(int(v) for v in h_n_shape)
    except (TypeError, ValueError):
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
    dirs = 2 if bidirectional else 1
    D, H = input_size, hidden_size
    want = dirs * (D * H + H * H + H)
    try:
        answer = int(answer)
    except (TypeError, ValueError):
        return report(False, "", "give the count as one whole number.")
    if answer == want:
        return report(True, f"{dirs} × ({D}·{H} + {H}·{H} + {H}) = {want}, whatever the length of the sequence "
                            "(PyTorch has two biases, so it counts another H per direction).", "")
    if answer == want // dirs and dirs == 2:
        return report(False, "", "that is one direction: the reverse direction has its own Wx_rev, Wh_rev, b_rev.")
    return report(False, "", f"count Wx (D × H), Wh (H × H) and b (H) for D = {D}, H = {H}"
                              f"{', for each of the two directions' if dirs == 2 else ''}; T does not enter.")


# --- Notebook 06: initialisation and batch norm -------------------------------------------------------


def _one_number(answer, what: str | None = None):
    """``answer`` as a finite float, or None; with ``what``, a None is explained to the learner first."""
    try:
        if isinstance(answer, (str, bytes)):
            raise TypeError
        value = float(np.asarray(answer, dtype=float).reshape(()))
    except (TypeError, ValueError):
        value = None
    if value is not None and not np.isfinite(value):
        value = None
    if value is None and what is not None:
        report(False, "", f"{what} must be a single finite number, got {answer!r}.")
    return value


def check_he_std(n_in, answer) -> bool:
    """Exercise (notebook 06): the standard deviation of He-normal weights for a layer with ``n_in`` inputs."""
    value, expected = _one_number(answer), float(np.sqrt(2.0 / n_in))
    if value is None:
        return report(False, "", "give one number, the standard deviation (not the variance).")
    return report(abs(value - expected) < 1e-3 * expected, f"sqrt(2 / {n_in}) = {expected:.4g}.",
                  f"{value:g} is not it. He's variance is 2 / n_in; the standard deviation is its square root"
                  + (" (you gave the variance)." if abs(value - expected**2) < 1e-6 else "."))


def check_xavier_limit(n_in, n_out, answer) -> bool:
    """Exercise (notebook 06): the limit ``a`` of Xavier-uniform weights U(-a, a) for an ``n_in``→``n_out`` layer."""
    value, expected = _one_number(answer), float(np.sqrt(6.0 / (n_in + n_out)))
    if value is None:
        return report(False, "", "give one number, the limit a of U(-a, a).")
    return report(abs(value - expected) < 1e-3 * expected, f"sqrt(6 / ({n_in} + {n_out})) = {expected:.4g}.",
                  f"{value:g} is not it. The variance of U(-a, a) is a**2 / 3 and Xavier wants 2 / (n_in + n_out): "
                  "solve for a.")


def check_batchnorm_by_hand(x, gamma, beta, answer) -> bool:
    """Exercise (notebook 06): batch norm of one feature ``x`` (N,) in training mode, worked by hand."""
    x = np.asarray(x, dtype=float)
    expected = gamma * (x - x.mean()) / np.sqrt(x.var() + 1e-5) + beta
    try:
        answer = np.asarray(answer, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return report(False, "", f"give {len(x)} numbers, one output per sample.")
    if answer.shape != expected.shape:
        return report(False, "", f"give {len(x)} numbers, one output per sample; got {answer.size}.")
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

    ratios = {}
    for scheme in ("xavier", "he"):
        acts = layer_activations(scheme, "tanh", depth=8, rng=1)
        ratios[scheme] = acts[-1].std() / acts[0].std()
    best = min(ratios, key=lambda s: abs(np.log(ratios[s])))
    if answer not in ratios:
        return report(False, "", 'answer "xavier" or "he".')
    summary = ", ".join(f"{s}: layer 8 / layer 1 std = {r:.2f}" for s, r in ratios.items())
    return report(answer == best, f"{summary}. Xavier's 1/n is exact only where tanh is linear; tanh squashes, "
                  "so a gain above 1 (PyTorch's calculate_gain('tanh') = 5/3) is needed to hold the scale.",
                  f"look again at the std labels at depth 8 ({summary}).")


# --- Notebook 05: gradient descent and backpropagation ----------------------------------------------


def check_gd_step(w_new) -> bool:
    """Exercise (05): one step of gradient descent on ``E(w) = (w·x - y)²`` with x = 2, y = 4, from w = 0.5, η = 0.1."""
    value = _one_number(w_new, "w_new")
    if value is None:
        return False
    grad = 2 * (0.5 * 2 - 4) * 2
    expected = 0.5 - 0.1 * grad
    if np.isclose(value, 0.5 + 0.1 * grad):
        return report(False, "", "you moved uphill: the update subtracts η·dE/dw (here dE/dw = -12).")
    return report(np.isclose(value, expected), f"dE/dw = 2(wx - y)·x = {grad:g}, so w = 0.5 - 0.1·({grad:g}) = "
                  f"{expected:g}.", "differentiate E(w) = (w·x - y)² with the chain rule: dE/dw = 2(w·x - y)·x, "
                  "evaluate it at w = 0.5, then take w - η·dE/dw.")


def check_output_error_signal(e) -> bool:
    """Exercise (05): the error signal ``e = dL/dv`` of a sigmoid output node with output 0.8, target 1,
    loss ``L = ½(x - y)²``."""
    value = _one_number(e, "e")
    if value is None:
        return False
    expected = (0.8 - 1.0) * 0.8 * (1 - 0.8)
    if np.isclose(value, 0.8 - 1.0):
        return report(False, "", "that is dL/dx. The error signal is dL/dv: multiply by the sigmoid's slope x(1 - x).")
    return report(np.isclose(value, expected), f"e = (x - y)·x(1 - x) = (-0.2)(0.8)(0.2) = {expected:g}.",
                  "e = dL/dv = dL/dx · dx/dv, with dL/dx = x - y and dx/dv = x(1 - x) for a sigmoid.")


def check_softmax_gradient(dscores) -> bool:
    """Exercise (05): ``dL/ds`` of softmax + cross entropy for one sample, scores ``[2, 1, 0]``, true class 0."""
    answer = _n_numbers(dscores, 3, "one number per class, like [0.1, 0.2, -0.3]")
    if answer is None:
        return False
    p = np.exp([2.0, 1.0, 0.0]) / np.exp([2.0, 1.0, 0.0]).sum()
    expected = p - np.array([1.0, 0.0, 0.0])
    if np.allclose(answer, p):
        return report(False, "", "those are the probabilities p; subtract the one-hot target [1, 0, 0].")
    return report(np.allclose(answer, expected, atol=1e-3),
                  f"dL/ds = p - onehot(y) = {np.round(expected, 4).tolist()}: it pushes the true class's score up "
                  "and the others down, and the entries sum to 0.",
                  "compute p = softmax([2, 1, 0]) (exp of each score over the sum of exps), then subtract 1 from "
                  "the entry of the true class.")


def check_largest_stable_lr(lr) -> bool:
    """Exercise (05): the largest learning rate for which gradient descent on ``E(w) = 3w²`` does not diverge."""
    value = _one_number(lr, "lr")
    if value is None:
        return False
    return report(np.isclose(value, 1 / 3, atol=1e-3),
                  "w ← w - η·6w = (1 - 6η)·w shrinks while |1 - 6η| < 1, i.e. η < 2/6 = 1/3 "
                  "(at exactly 1/3 it bounces between w and -w forever).",
                  "write one step as w ← w - η·E'(w) = (1 - 6η)·w. For which η is |1 - 6η| < 1?")



# --- Notebook 02: XOR and the multi-layer perceptron ------------------------------------------------


def check_xor_network(W1, b1, W2, b2) -> bool:
    """Exercise (notebook 02): weights of a 2-2-1 network of step perceptrons that computes XOR.

    ``s = step(x @ W1 + b1)`` with ``W1`` of shape (2, 2) (column j feeds hidden unit j) and ``b1`` (2,);
    ``y = step(s @ W2 + b2)`` with ``W2`` (2,) and ``b2`` a number; ``step(z) = 1 if z > 0 else 0``.
    """
    try:
        W1 = np.asarray(W1, dtype=float)
        b1 = np.asarray(b1, dtype=float)
        W2 = np.asarray(W2, dtype=float).reshape(-1)
        b2 = float(b2)
    except (TypeError, ValueError):
        return report(False, "", "W1, b1, W2 must be arrays of numbers and b2 a number.")
    if W1.shape != (2, 2) or b1.shape != (2,) or W2.shape != (2,):
        return report(False, "", f"shapes must be W1 (2, 2), b1 (2,), W2 (2,); got {W1.shape}, {b1.shape}, "
                                 f"{W2.shape}. Column j of W1 holds the two weights into hidden unit j.")
    X, y = truth_table("XOR")
    s = (X @ W1 + b1 > 0).astype(int)
    y_hat = (s @ W2 + b2 > 0).astype(int)
    wrong = [f"({a}, {c}) -> {p}" for (a, c), p, t in zip(X, y_hat, y, strict=True) if p != t]
    return report(
        not wrong,
        f"hidden outputs s = {s.tolist()} are linearly separable, and the output unit separates them.",
        f"{4 - len(wrong)}/4 rows right; wrong: {', '.join(wrong)}. Hidden outputs were s = {s.tolist()}: "
        "try NAND and OR in the hidden layer (one per column of W1) and AND at the output.",
    )


def check_smallest_circle_units(units) -> bool:
    """Exercise (notebook 02): the fewest hidden units (one hidden layer) that can separate ``circle``."""
    if isinstance(units, bool) or not isinstance(units, (int, np.integer)):
        return report(False, "", f"answer with a whole number of hidden units, got {units!r}.")
    if units == 3:
        return report(True, "each hidden unit adds one line, and three lines are the fewest that can fence in "
                            "the inner disc (a rounded triangle).", "")
    if units < 3:
        return report(False, "", f"with {units} hidden unit(s) the class-1 region is unbounded: "
                                 f"{units} line(s) cannot fence in a disc. Train it in the cell above and look.")
    return report(False, "", f"{units} units work, but fewer also do: each unit is one line; how many lines "
                             "does it take to enclose a region?")
