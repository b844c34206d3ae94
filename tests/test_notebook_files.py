"""The committed notebooks are slim (tools/slim_notebooks.py) and lose nothing a reader sees by it.

A reader without a kernel (GitHub, nbviewer, the static pages, JupyterLab before a cell runs) sees each figure
as a PNG output, each widget's starting picture among them; tests/test_browser.py checks JupyterLab draws them
all before anything runs. ``benchmarks/notebook_sizes.py`` prints the bytes.
"""

import base64
import importlib.util
import io
from pathlib import Path

import nbformat
import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("slim_notebooks", ROOT / "tools" / "slim_notebooks.py")
slim_notebooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(slim_notebooks)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")) + sorted(
    (ROOT / "notebooks" / "ko").glob("[0-9][0-9]_*.ipynb"))
RGBA_PNG = 6  # the colour type in a PNG's header (IHDR) of a picture with an alpha channel, as matplotlib writes


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="png")
    return out.getvalue()


def _pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=np.int16)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(ROOT / "notebooks")) for p in NOTEBOOKS])
def test_committed_notebook_is_slim(path):
    nb = nbformat.read(path, as_version=4)
    assert "widgets" not in nb.metadata, "saved widget state: run tools/slim_notebooks.py"
    for k, cell in enumerate(nb.cells):
        assert "execution" not in cell.metadata, f"cell {k}: nbclient's time stamps: run tools/slim_notebooks.py"
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            assert slim_notebooks.WIDGET_VIEW not in data, f"cell {k}: a widget view: run tools/slim_notebooks.py"
            if "image/png" in data:
                header = base64.b64decode(data["image/png"][:44])
                assert header[25] != RGBA_PNG, f"cell {k}: a PNG as matplotlib writes it: run tools/slim_notebooks.py"


def test_every_widget_output_keeps_its_starting_picture():
    """Every widget a notebook shows keeps a PNG, except notebook 05's progress bar (text only: it has no picture)."""
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        widgets = [o for c in nb.cells for o in c.get("outputs", []) if o.get("metadata", {}).get("widget")]
        without = [o["data"].get("text/plain", "") for o in widgets if "image/png" not in o["data"]]
        assert widgets and all("IntProgress" in "".join(text) for text in without), (path.name, without)


def test_a_picture_of_few_colours_keeps_every_pixel():
    rng = np.random.default_rng(0)
    colours = rng.integers(0, 256, size=(200, 3), dtype=np.uint8)
    picture = colours[rng.integers(0, 200, size=(60, 80))]
    rgba = np.dstack([picture, np.full((60, 80), 255, np.uint8)])
    slim = slim_notebooks.slim_png(_png(Image.fromarray(rgba, "RGBA")))
    assert Image.open(io.BytesIO(slim)).mode == "P"
    assert np.array_equal(_pixels(slim), picture)


def test_a_shaded_picture_becomes_a_close_palette_and_keeps_a_small_marker():
    """Thousands of colours of one hue (a probability map's shading, with the grain of smoothing) and a small marker
    of another colour, as a figure has."""
    y, x = np.mgrid[0:120, 0:160]
    shade = (x + y) / 278 + np.random.default_rng(0).uniform(0, 0.02, size=(120, 160))
    picture = (255 - np.dstack([20 * shade, 90 * shade, 160 * shade])).astype(np.uint8)
    picture[50:54, 70:74] = (0, 158, 115)  # 16 of 19,200 pixels: a star, a colour bar's end
    original = _png(Image.fromarray(np.dstack([picture, np.full((120, 160), 255, np.uint8)]), "RGBA"))
    slim = slim_notebooks.slim_png(original)
    error = np.abs(_pixels(slim) - picture)
    assert len(slim) < len(original) and Image.open(io.BytesIO(slim)).mode == "P"
    assert error.mean() <= slim_notebooks.MAX_MEAN_ERROR
    assert np.percentile(error.max(axis=-1), 99.9) <= slim_notebooks.MAX_EDGE_ERROR
    assert error[50:54, 70:74].max() == 0  # a solid colour is kept exactly


def test_a_picture_no_palette_comes_close_to_stays_exact():
    """Every mix of red and green (19,200 colours, none near another): no 256 colours would do, so it stays RGB."""
    y, x = np.mgrid[0:120, 0:160]
    picture = np.dstack([x * 255 // 159, y * 255 // 119, np.full((120, 160), 128)]).astype(np.uint8)
    original = _png(Image.fromarray(np.dstack([picture, np.full((120, 160), 255, np.uint8)]), "RGBA"))
    slim = slim_notebooks.slim_png(original)
    assert len(slim) < len(original) and Image.open(io.BytesIO(slim)).mode == "RGB"
    assert np.array_equal(_pixels(slim), picture)


def test_a_see_through_picture_is_left_as_it_came():
    rgba = np.zeros((10, 10, 4), np.uint8)
    rgba[..., 3] = 128
    original = _png(Image.fromarray(rgba, "RGBA"))
    assert slim_notebooks.slim_png(original) == original


def _executed_like_nbclient():
    """A small notebook as nbclient leaves it: time stamps, a figure, a widget view with its PNG, saved state."""
    figure = _png(Image.fromarray(np.full((8, 8, 4), 200, np.uint8), "RGBA"))
    png = base64.b64encode(figure).decode() + "\n"
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"abc": {}}}}
    figure_out = nbformat.v4.new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"})
    widget_out = nbformat.v4.new_output("display_data", data={
        slim_notebooks.WIDGET_VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0},
        "image/png": png, "text/plain": "VBox()"})
    text_out = nbformat.v4.new_output("stream", name="stdout", text="hello\n")
    cell = nbformat.v4.new_code_cell("x = 1", outputs=[figure_out, widget_out, text_out], execution_count=1)
    cell.metadata["execution"] = {"iopub.execute_input": "2026-12-02T10:00:00Z"}
    nb.cells.append(cell)
    return nb


def test_slimming_drops_views_state_and_time_stamps_and_keeps_every_output():
    nb = _executed_like_nbclient()
    slim_notebooks.slim(nb)
    (cell,) = nb.cells
    assert "widgets" not in nb.metadata and "execution" not in cell.metadata
    assert [o.output_type for o in cell.outputs] == ["display_data", "display_data", "stream"]
    figure, widget, text = cell.outputs
    assert set(widget.data) == {"image/png", "text/plain"} and widget.metadata == {"widget": True}
    assert figure.metadata == {} and text.text == "hello\n"
    assert np.array_equal(_pixels(base64.b64decode(figure.data["image/png"])), np.full((8, 8, 3), 200))


def test_slimming_twice_changes_nothing(tmp_path):
    path = tmp_path / "nb.ipynb"
    nbformat.write(_executed_like_nbclient(), path)
    assert slim_notebooks.main([str(path)]) == 0
    once = path.read_text()
    assert slim_notebooks.main(["--check", str(path)]) == 0
    assert path.read_text() == once
    nbformat.write(_executed_like_nbclient(), path)
    assert slim_notebooks.main(["--check", str(path)]) == 1  # not slim yet: --check says so and writes nothing
