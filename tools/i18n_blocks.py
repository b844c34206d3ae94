"""Split course markdown into translation blocks, join it back, and check that a translation kept its markup.

Used by ``tools/i18n.py``; the block rule below is frozen (translators' catalogs depend on it).

THE BLOCK RULE. A markdown text is read line by line (``text.split("\\n")``, so joining the lines with
``"\\n"`` gives the text back). A *block* is a run of lines; the lines between blocks are blank (only
whitespace) and are kept verbatim, so ``join(split(text))`` is ``text`` byte for byte, whatever the
translations say. A block never contains its final newline.

1. ``fence``: a fenced code block (a line starting, after indentation, with ``````` or ``~~~``) up to its
   closing fence, blank lines included. Never translated (code stays English).
2. ``display math``: a display-math block, from a line starting with ``$$`` to the line ending with ``$$`` (the same
   line if it holds both), blank lines included.
3. ``heading``: one line ``#``...``######`` followed by a space.
4. ``details``: a line starting with ``<details`` (it usually carries ``<summary>...</summary>``), and a
   line starting with ``</details``: each a block of its own, so the solution inside splits as usual.
5. ``table header`` and ``table row``: the header row together with its delimiter row (``|---|``) is one
   block; every further row is a block of its own (editing one row invalidates only that row).
6. ``list item``: a list item (a line starting with ``-``, ``*``, ``+``, ``1.`` or ``1)`` and a space, at most 3
   spaces in) with its continuation lines (indented or lazy) up to the next item, blank line or other
   block: every item of a list is a block of its own.
7. ``paragraph``: any other run of non-blank lines (blockquotes ``>`` included) up to a blank line or one
   of the blocks above.

A block with no letter left once code spans, math, HTML tags and link targets are removed (``</details>``,
``[01](01_x.ipynb), [04](04_y.ipynb)``), and every ``fence`` block, needs no translation: it is not put in a
catalog and is copied as it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
HEADING = re.compile(r"^#{1,6}(\s|$)")
ITEM = re.compile(r"^ {0,3}([-*+]|\d{1,9}[.)])(\s|$)")
TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")

CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
DISPLAY_MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$", re.S)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$", re.S)
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_TARGET = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']*)["']""")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


@dataclass(frozen=True)
class Block:
    """Lines ``start:stop`` of a text split at ``"\\n"``; ``kind`` is one of the block rule's kinds."""

    start: int
    stop: int
    kind: str


def _fence_end(lines: list[str], i: int) -> int:
    """Index after the fence opened at line ``i`` (the end of the text if it is never closed)."""
    mark = FENCE.match(lines[i]).group(1)
    for j in range(i + 1, len(lines)):
        if lines[j].strip().startswith(mark[0] * len(mark)) and not lines[j].strip().strip(mark[0]):
            return j + 1
    return len(lines)


def _math_end(lines: list[str], i: int) -> int:
    """Index after the ``$$`` block opened at line ``i``."""
    first = lines[i].strip()
    if len(first) > 2 and first.endswith("$$"):
        return i + 1
    for j in range(i + 1, len(lines)):
        if lines[j].rstrip().endswith("$$"):
            return j + 1
    return len(lines)


def _single_line_kind(line: str) -> str | None:
    if HEADING.match(line):
        return "heading"
    if line.lstrip().startswith(("<details", "</details")):
        return "details"
    return None


def split_blocks(text: str) -> list[Block]:
    """The blocks of a markdown ``text`` (a cell's source), in order, by the block rule of this module."""
    lines = text.split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if FENCE.match(line):
            stop, kind = _fence_end(lines, i), "fence"
        elif line.lstrip().startswith("$$"):
            stop, kind = _math_end(lines, i), "display math"
        elif _single_line_kind(line):
            stop, kind = i + 1, _single_line_kind(line)
        elif line.lstrip().startswith("|"):
            delimiter = i + 1 < len(lines) and TABLE_DELIMITER.match(lines[i + 1])
            stop, kind = (i + 2, "table header") if delimiter else (i + 1, "table row")
        else:
            kind = "list item" if ITEM.match(line) else "paragraph"
            stop = i + 1
            while stop < len(lines) and lines[stop].strip() and not _starts_block(lines[stop]):
                stop += 1
        blocks.append(Block(i, stop, kind))
        i = stop
    return blocks


def _starts_block(line: str) -> bool:
    """Whether ``line`` ends the paragraph or list item before it and starts a new block."""
    stripped = line.lstrip()
    return bool(FENCE.match(line) or stripped.startswith(("$$", "|")) or _single_line_kind(line)
                or ITEM.match(line))


def block_text(text: str, block: Block) -> str:
    """The exact text of ``block`` in ``text`` (no final newline)."""
    return "\n".join(text.split("\n")[block.start:block.stop])


def _prose(text: str) -> str:
    """``text`` without code spans, math, HTML tags and link targets: what a translator translates."""
    for pattern in (CODE_SPAN, DISPLAY_MATH, INLINE_MATH, HTML_TAG, LINK_TARGET, HTML_TARGET):
        text = pattern.sub(" ", text)
    return text


def needs_translation(text: str, kind: str) -> bool:
    """Whether a block goes into the catalog: not a fenced code block, and some letter left in its prose."""
    return kind != "fence" and any(ch.isalpha() for ch in _prose(text))


def join_blocks(text: str, replace: Callable[[str, Block], str]) -> str:
    """``text`` with every block replaced by ``replace(block_text, block)``; the blank lines between stay."""
    lines = text.split("\n")
    out: list[str] = []
    position = 0
    for block in split_blocks(text):
        out.extend(lines[position:block.start])
        out.append(replace("\n".join(lines[block.start:block.stop]), block))
        position = block.stop
    out.extend(lines[position:])
    return "\n".join(out)


def markup(text: str) -> dict[str, Counter]:
    """What a translation must keep: code spans, display and inline math, link targets and HTML tags."""
    spans: dict[str, Counter] = {"code span": Counter(m.group(0) for m in CODE_SPAN.finditer(text))}
    rest = CODE_SPAN.sub(" ", text)
    spans["math"] = Counter(m.group(0) for m in DISPLAY_MATH.finditer(rest))
    rest = DISPLAY_MATH.sub(" ", rest)
    spans["math"] += Counter(m.group(0) for m in INLINE_MATH.finditer(rest))
    rest = INLINE_MATH.sub(" ", rest)
    spans["link target"] = Counter(LINK_TARGET.findall(rest)) + Counter(HTML_TARGET.findall(rest))
    spans["HTML tag"] = Counter(HTML_TAG.findall(rest))
    return spans


def _line_shape(text: str) -> str:
    """The markdown that starts a block: heading level, list marker, blockquote, table cell count."""
    first = text.lstrip("\n").split("\n", 1)[0]
    if text.lstrip().startswith("|"):
        return "table row of " + ",".join(str(len(re.findall(r"(?<!\\)\|", r))) for r in text.split("\n"))
    if m := HEADING.match(first):
        return "heading " + first[: len(m.group(0))].strip()
    if m := ITEM.match(first):
        marker = m.group(1)
        return "list item " + marker
    return "blockquote" if first.startswith(">") else "text"


def markup_problems(msgid: str, msgstr: str) -> list[str]:
    """Why ``msgstr`` is not a faithful translation of ``msgid``'s markup ([] when it is).

    Every code span and math span of ``msgid`` must appear in ``msgstr`` at least as often, unchanged
    (a translation may repeat a symbol); link targets and HTML tags must be exactly the same multiset; and
    the block must start the same way (heading level, list marker, blockquote, number of table cells).
    """
    problems = []
    want, have = markup(msgid), markup(msgstr)
    for name in ("code span", "math"):
        missing = want[name] - have[name]
        problems += [f"{name} {span!r} missing or changed" for span in missing]
    for name in ("link target", "HTML tag"):
        if want[name] != have[name]:
            problems.append(f"{name}s differ: {sorted(want[name].elements())} became {sorted(have[name].elements())}")
    if _line_shape(msgid) != _line_shape(msgstr):
        problems.append(f"block shape differs: {_line_shape(msgid)} became {_line_shape(msgstr)}")
    return problems
