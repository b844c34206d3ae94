"""The computation-graph nodes of notebook 03: values, gradients (checked numerically), the textbook's numbers.

Every backward is compared with a central difference in float64. With h = 1e-5 the difference's own
error is about h² · |f'''| plus rounding ~1e-16 · |f| / h, so the tolerance is a relative 1e-7.
"""

import math
import subprocess
import sys
import warnings

import numpy as np
import pytest

from helpers.gradcheck import numerical_gradient
from helpers.graph import (
    AddLayer,
    ExpLayer,
    GraphSpec,
    MulLayer,
    ReciprocalLayer,
    ReluLayer,
    SigmoidLayer,
    SquareLayer,
    TanhLayer,
    numerical_derivative,
    shopping_bill,
    sigmoid_chain,
    square_of_sum,
)
from helpers.graph_pictures import GraphPicture, draw_graph, format_value

H = 1e-5
RTOL = 1e-7
ATOL = 1e-9


def central_difference(f, args, i, h=H):
    """∂f/∂args[i] by central differences (a test-local helper, independent of the code under test)."""
    plus, minus = list(args), list(args)
    plus[i] += h
    minus[i] -= h
    return (f(*plus) - f(*minus)) / (2 * h)


def check_node(make_layer, args, dout):
    """Compare a node's backward (with upstream ``dout``) with ``dout ·`` the central difference of forward."""
    layer = make_layer()
    layer.forward(*args)
    grads = layer.backward(dout)
    grads = grads if isinstance(grads, tuple) else (grads,)
    assert len(grads) == len(args)
    for i, g in enumerate(grads):
        expected = dout * central_difference(lambda *a: make_layer().forward(*a), args, i)
        assert g == pytest.approx(expected, rel=RTOL, abs=ATOL), (make_layer.__name__, args, i)


POINTS = [-2.5, -0.3, 0.7, 3.0]


@pytest.mark.parametrize("x", POINTS)
@pytest.mark.parametrize("y", [-1.5, 0.4, 2.0])
@pytest.mark.parametrize("layer", [MulLayer, AddLayer])
def test_binary_nodes_backward_matches_numerical_gradient(layer, x, y):
    check_node(layer, (x, y), dout=1.3)


@pytest.mark.parametrize("x", POINTS)
@pytest.mark.parametrize("layer", [SquareLayer, ExpLayer, ReciprocalLayer, SigmoidLayer, TanhLayer])
def test_unary_nodes_backward_matches_numerical_gradient(layer, x):
    check_node(layer, (x,), dout=-0.7)


@pytest.mark.parametrize("x", [-2.0, -0.1, 0.1, 2.0])  # away from the kink at 0, where ReLU has no derivative
def test_relu_backward_matches_numerical_gradient(x):
    check_node(ReluLayer, (x,), dout=2.5)


def test_multiply_swaps_and_add_passes_through():
    mul, add = MulLayer(), AddLayer()
    mul.forward(3.0, 5.0)
    add.forward(3.0, 5.0)
    assert mul.backward(2.0) == (10.0, 6.0)  # dout × the *other* input
    assert add.backward(2.0) == (2.0, 2.0)  # dout unchanged


def test_relu_blocks_the_gradient_where_the_input_was_not_positive():
    relu = ReluLayer()
    assert relu.forward(-3.0) == 0.0 and relu.backward(5.0) == 0.0
    assert relu.forward(0.0) == 0.0 and relu.backward(5.0) == 0.0  # the convention at the kink
    assert relu.forward(2.0) == 2.0 and relu.backward(5.0) == 5.0


def test_caches_start_as_none_and_backward_before_forward_is_a_clear_error():
    assert MulLayer().x is None and MulLayer().y is None
    for layer in (MulLayer(), AddLayer(), SquareLayer(), ExpLayer(), ReciprocalLayer(), ReluLayer(), SigmoidLayer(),
                  TanhLayer()):
        with pytest.raises(RuntimeError, match="before forward"):
            layer.backward(1.0)


@pytest.mark.parametrize("bad, error", [("3", TypeError), (None, TypeError), (float("nan"), ValueError),
                                        ([1.0, 2.0], TypeError), (np.array([1.0, 2.0]), ValueError)])
def test_bad_input_is_a_clear_error(bad, error):
    with pytest.raises(error, match="x"):
        MulLayer().forward(bad, 2.0)


def test_exp_and_reciprocal_refuse_what_they_cannot_compute():
    with pytest.raises(ValueError, match="overflows"):
        ExpLayer().forward(710.0)
    with pytest.raises(ValueError, match="undefined at x = 0"):
        ReciprocalLayer().forward(0.0)


def test_sigmoid_node_stays_finite_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for x, y in [(-1000.0, 0.0), (1000.0, 1.0), (-40.0, math.exp(-40.0))]:
            layer = SigmoidLayer()
            assert layer.forward(x) == pytest.approx(y, rel=1e-12, abs=0.0)
            assert math.isfinite(layer.backward(1.0))


@pytest.mark.parametrize("x", [-3.0, -0.4, 0.0, 1.2])
def test_tanh_node_sends_back_one_minus_y_squared_checked_by_gradcheck(x):
    """The source's tanh node: ∂y/∂x = 1 − y², against helpers.gradcheck.numerical_gradient (rel 1e-7)."""
    layer = TanhLayer()
    y = layer.forward(x)
    assert layer.backward(0.8) == pytest.approx(0.8 * (1 - y * y), rel=1e-14)
    point = np.array([x])
    numeric = numerical_gradient(lambda v: TanhLayer().forward(float(v[0])), point)[0]
    assert layer.backward(1.0) == pytest.approx(numeric, rel=RTOL, abs=ATOL)


def test_tanh_node_peaks_at_one_four_times_the_sigmoid_peak():
    tanh, sigmoid = TanhLayer(), SigmoidLayer()
    tanh.forward(0.0)
    sigmoid.forward(0.0)
    assert tanh.backward(1.0) == 1.0 and sigmoid.backward(1.0) == 0.25


def test_math_layer_imports_no_matplotlib():
    """helpers.graph is the math layer (DESIGN.md): drawing lives in helpers.graph_pictures."""
    code = "import sys, helpers.graph; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_numerical_derivative():
    assert numerical_derivative(math.sin, 0.3) == pytest.approx(math.cos(0.3), rel=1e-8)
    with pytest.raises(ValueError, match="h must be positive"):
        numerical_derivative(math.sin, 0.3, h=0.0)


# --- The textbook's numbers ------------------------------------------------------------------------------

def test_apples_forward_and_backward_with_the_layers():
    mul_apple, mul_tax = MulLayer(), MulLayer()
    price = mul_tax.forward(mul_apple.forward(100, 2), 1.1)
    assert price == pytest.approx(220) and price != 220  # 220.00000000000003: floating point, not a bug
    dapple_price, dtax = mul_tax.backward(1)
    dapple, dapple_num = mul_apple.backward(dapple_price)
    assert (dapple, dapple_num, dtax) == pytest.approx((2.2, 110, 200), rel=1e-12)


def test_apples_and_oranges():
    bill = shopping_bill(apple_price=100, apple_count=2, tax=1.1, orange_price=150, orange_count=3)
    assert bill.output == pytest.approx(715, rel=1e-12)
    expected = {"apple_price": 2.2, "apple_count": 110, "orange_price": 3.3, "orange_count": 165, "tax": 650}
    assert bill.grads == pytest.approx(expected, rel=1e-12)
    assert [format_value(bill.grads[k]) for k in expected] == ["2.2", "110", "3.3", "165", "650"]


def test_a_fixed_price_basket_gets_the_gradient_the_add_node_passes_on():
    bill = shopping_bill(100, 2, 1.1, 150, 3, basket=500)
    assert bill.output == pytest.approx((200 + 450 + 500) * 1.1)
    assert bill.grads["basket"] == pytest.approx(1.1)  # same as what reaches the other subtotal
    assert bill.backward[("add0", "add_basket")] == bill.backward[("basket", "add_basket")]
    assert bill.grads["tax"] == pytest.approx(1150)


@pytest.mark.parametrize("kwargs", [{}, {"orange_price": 150, "orange_count": 3},
                                    {"orange_price": 80, "orange_count": 4, "basket": 300, "tax": 1.08}])
def test_shopping_gradients_match_finite_differences(kwargs):
    bill = shopping_bill(**kwargs)
    for name, g in bill.grads.items():
        def total(v, name=name):
            return shopping_bill(**{**kwargs, name: v}).output

        default = {"apple_price": 100, "apple_count": 2, "tax": 1.1}
        at = kwargs.get(name, default.get(name))
        assert g == pytest.approx(numerical_derivative(total, at, h=1e-3), rel=1e-9), name


@pytest.mark.parametrize("dout", [1.0, 0.5, -2.0, 0.0])
def test_upstream_gradient_scales_every_backward_value(dout):
    """With dout = ∂L/∂total, each input's gradient is ∂L/∂input = dout · ∂total/∂input (gradcheck, rel 1e-9)."""
    unit, scaled = shopping_bill(150, 3, 1.08, basket=400), shopping_bill(150, 3, 1.08, basket=400, dout=dout)
    assert scaled.output == unit.output and scaled.backward[("mul_tax", "total")] == dout
    for name, g in unit.grads.items():
        assert scaled.grads[name] == pytest.approx(dout * g, rel=1e-12, abs=0.0)
    point = np.array([150.0, 3.0, 1.08, 400.0])
    numeric = numerical_gradient(lambda v: dout * shopping_bill(v[0], v[1], v[2], basket=v[3]).output, point, h=1e-3)
    analytic = [scaled.grads[k] for k in ("apple_price", "apple_count", "tax", "basket")]
    assert analytic == pytest.approx(numeric, rel=1e-9, abs=1e-9)


def test_shopping_needs_both_orange_numbers():
    with pytest.raises(ValueError, match="both orange_price and orange_count"):
        shopping_bill(orange_price=150)


def test_chain_rule_square_of_sum():
    g = square_of_sum(3.0, 4.0)
    assert g.output == 49.0 and g.grads == {"x": 14.0, "y": 14.0}  # 2(x + y)
    assert g.grads["x"] == pytest.approx(central_difference(lambda x, y: (x + y) ** 2, (3.0, 4.0), 0), rel=RTOL)


@pytest.mark.parametrize("x", [-5.0, -1.0, 0.0, 0.5, 3.0])
def test_sigmoid_chain_gives_y_times_one_minus_y(x):
    chain = sigmoid_chain(x)
    y = 1 / (1 + math.exp(-x))
    assert chain.output == pytest.approx(y, rel=1e-14)
    assert chain.grads["x"] == pytest.approx(y * (1 - y), rel=1e-12)
    fused = SigmoidLayer()
    fused.forward(x)
    assert fused.backward(1.0) == pytest.approx(chain.grads["x"], rel=1e-12)
    assert chain.grads["x"] == pytest.approx(central_difference(lambda v: sigmoid_chain(v).output, (x,), 0),
                                             rel=RTOL)


def test_format_value_hides_floating_point_noise():
    assert format_value(220.00000000000003) == "220"
    assert format_value(3.3000000000000003) == "3.3"
    assert format_value(0.19661193324148188) == "0.197"
    assert format_value(-1e-12) == "0"


# --- Drawing ---------------------------------------------------------------------------------------------

def test_draw_graph_puts_forward_above_and_backward_below_each_edge():
    bill = shopping_bill()
    picture = draw_graph(bill)
    assert isinstance(picture, GraphPicture) and len(picture.artists) == 2 * len(bill.spec.edges)
    for edge in bill.spec.edges:
        f, b = picture.forward_texts[edge], picture.backward_texts[edge]
        assert f.get_text() == format_value(bill.forward[edge])
        assert b.get_text() == format_value(bill.backward[edge])
        assert f.get_position()[1] >= b.get_position()[1]
    assert picture.forward_texts[("mul_tax", "total")].get_text() == "220"
    assert picture.backward_texts[("apple_price", "mul_apple")].get_text() == "2.2"


def test_update_changes_only_the_numbers():
    picture = draw_graph(shopping_bill())
    n_texts = len(picture.ax.texts)
    picture.update(shopping_bill(apple_price=120).forward, shopping_bill(apple_price=120).backward)
    assert picture.forward_texts[("mul_tax", "total")].get_text() == "264"
    assert len(picture.ax.texts) == n_texts


def test_draw_on_given_axes_forward_only_or_shape_only():
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    picture = draw_graph(sigmoid_chain(1.0), ax=ax, show_backward=False, title="sigmoid")
    assert picture.ax is ax and picture.title.get_text() == "sigmoid"
    assert all(t.get_text() == "" for t in picture.backward_texts.values())
    shape = draw_graph(square_of_sum(1, 2).spec)
    assert isinstance(shape.spec, GraphSpec) and all(t.get_text() == "" for t in shape.artists)
    with pytest.raises(TypeError, match="GraphValues or GraphSpec"):
        draw_graph({"a": 1})


def test_the_backward_legend_shows_only_with_backward_values():
    assert draw_graph(shopping_bill()).backward_legend.get_visible()
    assert not draw_graph(shopping_bill(), show_backward=False).backward_legend.get_visible()
