"""The editable shopping graph, driven without a browser: move a slider, read what the learner would see."""

import math

import ipywidgets as widgets
import pytest

from helpers.graph import shopping_bill
from helpers.graph_playground import gradient_table_html, shopping_playground, tax_factor
from helpers.png import shown_picture


def texts(p, edge):
    return p.picture.forward_texts[edge].get_text(), p.picture.backward_texts[edge].get_text()


def test_starts_at_the_textbook_purchase():
    p = shopping_playground()
    assert p.bill.output == pytest.approx(715)
    assert texts(p, ("mul_tax", "total")) == ("715", "1")
    assert texts(p, ("apple_price", "mul_apple")) == ("100", "2.2")
    assert texts(p, ("orange_count", "mul_orange")) == ("3", "165")
    assert texts(p, ("tax", "mul_tax")) == ("1.1", "650")
    assert "total = 715 won" in p.table.value
    assert shown_picture(p.figure.image).startswith(b"\x89PNG")


def test_moving_a_slider_updates_forward_and_backward_numbers_and_picture():
    p = shopping_playground()
    png = p.figure.image.value
    p.apple_count.value = 5  # 100·5 + 150·3 = 950, × 1.1
    assert p.bill.output == pytest.approx(1045)
    assert texts(p, ("mul_tax", "total"))[0] == "1045"
    assert texts(p, ("apple_price", "mul_apple"))[1] == "5.5"  # ∂total/∂price = count × tax
    assert texts(p, ("tax", "mul_tax"))[1] == "950"
    assert p.figure.image.value != png


def test_tax_slider_is_a_percentage():
    p = shopping_playground()
    p.tax_rate.value = 0
    assert texts(p, ("tax", "mul_tax"))[0] == "1" and p.bill.output == pytest.approx(650)
    assert p.bill.grads["apple_price"] == pytest.approx(2.0)
    assert tax_factor(10) == pytest.approx(1.1)


def test_the_widget_agrees_with_the_plain_function():
    p = shopping_playground(120, 4, 80, 7, 8)
    expected = shopping_bill(120, 4, 1.08, 80, 7)
    assert p.bill.output == pytest.approx(expected.output) and p.bill.grads == pytest.approx(expected.grads)


def test_gradient_table_reads_as_won():
    html = gradient_table_html(shopping_bill(100, 2, 1.1, 150, 3))
    assert "+1 → total +2.2 won" in html and "+1 → total +165 won" in html and "+0.01 → total +6.5 won" in html


def test_the_figure_is_built_once_and_only_numbers_change():
    p = shopping_playground()
    fig, n_texts = p.figure.fig, len(p.picture.ax.texts)
    for v in (110, 120, 130):
        p.orange_price.value = v
    assert p.figure.fig is fig and len(fig.axes) == 1 and len(p.picture.ax.texts) == n_texts


def test_the_fruit_basket_of_the_third_graph_gets_its_own_slider():
    p = shopping_playground(basket=500)
    assert p.bill.output == pytest.approx((200 + 450 + 500) * 1.1)
    assert texts(p, ("basket", "add_basket")) == ("500", "1.1")
    p.basket.value = 0  # a gradient does not depend on the value it belongs to
    assert p.bill.output == pytest.approx(715) and texts(p, ("basket", "add_basket"))[1] == "1.1"
    assert shopping_playground().basket is None and "basket" not in shopping_playground().settings


def test_dout_scales_every_red_number_but_not_the_forward_pass():
    p = shopping_playground(basket=500)
    forward = dict(p.bill.forward)
    p.dout.value = 0.5  # split the bill with a friend: your share is total / 2
    assert p.bill.forward == forward
    assert texts(p, ("mul_tax", "total")) == ("1265", "0.5")
    assert texts(p, ("apple_price", "mul_apple"))[1] == "1.1" and texts(p, ("basket", "add_basket"))[1] == "0.55"
    assert "dout = ∂L/∂total = 0.5" in p.table.value and "<b>2.2</b>" in p.table.value  # ∂total/∂price stays


def test_raising_the_orange_price_changes_exactly_two_red_numbers():
    p = shopping_playground()
    before = dict(p.bill.backward)
    p.orange_price.value = 200
    changed = {edge for edge in before if not math.isclose(before[edge], p.bill.backward[edge])}
    assert changed == {("orange_count", "mul_orange"), ("tax", "mul_tax")}


def test_settings_defaults_button_and_one_redraw():
    p = shopping_playground(basket=500)
    assert p.settings == {"apple_price": 100, "apple_count": 2, "orange_price": 150, "orange_count": 3, "basket": 500,
                          "tax_rate": 10, "dout": 1.0}
    png = p.figure.image.value
    p.set_settings(apple_count=5, tax_rate=0, dout=2.0)
    assert p.bill.output == pytest.approx(500 + 450 + 500) and p.bill.grads["apple_price"] == pytest.approx(10.0)
    assert p.figure.image.value != png
    with pytest.raises(ValueError, match="dout must be between -2.0 and 2.0"):
        p.set_settings(apple_count=1, dout=3.0)
    assert p.settings["apple_count"] == 5
    buttons = [w for w in p.panel.children[2].children[0].children if isinstance(w, widgets.Button)]
    buttons[0].click()
    assert p.settings["apple_count"] == 2 and p.bill.output == pytest.approx(1265)


def test_controls_are_labelled_with_units_and_a_legend_says_what_the_colours_mean():
    p = shopping_playground(basket=500)
    labels = [c.description for c in p.controls.values()]
    assert labels == ["apple price (won)", "apple count", "orange price (won)", "orange count", "basket price (won)",
                      "tax rate (%)", "dout = ∂L/∂total"]
    legend = p.panel.children[1].value
    assert "black" in legend and "forward" in legend and "red" in legend and "backward" in legend


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"apple_price": "100"}, TypeError, "apple_price must be a real number"),
    ({"apple_count": 2.5}, TypeError, "apple_count must be a whole number"),
    ({"tax_rate": 40}, ValueError, "tax_rate must be between 0 and 30, got 40"),
    ({"basket": -10}, ValueError, "basket must be between 0 and 1000"),
    ({"dout": float("nan")}, ValueError, "dout must be finite"),
])
def test_bad_constructor_arguments_are_clear_errors(kwargs, error, words):
    with pytest.raises(error, match=words):
        shopping_playground(**kwargs)


def test_a_move_redraws_only_the_changed_numbers_and_gives_the_picture_of_a_whole_redraw():
    import numpy as np

    p = shopping_playground(basket=500)
    for control, value in ((p.apple_price, 130), (p.dout, 0.5), (p.tax_rate, 25), (p.basket, 0), (p.apple_count, 9)):
        changed = p.picture.update(p.bill.forward, p.bill.backward)
        assert changed == []  # the numbers shown are the bill's
        control.value = value
        partial = np.asarray(p.figure.fig.canvas.buffer_rgba()).copy()
        p.figure.redraw()
        assert np.array_equal(partial, np.asarray(p.figure.fig.canvas.buffer_rgba())), (control.description, value)
