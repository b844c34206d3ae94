"""The API probe's entries for the picture modules (matplotlib and Pillow) and ``live_figure`` (the figure every
panel redraws in place), merged into :data:`probe_registry.REGISTRY`.

A plot called with ``ax=None`` draws on a new pyplot figure: :func:`closing` closes every figure after the
call. A picture that needs axes gets them from a plain ``Figure`` (no pyplot), shared by the calls.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from probe import Arg, fn, meth

from helpers import (
    activation_pictures,
    classifier_pictures,
    gates,
    grid_shade,
    hidden_space_pictures,
    init_pictures,
    inline_figures,
    layers,
    live_figure,
    network_pictures,
    picture_basics,
    plotting,
    png,
    rnn_pictures,
)
from helpers.picture_basics import PROBABILITY_CMAP
from helpers.playground import display, palette, picture

MODULES = [plotting, picture_basics, activation_pictures, classifier_pictures, network_pictures, hidden_space_pictures,
           init_pictures, rnn_pictures, palette, picture, live_figure, grid_shade, png, inline_figures]

_r = np.random.default_rng(2)
X42 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y4 = np.array([0, 1, 1, 0])
P3 = np.array([[0.2, 0.5, 0.3], [0.9, 0.05, 0.05]])  # class probabilities (N, K)
STDS = Arg([0.5, 0.7], "any", optional=True, nan_ok=True,  # one per layer of ACTS
          extra=[("one short", [0.5]), ("negative", [-0.5, 0.7]), ("a table", [[0.5, 0.7]])])
ACTS = [np.abs(_r.standard_normal((20, 3))), np.abs(_r.standard_normal((20, 3)))]  # two layers of relu outputs
REPORT = gates.evaluate_gate((0.5, 0.5), -0.7, "AND")
_FIG = Figure()
AX, AX3 = _FIG.add_subplot(2, 2, 1), _FIG.add_subplot(2, 2, 2, projection="3d")
ROW = [_FIG.add_subplot(2, 2, 3), _FIG.add_subplot(2, 2, 4)]
_NET = dict(labels=["x1", "x2"], layers=(2,))
_PIC = picture.NetworkPicture(**_NET)


def A(good, kind, **kw):
    return Arg(good, kind, **kw)


def closing(target):
    """``target(**kw)``, then every pyplot figure closed (the probe makes thousands of calls)."""
    def call(**kw):
        try:
            return target(**kw)
        finally:
            plt.close("all")
    return call


def pic(target, /, **args):
    return fn(closing(target), **args)


def _mlp():
    return layers.mlp([2, 2, 1], activation="tanh", rng=0)


def _frame():
    """Good arguments of ``NetworkPicture.render`` for the 2-2-1 network of ``_PIC``."""
    grid = picture.grid_points()
    out = [np.tanh(grid), np.tanh(grid[:, :1] - grid[:, 1:]) * np.ones((1, 2)), np.tanh(grid[:, :1])]
    return dict(outputs=A(out, "object", extra=[("one column short", out[:2])]),
                weights=A([np.ones((2, 2)), np.ones((2, 1))], "object", extra=[("wrong shape", [np.ones((3, 2)),
                                                                                               np.ones((2, 1))])]),
                biases=A([np.zeros(2), np.zeros(1)], "object", extra=[("wrong shape", [np.zeros(3), np.zeros(1)])]),
                big=A((2, 0), "object", extra=[("no such node", (5, 0))]),
                points=A((X42, palette.point_colours(Y4 * 2.0 - 1), Y4 == 0), "object",
                         extra=[("two parts", (X42, palette.point_colours(Y4 * 2.0 - 1)))]),
                history=A(([0.7, 0.5], [0.8, 0.6]), "object", extra=[("lengths differ", ([0.7], [0.8, 0.6]))]),
                title=A("epoch 2", "text", skip=("empty string",)),
                marked=A(((1, 0),), "object", skip=("dict",), extra=[("no such node", ((9, 9),))]),
                link=A(None, "object", optional=True, extra=[("no such link", (7, 0, 0))]),
                discretize=A(False, "bool"))


def _live():
    """A live figure of two lines; the second is shared by the calls to ``redraw_changed`` (its ``changed``)."""
    fig = Figure()
    return live_figure.LiveFigure(fig, fig.add_subplot().plot([0, 1], [0, 1], [0, 1], [1, 0]))


_LIVE = _live()


def _shade():
    """A shade of 2 x 5 cells."""
    return grid_shade.GridShade(Figure().add_subplot(), np.zeros((2, 5)), extent=(0, 1, 0, 1), cmap=PROBABILITY_CMAP,
                                vmin=0, vmax=1)

_OTHER_LINE = _live().dynamic_artists[0]  # an artist of another live figure

REGISTRY = {
    # --- live_figure: a figure redrawn in place (every panel's picture) --------------------------------
    "live_figure.LiveFigure": fn(live_figure.LiveFigure, fig=A(_live().fig, "object"),
                                 dynamic_artists=A([], "object", skip=("dict",), extra=[("a list with a number", [3])]),
                                 hinted_text=A(False, "bool"),
                                 key=A(None, "object", optional=True, skip=("string", "number")),
                                 overlay_artists=A([], "object", skip=("dict",),
                                                   extra=[("a list with a number", [3])]),
                                 overlay_key=A(None, "object", optional=True, skip=("string", "number")),
                                 draw=A(True, "bool")),
    "live_figure.LiveFigure.redraw": meth(_live, "redraw", full=A(True, "bool"),
                                          key=A(None, "object", optional=True, skip=("string", "number")),
                                          overlay_key=A(None, "object", optional=True, skip=("string", "number"))),
    "live_figure.LiveFigure.redraw_changed": meth(lambda: _LIVE, "redraw_changed",
                                                  changed=A(_LIVE.dynamic_artists[1:], "object",
                                                            extra=[("a list with a number", [3]),
                                                                   ("an artist of another figure", [_OTHER_LINE])])),
    "live_figure.LiveFigure.png": meth(_live, "png"),
    "grid_shade.GridShade": fn(grid_shade.GridShade, ax=A(_FIG.add_subplot(), "object"),
                               values=A(np.zeros((3, 4)), "rows", nan_ok=True),
                               extent=A((0.0, 1.0, 0.0, 1.0), "object", extra=[("3 numbers", (0, 1, 0))]),
                               cmap=A(PROBABILITY_CMAP, "object"), vmin=A(0.0, "float"), vmax=A(1.0, "float"),
                               alpha=A(0.5, "float", extra=[("above 1", 1.5), ("negative", -0.1)]),
                               origin=A("lower", "choice"), zorder=A(0.0, "float")),
    "grid_shade.GridShade.set_data": meth(_shade, "set_data", values=A(np.ones((2, 5)), "rows", nan_ok=True)),
    "grid_shade.GridShade.get_array": meth(_shade, "get_array"),
    "grid_shade.GridShade.set_extent": meth(_shade, "set_extent", extent=A((0.0, 2.0, 1.0, 0.0), "object", extra=[
        ("3 numbers", (0, 1, 0)), ("no width", (1, 1, 0, 1))])),
    "png.encode_png": fn(png.encode_png, pixels=A(np.zeros((2, 3, 3), np.uint8), "object", extra=[
        ("float pixels", np.zeros((2, 3, 3))), ("2-D", np.zeros((2, 3), np.uint8)),
        ("2 channels", np.zeros((2, 3, 2), np.uint8))]),
        rows=A(np.zeros((2, 10), np.uint8), "object", optional=True,
               extra=[("wrong shape", np.zeros((2, 7), np.uint8))])),
    "inline_figures.figure_png": fn(inline_figures.figure_png, fig=A(_FIG, "object", extra=[("axes", AX)])),
    "inline_figures.show_figures_drawn_once": fn(inline_figures.show_figures_drawn_once, shell=A(
        None, "object", optional=True, extra=[("a string", "ipython")])),
    "png.data_url": fn(png.data_url, data=A(b"\x89PNG", "object", extra=[("JPEG bytes", b"\xff\xd8")])),
    "png.shown_picture": fn(png.shown_picture, image=A(
        _LIVE.image, "object", extra=[("an image of raw PNG bytes", widgets.Image(value=b"\x89PNG"))])),
    # --- plotting ------------------------------------------------------------------------------------
    "plotting.use_course_style": fn(plotting.use_course_style),
    "plotting.decision_line_points": fn(plotting.decision_line_points, w=A(np.array([1.0, 1.0]), "shaped"),
                                        b=A(-1.0, "float"), limits=A((-0.5, 1.5), "pair")),
    "plotting.GatePicture": fn(plotting.GatePicture, ax=A(AX, "object"), report=A(REPORT, "object"),
                               next_row=A(None, "int", optional=True, extra=[("row 4", 4), ("negative", -1)])),
    "plotting.firing_region": fn(plotting.firing_region, w=A(np.array([0.5, 0.5]), "shaped"), b=A(-0.7, "float"),
                                 limits=A((-0.5, 1.5), "pair")),
    "plotting.GatePicture.update": meth(lambda: plotting.GatePicture(AX, REPORT), "update",
                                        report=A(REPORT, "object"),
                                        next_row=A(1, "int", optional=True, extra=[("row 4", 4), ("negative", -1)])),
    "plotting.plot_gate": pic(plotting.plot_gate, w=A(np.array([0.5, 0.5]), "shaped"), b=A(-0.7, "float"),
                              gate=A("AND", "choice"), ax=A(None, "object", optional=True)),
    "plotting.truth_table_html": fn(plotting.truth_table_html, report=A(REPORT, "object"), form=A("bias", "choice")),
    "plotting.plot_training_history": pic(plotting.plot_training_history,
                                          history=A({"accuracy": [0.5, 0.75, 1.0]}, "object",
                                                    extra=[("no accuracy", {"loss": [1.0]}),
                                                           ("NaN accuracy", {"accuracy": [0.5, np.nan]}),
                                                           ("empty accuracy", {"accuracy": []})]),
                                          ax=A(None, "object", optional=True)),
    "plotting.plot_decision_regions": pic(plotting.plot_decision_regions,
                                          predict=A(lambda P: (P.sum(axis=1) > 1).astype(int), "callable",
                                                    extra=[("wrong output size", lambda P: np.zeros(3))]),
                                          X=A(X42, "batch"), y=A(Y4, "labels01"), ax=A(None, "object", optional=True),
                                          resolution=A(10, "posint"), padding=A(0.5, "nonneg")),
    "plotting.plot_perceptron_diagram": pic(plotting.plot_perceptron_diagram, w=A(np.array([0.5, 0.5]), "shaped"),
                                            b=A(-0.7, "float"), ax=A(None, "object", optional=True),
                                            labels=A(("a", "b"), "object", extra=[("three labels", ("a", "b", "c"))])),
    "plotting.plot_output_surface": pic(plotting.plot_output_surface, w=A(np.array([0.5, 0.5]), "shaped"),
                                        b=A(-0.7, "float"), ax=A(None, "object", optional=True,
                                                                 extra=[("2-D axes", AX)]),
                                        resolution=A(8, "posint")),
    "activation_pictures.plot_activation": pic(activation_pictures.plot_activation, name=A("elu", "choice"),
                                    value=A(0.5, "float", optional=True), ax=A(None, "object", optional=True),
                                    x_range=A((-3.0, 3.0), "pair"), legend=A(True, "bool")),
    "classifier_pictures.plot_confusion_matrix": pic(classifier_pictures.plot_confusion_matrix,
                                          counts=A(np.array([[3, 1], [0, 4]]), "shaped",
                                                   extra=[("negative count", np.array([[3, -1], [0, 4]])),
                                                          ("fractional count", np.array([[3, 0.5], [0, 4]])),
                                                          ("not square", np.ones((2, 3)))]),
                                          ax=A(None, "object", optional=True),
                                          class_names=A(("a", "b"), "object", optional=True,
                                                        extra=[("three names", ("a", "b", "c"))])),
    "classifier_pictures.plot_digit_images": pic(classifier_pictures.plot_digit_images,  # (1, 3, 16): one image
                                      images=A(_r.random((3, 16)), "rows", skip=("extra dimension", "empty"),
                                               extra=[("not square", _r.random((3, 15)))]),  # any square size
                                      titles=A(("a", "b", "c"), "object", extra=[("four titles", "abcd")]),
                                      axes=A(None, "object", optional=True), ncols=A(3, "posint")),
    "network_pictures.plot_network": pic(network_pictures.plot_network, layer_labels=A([["a", "b"], ["c"]], "object",
                                                                        extra=[("an empty layer", [["a"], []]),
                                                                               ("one layer", [["a", "b"]])]),
                                 ax=A(None, "object", optional=True),
                                 edge_labels=A({(0, 0, 0): "w"}, "object", optional=True, skip=("dict",),
                                               extra=[("no such edge", {(3, 0, 0): "w"})]),
                                 layer_names=A(("in", "out"), "object", optional=True,
                                               extra=[("three names", ("a", "b", "c"))])),
    "network_pictures.probability_grid": fn(network_pictures.probability_grid, limits=A((-1.5, 1.5), "pair"),
                                    resolution=A(5, "posint")),
    "network_pictures.plot_probability_regions": pic(network_pictures.plot_probability_regions,
                                             proba=A(lambda P: 1 / (1 + np.exp(-P.sum(axis=1))), "callable",
                                                     extra=[("wrong output size", lambda P: np.zeros(3)),
                                                            ("probability 2", lambda P: np.full(len(P), 2.0))]),
                                             X=A(X42, "batch"), y=A(Y4, "labels01"),
                                             ax=A(None, "object", optional=True), limits=A((-1.5, 1.5), "pair"),
                                             resolution=A(6, "posint"), point_size=A(18.0, "pos")),
    "picture_basics.axes_or_new": pic(picture_basics.axes_or_new, ax=A(None, "object", optional=True),
                                      figsize=A((2.0, 2.0), "pair", skip=("reversed",)),
                                      methods=A(("plot",), "object", skip=("dict",))),
    "picture_basics.two_class_points": fn(picture_basics.two_class_points, X=A(X42, "batch"), y=A(Y4, "labels01")),
    "picture_basics.grid_outputs": fn(picture_basics.grid_outputs, values=A(np.full(4, 0.5), "any", skip=("NaN",)),
                                      name=A("proba", "text", skip=("empty string",)), shape=A((2, 2), "object",
                                                                                        extra=[("too big", (3, 3))]),
                                      probabilities=A(True, "bool")),
    # --- hidden_space_pictures, rnn_pictures -----------------------------------------------------------
    "hidden_space_pictures.plot_hidden_space": pic(hidden_space_pictures.plot_hidden_space,
                                                   model=A(_mlp(), "object"), X=A(X42, "batch"), y=A(Y4, "labels01"),
                                                   ax=A(None, "object", optional=True),
                                                   layer=A(1, "posint", extra=[("too deep", 2)]),
                                                   labels=A(("a", "b", "c", "d"), "object", optional=True,
                                                            extra=[("one label short", ("a", "b", "c"))]),
                                                   limits=A((-2.0, 2.0), "pair", optional=True)),
    "rnn_pictures.plot_unrolled_rnn": pic(rnn_pictures.plot_unrolled_rnn, steps=A(2, "posint"),
                                          bidirectional=A(True, "bool"), ax=A(None, "object", optional=True)),
    # --- init_pictures -------------------------------------------------------------------------------
    "init_pictures.histogram_range": fn(init_pictures.histogram_range, activation=A("relu", "choice"),
                                        acts=A(ACTS, "object", extra=[("empty list", []),
                                                                      ("a string layer", ["abc"])])),
    "init_pictures.layer_histograms": fn(init_pictures.layer_histograms, acts=A(ACTS, "object",
                                                                                extra=[("a string layer", ["abc"])]),
                                         activation=A("relu", "choice"), bins=A(6, "posint")),
    "init_pictures.gradient_histograms": fn(init_pictures.gradient_histograms,
                                            grads=A(ACTS, "object", extra=[("a string layer", ["abc"])]),
                                            edges=A(np.linspace(-3, 3, 7), "batch",
                                                    extra=[("decreasing", np.linspace(3, -3, 7))])),
    "init_pictures.ActivationHistograms": fn(init_pictures.ActivationHistograms,
                                             axes=A(ROW, "object", extra=[("list with a number", [3])]),
                                             bins=A(6, "posint"),
                                             color=A("#0072B2", "text", extra=[("not a colour", "no-such-colour")]),
                                             peak_normalised=A(False, "bool"), moving_ticks=A(False, "bool")),
    "init_pictures.ActivationHistograms.update": meth(lambda: init_pictures.ActivationHistograms(ROW, 6), "update",
                                                      acts=A(ACTS, "object", extra=[("more layers than axes",
                                                                                     ACTS * 2)]),
                                                      activation=A("relu", "choice"), every=A(1, "posint"),
                                                      stds=STDS),
    "init_pictures.GradientHistograms": fn(init_pictures.GradientHistograms,
                                           axes=A(ROW, "object", extra=[("list with a number", [3])]),
                                           color=A("#D55E00", "text", extra=[("not a colour", "no-such-colour")])),
    "init_pictures.GradientHistograms.update": meth(lambda: init_pictures.GradientHistograms(ROW), "update",
                                                    grads=A(ACTS, "object", extra=[("more layers than axes",
                                                                                    ACTS * 2)]),
                                                    every=A(1, "posint"), stds=STDS),
    "init_pictures.plot_activation_grid": pic(init_pictures.plot_activation_grid, activation=A("tanh", "choice"),
                                              schemes=A(("xavier",), "object", extra=[("unknown scheme", ("bogus",)),
                                                                                      ("empty", ())]),
                                              depth=A(2, "posint"), axes=A(None, "object", optional=True),
                                              seed=A(1, "seed"), n_units=A(4, "posint"), n_samples=A(10, "posint")),
    # --- playground.palette, picture (Pillow) and display.encode --------------------------------------
    "palette.point_colours": fn(palette.point_colours, values=A(np.linspace(-1, 1, 5), "batch", skip=("empty",))),
    "palette.colours": fn(palette.colours, values=A(np.linspace(-1, 1, 6).reshape(2, 3), "any", nan_ok=True)),
    "picture.grid_points": fn(picture.grid_points, domain=A((-6.0, 6.0), "pair"), res=A(4, "posint")),
    "picture.NetworkPicture": fn(picture.NetworkPicture, labels=A(["x1", "x2"], "object",
                                                                  extra=[("empty", []), ("numbers", [1, 2])]),
                                 layers=A((4, 2), "object", extra=[("zero neurons", (4, 0))]),
                                 domain=A((-6.0, 6.0), "pair"), n_outputs=A(3, "posint")),
    "picture.NetworkPicture.node_at": meth(lambda: _PIC, "node_at", x=A(90.0, "float"), y=A(50.0, "float")),
    "picture.NetworkPicture.link_at": meth(lambda: _PIC, "link_at", x=A(200.0, "float"), y=A(60.0, "float"),
                                           tolerance=A(4.0, "nonneg")),
    "picture.NetworkPicture.plane_at": meth(lambda: _PIC, "plane_at", x=A(700.0, "float"), y=A(100.0, "float")),
    "palette.class_colours": fn(palette.class_colours, p=A(P3, "nonempty", nan_ok=True,
                                                           extra=[("one class", P3[:, :1]),
                                                                  ("five classes", np.full((2, 5), 0.2))]),
                                discretize=A(False, "bool")),
    "palette.label_colours": fn(palette.label_colours, y=A(Y4, "classes", n_classes=3, skip=("wrong length",)),
                                n_classes=A(3, "posint", optional=True, extra=[("one class", 1), ("five classes", 5)])),
    "picture.NetworkPicture.render": meth(lambda: _PIC, "render", **_frame()),
    "display.encode": fn(display.encode, image=A(_PIC.render(**{k: a.good for k, a in _frame().items()}), "object")),
}
