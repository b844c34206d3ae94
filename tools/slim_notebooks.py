"""Make executed notebooks small without losing a figure: run it after executing a notebook, before committing.

    .venv/bin/python tools/slim_notebooks.py notebooks/*.ipynb           # rewrite in place, print the sizes
    .venv/bin/python tools/slim_notebooks.py --check notebooks/*.ipynb   # exit 1, naming them, if any would change

What an executed notebook holds, and what this keeps (``benchmarks/notebook_sizes.py`` prints the bytes):

- **Figures** (``image/png`` outputs, each widget's starting picture among them). Matplotlib writes 32-bit RGBA at
  zlib's default effort; every figure here is opaque, so each becomes the smallest 8-bit palette PNG that stays
  close to it (:func:`slim_png`): exact when the figure has at most 256 colours (a photo in greys, the trainer's
  pictures); else a palette of 256, 128, 64 or 32 colours that holds the solid colours exactly (the background,
  a marker, a bar, a heatmap's cell: up to half the palette) and the median cut of the other pixels (anti-aliased
  edges, shading), without
  dithering (dithering adds noise that compresses badly), off by at most 0.5 of 255 per channel on average and at
  most 32 on all but 0.1 % of the pixels. A figure no palette comes that close to stays exact, as 24-bit RGB
  without the alpha channel it never used. The pixel size stays: the figures are drawn at 100 dpi, the size
  JupyterLab shows them at; fewer pixels would blur their text, and a resampled figure has more colours, so it
  does not even come out smaller.
- **Widgets**: a widget's output holds a view of its live model (``application/vnd.jupyter.widget-view+json``) and
  its starting picture as a PNG; the notebook's metadata holds every model's saved state. JupyterLab draws the saved
  state only for a *trusted* notebook: a notebook from a clone, a download or GitHub is not trusted, and shows each
  widget's PNG until its cell runs (``tests/test_browser.py`` checks both). So the views and the saved state go
  (about a third of the bytes, and dead sliders that would move nothing without a kernel): each widget output keeps
  its PNG and its text, marked ``"widget": true`` in its metadata (``tools/build_pages.py`` adds its note under it).
  With no view left, no widget can show "model not found", trusted or not.
- **Time stamps** nbclient writes into each code cell's metadata (``execution``): dropped.

Running it twice changes nothing; it never drops an output or a picture (``tests/test_notebook_files.py``).
"""

from __future__ import annotations

import argparse
import base64
import io
import sys
from pathlib import Path

import nbformat
import numpy as np
from PIL import Image

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SOLID_PIXELS = 4  # a colour with this many pixels inside an area of it is solid (a marker, a bar): kept exactly
MAX_MEAN_ERROR = 0.5  # of 255, per channel: the most a palette may change a figure on average (invisible) ...
MAX_EDGE_ERROR = 32  # ... and the most it may change all but 0.1 % of the pixels (anti-aliased edges, a shaded bar)


def slim_png(data: bytes) -> bytes:
    """One PNG as the smallest 8-bit palette PNG close to it (see ``_palettes``; exact when it can be).

    The candidates: the exact palette of a picture of at most 256 colours, and median-cut palettes of 256, 128,
    64 and 32 colours (without dithering); a picture no palette comes close to stays exact, as 24-bit RGB. A palette
    PNG is only recompressed; a picture with see-through pixels is returned as it came; a result that is not
    smaller than what came is not used.
    """
    image = Image.open(io.BytesIO(data))
    if image.mode == "P":  # already a palette (the trainer's pictures, or slimmed before): only recompress
        candidates = [image]
    elif image.mode in ("RGBA", "LA") and image.getchannel("A").getextrema()[0] < 255:
        return data  # transparency to keep: none of the course's figures has any
    else:
        candidates = _palettes(image.convert("RGB"))
    best = min((_encode(c) for c in candidates), key=len)
    return best if len(best) < len(data) else data


def _palettes(rgb: Image.Image) -> list[Image.Image]:
    """The palette versions of ``rgb`` close to it: exact (if it can be), else palettes of 256, 128, 64 and 32
    colours that hold the solid colours exactly (those with ``SOLID_PIXELS`` pixels inside an area of them, each the
    same colour as its neighbours to the right and below: the background, a thick line, a marker, a bar, a heatmap's
    cell; the most solid first, up to half the palette) and the median cut of the other pixels (anti-aliased edges,
    shading) for the rest, kept while they stay within ``MAX_MEAN_ERROR`` on average and ``MAX_EDGE_ERROR`` on all
    but 0.1 % of the pixels; if none does, ``rgb`` itself."""
    pixels = np.asarray(rgb, dtype=np.int16)
    wide = pixels.astype(np.uint32)
    keys = (wide[..., 0] << 16) | (wide[..., 1] << 8) | wide[..., 2]
    colours, index, counts = np.unique(keys, return_inverse=True, return_counts=True)
    rgb_of = np.stack([colours >> 16, (colours >> 8) & 255, colours & 255], axis=1).astype(np.uint8)
    if len(colours) <= 256:  # an exact palette
        exact = Image.fromarray(index.reshape(keys.shape).astype(np.uint8), mode="P")
        exact.putpalette(rgb_of.tobytes())
        return [exact]
    interior = (keys[:-1, :-1] == keys[1:, :-1]) & (keys[:-1, :-1] == keys[:-1, 1:])  # same colour right and below
    inside = np.bincount(index.reshape(keys.shape)[:-1, :-1][interior], minlength=len(colours))
    by_inside = np.argsort(-inside, kind="stable")[: int(np.sum(inside >= SOLID_PIXELS))]
    found = []
    for size in (256, 128, 64, 32):
        solid = by_inside[: size // 2]  # the most solid colours take at most half the palette
        rest = np.ones(len(colours), bool)
        rest[solid] = False
        others = rgb_of[index[rest[index]]]  # the pixels of the other colours, (m, 3)
        edges = np.zeros((0, 3), np.uint8)
        if len(others):  # their median cut fills the rest of the palette
            strip = Image.fromarray(others[None, :, :], "RGB")
            cut = strip.quantize(colors=size - len(solid), method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            edges = np.asarray(cut.getpalette()[: 3 * len(cut.getcolors(256))], np.uint8).reshape(-1, 3)
        palette = _nearest(rgb_of, index.reshape(keys.shape), np.concatenate([rgb_of[solid], edges]))
        error = np.abs(np.asarray(palette.convert("RGB"), dtype=np.int16) - pixels)
        if error.mean() > MAX_MEAN_ERROR or np.percentile(error.max(axis=-1), 99.9) > MAX_EDGE_ERROR:
            break  # fewer colours only stray further
        found.append(palette)
    return found or [rgb]  # no palette is close enough: the picture stays as it is, in RGB


def _nearest(colours: np.ndarray, index: np.ndarray, palette: np.ndarray) -> Image.Image:
    """The picture whose pixel ``(i, j)`` is ``colours[index[i, j]]``, each colour drawn as its nearest (Euclidean)
    entry of ``palette``, shape ``(n, 3)``: exactly, where Pillow's remapping rounds colours first."""
    distance = ((colours[:, None, :].astype(np.int32) - palette[None, :, :].astype(np.int32)) ** 2).sum(axis=-1)
    image = Image.fromarray(np.argmin(distance, axis=1).astype(np.uint8)[index], mode="P")
    image.putpalette(palette.tobytes())
    return image


def _encode(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="png", optimize=True)
    return out.getvalue()


def slim_widgets(nb) -> None:
    """Each widget output keeps its PNG and text, marked ``"widget": true``; the views and the saved state go."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if WIDGET_VIEW in out.get("data", {}):
                del out["data"][WIDGET_VIEW]
                out.setdefault("metadata", {})["widget"] = True


def slim_pictures(nb) -> None:
    """Every PNG output through :func:`slim_png`."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                data["image/png"] = base64.b64encode(slim_png(base64.b64decode(data["image/png"]))).decode() + "\n"


def slim(nb) -> None:
    """Slim one notebook (an ``nbformat`` node) in place: its pictures, its widgets, its cells' run times."""
    slim_pictures(nb)
    slim_widgets(nb)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # nbclient's time stamps: they change on every run, and teach nothing


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook is not slim")
    args = parser.parse_args(argv)
    fat = []
    for path in args.paths:
        before = path.read_text(encoding="utf-8")
        nb = nbformat.reads(before, as_version=4)
        slim(nb)
        after = nbformat.writes(nb) + "\n"
        if after != before:
            fat.append(path)
            if not args.check:
                path.write_text(after, encoding="utf-8")
        print(f"{path}: {len(before.encode()) / 1e3:.0f} kB -> {len(after.encode()) / 1e3:.0f} kB")
    if args.check and fat:
        print("not slim (run tools/slim_notebooks.py on them):", *fat, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
