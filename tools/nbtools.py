"""Shared helpers of the authoring tools: the chapter list, the book build, the setup
cell, solution blocks.

The chapter list is read from ``_toc.yml`` and the book-build command is written here:
the Makefile, the tests and the benchmarks all take them from this module.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
LEARNERS = ROOT / "learners"

BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"
BUGGY = re.compile(
    r"^\s*# BUGGY: ?(.*)$"
)  # a find-the-bug exercise: the line with the planted bug
SETUP_TAG = "nnlib-setup"


def toc_files(root=ROOT):
    """Every page of the table of contents, in order, as paths relative to the book
    (no suffix)."""
    toc = yaml.safe_load((Path(root) / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [
        c["file"] for part in toc.get("parts", []) for c in part["chapters"]
    ]


def chapter_paths(root=ROOT):
    """The chapter notebooks (chapters/NN_*.ipynb), in the order of ``_toc.yml``."""
    paths = [Path(root) / f"{f}.ipynb" for f in toc_files(root)]
    return [p for p in paths if re.match(r"\d\d_", p.name) and p.exists()]


def page_path(page, root=ROOT):
    """The file of a page of the table of contents (``page`` as ``toc_files`` gives
    it): its notebook or its markdown, or None if neither exists yet."""
    return next(
        (
            p
            for p in (Path(root) / f"{page}.ipynb", Path(root) / f"{page}.md")
            if p.exists()
        ),
        None,
    )


def book_config(root=ROOT):
    """The book's settings, ``_config.yml``."""
    return yaml.safe_load((Path(root) / "_config.yml").read_text(encoding="utf-8"))


#: Every BLAS library's thread count, set to one for the kernels that execute the
#: chapters.  On a busy 2-core machine OpenBLAS's threads wait on each other: chapter 13
#: took 7-10 s with one thread and 17-52 s with the default.  Numbers are the same
#: either way (rounded in the text).
ONE_BLAS_THREAD = {
    name: "1"
    for name in (
        "OPENBLAS_NUM_THREADS",
        "OMP_NUM_THREADS",
        "MKL_NUM_THREADS",
        "VECLIB_MAXIMUM_THREADS",
        "NUMEXPR_NUM_THREADS",
    )
}


def one_blas_thread():
    """Make the kernels this process starts (notebooks, the book build) use one BLAS
    thread each.

    Affects child processes only: a numpy already loaded here keeps its threads.  A
    variable the user set is left as it is.
    """
    for name, value in ONE_BLAS_THREAD.items():
        os.environ.setdefault(name, value)


def book_command(python=sys.executable):
    """The command that builds the book: every warning an error, every problem
    reported."""
    return [
        str(Path(python).parent / "jupyter-book"),
        "build",
        "-W",
        "-n",
        "--keep-going",
        ".",
    ]


def repository_url():
    """The repository named once in _config.yml (repository: url:)."""
    url = (book_config().get("repository") or {}).get("url")
    if not url:
        raise SystemExit("_config.yml has no repository: url: setting")
    return url


def setup_source():
    """The first cell of every notebook: installs nnlib where it is missing (Colab,
    Binder)."""
    return (
        "# Setup: install nnlib, the course's library, if this Python does not have "
        f"""it yet
# (on Colab, for instance). Elsewhere this cell does nothing.
import importlib.util
import os
import subprocess
import sys

if importlib.util.find_spec("nnlib") is None:
    source = os.environ.get("NNLIB_SOURCE", "git+{repository_url()}")
    print(f"Installing nnlib from {{source}} ...")
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", """
        """f"nnlib[notebooks] @ {source}"])
    importlib.invalidate_caches()"""
    )


def setup_cell():
    cell = nbformat.v4.new_code_cell(setup_source())
    cell.metadata["tags"] = [SETUP_TAG, "remove-cell"]
    return cell


def ensure_setup_cell(nb):
    """Make the notebook's first code cell the current setup cell; True if it
    changed."""
    for i, cell in enumerate(nb.cells):
        if SETUP_TAG in cell.get("metadata", {}).get("tags", []):
            if cell.source == setup_source():
                return False
            nb.cells[i] = setup_cell()
            return True
    first_code = next(
        (i for i, c in enumerate(nb.cells) if c.cell_type == "code"), len(nb.cells)
    )
    nb.cells.insert(first_code, setup_cell())
    return True


def _stub(block, indent, where, hint=None):
    """The learner's version of one solution block (its lines without the markers);
    ``hint`` is the first level of the exercise's hint ladder."""
    buggy = [BUGGY.match(line) for line in block]
    if any(
        buggy
    ):  # find the bug: the learner gets the code with the bug planted back in
        return [f"{indent}{m.group(1)}" for m in buggy if m]
    if (
        not indent
    ):  # an answer entered as a value: `name = ...` for each name the block assigns
        names = [
            m.group(1)
            for m in (re.match(r"^(\w+)\s*=(?!=)", line) for line in block)
            if m
        ]
        if not names:
            raise ValueError(
                f"{where}: a top-level solution block must assign the answer (name = "
                "...)"
            )
        comment = f"  # your answer. Hint: {hint}" if hint else "  # your answer"
        return [f"{name} = ...{comment}" for name in dict.fromkeys(names)]
    message = "Your code here." + (f" Hint: {hint}" if hint else "")
    return [
        f"{indent}# YOUR CODE HERE: replace the next line with your solution.",
        f"{indent}raise NotImplementedError({message!r})",
    ]


def stub_source(source, where, hint=None):
    """Replace each solution block in ``source`` by what the learner starts from.

    Inside a function: ``raise NotImplementedError("Your code here. Hint: …")``.  At the
    top level (an answer derived on paper): ``name = ...`` for each name the block
    assigns.  A block with ``# BUGGY:`` lines (a find-the-bug exercise): those lines,
    the code with its planted bug.  ``hint`` is the stub's hint: the first level of the
    checker's ladder.
    """
    lines = source.split("\n")
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == BEGIN:
            indent = line[: len(line) - len(line.lstrip())]
            j = i + 1
            while j < len(lines) and lines[j].strip() != END:
                j += 1
            if j == len(lines):
                raise ValueError(f"{where}: '{BEGIN}' without '{END}'")
            out += _stub(lines[i + 1 : j], indent, where, hint)
            i = j + 1
            continue
        if line.strip() == END:
            raise ValueError(f"{where}: '{END}' without '{BEGIN}'")
        out.append(line)
        i += 1
    return "\n".join(out)


def solution_lines(source):
    """The code lines inside the solution blocks of ``source`` (no comments, no
    blanks)."""
    out, inside = [], False
    for line in source.split("\n"):
        if line.strip() == BEGIN:
            inside = True
        elif line.strip() == END:
            inside = False
        elif inside and line.strip() and not line.strip().startswith("#"):
            out.append(line.strip())
    return out


def is_exercise(cell):
    return cell.cell_type == "code" and BEGIN in cell.source
