"""What the tests that play a learner share: running a learner's notebook with attempts of one's own,
and telling whether a text gives a solution's code away.

A notebook is run as a kernel runs it, without one: each code cell is compiled under a name of its
own, ``<cell-k>``, whose source is registered in ``linecache`` (so that a checker can quote the
learner's line, as it does in Jupyter), and when a cell ends in an expression its value is kept,
as Jupyter would show it.  An exception that escapes a cell is reported with the cell's text.
"""
from __future__ import annotations

import ast
import contextlib
import io
import linecache
import re

import nbformat

from make_learners import exercise_checker
from nbtools import BUGGY, is_exercise, solution_lines

CALL = re.compile(r"^check\.(\w+)\((\w+)\)\s*$")


class CellRaised(AssertionError):
    """An exception escaped a cell of a learner's notebook."""


def exercise_name(cell):
    checker = exercise_checker(cell)
    return checker.name if checker else None


def is_learner_exercise(cell):
    """A learner notebook's exercise cell: a code cell whose last line calls an exercise's checker."""
    if cell.cell_type != "code":
        return False
    last = cell.source.rstrip().split("\n")[-1]
    return bool(CALL.match(last)) and exercise_checker(cell) is not None


def run_cell(source, namespace, name):
    """Execute one cell as a kernel would; returns (the value it would show or None, what it printed)."""
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    tree = ast.parse(source, name)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(tree, name, "exec"), namespace)  # noqa: S102 - our own notebooks
            shown = eval(compile(ast.Expression(last.value), name, "eval"), namespace) if last else None
    except Exception as exc:  # noqa: BLE001 - reported with the cell
        raise CellRaised(f"{name} raised {type(exc).__name__}: {exc}\n--- the cell:\n{source}") from exc
    return shown, out.getvalue()


def defined_names(source):
    """The names a cell defines at its top level (functions and assignments)."""
    names = set()
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def learner_and_chapter(chapter_path, learners):
    return nbformat.read(chapter_path, as_version=4), nbformat.read(learners / chapter_path.name, as_version=4)


def solutions_by_exercise(chapter):
    """{exercise name: (solution lines, planted lines, indentation of the block)} of a chapter."""
    found = {}
    for cell in chapter.cells:
        if is_exercise(cell):
            lines = cell.source.split("\n")
            planted = [m.group(1).strip() for m in map(BUGGY.match, lines) if m]
            begin = next(line for line in lines if line.strip() == "# BEGIN SOLUTION")
            indent = begin[: len(begin) - len(begin.lstrip())]
            found[exercise_name(cell)] = (solution_lines(cell.source), planted, indent)
    return found


# ------------------------------------------------------------------------------ giving code away
TOKEN = re.compile(r"[A-Za-z_]\w*|\d+(?:\.\d+)?(?:e-?\d+)?|\*\*|//|[-+*/@%=<>!]=?|[()\[\]{},.:]")
OPERATORS = set("@*/+-[](.=") | {"**", "//"}
MATH = re.compile(r"\^[\[(][^\])]*[\])]")  # W^[l+1], n_(l−1) as math, not code: drop the superscripts
RUN = 5  # this many tokens of a solution's line in a row, one of them an operator, is code


def tokens(text):
    return TOKEN.findall(MATH.sub("^", text))


def runs(line, n=RUN):
    t = tokens(line)
    return {tuple(t[i:i + n]) for i in range(len(t) - n + 1) if set(t[i:i + n]) & OPERATORS}


def leaks(message, lines, planted=(), visible=""):
    """The runs of a solution's code that ``message`` shows and the learner could not see otherwise.

    A run is RUN tokens of one solution line in a row, at least one an operator; runs that are also
    in the planted bug's lines, or anywhere in ``visible`` (the learner's notebook), give nothing away.
    """
    seen = set().union(*(runs(p) for p in planted), runs(visible)) if (planted or visible) else set()
    said = runs(message)
    return sorted(" ".join(r) for line in lines for r in runs(line) - seen if r in said)
