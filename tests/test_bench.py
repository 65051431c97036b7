"""tools/bench.py (`make bench`) reports every target, met or missed by how much; the book shows its results.

The benchmark itself is not run here (it takes minutes and its numbers depend on the
machine); these tests check its verdicts on made-up numbers and the Performance page.
"""
from __future__ import annotations

import ipywidgets as W

import bench
from conftest import CHAPTERS


def made_up_results(step_ratio, speedup, notebook_s, cold_s, rebuild_s, redraw_ms):
    step = {"sizes": [64, 128, 64, 10], "batch": 256, "nnlib_ms": 1.0, "nnlib_runs": 10, "loop_ms": speedup,
            "loop_runs": 3, "torch_ms": 1.0 / step_ratio, "torch_runs": 10, "torch_round_ratios": [0.9, 1.1],
            "torch_max_rel_diff": 1e-16, "loop_speedup": speedup, "torch_ratio": step_ratio, "nnlib_best_ms": 0.9,
            "torch_best_ms": 0.9, "nnlib_faults_per_step": 0.0, "torch_faults_per_step": 1.0}
    build = {"returncode": 0, "warnings": 0, "first_problems": []}
    return {
        "machine": {"cores": 2, "cpu": "test", "system": "test", "python": "3", "numpy": "2", "torch": "2.13.0"},
        "step": {"rows": [step], "measured": "now"},
        "widgets": {"rows": [{"name": "affine", "moves": 20, "median_ms": redraw_ms, "p95_ms": redraw_ms * 1.5,
                              "max_ms": redraw_ms * 2}], "measured": "now"},
        "notebooks": {"rows": [{"name": "01_one_layer", "total_s": notebook_s, "cells_s": notebook_s / 2}], "measured": "now"},
        "book": {"cold": dict(build, seconds=cold_s), "rebuild": dict(build, seconds=rebuild_s), "measured": "now"},
    }


def test_every_target_met_is_said_once():
    table, missed = bench.render(made_up_results(0.8, 50, 4.0, 60, 5, 20))
    assert missed == []
    assert "**Every target is met.**" in table
    assert "❌" not in table


def test_a_missed_target_says_by_how_much():
    table, missed = bench.render(made_up_results(1.25, 10, 12.5, 240, 30, 75))
    assert len(missed) == 6, missed
    assert "nnlib is 25% slower" in table
    assert "50% short of 20×" in table
    assert "missed by 2.5 s (25% over)" in table  # the notebook
    assert "missed by 60 s (33% over)" in table  # the cold build
    assert "missed by 25 ms (50% over)" in table  # the widget
    assert table.startswith("Measured on") and "**Targets missed:**" in table


def test_a_section_not_measured_is_said_so():
    results = made_up_results(0.8, 50, 4.0, 60, 5, 20)
    del results["book"]
    table, missed = bench.render(results)
    assert "not measured yet: book" in table
    results["book"] = {"skipped": "_toc.yml lists pages that do not exist yet (chapters/99_x)", "measured": "now"}
    table, missed = bench.render(results)
    assert "Not measured (now): _toc.yml lists pages" in table and missed == ["book build: not measured"]


def test_controls_are_moved_across_their_range():
    assert bench.control_values(W.Dropdown(options=["a", "b"], value="a"), 5) == ["a", "b"]
    assert bench.control_values(W.FloatSlider(value=0, min=-1, max=1, step=0.5), 5) == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert bench.control_values(W.IntSlider(value=1, min=1, max=9), 3) == [1, 5, 9]
    assert bench.control_values(W.Checkbox(value=False), 3) == [True, False]


def test_the_performance_page_shows_the_results_and_the_execution_table():
    page = (CHAPTERS / "performance.md").read_text()
    assert "```{include} performance_results.md" in page
    assert "```{nb-exec-table}" in page
    results = (CHAPTERS / "performance_results.md").read_text()
    for section in ("## Training step", "## Widget redraws", "## Notebooks", "## Book build"):
        assert section in results


def test_a_failed_build_is_never_a_met_target():
    results = made_up_results(0.8, 50, 4.0, 3, 2, 20)
    results["book"]["cold"].update(returncode=1, warnings=1, first_problems=["WARNING: Executing notebook failed"])
    table, missed = bench.render(results)
    assert "❌ the build failed (exit code 1" in table and "book cold (fresh copy): the build failed" in missed
    assert "| cold (fresh copy) | 3.0 s | ≤ 180 s | ✅" not in table
