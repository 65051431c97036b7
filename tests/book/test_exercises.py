"""Exercises: each solution passes its checker, each learner stub fails it and says why, and
the learners' notebooks give nothing away and read well in plain Jupyter.

The code cells of a notebook are run in order in one namespace (no kernel needed); for
every exercise cell the checker named in its last line is called on what the cell defined.
"""

from __future__ import annotations

import contextlib
import io
import re

import nbformat
import pytest

import nnlib
from conftest import ROOT
from make_learners import SOURCE, asked_objects, exercise_names, gives_away, resolve
from nbtools import BUGGY, chapter_paths, ensure_setup_cell, first_hint, is_exercise, solution_lines, stub_source
from nnlib import check
from nnlib.check._messages import number_equations

CALL = re.compile(r"^check\.(\w+)\((\w+)\)\s*$")
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


@pytest.fixture(scope="module", params=CHAPTERS, ids=IDS)
def chapter(request):
    path = request.param
    return path, nbformat.read(path, as_version=4), nbformat.read(ROOT / "learners" / path.name, as_version=4)


def test_every_chapter_has_two_checked_exercises_one_of_them_more_than_a_formula(chapter):
    path, nb, _ = chapter
    cells = exercise_cells(nb)
    assert len(cells) >= 2, f"{path.name} has {len(cells)} exercises"
    for cell in cells:
        last = cell.source.rstrip().split("\n")[-1]
        assert CALL.match(last), f"{path.name}: an exercise cell must end in check.<name>(<answer>), not {last!r}"
        assert "hide-input" in cell.metadata.get("tags", []), f"{path.name}: the solution must be folded in the book"
    kinds = {check.CHECKERS[name].kind for name in exercise_names(nb)}
    assert kinds & {"variant", "derive"}, f"{path.name}: no variant or derive-and-answer exercise ({kinds})"


def test_solutions_pass_and_stubs_fail_saying_why(chapter):
    path, nb, _ = chapter
    passed = run_exercises(nb)
    assert passed and all(r.passed for r in passed.values()), {k: r.message for k, r in passed.items()}
    stubbed = run_exercises(nb, lambda src: stub_source(src, path.name))
    assert set(stubbed) == set(passed)
    for name, result in stubbed.items():
        assert not result.passed, f"{name}: the stub passed its checker"
        checker = check.CHECKERS[name]
        if checker.kind == "bug":  # the planted bug is one of the checker's declared mistakes
            assert any(number_equations(m.message) in result.message for m in checker.mistakes), result.message
        elif isinstance(checker, check.Answer):
            assert "not answered yet" in result.message, result.message
        else:
            assert "not implemented yet" in result.message and "Hint:" in result.message, result.message


def test_hints_teach_and_never_give_the_solution(chapter):
    path, nb, _ = chapter
    for cell in exercise_cells(nb):
        name = CALL.match(cell.source.rstrip().split("\n")[-1]).group(1)
        first, second = first_hint(cell.source.split("\n")), check.CHECKERS[name].hint
        if check.CHECKERS[name].kind != "bug":
            assert first, f"{path.name}, {name}: no first hint (a # HINT: line in the solution block)"
            assert "?" in first or "{eq}" in first or "eq." in first or "equation" in first, (
                f"{path.name}, {name}: the first hint should ask a question or point to an equation: {first!r}")
        assert len(second) >= 30, f"{path.name}, {name}: no second hint (Checker(hint=...))"
        for line in telling(solution_lines(cell.source)):
            assert line not in first and line not in second, f"{path.name}, {name}: a hint holds {line!r}"


def test_the_learners_notebook_gives_nothing_away(chapter):
    path, nb, learner = chapter
    asked = asked_objects(exercise_names(nb))
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
    asked = asked_objects(exercise_names(nb))
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


def test_the_equation_numbers_of_the_learners_are_the_books(built_book):
    """The generator numbers equations as Sphinx does: compare with the built pages."""
    from docutils.nodes import make_id

    from myst_plain import equation_numbers

    code, output = built_book
    assert code == 0, output[-2000:]
    numbers = equation_numbers()
    checked = 0
    for label, (number, page) in numbers.items():
        html = (ROOT / "_build" / "html" / f"{page}.html").read_text(encoding="utf-8")
        anchor = make_id(f"equation-{label}")  # the id Sphinx writes, and the learners' links point to
        shown = re.search(rf'id="{re.escape(anchor)}".*?<span class="eqno">\((\d+)\)', html, re.S)
        assert shown and int(shown.group(1)) == number, f"{label}: the book shows {shown and shown.group(1)}, " \
                                                       f"the learners' notebooks {number}"
        checked += 1
    assert checked >= 60


def test_a_hint_and_the_progress_can_be_asked_for(capsys):
    name = next(iter(check.CHECKERS))
    check.hint(name)
    assert check.CHECKERS[name].hint in capsys.readouterr().out
    check.progress([name])
    assert name in capsys.readouterr().out
    assert nnlib.check is check
