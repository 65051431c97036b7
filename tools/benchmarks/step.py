"""Section ``step``: one training step of nnlib's vectorised batch, against a
per-example loop and PyTorch.

The forward pass, cost and backward pass of a batch of 256 examples, float64, for the
networks of :data:`SIZES`: ``Network.loss_and_gradients`` against
``nnlib.per_example_gradients`` (one example at a time) and against the same network in
PyTorch on the CPU, in a worker process (``benchmarks/torch_worker.py``) so that its
OpenMP threads and numpy's OpenBLAS threads never compete.  PyTorch is optional: without
it that column says so.  The methods run in interleaved rounds and every ratio comes
from the same run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import numpy as np

from nbtools import ROOT

from .common import (
    child_env,
    fmt_ms,
    log,
    minor_faults,
    problem,
    short_of,
    timed,
    torch_version,
)

SIZES = ([64, 128, 64, 10], [784, 256, 256, 10])
BATCH = 256
TORCH_RATIO = 1.0  # nnlib time ÷ PyTorch time, at most
LOOP_SPEEDUP = 20.0  # per-example loop time ÷ nnlib time, at least


def step_problem(sizes):
    """The network, a batch and its labels: the same in the main process and the
    worker."""
    return problem(sizes, "relu", "multiclass", BATCH)


def step_products(net, X, labels):
    """The matrix products of one training step, as (left, right) numpy pairs.

    Forward W^[l] a^[l−1]; backward δ^[l] a^[l−1]ᵀ (the weight gradients) and
    W^[l+1]ᵀ δ^[l+1] (the recursion): the work that BLAS does.
    """
    net.loss_and_gradients(X, labels)
    N = net.N
    pairs = [(net.W[l], net.a[l - 1]) for l in range(1, N + 1)]
    pairs += [(net.delta[l], net.a[l - 1].T) for l in range(1, N + 1)]
    pairs += [(net.W[l + 1].T, net.delta[l + 1]) for l in range(1, N)]
    return pairs


class TorchWorker:
    """The PyTorch worker process (``python -m benchmarks.torch_worker``), one JSON
    line per request."""

    def __init__(self):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.torch_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=child_env(ROOT / "tools", ROOT),
        )

    def ask(self, **cmd):
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the PyTorch worker stopped")
        return json.loads(line)

    def close(self):
        try:
            self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
            self.proc.stdin.close()
        except OSError:
            pass
        self.proc.wait(timeout=30)


# --------------------------------------------------------------------------- measure
def measure(quick):
    # Many short rounds: a burst of load from elsewhere on the machine then hits both
    # methods alike.  After an nnlib block, OpenBLAS's threads keep spinning for up to
    # ~0.1 s; the pause lets them stop before PyTorch's block starts (and vice versa).
    rounds = 12 if quick else 40
    worker = TorchWorker() if torch_version() else None
    if worker is None:
        log(
            "  PyTorch is not installed: skipping the comparison with it (pip install "
            "'nnlib[bench]')"
        )
    try:
        rows = [measure_network(sizes, rounds, worker) for sizes in SIZES]
    finally:
        if worker:
            worker.close()
    return {"rows": rows, "torch": torch_version(), "rounds": rounds}


def measure_network(sizes, rounds, worker, pause=0.15, loop_every=2):
    import nnlib

    net, X, labels = step_problem(sizes)
    for _ in range(5):
        net.loss_and_gradients(X, labels)
    nnlib.per_example_gradients(net, X, labels)
    info = worker.ask(cmd="setup", sizes=sizes) if worker else None
    reps = 10 if sizes[0] < 200 else 4  # a block takes 10–30 ms
    ours, loop, theirs, round_ratios = [], [], [], []
    faults = {"nnlib": 0, "torch": 0}
    for r in range(rounds):
        if r % 10 == 0:
            log(f"  {sizes}: round {r + 1}/{rounds}")
        before = minor_faults()
        block = timed(lambda: net.loss_and_gradients(X, labels), reps)
        faults["nnlib"] += minor_faults() - before
        ours += block
        time.sleep(pause)
        if worker:
            answer = worker.ask(cmd="time", reps=reps)
            theirs += answer["times"]
            faults["torch"] += answer["faults"]
            round_ratios.append(float(np.median(block) / np.median(answer["times"])))
            time.sleep(pause)
        if r % loop_every == 0:
            loop += timed(lambda: nnlib.per_example_gradients(net, X, labels), 1)
            time.sleep(pause)
    row = {
        "sizes": sizes,
        "batch": BATCH,
        "nnlib_ms": 1e3 * float(np.median(ours)),
        "nnlib_runs": len(ours),
        "loop_ms": 1e3 * float(np.median(loop)),
        "loop_runs": len(loop),
        "nnlib_best_ms": 1e3 * float(np.min(ours)),
        "nnlib_faults_per_step": faults["nnlib"] / len(ours),
        "torch_faults_per_step": faults["torch"] / len(theirs) if theirs else None,
        "torch_best_ms": 1e3 * float(np.min(theirs)) if theirs else None,
        "torch_ms": 1e3 * float(np.median(theirs)) if theirs else None,
        "torch_runs": len(theirs),
        "torch_round_ratios": (
            [
                float(np.percentile(round_ratios, 25)),
                float(np.percentile(round_ratios, 75)),
            ]
            if round_ratios
            else None
        ),
        "torch_max_rel_diff": info["max_rel_diff"] if info else None,
        "torch_threads": info["threads"] if info else None,
    }
    row["loop_speedup"] = row["loop_ms"] / row["nnlib_ms"]
    if worker:
        # How much of the difference is BLAS: the step's matrix products alone, numpy
        # (OpenBLAS) against PyTorch (its BLAS), on the same arrays, interleaved too.
        log(f"  {sizes}: the matrix products alone")
        pairs = step_products(net, X, labels)
        ours_mm, theirs_mm = [], []
        for _ in range(rounds // 2):
            ours_mm += timed(lambda: [a @ b for a, b in pairs], reps)
            time.sleep(pause)
            theirs_mm += worker.ask(cmd="products", reps=reps)["times"]
            time.sleep(pause)
        row["numpy_products_ms"] = 1e3 * float(np.median(ours_mm))
        row["torch_products_ms"] = 1e3 * float(np.median(theirs_mm))
    row["torch_ratio"] = row["nnlib_ms"] / row["torch_ms"] if theirs else None
    torch_part = (
        f", PyTorch {row['torch_ms']:.3f} ms (nnlib ÷ PyTorch = "
        f"{row['torch_ratio']:.2f})"
        if theirs
        else ""
    )
    log(
        f"  {sizes}: nnlib {row['nnlib_ms']:.3f} ms, loop {row['loop_ms']:.1f} ms "
        f"({row['loop_speedup']:.0f}× slower){torch_part}"
    )
    return row


# --------------------------------------------------------------------------- render
def render(sec):
    rows, missed = sec["rows"], []
    out = [
        "One step is the forward pass, the cost and the backward pass of a batch of "
        f"{BATCH} examples in float64 (ReLU hidden layers, softmax output, "
        "cross-entropy). Each time is the median of the runs shown; the methods ran in "
        "interleaved rounds, so that the load of the machine weighs on all of them "
        f"alike. Measured {sec['measured']}.",
        "",
        "| network | nnlib (batch) | per-example loop | PyTorch (CPU) | nnlib ÷ "
        f"PyTorch, target ≤ {TORCH_RATIO:.1f} | loop ÷ nnlib, target ≥ "
        f"{LOOP_SPEEDUP:g} |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        torch_cell, ratio_cell = torch_cells(r, missed)
        out.append(
            f"| {r['sizes']} | {fmt_ms(r['nnlib_ms'])} ({r['nnlib_runs']} runs) | "
            f"{fmt_ms(r['loop_ms'])} ({r['loop_runs']} runs) | {torch_cell} | "
            f"{ratio_cell} | {loop_cell(r, missed)} |"
        )
    out += [
        "",
        "Both sides of *loop ÷ nnlib* pay nnlib's input checks once per batch: "
        "`per_example_gradients` checks its arguments once and then runs each example "
        "through the bare formulas (`forward_layers`, `output_delta`, "
        "`backward_deltas`, `weight_gradient`, `bias_gradient`), so the ratio measures "
        "vectorisation, not validation. What the checks themselves cost is measured "
        "under *The cost of the checks*.",
    ]
    diffs = [
        r["torch_max_rel_diff"] for r in rows if r.get("torch_max_rel_diff") is not None
    ]
    if diffs:
        out += [
            "",
            "nnlib and PyTorch compute the same numbers: the cost and every gradient "
            "agree to a relative "
            f'difference of at most {max(diffs):.1e}. "Half the rounds" is the middle '
            'half of the '
            "ratios of the individual rounds, a measure of how much the load of the "
            "machine moved them.",
        ]
    notes = [
        f"{r['sizes']}: nnlib {fmt_ms(r['nnlib_best_ms'])}, PyTorch "
        f"{fmt_ms(r['torch_best_ms'])}; page faults per step: nnlib "
        f"{r['nnlib_faults_per_step']:.0f}, PyTorch {r['torch_faults_per_step']:.0f}"
        for r in rows
        if r.get("torch_best_ms") is not None
    ]
    if notes:
        out += [
            "",
            "Fastest single runs (and memory page faults, each a few µs on a virtual "
            "machine): "
            + "; ".join(notes)
            + ".",
        ]
    blas = [r for r in rows if r.get("torch_products_ms")]
    if blas:
        out += [
            "",
            "The matrix products of a step alone, on the same arrays (numpy's OpenBLAS "
            "against PyTorch's BLAS), medians timed in rounds of their own: "
            + "; ".join(
                f"{r['sizes']}: numpy {fmt_ms(r['numpy_products_ms'])}, PyTorch "
                f"{fmt_ms(r['torch_products_ms'])} "
                f"({r['numpy_products_ms'] / r['torch_products_ms']:.2f}×)"
                for r in blas
            )
            + ".",
        ]
    return out, missed


def torch_cells(r, missed):
    """The PyTorch column and the nnlib ÷ PyTorch column of one row."""
    if r["torch_ratio"] is None:
        return "not installed", "not measured (PyTorch is not installed)"
    lo, hi = r["torch_round_ratios"]
    ratio = r["torch_ratio"]
    cell = f"{fmt_ms(r['torch_ms'])} ({r['torch_runs']} runs)"
    if ratio <= TORCH_RATIO:
        return cell, f"**{ratio:.2f}** ✅ (half the rounds: {lo:.2f}–{hi:.2f})"
    missed.append(
        f"step {r['sizes']}: nnlib takes {ratio:.2f}× PyTorch's time (target ≤ "
        f"{TORCH_RATIO:.1f})"
    )
    return cell, (
        f"**{ratio:.2f}** ❌ missed: nnlib is {ratio / TORCH_RATIO - 1:.0%} slower "
        f"(half the rounds: {lo:.2f}–{hi:.2f})"
    )


def loop_cell(r, missed):
    speed = r["loop_speedup"]
    if speed >= LOOP_SPEEDUP:
        return f"**{speed:.0f}×** ✅"
    missed.append(
        f"step {r['sizes']}: only {speed:.1f}× faster than the loop (target ≥ "
        f"{LOOP_SPEEDUP:g}×)"
    )
    return f"**{speed:.1f}×** {short_of(speed, LOOP_SPEEDUP)}"
