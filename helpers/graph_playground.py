"""The editable shopping graph of notebook 03: sliders for prices, counts and tax; the graph's numbers follow.

The math is :func:`helpers.graph.shopping_bill` (tests call it directly); this module only wires sliders
to it and redraws the numbers of a graph built once (``helpers.widgets.LiveFigure``, blitting).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from matplotlib.figure import Figure

from helpers.graph import GraphPicture, GraphValues, format_value, shopping_bill
from helpers.widgets import LiveFigure, Panel

INPUT_NAMES = {"apple_price": "apple price (won)", "apple_count": "apple count", "orange_price": "orange price (won)",
               "orange_count": "orange count", "tax": "tax factor"}
PAD = "padding:0 0 0 14px"


def tax_factor(rate_percent) -> float:
    """Tax rate in percent → the factor the graph multiplies by (10 % → 1.1)."""
    return 1.0 + rate_percent / 100.0


def gradient_table_html(bill: GraphValues) -> str:
    """∂total/∂input for each input, with what it means in won: 'price +1 won → total +2.2 won'."""
    rows = []
    for name, label in INPUT_NAMES.items():
        g = format_value(bill.grads[name])
        step = "+0.01" if name == "tax" else "+1"
        change = format_value(bill.grads[name] * (0.01 if name == "tax" else 1.0))
        rows.append(f"<tr><td style='text-align:left'>{html.escape(label)}</td><td style='{PAD}'><b>{g}</b></td>"
                    f"<td style='text-align:left;{PAD}'>{step} → total +{change} won</td></tr>")
    return ("<table style='border-collapse:collapse;text-align:right;font-family:monospace'>"
            f"<tr><th style='text-align:left'>input</th><th style='{PAD}'>∂total/∂input</th>"
            f"<th style='text-align:left;{PAD}'>nudge → effect</th></tr>" + "".join(rows) + "</table>"
            f"<div style='margin-top:4px'><b>total = {format_value(bill.output)} won</b></div>")


class ShoppingPlayground(Panel):
    """Sliders for apple/orange price and count and the tax rate over a live drawing of the shopping graph.

    Tests (and learners) can set ``playground.apple_price.value = 120`` and read ``playground.bill``
    (a :class:`helpers.graph.GraphValues`), ``playground.picture`` texts or ``playground.table.value``.
    """

    def __init__(self, apple_price=100, apple_count=2, orange_price=150, orange_count=3, tax_rate=10):
        def slider(kind, description, value, lo, hi, step):
            return kind(value=value, min=lo, max=hi, step=step, description=description, continuous_update=True,
                        style={"description_width": "110px"}, layout=widgets.Layout(width="340px"))

        self.apple_price = slider(widgets.IntSlider, "apple price", apple_price, 0, 500, 10)
        self.apple_count = slider(widgets.IntSlider, "apple count", apple_count, 0, 10, 1)
        self.orange_price = slider(widgets.IntSlider, "orange price", orange_price, 0, 500, 10)
        self.orange_count = slider(widgets.IntSlider, "orange count", orange_count, 0, 10, 1)
        self.tax_rate = slider(widgets.IntSlider, "tax rate (%)", tax_rate, 0, 30, 1)
        self.controls = [self.apple_price, self.apple_count, self.orange_price, self.orange_count, self.tax_rate]
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 24px"))

        self.bill = self.compute()
        fig = Figure(figsize=(8.0, 3.9), dpi=100, layout="constrained")
        self.picture = GraphPicture(fig.add_subplot(), self.bill.spec, self.bill.forward, self.bill.backward,
                                    title="the shopping graph (move the sliders below)")
        self.figure = LiveFigure(fig, self.picture.artists)  # only the numbers move (the total is in the table)
        for control in self.controls:
            control.observe(self._on_change, names="value")
        self.panel = widgets.VBox([
            self.figure.image,
            widgets.HBox([widgets.VBox(self.controls), self.table]),
        ])
        self.update()

    def compute(self) -> GraphValues:
        """The shopping graph for the sliders' current values (forward and backward)."""
        return shopping_bill(apple_price=self.apple_price.value, apple_count=self.apple_count.value,
                             tax=tax_factor(self.tax_rate.value), orange_price=self.orange_price.value,
                             orange_count=self.orange_count.value)

    def update(self) -> None:
        """Recompute from the sliders and redraw the numbers on the graph and the gradient table."""
        self.bill = self.compute()
        self.picture.update(self.bill.forward, self.bill.backward)
        self.figure.redraw()
        self.table.value = gradient_table_html(self.bill)

    def _on_change(self, _change) -> None:
        self.update()



def shopping_playground(apple_price=100, apple_count=2, orange_price=150, orange_count=3,
                        tax_rate=10) -> ShoppingPlayground:
    """The editable shopping graph, starting at the textbook's purchase (2 apples at 100, 3 oranges at 150, 10 %)."""
    return ShoppingPlayground(apple_price, apple_count, orange_price, orange_count, tax_rate)
