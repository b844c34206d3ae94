"""The glossary: every notebook links it, and every notebook it links exists."""

import json
import re
from pathlib import Path

NOTEBOOKS_DIR = Path(__file__).parent.parent / "notebooks"
GLOSSARY = (NOTEBOOKS_DIR / "glossary.md").read_text(encoding="utf-8")


def test_every_term_has_english_korean_meaning_and_notebook():
    rows = [line for line in GLOSSARY.splitlines() if line.startswith("| ") and not line.startswith("| English")]
    assert len(rows) >= 50
    for row in rows:
        english, korean, meaning, where = (cell.strip() for cell in row.strip("|").split("|"))
        assert english and meaning and where, row
        assert re.search(r"[\uac00-\ud7a3]", korean), f"no Korean name: {row}"


def test_glossary_links_point_at_existing_notebooks():
    for target in set(re.findall(r"\]\(([^)]+\.ipynb)\)", GLOSSARY)):
        assert (NOTEBOOKS_DIR / target).exists(), target


def test_every_notebook_links_the_glossary():
    for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        assert "(glossary.md)" in path.read_text(encoding="utf-8"), path.name


# A key term on first use: **term (한국어)** or **term** (한국어).
BOLD_WITH_KOREAN = re.compile(r"\*\*([^*()]+?)\*\*\s*\(([^)]*?[\uac00-\ud7a3][^)]*?)\)"
                              r"|\*\*([^*()]+?)\s*\(([^)]*?[\uac00-\ud7a3][^)]*?)\)\*\*")


def _normal(term: str) -> str:
    term = re.sub(r"\s+", " ", term).strip().lower()
    term = re.sub(r"^\d+[.)]?\s+", "", term)  # a numbered property: **1 continuity (연속성)**
    return term[:-1] if term.endswith("s") and not term.endswith("ss") else term


def first_bold_uses() -> dict[str, str]:
    """Each term set in bold with its Korean name, and the first notebook (``"01"`` ...) that does so."""
    first = {}
    for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        for m in BOLD_WITH_KOREAN.finditer(prose):
            first.setdefault(_normal(m.group(1) or m.group(3)), path.name[:2])
    return first


def glossary_rows():
    for line in GLOSSARY.splitlines():
        if line.startswith("| ") and not line.startswith("| English"):
            english, _korean, _meaning, where = (cell.strip() for cell in line.strip("|").split("|"))
            yield english, re.findall(r"\[(\d\d)\]", where)


def test_glossary_names_the_notebook_where_each_term_first_appears():
    """A glossary row's first notebook is the first that sets the term in bold with its Korean name
    (any of the row's spellings: ``ReLU, leaky ReLU`` is two; ``hyperbolic tangent (tanh)`` is also ``tanh``)."""
    first, wrong = first_bold_uses(), []
    for english, notebooks in glossary_rows():
        spellings = {_normal(re.sub(r"\([^)]*\)", "", s)) for s in english.split(",")} | {_normal(english)}
        spellings |= {_normal(s) for s in re.findall(r"\(([^)]*)\)", english)}  # (tanh), (RNN), (set)
        seen = sorted(first[s] for s in spellings if s in first)
        if not seen:
            wrong.append(f"{english}: never in bold with its Korean name (glossary says notebook {notebooks[0]})")
        elif seen[0] != notebooks[0]:
            wrong.append(f"{english}: first in bold with its Korean name in notebook {seen[0]}, "
                         f"glossary says {notebooks[0]}")
    assert not wrong, "\n".join(wrong)
