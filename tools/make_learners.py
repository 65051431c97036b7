"""Write the learners' notebooks: every chapter with its solutions replaced by stubs.

    python tools/make_learners.py          # write learners/*.ipynb
    python tools/make_learners.py --check  # exit 1 if learners/ is not up to date

A solution stands between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` in a chapter's
code cell; the learner's copy has ``raise NotImplementedError("Your code here. Hint: …")``
in its place (the hint from a ``# HINT:`` line inside the block).  Outputs, execution
counts and saved widget state are cleared; the folded solutions are unfolded.
"""

from __future__ import annotations

import copy
import sys

import nbformat

from nbtools import LEARNERS, chapter_paths, ensure_setup_cell, is_exercise, stub_source

FOLDING_TAGS = {"hide-input", "hide-cell", "hide-output"}


def learner_notebook(nb, name):
    nb = copy.deepcopy(nb)
    ensure_setup_cell(nb)
    for k, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if is_exercise(cell):
            cell.source = stub_source(cell.source, f"{name}, cell {k}")
            tags = [t for t in cell.metadata.get("tags", []) if t not in FOLDING_TAGS]
            cell.metadata["tags"] = tags
            if not tags:
                del cell.metadata["tags"]
        cell.outputs = []
        cell.execution_count = None
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["nnlib_learner"] = {"generated_from": f"chapters/{name}", "by": "tools/make_learners.py"}
    return nb


def main(argv):
    check = "--check" in argv
    LEARNERS.mkdir(exist_ok=True)
    stale = []
    for path in chapter_paths():
        nb = nbformat.read(path, as_version=4)
        text = nbformat.writes(learner_notebook(nb, path.name)) + "\n"
        target = LEARNERS / path.name
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
            continue
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(LEARNERS.parent)}")
    if check and stale:
        print("learners/ is out of date for: " + ", ".join(stale) + "; run `make learners`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
