"""The Korean edition's pages around the notebooks: README.ko.md and docs/instructor_guide.ko.md follow the
English ones (the same commands, the same structure), every link in them resolves, and the Korean glossary
points at the Korean notebooks. The notebooks themselves are tested in tests/test_i18n.py."""

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("i18n", ROOT / "tools" / "i18n.py")
i18n = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n)
from i18n_blocks import HTML_TARGET, LINK_TARGET  # noqa: E402

README, README_KO = ROOT / "README.md", ROOT / "README.ko.md"
GUIDE, GUIDE_KO = ROOT / "docs" / "instructor_guide.md", ROOT / "docs" / "instructor_guide.ko.md"
KOREAN_FOLDER = "notebooks/ko/"


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _bash_blocks(text: str) -> list[str]:
    return re.findall(r"^```bash\n(.*?)^```$", text, flags=re.S | re.M)


def _links(path: Path) -> list[str]:
    """The relative link targets of a markdown file (external ones and #anchors left out), without #/?."""
    text = re.sub(r"^```.*?^```$", "", _text(path), flags=re.S | re.M)  # a command is not a link
    targets = LINK_TARGET.findall(text) + HTML_TARGET.findall(text)
    return [re.split(r"[#?]", t)[0] for t in targets if t and not re.match(r"[a-z][a-z0-9+.-]*:|#", t)]


@pytest.fixture(scope="module")
def built_korean(tmp_path_factory):
    """notebooks/ko/ as `tools/i18n.py build` writes it today, in a scratch folder."""
    out = tmp_path_factory.mktemp("ko")
    i18n.build("ko", out_dir=out)
    return out


def test_readme_ko_gives_the_english_commands_byte_for_byte():
    english, korean = _bash_blocks(_text(README)), _bash_blocks(_text(README_KO))
    assert english[:2] == korean[:2], "the install-and-open and the test command, as in README.md"
    assert all(block in english for block in korean), "every command block of README.ko.md is one of README.md's"


def test_english_readme_links_the_korean_one_near_the_top_and_back():
    assert "한국어: [README.ko.md](README.ko.md)" in "\n".join(_text(README).splitlines()[:4])
    assert "English: [README.md](README.md)" in "\n".join(_text(README_KO).splitlines()[:4])
    assert "jupyterlab-language-pack-ko-kr" in _text(README_KO) and "Settings ▸ Language" in _text(README_KO)


def test_readme_ko_maps_every_notebook_to_its_korean_edition():
    """One table row per English notebook, in order, linking notebooks/ko/ (notebook 08 is one more row)."""
    rows = re.findall(r"^\| (\d\d) \| \[[^]]+\]\(([^)]+)\) \| .+ \|$", _text(README_KO), flags=re.M)
    expected = [(p.name[:2], KOREAN_FOLDER + p.name) for p in i18n.sources() if p.suffix == ".ipynb"]
    assert rows == expected


@pytest.mark.parametrize("path", [README_KO, GUIDE_KO, GUIDE], ids=["README.ko.md", "instructor_guide.ko.md",
                                                                  "instructor_guide.md"])
def test_links_resolve_once_notebooks_ko_is_built(path, built_korean):
    """Every relative link exists in the repository; one into notebooks/ko/ exists in a fresh build."""
    links = _links(path)
    assert links
    for target in links:
        resolved = (path.parent / target).resolve()
        inside = resolved.relative_to(ROOT).as_posix() + ("/" if resolved.is_dir() else "")
        if inside.startswith(KOREAN_FOLDER) and inside != KOREAN_FOLDER:
            assert (built_korean / inside.removeprefix(KOREAN_FOLDER)).exists(), target
        else:
            assert resolved.exists(), target


@pytest.mark.skipif("ko" not in i18n.COMPLETE, reason=(
    "notebooks/ko/ is committed once ko is declared complete (tools/i18n.py COMPLETE): this test fails then if "
    "README.ko.md links a Korean notebook that is not there"))
@pytest.mark.parametrize("path", [README_KO, GUIDE_KO], ids=["README.ko.md", "instructor_guide.ko.md"])
def test_links_resolve_in_the_committed_korean_edition(path):
    for target in _links(path):
        assert (path.parent / target).resolve().exists(), target


def _shape(text: str) -> dict:
    """What must match between a page and its translation: the heading levels in order, and per section the
    number of table rows and of list items."""
    headings, sections = [], [[0, 0]]
    for line in re.sub(r"^```.*?^```$", "", text, flags=re.S | re.M).splitlines():
        if m := re.match(r"(#+) ", line):
            headings.append(len(m.group(1)))
            sections.append([0, 0])
        elif line.startswith("|") and not re.match(r"\|[-| ]+\|$", line):
            sections[-1][0] += 1
        elif re.match(r"(- |\d+\. )", line):
            sections[-1][1] += 1
    return {"heading levels": headings, "table rows, list items per section": sections}


def test_instructor_guide_ko_has_the_english_structure():
    assert _shape(_text(GUIDE_KO)) == _shape(_text(GUIDE))
    assert _shape(_text(GUIDE))["heading levels"].count(2) >= 4


def test_instructor_guides_link_each_other_and_name_the_korean_builds():
    korean = _text(GUIDE_KO)
    for command in re.findall(r"`(\.venv/bin/python tools/build_pages\.py \w+)`", _text(GUIDE)):
        assert f"`{command} --lang ko`" in korean, command
    assert "English: [instructor_guide.md](instructor_guide.md)" in korean.splitlines()[2]
    assert "한국어: [instructor_guide.ko.md](instructor_guide.ko.md)" in _text(GUIDE).splitlines()[2]


@pytest.mark.parametrize("path", [README_KO, GUIDE_KO], ids=["README.ko.md", "instructor_guide.ko.md"])
def test_korean_pages_are_in_the_plain_written_style(path):
    """한다체, as i18n/README.md asks: no 합니다체 (a syllable ending in ㅂ, then 니다) and no 해요체 endings."""
    text = re.sub(r"`[^`]*`", "", _text(path))
    words = [w.rstrip(".!?)") for w in re.findall(r"\S*(?:니다|세요|해요|에요|예요)[.!?)]*(?=\s|$)", text)]
    polite = [w for w in words if not w.endswith("니다") or (len(w) > 2 and (ord(w[-3]) - 0xAC00) % 28 == 17)]
    assert not polite, polite


def test_korean_glossary_links_the_korean_notebooks(built_korean):
    """notebooks/ko/glossary.md sends a reader to notebooks/ko/NN_*.ipynb, never back to the English ones."""
    targets = LINK_TARGET.findall(_text(built_korean / "glossary.md"))
    notebooks = [t for t in targets if re.search(r"\d\d_\w+\.ipynb", t)]
    assert notebooks and all("/" not in t and (built_korean / t).exists() for t in notebooks), notebooks
