"""A learner alone with a learner notebook: every attempt meets a message, never a traceback.

Each learner notebook is run without a kernel (``tests/learning.py``): its cells up to the first
exercise once, then its exercise cells and what follows them, as shipped (the stubs), with the
chapter's solutions, and with wrong attempts of every kind:

* every function exercise: a body that raises, one that returns an array of the wrong shape,
  a string, None;
* every value derived on paper: a string, None, a ragged list, an array of the wrong shape, a dict;
* every find-the-bug exercise: at least three wrong fixes of the planted line, among them fixes
  that change a shape and fixes that raise (``WRONG_FIXES``).

No exception may escape a cell, neither the exercise's nor a later one that uses what it defines;
each attempt must be recorded for ``check.progress``; an exception in the learner's code must be
reported with its line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import pytest

from conftest import ROOT
from learning import (
    CellRaised,
    defined_names,
    exercise_name,
    is_learner_exercise,
    learner_and_chapter,
    run_cell,
    solutions_by_exercise,
)
from nbtools import chapter_paths, is_exercise
from nnlib import check

CHAPTERS = chapter_paths()
LEARNERS = ROOT / "learners"
NUMBERS = (int, float, np.number)

#: Wrong fixes of each planted bug, as a learner might write them: the planted line(s) replaced by these.
WRONG_FIXES = {
    "fixed_backward": [
        "delta[l] = (net.W[l + 1] @ delta[l + 1]) * g_prime(net.z[l])",  # no transpose: hidden by square layers
        "delta[l] = (net.W[l].T @ delta[l + 1]) * g_prime(net.z[l])",  # the wrong layer's W: shapes clash
        "delta[l] = (net.W[l + 1].T @ delta[l + 1]) * g_prime(net.a[l])",  # the slope at a, not at z
        "delta[l] = delta[l + 1] * g_prime(net.z[l])",  # W forgotten: raises on a non-square network
        "delta[l] = (W[l + 1].T @ delta[l + 1]) * g_prime(net.z[l])",  # NameError
    ],
    "fixed_gradients": [
        "dW.append(delta[l] @ net.a[l].T / X.shape[1])",  # the misprint: a shape (4, 4) for W (4, 3)
        "dW.append(net.a[l - 1] @ delta[l].T / X.shape[1])",  # the transpose's shape
        "dW.append(delta[l] @ net.a[l - 1].T / delta[l].shape[0])",  # divided by n_l
        "dW.append(delta[l] @ net.a[l - 1] / X.shape[1])",  # no transpose: raises
        "dW.append(delta[l] @ net.a[l - 1].T / m)",  # NameError
    ],
    "directional_check": [
        "x_minus = x - eps * w",  # NameError
        "x_minus = x - eps",  # steps along every axis, not along v
        "x_minus = (x - eps * v)[:1]",  # a shape that f cannot take
        "x_minus = x_plus + eps * v",  # the wrong side
    ],
    "sgd_epoch": [
        "n_batches = m // batch_size + 1",  # one batch too many when B divides m
        "n_batches = m / batch_size",  # a float: range() raises
        "n_batches = m",  # empty batches
        "n_batches = len(perm[::batch_size]) + 1",
    ],
    "log_softmax_backward": [
        "y_hat = nnlib.softmax(z)\nreturn grad - y_hat * np.sum(grad)",  # summed over the whole batch
        "y_hat = nnlib.softmax(z)\nreturn grad - y_hat @ grad",  # a matrix product: raises
        "y_hat = nnlib.softmax(z)\nreturn grad - y_hat * np.sum(grad, axis=1, keepdims=True)",  # the wrong axis
        "y_hat = nnlib.softmax(z)\nreturn (grad - y_hat * np.sum(grad, axis=0)).T",  # the transpose's shape
    ],
}
RAISES = "return [1, 2, 3][5]"  # a slip in the learner's own line: IndexError
FUNCTION_ATTEMPTS = [RAISES, "return np.zeros((7, 5))", 'return "0.5"', "return None"]
VALUE_ATTEMPTS = ['"0.5"', "None", "[[1, 2], [3]]", "np.zeros((7, 5))", '{"answer": 1}']


@dataclass
class Run:
    """A learner notebook run up to its first exercise, and its exercises run as shipped."""

    name: str
    chapter: object
    learner: object
    first: int
    namespace: dict
    before: dict  # the namespace just before each exercise cell, as shipped
    shown: list  # (cell, value) of every cell that ends in an expression


def _run(path):
    chapter, learner = learner_and_chapter(path, LEARNERS)
    cells = learner.cells
    first = next(k for k, c in enumerate(cells) if is_learner_exercise(c))
    namespace, shown = {"__name__": "__main__"}, []
    for k, cell in enumerate(cells[:first]):
        if cell.cell_type == "code":
            value, _ = run_cell(cell.source, namespace, f"<cell-{k}>")
            shown.append((k, value))
    plt.close("all")
    run = Run(path.stem, chapter, learner, first, namespace, {}, shown)
    tail(run, record=True)
    return run


def tail(run, replace=None, start=None, only=None, record=False):
    """Run the cells from the first exercise (or ``start``) to the end in a copy of the namespace;
    ``replace(name, source)`` gives an exercise cell's source, ``only(k, cell)`` picks the cells."""
    cells = run.learner.cells
    start = run.first if start is None else start
    namespace = dict(run.before[start] if start in run.before and not record else run.namespace)
    for k in range(start, len(cells)):
        cell = cells[k]
        if cell.cell_type != "code" or (only and not only(k, cell)):
            continue
        source = cell.source
        if is_learner_exercise(cell):
            if record:
                run.before[k] = dict(namespace)
            if replace:
                source = replace(exercise_name(cell), source)
        value, _ = run_cell(source, namespace, f"<cell-{k}>")
        if record:
            run.shown.append((k, value))
    plt.close("all")
    return namespace


@pytest.fixture(scope="module", params=CHAPTERS, ids=[p.stem for p in CHAPTERS])
def run(request):
    return _run(request.param)


def names_of(run):
    return [exercise_name(c) for c in run.learner.cells if is_learner_exercise(c)]


def test_as_shipped_every_exercise_says_it_is_not_done_yet(run):
    for name in names_of(run):
        check.RECORD.pop(name, None)
    tail(run)
    for name in names_of(run):
        result, checker = check.RECORD[name], check.CHECKERS[name]
        said = ("not fixed yet" if checker.kind == "bug" else "not answered yet" if isinstance(checker, check.Answer)
                else "not implemented yet. Your code here. Hint: ")
        assert not result.passed and result.message.startswith(f"⏳ {name} is {said}"), result.message


def test_the_chapters_solutions_pass_in_the_learners_notebook(run):
    solutions = {exercise_name(c): c.source for c in run.chapter.cells if is_exercise(c)}
    for name in solutions:
        check.RECORD.pop(name, None)
    tail(run, replace=lambda name, source: solutions[name])
    for name in solutions:
        assert check.RECORD[name].passed, check.RECORD[name].message


def attempts(run, cell):
    """(label, source) of the wrong attempts at one exercise cell of the learner's notebook."""
    name = exercise_name(cell)
    source = cell.source
    stub = re.search(r"^(\s*)raise NotImplementedError\(.*\)$", source, re.M)
    if check.CHECKERS[name].kind == "bug":
        _, planted, indent = solutions_by_exercise(run.chapter)[name]
        block = "\n".join(indent + line for line in planted)
        assert block in source, f"{name}: the planted bug is not in the learner's cell"
        for fix in WRONG_FIXES[name]:
            yield fix.split("\n")[-1], source.replace(block, "\n".join(indent + line for line in fix.split("\n")))
    elif stub:
        for body in FUNCTION_ATTEMPTS:
            yield body, source.replace(stub.group(0), stub.group(1) + body)
    else:
        line = re.search(r"^(\w+) = \.\.\..*$", source, re.M)
        for value in VALUE_ATTEMPTS:
            yield value, source.replace(line.group(0), f"{line.group(1)} = {value}")


def test_no_wrong_attempt_escapes_a_cell_and_each_is_recorded(run):
    """Every attempt runs its exercise cell and the later cells that use what the cell defines."""
    cells, tried = run.learner.cells, 0
    for k in sorted(run.before):
        cell = cells[k]
        name = exercise_name(cell)
        uses = defined_names(cell.source) | {name}
        later = [j for j in range(k + 1, len(cells)) if cells[j].cell_type == "code"
                 and any(re.search(rf"\b{re.escape(n)}\b", cells[j].source) for n in uses)]
        for label, source in attempts(run, cell):
            check.RECORD[name] = None
            namespace = dict(run.before[k])
            try:
                run_cell(source, namespace, f"<cell-{k}>")
                for j in later:
                    run_cell(cells[j].source, namespace, f"<cell-{j}>")
            except CellRaised as exc:
                pytest.fail(f"{name}, attempt {label!r}: {exc}")
            result = check.RECORD[name]
            assert result is not None and not result.passed, (name, label)
            assert result.message.startswith("❌") and "Traceback" not in result.message, result.message
            if label == RAISES:  # the learner's own line, with its number in the cell
                line = source.split("\n").index(next(s for s in source.split("\n") if RAISES in s)) + 1
                assert f"IndexError: list index out of range, at line {line} of its cell" in result.message
                assert f"`{RAISES}`" in result.message, result.message
            tried += 1
    plt.close("all")
    assert tried >= 4 * len(run.before) - 1


def test_every_find_the_bug_exercise_meets_three_wrong_fixes_or_more():
    bugs = [name for name, c in check.CHECKERS.items() if c.kind == "bug"]
    assert sorted(WRONG_FIXES) == sorted(bugs)
    assert all(len(fixes) >= 3 for fixes in WRONG_FIXES.values())


def test_a_learner_notebook_shows_no_stray_value(run):
    """A cell that keeps a number for the text (``glue``) shows nothing: only figures and widgets are shown."""
    stray = [(k, value) for k, value in run.shown if isinstance(value, NUMBERS + (str,))]
    assert not stray, f"{run.name}: cells show bare values {stray}"
