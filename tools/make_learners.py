"""Write the learners' notebooks: every chapter with its solutions replaced by stubs.

    python tools/make_learners.py          # write learners/*.ipynb (and fold give-aways in chapters/)
    python tools/make_learners.py --check  # exit 1 if learners/ or the folds are not up to date

A chapter's exercise cell holds its solution between ``# BEGIN SOLUTION`` and
``# END SOLUTION``; the learner's copy has a stub in its place (``nbtools.stub_source``:
``raise NotImplementedError("… Hint: …")`` in a function, ``name = ...`` for a value
derived on paper, the planted bug for a find-the-bug exercise).  Besides:

* a cell that shows the source of what an exercise asks for (``source(nnlib.f)`` where a
  checker's ``asks`` holds ``f``) is left out of the learner's notebook, and folded in the
  book (tag ``hide-output``);
* the markdown is rewritten for plain Jupyter (``myst_plain``): equation numbers linked to
  the online book, author–year citations, admonitions as block quotes, folded answers as
  ``<details>``;
* outputs, execution counts and saved widget state are cleared, the folded solutions are
  unfolded, and a last cell prints the learner's progress (``check.progress``).
"""
from __future__ import annotations

import copy
import re
import sys

import nbformat

import nnlib
from myst_plain import Plain, citations, equation_numbers, glued
from nbtools import LEARNERS, ROOT, chapter_paths, ensure_setup_cell, is_exercise, stub_source
from nnlib import check

FOLDING_TAGS = {"hide-input", "hide-cell", "hide-output"}
CALL = re.compile(r"^check\.(\w+)\(", re.MULTILINE)
SOURCE = re.compile(r"source\((nnlib(?:\.\w+)+)\)")


def exercise_names(nb):
    """The exercises of a chapter, in order: the checkers its exercise cells call."""
    names = []
    for cell in nb.cells:
        if is_exercise(cell):
            names += [n for n in CALL.findall(cell.source) if n in check.CHECKERS and n not in names]
    return names


def resolve(dotted):
    obj = nnlib
    for part in dotted.split(".")[1:]:
        obj = getattr(obj, part)
    return obj


def gives_away(cell, asked):
    """True when a code cell shows the source of something an exercise of the chapter asks for."""
    if cell.cell_type != "code":
        return False
    return any(resolve(dotted) in asked for dotted in SOURCE.findall(cell.source))


def asked_objects(names):
    return {obj for name in names for obj in check.CHECKERS[name].asks}


def fold_give_aways(nb):
    """Fold, in the book, the cells that show what an exercise asks for; True if anything changed."""
    asked, changed = asked_objects(exercise_names(nb)), False
    for cell in nb.cells:
        if gives_away(cell, asked) and "hide-output" not in cell.metadata.get("tags", []):
            cell.metadata["tags"] = [*cell.metadata.get("tags", []), "hide-output"]
            changed = True
    return changed


def progress_cells(names):
    head = nbformat.v4.new_markdown_cell("## Your progress\n\nRun this cell to see which exercises of this "
                                         "chapter pass, fail (and why) or are not tried yet.")
    return [head, nbformat.v4.new_code_cell(f"check.progress({names!r})")]


def learner_notebook(nb, name, numbers=None, cites=None):
    names = exercise_names(nb)
    asked = asked_objects(names)
    plain = Plain(f"chapters/{name.removesuffix('.ipynb')}", glue=glued(nb), numbers=numbers, cites=cites)
    out = copy.deepcopy(nb)
    ensure_setup_cell(out)
    cells = []
    for k, cell in enumerate(out.cells):
        if gives_away(cell, asked):
            continue
        if cell.cell_type == "markdown":
            cell.source = plain(cell.source)
        if cell.cell_type == "code":
            if is_exercise(cell):
                cell.source = stub_source(cell.source, f"{name}, cell {k}")
                tags = [t for t in cell.metadata.get("tags", []) if t not in FOLDING_TAGS]
                cell.metadata["tags"] = tags
                if not tags:
                    del cell.metadata["tags"]
            cell.source = plain.code(cell.source)
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
        cells.append(cell)
    out.cells = cells + progress_cells(names)
    for k, cell in enumerate(out.cells):
        cell["id"] = f"cell-{k}"  # the same notebook always gets the same ids
    out.metadata.pop("widgets", None)
    out.metadata["nnlib_learner"] = {"generated_from": f"chapters/{name}", "by": "tools/make_learners.py"}
    return out


def main(argv):
    check_only = "--check" in argv
    LEARNERS.mkdir(exist_ok=True)
    stale = []
    numbers, cites = equation_numbers(), citations()
    for path in chapter_paths():
        nb = nbformat.read(path, as_version=4)
        if fold_give_aways(nb):
            if check_only:
                stale.append(f"chapters/{path.name} (a give-away is not folded)")
            else:
                nbformat.write(nb, path)
                print(f"folded give-aways in {path.relative_to(ROOT)}")
        text = nbformat.writes(learner_notebook(nb, path.name, numbers, cites)) + "\n"
        target = LEARNERS / path.name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            if check_only:
                stale.append(f"learners/{target.name}")
            else:
                target.write_text(text, encoding="utf-8")
                print(f"wrote {target.relative_to(ROOT)}")
    if check_only and stale:
        print("out of date: " + ", ".join(stale) + "; run `make learners`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
