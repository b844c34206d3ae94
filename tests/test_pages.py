"""The pages for people without Python work offline: static HTML and reveal.js decks (tools/build_pages.py).

Each page is opened from disk in headless Chromium with the network off: nothing may be requested
from outside, no script may fail, the maths must be typeset and each widget must show its picture.
"""

import dataclasses
import importlib.util
import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from browser_fonts import platform_fonts

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("build_pages", ROOT / "tools" / "build_pages.py")
build_pages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_pages)

NOTEBOOKS = build_pages.NOTEBOOKS
VALID_SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_cell_carries_slide_metadata(path):
    cells = nbformat.read(path, as_version=4).cells
    types = [c.metadata.get("slideshow", {}).get("slide_type") for c in cells]
    assert types[0] == "slide" and set(types) <= VALID_SLIDE_TYPES, "run: python tools/build_pages.py tag"
    assert types.count("slide") >= 5  # one idea per slide, not one wall of text


def _open_offline(browser, page_path: Path):
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    problems = []
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    deadline = time.monotonic() + 20  # MathJax typesets after load
    while time.monotonic() < deadline and not page.evaluate("() => document.querySelector('.MathJax_CHTML')"):
        time.sleep(0.2)
    return context, page, problems


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("pages")
    return build_pages.build_html(out / "html"), build_pages.build_slides(out / "slides")


@pytest.mark.browser
def test_static_html_pages_work_offline(built, chromium):
    html_pages, _ = built
    assert {p.name for p in html_pages} >= {"index.html", "glossary.html"} | {f"{n.stem}.html" for n in NOTEBOOKS}
    for page_path in html_pages:
        context, page, problems = _open_offline(chromium, page_path)
        try:
            assert not problems, f"{page_path.name}: {problems[:3]}"
            if page_path.stem[:2].isdigit():
                assert page.locator(".MathJax_CHTML").count() > 0, f"{page_path.name}: no maths typeset"
                nb = nbformat.read(ROOT / "notebooks" / f"{page_path.stem}.ipynb", as_version=4)
                outputs = [o for c in nb.cells for o in c.get("outputs", [])]
                n_widgets = sum(build_pages.is_widget_output(o) and "image/png" in o["data"] for o in outputs)
                pictures = page.locator("img[src^='data:image/png'] + p:has-text('Interactive in JupyterLab')")
                assert pictures.count() == n_widgets, f"{page_path.name}: a widget without its picture"
        finally:
            context.close()


@pytest.mark.browser
def test_slide_decks_work_offline(built, chromium, tmp_path):
    _, decks = built
    assert len(decks) == len(NOTEBOOKS)
    for deck in decks:
        context, page, problems = _open_offline(chromium, deck)
        try:
            assert not problems, f"{deck.name}: {problems[:3]}"
            n_slides = page.evaluate("() => document.querySelectorAll('.reveal .slides > section').length")
            assert n_slides >= 5, f"{deck.name}: {n_slides} slides"
            before = page.evaluate("() => location.hash")
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(300)
            assert page.evaluate("() => location.hash") != before, f"{deck.name}: the deck does not advance"
        finally:
            context.close()


@pytest.mark.browser
def test_no_slide_overflows_its_height(built, chromium):
    """One idea per slide: with every fragment shown, no slide or sub-slide is taller than the slide
    (700 px); `python tools/build_pages.py tag` lays the decks out so."""
    _, decks = built
    for deck, heights in zip(decks, build_pages.slide_heights(chromium, decks), strict=True):
        tall = [(i, height) for i, (height, _) in enumerate(heights) if height > build_pages.SLIDE_HEIGHT]
        assert not tall, f"{deck.name}: slides (index, px) taller than {build_pages.SLIDE_HEIGHT} px: {tall}"


def test_markdown_splits_between_blocks_and_keeps_maths_code_and_details_whole():
    blocks = ["Intro.", "$$\na\n\nb\n$$", "```python\nx = 1\n\ny = 2\n```", "<details>\n\nhidden\n\n</details>"]
    assert build_pages.markdown_blocks("\n\n".join(blocks) + "\n\n- one\n- two") == [*blocks, "- one", "- two"]
    cell = nbformat.v4.new_markdown_cell("A long first paragraph.\n\n- one\n- two\n- three")
    halves = build_pages.split_markdown(cell)
    assert [c.source for c in halves] == ["A long first paragraph.", "- one\n- two\n- three"]


def test_lay_out_starts_a_sub_slide_before_a_cell_that_would_overflow():
    cells = [nbformat.v4.new_markdown_cell("## 1. A section"), nbformat.v4.new_code_cell("a = 1"),
             nbformat.v4.new_code_cell("b = 2"), nbformat.v4.new_code_cell("plot()")]
    build_pages.lay_out(cells, [(60, []), (100, [300]), (100, [300]), (100, [400, 400])])
    assert [c.metadata["slideshow"]["slide_type"] for c in cells] == ["slide", "fragment", "subslide", "subslide"]
    assert cells[3].metadata["course"] == {"output_breaks": [0, 1]}  # 100 + 800 px: outputs on sub-slides


# --- a translated edition: the Korean pages and deck, built from notebooks/ko/ as tools/i18n.py writes it -----------

i18n_spec = importlib.util.spec_from_file_location("i18n", ROOT / "tools" / "i18n.py")
i18n = importlib.util.module_from_spec(i18n_spec)
i18n_spec.loader.exec_module(i18n)
KOREAN_NOTEBOOK = "01_perceptron_gates.ipynb"


@pytest.fixture(scope="module")
def korean(tmp_path_factory):
    """Notebook 01 and the glossary of the Korean edition, built by ``tools/i18n.py build`` from the committed
    catalogs into a scratch folder (a block not yet translated stays English), then as pages and a deck."""
    out = tmp_path_factory.mktemp("korean")
    i18n.build("ko", out_dir=out / "built")
    folder = out / "notebooks"
    folder.mkdir()
    for name in (KOREAN_NOTEBOOK, "glossary.md"):
        shutil.copy(out / "built" / name, folder / name)
    edition = dataclasses.replace(build_pages.EDITIONS["ko"], folder=folder)
    return edition, build_pages.build_html(out / "html", edition), build_pages.build_slides(out / "slides",
                                                                                             edition=edition)


def test_korean_pages_say_their_language_and_ask_for_cjk_fonts(korean):
    edition, pages, decks = korean
    assert sorted(p.name for p in pages) == ["01_perceptron_gates.html", "glossary.html", "index.html"]
    assert [d.name for d in decks] == ["01_perceptron_gates.slides.html"]
    for path in [*pages, *decks]:
        html = path.read_text(encoding="utf-8")
        assert re.search(r"<html lang=[\"']ko[\"']", html), path.name
        assert '"Noto Sans CJK KR"' in html and "word-break: keep-all" in html, path.name
        assert (path.parent / "vendor" / "mathjax" / "MathJax.js").exists()
    english = build_pages._page("t", "b")
    assert "<html lang='en'>" in english and "Noto Sans CJK" not in english


def test_an_edition_without_notebooks_says_how_to_build_them(tmp_path):
    edition = dataclasses.replace(build_pages.EDITIONS["ko"], folder=tmp_path / "nothing")
    with pytest.raises(FileNotFoundError, match="tools/i18n.py build"):
        build_pages.build_html(tmp_path / "html", edition)


@pytest.mark.browser
def test_korean_pages_and_deck_work_offline_in_a_cjk_font(korean, chromium):
    edition, pages, decks = korean
    nb = nbformat.read(edition.folder / KOREAN_NOTEBOOK, as_version=4)
    n_widgets = sum(build_pages.is_widget_output(o) and "image/png" in o["data"]
                    for c in nb.cells for o in c.get("outputs", []))
    for path in [*pages, *decks]:
        context, page, problems = _open_offline(chromium, path)
        try:
            assert not problems, f"{path.name}: {problems[:3]}"
            assert page.evaluate("() => document.documentElement.lang") == "ko"
            if path.name == "glossary.html":  # the 한국어 column: drawn in a CJK font, not as empty boxes
                fonts = platform_fonts(page, "tbody tr td:nth-child(2)")
                assert any("CJK" in f or "Gothic" in f for f in fonts), fonts
            if path.name.startswith("01_"):
                assert page.locator(".MathJax_CHTML").count() > 0, f"{path.name}: no maths typeset"
                family = page.evaluate("() => getComputedStyle(document.querySelector('.jp-RenderedMarkdown, "
                                       ".reveal p')).fontFamily")
                assert family.startswith('"Noto Sans CJK KR"'), family
            if path.name == "01_perceptron_gates.html":
                pictures = page.locator(f"img[src^='data:image/png'] + p:has-text('{edition.widget_note[:20]}')")
                assert pictures.count() == n_widgets > 0
        finally:
            context.close()


@pytest.mark.browser
@pytest.mark.skipif("ko" not in i18n.COMPLETE, reason=(
    "ko is not declared complete (tools/i18n.py COMPLETE): notebooks/ko/ is committed then, and this test "
    "checks its decks, laid out on the English slide metadata, do not overflow either"))
def test_no_korean_slide_overflows_its_height(chromium, tmp_path):
    """The translated decks keep the English layout (tag measures the English): Korean must fit it too. Measured
    on notebook 01 translated: 51 slides, the tallest 606 px (English: 611 px)."""
    decks = build_pages.build_slides(tmp_path, edition=build_pages.EDITIONS["ko"])
    for deck, heights in zip(decks, build_pages.slide_heights(chromium, decks), strict=True):
        tall = [(i, height) for i, (height, _) in enumerate(heights) if height > build_pages.SLIDE_HEIGHT]
        assert not tall, f"ko/{deck.name}: slides (index, px) taller than {build_pages.SLIDE_HEIGHT} px: {tall}"
