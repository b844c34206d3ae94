"""Self-checks of notebook 03, computation graphs."""

from __future__ import annotations

import numpy as np

from helpers.checks.answers import one_number, report

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


#: Exercise scenario of notebook 03: the fruit-basket purchase with an 800 won basket and 8 % tax, the bill
#: split with a friend (your share is total / 2, so the gradient arriving at the total is dout = 0.5).
BASKET_EXERCISE = {"apple_price": 100, "apple_count": 2, "orange_price": 150, "orange_count": 3, "basket": 800,
                   "tax": 1.08, "dout": 0.5}


def check_basket_gradients(dbasket, dtax) -> bool:
    """Exercise (notebook 03): ∂share/∂basket and ∂share/∂tax for :data:`BASKET_EXERCISE` (relative 1e-6)."""
    from helpers.graph import shopping_bill

    truth = shopping_bill(**BASKET_EXERCISE).grads
    dbasket = one_number(dbasket, "dbasket")
    if dbasket is None:
        return False
    dtax = one_number(dtax, "dtax")
    if dtax is None:
        return False
    if not np.isclose(dbasket, truth["basket"], rtol=1e-6):
        return report(False, "", "dbasket is off. Start at the total with dout = 0.5: what does the × tax node send "
                      "back to its left input, and what does an add node do with what it receives?")
    return report(bool(np.isclose(dtax, truth["tax"], rtol=1e-6)),
                  "your share rises 0.54 won per won of basket, and 7.25 won per 0.01 of tax factor.",
                  "dbasket is right; dtax is off. The × tax node sends dout times its *other* input back to the tax: "
                  "what is that input here (every item, before tax)?")


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
                return report(False, "", f"dx is {dx:g} at x={x}, y={y}, dout={dout}; the numerical gradient says "
                              f"{num_dx:.6g}. Hold y fixed: how much does x / y change per unit of x?")
            if not np.isclose(float(dy), num_dy, rtol=1e-6):
                return report(False, "", f"dy is {dy:g} at x={x}, y={y}, dout={dout}; the numerical gradient says "
                              f"{num_dy:.6g}. Compare the two: hold x fixed at a positive value and let y "
                              "grow. Does x / y grow or shrink?")
    except Exception as err:  # a learner's class can fail in any way; report it, never raise at them
        return report(False, "", f"calling your layer failed: {type(err).__name__}: {err}. It needs "
                      "__init__(), forward(x, y) returning x / y and backward(dout) returning (dx, dy).")
    return report(True, "backward matches the numerical gradient at every test point.", "")
