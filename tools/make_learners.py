"""Write the learners' notebooks: every chapter with its solutions replaced by stubs.

    python tools/make_learners.py          # write learners/, nnlib/data/equations.json
                                             (and fold give-aways)
    python tools/make_learners.py --check  # exit 1 if any of them is not up to date

A chapter's exercise cell holds its solution between ``# BEGIN SOLUTION`` and
``# END SOLUTION``; the learner's copy has a stub in its place (``nbtools.stub_source``:
``raise NotImplementedError("… Hint: …")`` in a function, ``name = ...`` for a value
derived on paper, the planted bug for a find-the-bug exercise).  The stub's hint is the
first level of the exercise's hint ladder, declared on its checker (``Checker.ladder``).
Besides:

* a cell that shows the source of what any exercise of the book asks for
  (``source(nnlib.f)`` where a checker's ``asks`` holds ``f``) is left out of the
  learner's notebook, with a note in its place that says why, and folded in the book
  (tag ``hide-output``);
* the markdown is rewritten for plain Jupyter (``myst_plain``): equation numbers linked
  to the online book, author–year citations, admonitions as block quotes, folded answers
  as ``<details>``, links to pages that are not chapters sent to the online book; the
  line that points to the learner notebook itself is dropped;
* every equation the notebook refers to that stands in another chapter (in its text, its
  code and its checkers' messages and hints) is shown, with its number, in a cell of its
  own near the top, generated from the chapters;
* outputs, execution counts and saved widget state are cleared, the folded solutions are
  unfolded, and a last cell prints the learner's progress (``check.progress``).

It also writes ``learners/notation.ipynb``, the notation of the introduction, and
``nnlib/data/equations.json``, the book's equation numbers, from which the checkers'
messages and hints name equations as the book does.
"""

from __future__ import annotations

import copy
import json
import re
import sys

import nbformat

import nnlib
from myst_plain import (
    Plain,
    citations,
    equation_numbers,
    equation_sources,
    glued,
    page_titles,
)
from nbtools import (
    LEARNERS,
    ROOT,
    chapter_paths,
    ensure_setup_cell,
    is_exercise,
    stub_source,
)
from nnlib import check
from nnlib.check._messages import EQUATIONS_FILE, LABEL, label_of

FOLDING_TAGS = {"hide-input", "hide-cell", "hide-output"}
CALL = re.compile(r"^check\.(\w+)\(", re.MULTILINE)
SOURCE = re.compile(r"source\((nnlib(?:\.\w+)+)\)")
ROLE_EQ = re.compile(r"\{eq\}`(eq-[\w-]+)`")
NOTATION = LEARNERS / "notation.ipynb"
INTRO = ROOT / "chapters" / "intro.md"


def exercise_names(nb):
    """The exercises of a chapter, in order: the checkers its exercise cells call."""
    names = []
    for cell in nb.cells:
        if is_exercise(cell):
            names += [
                n
                for n in CALL.findall(cell.source)
                if n in check.CHECKERS and n not in names
            ]
    return names


def exercise_checker(cell):
    """The checker an exercise cell calls (its last ``check.name(...)``), or None."""
    names = [n for n in CALL.findall(cell.source) if n in check.CHECKERS]
    return check.CHECKERS[names[-1]] if names else None


def resolve(dotted):
    obj = nnlib
    for part in dotted.split(".")[1:]:
        obj = getattr(obj, part)
    return obj


def gives_away(cell, asked):
    """True when a code cell shows the source of something an exercise asks for."""
    if cell.cell_type != "code":
        return False
    return any(resolve(dotted) in asked for dotted in SOURCE.findall(cell.source))


def asked_objects(names=None):
    """What the exercises ``names`` ask for (by default every exercise of the book):
    their checkers' ``asks``."""
    names = check.CHECKERS if names is None else names
    return {obj for name in names for obj in check.CHECKERS[name].asks}


def exercise_numbers(paths=None):
    """{exercise name: "9.2"}: chapter number and place among the chapter's
    exercises."""
    numbers = {}
    for path in paths or chapter_paths():
        chapter = int(path.name[:2])
        for k, name in enumerate(exercise_names(nbformat.read(path, as_version=4)), 1):
            numbers[name] = f"{chapter}.{k}"
    return numbers


def fold_give_aways(nb):
    """Fold, in the book, the cells that show what an exercise asks for; True if
    anything changed."""
    asked, changed = asked_objects(), False
    for cell in nb.cells:
        if gives_away(cell, asked) and "hide-output" not in cell.metadata.get(
            "tags", []
        ):
            cell.metadata["tags"] = [*cell.metadata.get("tags", []), "hide-output"]
            changed = True
    return changed


def _joined(words):
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def left_out_note(dotted, numbers):
    """The note that stands where the learner's notebook leaves out sources that
    answer exercises."""
    objs = [resolve(d) for d in dotted]
    exercises = sorted(
        {
            numbers[name]
            for name, c in check.CHECKERS.items()
            if name in numbers
            for obj in objs
            if obj in c.asks
        },
        key=lambda n: tuple(map(int, n.split("."))),
    )
    shown = _joined([f"`{d}`" for d in dotted])
    which = _joined(exercises)
    return nbformat.v4.new_markdown_cell(
        f"> *Left out of this notebook:* the source of {shown}, which the book shows "
        f"here (folded). It is the answer to exercise{'s' * (len(exercises) > 1)} "
        f"{which}; once yours passes, `source({dotted[0]})` shows nnlib's own."
    )


def checker_texts(names):
    """Everything the checkers of ``names`` can say: their hint ladders, mistakes and
    hints."""
    for name in names:
        checker = check.CHECKERS[name]
        yield from (level for level in checker.ladder if level)
        yield from (m.message for m in checker.mistakes)
        yield from (h.message for h in checker.hints)


def referred_labels(nb, names):
    """The equation labels a learner's notebook refers to, in order of first mention."""
    found = []
    texts = [c.source for c in nb.cells] + list(checker_texts(names))
    for text in texts:
        found += ROLE_EQ.findall(text)
        found += [label_of(m) for m in LABEL.finditer(text)]
    return list(dict.fromkeys(found))


def equations_cell(nb, names, page, ctx):
    """A markdown cell showing every equation of another chapter that this notebook
    refers to, or None."""
    numbers, sources, titles = ctx["numbers"], ctx["sources"], ctx["titles"]
    labels = [
        lab
        for lab in referred_labels(nb, names)
        if lab in numbers and numbers[lab][1] != page
    ]
    if not labels:
        return None
    labels.sort(key=lambda lab: numbers[lab][0])
    plain = ctx["plain"](page)
    lines = [
        "## Equations from other chapters",
        "",
        "The equations of other chapters that this notebook, its hints and its "
        "checkers refer to, with their numbers in the book (this chapter's own are in "
        "its text). A number in the text also links to the equation in the online "
        "book.",
        "",
    ]
    for label in labels:
        number, where = numbers[label]
        chapter = (
            f"[{titles[where]}]({where.split('/')[-1]}.ipynb)"
            if re.match(r"\d\d_", where.split("/")[-1])
            else titles[where]
        )
        lines += [
            f"**({number})** from {chapter}:",
            "",
            "$$",
            sources[label],
            f"\\tag{{{number}}}",
            "$$",
            "",
        ]
    return nbformat.v4.new_markdown_cell(plain("\n".join(lines).rstrip()))


def progress_cells(names):
    head = nbformat.v4.new_markdown_cell(
        "## Your progress\n\nRun this cell to see which exercises of this "
        "chapter pass, fail (and why) or are not tried yet."
    )
    return [head, nbformat.v4.new_code_cell(f"check.progress({names!r})")]


def without_self_link(text, name):
    """The markdown without the line that points to this chapter's own learner
    notebook."""
    return re.sub(
        rf"\n*[^\n]*\{{download\}}`[^`]*<\.\./learners/{re.escape(name)}>`[^\n]*",
        "",
        text,
    )


def first_level(checker, plain):
    """The first rung of a checker's hint ladder, as the learner's stub shows it."""
    level = checker.ladder[0] if checker and checker.ladder else None
    return plain.code(level) if level else None


def learner_notebook(nb, name, ctx):
    names = exercise_names(nb)
    page = f"chapters/{name.removesuffix('.ipynb')}"
    plain = ctx["plain"](page, glue=glued(nb))
    out = copy.deepcopy(nb)
    ensure_setup_cell(out)
    cells, removed = [], []
    for k, cell in enumerate(out.cells):
        if gives_away(cell, ctx["asked"]):
            removed += SOURCE.findall(cell.source)
            continue
        if removed:
            cells.append(left_out_note(list(dict.fromkeys(removed)), ctx["exercises"]))
            removed = []
        if cell.cell_type == "markdown":
            cell.source = plain(without_self_link(cell.source, name))
        if cell.cell_type == "code":
            if is_exercise(cell):
                cell.source = stub_source(
                    cell.source,
                    f"{name}, cell {k}",
                    first_level(exercise_checker(cell), plain),
                )
                tags = [
                    t for t in cell.metadata.get("tags", []) if t not in FOLDING_TAGS
                ]
                cell.metadata["tags"] = tags
                if not tags:
                    del cell.metadata["tags"]
            cell.source = plain.code(cell.source)
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
        cells.append(cell)
    equations = equations_cell(nb, names, page, ctx)
    if equations is not None:
        cells.insert(1, equations)  # after the title and the learning objectives
    out.cells = cells + progress_cells(names)
    for k, cell in enumerate(out.cells):
        cell["id"] = f"cell-{k}"  # the same notebook always gets the same ids
    out.metadata.pop("widgets", None)
    out.metadata["nnlib_learner"] = {
        "generated_from": f"chapters/{name}",
        "by": "tools/make_learners.py",
    }
    return out


def notation_notebook(ctx):
    """``learners/notation.ipynb``: the notation section of the introduction, for
    plain Jupyter."""
    text = INTRO.read_text(encoding="utf-8")
    section = re.search(r"^## Notation\n(.*?)(?=^## )", text, re.S | re.M)
    if section is None:
        raise SystemExit(
            "chapters/intro.md has no '## Notation' section to copy for the learners"
        )
    plain = ctx["plain"]("chapters/intro")
    head = (
        "# Notation\n\nThe symbols, code names and shapes every chapter uses: the "
        "notation section of the book's "
        f"[introduction]({plain.link('chapters/intro', 'notation')}), copied here so "
        "that it is at hand beside the exercises.\n\n"
    )
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(head + plain(section.group(1).strip()))]
    nb.cells[0]["id"] = "cell-0"
    nb.metadata["nnlib_learner"] = {
        "generated_from": "chapters/intro.md",
        "by": "tools/make_learners.py",
    }
    return nb


def equations_json(numbers):
    """``nnlib/data/equations.json``: each label's number and page, for the checkers'
    messages."""
    table = {
        label: {"number": number, "page": page}
        for label, (number, page) in numbers.items()
    }
    return json.dumps(table, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def context():
    numbers, cites = equation_numbers(), citations()
    return {
        "numbers": numbers,
        "sources": equation_sources(),
        "titles": page_titles(),
        "plain": lambda page, glue=None: Plain(
            page, glue=glue, numbers=numbers, cites=cites
        ),
        "asked": asked_objects(),
        "exercises": exercise_numbers(),
    }


def main(argv):
    check_only = "--check" in argv
    LEARNERS.mkdir(exist_ok=True)
    stale = []
    ctx = context()

    def put(target, text):
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            if check_only:
                stale.append(str(target.relative_to(ROOT)))
            else:
                target.write_text(text, encoding="utf-8")
                print(f"wrote {target.relative_to(ROOT)}")

    put(EQUATIONS_FILE, equations_json(ctx["numbers"]))
    for path in chapter_paths():
        nb = nbformat.read(path, as_version=4)
        if fold_give_aways(nb):
            if check_only:
                stale.append(f"chapters/{path.name} (a give-away is not folded)")
            else:
                nbformat.write(nb, path)
                print(f"folded give-aways in {path.relative_to(ROOT)}")
        put(
            LEARNERS / path.name,
            nbformat.writes(learner_notebook(nb, path.name, ctx)) + "\n",
        )
    put(NOTATION, nbformat.writes(notation_notebook(ctx)) + "\n")
    if check_only and stale:
        print(
            "out of date: " + ", ".join(stale) + "; run `make learners`",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
