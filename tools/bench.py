"""Measure the course's speed against its targets: `make bench` (not part of `make test`).

    python tools/bench.py                  # everything: step, widgets, notebooks, book (~10 min)
    python tools/bench.py --quick          # fewer repetitions (~3 min with the book)
    python tools/bench.py --skip-book      # also --skip-step, --skip-widgets, --skip-notebooks
    python tools/bench.py --only step      # one section (step, widgets, notebooks, book)

What is measured, and the targets (see chapters/performance.md):

* **Training step**: forward pass, cost and backward pass of one batch of 256 examples,
  float64, for the networks [64, 128, 64, 10] and [784, 256, 256, 10]: nnlib's vectorised
  ``Network.loss_and_gradients`` against ``nnlib.per_example_gradients`` (one example at a
  time) and against the same network in PyTorch on the CPU (skipped, with a note, when
  torch is not installed: ``pip install 'nnlib[bench]'``).  Targets: nnlib ÷ PyTorch
  ≤ 1.0 and loop ÷ nnlib ≥ 20.  The methods are timed in interleaved rounds (PyTorch in a
  worker process, so that its OpenMP threads and numpy's OpenBLAS threads never compete),
  and every ratio comes from the same run.
* **Widget redraws**: every explorer of ``nnlib.widgets.WIDGETS`` is built and its controls
  are moved across their range; one redraw is the update plus the PNG rendering
  (``nnlib.plots.png_bytes``).  Target: median ≤ 50 ms.
* **Notebooks**: every chapter executed top to bottom in a fresh kernel (kernel start-up
  included).  Target: ≤ 10 s each.
* **Book**: ``jupyter-book build`` of a fresh copy of the repository (no ``_build``: every
  notebook executes), then the same build again with nothing changed.  Targets: cold
  ≤ 3 min, rebuild ≤ 20 s (on a 2-core machine).

The results go to ``chapters/performance_results.json`` and, as markdown tables that the
book's Performance page includes, ``chapters/performance_results.md``.  A section that is
skipped keeps its previous results (with their date).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
RESULTS_JSON = CHAPTERS / "performance_results.json"
RESULTS_MD = CHAPTERS / "performance_results.md"
BIN = Path(sys.executable).parent

STEP_SIZES = ([64, 128, 64, 10], [784, 256, 256, 10])
BATCH = 256
SEED = 0

TARGETS = {
    "torch_ratio": 1.0,        # nnlib time ÷ PyTorch time, at most
    "loop_speedup": 20.0,      # per-example loop time ÷ nnlib time, at least
    "notebook_s": 10.0,        # seconds per notebook, at most
    "cold_build_s": 180.0,     # seconds, at most
    "rebuild_s": 20.0,         # seconds, at most
    "redraw_median_ms": 50.0,  # milliseconds, at most
}

SECTIONS = ("step", "widgets", "notebooks", "book")


def log(*parts):
    print(*parts, flush=True)


def now():
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


# --------------------------------------------------------------------------- training step
def step_problem(sizes):
    """The network, a batch and its labels: the same in the main process and the worker."""
    import nnlib

    net = nnlib.Network(sizes, hidden="relu", task="multiclass", seed=SEED)
    rng = np.random.default_rng(SEED + 1)
    X = rng.normal(size=(sizes[0], BATCH))
    labels = rng.integers(0, sizes[-1], BATCH)
    return net, X, labels


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


def torch_worker():
    """Serve PyTorch timings over stdin/stdout (one JSON object per line)."""
    import torch
    import torch.nn.functional as F

    state = {}
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["cmd"] == "setup":
            net, X, labels = step_problem(cmd["sizes"])
            layers = []
            for l in range(1, net.N + 1):
                linear = torch.nn.Linear(net.sizes[l - 1], net.sizes[l], dtype=torch.float64)
                with torch.no_grad():
                    linear.weight.copy_(torch.from_numpy(net.W[l]))
                    linear.bias.copy_(torch.from_numpy(net.b[l][:, 0]))
                layers.append(linear)
                if l < net.N:
                    layers.append(torch.nn.ReLU())
            model = torch.nn.Sequential(*layers)
            # PyTorch's own layout: one example per row.
            Xt = torch.from_numpy(np.ascontiguousarray(X.T))
            yt = torch.from_numpy(labels.astype(np.int64))

            def step():
                model.zero_grad(set_to_none=True)
                loss = F.cross_entropy(model(Xt), yt)
                loss.backward()
                return loss

            # The two compute the same numbers: compare cost and every gradient.
            loss = float(step().detach())
            J, dW, db = net.loss_and_gradients(X, labels)
            linears = [m for m in model if isinstance(m, torch.nn.Linear)]
            errors = [abs(loss - J) / abs(J)]
            for l, linear in enumerate(linears, 1):
                for ours, theirs in ((dW[l], linear.weight.grad), (db[l][:, 0], linear.bias.grad)):
                    theirs = theirs.numpy()
                    errors.append(float(np.linalg.norm(ours - theirs) / (np.linalg.norm(ours) + 1e-300)))
            for _ in range(5):
                step()
            state["step"] = step
            pairs = [(torch.from_numpy(np.asarray(a)), torch.from_numpy(np.asarray(b)))
                     for a, b in step_products(net, X, labels)]
            state["products"] = lambda: [a @ b for a, b in pairs]
            reply = {"max_rel_diff": max(errors), "threads": torch.get_num_threads()}
        elif cmd["cmd"] == "products":
            reply = {"times": timed(state["products"], cmd["reps"])}
        elif cmd["cmd"] == "time":
            before = minor_faults()
            reply = {"times": timed(state["step"], cmd["reps"]), "faults": minor_faults() - before}
        else:
            break
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


class TorchWorker:
    """A subprocess running :func:`torch_worker`; None-like when torch is missing."""

    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, __file__, "--torch-worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

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


def torch_version():
    try:
        from importlib.metadata import version

        return version("torch")
    except Exception:  # noqa: BLE001 - not installed
        return None


def bench_step(quick):
    import nnlib

    # Many short rounds: a burst of load from elsewhere on the machine then hits both
    # methods alike.  After an nnlib block, OpenBLAS's threads keep spinning for up to
    # ~0.1 s; the pause lets them stop before PyTorch's block starts (and vice versa).
    rounds, loop_every = (12, 2) if quick else (40, 2)
    pause = 0.15
    worker = TorchWorker() if torch_version() else None
    if worker is None:
        log("  PyTorch is not installed: skipping the comparison with it (pip install 'nnlib[bench]')")
    rows = []
    try:
        for sizes in STEP_SIZES:
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
                "torch_round_ratios": ([float(np.percentile(round_ratios, 25)), float(np.percentile(round_ratios, 75))]
                                       if round_ratios else None),
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
            rows.append(row)
            torch_part = (f", PyTorch {row['torch_ms']:.3f} ms (nnlib ÷ PyTorch = {row['torch_ratio']:.2f})"
                          if theirs else "")
            log(f"  {sizes}: nnlib {row['nnlib_ms']:.3f} ms, loop {row['loop_ms']:.1f} ms "
                f"({row['loop_speedup']:.0f}× slower){torch_part}")
    finally:
        if worker:
            worker.close()
    return {"rows": rows, "torch": torch_version(), "rounds": rounds}


# --------------------------------------------------------------------------- widgets
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


def bench_widgets(quick):
    os.environ.setdefault("MPLBACKEND", "Agg")
    from nnlib import plots, widgets

    points = 6 if quick else 15
    rows = []
    for name in sorted(widgets.WIDGETS):
        start = time.perf_counter()
        row = {"name": name}
        try:
            explorer = widgets.WIDGETS[name]()
            plots.png_bytes(explorer.fig)
            row["build_ms"] = 1e3 * (time.perf_counter() - start)
            times, errors = [], len(explorer.errors)
            for _ in range(1 if quick else 2):
                for key, control in explorer.controls.items():
                    for value in control_values(control, points):
                        if value == control.value:
                            continue
                        t0 = time.perf_counter()
                        control.value = value
                        plots.png_bytes(explorer.fig)
                        times.append(time.perf_counter() - t0)
            if len(explorer.errors) > errors:
                row["error"] = f"{len(explorer.errors) - errors} redraws raised, e.g. {explorer.errors[-1]!r}"
            ms = 1e3 * np.array(times)
            row.update(moves=len(ms), median_ms=float(np.median(ms)) if ms.size else None,
                       p95_ms=float(np.percentile(ms, 95)) if ms.size else None,
                       max_ms=float(ms.max()) if ms.size else None)
            log(f"  {name}: median {row['median_ms']:.1f} ms, 95th percentile {row['p95_ms']:.1f} ms over {row['moves']} moves")
        except Exception as exc:  # noqa: BLE001 - report, carry on with the others
            row["error"] = f"{type(exc).__name__}: {exc}"
            log(f"  {name}: FAILED {row['error']}")
        rows.append(row)
    return {"rows": rows}


# --------------------------------------------------------------------------- notebooks
def chapter_paths():
    return sorted(CHAPTERS.glob("[0-9][0-9]_*.ipynb"))


def bench_notebooks(quick):
    import nbformat
    from nbclient import NotebookClient

    rows = []
    paths = chapter_paths()
    for i, path in enumerate(paths, 1):
        log(f"  [{i}/{len(paths)}] {path.name} ...")
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=True,
                                resources={"metadata": {"path": str(CHAPTERS)}})
        row = {"name": path.stem}
        started = dt.datetime.now(dt.timezone.utc)
        start = time.perf_counter()
        try:
            client.execute(stderr=subprocess.DEVNULL)  # the kernel's own log lines are noise here
        except Exception as exc:  # noqa: BLE001 - a failing chapter is a result too
            text = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip()
            row["error"] = f"{type(exc).__name__}: {text.splitlines()[-1] if text else ''}"
        row["total_s"] = time.perf_counter() - start
        row["cells_s"] = cells_time(nb, since=started)
        log(f"      {row['total_s']:.1f} s (cells {row['cells_s']:.1f} s)" + (f"  FAILED {row['error']}" if "error" in row else ""))
        rows.append(row)
    return {"rows": rows}


def cells_time(nb, since):
    """Seconds from the first cell's start to the last cell's reply (kernel start-up excluded).

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


# --------------------------------------------------------------------------- book
def missing_toc_pages():
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    return [f for f in files if not any((ROOT / f"{f}{ext}").exists() for ext in (".md", ".ipynb"))]


def run_build(where, label, logfile):
    cmd = [str(BIN / "jupyter-book"), "build", "-W", "-n", "--keep-going", "."]
    start = time.perf_counter()
    lines = []
    with subprocess.Popen(cmd, cwd=where, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc:
        for line in proc.stdout:
            lines.append(line)
            logfile.write(line)
            text = re.sub(r"\x1b\[[0-9;]*m", "", line).strip()  # no colours
            if "Kernel is running over TCP" in text:
                continue
            if any(k in text for k in ("reading sources", "Executing", "building [html]", "build succeeded",
                                        "build finished", "WARNING", "ERROR", "Sphinx error")):
                log(f"    {time.perf_counter() - start:6.1f} s  {text[:150]}")
    elapsed = time.perf_counter() - start
    warnings = [re.sub(r"\x1b\[[0-9;]*m", "", l).strip() for l in lines
                if ("WARNING" in l or "ERROR" in l) and "Kernel is running over TCP" not in l]
    result = {"seconds": elapsed, "returncode": proc.returncode, "warnings": len(warnings),
              "first_problems": warnings[:3]}
    log(f"  {label}: {elapsed:.1f} s, exit code {proc.returncode}, {len(warnings)} warnings/errors")
    return result


def bench_book(quick):
    missing = missing_toc_pages()
    if missing:
        log(f"  not measured: _toc.yml lists pages that do not exist yet: {', '.join(missing)}")
        return {"skipped": f"_toc.yml lists pages that do not exist yet ({', '.join(missing)}); "
                           "run `make bench` (or `python tools/bench.py --only book`) once every chapter exists"}
    if not RESULTS_MD.exists():  # the Performance page includes it: the build needs one
        RESULTS_MD.write_text(render(load_results())[0])
    ignore = shutil.ignore_patterns("_build", ".venv", ".git", "node_modules", ".hypothesis", "__pycache__",
                                    ".pytest_cache", "*.egg-info", ".ipynb_checkpoints")
    with tempfile.TemporaryDirectory(prefix="nnlib-bench-book-") as tmp:
        copy = Path(tmp) / "book"
        shutil.copytree(ROOT, copy, ignore=ignore)
        log(f"  a fresh copy of the repository (without _build) in {copy}")
        logpath = Path(tmp) / "build.log"
        with open(logpath, "w") as logfile:
            cold = run_build(copy, "cold build", logfile)
            warm = run_build(copy, "rebuild with nothing changed", logfile)
        if cold["returncode"] or warm["returncode"]:
            kept = ROOT / "_build" / "bench-book-build.log"
            kept.parent.mkdir(exist_ok=True)
            shutil.copy(logpath, kept)
            log(f"  the build reported problems; its full output is in {kept.relative_to(ROOT)}")
    return {"cold": cold, "rebuild": warm}


# --------------------------------------------------------------------------- report
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
    except Exception:  # noqa: BLE001
        blas = "unknown BLAS"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": f"{np.__version__} ({blas})",
        "torch": torch_version(),
    }


def verdict_max(value, target, unit=""):
    if value is None:
        return "—"
    if value <= target:
        return "✅ met"
    return f"❌ missed by {value - target:.3g}{unit} ({value / target - 1:.0%} over)"


def fmt_ms(ms):
    if ms is None:
        return "—"
    if ms < 10:
        return f"{ms:.2f} ms"
    if ms < 1000:
        return f"{ms:.1f} ms"
    return f"{ms / 1000:.2f} s"


def render(results):
    m = results.get("machine", {})
    out = [
        f"Measured on a machine with {m.get('cores', '?')} cores ({m.get('cpu', '?')}), {m.get('system', '')}, "
        f"Python {m.get('python', '?')}, numpy {m.get('numpy', '?')}"
        + (f", PyTorch {m['torch']}" if m.get("torch") else ", without PyTorch") + ".",
        "",
    ]
    missed = []

    sec = results.get("step")
    out += ["## Training step", ""]
    if sec:
        rows = sec["rows"]
        out += [
            f"One step is the forward pass, the cost and the backward pass of a batch of {BATCH} examples in float64 "
            "(ReLU hidden layers, softmax output, cross-entropy). Each time is the median of the runs shown; the "
            "methods ran in interleaved rounds, so that the load of the machine weighs on all of them alike. "
            f"Measured {sec['measured']}.",
            "",
            "| network | nnlib (batch) | per-example loop | PyTorch (CPU) | nnlib ÷ PyTorch, target ≤ 1.0 | "
            "loop ÷ nnlib, target ≥ 20 |",
            "|---|---|---|---|---|---|",
        ]
        for r in rows:
            if r["torch_ratio"] is None:
                torch_cell, ratio_cell = "not installed", "not measured (PyTorch is not installed)"
            else:
                torch_cell = f"{fmt_ms(r['torch_ms'])} ({r['torch_runs']} runs)"
                lo, hi = r["torch_round_ratios"]
                ratio = r["torch_ratio"]
                if ratio <= TARGETS["torch_ratio"]:
                    ratio_cell = f"**{ratio:.2f}** ✅ (half the rounds: {lo:.2f}–{hi:.2f})"
                else:
                    ratio_cell = (f"**{ratio:.2f}** ❌ missed: nnlib is {ratio - 1:.0%} slower "
                                  f"(half the rounds: {lo:.2f}–{hi:.2f})")
                    missed.append(f"step {r['sizes']}: nnlib takes {ratio:.2f}× PyTorch's time (target ≤ 1.0)")
            speed = r["loop_speedup"]
            if speed >= TARGETS["loop_speedup"]:
                loop_cell = f"**{speed:.0f}×** ✅"
            else:
                loop_cell = f"**{speed:.1f}×** ❌ {1 - speed / TARGETS['loop_speedup']:.0%} short of 20×"
                missed.append(f"step {r['sizes']}: only {speed:.1f}× faster than the loop (target ≥ 20×)")
            out.append(f"| {r['sizes']} | {fmt_ms(r['nnlib_ms'])} ({r['nnlib_runs']} runs) | "
                       f"{fmt_ms(r['loop_ms'])} ({r['loop_runs']} runs) | {torch_cell} | {ratio_cell} | {loop_cell} |")
        diffs = [r["torch_max_rel_diff"] for r in rows if r.get("torch_max_rel_diff") is not None]
        if diffs:
            out += ["", f"nnlib and PyTorch compute the same numbers: the cost and every gradient agree to a relative "
                        f"difference of at most {max(diffs):.1e}. \"Half the rounds\" is the middle half of the "
                        "ratios of the individual rounds, a measure of how much the load of the machine moved them."]
        notes = []
        for r in rows:
            if r.get("torch_best_ms") is not None:
                notes.append(f"{r['sizes']}: nnlib {fmt_ms(r['nnlib_best_ms'])}, PyTorch {fmt_ms(r['torch_best_ms'])}; "
                             f"page faults per step: nnlib {r['nnlib_faults_per_step']:.0f}, "
                             f"PyTorch {r['torch_faults_per_step']:.0f}")
        if notes:
            out += ["", "Fastest single runs (and memory page faults, each a few µs on a virtual machine): "
                        + "; ".join(notes) + "."]
        blas = [r for r in rows if r.get("torch_products_ms")]
        if blas:
            out += ["", "The matrix products of a step alone, on the same arrays (numpy's OpenBLAS against "
                        "PyTorch's BLAS), medians timed in rounds of their own: "
                        + "; ".join(f"{r['sizes']}: numpy {fmt_ms(r['numpy_products_ms'])}, PyTorch "
                                    f"{fmt_ms(r['torch_products_ms'])} "
                                    f"({r['numpy_products_ms'] / r['torch_products_ms']:.2f}×)" for r in blas) + "."]
    else:
        out.append("Not measured yet: run `make bench`.")
    out.append("")

    sec = results.get("widgets")
    out += ["## Widget redraws", ""]
    if sec:
        out += [
            "Each widget is built and its controls are moved across their whole range; one redraw is the "
            f"update of the figure plus its rendering to PNG, as a notebook shows it. Measured {sec['measured']}.",
            "",
            "| widget | moves | median, target ≤ 50 ms | 95th percentile | slowest |",
            "|---|---|---|---|---|",
        ]
        for r in sec["rows"]:
            if r.get("median_ms") is None:
                out.append(f"| {r['name']} | — | ❌ failed: {r.get('error', '?')} | — | — |")
                missed.append(f"widget {r['name']}: failed ({r.get('error', '?')})")
                continue
            v = verdict_max(r["median_ms"], TARGETS["redraw_median_ms"], " ms")
            if not v.startswith("✅"):
                missed.append(f"widget {r['name']}: median redraw {r['median_ms']:.1f} ms (target ≤ 50 ms)")
            err = f" — {r['error']}" if r.get("error") else ""
            out.append(f"| {r['name']} | {r['moves']} | {fmt_ms(r['median_ms'])} {v}{err} | {fmt_ms(r['p95_ms'])} | "
                       f"{fmt_ms(r['max_ms'])} |")
    else:
        out.append("Not measured yet: run `make bench`.")
    out.append("")

    sec = results.get("notebooks")
    out += ["## Notebooks", ""]
    if sec:
        out += [
            "Each chapter executed top to bottom in a fresh kernel; the run time includes starting the kernel. "
            f"Measured {sec['measured']}.",
            "",
            "| notebook | run time, target ≤ 10 s | of which cells |",
            "|---|---|---|",
        ]
        for r in sec["rows"]:
            v = verdict_max(r["total_s"], TARGETS["notebook_s"], " s")
            if "error" in r:
                v = f"❌ failed: {r['error']}"
                missed.append(f"notebook {r['name']}: failed")
            elif not v.startswith("✅"):
                missed.append(f"notebook {r['name']}: {r['total_s']:.1f} s (target ≤ 10 s)")
            out.append(f"| {r['name']} | {r['total_s']:.1f} s {v} | {r['cells_s']:.1f} s |")
        if sec["rows"]:
            total = sum(r["total_s"] for r in sec["rows"])
            out += ["", f"All {len(sec['rows'])} notebooks: {total:.0f} s."]
    else:
        out.append("Not measured yet: run `make bench`.")
    out.append("")

    sec = results.get("book")
    out += ["## Book build", ""]
    if sec and "skipped" in sec:
        out.append(f"Not measured ({sec['measured']}): {sec['skipped']}.")
        missed.append("book build: not measured")
    elif sec:
        out += [
            "`jupyter-book build -W -n --keep-going .` in a fresh copy of the repository without `_build` "
            "(every notebook executes), then the same command again with nothing changed. "
            f"Measured {sec['measured']}.",
            "",
            "| build | time | target | result |",
            "|---|---|---|---|",
        ]
        for key, label, target in (("cold", "cold (fresh copy)", "cold_build_s"), ("rebuild", "rebuild, nothing changed", "rebuild_s")):
            b = sec[key]
            if b["returncode"]:
                problems = "; ".join(f"`{p[:120]}`" for p in b.get("first_problems", [])[:2])
                v = (f"❌ the build failed (exit code {b['returncode']}, {b['warnings']} warnings/errors"
                     + (f": {problems}" if problems else "") + "), so the time means nothing")
                missed.append(f"book {label}: the build failed")
            else:
                v = verdict_max(b["seconds"], TARGETS[target], " s")
                if not v.startswith("✅"):
                    missed.append(f"book {label}: {b['seconds']:.0f} s (target ≤ {TARGETS[target]:.0f} s)")
            out.append(f"| {label} | {b['seconds']:.1f} s | ≤ {TARGETS[target]:.0f} s | {v} |")
    else:
        out.append("Not measured yet: run `make bench`.")
    out.append("")

    unmeasured = [name for name in SECTIONS if not results.get(name)]
    if missed:
        summary = "**Targets missed:** " + "; ".join(missed) + "."
    elif unmeasured:
        summary = f"Every target measured is met; not measured yet: {', '.join(unmeasured)}."
    else:
        summary = "**Every target is met.**"
    summary = [summary, ""]
    return "\n".join(out[:2] + summary + out[2:]).rstrip() + "\n", missed


def load_results():
    try:
        return json.loads(RESULTS_JSON.read_text())
    except (OSError, ValueError):
        return {}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--only", help=f"comma-separated sections to run: {', '.join(SECTIONS)}")
    for s in SECTIONS:
        parser.add_argument(f"--skip-{s}", action="store_true", help=f"do not measure the {s} section")
    parser.add_argument("--no-write", action="store_true", help="print the table but do not update the results files")
    parser.add_argument("--torch-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.torch_worker:
        sys.path.insert(0, str(ROOT))
        torch_worker()
        return 0

    chosen = [s for s in SECTIONS if not getattr(args, f"skip_{s}")]
    if args.only:
        wanted = [s.strip() for s in args.only.split(",")]
        unknown = [s for s in wanted if s not in SECTIONS]
        if unknown:
            parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
        chosen = [s for s in chosen if s in wanted]
    results = load_results()
    results["machine"] = machine()
    functions = {"step": bench_step, "widgets": bench_widgets, "notebooks": bench_notebooks, "book": bench_book}
    titles = {"step": "training step", "widgets": "widget redraws", "notebooks": "notebook execution",
              "book": "book build (cold, then with nothing changed)"}
    total = time.perf_counter()
    for i, name in enumerate(chosen, 1):
        log(f"==> [{i}/{len(chosen)}] {titles[name]}")
        start = time.perf_counter()
        results[name] = functions[name](args.quick)
        results[name]["measured"] = now() + (" (quick run)" if args.quick else "")
        log(f"    ({time.perf_counter() - start:.0f} s)")
    table, missed = render(results)
    log("")
    log(table)
    if not args.no_write:
        RESULTS_JSON.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        RESULTS_MD.write_text(table)
        log(f"wrote {RESULTS_MD.relative_to(ROOT)} and {RESULTS_JSON.relative_to(ROOT)} "
            f"({time.perf_counter() - total:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
