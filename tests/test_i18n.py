"""The translated editions (tools/i18n.py): catalogs in step with the English notebooks, a lossless block split,
code untouched, links that resolve, and, for a language declared complete, every block translated faithfully."""

import importlib.util
import json
import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("i18n", ROOT / "tools" / "i18n.py")
i18n = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n)
from i18n_blocks import HTML_TARGET, LINK_TARGET, markup_problems, needs_translation, split_blocks  # noqa: E402

SOURCES = i18n.sources()
OPEN, CLOSE = "⟦", "⟧"


def _ids(paths):
    return [p.name for p in paths]


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_catalogs_are_up_to_date(language, tmp_path):
    """Running `update` changes nothing: the committed catalogs are what the English notebooks give."""
    i18n.update(language, out_dir=tmp_path)
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(p.name for p in (i18n.CATALOG_DIR / language).glob("*.po")), "run: tools/i18n.py update"
    for name in made:
        committed = (i18n.CATALOG_DIR / language / name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == committed, f"{name}: run tools/i18n.py update"


@pytest.mark.parametrize("source", SOURCES, ids=_ids(SOURCES))
def test_block_split_is_lossless(source):
    """Every block is replaced in place: msgstr = msgid gives the English file byte for byte, and wrapping
    each catalog entry in markers marks exactly the blocks that need translation, nothing in between."""
    po = i18n.load("ko", source)
    assert po is not None, f"no catalog for {source.name}"
    entries = [e for e in po if not e.obsolete]
    raw = source.read_text(encoding="utf-8")
    assert OPEN not in raw and CLOSE not in raw
    same = {(e.msgctxt, e.msgid): e.msgid for e in entries}
    assert i18n.build_source(source, same, None) == raw
    marked = i18n.build_source(source, {(e.msgctxt, e.msgid): OPEN + e.msgid + CLOSE for e in entries}, None)
    assert marked.replace(OPEN, "").replace(CLOSE, "") == raw
    texts = [text for _, _, text in i18n.markdown_units(source)]
    blocks = [(t, b) for t in texts for b in split_blocks(t)]
    wanted = sum(needs_translation("\n".join(t.split("\n")[b.start:b.stop]), b.kind) for t, b in blocks)
    assert marked.count(OPEN) == wanted, f"{source.name}: catalog out of date, run tools/i18n.py update"
    for text in texts:
        covered = {n for b in split_blocks(text) for n in range(b.start, b.stop)}
        assert all(not line.strip() for n, line in enumerate(text.split("\n")) if n not in covered)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every language built from the committed catalogs into a temporary folder."""
    out = tmp_path_factory.mktemp("built")
    return {language: (out / language, i18n.build(language, out_dir=out / language)) for language in i18n.LANGUAGES}


def _notebooks(folder):
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_built_notebooks_keep_code_outputs_ids_and_tags(language, built):
    folder, _ = built[language]
    assert _ids(_notebooks(folder)) == _ids(_notebooks(i18n.NOTEBOOK_DIR))
    for path in _notebooks(folder):
        english = json.loads((i18n.NOTEBOOK_DIR / path.name).read_text(encoding="utf-8"))
        translated = json.loads(path.read_text(encoding="utf-8"))
        assert translated["metadata"] == english["metadata"]
        assert len(translated["cells"]) == len(english["cells"])
        for ours, theirs in zip(translated["cells"], english["cells"], strict=True):
            if theirs["cell_type"] == "code":
                assert json.dumps(ours, sort_keys=True) == json.dumps(theirs, sort_keys=True), path.name
            else:
                assert {k: v for k, v in ours.items() if k != "source"} == \
                       {k: v for k, v in theirs.items() if k != "source"}, path.name


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_relative_links_of_built_notebooks_resolve(language, built):
    """Seen from notebooks/<lang>/: a sibling notebook and the glossary are built there, the rest is one up."""
    folder, _ = built[language]
    there = {p.name for p in folder.iterdir()}
    checked = 0
    for path in folder.iterdir():
        if path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            texts = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
        else:
            texts = [path.read_text(encoding="utf-8")]
        targets = [t for text in texts for pattern in (LINK_TARGET, HTML_TARGET) for t in pattern.findall(text)]
        for target in targets:
            if re.match(r"[a-z]+:|#", target):
                continue
            target = re.split(r"[#?]", target)[0]
            checked += 1
            assert target in there or (i18n.NOTEBOOK_DIR / language / target).resolve().exists(), (path.name, target)
    assert checked > 0
    assert "../glossary.md" not in (folder / "01_perceptron_gates.ipynb").read_text(encoding="utf-8")


def test_relink():
    assert i18n.relink("02_xor_mlp.ipynb#section", True) == "02_xor_mlp.ipynb#section"
    assert i18n.relink("glossary.md", True) == "glossary.md"
    assert i18n.relink("glossary.md", False) == "../glossary.md"
    assert i18n.relink("../data/tiny.txt", True) == "../../data/tiny.txt"
    assert i18n.relink("figures/x.png", True) == "../figures/x.png"
    for absolute in ("https://pytorch.org/docs", "#learning-objectives", "/etc/x", "mailto:a@b.c"):
        assert i18n.relink(absolute, True) == absolute


def test_markup_checker_catches_what_a_translation_must_keep():
    msgid = "## 2. The **bias (편향)** `b` and $z = w x + b$ ([glossary](glossary.md))"
    good = "## 2. **편향(bias)** `b`와 $z = w x + b$ ([용어집](glossary.md))"
    assert markup_problems(msgid, good) == []
    bad = {
        "## 2. **편향(bias)** `b`와 $z = wx + b$ ([용어집](glossary.md))": "math",
        "## 2. **편향(bias)** `B`와 $z = w x + b$ ([용어집](glossary.md))": "code span",
        "## 2. **편향(bias)** `b`와 $z = w x + b$ ([용어집](용어집.md))": "link target",
        "### 2. **편향(bias)** `b`와 $z = w x + b$ ([용어집](glossary.md))": "block shape",
    }
    for translation, what in bad.items():
        assert any(what in p for p in markup_problems(msgid, translation)), translation
    assert any("HTML tag" in p for p in markup_problems("<details><summary>Solution</summary>", "풀이"))
    assert any("block shape" in p for p in markup_problems("| a | b |", "| 가 |"))
    assert any("block shape" in p for p in markup_problems("2. read the table", "- 표를 읽는다"))


def _write_notebook(path, markdown, cell_id="intro"):
    cells = [{"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": [markdown]},
             {"cell_type": "code", "id": "setup", "metadata": {"tags": ["x"]}, "execution_count": 1,
              "outputs": [], "source": ["print(1)"]}]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def test_an_english_edit_shows_up_as_fuzzy_and_a_removed_block_as_obsolete(tmp_path):
    """msgmerge semantics on a small notebook: kept, edited (fuzzy, old msgid kept) and removed blocks."""
    notebooks, catalogs = tmp_path / "notebooks", tmp_path / "i18n"
    notebooks.mkdir()
    english = notebooks / "01_demo.ipynb"
    _write_notebook(english, "# 01 · The perceptron\n\n## Learning objectives\n\nAfter this notebook you can:\n")
    po_path = catalogs / "ko" / "01_demo.po"
    assert i18n.update("ko", catalog_dir=catalogs, notebook_dir=notebooks) == [po_path]
    po = polib.pofile(str(po_path))
    assert [e.msgid for e in po] == ["# 01 · The perceptron", "## Learning objectives", "After this notebook you can:"]
    korean = ["# 01 · 퍼셉트론", "## 학습 목표", "이 노트북을 마치면 다음을 할 수 있다:"]
    for entry, msgstr in zip(po, korean, strict=True):
        entry.msgstr = msgstr
    po.save()
    _write_notebook(english, "# 01 · The perceptron\n\nAfter this notebook, you can:\n")
    assert i18n.update("ko", catalog_dir=catalogs, notebook_dir=notebooks) == [po_path]
    assert i18n.update("ko", catalog_dir=catalogs, notebook_dir=notebooks) == []
    po = polib.pofile(str(po_path))
    assert po.find("# 01 · The perceptron", msgctxt="cell intro").msgstr == "# 01 · 퍼셉트론"
    edited = po.find("After this notebook, you can:", msgctxt="cell intro")
    assert edited.flags == ["fuzzy"] and edited.msgstr == "이 노트북을 마치면 다음을 할 수 있다:"
    assert edited.previous_msgid == "After this notebook you can:"
    assert [(e.msgid, e.msgstr) for e in po.obsolete_entries()] == [("## Learning objectives", "## 학습 목표")]
    pending = i18n.build("ko", out_dir=tmp_path / "ko", catalog_dir=catalogs, notebook_dir=notebooks)
    assert [e.msgid for e in pending["01_demo.po"]] == [edited.msgid]
    built_cells = json.loads((tmp_path / "ko" / english.name).read_text(encoding="utf-8"))["cells"]
    assert built_cells[0]["source"] == ["# 01 · 퍼셉트론\n", "\n", "After this notebook, you can:\n"]
    assert built_cells[1] == json.loads(english.read_text(encoding="utf-8"))["cells"][1]


def test_a_block_that_moves_to_another_cell_keeps_its_translation(tmp_path):
    """A cell split by the slide tagger, or given a new id, changes the entries' msgctxt, not their English:
    the translations stay as they were, not fuzzy (an edited block in the same run still is)."""
    notebooks, catalogs = tmp_path / "notebooks", tmp_path / "i18n"
    notebooks.mkdir()
    english = notebooks / "01_demo.ipynb"
    _write_notebook(english, "# 01 · The perceptron\n\nAfter this notebook you can:\n")
    po_path = catalogs / "ko" / "01_demo.po"
    i18n.update("ko", catalog_dir=catalogs, notebook_dir=notebooks)
    po = polib.pofile(str(po_path))
    for entry, msgstr in zip(po, ["# 01 · 퍼셉트론", "이 노트북을 마치면 다음을 할 수 있다:"], strict=True):
        entry.msgstr = msgstr
    po.save()
    _write_notebook(english, "# 01 · The perceptron\n\nAfter this notebook, you can:\n", cell_id="a1b2c3d4")
    i18n.update("ko", catalog_dir=catalogs, notebook_dir=notebooks)
    po = polib.pofile(str(po_path))
    moved = po.find("# 01 · The perceptron", msgctxt="cell a1b2c3d4")
    assert moved.msgstr == "# 01 · 퍼셉트론" and "fuzzy" not in moved.flags
    assert po.find("After this notebook, you can:", msgctxt="cell a1b2c3d4").msgstr == ""  # edited and moved: new
    assert {e.msgid for e in po.obsolete_entries()} == {"After this notebook you can:"}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_translations_keep_math_code_links_and_tags(language):
    """Holds for every translated entry today, complete language or not (fuzzy ones included)."""
    assert [p for p in i18n.check(language) if not p.endswith(("untranslated", "fuzzy"))] == []


def _complete(language):
    return pytest.mark.skipif(language not in i18n.COMPLETE, reason=(
        f"{language} is not declared complete (tools/i18n.py COMPLETE): this test fails once it is"))


@pytest.mark.parametrize("language", [pytest.param(lang, marks=_complete(lang)) for lang in i18n.LANGUAGES])
def test_complete_language_has_every_entry_translated_and_none_fuzzy(language, built):
    _, waiting = built[language]
    assert {name: len(entries) for name, entries in waiting.items() if entries} == {}
    assert i18n.check(language) == []


@pytest.mark.parametrize("language", [pytest.param(lang, marks=_complete(lang)) for lang in i18n.LANGUAGES])
def test_complete_language_built_notebooks_are_committed_and_up_to_date(language, built):
    folder, _ = built[language]
    for path in sorted(folder.iterdir()):
        committed = i18n.NOTEBOOK_DIR / language / path.name
        assert committed.exists() and committed.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), \
            f"{committed.relative_to(ROOT)}: run tools/i18n.py build"


def test_the_block_rule():
    """The frozen rule of tools/i18n_blocks.py, one example of each kind (the catalogs depend on it)."""
    text = ("## 1. Title\nA paragraph\nover two lines.\n- item one\n  continued\n- item two\n\n"
            "| a | b |\n|---|---|\n| 1 | x |\n| 2 | y |\n$$\nx = 1\n\ny = 2\n$$\n> quote $a$\n\n"
            "<details><summary>Solution</summary>\n\n```python\nx = 1\n\ny = 2\n```\n</details>\n")
    kinds = [(b.kind, "\n".join(text.split("\n")[b.start:b.stop])) for b in split_blocks(text)]
    assert kinds == [("heading", "## 1. Title"), ("paragraph", "A paragraph\nover two lines."),
                     ("list item", "- item one\n  continued"), ("list item", "- item two"),
                     ("table header", "| a | b |\n|---|---|"), ("table row", "| 1 | x |"), ("table row", "| 2 | y |"),
                     ("display math", "$$\nx = 1\n\ny = 2\n$$"), ("paragraph", "> quote $a$"),
                     ("details", "<details><summary>Solution</summary>"),
                     ("fence", "```python\nx = 1\n\ny = 2\n```"), ("details", "</details>")]
    assert [needs_translation(t, k) for k, t in kinds] == [True] * 7 + [False, True, True, False, False]
