"""What the benchmark sections share: logging, timing, the machine, and the wording of verdicts."""

from __future__ import annotations

import datetime as dt
import gc
import os
import platform
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

SEED = 0


def log(*parts):
    print(*parts, flush=True)


def now():
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


# --------------------------------------------------------------------------- timing
def minor_faults():
    """Page faults of this process so far (each costs a few µs on a virtual machine)."""
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    except (ImportError, OSError):  # not on Linux/macOS
        return 0


def timed(fn, reps):
    """Wall times of ``reps`` calls of fn, with the garbage collector paused."""
    times = []
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(reps):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    finally:
        if gc_was_enabled:
            gc.enable()
    return times


# --------------------------------------------------------------------------- the machine
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
    return f"❌ missed by {value - target:.3g}{unit} ({over:.{0 if over >= 0.01 else 1}%} over)"


def fmt_ratio(value, target):
    """A ratio to 2 decimals, or 3 where 2 would round a missed target onto it."""
    return f"{value:.3f}" if value > target and round(value, 2) <= target else f"{value:.2f}"


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
