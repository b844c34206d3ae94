"""Build the course for people without Python: static HTML pages and offline classroom slide decks.

    .venv/bin/python tools/build_pages.py html     # -> build/html/index.html, one page per notebook, glossary
    .venv/bin/python tools/build_pages.py slides   # -> build/slides/NN_name.slides.html, one deck per notebook
    .venv/bin/python tools/build_pages.py tag      # (re)write the slide metadata of every notebook

Both builds use the notebooks' committed outputs (nothing is executed) and work offline: reveal.js,
MathJax, RequireJS and jQuery are copied from ``tools/vendor/`` next to the pages instead of being
loaded from a CDN. A widget shows its default picture (the PNG every panel carries, see
``helpers.widgets.Panel``); moving it needs a live kernel, so the pages say so under each one. A widget
without a picture (a progress bar) is left out.
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter, SlidesExporter
from nbconvert.filters.markdown import markdown2html
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
VENDOR = ROOT / "tools" / "vendor"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Static pages prefer a widget's PNG over its (JavaScript-only) live view.
STATIC_PRIORITY = ["text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown", "text/latex",
                   "application/pdf", "text/plain"]
WIDGET_NOTE = "<p><em>Interactive in JupyterLab: this is the widget's starting picture.</em></p>"


def slide_type(cell) -> str:
    """One idea per slide: a ``#``/``##`` heading starts a slide, ``###`` a sub-slide (reveal.js's
    vertical stack), other markdown continues the current slide, and code with its outputs appears
    as a fragment, one click at a time."""
    source = cell.source.lstrip()
    if cell.cell_type == "markdown":
        if re.match(r"#{1,2} ", source):
            return "slide"
        if source.startswith("### "):
            return "subslide"
        return "-"
    return "fragment"


def tag(paths=NOTEBOOKS) -> None:
    """Write ``metadata.slideshow.slide_type`` on every cell of every notebook (outputs untouched)."""
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            cell.metadata["slideshow"] = {"slide_type": slide_type(cell)}
        nbformat.write(nb, path)
        print(f"tagged {path.relative_to(ROOT)}")


def _static_copy(path: Path, link_suffix: str):
    """The notebook with its widget state dropped (no widget JavaScript on static pages), a note under
    each widget picture, and links to other notebooks and the glossary pointing at the built pages."""
    nb = copy.deepcopy(nbformat.read(path, as_version=4))
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = re.sub(r"\]\((\d\d_\w+)\.ipynb\)", rf"](\1{link_suffix})", cell.source)
            cell.source = cell.source.replace("](glossary.md)", "](glossary.html)")
        kept = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                if "image/png" not in data:
                    continue  # a widget without a picture (a progress bar) means nothing on a static page
                data.pop(WIDGET_VIEW)
                data["text/html"] = f'<img src="data:image/png;base64,{data.pop("image/png")}">' + WIDGET_NOTE
            kept.append(out)
        if cell.cell_type == "code":
            cell.outputs = kept
    return nb


def _config(mathjax: str, **exporter) -> Config:
    c = Config()
    c.NbConvertBase.display_data_priority = STATIC_PRIORITY
    for key, value in {"mathjax_url": mathjax, "require_js_url": "vendor/requirejs/require.js",
                       "jquery_url": "vendor/jquery/jquery.min.js", **exporter}.items():
        setattr(c.HTMLExporter, key, value)
    return c


MERMAID_IMPORT = re.compile(r'<script type="module">\s*import mermaid from [^<]*</script>')
MATHJAX = "vendor/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"


def _copy_vendor(out: Path) -> None:
    shutil.copytree(VENDOR, out / "vendor", dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))


def build_html(out: Path) -> list[Path]:
    """One static page per notebook, the glossary, and an index linking them."""
    out.mkdir(parents=True, exist_ok=True)
    _copy_vendor(out)
    exporter = HTMLExporter(config=_config(MATHJAX))
    pages = []
    for path in NOTEBOOKS:
        body, _ = exporter.from_notebook_node(_static_copy(path, ".html"))
        page = out / f"{path.stem}.html"
        page.write_text(body, encoding="utf-8")
        pages.append(page)
    glossary = (ROOT / "notebooks" / "glossary.md").read_text(encoding="utf-8")
    glossary = re.sub(r"\]\((\d\d_\w+)\.ipynb\)", r"](\1.html)", glossary)
    items = "".join(f'<li><a href="{p.name}">{_title(path)}</a></li>' for p, path in zip(pages, NOTEBOOKS, strict=True))
    for name, title, html in [
        ("glossary.html", "Glossary · 용어집", markdown2html(glossary)),
        ("index.html", "Neural networks from scratch",
         f"<h1>Neural networks from scratch, interactively</h1><ol>{items}</ol>"
         '<p><a href="glossary.html">Glossary · 용어집</a></p>'),
    ]:
        (out / name).write_text(_page(title, html), encoding="utf-8")
        pages.append(out / name)
    return pages


def build_slides(out: Path) -> list[Path]:
    """One reveal.js deck per notebook, with every script served from ``vendor/``."""
    out.mkdir(parents=True, exist_ok=True)
    _copy_vendor(out)
    exporter = SlidesExporter(config=_config(MATHJAX))
    exporter.reveal_url_prefix = "vendor/reveal.js"
    exporter.reveal_theme = "white"
    exporter.reveal_scroll = True  # a long slide scrolls instead of being cut off
    decks = []
    for path in NOTEBOOKS:
        body, _ = exporter.from_notebook_node(_static_copy(path, ".slides.html"))
        body = MERMAID_IMPORT.sub("", body)  # no notebook draws mermaid diagrams; this import would hit a CDN
        deck = out / f"{path.stem}.slides.html"
        deck.write_text(body, encoding="utf-8")
        decks.append(deck)
    return decks


def _title(path: Path) -> str:
    first = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0]
    return first.lstrip("# ").strip()


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
            "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}</style>"
            f"</head><body>{body}</body></html>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["html", "slides", "tag"])
    parser.add_argument("--out", type=Path, help="output folder (default: build/html or build/slides)")
    args = parser.parse_args()
    if args.what == "tag":
        tag()
        return
    out = args.out or ROOT / "build" / args.what
    built = build_html(out) if args.what == "html" else build_slides(out)
    for path in built:
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
