"""tools/bench.py (`make bench`) reports every target, met or missed by how much; the book shows its results.

The benchmark itself is not run here (it takes minutes and its numbers depend on the
machine); these tests check its verdicts on made-up numbers, that one table of sections
drives the command line, the run and the report, that the ``checks`` section compares
nnlib with the same code minus its checks, and the Performance page.
"""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest

import bench
import nbtools
import nnlib
from benchmarks import book, checks, notebooks
from benchmarks.redraws import control_values
from nbtools import CHAPTERS


def made_up_results(step_ratio, speedup, notebook_s, cold_s, rebuild_s, redraw_ms, checks_ratio=1.1):
    step = {
        "sizes": [64, 128, 64, 10],
        "batch": 256,
        "nnlib_ms": 1.0,
        "nnlib_runs": 10,
        "loop_ms": speedup,
        "loop_runs": 3,
        "torch_ms": 1.0 / step_ratio,
        "torch_runs": 10,
        "torch_round_ratios": [0.9, 1.1],
        "torch_max_rel_diff": 1e-16,
        "loop_speedup": speedup,
        "torch_ratio": step_ratio,
        "nnlib_best_ms": 0.9,
        "torch_best_ms": 0.9,
        "nnlib_faults_per_step": 0.0,
        "torch_faults_per_step": 1.0,
    }
    check = {
        "sizes": [2, 8, 1],
        "hidden": "tanh",
        "task": "binary",
        "m": 1,
        "same_gradients": True,
        "max_abs_diff": 0.0,
        "rounds": 100,
        "calls_per_round": 200,
        "checked_us": 20.0 * checks_ratio,
        "bare_us": 20.0,
        "ratio": checks_ratio,
        "ratio_iqr": [checks_ratio - 0.05, checks_ratio + 0.05],
    }
    build = {"returncode": 0, "warnings": 0, "first_problems": []}
    return {
        "machine": {"cores": 2, "cpu": "test", "system": "test", "python": "3", "numpy": "2", "torch": "2.13.0"},
        "step": {"rows": [step], "measured": "now"},
        "checks": {"rows": [check], "measured": "now"},
        "widgets": {
            "rows": [
                {
                    "name": "affine",
                    "moves": 20,
                    "median_ms": redraw_ms,
                    "p95_ms": redraw_ms * 1.5,
                    "max_ms": redraw_ms * 2,
                }
            ],
            "measured": "now",
        },
        "notebooks": {
            "rows": [{"name": "01_one_layer", "total_s": notebook_s, "cells_s": notebook_s / 2}],
            "measured": "now",
        },
        "book": {"cold": dict(build, seconds=cold_s), "rebuild": dict(build, seconds=rebuild_s), "measured": "now"},
        "timing": {"sizes": [1, 256], "t_batch": [1e-4, 1e-3], "t_loop": [1e-4, speedup * 1e-3], "threads": 1,
                   "repeats": 25, "measured": "now"},
        "explorers": {"rows": [{"name": "affine", "states": 68, "mb": 1.0, "largest_kb": 20.0, "seconds": 2.0,
                                "ms_per_picture": 30.0, "opening_mb": 0.1}], "measured": "now"},
        "weight": {"pages": {"chapters/01_one_layer": {"ours": 0.5e6, "MathJax": 1.2e6, "theme and Sphinx": 2.0e6}},
                   "heaviest": "chapters/01_one_layer", "measured": "now"},
        "size": {"rows": [{"layer": "numpy core", "modules": 7, "lines": 1234, "largest": "_validate.py",
                           "largest_lines": 330}], "measured": "now"},
    }


# --------------------------------------------------------------------------- verdicts
def test_every_target_met_is_said_once():
    table, missed = bench.render(made_up_results(0.8, 50, 4.0, 60, 5, 20))
    assert missed == []
    assert "**Every target is met.**" in table
    assert "❌" not in table


def test_a_missed_target_says_by_how_much():
    table, missed = bench.render(made_up_results(1.25, 10, 12.5, 240, 30, 75, checks_ratio=1.5))
    assert len(missed) == 8, missed
    assert "timing: the loop is only 10.0× slower at m = 256 (target ≥ 20×)" in missed
    assert "nnlib is 25% slower" in table
    assert "50% short of 20×" in table
    assert "**1.50** ❌ missed by 0.2 (15% over)" in table  # the checks
    assert "checks [2, 8, 1] at m = 1: checked ÷ bare = 1.50 (target ≤ 1.3)" in missed
    assert "missed by 2.5 s (25% over)" in table  # the notebook
    assert "missed by 90 s (60% over)" in table  # the cold build, target 150 s
    assert "missed by 25 ms (50% over)" in table  # the widget
    assert table.startswith("Measured on") and "**Targets missed:**" in table


def test_a_near_miss_is_not_rounded_onto_the_target():
    table, missed = bench.render(made_up_results(0.8, 50, 4.0, 60, 5, 20, checks_ratio=1.3017))
    assert "**1.302** ❌ missed by 0.0017 (0.1% over)" in table
    assert missed == ["checks [2, 8, 1] at m = 1: checked ÷ bare = 1.302 (target ≤ 1.3)"]
    table, missed = bench.render(made_up_results(0.8, 50, 4.0, 60, 5, 20, checks_ratio=1.2961))
    assert "**1.30** ✅ met" in table and missed == []


def test_a_section_not_measured_is_said_so():
    results = made_up_results(0.8, 50, 4.0, 60, 5, 20)
    del results["book"], results["checks"]
    table, missed = bench.render(results)
    assert "not measured yet: checks, book" in table and missed == []
    assert "## The cost of the checks\n\nNot measured yet: run `make bench`" in table
    assert "`python tools/bench.py --only checks`" in table
    results["book"] = {"skipped": "_toc.yml lists pages that do not exist yet (chapters/99_x)", "measured": "now"}
    table, missed = bench.render(results)
    assert "Not measured (now): _toc.yml lists pages" in table and missed == ["book build: not measured"]
    assert "**Targets missed:** book build: not measured; not measured yet: checks." in table


def test_a_failed_build_is_never_a_met_target():
    results = made_up_results(0.8, 50, 4.0, 3, 2, 20)
    results["book"]["cold"].update(returncode=1, warnings=1, first_problems=["WARNING: Executing notebook failed"])
    table, missed = bench.render(results)
    assert "❌ the build failed (exit code 1" in table and "book cold (fresh copy): the build failed" in missed
    assert "| cold (fresh copy) | 3.0 s | ≤ 120 s | ✅" not in table


def test_checks_that_change_the_gradients_are_never_a_met_target():
    results = made_up_results(0.8, 50, 4.0, 60, 5, 20)
    row = results["checks"]["rows"][0]
    row.update(same_gradients=False, max_abs_diff=0.5)
    for key in ("ratio", "ratio_iqr", "checked_us", "bare_us", "rounds", "calls_per_round"):
        del row[key]
    table, missed = bench.render(results)
    assert "❌ not comparable: the two give different gradients (largest difference 0.5)" in table
    assert missed == ["checks [2, 8, 1] at m = 1: the bare formulas give different gradients"]


def test_without_pytorch_its_column_says_so():
    results = made_up_results(0.8, 50, 4.0, 60, 5, 20)
    results["machine"]["torch"] = None
    results["step"]["rows"][0].update(torch_ratio=None, torch_ms=None, torch_runs=0, torch_round_ratios=None,
                                      torch_max_rel_diff=None, torch_best_ms=None, torch_faults_per_step=None)
    table, missed = bench.render(results)
    assert "| not installed | not measured (PyTorch is not installed) |" in table and missed == []
    assert ", without PyTorch." in table.splitlines()[0]


def test_the_loop_ratio_is_said_to_measure_vectorisation():
    table, _ = bench.render(made_up_results(0.8, 50, 4.0, 60, 5, 20))
    assert "pay nnlib's input checks once per batch" in table and "measures vectorisation" in table


def test_the_size_is_reported_and_a_module_over_400_lines_is_a_target_missed():
    from benchmarks import size

    measured = size.measure(quick=True)
    assert [r["layer"] for r in measured["rows"]] == list(size.LAYERS)
    assert all(r["lines"] >= r["largest_lines"] > 0 for r in measured["rows"])
    lines, missed = size.render({**measured, "measured": "now"})
    assert not missed and any("| numpy core |" in line for line in lines)
    big = {"rows": [{"layer": "plots/", "modules": 1, "lines": 401, "largest": "plots/x.py", "largest_lines": 401}],
           "measured": "now"}
    assert size.render(big)[1] == ["plots/x.py has 401 lines (at most 400)"]


# --------------------------------------------------------------------------- one table of sections
def test_every_section_has_one_row_a_skip_flag_and_a_heading():
    names = [s.name for s in bench.SECTIONS]
    assert names == ["step", "timing", "checks", "widgets", "explorers", "notebooks", "book", "weight", "size"]
    args = bench.parser().parse_args([f"--skip-{name}" for name in names] + ["--quick", "--no-write"])
    assert all(getattr(args, f"skip_{name}") for name in names) and args.quick and args.no_write
    table, _ = bench.render({})
    headings = [line[3:] for line in table.splitlines() if line.startswith("## ")]
    assert headings == [s.title for s in bench.SECTIONS]


def test_only_and_skip_choose_sections_in_the_order_of_the_table():
    chosen, _ = bench.chosen_sections(["--only", "checks,step"])
    assert [s.name for s in chosen] == ["step", "checks"]
    chosen, _ = bench.chosen_sections(["--skip-checks", "--skip-book"])
    assert [s.name for s in chosen] == ["step", "timing", "widgets", "explorers", "notebooks", "weight", "size"]
    chosen, _ = bench.chosen_sections(["--only", "checks", "--skip-checks"])
    assert chosen == []
    with pytest.raises(SystemExit):
        bench.chosen_sections(["--only", "chekcs"])
    with pytest.raises(SystemExit):
        bench.chosen_sections(["--skip-everything"])


def test_a_new_section_is_one_row(tmp_path, monkeypatch):
    """A made-up section, added as one row, gets its flags, is run, reported and written."""
    calls = []

    def measure(quick):
        calls.append(quick)
        return {"value": 3}

    def render(sec):
        return [f"The value is {sec['value']} ({sec['measured']})."], ([] if sec["value"] < 5 else ["too big"])

    sections = (*bench.SECTIONS, bench.Section("made-up", "A made-up section", measure, render))
    monkeypatch.setattr(bench, "RESULTS_JSON", tmp_path / "results.json")
    monkeypatch.setattr(bench, "RESULTS_MD", tmp_path / "results.md")
    monkeypatch.setattr(bench, "machine", lambda: {"cores": 1})
    assert bench.main(["--only", "made-up", "--quick", "--no-write"], sections) == 0
    assert calls == [True] and not bench.RESULTS_JSON.exists() and not bench.RESULTS_MD.exists()
    assert bench.main([f"--skip-{s.name}" for s in bench.SECTIONS], sections) == 0
    assert calls == [True, False]
    results = json.loads(bench.RESULTS_JSON.read_text())
    assert results["made-up"]["value"] == 3 and results["machine"] == {"cores": 1}
    page = bench.RESULTS_MD.read_text()
    assert "## A made-up section\n\nThe value is 3 (" in page
    names = ", ".join(s.name for s in bench.SECTIONS)
    assert f"Every target measured is met; not measured yet: {names}." in page


def test_the_chapters_and_the_book_command_come_from_nbtools():
    assert notebooks.chapter_paths is nbtools.chapter_paths
    assert book.book_command is nbtools.book_command and book.toc_files is nbtools.toc_files
    table, _ = bench.render(made_up_results(0.8, 50, 4.0, 60, 5, 20))
    assert " ".join(["jupyter-book", *nbtools.book_command()[1:]]) in table


# --------------------------------------------------------------------------- the checks section
def test_the_bare_methods_are_nnlibs_without_its_checks():
    net, X, Y = checks.problem([2, 8, 1], "tanh", "binary", 3)
    forward = checks.without_checks(nnlib.Network.forward)
    backward = checks.without_checks(nnlib.Network.backward)
    bare = net.copy()
    assert np.array_equal(forward(bare, X), net.forward(X))
    for ours, theirs in zip(backward(bare, Y), net.backward(Y)):
        assert all(np.array_equal(a, b) for a, b in zip(ours[1:], theirs[1:]))
    # The checks are gone: a NaN input goes through the bare forward pass unnoticed.
    X_nan = np.full_like(X, np.nan)
    with pytest.raises(ValueError, match="finite"):
        net.forward(X_nan)
    assert np.isnan(forward(bare, X_nan)).all()
    with pytest.raises(RuntimeError, match="no `_validate.` line"):
        checks.without_checks(nnlib.forward_layers)


def test_checks_measures_both_cases_and_compares_their_gradients(monkeypatch):
    monkeypatch.setattr(checks, "BLOCK_S", 1e-4)
    for sizes, hidden, task, m in checks.CASES:
        row = checks.measure_case(sizes, hidden, task, m, rounds=3)
        assert row["same_gradients"] and row["max_abs_diff"] == 0.0
        assert row["rounds"] == 3 and 5 <= row["calls_per_round"] <= checks.MAX_CALLS
        lo, hi = row["ratio_iqr"]
        assert 0 < lo <= row["ratio"] <= hi and row["checked_us"] > 0 and row["bare_us"] > 0
    assert [c[0] for c in checks.CASES] == [[2, 8, 1], [64, 128, 64, 10]]


def test_gradients_that_differ_are_caught():
    net, X, Y = checks.problem([2, 8, 1], "tanh", "binary", 1)
    checked, bare = checks.checked_and_bare(net, X, Y)
    assert checks.same_gradients(checked, bare) == (True, 0.0)

    def off_by_a_bit():
        dW, db = bare()
        return [None] + [w + 1e-6 for w in dW[1:]], db

    close, diff = checks.same_gradients(checked, off_by_a_bit)
    assert not close and diff == pytest.approx(1e-6)


# --------------------------------------------------------------------------- widgets and the page
def test_controls_are_moved_across_their_range():
    assert control_values(widgets.Dropdown(options=["a", "b"], value="a"), 5) == ["a", "b"]
    assert control_values(widgets.FloatSlider(value=0, min=-1, max=1, step=0.5), 5) == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert control_values(widgets.IntSlider(value=1, min=1, max=9), 3) == [1, 5, 9]
    assert control_values(widgets.Checkbox(value=False), 3) == [True, False]


def test_the_performance_page_shows_the_results():
    page = (CHAPTERS / "performance.md").read_text()
    assert "```{include} performance_results.md" in page
    results = (CHAPTERS / "performance_results.md").read_text()
    for section in bench.SECTIONS:
        assert f"## {section.title}" in results


def test_the_book_section_reports_its_builds_and_sizes(tmp_path, monkeypatch):
    """book.measure on a stand-in build: the two builds, the site's size and the pictures' (no real build)."""

    def fake_copy(src, dst, ignore=None):
        (Path(dst) / "chapters").mkdir(parents=True)

    def fake_build(where, label, logfile):
        frames = Path(where) / "_build" / "html" / "_static" / "explorers" / "x"
        frames.mkdir(parents=True, exist_ok=True)
        (frames / "0.png").write_bytes(b"p" * 2_000_000)
        (Path(where) / "_build" / "html" / "index.html").write_bytes(b"h" * 1_000_000)
        return {"returncode": 0, "warnings": 0, "first_problems": [], "seconds": 1.0}

    monkeypatch.setattr(book.shutil, "copytree", fake_copy)
    monkeypatch.setattr(book, "run_build", fake_build)
    monkeypatch.setattr(book, "missing_toc_pages", lambda: [])
    sec = book.measure(quick=True)
    assert sec["cold"]["seconds"] == 1.0 and sec["rebuild"]["returncode"] == 0
    assert sec["site_mb"] == pytest.approx(3.0) and sec["frames_mb"] == pytest.approx(2.0)
    lines, missed = book.render(dict(sec, measured="now"))
    assert missed == [] and any("| size of `_build/html` | 3.0 MB" in line for line in lines)


def test_the_page_weight_says_what_is_ours_and_what_is_the_themes():
    from benchmarks import weight

    base = "http://127.0.0.1:8000/"
    assert weight.kind(base + "chapters/09_backward.html", base) == "ours"
    assert weight.kind(base + "_static/explorers/backward_pass-0123/4.png", base) == "ours"
    assert weight.kind(base + "_images/abc.png", base) == "ours"
    assert weight.kind(base + "_static/nnbook-page.js?v=1", base) == "ours"
    assert weight.kind(base + "_static/scripts/fontawesome.js?digest=1", base) == "theme and Sphinx"
    assert weight.kind("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js", base) == "MathJax"
    table, missed = weight.render({"pages": {"a": {"ours": 1e6, "MathJax": 1e6, "theme and Sphinx": 3e6}},
                                   "heaviest": "a", "measured": "now"})
    assert missed == ["page weight: 5.00 MB (target ≤ 4.5 MB)"]
    assert "| the heaviest, `a` | 1.00 MB | 1.00 MB | 3.00 MB | 5.00 MB |" in table
