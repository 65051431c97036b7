"""Graded help, and notebooks a learner can use offline: what the checkers say and what the learners' notebooks show.

* No message gives a solution's code away: every level of a hint ladder but the last, every declared
  mistake and hint, and the general messages for typical wrong answers are compared with the lines
  of the chapter's solutions (``learning.leaks``).  Only the last level of ``check.hint`` may show code.
* ``check.hint(name)`` climbs the ladder one level per call and says which level of how many it shows;
  its first level is the question the learner's stub shows.
* No equation label (``eq-…``) is left anywhere a learner reads, and every equation a learner notebook
  refers to (in its text, its code, its checkers' messages and hints) is shown in it with its number.
* Links work: to learner notebooks beside it, to the notation page, or to pages of the online book.
* Nothing dangles where a source was left out, and no notebook points to itself.
"""
from __future__ import annotations

import contextlib
import copy
import inspect
import io
import re
from functools import cache

import nbformat
import numpy as np
import pytest
from docutils.nodes import make_id

from conftest import ROOT
from learning import exercise_name, is_learner_exercise, leaks, solutions_by_exercise
from make_learners import NOTATION, SOURCE, exercise_names, resolve
from myst_plain import LINK, book_url, equation_numbers, toc_files
from nbtools import chapter_paths, is_exercise
from nnlib import check
from nnlib.check._messages import LABEL as MESSAGE_LABEL
from nnlib.check._messages import label_of, number_equations

CHAPTERS = chapter_paths()
IDS = [p.stem for p in CHAPTERS]
LEARNERS = ROOT / "learners"
LABEL = re.compile(r"\beq-[a-z0-9]+(?:-[a-zA-Z0-9]+)*")


@cache
def notebooks(path):
    return nbformat.read(path, as_version=4), nbformat.read(LEARNERS / path.name, as_version=4)


def visible_text(learner):
    return "\n".join(cell.source for cell in learner.cells)


def wrong_answers(checker):
    """A few typical wrong answers built from the reference, for the general messages they draw."""
    if isinstance(checker, check.Answer):
        right = np.asarray(checker.reference(), dtype=float)
        return [right * 3 + 1, right + 0.5, -right, np.zeros((7, 5)), "0.5"]
    ref = checker.reference

    def times(c):
        return lambda *a: c * np.asarray(ref(*a), dtype=float)

    def shifted(*a):
        return np.asarray(ref(*a), dtype=float) + 0.5

    def transposed(*a):
        return np.asarray(ref(*a), dtype=float).T

    return [times(3.0), times(1.00002), shifted, transposed, lambda *a: None, lambda *a: [][1]]


def messages_of(checker):
    """Everything a learner can read from a checker except the last level of its ladder."""
    said = [number_equations(level) for level in checker.ladder[:-1] if level]
    said += [number_equations(m.message) for m in checker.mistakes]
    said += [number_equations(h.message) for h in checker.hints]
    for wrong in wrong_answers(checker):
        with np.errstate(all="ignore"):
            said.append(checker(copy.deepcopy(wrong)).message)
    return said


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_no_message_gives_a_solutions_code_away(path):
    chapter, learner = notebooks(path)
    visible = visible_text(learner)
    checked = 0
    for name, (lines, planted, _) in solutions_by_exercise(chapter).items():
        checker = check.CHECKERS[name]
        for message in messages_of(checker):
            found = leaks(message, lines, planted, visible)
            assert not found, f"{name}: a message shows the solution's code {found}: {message!r}"
            checked += 1
    assert checked >= 10 * len(exercise_names(chapter))


def test_the_last_level_may_show_code_and_the_leak_test_sees_it():
    """The test above can fail: the last levels that show code are caught by it."""
    caught = 0
    for path in CHAPTERS:
        chapter, learner = notebooks(path)
        for name, (lines, planted, _) in solutions_by_exercise(chapter).items():
            last = check.CHECKERS[name].ladder[-1] or ""
            caught += bool(leaks(number_equations(last), lines, planted, visible_text(learner)))
    assert caught >= 30, caught


def hint_output(name, *args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        check.hint(name, *args)
    return out.getvalue()


@pytest.mark.parametrize("name", list(check.CHECKERS))
def test_the_hint_ladder_climbs_one_level_a_call_and_says_how_many(name):
    checker = check.CHECKERS[name]
    total = len(checker.ladder)
    assert total >= 2, f"{name}: a ladder of {total} level(s)"
    check.SHOWN.pop(name, None)
    start = 1 if checker.kind == "bug" and checker.ladder[0] else 2
    for level in range(start, total + 1):
        text = hint_output(name)
        assert text.startswith(f"Hint {level} of {total} for {name}: "), text
        assert ("again for hint" in text) == (level < total), text
    assert hint_output(name).startswith(f"Hint {total} of {total}"), "the last level repeats"
    assert hint_output(name, 1).startswith(f"Hint 1 of {total}")
    assert "levels 1 to" in hint_output(name, total + 1)


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_the_first_level_is_the_question_of_the_learners_stub(path):
    chapter, learner = notebooks(path)
    for cell, stub in zip([c for c in chapter.cells if is_exercise(c)],
                          [c for c in learner.cells if is_learner_exercise(c)]):
        checker = check.CHECKERS[exercise_name(cell)]
        first = checker.ladder[0]
        assert "# HINT:" not in cell.source, f"{checker.name}: level 1 is the checker's, not the cell's"
        if checker.kind != "bug":
            assert number_equations(first) in stub.source, f"{checker.name}: the stub does not show level 1"
            assert "?" in first, f"{checker.name}: level 1 should ask a question: {first!r}"


def learner_paths():
    return [LEARNERS / p.name for p in CHAPTERS]


def readable(cell):
    """What a learner reads of a cell: its text without the targets of links."""
    return LINK.sub(lambda m: f"[{m.group(1)}]", cell.source)


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_no_internal_label_where_a_learner_reads(path):
    chapter, learner = notebooks(path)
    for cell in learner.cells:
        found = LABEL.search(readable(cell))
        assert not found, f"learners/{path.name}: {found.group(0)} in {cell.source[:80]!r}"
    for name in exercise_names(chapter):
        checker = check.CHECKERS[name]
        for text in messages_of(checker) + [hint_output(name, k) for k in range(1, len(checker.ladder) + 1)]:
            assert not LABEL.search(text), f"{name}: {text!r}"


def referred_numbers(chapter, learner):
    """The equation numbers a learner notebook refers to: its links and numbers, and its checkers' texts."""
    numbers = set()
    for cell in learner.cells:
        numbers |= {int(n) for n in re.findall(r"\[\((\d+)\)\]\(", cell.source)}
        numbers |= {int(n) for n in re.findall(r"\beq\. \((\d+)\)", cell.source)}
    table = equation_numbers()
    for name in exercise_names(chapter):
        checker = check.CHECKERS[name]
        for text in [*(lv for lv in checker.ladder if lv), *(m.message for m in checker.mistakes),
                     *(h.message for h in checker.hints)]:
            numbers |= {table[label_of(m)][0] for m in MESSAGE_LABEL.finditer(text) if label_of(m) in table}
    return numbers


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_every_equation_a_learner_notebook_refers_to_is_shown_in_it(path):
    chapter, learner = notebooks(path)
    shown = {int(n) for cell in learner.cells if cell.cell_type == "markdown"
             for n in re.findall(r"\\tag\{(\d+)\}", cell.source)}
    missing = referred_numbers(chapter, learner) - shown
    assert not missing, f"learners/{path.name} refers to equations {sorted(missing)} without showing them"
    others = [c for c in learner.cells if c.source.startswith("## Equations from other chapters")]
    own = {n for n, page in equation_numbers().values() if page == f"chapters/{path.stem}"}
    assert bool(others) == bool(referred_numbers(chapter, learner) - own), "the equations cell is missing or empty"


def test_the_equations_cell_is_generated_from_the_chapters():
    from myst_plain import equation_sources

    sources, numbers = equation_sources(), equation_numbers()
    cell = next(c for c in nbformat.read(LEARNERS / "10_parameter_gradients.ipynb", as_version=4).cells
                if c.source.startswith("## Equations from other chapters"))
    label = "eq-delta-recursion"  # chapter 9's, which chapter 10 uses
    assert sources[label] in cell.source and f"\\tag{{{numbers[label][0]}}}" in cell.source


def test_the_notation_page_is_the_introductions_table():
    intro = (ROOT / "chapters" / "intro.md").read_text(encoding="utf-8")
    page = nbformat.read(NOTATION, as_version=4).cells[0].source
    rows = [line for line in intro.split("## Notation")[1].split("\n## ")[0].split("\n") if line.startswith("|")]
    assert len(rows) >= 10
    for row in rows:
        assert row.split("|")[2].strip() in page, row  # each row's meaning
    assert "{cite}" not in page and "{eq}" not in page


@pytest.mark.parametrize("path", [*learner_paths(), NOTATION], ids=[*IDS, "notation"])
def test_every_link_of_a_learner_notebook_works(path):
    nb = nbformat.read(path, as_version=4)
    pages = {f"{page}.html" for page in toc_files()}
    anchors = {make_id(f"equation-{label}") for label in equation_numbers()}
    url, checked = book_url(), 0
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for _, target in LINK.findall(cell.source):
            page, _, anchor = target.partition("#")
            if target.startswith(url):
                assert page[len(url):] in pages, f"{path.name}: a link to a page the book does not have: {target}"
                if anchor.startswith("equation-"):
                    assert anchor in anchors, f"{path.name}: no such equation in the book: {target}"
            elif not re.match(r"^[a-z]+:", target) and page:
                assert (LEARNERS / page).exists(), f"{path.name}: a link to {page}, which learners/ does not have"
            checked += 1
    assert checked or path == NOTATION


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_nothing_dangles_where_a_source_was_left_out(path):
    chapter, learner = notebooks(path)
    cells = learner.cells
    left_out = "\n".join(inspect.getsource(resolve(d)) for c in chapter.cells if c.cell_type == "code"
                         for d in SOURCE.findall(c.source) if not any(d in k.source for k in cells))
    for k, cell in enumerate(cells[:-1]):
        if cell.cell_type != "markdown":
            continue
        after = cells[k + 1]
        note = after.cell_type == "markdown" and after.source.startswith("> *Left out of this notebook:*")
        if cell.source.rstrip().endswith(":"):
            assert not note and (after.cell_type == "code" or re.match(r"^(\$\$|\||- |\d\.|>)", after.source)), (
                f"learners/{path.name}: {cell.source[-80:]!r} introduces what is not there: {after.source[:60]!r}")
        if cell.source.startswith("> *Left out of this notebook:*") and after.cell_type == "markdown":
            assert not re.match(r"^[a-z]", after.source), f"learners/{path.name}: a sentence cut: {after.source[:60]!r}"
            for span in re.findall(r"`([^`]+)`", after.source):
                assert len(span) < 8 or span not in left_out, f"learners/{path.name}: `{span}` is in no code shown"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_a_learner_notebook_never_points_to_itself(path):
    _, learner = notebooks(path)
    text = visible_text(learner)
    assert "learner notebook of this chapter" not in text
    assert f"]({path.name})" not in text and f"learners/{path.name}" not in text
