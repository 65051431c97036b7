"""Section ``notebooks``: every chapter of ``_toc.yml`` executed top to bottom in a
fresh kernel."""

from __future__ import annotations

import datetime as dt
import subprocess
import time

from nbtools import chapter_paths

from .common import log, uncolour, verdict_max

TARGET_S = 10.0  # seconds per notebook, kernel start-up included, at most


def measure(quick):
    paths = chapter_paths()
    rows = []
    for i, path in enumerate(paths, 1):
        log(f"  [{i}/{len(paths)}] {path.name} ...")
        rows.append(measure_notebook(path))
    return {"rows": rows}


def measure_notebook(path):
    import nbformat

    from execute_notebooks import run

    nb = nbformat.read(path, as_version=4)
    row = {"name": path.stem}
    started = dt.datetime.now(dt.timezone.utc)
    start = time.perf_counter()
    try:  # as `make notebooks` runs them; the kernel's own log lines are noise here
        run(nb, kernel={"stderr": subprocess.DEVNULL}, record_timing=True)
    except Exception as exc:  # a failing chapter is a result too
        text = uncolour(str(exc))
        row["error"] = f"{type(exc).__name__}: {text.splitlines()[-1] if text else ''}"
    row["total_s"] = time.perf_counter() - start
    row["cells_s"] = cells_time(nb, since=started)
    log(
        f"      {row['total_s']:.1f} s (cells {row['cells_s']:.1f} s)"
        + (f"  FAILED {row['error']}" if "error" in row else "")
    )
    return row


def cells_time(nb, since):
    """Seconds from the first cell's start to the last cell's reply (kernel start-up
    excluded).

    Only cells executed after ``since`` count: after a failure the later cells keep the
    timestamps of an earlier run.
    """
    stamps = []
    for cell in nb.cells:
        ex = cell.get("metadata", {}).get("execution", {})
        for key in ("iopub.execute_input", "shell.execute_reply"):
            if key in ex:
                stamp = dt.datetime.fromisoformat(ex[key].replace("Z", "+00:00"))
                if stamp >= since:
                    stamps.append(stamp)
    return (max(stamps) - min(stamps)).total_seconds() if stamps else 0.0


def render(sec):
    missed = []
    out = [
        "Each chapter executed top to bottom in a fresh kernel; the run time includes "
        f"starting the kernel. Measured {sec['measured']}.",
        "",
        f"| notebook | run time, target ≤ {TARGET_S:g} s | of which cells |",
        "|---|---|---|",
    ]
    for r in sec["rows"]:
        v = verdict_max(r["total_s"], TARGET_S, " s")
        if "error" in r:
            v = f"❌ failed: {r['error']}"
            missed.append(f"notebook {r['name']}: failed")
        elif not v.startswith("✅"):
            missed.append(
                f"notebook {r['name']}: {r['total_s']:.1f} s (target ≤ {TARGET_S:g} s)"
            )
        out.append(f"| {r['name']} | {r['total_s']:.1f} s {v} | {r['cells_s']:.1f} s |")
    if sec["rows"]:
        total = sum(r["total_s"] for r in sec["rows"])
        out += ["", f"All {len(sec['rows'])} notebooks: {total:.0f} s."]
    return out, missed
