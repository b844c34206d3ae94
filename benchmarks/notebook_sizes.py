"""What each committed notebook file holds, in bytes: its figures, its other outputs, its source (goal: each file
<= 500 kB, the English notebooks <= 3 MB in all). Prints one row per notebook and the totals, English and Korean.

    .venv/bin/python benchmarks/notebook_sizes.py

The figures are slimmed by ``tools/slim_notebooks.py`` (its docstring says how, and why the pixel size stays);
"palette / RGB" counts the figures stored as 8-bit palette PNGs and the few kept exact in 24-bit RGB.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = {"English": ROOT / "notebooks", "Korean": ROOT / "notebooks" / "ko"}
GOAL_EACH, GOAL_ALL = 500_000, 3_000_000
PALETTE_PNG = 3  # the colour type in a PNG's header (IHDR)


def holdings(path: Path) -> dict:
    """Bytes of the file, of its PNG figures (as stored, base64), of its other outputs and of its cells' source."""
    text = path.read_text(encoding="utf-8")
    nb = json.loads(text)
    figures, palette, other, source = [], 0, 0, 0
    for cell in nb["cells"]:
        source += len("".join(cell["source"]).encode())
        for out in cell.get("outputs", []):
            for mime, value in out.get("data", {}).items():
                stored = "".join(value) if isinstance(value, list) else value
                stored = stored if isinstance(stored, str) else json.dumps(stored)
                if mime == "image/png":
                    figures.append(len(stored))
                    palette += base64.b64decode(stored[:44])[25] == PALETTE_PNG
                else:
                    other += len(stored.encode())
            other += len("".join(out.get("text", "")).encode())
    return {"file": len(text.encode()), "figures": sum(figures), "n_figures": len(figures), "palette": palette,
            "other": other, "source": source, "largest": max(figures, default=0)}


def main() -> None:
    for edition, folder in EDITIONS.items():
        paths = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
        print(f"{edition} notebooks ({folder.relative_to(ROOT)}/), kB:")
        print(f"  {'notebook':36s} {'file':>6s} {'figures':>8s} {'n':>3s} {'palette/RGB':>11s} {'largest':>8s} "
              f"{'outputs':>8s} {'source':>7s}")
        total = 0
        for path in paths:
            h = holdings(path)
            total += h["file"]
            flag = "" if h["file"] <= GOAL_EACH else "  over 500 kB"
            print(f"  {path.name:36s} {h['file'] / 1e3:6.0f} {h['figures'] / 1e3:8.0f} {h['n_figures']:3d} "
                  f"{h['palette']:>7d}/{h['n_figures'] - h['palette']:<3d} {h['largest'] / 1e3:8.0f} "
                  f"{h['other'] / 1e3:8.0f} {h['source'] / 1e3:7.0f}{flag}")
        print(f"  {'all':36s} {total / 1e3:6.0f}   (goal: each <= {GOAL_EACH / 1e3:.0f} kB, "
              f"all <= {GOAL_ALL / 1e6:.0f} MB)\n")


if __name__ == "__main__":
    main()
