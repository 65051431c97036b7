"""Exercises: each chapter's solution passes its checker, each learner stub fails it with a hint.

The code cells of a notebook are run in order in one namespace (no kernel needed);
for every exercise cell the checker named in its last line is called on the function
the cell defined.
"""

from __future__ import annotations

import contextlib
import io
import re

import nbformat
import pytest

from conftest import ROOT
from nbtools import chapter_paths, ensure_setup_cell, is_exercise, stub_source

CALL = re.compile(r"^check\.(\w+)\((\w+)\)\s*$")


def exercise_cells(nb):
    return [c for c in nb.cells if is_exercise(c)]


def run_exercises(nb, transform=lambda src: src):
    """Run the notebook's code; return {checker name: Result} for every exercise cell."""
    namespace = {"__name__": "__main__"}
    results = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = transform(cell.source) if is_exercise(cell) else cell.source
        lines = source.rstrip().split("\n")
        call = CALL.match(lines[-1]) if is_exercise(cell) else None
        body = "\n".join(lines[:-1]) if call else source
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(body, "<cell>", "exec"), namespace)  # noqa: S102 - our own notebooks
            if call:
                checker = getattr(namespace["check"], call.group(1))
                results[call.group(1)] = checker(namespace[call.group(2)])
    return results


CHAPTERS = chapter_paths()


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_has_at_least_two_checked_exercises(path):
    nb = nbformat.read(path, as_version=4)
    cells = exercise_cells(nb)
    assert len(cells) >= 2, f"{path.name} has {len(cells)} exercises"
    for cell in cells:
        last = cell.source.rstrip().split("\n")[-1]
        assert CALL.match(last), f"{path.name}: an exercise cell must end in check.<name>(<function>), not {last!r}"
        assert "hide-input" in cell.metadata.get("tags", []), f"{path.name}: the solution must be folded in the book"


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_solutions_pass_and_stubs_fail_with_the_hint(path):
    nb = nbformat.read(path, as_version=4)
    passed = run_exercises(nb)
    assert passed and all(r.passed for r in passed.values()), {k: r.message for k, r in passed.items()}
    stubbed = run_exercises(nb, lambda src: stub_source(src, path.name))
    assert set(stubbed) == set(passed)
    for name, result in stubbed.items():
        assert not result.passed, f"{name}: the stub passed its checker"
        assert "not implemented yet" in result.message and "Hint:" in result.message, result.message


def test_learner_notebooks_are_up_to_date():
    import make_learners

    assert make_learners.main(["--check"]) == 0, "run `make learners`"


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_learner_notebook_has_stubs_and_no_solutions_or_outputs(path):
    learner = nbformat.read(ROOT / "learners" / path.name, as_version=4)
    assert not ensure_setup_cell(learner), "the learner notebook must start with the current setup cell"
    text = nbformat.writes(learner)
    assert "BEGIN SOLUTION" not in text and "NotImplementedError" in text
    assert all(not c.get("outputs") for c in learner.cells if c.cell_type == "code")
    assert "widgets" not in learner.metadata
