"""Section ``timing``: chapter 12's figure, one gradient of m examples vectorised
against a loop, frozen.

``nnlib.experiments.time_gradients`` runs in a fresh Python process whose BLAS may use
one thread only (``OPENBLAS_NUM_THREADS=1`` and its kin must be set before numpy loads).
With more threads, on a busy machine, OpenBLAS's threads wait on each other and a
vectorised pass can come out slower than the loop; with one, timed in CPU time, the
figure measures vectorisation.  Chapter 12 draws its figure, and quotes its speed-up,
from these results (``nnlib.experiments.gradient_timing``), so a rebuild of the book
cannot contradict them.
"""

from __future__ import annotations

import json
import subprocess
import sys

from nbtools import ONE_BLAS_THREAD, ROOT

from .common import child_env, fmt_ms, log, short_of

SPEEDUP = 20.0  # loop time ÷ vectorised time at the largest m, at least


def measure(quick):
    repeats = 7 if quick else 25
    code = (
        "import json, time, nnlib.experiments as ex; "
        f"print(json.dumps(ex.time_gradients(repeats={repeats}, "
        "clock=time.process_time)))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=child_env(ROOT, **ONE_BLAS_THREAD),
    )
    timing = json.loads(proc.stdout)
    timing.update(threads=1, repeats=repeats)
    log(
        f"  m = {timing['sizes'][-1]}: vectorised {1e3 * timing['t_batch'][-1]:.3f} "
        f"ms, loop {1e3 * timing['t_loop'][-1]:.2f} ms"
    )
    return timing


def render(sec):
    missed = []
    out = [
        "One forward and backward pass of a [20, 64, 64, 10] ReLU network for m "
        "examples: one vectorised pass over m columns (`loss_and_gradients`) against a "
        "loop over the examples (`per_example_gradients`), each the fastest of "
        f"{sec['repeats']} runs in CPU time (which a busy machine does not inflate), "
        f"in a process with {sec['threads']} BLAS thread. Chapter 12 draws these "
        f"numbers. Measured {sec['measured']}.",
        "",
        f"| m | vectorised | loop | loop ÷ vectorised, target ≥ {SPEEDUP:g} at m = "
        f"{sec['sizes'][-1]} |",
        "|---|---|---|---|",
    ]
    for i, (m, batch, loop) in enumerate(
        zip(sec["sizes"], sec["t_batch"], sec["t_loop"])
    ):
        ratio = loop / batch
        verdict = ""
        if i == len(sec["sizes"]) - 1:
            verdict = " ✅" if ratio >= SPEEDUP else f" {short_of(ratio, SPEEDUP)}"
            if ratio < SPEEDUP:
                missed.append(
                    f"timing: the loop is only {ratio:.1f}× slower at m = {m} "
                    f"(target ≥ {SPEEDUP:g}×)"
                )
        out.append(
            f"| {m} | {fmt_ms(1e3 * batch)} | {fmt_ms(1e3 * loop)} | "
            f"**{ratio:.1f}×**{verdict} |"
        )
    return out, missed
