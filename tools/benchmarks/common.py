"""What the benchmark sections share: logging, timing, the machine, and the wording
of verdicts."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import platform
import re
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

SEED = 0


def log(*parts):
    print(*parts, flush=True)


def now():
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def uncolour(text):
    """A line of terminal output without its colour codes, stripped."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text).strip()


def problem(sizes, hidden, task, m):
    """A network (seeded) and a batch of m examples with targets (labels for
    multiclass)."""
    import nnlib

    net = nnlib.Network(sizes, hidden=hidden, task=task, seed=SEED)
    rng = np.random.default_rng(SEED + 1)
    X = rng.normal(size=(sizes[0], m))
    Y = (
        rng.integers(0, sizes[-1], m)
        if task == "multiclass"
        else rng.integers(0, 2, (sizes[-1], m)) * 1.0
    )
    return net, X, Y


# --------------------------------------------------------------------------- timing
def minor_faults():
    """Page faults of this process so far (each costs a few µs on a virtual machine)."""
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    except (ImportError, OSError):  # not on Linux/macOS
        return 0


@contextlib.contextmanager
def gc_paused():
    """The garbage collector off for the block (and on again after it, if it was)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def timed(fn, reps):
    """Wall times of ``reps`` calls of fn, with the garbage collector paused."""
    times = []
    with gc_paused():
        for _ in range(reps):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return times


def child_env(*paths, **variables):
    """The environment of a child Python: this one's, ``paths`` put in front of
    PYTHONPATH, ``variables`` set."""
    path = os.pathsep.join(
        p for p in (*map(str, paths), os.environ.get("PYTHONPATH")) if p
    )
    return dict(os.environ, PYTHONPATH=path, **variables)


# -------------------------------------------------------------------------- the machine
def torch_version():
    """The installed PyTorch's version, or None: the comparison with it is optional."""
    try:
        return version("torch")
    except PackageNotFoundError:
        return None


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        blas = f"{blas['name']} {blas.get('version', '')}".strip()
    except Exception:  # older numpy, or no BLAS information: not worth failing for
        blas = "unknown BLAS"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": f"{np.__version__} ({blas})",
        "torch": torch_version(),
    }


# --------------------------------------------------------------------------- wording
def verdict_max(value, target, unit=""):
    """'✅ met' when value ≤ target, else by how much it is missed."""
    if value is None:
        return "—"
    if value <= target:
        return "✅ met"
    over = value / target - 1
    return (
        f"❌ missed by {value - target:.3g}{unit} "
        f"({over:.{0 if over >= 0.01 else 1}%} over)"
    )


def short_of(value, target):
    """'❌ …% short of N×' for a ratio that must be at least ``target``."""
    return f"❌ {1 - value / target:.0%} short of {target:g}×"


def fmt_ratio(value, target):
    """A ratio to 2 decimals, or 3 where 2 would round a missed target onto it."""
    return (
        f"{value:.3f}"
        if value > target and round(value, 2) <= target
        else f"{value:.2f}"
    )


def fmt_ms(ms):
    if ms is None:
        return "—"
    if ms < 10:
        return f"{ms:.2f} ms"
    if ms < 1000:
        return f"{ms:.1f} ms"
    return f"{ms / 1000:.2f} s"


def fmt_us(us):
    if us is None:
        return "—"
    return f"{us:.1f} µs" if us < 1000 else fmt_ms(us / 1000)
