"""The glossary: every notebook links it, and every notebook it links exists."""

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
