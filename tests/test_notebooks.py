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
