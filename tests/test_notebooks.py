"""Every notebook follows the course's shape (DESIGN.md, "A notebook, top to bottom").

nbval runs the notebooks themselves (see pyproject.toml); this file checks how they are built and
committed: outputs present and in order, no errors, no absolute paths, the same sections everywhere.
"""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ABSOLUTE_PATH = re.compile(r"(/home/\w+|/root/|/tmp/|/Users/\w+|[A-Za-z]:\\\\)")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def cells(nb, kind):
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind]


def test_the_course_has_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no NN_name.ipynb"


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def nb(request):
    return load(request.param)


def test_starts_with_a_title_and_learning_objectives(nb):
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown" and "".join(first["source"]).startswith("# ")
    assert any(re.search(r"^#+ .*Learning objectives", md, re.M) for md in cells(nb, "markdown"))


def test_has_exercises_and_a_summary(nb):
    headings = "\n".join(line for md in cells(nb, "markdown") for line in md.splitlines() if line.startswith("#"))
    assert re.search(r"Exercises", headings) and re.search(r"Summary", headings)


def test_setup_cell_imports_helpers_and_fixes_a_seed(nb):
    setup = cells(nb, "code")[0]
    assert re.search(r"^from helpers\.\w+ import", setup, re.M), "the first code cell imports from helpers"
    assert re.search(r"(SEED\s*=\s*\d+|default_rng\(\s*\d+|np\.random\.seed\(\s*\d+)", setup)


def test_has_a_self_check_exercise(nb):
    code = "\n".join(cells(nb, "code"))
    assert re.search(r"from helpers\.checks import", code) and re.search(r"\bcheck_\w+\(", code)


def test_kernel_is_python3(nb):
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_committed_with_outputs_in_order_and_no_errors(nb):
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    counts = [c["execution_count"] for c in code_cells]
    assert counts == list(range(1, len(code_cells) + 1)), "run Restart & Run All before committing"
    for cell in code_cells:
        for out in cell["outputs"]:
            assert out["output_type"] != "error", "".join(cell["source"])[:80]
            assert out.get("name") != "stderr", f"stray warning: {''.join(out.get('text', ''))[:200]}"


def test_no_absolute_paths_or_removed_numpy_names(nb):
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        outputs = json.dumps(cell.get("outputs", []))
        assert not ABSOLUTE_PATH.search(source) and not ABSOLUTE_PATH.search(outputs), source[:80]
        if cell["cell_type"] == "code":
            assert "sys.path" not in source and "import *" not in source
            # a line may show the removed spelling failing on purpose when it says so with `noqa: NPY001`;
            # comments may name it
            live = "\n".join(line.split("#")[0] for line in source.splitlines() if "noqa: NPY001" not in line)
            assert not re.search(r"np\.(int|float|bool)\b(?!\w)", live), source[:80]


def test_key_terms_carry_their_korean_name(nb):
    assert re.search(r"[\uac00-\ud7a3]", "\n".join(cells(nb, "markdown")))


# --- Guards against the defects the correctness review found (issue 12) ------------------------------

CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NOTEBOOK_NUMBERS = {p.name[:2]: p for p in NOTEBOOKS}


def headings_numbered(nb) -> set[str]:
    """The numbers of a notebook's numbered sections: ``## 3. Title`` gives ``"3"``."""
    return set(re.findall(r"^##+ (\d+)[.\s]", "\n".join(cells(nb, "markdown")), re.M))


def section_references(text: str, own: str):
    """Every ``section N`` in ``text`` as ``(notebook number, N)``; a section of another notebook is named with
    it (``notebook 04's section 9``, ``section 9 of notebook 04``); otherwise it is one of ``own``."""
    text = re.sub(r"\s+", " ", text)
    crossed = [(m.start(), m.group(1), m.group(2))
               for m in re.finditer(r"[Nn]otebook (\d\d)(?:'s|,)? [Ss]ections? (\d+)", text)]
    crossed += [(m.start(), m.group(2), m.group(1))
                for m in re.finditer(r"[Ss]ections? (\d+) (?:of|in) notebook (\d\d)", text)]
    starts = {start for start, _, _ in crossed}
    refs = [(nb, section) for _, nb, section in crossed]
    for m in re.finditer(r"[Ss]ections? (\d+)", text):
        if not any(start <= m.start() <= start + 20 for start in starts):
            refs.append((own, m.group(1)))
    return refs


def test_no_control_characters_in_any_cell(nb):
    for i, cell in enumerate(nb["cells"]):
        found = CONTROL_CHARACTER.search("".join(cell["source"]))
        assert not found, f"cell {i} holds control character {found.group()!r} (a LaTeX \\a or \\b read as an escape?)"


def test_no_markdown_hidden_in_a_code_cell(nb):
    """A markdown heading written as a comment (``# ## 8. Limits``) is prose that does not render, nor reach
    the slides: it belongs in a markdown cell."""
    for i, source in enumerate(cells(nb, "code")):
        headings = [line for line in source.splitlines() if re.match(r"\s*#\s?#{1,4} \S", line)]
        assert not headings, f"code cell {i} hides a markdown heading in a comment: {headings[0].strip()!r}"


def test_every_notebook_and_section_reference_exists(nb):
    own = next(n for n, p in NOTEBOOK_NUMBERS.items() if load(p) == nb)
    prose = "\n".join(cells(nb, "markdown"))
    for number in re.findall(r"[Nn]otebooks? (\d+)", prose):
        assert number in NOTEBOOK_NUMBERS, f"notebook {own} names notebook {number}, which does not exist"
    for number, section in section_references(prose, own):
        if number in NOTEBOOK_NUMBERS:
            assert section in headings_numbered(load(NOTEBOOK_NUMBERS[number])), \
                f"notebook {own} refers to section {section} of notebook {number}, which has no such section"
    for target in re.findall(r"\]\(([^)#\s]+\.ipynb)", prose):
        assert (NOTEBOOKS[0].parent / target).exists(), f"notebook {own} links {target}, which does not exist"


def test_section_references_are_read_as_the_text_means():
    text = "as section 3 showed, and notebook 04's section 9 (see also section 2 of notebook 05)"
    assert sorted(section_references(text, "06")) == [("04", "9"), ("05", "2"), ("06", "3")]
