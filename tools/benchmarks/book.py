"""Section ``book``: the book built in a fresh copy of the repository, then again
with nothing changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from nbtools import ONE_BLAS_THREAD, ROOT, book_command, page_path, toc_files

from .common import log, uncolour, verdict_max

# a cold build (every explorer's pictures drawn; chapters shown as committed), seconds,
# at most
COLD_S = 150.0
# the whole of _build/html, at most (issue 14: pictures drawn at 2x for sharp screens)
SITE_MB = 100.0
FRAMES_MB = 70.0  # the explorers' pictures, at most
REBUILD_S = 20.0  # a rebuild with nothing changed, seconds, at most
BUILDS = (
    ("cold", "cold (fresh copy)", COLD_S),
    ("rebuild", "rebuild, nothing changed", REBUILD_S),
)
NOT_COPIED = (
    "_build",
    ".venv",
    ".git",
    "node_modules",
    ".hypothesis",
    "__pycache__",
    ".pytest_cache",
    "*.egg-info",
    ".ipynb_checkpoints",
)
# the Performance page includes it: a build needs one
RESULTS_MD = "chapters/performance_results.md"


def missing_toc_pages():
    return [f for f in toc_files() if page_path(f) is None]


def run_build(where, label, logfile):
    start = time.perf_counter()
    warnings = []
    with subprocess.Popen(
        book_command(),
        cwd=where,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ, **ONE_BLAS_THREAD),
    ) as proc:  # as `make book`
        for line in proc.stdout:
            logfile.write(line)
            text = uncolour(line)
            if "Kernel is running over TCP" in text:
                continue
            if "WARNING" in text or "ERROR" in text:
                warnings.append(text)
            if any(
                k in text
                for k in (
                    "reading sources",
                    "Executing",
                    "building [html]",
                    "build succeeded",
                    "build finished",
                    "WARNING",
                    "ERROR",
                    "Sphinx error",
                )
            ):
                log(f"    {time.perf_counter() - start:6.1f} s  {text[:150]}")
    elapsed = time.perf_counter() - start
    result = {
        "seconds": elapsed,
        "returncode": proc.returncode,
        "warnings": len(warnings),
        "first_problems": warnings[:3],
    }
    log(
        f"  {label}: {elapsed:.1f} s, exit code {proc.returncode}, {len(warnings)} "
        "warnings/errors"
    )
    return result


def measure(quick):
    missing = missing_toc_pages()
    if missing:
        log(
            "  not measured: _toc.yml lists pages that do not exist yet: "
            f"{', '.join(missing)}"
        )
        return {
            "skipped": (
                f"_toc.yml lists pages that do not exist yet ({', '.join(missing)}); "
                "run `make bench` (or `python tools/bench.py --only book`) once every "
                "chapter exists"
            )
        }
    with tempfile.TemporaryDirectory(prefix="nnlib-bench-book-") as tmp:
        copy = Path(tmp) / "book"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*NOT_COPIED))
        if not (copy / RESULTS_MD).exists():
            (copy / RESULTS_MD).write_text("Not measured yet: run `make bench`.\n")
        log(f"  a fresh copy of the repository (without _build) in {copy}")
        logpath = Path(tmp) / "build.log"
        with open(logpath, "w") as logfile:
            results = {key: run_build(copy, label, logfile) for key, label, _ in BUILDS}
        html = copy / "_build" / "html"
        results["site_mb"] = (
            sum(p.stat().st_size for p in html.rglob("*") if p.is_file()) / 1e6
        )
        results["frames_mb"] = (
            sum(
                p.stat().st_size
                for p in (html / "_static" / "explorers").rglob("*.png")
            )
            / 1e6
        )
        log(
            f"  the site: {results['site_mb']:.1f} MB, of which the explorers' "
            f"pictures {results['frames_mb']:.1f} MB"
        )
        if any(results[key]["returncode"] for key, _, _ in BUILDS):
            kept = ROOT / "_build" / "bench-book-build.log"
            kept.parent.mkdir(exist_ok=True)
            shutil.copy(logpath, kept)
            log(
                "  the build reported problems; its full output is in "
                f"{kept.relative_to(ROOT)}"
            )
    return results


def render(sec):
    if "skipped" in sec:
        return [f"Not measured ({sec['measured']}): {sec['skipped']}."], [
            "book build: not measured"
        ]
    missed = []
    command = " ".join(["jupyter-book", *book_command()[1:]])
    out = [
        f"`{command}` in a fresh copy of the repository without `_build` (every "
        "explorer's pictures drawn; the chapters are shown as committed, executed), "
        "then the same command again with nothing changed. Measured "
        f"{sec['measured']}.",
        "",
        "| build | time | target | result |",
        "|---|---|---|---|",
    ]
    for key, label, target in BUILDS:
        b = sec[key]
        if b["returncode"]:
            problems = "; ".join(
                f"`{p[:120]}`" for p in b.get("first_problems", [])[:2]
            )
            v = (
                f"❌ the build failed (exit code {b['returncode']}, {b['warnings']} "
                "warnings/errors"
                + (f": {problems}" if problems else "")
                + "), so the time means nothing"
            )
            missed.append(f"book {label}: the build failed")
        else:
            v = verdict_max(b["seconds"], target, " s")
            if not v.startswith("✅"):
                missed.append(
                    f"book {label}: {b['seconds']:.0f} s (target ≤ {target:.0f} s)"
                )
        out.append(f"| {label} | {b['seconds']:.1f} s | ≤ {target:.0f} s | {v} |")
    for key, label, target in (
        ("site_mb", "size of `_build/html`", SITE_MB),
        ("frames_mb", "the explorers' pictures in it", FRAMES_MB),
    ):
        if key in sec:
            v = verdict_max(sec[key], target, " MB")
            if not v.startswith("✅"):
                missed.append(
                    f"book {label}: {sec[key]:.1f} MB (target ≤ {target:.0f} MB)"
                )
            out.append(f"| {label} | {sec[key]:.1f} MB | ≤ {target:.0f} MB | {v} |")
    return out, missed
