"""The editable shopping graph of notebook 03: sliders for prices, counts, tax, the fruit basket and the
upstream gradient ``dout``; the graph's numbers follow.

The math is :func:`helpers.graph.shopping_bill` (tests call it directly); this module only wires sliders
to it and redraws the numbers of a graph built once (``helpers.widgets.LiveFigure``, blitting).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from matplotlib.figure import Figure

from helpers.graph import GraphValues, shopping_bill
from helpers.graph_pictures import BACKWARD_COLOR, GraphPicture, format_value
from helpers.validation import as_finite_float, as_instance
from helpers.widgets import LiveFigure, Panel

INPUT_NAMES = {"apple_price": "apple price (won)", "apple_count": "apple count", "orange_price": "orange price (won)",
               "orange_count": "orange count", "basket": "basket price (won)", "tax": "tax factor"}
PAD = "padding:0 0 0 14px"
#: (low, high, step) of each slider: the ranges a constructor argument must lie in.
RANGES = {"apple_price": (0, 500, 10), "apple_count": (0, 10, 1), "orange_price": (0, 500, 10),
          "orange_count": (0, 10, 1), "tax_rate": (0, 30, 1), "basket": (0, 1000, 50), "dout": (-2.0, 2.0, 0.1)}
#: Slider labels: the symbol or name the text uses, with units.
LABELS = {**{k: v for k, v in INPUT_NAMES.items() if k != "tax"}, "tax_rate": "tax rate (%)",
          "dout": "dout = ∂L/∂total"}
LEGEND = (f"<span style='font-size:90%'><b>black</b>: forward values · <b style='color:{BACKWARD_COLOR}'>"
          "red</b>: backward values ∂L/∂edge, starting from dout at the total</span>")


def tax_factor(rate_percent) -> float:
    """Tax rate in percent → the factor the graph multiplies by (10 % → 1.1)."""
    return 1.0 + as_finite_float(rate_percent, "rate_percent") / 100.0


def gradient_table_html(bill: GraphValues, dout: float = 1.0) -> str:
    """Per input: ∂total/∂input, what it means in won ('price +1 won → total +2.2 won'), and ∂L/∂input.

    Args:
        bill: the graph run with ``dout = 1`` (so ``bill.grads`` are ∂total/∂input).
        dout: the upstream gradient ∂L/∂total; the last column is ``dout · ∂total/∂input``.
    """
    as_instance(bill, "bill", GraphValues, "the GraphValues of shopping_bill()")
    dout = as_finite_float(dout, "dout")
    rows = []
    for name, label in INPUT_NAMES.items():
        if name not in bill.grads:
            continue
        g = bill.grads[name]
        step = "+0.01" if name == "tax" else "+1"
        change = format_value(g * (0.01 if name == "tax" else 1.0))
        rows.append(f"<tr><td style='text-align:left'>{html.escape(label)}</td><td style='{PAD}'><b>{format_value(g)}"
                    f"</b></td><td style='text-align:left;{PAD}'>{step} → total +{change} won</td>"
                    f"<td style='{PAD};color:{BACKWARD_COLOR}'>{format_value(dout * g)}</td></tr>")
    return ("<table style='border-collapse:collapse;text-align:right;font-family:monospace'>"
            f"<tr><th style='text-align:left'>input</th><th style='{PAD}'>∂total/∂input</th>"
            f"<th style='text-align:left;{PAD}'>nudge → effect</th><th style='{PAD}'>∂L/∂input</th></tr>"
            + "".join(rows) + "</table>"
            f"<div style='margin-top:4px'><b>total = {format_value(bill.output)} won</b>; "
            f"dout = ∂L/∂total = {format_value(dout)}</div>")


def _checked(value, name: str):
    """A constructor argument as a number inside its slider's range (whole for a count, price or rate), or a
    ``TypeError``/``ValueError`` naming it."""
    low, high, _ = RANGES[name]
    number = as_finite_float(value, name)
    if isinstance(low, int) and not number.is_integer():
        raise TypeError(f"{name} must be a whole number, got {value!r}")
    if not low <= number <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")
    return number


class ShoppingPlayground(Panel):
    """Sliders for apple/orange price and count, the tax rate, an optional fruit basket and ``dout``, over a
    live drawing of the shopping graph.

    Tests (and learners) can set ``playground.apple_price.value = 120`` or
    ``playground.set_settings(dout=0.5)`` and read ``playground.bill`` (a :class:`helpers.graph.GraphValues`,
    run with the slider's ``dout``), ``playground.picture`` texts or ``playground.table.value``.
    """

    def __init__(self, apple_price=100, apple_count=2, orange_price=150, orange_count=3, tax_rate=10, basket=None,
                 dout=1.0):
        values = {"apple_price": apple_price, "apple_count": apple_count, "orange_price": orange_price,
                  "orange_count": orange_count, "basket": basket, "tax_rate": tax_rate, "dout": dout}
        values = {name: _checked(v, name) for name, v in values.items() if v is not None}
        sliders = {}
        for name, value in values.items():
            low, high, step = RANGES[name]
            kind = widgets.FloatSlider if name == "dout" else widgets.IntSlider
            sliders[name] = kind(value=value if name == "dout" else int(value), min=low, max=high, step=step,
                                 description=LABELS[name], continuous_update=True, style={"description_width": "130px"},
                                 layout=widgets.Layout(width="370px"))
        self.apple_price, self.apple_count = sliders["apple_price"], sliders["apple_count"]
        self.orange_price, self.orange_count = sliders["orange_price"], sliders["orange_count"]
        self.tax_rate, self.dout, self.basket = sliders["tax_rate"], sliders["dout"], sliders.get("basket")
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 24px"))
        self._register_controls(sliders)

        self.bill = self.compute()
        fig = Figure(figsize=(8.0, 3.9), dpi=100, layout="constrained")
        self.picture = GraphPicture(fig.add_subplot(), self.bill.spec, self.bill.forward, self.bill.backward,
                                    title="the shopping graph (move the sliders below)")
        self.figure = LiveFigure(fig, self.picture.artists)  # only the numbers move (the total is in the table)
        for control in self.controls.values():
            self._observe(control, lambda _change: self.update())
        self.panel = widgets.VBox([
            self.figure.image,
            widgets.HTML(LEGEND),
            widgets.HBox([widgets.VBox([*self.controls.values(), self.defaults_button()]), self.table]),
        ])
        self.update()

    def compute(self, dout: float | None = None) -> GraphValues:
        """The shopping graph for the sliders' current values, run backward from ``dout`` (the slider's
        value when None)."""
        return shopping_bill(apple_price=self.apple_price.value, apple_count=self.apple_count.value,
                             tax=tax_factor(self.tax_rate.value), orange_price=self.orange_price.value,
                             orange_count=self.orange_count.value,
                             basket=None if self.basket is None else self.basket.value,
                             dout=self.dout.value if dout is None else dout)

    def update(self) -> None:
        """Recompute from the sliders and redraw the numbers on the graph and the gradient table."""
        self.bill = self.compute()
        self.figure.redraw_changed(self.picture.update(self.bill.forward, self.bill.backward))  # the changed numbers
        self.table.value = gradient_table_html(self.compute(dout=1.0), self.dout.value)


def shopping_playground(apple_price=100, apple_count=2, orange_price=150, orange_count=3, tax_rate=10,
                        basket=None, dout=1.0) -> ShoppingPlayground:
    """The editable shopping graph, starting at the textbook's purchase (2 apples at 100, 3 oranges at 150, 10 %);
    ``basket`` (won) adds the fixed-price fruit basket of the source's third graph and its slider."""
    return ShoppingPlayground(apple_price, apple_count, orange_price, orange_count, tax_rate, basket, dout)
