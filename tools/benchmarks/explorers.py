"""Section ``explorers``: the pictures the book draws in advance for its explorers
(issue 9's budgets).

Every explorer's grid is drawn into a fresh folder with the build's own exporter
(``tools/sphinxext/explorer_frames.py``), one explorer at a time: the number of states
(at most 1,000 each), the bytes (at most 70 MB in all), the largest picture, and the
time per picture.  The cold build draws them in two background processes while the
notebooks execute: the book section measures that whole.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from .common import log, verdict_max

MAX_STATES = 1000
TOTAL_MB = (
    70.0  # issue 14: the pictures are drawn at twice the resolution they are shown at
)
PAGE_MB = (
    2.0  # the pictures a page loads when it opens: the default one and its neighbours
)


def measure(quick):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sphinxext"))
    import explorer_frames

    from nnlib.explorers import EXPLORERS

    rows = []
    with tempfile.TemporaryDirectory(prefix="nnlib-bench-frames-") as tmp:
        for name in EXPLORERS:
            start = time.perf_counter()
            folder = explorer_frames.export(name, tmp)
            seconds = time.perf_counter() - start
            manifest = json.loads(
                (folder / "manifest.json").read_text(encoding="utf-8")
            )
            states = manifest["states"]
            default = states.index([c["default"] for c in manifest["controls"]])
            near = [
                i
                for i, s in enumerate(states)
                if sum(a != b for a, b in zip(s, states[default])) == 1
                and max(abs(a - b) for a, b in zip(s, states[default])) == 1
            ]
            opening = sum(
                (folder / f"{i}.{manifest['format']}").stat().st_size
                for i in [default, *near]
            )
            rows.append(
                {
                    "name": name,
                    "states": len(states),
                    "mb": manifest["bytes"] / 1e6,
                    "largest_kb": manifest["largest"] / 1e3,
                    "seconds": seconds,
                    "ms_per_picture": 1e3 * seconds / len(states),
                    "opening_mb": opening / 1e6,
                }
            )
            log(
                f"  {name}: {len(states)} pictures, {manifest['bytes'] / 1e6:.1f} MB, "
                f"{seconds:.1f} s"
            )
    return {"rows": rows}


def render(sec):
    missed, rows = [], sec["rows"]
    out = [
        "Each explorer's grid drawn by the build's exporter, one explorer at a time in "
        "one process; a page that opens loads the default picture and its neighbours "
        f"(one step of one control away). Measured {sec['measured']}.",
        "",
        f"| explorer | pictures, ≤ {MAX_STATES} | MB | largest | ms per picture "
        f"| a page opens with, ≤ {PAGE_MB:g} MB |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        v_states = verdict_max(r["states"], MAX_STATES)
        v_page = verdict_max(r["opening_mb"], PAGE_MB, " MB")
        for v, what in (
            (v_states, f"{r['states']} pictures"),
            (v_page, f"{r['opening_mb']:.2f} MB on opening"),
        ):
            if not v.startswith("✅"):
                missed.append(f"explorer {r['name']}: {what}")
        out.append(
            f"| {r['name']} | {r['states']} {v_states} | {r['mb']:.1f} | "
            f"{r['largest_kb']:.0f} KB | {r['ms_per_picture']:.0f} | "
            f"{r['opening_mb']:.2f} MB {v_page} |"
        )
    total = sum(r["mb"] for r in rows)
    v_total = verdict_max(total, TOTAL_MB, " MB")
    if not v_total.startswith("✅"):
        missed.append(
            f"explorers: {total:.1f} MB of pictures (target ≤ {TOTAL_MB:g} MB)"
        )
    seconds = sum(r["seconds"] for r in rows)
    out += [
        "",
        f"In all: {sum(r['states'] for r in rows)} pictures, **{total:.1f} MB** "
        f"(target ≤ {TOTAL_MB:g} MB: {v_total}), drawn in {seconds:.0f} s of one core.",
    ]
    return out, missed
