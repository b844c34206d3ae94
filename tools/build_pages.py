"""Build the course for people without Python: static HTML pages and offline classroom slide decks.

    .venv/bin/python tools/build_pages.py html     # -> build/html/index.html, one page per notebook, glossary
    .venv/bin/python tools/build_pages.py slides   # -> build/slides/NN_name.slides.html, one deck per notebook
    .venv/bin/python tools/build_pages.py tag      # (re)write the slide metadata of every notebook
    .venv/bin/python tools/build_pages.py html --lang ko     # the Korean edition (notebooks/ko/) -> build/html/ko/
    .venv/bin/python tools/build_pages.py slides --lang ko   # -> build/slides/ko/

``tag`` lays the decks out so that no slide, with all its fragments shown, is taller than the 700 px slide: it
measures every cell in headless Chromium (Debian's ``chromium``, as the browser tests use), splits a markdown
cell too tall for one slide at a paragraph boundary, shows a code cell's outputs on a sub-slide of their own
when input and outputs do not fit together, and starts a sub-slide whenever the next cell would overflow.

Both builds use the notebooks' committed outputs (nothing is executed) and work offline: reveal.js,
MathJax, RequireJS and jQuery are copied from ``tools/vendor/`` next to the pages instead of being
loaded from a CDN. A widget shows its default picture (the PNG every panel carries, see
``helpers.panel.Panel``); moving it needs a live kernel, so the pages say so under each one. A widget
without a picture (a progress bar) is left out.

A translated edition (``--lang ko``) is built the same way from ``notebooks/<lang>/`` (written by
``tools/i18n.py build``) into a folder of its own with its own ``vendor/`` copy; its pages say
``<html lang="ko">`` and ask for the system's CJK fonts (Noto Sans CJK, Debian's ``fonts-noto-cjk``; Apple SD
Gothic Neo, Malgun Gothic elsewhere), nothing downloaded. The translated notebooks keep the English slide
metadata (``tag`` lays out the English ones only).
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter, SlidesExporter
from nbconvert.filters.markdown import markdown2html
from traitlets.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from page_editions import EDITIONS, Edition  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = EDITIONS["en"].notebooks
VENDOR = ROOT / "tools" / "vendor"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Static pages prefer a widget's PNG over its (JavaScript-only) live view.
STATIC_PRIORITY = ["text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown", "text/latex",
                   "application/pdf", "text/plain"]
WIDGET_NOTE = f"<p><em>{EDITIONS['en'].widget_note}</em></p>"


SLIDE_HEIGHT = 700  # reveal.js's slide height in the decks, px
SLIDE_BUDGET = 620  # what a slide is filled to, leaving room for its margins
DECK_CSS = ("<style>.reveal section img { max-height: 440px; width: auto; }"
            " .reveal table { font-size: 0.6em; } .reveal .jp-InputArea pre { font-size: 0.7em; }</style>")


def is_widget_output(out) -> bool:
    """A widget's output: a live view (a notebook just run) or, once ``tools/slim_notebooks.py`` has run, its
    starting picture and text marked ``"widget": true``."""
    return WIDGET_VIEW in out.get("data", {}) or bool(out.get("metadata", {}).get("widget"))


def slide_type(cell) -> str:
    """One idea per slide: a ``#``/``##`` heading starts a slide, ``###`` a sub-slide (reveal.js's
    vertical stack), other markdown continues the current slide, and code with its outputs appears
    as a fragment, one click at a time; the setup cell (imports) is left out of the deck.
    :func:`lay_out` adds sub-slides where a slide would overflow."""
    source = cell.source.lstrip()
    if cell.cell_type == "code" and re.match(r"(%matplotlib inline\s+)?(import |from )", source):
        return "skip"
    if cell.cell_type == "markdown":
        if re.match(r"#{1,2} ", source):
            return "slide"
        if source.startswith("### "):
            return "subslide"
        return "-"
    return "fragment"


def markdown_blocks(source: str) -> list[str]:
    """``source`` cut at blank lines, keeping code fences, ``$$`` maths and ``<details>`` blocks whole."""
    blocks, current = [], []
    fence = maths = False
    details = 0
    for line in source.split("\n"):
        stripped = line.strip()
        top = not (fence or maths or details)
        if not stripped and current and top:
            blocks.append("\n".join(current))
            current = []
            continue
        if top and current and re.match(r"(- |\d+\. )", line):  # a list splits between its items
            blocks.append("\n".join(current))
            current = []
        current.append(line)
        fence ^= stripped.startswith("```")
        maths ^= stripped.count("$$") % 2 == 1
        details += stripped.count("<details") - stripped.count("</details>")
    if current:
        blocks.append("\n".join(current))
    return [block for block in blocks if block.strip()]


def split_markdown(cell) -> list:
    """``cell`` as two markdown cells, cut at the block boundary that halves its length best, or ``[cell]``."""
    blocks = markdown_blocks(cell.source)
    if len(blocks) < 2:
        return [cell]
    lengths = [len(block) for block in blocks]
    half = sum(lengths) / 2
    cut = min(range(1, len(blocks)), key=lambda j: abs(sum(lengths[:j]) - half))
    cells = [nbformat.v4.new_markdown_cell("".join(_joined(piece))) for piece in (blocks[:cut], blocks[cut:])]
    cells[0].id = cell.get("id", cells[0].id)
    return cells


def _joined(blocks):
    """Blocks back as markdown: list items on consecutive lines (a tight list), other blocks a blank line apart."""
    for i, block in enumerate(blocks):
        if i:
            item = re.match(r"(- |\d+\. )", block) and re.match(r"(- |\d+\. )", blocks[i - 1])
            yield "\n" if item else "\n\n"
        yield block


def lay_out(cells, heights) -> None:
    """Write each cell's ``slideshow.slide_type`` from its measured heights in px, ``(input, [each output])``:
    :func:`slide_type`, plus a sub-slide wherever the next cell would take the slide past
    :data:`SLIDE_BUDGET`. A code cell that does not fit with its outputs gets ``course.output_breaks``, the
    outputs that start a sub-slide of their own in the deck."""
    filled = 0
    for cell, (h_input, h_outputs) in zip(cells, heights, strict=True):
        kind = slide_type(cell)
        cell.metadata.pop("course", None)
        cell.metadata["slideshow"] = {"slide_type": kind}
        if kind == "skip":
            continue
        if cell.cell_type == "code" and h_input > SLIDE_BUDGET:  # code longer than a slide: the deck shows its
            cell.metadata["course"] = {"hide_input": True}  # outputs; the code is in the notebook
            h_input = 0
        if kind in ("slide", "subslide") or filled + h_input + sum(h_outputs) > SLIDE_BUDGET:
            kind = kind if kind == "slide" else "subslide"
            cell.metadata["slideshow"] = {"slide_type": kind}
            filled = 0
        filled += h_input
        if h_input + sum(h_outputs) <= SLIDE_BUDGET:
            filled += sum(h_outputs)
            continue
        breaks, filled = [0], 0  # the outputs go on sub-slides of their own, as many as they need
        for i, h in enumerate(h_outputs):
            if filled and filled + h > SLIDE_BUDGET:
                breaks.append(i)
                filled = 0
            filled += h
        cell.metadata.setdefault("course", {})["output_breaks"] = breaks


MEASURE_JS = """async () => {
  const leaves = [...document.querySelectorAll('.reveal .slides section')].filter(s => !s.querySelector('section'));
  for (const s of leaves) {
    s.style.display = 'block'; s.style.height = 'auto';
    if (s.parentElement.tagName === 'SECTION') s.parentElement.style.display = 'block';
  }
  await new Promise(done => MathJax.Hub.Queue(['Rerender', MathJax.Hub], done));
  // a slide's height: down to the bottom of its last cell (MathJax's hidden helpers do not count)
  return leaves.map(s => [Math.max(0, ...[...s.children].map(c => c.offsetTop + c.offsetHeight)),
                          [...s.querySelectorAll('.jp-OutputArea-child')].map(o => o.offsetHeight)]);
}"""


def slide_heights(browser, decks) -> list[list]:
    """For each deck (an HTML file), every leaf slide's ``[height, [height of each output]]`` in px, with
    every fragment shown and the maths typeset as shown."""
    result = []
    for deck in decks:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(Path(deck).as_uri())
        page.wait_for_function("() => document.querySelector('.MathJax_CHTML')", timeout=30_000)
        result.append(page.evaluate(MEASURE_JS))
        page.close()
    return result


def tag(paths=NOTEBOOKS) -> None:
    """Write the slide metadata of every notebook (outputs untouched), laid out by measured heights."""
    import tempfile

    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--headless", "--no-sandbox", "--disable-gpu"])
        out = Path(tmp)
        _copy_vendor(out)
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            for _ in range(4):  # split what is too tall for one slide, measure again
                for cell in nb.cells:  # measure each cell on a slide of its own
                    cell.metadata["slideshow"] = {"slide_type": "slide"}
                    cell.metadata.pop("course", None)
                deck = out / f"{path.stem}.html"
                deck.write_text(_deck_html(nb, path), encoding="utf-8")
                heights = [(total - sum(outputs), outputs) for total, outputs in slide_heights(browser, [deck])[0]]
                tall = [i for i, (cell, (h_in, _)) in enumerate(zip(nb.cells, heights, strict=True))
                        if cell.cell_type == "markdown" and h_in > SLIDE_BUDGET]
                if not tall:
                    break
                for i in reversed(tall):
                    nb.cells[i:i + 1] = split_markdown(nb.cells[i])
            lay_out(nb.cells, heights)
            nbformat.write(nb, path)
            slides = sum(c.metadata["slideshow"]["slide_type"] in ("slide", "subslide") for c in nb.cells)
            print(f"tagged {path.name}: {len(nb.cells)} cells on {slides} slides and sub-slides")
        browser.close()


def _static_copy(nb, link_suffix: str, note: str = WIDGET_NOTE):
    """A copy of the notebook ``nb`` with its widget state dropped (no widget JavaScript on static pages), a
    ``note`` under each widget picture, and links to other notebooks and the glossary pointing at the built pages."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = re.sub(r"\]\((\d\d_\w+)\.ipynb\)", rf"](\1{link_suffix})", cell.source)
            cell.source = cell.source.replace("](glossary.md)", "](glossary.html)")
        kept = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if is_widget_output(out):
                if "image/png" not in data:
                    continue  # a widget without a picture (a progress bar) means nothing on a static page
                data.pop(WIDGET_VIEW, None)
                data["text/html"] = f'<img src="data:image/png;base64,{data.pop("image/png")}">' + note
            kept.append(out)
        if cell.cell_type == "code":
            cell.outputs = kept
    return nb


def _config(mathjax: str, lang: str = "en", **exporter) -> Config:
    c = Config()
    c.NbConvertBase.display_data_priority = STATIC_PRIORITY
    for key, value in {"mathjax_url": mathjax, "language_code": lang, "require_js_url": "vendor/requirejs/require.js",
                       "jquery_url": "vendor/jquery/jquery.min.js", **exporter}.items():
        setattr(c.HTMLExporter, key, value)
    return c


MERMAID_IMPORT = re.compile(r'<script type="module">\s*import mermaid from [^<]*</script>')
MATHJAX = "vendor/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"


def _copy_vendor(out: Path) -> None:
    shutil.copytree(VENDOR, out / "vendor", dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))


def build_html(out: Path, edition: Edition = EDITIONS["en"]) -> list[Path]:
    """One static page per notebook of ``edition``, its glossary, and an index linking them."""
    paths = edition.notebooks
    if not paths:
        raise FileNotFoundError(f"no notebooks in {edition.folder} (a translation: run tools/i18n.py build)")
    out.mkdir(parents=True, exist_ok=True)
    _copy_vendor(out)
    exporter = HTMLExporter(config=_config(MATHJAX, edition.lang))
    note = f"<p><em>{edition.widget_note}</em></p>"
    pages = []
    for path in paths:
        body, _ = exporter.from_notebook_node(_static_copy(nbformat.read(path, as_version=4), ".html", note))
        page = out / f"{path.stem}.html"
        page.write_text(body.replace("</head>", edition.font_css() + "</head>", 1), encoding="utf-8")
        pages.append(page)
    glossary = (edition.folder / "glossary.md").read_text(encoding="utf-8")
    glossary = re.sub(r"\]\((\d\d_\w+)\.ipynb\)", r"](\1.html)", glossary)
    items = "".join(f'<li><a href="{p.name}">{_title(path)}</a></li>' for p, path in zip(pages, paths, strict=True))
    for name, title, html in [
        ("glossary.html", edition.glossary, markdown2html(glossary)),
        ("index.html", edition.title, f"<h1>{edition.heading}</h1><ol>{items}</ol>"
         f'<p><a href="glossary.html">{edition.glossary}</a></p>'),
    ]:
        (out / name).write_text(_page(title, html, edition), encoding="utf-8")
        pages.append(out / name)
    return pages


def _slide_cells(nb):
    """``nb`` with the outputs of a cell that has ``course.output_breaks`` moved onto sub-slides of their own, and
    the code of a cell marked ``course.hide_input`` (longer than a slide) left out, its outputs kept."""
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        if cell.get("metadata", {}).get("course", {}).get("hide_input"):
            cell.metadata["transient"] = {"remove_source": True}
        breaks = cell.get("metadata", {}).get("course", {}).get("output_breaks")
        if breaks and cell.get("outputs"):
            outputs, cell.outputs = cell.outputs, []
            for start, end in zip(breaks, [*breaks[1:], len(outputs)], strict=True):
                shown = nbformat.v4.new_code_cell(cell.source, outputs=outputs[start:end],
                                                  execution_count=cell.execution_count)
                shown.metadata = {"slideshow": {"slide_type": "subslide"}, "transient": {"remove_source": True}}
                cells.append(shown)
    nb.cells = cells
    return nb


def _slides_exporter(lang: str = "en") -> SlidesExporter:
    exporter = SlidesExporter(config=_config(MATHJAX, lang))
    exporter.reveal_url_prefix = "vendor/reveal.js"
    exporter.reveal_theme = "white"
    exporter.reveal_scroll = True  # should a slide still be too long, it scrolls instead of being cut off
    return exporter


def _deck_html(nb, path: Path, edition: Edition = EDITIONS["en"]) -> str:
    """The reveal.js deck of notebook ``nb`` (read from ``path``), scripts served from ``vendor/``."""
    note = f"<p><em>{edition.widget_note}</em></p>"
    body, _ = _slides_exporter(edition.lang).from_notebook_node(_slide_cells(_static_copy(nb, ".slides.html", note)))
    body = MERMAID_IMPORT.sub("", body)  # no notebook draws mermaid diagrams; this import would hit a CDN
    # MathJax typesets hidden slides too; with automatic line breaks it measures their width as 0 and
    # breaks inline maths after every symbol (one symbol per line in a bullet list). Decks have no need of them.
    body = re.sub(r"(linebreaks:\s*\{\s*automatic:\s*)true", r"\1false", body)
    return body.replace("</head>", DECK_CSS + edition.font_css() + "</head>", 1)


def build_slides(out: Path, paths=None, edition: Edition = EDITIONS["en"]) -> list[Path]:
    """One reveal.js deck per notebook (``paths``, default: every notebook of ``edition``), scripts from ``vendor/``."""
    paths = edition.notebooks if paths is None else paths
    if not paths:
        raise FileNotFoundError(f"no notebooks in {edition.folder} (a translation: run tools/i18n.py build)")
    out.mkdir(parents=True, exist_ok=True)
    _copy_vendor(out)
    decks = []
    for path in paths:
        deck = out / f"{path.stem}.slides.html"
        deck.write_text(_deck_html(nbformat.read(path, as_version=4), path, edition), encoding="utf-8")
        decks.append(deck)
    return decks


def _title(path: Path) -> str:
    first = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0]
    return first.lstrip("# ").strip()


def _page(title: str, body: str, edition: Edition = EDITIONS["en"]) -> str:
    return (f"<!DOCTYPE html><html lang='{edition.lang}'><head><meta charset='utf-8'><title>{title}</title>"
            "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}</style>"
            f"{edition.font_css()}</head><body>{body}</body></html>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["html", "slides", "tag"])
    parser.add_argument("--out", type=Path, help="output folder (default: build/html or build/slides, + /<lang>)")
    parser.add_argument("--lang", choices=sorted(EDITIONS), default="en",
                        help="the edition: en (notebooks/) or a translation (notebooks/<lang>/)")
    args = parser.parse_args()
    if args.what == "tag":
        if args.lang != "en":
            parser.error("tag lays out the English notebooks; a translation keeps their slide metadata")
        tag()
        return
    edition = EDITIONS[args.lang]
    out = args.out or ROOT / "build" / args.what / ("" if args.lang == "en" else args.lang)
    try:
        built = build_html(out, edition) if args.what == "html" else build_slides(out, edition=edition)
    except FileNotFoundError as error:
        parser.error(str(error))
    for path in built:
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
