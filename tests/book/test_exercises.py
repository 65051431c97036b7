"""Exercises: how many and of which kinds, their hint ladders, and learners' notebooks that give
nothing away and read well in plain Jupyter.

Running the exercises (solutions, stubs, wrong attempts) is test_learners.py's; what the checkers
say and what the learners' notebooks show, test_help.py's.
"""

from __future__ import annotations

import re

import nbformat
import pytest

import chapter_rules
import nnlib
from conftest import ROOT
from make_learners import SOURCE, asked_objects, exercise_names, gives_away, resolve
from nbtools import BUGGY, chapter_paths, ensure_setup_cell, is_exercise, solution_lines
from nnlib import check
from nnlib.check._messages import number_equations

CHAPTERS = chapter_paths()
IDS = [p.stem for p in CHAPTERS]
MYST = re.compile(r"\{(eq|cite|doc|ref|download|glue|numref|term)[:\w]*\}`"  # roles
                  r"|^\([\w-]+\)=\s*$|^(:::+|```+)\{|\$\$\s*\(eq-", re.MULTILINE)  # targets, directives, labels


# Lines too plain to give an exercise away (a batch size, returning a name).
PLAIN_LINE = re.compile(r"^(\w+ = \w+\.shape(\[-?\d\])?|return \w+|\w+, \w+ = \w+\.shape)$")


def telling(lines):
    """The solution lines that would give an exercise away if shown."""
    return [line for line in lines if len(line) >= 12 and not PLAIN_LINE.match(line)]


def exercise_cells(nb):
    return [c for c in nb.cells if is_exercise(c)]


@pytest.fixture(scope="module", params=CHAPTERS, ids=IDS)
def chapter(request):
    path = request.param
    return path, nbformat.read(path, as_version=4), nbformat.read(ROOT / "learners" / path.name, as_version=4)


def test_every_chapter_has_checked_exercises_that_ask_for_thought_with_hints_that_teach(chapter):
    """chapter_rules.exercise_problems: enough exercises, each ending in its check and folded, one at least
    a variant or derived on paper, each with a ladder of hints whose first level is a question."""
    path, nb, _ = chapter
    problems = chapter_rules.exercise_problems(nb, check.CHECKERS)
    assert not problems, f"{path.name}: {problems}"


def test_the_learners_notebook_gives_nothing_away(chapter):
    path, nb, learner = chapter
    asked = asked_objects()  # what any exercise of the book asks for, not only this chapter's
    code = [c.source for c in learner.cells if c.cell_type == "code"]
    text = nbformat.writes(learner)
    assert "BEGIN SOLUTION" not in text and "BUGGY" not in text
    for cell in exercise_cells(nb):
        planted = {m.group(1).strip() for m in map(BUGGY.match, cell.source.split("\n")) if m}
        for line in telling(solution_lines(cell.source)):
            if line not in planted:
                assert not any(line in src for src in code), f"{path.name}: the solution line {line!r} is shown"
    for src in code:
        for dotted in SOURCE.findall(src):
            assert resolve(dotted) not in asked, f"{path.name}: shows the source of {dotted}, which an exercise asks"
    assert all(not c.get("outputs") for c in learner.cells if c.cell_type == "code")
    assert "widgets" not in learner.metadata
    assert not ensure_setup_cell(learner), "the learner notebook must start with the current setup cell"


def test_the_book_folds_what_an_exercise_asks_for(chapter):
    path, nb, _ = chapter
    asked = asked_objects()
    for cell in nb.cells:
        if gives_away(cell, asked):
            assert "hide-output" in cell.metadata.get("tags", []), f"{path.name}: fold {cell.source!r}"


def test_the_learners_notebook_reads_well_in_plain_jupyter(chapter):
    path, _, learner = chapter
    for cell in learner.cells:
        if cell.cell_type == "markdown":
            found = MYST.search(cell.source)
            assert not found, f"learners/{path.name}: MyST-only syntax left: {found.group(0)!r} in {cell.source[:80]!r}"
        label = re.search(r"\(eq-[\w-]+\)", cell.source)  # a hint's "eq. (eq-x)" must read "eq. (12)"
        assert not label, f"learners/{path.name}: an equation label instead of its number: {label.group(0)}"
    last = learner.cells[-1]
    assert last.cell_type == "code" and last.source.startswith("check.progress("), "no progress cell at the end"


def test_the_exercises_of_the_book_are_many_and_varied():
    kinds = [check.CHECKERS[name].kind for path in CHAPTERS
             for name in exercise_names(nbformat.read(path, as_version=4))]
    assert len(kinds) >= 45, f"{len(kinds)} exercises"
    assert kinds.count("derive") >= 13, f"{kinds.count('derive')} derive-and-answer exercises"
    assert kinds.count("bug") >= 5, f"{kinds.count('bug')} find-the-bug exercises"
    assert "end-to-end" in kinds
    assert set(kinds) <= set(check.engine.KINDS)


def test_learner_notebooks_are_up_to_date():
    import make_learners

    assert make_learners.main(["--check"]) == 0, "run `make learners`"


def test_a_hint_and_the_progress_can_be_asked_for(capsys):
    name = next(iter(check.CHECKERS))
    check.SHOWN.pop(name, None)
    check.hint(name)
    assert number_equations(check.CHECKERS[name].ladder[1]) in capsys.readouterr().out
    check.progress([name])
    assert name in capsys.readouterr().out
    assert nnlib.check is check
