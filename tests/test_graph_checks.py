"""Self-checks of notebook 03: the worked solutions pass, common mistakes get a hint, nothing raises."""

from helpers.checks import (
    BASKET_EXERCISE,
    PURCHASE_EXERCISE,
    check_basket_gradients,
    check_divide_layer,
    check_purchase,
)
from helpers.graph import AddLayer, MulLayer

SOLUTION_GRADS = {"apple_price": 3 * 1.08, "apple_count": 120 * 1.08, "orange_price": 5 * 1.08,
                  "orange_count": 80 * 1.08, "tax": 360 + 400}


def test_purchase_solution_with_the_layers_passes(capsys):
    p = PURCHASE_EXERCISE
    mul_apple, mul_orange, add, mul_tax = MulLayer(), MulLayer(), AddLayer(), MulLayer()
    subtotal = add.forward(mul_apple.forward(p["apple_price"], p["apple_count"]),
                           mul_orange.forward(p["orange_price"], p["orange_count"]))
    total = mul_tax.forward(subtotal, p["tax"])
    dsubtotal, dtax = mul_tax.backward(1)
    dapples, doranges = add.backward(dsubtotal)
    dapple_price, dapple_count = mul_apple.backward(dapples)
    dorange_price, dorange_count = mul_orange.backward(doranges)
    grads = {"apple_price": dapple_price, "apple_count": dapple_count, "orange_price": dorange_price,
             "orange_count": dorange_count, "tax": dtax}
    assert check_purchase(total, grads) is True
    assert all(abs(grads[k] - v) < 1e-9 for k, v in SOLUTION_GRADS.items())
    assert capsys.readouterr().out.startswith("✅")


def test_purchase_mistakes_get_hints(capsys):
    assert check_purchase(None, {}) is False
    assert "total must be a number" in capsys.readouterr().out
    assert check_purchase(760 * 0.08, SOLUTION_GRADS) is False
    assert "1.08 (not 0.08)" in capsys.readouterr().out
    not_swapped = {**SOLUTION_GRADS, "apple_price": 120 * 1.08}  # forgot to swap the inputs
    assert check_purchase(820.8, not_swapped) is False
    assert "apple_price" in capsys.readouterr().out
    assert check_purchase(820.8, {"apple": 1}) is False
    assert "keys" in capsys.readouterr().out


def test_basket_gradients_solution_passes(capsys):
    """The worked solution: dout 0.5 × tax 1.08 reaches the basket through the add node; the tax gets
    dout × everything before tax."""
    b = BASKET_EXERCISE
    subtotal = b["apple_price"] * b["apple_count"] + b["orange_price"] * b["orange_count"] + b["basket"]
    assert check_basket_gradients(b["dout"] * b["tax"], b["dout"] * subtotal) is True
    assert "0.54 won per won of basket" in capsys.readouterr().out


def test_basket_gradients_mistakes_get_hints_and_nothing_raises(capsys):
    assert check_basket_gradients(1.08, 725) is False  # forgot dout
    assert "dout = 0.5" in capsys.readouterr().out
    assert check_basket_gradients(0.54, 0.5 * 650) is False  # left the basket out of the tax's other input
    assert "dtax is off" in capsys.readouterr().out
    assert check_basket_gradients("one", 725) is False and check_basket_gradients(0.54, None) is False
    out = capsys.readouterr().out
    assert "dbasket must be a single finite number" in out and "dtax must be a single finite number" in out


class DivideLayer:
    """The notebook's worked solution."""

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x, self.y = x, y
        return x / y

    def backward(self, dout):
        return dout / self.y, -dout * self.x / self.y**2


class DivideLayerWrongSign(DivideLayer):
    def backward(self, dout):
        return dout / self.y, dout * self.x / self.y**2


class Broken:
    def forward(self, x, y):
        raise NotImplementedError


def test_divide_layer_solution_passes_and_mistakes_are_named(capsys):
    assert check_divide_layer(DivideLayer) is True
    assert check_divide_layer(DivideLayerWrongSign) is False
    out = capsys.readouterr().out
    assert "the numerical gradient says -0.75" in out and "grow or shrink" in out
    assert "-x / y" not in out  # the hint names the next step, not the formula
    assert check_divide_layer(Broken) is False
    assert "NotImplementedError" in capsys.readouterr().out
