"""The rules every chapter notebook follows, in one place: the tests and the scaffold
read them.

``tests/book/test_notebooks.py`` and ``tests/book/test_exercises.py`` hold every chapter
to these rules, and ``tools/new_chapter.py`` writes a skeleton that already follows them
(``tests/tools/test_new_chapter.py`` checks it).  A chapter notebook has

* one H1 title, then two to four learning objectives (the design guide, §5);
* a labelled equation ``$$ … $$ (eq-name)``, and a cell that prints nnlib's source
  (``source(nnlib.<name>)``: the formula lives once, in nnlib);
* an explorer, ``widgets.explore("<name>")``, tagged ``nbval-ignore-output`` (nbval
  cannot compare what a widget draws), and no other cell with that tag; beside it a
  static figure whose output carries alt text of at least ``MIN_ALT`` characters
  (``metadata.mystnb.image.alt``);
* at least ``MIN_EXERCISES`` exercise cells, each a solution between
  ``# BEGIN SOLUTION`` and ``# END SOLUTION`` ending in ``check.<name>(<answer>)``,
  folded in the book (tagged ``hide-input``); at least one of them of a kind in
  ``THINKING`` (the others may code a formula); each checker's hint ladder has
  ``MIN_LEVELS`` levels or more, the first a question, the others at least
  ``MIN_LEVEL_CHARS`` characters, and the cell has no ``# HINT:`` lines (level 1 is the
  checker's);
* a ``## Summary`` that links onward to a notebook, and a link to its learner notebook;
* the setup cell first (``nbtools.setup_cell``), and, once executed, execution counts 1,
  2, 3, … and the saved widget state (``make notebooks``).

Each ``*_problems`` function returns the broken rules as sentences (an empty list:
none).
"""

from __future__ import annotations

import re

from nbtools import SETUP_TAG, is_exercise, setup_source

MIN_OBJECTIVES, MAX_OBJECTIVES = 2, 4
MIN_EXERCISES = 2
THINKING = (
    "variant",
    "derive",
)  # at least one exercise asks for thought, not a formula retyped
MIN_LEVELS = 2
MIN_LEVEL_CHARS = 30
MIN_ALT = 40
EXERCISE_TAG = "hide-input"
WIDGET_TAG = "nbval-ignore-output"
WIDGET_CALL = re.compile(r'^widgets\.explore\("(\w+)"\)$')
CHECK_CALL = re.compile(r"^check\.(\w+)\((\w+)\)\s*$")
OBJECTIVES = re.compile(r"^\s*\d+\.\s", re.MULTILINE)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def explorer_shown(cell):
    """The explorer a cell shows (``widgets.explore("<name>")``), or None."""
    match = WIDGET_CALL.match(cell.source.strip()) if cell.cell_type == "code" else None
    return match.group(1) if match else None


def exercise_name(cell):
    """The exercise a cell checks: the name in its last line
    ``check.<name>(<answer>)``, or None."""
    match = CHECK_CALL.match(cell.source.rstrip().split("\n")[-1])
    return match.group(1) if match else None


# ---------------------------------------------------------------------------- the rules
def anatomy_problems(nb):
    """Title, objectives, a labelled equation, nnlib's source, a summary that links
    on, the learners' link."""
    md = [c.source for c in nb.cells if c.cell_type == "markdown"]
    text = "\n".join(md)
    h1 = [line for s in md for line in s.split("\n") if line.startswith("# ")]
    problems = [] if len(h1) == 1 else [f"one H1 title, found {h1}"]
    after_title = next(
        (s for s in md if any(line.startswith("# ") for line in s.split("\n"))), ""
    )
    objectives = len(OBJECTIVES.findall(after_title))
    if not MIN_OBJECTIVES <= objectives <= MAX_OBJECTIVES:
        problems.append(
            f"{MIN_OBJECTIVES} to {MAX_OBJECTIVES} numbered learning objectives under "
            f"the title, found {objectives}"
        )
    if "$$ (eq-" not in text:
        problems.append("no labelled equation ($$ … $$ (eq-name))")
    if "source(" not in "\n".join(c.source for c in code_cells(nb)):
        problems.append("shows no nnlib source (source(nnlib.<name>))")
    if "## Summary" not in text or ".ipynb)" not in text.split("## Summary")[-1]:
        problems.append("no ## Summary with a link onward to a notebook")
    if "learners/" not in text:
        problems.append("no link to its learner notebook (learners/…)")
    return problems


def widget_problems(nb):
    """An explorer, tagged nbval-ignore-output, and no other cell so tagged."""
    problems, widgets = [], 0
    for cell in code_cells(nb):
        shown, ignored = explorer_shown(cell) is not None, WIDGET_TAG in tags(cell)
        if shown != ignored:
            problems.append(
                f"{WIDGET_TAG} belongs on explorer cells only: {cell.source[:60]!r}"
            )
        widgets += shown
    return problems + ([] if widgets else ['no explorer (widgets.explore("<name>"))'])


def setup_problems(nb):
    setup = [c for c in nb.cells if SETUP_TAG in tags(c)]
    return (
        []
        if len(setup) == 1 and setup[0].source == setup_source()
        else ["the setup cell is missing or old"]
    )


def exercise_problems(nb, checkers):
    """The exercise cells and their checkers (``checkers``:
    ``nnlib.check.CHECKERS``)."""
    cells = [c for c in nb.cells if is_exercise(c)]
    problems = (
        []
        if len(cells) >= MIN_EXERCISES
        else [f"{len(cells)} exercises, at least {MIN_EXERCISES}"]
    )
    kinds = set()
    for cell in cells:
        name = exercise_name(cell)
        if name is None:
            last = cell.source.rstrip().split("\n")[-1]
            problems.append(
                f"an exercise cell must end in check.<name>(<answer>), not {last!r}"
            )
            continue
        if EXERCISE_TAG not in tags(cell):
            problems.append(
                f"{name}: the solution must be folded in the book (tag {EXERCISE_TAG})"
            )
        if "# HINT:" in cell.source:
            problems.append(
                f"{name}: level 1 of the hints is the checker's ladder, not # HINT: "
                "lines"
            )
        checker = checkers.get(name)
        if checker is None:
            problems.append(f"{name}: no checker of that name in nnlib/check/")
            continue
        kinds.add(checker.kind)
        problems += ladder_problems(checker)
    if cells and not kinds & set(THINKING):
        problems.append(
            f"no exercise of the kinds {', '.join(THINKING)} (only {sorted(kinds)})"
        )
    return problems


def ladder_problems(checker):
    ladder, name = checker.ladder, checker.name
    if len(ladder) < MIN_LEVELS:
        return [
            f"{name}: a hint ladder of {len(ladder)} level(s), at least {MIN_LEVELS}"
        ]
    problems = (
        []
        if "?" in (ladder[0] or "")
        else [f"{name}: level 1 should ask a question: {ladder[0]!r}"]
    )
    short = [level for level in ladder[1:] if len(level or "") < MIN_LEVEL_CHARS]
    return problems + [
        f"{name}: a level that says little: {level!r}" for level in short
    ]


def source_problems(nb, checkers):
    """Every rule that holds before the notebook runs."""
    return (
        anatomy_problems(nb)
        + widget_problems(nb)
        + setup_problems(nb)
        + exercise_problems(nb, checkers)
    )


def output_problems(nb):
    """The rules of an executed notebook: in order from 1, no error, widget state,
    figures with alt text."""
    cells = code_cells(nb)
    counts = [c.execution_count for c in cells]
    problems = (
        []
        if counts == list(range(1, len(counts) + 1))
        else [f"execution counts {counts}; run make notebooks"]
    )
    for cell in cells:
        if any(
            o.output_type == "error" for o in cell.outputs
        ) and "raises-exception" not in tags(cell):
            problems.append(f"an error in {cell.source[:60]!r}")
    if "widgets" not in nb.metadata:
        problems.append("no saved widget state; execute it with make notebooks")
    figures = 0
    for cell in cells:
        if any(
            "image/png" in o.get("data", {}) for o in cell.outputs
        ) and WIDGET_TAG not in tags(cell):
            figures += 1
            alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
            if len(alt) < MIN_ALT:
                problems.append(
                    f"a figure without meaningful alt text: {cell.source[:60]!r}"
                )
    return problems + ([] if figures else ["no static figure beside its explorer"])
