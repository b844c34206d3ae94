"""The editable shopping graph, driven without a browser: move a slider, read what the learner would see."""

import pytest

from helpers.graph import shopping_bill
from helpers.graph_playground import gradient_table_html, shopping_playground, tax_factor


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
    assert bytes(p.figure.image.value).startswith(b"\x89PNG")


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
