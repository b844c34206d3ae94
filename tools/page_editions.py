"""The editions of the static pages and slide decks (tools/build_pages.py): one per language of the course.

A translated edition reads ``notebooks/<lang>/`` (written by ``tools/i18n.py build``). Its pages ask for
fonts the reader's system already has, nothing is downloaded: for Korean, Noto Sans CJK KR (Debian's
``fonts-noto-cjk``), Apple SD Gothic Neo (macOS), Malgun Gothic (Windows), NanumGothic, then any sans-serif.
Korean lines break between words (``word-break: keep-all``), as Korean text is set, not inside a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KOREAN_FONTS = '"Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", "NanumGothic", sans-serif'


@dataclass(frozen=True)
class Edition:
    """One language of the course: where its notebooks are and the words and fonts of its pages."""

    lang: str
    folder: Path
    title: str
    heading: str
    glossary: str
    widget_note: str
    fonts: str = "sans-serif"

    @property
    def notebooks(self) -> list[Path]:
        return sorted(self.folder.glob("[0-9][0-9]_*.ipynb"))

    def font_css(self) -> str:
        """A ``<style>`` for a page or deck: the edition's fonts for text (code keeps its monospace); "" for English."""
        if self.fonts == "sans-serif":
            return ""
        f = self.fonts
        return (f"<style>:root {{ --jp-ui-font-family: {f}; --jp-content-font-family: {f}; }}"
                f" body, .reveal, .reveal h1, .reveal h2, .reveal h3, .reveal h4, .reveal h5, .reveal h6"
                f" {{ font-family: {f}; }}"
                " body, .reveal { word-break: keep-all; overflow-wrap: break-word; }</style>")


EDITIONS = {
    "en": Edition("en", ROOT / "notebooks", "Neural networks from scratch",
                  "Neural networks from scratch, interactively", "Glossary · 용어집",
                  "Interactive in JupyterLab: this is the widget's starting picture."),
    "ko": Edition("ko", ROOT / "notebooks" / "ko", "밑바닥부터 만져 보며 배우는 신경망",
                  "밑바닥부터 만져 보며 배우는 신경망", "용어집 · Glossary",
                  "JupyterLab에서는 움직여 볼 수 있다. 이 그림은 위젯의 처음 모습이다.", KOREAN_FONTS),
}
