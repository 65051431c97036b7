"""Section ``checks``: what nnlib's input validation costs a forward and backward pass.

``net.forward(X); net.backward(Y)`` against the same two methods with their
``_validate.`` lines deleted (:func:`without_checks`): ``forward_layers``,
``output_delta``, ``backward_deltas``, ``weight_gradient`` and ``bias_gradient``,
exactly as ``Network`` calls them.  Both must give the same dW and db before they are
timed.  The machine is shared and noisy, so the two run in many short interleaved rounds
(which goes first alternates); the ratio is the median of the rounds' ratios, with its
interquartile range.
"""

from __future__ import annotations

import inspect
import sys
import textwrap
import time

import numpy as np

from .common import fmt_ratio, fmt_us, gc_paused, log, problem, verdict_max

TARGET = 1.3  # checked time ÷ bare time, at most
# (sizes, hidden, task, m): the playground network on one example; the step's first
# network
CASES = (
    ([2, 8, 1], "tanh", "binary", 1),
    ([64, 128, 64, 10], "relu", "multiclass", 256),
)
BLOCK_S = 0.005  # a round's block of calls lasts about this long …
MAX_CALLS = 200  # … and holds at most this many calls


def without_checks(method):
    """``method`` compiled again from its own source without its ``_validate.`` lines.

    The same formulas in the same order, minus the checks: what validation costs is the
    difference.  Raises if there is no such line, rather than compare a method with
    itself.
    """
    lines = textwrap.dedent(inspect.getsource(method)).splitlines()
    kept = [line for line in lines if "_validate." not in line]
    if len(kept) == len(lines):
        raise RuntimeError(
            f"{method.__qualname__} has no `_validate.` line: update "
            "tools/benchmarks/checks.py"
        )
    namespace = dict(
        vars(sys.modules[method.__module__])
    )  # the module's names, as the method sees them
    exec(
        compile("\n".join(kept), f"<{method.__qualname__} without checks>", "exec"),
        namespace,
    )
    return namespace[method.__name__]


def checked_and_bare(net, X, Y):
    """Two callables, one pass each: with nnlib's checks, and the same code without
    them (on a copy)."""
    import nnlib

    forward, backward = (
        without_checks(nnlib.Network.forward),
        without_checks(nnlib.Network.backward),
    )
    bare_net = net.copy()

    def checked():
        net.forward(X)
        return net.backward(Y)

    def bare():
        forward(bare_net, X)
        return backward(bare_net, Y)

    return checked, bare


def same_gradients(checked, bare):
    """The largest difference between the two's dW and db, and whether they are
    np.allclose."""
    (dW, db), (dW_bare, db_bare) = checked(), bare()
    pairs = list(zip(dW[1:] + db[1:], dW_bare[1:] + db_bare[1:]))
    close = all(
        x.shape == y.shape and np.allclose(x, y, rtol=1e-12, atol=1e-14)
        for x, y in pairs
    )
    diff = max(
        float(np.max(np.abs(x - y))) if x.shape == y.shape else np.inf for x, y in pairs
    )
    return close, diff


def block(fn, calls):
    """Seconds per call of ``calls`` calls in a row."""
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def interleaved(first, second, rounds, calls):
    """Per-call times of ``first`` and ``second`` in alternating blocks, and their
    ratio in each round."""
    times = ([], [])
    with gc_paused():
        for r in range(rounds):
            order = (0, 1) if r % 2 == 0 else (1, 0)
            for i in order:
                times[i].append(block((first, second)[i], calls))
    ratios = [a / b for a, b in zip(*times)]
    return times[0], times[1], ratios


def measure_case(sizes, hidden, task, m, rounds):
    net, X, Y = problem(sizes, hidden, task, m)
    checked, bare = checked_and_bare(net, X, Y)
    row = {"sizes": sizes, "hidden": hidden, "task": task, "m": m}
    row["same_gradients"], row["max_abs_diff"] = same_gradients(checked, bare)
    if not row["same_gradients"]:
        log(
            f"  {sizes}: the two give different gradients (largest difference "
            f"{row['max_abs_diff']:.3g})"
        )
        return row
    block(checked, 20), block(bare, 20)  # warm-up
    calls = int(np.clip(BLOCK_S / block(bare, 50), 5, MAX_CALLS))
    t_checked, t_bare, ratios = interleaved(checked, bare, rounds, calls)
    row.update(
        rounds=rounds,
        calls_per_round=calls,
        checked_us=1e6 * float(np.median(t_checked)),
        bare_us=1e6 * float(np.median(t_bare)),
        ratio=float(np.median(ratios)),
        ratio_iqr=[float(np.percentile(ratios, 25)), float(np.percentile(ratios, 75))],
    )
    log(
        f"  {sizes}, m = {m}: checked {row['checked_us']:.1f} µs, bare "
        f"{row['bare_us']:.1f} µs, checked ÷ bare = {row['ratio']:.2f} (half the "
        f"rounds: {row['ratio_iqr'][0]:.2f}–{row['ratio_iqr'][1]:.2f})"
    )
    return row


def measure(quick):
    rounds = 60 if quick else 300
    return {
        "rows": [
            measure_case(sizes, hidden, task, m, rounds)
            for sizes, hidden, task, m in CASES
        ]
    }


# --------------------------------------------------------------------------- render
def render(sec):
    rows, missed = sec["rows"], []
    out = [
        "nnlib checks its arguments once per call at its public boundary "
        "(`nnlib/_validate/`); the formula functions behind it check nothing. This is "
        "what the checks cost: `net.forward(X); net.backward(Y)` against the same two "
        "methods with their `_validate` lines deleted, which leaves the bare formulas "
        "`forward_layers`, `output_delta`, `backward_deltas`, `weight_gradient` and "
        "`bias_gradient`. Before timing, both must give the same dW and db "
        "(`np.allclose`). The two ran in interleaved rounds, taking turns to go first "
        "(rounds × calls per round in brackets); each time is the median per call, the "
        "ratio the median of the rounds' ratios, with the middle half of them. "
        f"Measured {sec['measured']}.",
        "",
        "| network | examples m | with checks | bare formulas | the checks' cost per "
        f"pass | checked ÷ bare, target ≤ {TARGET:g} |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        name = f"{r['sizes']} {r['hidden']}, {r['task']}"
        if not r["same_gradients"]:
            out.append(
                f"| {name} | {r['m']} | — | — | — | ❌ not comparable: the two give "
                f"different gradients (largest difference {r['max_abs_diff']:.3g}) |"
            )
            missed.append(
                f"checks {r['sizes']} at m = {r['m']}: the bare formulas give "
                "different gradients"
            )
            continue
        ratio, (lo, hi) = r["ratio"], r["ratio_iqr"]
        verdict = verdict_max(ratio, TARGET)
        if not verdict.startswith("✅"):
            missed.append(
                f"checks {r['sizes']} at m = {r['m']}: checked ÷ bare = "
                f"{fmt_ratio(ratio, TARGET)} (target ≤ {TARGET:g})"
            )
        out.append(
            f"| {name} | {r['m']} | {fmt_us(r['checked_us'])} ({r['rounds']} × "
            f"{r['calls_per_round']}) | {fmt_us(r['bare_us'])} | "
            f"{fmt_us(r['checked_us'] - r['bare_us'])} | "
            f"**{fmt_ratio(ratio, TARGET)}** {verdict} (half the rounds: "
            f"{lo:.2f}–{hi:.2f}) |"
        )
    return out, missed
