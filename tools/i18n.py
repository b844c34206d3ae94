"""Translated editions of the course from gettext catalogs: the English notebooks stay the only source.

    .venv/bin/python tools/i18n.py update            # English notebooks -> i18n/ko/NN_name.po (+ glossary.po)
    .venv/bin/python tools/i18n.py build             # catalogs -> notebooks/ko/NN_name.ipynb, notebooks/ko/glossary.md
    .venv/bin/python tools/i18n.py build --strict    # ... and fail, listing them, if any entry is untranslated or fuzzy
    .venv/bin/python tools/i18n.py check             # every translation keeps its math, code, links and HTML

``update`` splits every markdown cell of ``notebooks/NN_*.ipynb`` (and ``notebooks/glossary.md``) into blocks
by the block rule of ``tools/i18n_blocks.py`` (paragraphs, headings, list items, table rows, display math,
``<details>`` lines; fenced code and blocks without prose are left out). Each block is one catalog entry:
msgid = the English block byte for byte, msgctxt = ``cell <cell id>`` (``glossary`` for the glossary), an
extracted comment naming notebook, cell and kind of block. It merges like ``msgmerge``: an entry whose
(msgctxt, msgid) is unchanged keeps its translation; a new msgid takes the translation of the closest old
msgid of the same msgctxt (difflib ratio >= 0.6, gettext's threshold), marked ``fuzzy`` with the old msgid
kept as ``#| msgid``; a block whose English is unchanged but whose cell changed (a cell split by
``tools/build_pages.py tag``, moved, or given a new id) keeps its translation as it was; a translated
entry that vanished becomes obsolete (``#~``), an untranslated one is dropped. Running it twice changes
nothing (``tests/test_i18n.py`` checks the committed catalogs are up to date).

``build`` writes the English notebook with each block replaced by its translation (untranslated or fuzzy:
the English block stays), code cells, outputs, cell ids, tags and metadata untouched, and relative links
rewritten for ``notebooks/<lang>/``: ``NN_*.ipynb`` stays (the translated sibling), ``glossary.md`` stays
when the glossary has a catalog (else ``../glossary.md``), anything else (``../data/...``, images) gains one
``../``. A language in ``COMPLETE`` must have every entry translated, none fuzzy (tests and ``check``).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from i18n_blocks import HTML_TARGET, LINK_TARGET, join_blocks, markup_problems, needs_translation  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
CATALOG_DIR = ROOT / "i18n"
LANGUAGES = ["ko"]
COMPLETE: list[str] = ["ko"]  # languages whose catalogs are finished: the tests then demand every entry translated
GLOSSARY = "glossary.md"
FUZZY_THRESHOLD = 0.6
SIBLING = re.compile(r"\d\d_[^/#?]*\.ipynb")
METADATA = {"Project-Id-Version": "nn-fundamentals-course", "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}
PLURAL_FORMS = {"ko": "nplurals=1; plural=0;"}


def sources(notebook_dir: Path = NOTEBOOK_DIR) -> list[Path]:
    """The English sources: every ``NN_*.ipynb``, then ``glossary.md`` if there is one."""
    found = sorted(notebook_dir.glob("[0-9][0-9]_*.ipynb"))
    return found + ([notebook_dir / GLOSSARY] if (notebook_dir / GLOSSARY).exists() else [])


def catalog_name(source: Path) -> str:
    return source.stem + ".po"


def markdown_units(source: Path) -> list[tuple[str, str, str]]:
    """``(msgctxt, where, markdown text)`` of each markdown cell of a notebook, or of the whole glossary."""
    if source.suffix == ".md":
        return [("glossary", source.name, source.read_text(encoding="utf-8"))]
    cells = json.loads(source.read_text(encoding="utf-8"))["cells"]
    return [(f"cell {c['id']}", f"{source.name}, cell {c['id']}", "".join(c["source"]))
            for c in cells if c["cell_type"] == "markdown"]


def extract(source: Path) -> list[polib.POEntry]:
    """One empty entry per block to translate, in reading order; a repeat of (msgctxt, msgid) is one entry."""
    entries, seen = [], set()
    for msgctxt, where, text in markdown_units(source):
        def collect(block_text, block, msgctxt=msgctxt, where=where):
            if needs_translation(block_text, block.kind) and (msgctxt, block_text) not in seen:
                seen.add((msgctxt, block_text))
                entries.append(polib.POEntry(msgctxt=msgctxt, msgid=block_text, msgstr="",
                                             comment=f"{where}, {block.kind}"))
            return block_text
        join_blocks(text, collect)
    return entries


def _closest(entry: polib.POEntry, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    """The translated candidate whose msgid is most like ``entry.msgid`` (ratio >= FUZZY_THRESHOLD)."""
    best, best_ratio = None, FUZZY_THRESHOLD
    for old in candidates:
        matcher = difflib.SequenceMatcher(None, entry.msgid, old.msgid)
        if matcher.real_quick_ratio() >= best_ratio and matcher.quick_ratio() >= best_ratio:
            ratio = matcher.ratio()
            if ratio >= best_ratio and (best is None or ratio > best_ratio):
                best, best_ratio = old, ratio
    return best


def merge(old: polib.POFile | None, fresh: list[polib.POEntry], language: str, source: Path) -> polib.POFile:
    """The catalog ``fresh`` with what ``old`` knew carried over, msgmerge-style (see the module docstring)."""
    po = polib.POFile(wrapwidth=78)
    po.header = (f"{language} translation of notebooks/{source.name}.\n"
                 "Made by `tools/i18n.py update`; translate msgstr only (i18n/README.md).")
    po.metadata = dict(old.metadata) if old else {}
    po.metadata.update(METADATA, Language=language)
    if language in PLURAL_FORMS:
        po.metadata["Plural-Forms"] = PLURAL_FORMS[language]
    known = ([e for e in old if not e.obsolete] + old.obsolete_entries()) if old else []
    by_key = {(e.msgctxt, e.msgid): e for e in known}
    translated = [e for e in known if e.msgstr]
    used = set()
    for entry in fresh:
        same = by_key.get((entry.msgctxt, entry.msgid))
        moved = None if same is not None else next((e for e in translated if e.msgid == entry.msgid), None)
        if same is None and moved is None:
            similar = _closest(entry, [e for e in translated if e.msgctxt == entry.msgctxt])
            if similar is not None:
                entry.msgstr, entry.tcomment = similar.msgstr, similar.tcomment
                entry.flags = ["fuzzy"]
                entry.previous_msgid = similar.previous_msgid or similar.msgid
                used.add((similar.msgctxt, similar.msgid))
        else:  # the same block, in its cell or moved to another (a cell split, or given a new id): still right
            same = same or moved
            entry.msgstr, entry.tcomment = same.msgstr, same.tcomment
            if "fuzzy" in same.flags:
                entry.flags, entry.previous_msgid = ["fuzzy"], same.previous_msgid
            used.add((same.msgctxt, same.msgid))
        po.append(entry)
    for entry in translated:
        if (entry.msgctxt, entry.msgid) not in used:
            po.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=entry.msgstr,
                                    tcomment=entry.tcomment, obsolete=True))
    return po


def update(language: str, out_dir: Path | None = None, catalog_dir: Path = CATALOG_DIR,
           notebook_dir: Path = NOTEBOOK_DIR) -> list[Path]:
    """Rewrite the catalogs of ``language`` from the English sources (into ``out_dir``, by default in place).

    Returns the catalogs whose text changed (or that are new)."""
    out_dir = out_dir or catalog_dir / language
    out_dir.mkdir(parents=True, exist_ok=True)
    changed = []
    for source in sources(notebook_dir):
        previous = catalog_dir / language / catalog_name(source)
        old = polib.pofile(str(previous), wrapwidth=78) if previous.exists() else None
        text = str(merge(old, extract(source), language, source))
        target = out_dir / catalog_name(source)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed.append(target)
    return changed


def load(language: str, source: Path, catalog_dir: Path = CATALOG_DIR) -> polib.POFile | None:
    path = catalog_dir / language / catalog_name(source)
    return polib.pofile(str(path)) if path.exists() else None


def finished(po: polib.POFile | None) -> dict[tuple[str, str], str]:
    """(msgctxt, msgid) -> msgstr of every entry translated and not fuzzy."""
    return {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries()} if po else {}


def pending(po: polib.POFile) -> list[polib.POEntry]:
    """Entries still to translate or to review: untranslated and fuzzy (obsolete ones left out)."""
    return [e for e in po if not e.obsolete and (not e.msgstr or "fuzzy" in e.flags)]


def relink(target: str, glossary_translated: bool) -> str:
    """A relative link of an English notebook, as seen from ``notebooks/<lang>/``."""
    if not target or target.startswith(("#", "/")) or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", target):
        return target
    path = re.split(r"[#?]", target, maxsplit=1)[0]
    if SIBLING.fullmatch(path) or (path == GLOSSARY and glossary_translated):
        return target
    return "../" + target


def _relink_all(text: str, glossary_translated: bool) -> str:
    def swap(m: re.Match) -> str:
        inner = m.start(1) - m.start(0), m.end(1) - m.start(0)
        return m.group(0)[: inner[0]] + relink(m.group(1), glossary_translated) + m.group(0)[inner[1]:]
    return HTML_TARGET.sub(swap, LINK_TARGET.sub(swap, text))


def translate_text(text: str, msgctxt: str, table: dict, glossary_translated: bool | None) -> str:
    """``text`` with each block replaced from ``table`` ((msgctxt, msgid) -> msgstr; missing: English kept).

    ``glossary_translated=None`` leaves links alone (the lossless round trip of the tests)."""
    def replace(block_text, block):
        if block.kind == "fence":
            return block_text
        out = table.get((msgctxt, block_text), block_text)
        return out if glossary_translated is None else _relink_all(out, glossary_translated)
    return join_blocks(text, replace)


def build_source(source: Path, table: dict, glossary_translated: bool | None) -> str:
    """The translated text of one English notebook (JSON as nbformat writes it) or of the glossary."""
    raw = source.read_text(encoding="utf-8")
    if source.suffix == ".md":
        return translate_text(raw, "glossary", table, glossary_translated)
    notebook = json.loads(raw)
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            text = translate_text("".join(cell["source"]), f"cell {cell['id']}", table, glossary_translated)
            cell["source"] = re.findall(r"[^\n]*\n|[^\n]+$", text)
    return json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def build(language: str, out_dir: Path | None = None, catalog_dir: Path = CATALOG_DIR,
          notebook_dir: Path = NOTEBOOK_DIR) -> dict[str, list[polib.POEntry]]:
    """Write every translated notebook (and glossary) of ``language``; returns the pending entries by catalog."""
    out_dir = out_dir or notebook_dir / language
    out_dir.mkdir(parents=True, exist_ok=True)
    glossary_translated = (catalog_dir / language / catalog_name(notebook_dir / GLOSSARY)).exists()
    waiting = {}
    for source in sources(notebook_dir):
        po = load(language, source, catalog_dir)
        if po is None and source.name == GLOSSARY:
            continue
        text = build_source(source, finished(po), glossary_translated)
        target = out_dir / source.name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        waiting[catalog_name(source)] = pending(po) if po else extract(source)
    return waiting


def check(language: str, catalog_dir: Path = CATALOG_DIR, notebook_dir: Path = NOTEBOOK_DIR) -> list[str]:
    """Problems of the catalogs of ``language``: markup lost in a translation (fuzzy ones included), and,
    for a language in ``COMPLETE``, any entry untranslated or fuzzy."""
    problems = []
    for source in sources(notebook_dir):
        po = load(language, source, catalog_dir)
        if po is None:
            problems += [f"{catalog_name(source)}: no catalog"] if language in COMPLETE else []
            continue
        for entry in po:
            if entry.msgstr and not entry.obsolete:
                problems += [f"{catalog_name(source)} [{entry.msgctxt}] {entry.msgid[:50]!r}: {p}"
                             for p in markup_problems(entry.msgid, entry.msgstr)]
        if language in COMPLETE:
            problems += [f"{catalog_name(source)} [{e.msgctxt}] {e.msgid[:50]!r}: "
                         + ("fuzzy" if e.msgstr else "untranslated") for e in pending(po)]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["update", "build", "check"])
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="default: every language")
    parser.add_argument("--strict", action="store_true", help="build: fail if any entry is untranslated or fuzzy")
    args = parser.parse_args(argv)
    status = 0
    for language in args.lang or LANGUAGES:
        if args.command == "update":
            for path in update(language):
                print(f"updated {path.relative_to(ROOT)}")
        elif args.command == "build":
            for name, entries in build(language).items():
                fuzzy = sum(bool(e.msgstr) for e in entries)
                print(f"{language}/{name}: {len(entries) - fuzzy} untranslated, {fuzzy} fuzzy")
                if args.strict:
                    status = status or bool(entries)
                    for e in entries:
                        print(f"  [{e.msgctxt}] {'fuzzy' if e.msgstr else 'untranslated'}: {e.msgid[:60]!r}")
        else:
            problems = check(language)
            print("\n".join(problems) or f"{language}: no problems")
            status = status or bool(problems)
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
