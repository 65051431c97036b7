"""Section ``widgets``: how long a live explorer takes to redraw when a control moves.

Every explorer of ``nnlib.explorers.EXPLORERS`` is built live (``widgets.explore``) and its controls are moved across
their range; one redraw is what a move costs in a notebook: the update of the figure, the
redraw of what changed and the PNG the image shows (``LiveExplorer.redraw``).
"""

from __future__ import annotations

import os
import time

import numpy as np

from .common import fmt_ms, log, verdict_max

TARGET_MS = 50.0  # median redraw, at most


def control_values(control, n):
    """Values to move one control through: every option, or n points across its range."""
    if hasattr(control, "options"):
        return [o[1] if isinstance(o, tuple) else o for o in control.options]
    if isinstance(control.value, bool):
        return [not control.value, control.value]
    if hasattr(control, "min") and hasattr(control, "max"):
        lo, hi = control.min, control.max
        values = np.linspace(lo, hi, n)
        step = getattr(control, "step", None)
        if step:
            values = lo + np.round((values - lo) / step) * step
        if isinstance(control.value, (int, np.integer)) and not isinstance(control.value, bool):
            values = np.round(values).astype(int)
        return [v.item() for v in values]
    return []


def measure(quick):
    os.environ.setdefault("MPLBACKEND", "Agg")
    from nnlib import explorers, widgets

    points = 6 if quick else 15
    return {"rows": [measure_widget(name, lambda name=name: widgets.explore(name), points, 1 if quick else 2)
                     for name in sorted(explorers.EXPLORERS)]}


def measure_widget(name, make, points, sweeps):
    start = time.perf_counter()
    row = {"name": name}
    try:
        explorer = make()
        row["build_ms"] = 1e3 * (time.perf_counter() - start)
        times, errors = [], len(explorer.errors)
        for _ in range(sweeps):
            for control in explorer.controls.values():
                for value in control_values(control, points):
                    if value == control.value:
                        continue
                    t0 = time.perf_counter()
                    control.value = value  # redraws, and shows the new picture
                    times.append(time.perf_counter() - t0)
        if len(explorer.errors) > errors:
            row["error"] = f"{len(explorer.errors) - errors} redraws raised, e.g. {explorer.errors[-1]!r}"
        ms = 1e3 * np.array(times)
        row.update(moves=len(ms), median_ms=float(np.median(ms)) if ms.size else None,
                   p95_ms=float(np.percentile(ms, 95)) if ms.size else None,
                   max_ms=float(ms.max()) if ms.size else None)
        log(f"  {name}: median {fmt_ms(row['median_ms'])}, 95th percentile {fmt_ms(row['p95_ms'])} "
            f"over {row['moves']} moves")
    except Exception as exc:  # report it, carry on with the others
        row["error"] = f"{type(exc).__name__}: {exc}"
        log(f"  {name}: FAILED {row['error']}")
    return row


def render(sec):
    missed = []
    out = [
        "Each live explorer is built and its controls are moved across their whole range; one redraw is what "
        "a move costs in a notebook: the update of the figure, the redraw of what changed (the rest is kept "
        "as a picture, `nnlib.plots.Redrawer`) and the PNG the explorer shows. A move that trains a network "
        f"(the playground) counts too. Measured {sec['measured']}.",
        "",
        f"| widget | moves | median, target ≤ {TARGET_MS:g} ms | 95th percentile | slowest |",
        "|---|---|---|---|---|",
    ]
    for r in sec["rows"]:
        if r.get("median_ms") is None:
            out.append(f"| {r['name']} | — | ❌ failed: {r.get('error', '?')} | — | — |")
            missed.append(f"widget {r['name']}: failed ({r.get('error', '?')})")
            continue
        v = verdict_max(r["median_ms"], TARGET_MS, " ms")
        if not v.startswith("✅"):
            missed.append(f"widget {r['name']}: median redraw {r['median_ms']:.1f} ms (target ≤ {TARGET_MS:g} ms)")
        err = f" — {r['error']}" if r.get("error") else ""
        out.append(f"| {r['name']} | {r['moves']} | {fmt_ms(r['median_ms'])} {v}{err} | {fmt_ms(r['p95_ms'])} | "
                   f"{fmt_ms(r['max_ms'])} |")
    return out, missed
