"""The bench section behind chapter 12's timing figure (tools/benchmarks/timing.py).

Its verdict is checked on made-up numbers; one quick measurement checks that the timing runs
in a separate process whose BLAS may use one thread, and that the chapter reads what the
bench writes.
"""

from __future__ import annotations

import json
import subprocess

import bench
from benchmarks import timing
from nnlib import experiments


def made_up(loop_256):
    return {"sizes": [1, 16, 256], "t_batch": [1e-4, 1.2e-4, 4e-4], "t_loop": [1e-4, 1e-3, loop_256],
            "threads": 1, "repeats": 25, "measured": "now"}


def test_the_speedup_at_the_largest_batch_is_the_target():
    lines, missed = timing.render(made_up(loop_256=16e-3))   # 40×
    table = "\n".join(lines)
    assert missed == [] and "**40.0×** ✅" in table and "1 BLAS thread" in table
    lines, missed = timing.render(made_up(loop_256=4e-3))    # 10×
    assert missed == ["timing: the loop is only 10.0× slower at m = 256 (target ≥ 20×)"]
    assert "50% short of 20×" in "\n".join(lines)


def test_the_timing_runs_with_one_blas_thread_and_is_what_the_chapter_reads(monkeypatch, tmp_path):
    seen = {}
    run = subprocess.run

    def spy(*args, **kwargs):
        seen.update(kwargs["env"])
        return run(*args, **kwargs)

    monkeypatch.setattr(timing.subprocess, "run", spy)
    measured = timing.measure(quick=True)
    assert all(seen[name] == "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"))
    assert measured["sizes"] == list(experiments.TIMING_SIZES) and measured["threads"] == 1
    assert all(t > 0 for t in measured["t_batch"] + measured["t_loop"])
    section = next(s for s in bench.SECTIONS if s.measure is timing.measure)
    results = tmp_path / "performance_results.json"
    results.write_text(json.dumps({section.name: measured}), encoding="utf-8")
    assert experiments.gradient_timing(results) == measured
