"""What the panel shows besides its controls: the picture's ``Image`` widget (and the frames' PNG
encoding), the status line and the confusion matrix, as HTML strings made from a
:class:`~helpers.playground.session.Session` (tested without a browser)."""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from PIL import Image

from helpers.playground.controls import CLASS_NAMES
from helpers.playground.palette import PALETTE
from helpers.playground.session import Session
from helpers.png import data_url, encode_png
from helpers.validation import as_choice, as_float_array, as_instance, as_int, as_positive_int, check_shape

LEGEND = ("<small>Orange: positive (class 1, a positive weight); blue: negative (class 0); white: 0. With 3-4 "
          "classes the output shows the winning class (blue, orange, green, purple), paler where it is less sure. "
          "Link width ∝ |w|; the square at a neuron's lower left is its bias. Hover a neuron to see it large, "
          "click to keep it; click a link to read and set its weight. Click the large map to add a point of the "
          "class chosen under 'click adds' (the data becomes 'custom' and training restarts from the same seed); "
          "shift-click removes the nearest point.</small>")


def encode(image: Image.Image) -> bytes:
    """A frame as exact PNG bytes (:func:`helpers.png.encode_png`), the same while training and paused.

    A 920 × 440 frame: ~1 ms and ~50 kB; Pillow's 256-colour PNG took ~30 ms (for 13 kB) and its JPEG ~3 ms
    (for 42 kB, and blurred edges) on this course's machines (benchmarks/playground_frames.py).
    """
    as_instance(image, "image", Image.Image, "a PIL Image (from NetworkPicture.render)")
    return encode_png(np.asarray(image.convert("RGB")))


class PictureImage:
    """The ``ipywidgets.Image`` the frames go to, as :func:`~helpers.png.data_url` of their PNG."""

    def __init__(self, width: int, height: int):
        width, height = as_positive_int(width, "width"), as_positive_int(height, "height")
        self.image = widgets.Image(format="url", layout=widgets.Layout(width=f"{width}px", height=f"{height}px"))
        self.picture = None  # the last frame, a PIL image

    def show(self, picture) -> None:
        as_instance(picture, "picture", Image.Image, "a PIL Image (from NetworkPicture.render)")
        value = data_url(encode(picture))
        self.picture = picture
        self.image.value = value

    @property
    def frame(self) -> np.ndarray:
        """The last frame as a uint8 RGB array (HEIGHT, WIDTH, 3)."""
        return np.asarray(self.picture)

    def png(self) -> bytes:
        """The last frame as PNG bytes."""
        return encode(self.picture)


def status_html(session, seed: int) -> str:
    """The status line: network (units per layer, K outputs for K classes), epoch, both losses, both
    accuracies (classification), the learner's points, warnings; ``seed``: the starting weights' seed shown."""
    as_instance(session, "session", Session, "a playground Session")
    seed = as_int(seed, "seed", low=0)
    state, t = session.state, session.trainer
    sizes = [session.affines[0].n_in] + [a.n_out for a in session.affines]
    train, test = session.losses()
    parts = [f"network {'-'.join(map(str, sizes))}, {state.activation}, {state.optimizer}, init {state.init}, "
             f"seed {seed}<br><b>epoch {t.epoch}</b>, loss train {train:.3f}, test {test:.3f}"]
    if not state.regression:
        with np.errstate(all="ignore"):
            train_acc, test_acc = session.accuracy()
        parts.append(f", accuracy train {train_acc:.0%}, test {test_acc:.0%}")
    if state.dataset == "custom":
        parts.append(f"<br>{len(state.points)} points of your own ({len(session.X_train)} train, "
                     f"{len(session.X_test)} test)")
    if session.diverged:
        parts.append("<br><b style='color:#cf222e'>diverged: lower the learning rate, then Reset</b>")
    elif session.stopped:
        parts.append(f"<br>stopped at epoch {state.stop_epoch} (raise 'stop at epoch' or set it to 0 to go on)")
    return "".join(parts)


def confusion_html(counts: np.ndarray, split: str = "test") -> str:
    """A small HTML table of a confusion matrix ``counts`` (K, K): rows the true class, columns the predicted
    one, each class named and coloured as in the picture; the diagonal (right answers) in bold. ``split``: the
    points counted, ``"train"`` or ``"test"`` (named in the caption)."""
    counts = as_float_array(counts, "counts", ndim=2, nonempty=True)
    k = len(counts)
    check_shape(counts, "counts", (k, k), "(true class, predicted class)")
    if not 2 <= k <= len(CLASS_NAMES) or np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise ValueError(f"counts must be a confusion matrix (K, K) of 2 to {len(CLASS_NAMES)} classes, whole "
                         f"numbers >= 0; got shape {counts.shape}, values {np.unique(counts)[:6]}")
    counts, split = counts.astype(np.int64), as_choice(split, "split", ("train", "test"))
    head = "".join(f"<th style='color:#{_hex(c)}'>{html.escape(CLASS_NAMES[c])}</th>" for c in range(k))
    rows = []
    for i in range(k):
        cells = "".join(f"<td style='text-align:right;padding:0 6px'>{f'<b>{n}</b>' if i == j else n}</td>"
                        for j, n in enumerate(counts[i].tolist()))
        rows.append(f"<tr><th style='color:#{_hex(i)};text-align:left'>{html.escape(CLASS_NAMES[i])}</th>{cells}</tr>")
    return (f"<table class='mlp-playground-confusion' style='font-size:12px'><caption>confusion matrix, {split} "
            f"points ({int(counts.sum())}): rows true class, columns predicted</caption><tr><th></th>{head}</tr>"
            + "".join(rows) + "</table>")


def _hex(k: int) -> str:
    return "".join(f"{v:02x}" for v in PALETTE[k].tolist())
