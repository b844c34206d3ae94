"""Self-checks of notebook 03, computation graphs."""

from __future__ import annotations

import numpy as np

from helpers.checks.answers import report

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
