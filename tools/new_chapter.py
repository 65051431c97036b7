"""Start a new chapter: ``make chapter N=15 NAME=dropout`` (or
``python tools/new_chapter.py 15 dropout``).

Writes the skeleton of every place a chapter has, each a small working stand-in for the
chapter's own content (the formula y = c·z), so that the course builds and its tests
pass from the first minute, and each place shows the pattern to follow:

- ``chapters/NN_name.ipynb``: the notebook, following ``tools/chapter_rules.py``: title
  and objectives, a labelled equation, nnlib's source, the explorer and a static figure
  with alt text, two exercises (a formula and a value derived on paper), a summary;
- ``_toc.yml``: its entry (after chapter N − 1, or in a new part: ``--caption``);
- ``nnlib/<core>.py``: the formula and its derivative, at the end (``--core``);
- ``nnlib/__init__.py``: their export, and a ``# chapter N`` line in ``__all__``;
- ``nnlib/experiments/name.py``: the numbers behind the figure (numpy only);
- ``nnlib/plots/name.py``: the figure's panel;
- ``nnlib/explorers/name.py``: the explorer's declaration (found by the package: no
  list);
- ``nnlib/check/chNN_name.py``: the two exercises' checkers (found by the package: no
  list);
- ``tests/core/test_chNN_name.py``: a test of the formula against finite differences.

Then: write the chapter over the stand-ins, run
``python tools/execute_notebooks.py chapters/NN_name.ipynb`` and ``make learners``, and
``make test``.  The scaffold refuses to overwrite anything: a chapter number, a name, a
checker or an explorer already taken is an error, and nothing is written.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import nbformat

from nbtools import ROOT, chapter_paths, setup_cell

NAME = re.compile(r"[a-z][a-z0-9_]*")
CORE_MODULES = ("activations", "losses", "forward", "backprop", "gradcheck", "training")


def _fill(text, **values):
    """``text`` with each ``@KEY@`` replaced by ``values[key]`` (templates hold
    braces and dollars)."""
    for key, value in values.items():
        text = text.replace(f"@{key.upper()}@", str(value))
    leftover = re.findall(r"@[A-Z]+@", text)
    if leftover:
        raise ValueError(f"template keys without a value: {leftover}")
    return text


# ------------------------------------------------------------------------- the notebook
INTRO = """# @TITLE@

TODO: what this chapter computes, and why a reader needs it after
[the previous chapter](@PREV@.ipynb). The formula below, y = c z, is the scaffold's
stand-in (`tools/new_chapter.py`): replace it, its code in `nnlib/@CORE@.py`, its
figure, explorer and checkers with the chapter's own.

**After this chapter you can**

1. TODO: compute the chapter's formula for one example and for a batch;
2. TODO: explain what its explorer shows."""

FORMULA = """## The formula

For a number $c$, each entry of $z$ is scaled by it:

$$
y = c\\,z
$$ (eq-@NAME@)

`nnlib.@NAME@` computes {eq}`eq-@NAME@` for an array of any shape:"""

EXPLORE = """## Explore: the effect of $c$

Move $c$ and watch the line $y = c\\,z$ turn about the origin: the larger $c$, the
steeper it is. TODO: the chapter's questions on its explorer."""

STATIC = """Without a kernel: the line for two values of $c$."""

EXERCISES = """## Exercises

Each exercise cell checks your answer when you run it; `check.hint("<name>")`
prints its hints one level at a time (it says how many; only the last shows code).

**Exercise @N@.1 — the slope.** Write `@NAME@_prime(z, c)`, the derivative
$\\mathrm{d}y/\\mathrm{d}z$ of {eq}`eq-@NAME@` for every entry of `z`, as an array
of the shape of `z`. Stuck? Run `check.hint("@NAME@_prime")`."""

EXERCISE_1 = """def @NAME@_prime(z, c):
    # BEGIN SOLUTION
    return c * np.ones_like(z)
    # END SOLUTION


check.@NAME@_prime(@NAME@_prime)"""

EXERCISE_2_TEXT = """**Exercise @N@.2 — a value by hand (derive).** Evaluate
{eq}`eq-@NAME@` on paper at $z = 2$ with $c = 3$, and enter $y$ as a number. Stuck? Run
`check.hint("@NAME@_value")`."""

EXERCISE_2 = """# BEGIN SOLUTION
@NAME@_value = 6.0
# END SOLUTION
check.@NAME@_value(@NAME@_value)"""

SUMMARY = """## Summary

- {eq}`eq-@NAME@`: TODO, the chapter's formula in one line.
- TODO: what the explorer showed.

**Previous: [the previous chapter](@PREV@.ipynb)**

*Exercises to run yourself:*
{download}`the learner notebook of this chapter <../learners/@STEM@.ipynb>`."""

IMPORTS = """import numpy as np

import nnlib
from nnlib import check, plots, widgets
from nnlib.display import source

np.set_printoptions(precision=4, suppress=True)"""

FIGURE = """from nnlib.plots.@NAME@ import @CLS@Panel

fig = plots.small_multiples(@CLS@Panel, [dict(c=0.5), dict(c=2.0)])
fig"""

FIGURE_ALT = (
    "Two panels, each a straight line y = c z through the origin for z from -2 to 2: "
    "on the left c = 0.5, a shallow line; on the right c = 2, a steep one."
)


def notebook(v):
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell

    def tagged(cell, *tags):
        cell.metadata["tags"] = list(tags)
        return cell

    figure = code(_fill(FIGURE, **v))
    figure.metadata["mystnb"] = {"image": {"alt": FIGURE_ALT}}
    cells = [
        md(_fill(INTRO, **v)),
        setup_cell(),
        code(IMPORTS),
        md(_fill(FORMULA, **v)),
        code(f"source(nnlib.{v['name']})"),
        code(f"z = np.linspace(-2.0, 2.0, 5)\nprint(nnlib.{v['name']}(z, c=2.0))"),
        md(EXPLORE),
        tagged(code(f'widgets.explore("{v["name"]}")'), "nbval-ignore-output"),
        md(STATIC),
        figure,
        md(_fill(EXERCISES, **v)),
        tagged(code(_fill(EXERCISE_1, **v)), "hide-input"),
        md(_fill(EXERCISE_2_TEXT, **v)),
        tagged(code(_fill(EXERCISE_2, **v)), "hide-input"),
        md(_fill(SUMMARY, **v)),
    ]
    template = nbformat.read(
        chapter_paths(v["root"])[0], as_version=4
    )  # the kernel and language of the others
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        k: template.metadata[k]
        for k in ("kernelspec", "language_info")
        if k in template.metadata
    }
    return nb


# ----------------------------------------------------------------------- nnlib's pieces
CORE_STUB = '''

# ---------------------------------------------------------------------- chapter @N@
def @NAME@(z, c=1.0):
    """y = c z for every entry of z (eq. `eq-@NAME@`).

    The scaffold's stand-in for chapter @N@'s formula (``tools/new_chapter.py``).

    Parameters
    ----------
    z : ndarray
        Any shape.
    c : float
        The factor.

    Returns
    -------
    ndarray
        c z, of the shape of z.
    """
    return c * z


def @NAME@_prime(z, c=1.0):
    """dy/dz of :func:`@NAME@`: c for every entry of z (eq. `eq-@NAME@`).

    Parameters
    ----------
    z : ndarray
        Any shape.
    c : float
        The factor.

    Returns
    -------
    ndarray
        c, in the shape of z.
    """
    return c * np.ones_like(z, dtype=np.float64)
'''

EXPERIMENTS = '''"""The numbers behind chapter @N@'s figure (@TITLE@):
numpy only, testable without a screen."""
from __future__ import annotations

import functools

import numpy as np

from .. import @NAME@

#: The z the figure draws.
@UPPER@_Z = np.linspace(-2.0, 2.0, 81)


@functools.cache
def @NAME@_curve(c):
    """The line of eq. `eq-@NAME@` for one c, on ``@UPPER@_Z`` (cached: an
    explorer's move looks it up).

    Parameters
    ----------
    c : float
        The factor.

    Returns
    -------
    dict
        ``z`` and ``y``, arrays of the same length.
    """
    return {"z": @UPPER@_Z, "y": @NAME@(@UPPER@_Z, c)}
'''

PLOTS = '''"""The figure of chapter @N@, @TITLE@: the line y = c z."""
from __future__ import annotations

from ..experiments.@NAME@ import @NAME@_curve
from .style import COLORS


class @CLS@Panel:
    """The line y = c z of eq. `eq-@NAME@`, for one c (chapter @N@).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    """

    def __init__(self, ax):
        self.ax = ax
        (self.line,) = ax.plot([], [], color=COLORS["blue"], lw=2, label="y = c z")
        ax.axhline(0.0, color=COLORS["grey"], lw=0.8)
        ax.set_xlim(-2.0, 2.0)
        ax.set_ylim(-6.5, 6.5)
        ax.set_xlabel("z")
        ax.set_ylabel("y")

    def update(self, c=1.0):
        """Draw the line for ``c``.

        Parameters
        ----------
        c : float
            The factor.

        Returns
        -------
        @CLS@Panel
            The panel itself.
        """
        curve = @NAME@_curve(c)
        self.line.set_data(curve["z"], curve["y"])
        self.ax.set_title(f"c = {c:g}")
        return self
'''

EXPLORER = '''"""The explorer of chapter @N@, @TITLE@."""
from __future__ import annotations

from .. import plots
from ..plots.@NAME@ import @CLS@Panel
from ._controls import Slider
from .base import every, explorer, one_panel


@explorer("@NAME@", "@STEM@")
def @NAME@():
    """Chapter @N@: move c; see the line y = c z turn about the origin."""
    fig, panel = one_panel(@CLS@Panel, 3.2, plots.PAGE_WIDTH)
    controls = {"c": Slider("c", 0.5, 3.0, 0.5, 1.0)}
    return dict(
        summary="The line y = c z for z from -2 to 2, steeper as c grows.",
        controls=controls, fig=fig, update=panel.update,
        book=[every(controls, "c")],
        why="Every state: the slider's six values of c.",
        mentioned=[dict(c=1.0), dict(c=2.0)],
    )
'''

CHECKERS = '''"""Chapter @N@ (@TITLE@): its exercises' checkers, found by
nnlib.check where they are declared."""
from __future__ import annotations

import numpy as np

import nnlib

from .answer import Answer
from .engine import Checker, Mistake


def _slope_cases(rng):
    return [
        ("z of shape (5,), c = 2", (np.linspace(-2.0, 2.0, 5), 2.0)),
        ("z of shape (3, 4), c = -0.5", (rng.normal(size=(3, 4)), -0.5)),
    ]


@NAME@_prime = Checker(
    "@NAME@_prime", nnlib.@NAME@_prime, _slope_cases,
    ladder=[
        "By how much does y change when one entry of z grows by a small step, and "
        "does that depend on z?",
        "y = c z is a straight line in each entry: its slope is c wherever z is, so "
        "the answer is an array "
        "of the shape of z with c in every entry.",
        "An array of c in the shape of z: `return c * np.ones_like(z)`.",
    ],
    mistakes=[
        Mistake("you returned y = c z, the function itself; its slope dy/dz is c "
                "for every entry of z",
                lambda z, c: c * z),
        Mistake("you returned 1 for every entry; the slope of c z is c, not 1",
                lambda z, c: np.ones_like(z)),
        Mistake("you returned 0 for every entry; the slope of c z is the factor c, "
                "which does not vanish",
                lambda z, c: np.zeros_like(z)),
        Mistake("your slope has the wrong sign: y = c z rises with z when c > 0",
                lambda z, c: -c * np.ones_like(z)),
    ],
)

@NAME@_value = Answer(
    "@NAME@_value", lambda: float(nnlib.@NAME@(np.array(2.0), c=3.0)),
    ladder=[
        "Which two numbers does the equation multiply, for z = 2 and c = 3?",
        "Put z = 2 and c = 3 into y = c z: the result is their product, a single "
        "number.",
        "The product of c = 3 and z = 2: `@NAME@_value = 3 * 2`.",
    ],
    mistakes=[
        Mistake("you left out c: y = c z, with c = 3", lambda: 2.0),
        Mistake("you left out z: y = c z, with z = 2", lambda: 3.0),
        Mistake("you added c and z; y = c z multiplies them", lambda: 5.0),
    ],
)
'''

TEST = '''"""Chapter @N@'s formula (nnlib.@NAME@) and its figure's numbers: checked
against finite differences."""

from __future__ import annotations

import numpy as np

import nnlib
from nnlib.experiments.@NAME@ import @NAME@_curve


def test_the_derivative_is_the_slope_of_the_formula():
    z, c, eps = np.random.default_rng(@N@).normal(size=(3, 4)), -1.7, 1e-6
    centred = (nnlib.@NAME@(z + eps, c) - nnlib.@NAME@(z - eps, c)) / (2 * eps)
    assert np.allclose(nnlib.@NAME@_prime(z, c), centred, rtol=1e-6, atol=1e-8)


def test_the_figure_draws_the_formula():
    curve = @NAME@_curve(2.0)
    assert curve["z"].shape == curve["y"].shape
    assert np.allclose(curve["y"], 2.0 * curve["z"])
'''


# -------------------------------------------------------------- edits of existing files
def add_to_toc(text, stem, previous, caption=None):
    """``_toc.yml`` with ``chapters/<stem>`` after ``previous``'s entry, or in a new
    part before the Reference."""
    if caption:
        at = text.index("  - caption: Reference")
        return (
            text[:at]
            + f"  - caption: {caption}\n    chapters:\n      - file: chapters/{stem}\n"
            + text[at:]
        )
    line = f"      - file: chapters/{previous}\n"
    if line not in text:
        raise SystemExit(
            f"_toc.yml has no entry {line.strip()!r} to put the chapter after; give "
            "--caption"
        )
    return text.replace(line, line + f"      - file: chapters/{stem}\n")


def add_to_init(text, core, names, comment):
    """``nnlib/__init__.py`` importing ``names`` from ``.core`` (in isort's order)
    and listing them in ``__all__``."""
    tree = ast.parse(text)
    block = next(
        (
            node
            for node in tree.body
            if isinstance(node, ast.ImportFrom)
            and node.module == core
            and node.level == 1
        ),
        None,
    )
    if block is None:
        raise SystemExit(f"nnlib/__init__.py imports nothing from .{core}")
    imported = [alias.name for alias in block.names] + list(names)
    order = sorted(
        imported, key=lambda n: (0 if n.isupper() else 1 if n[:1].isupper() else 2, n)
    )
    lines = text.split("\n")
    new_block = [f"from .{core} import ("] + [f"    {n}," for n in order] + [")"]
    lines[block.lineno - 1 : block.end_lineno] = new_block
    text = "\n".join(lines)
    listed = ", ".join(f'"{n}"' for n in names)
    close = text.rindex("\n]")
    return text[:close] + f"\n    {comment}\n    {listed}," + text[close:]


def plan(n, name, *, title=None, caption=None, core="training", root=ROOT):
    """Every file the chapter needs: path → its new text.  Raises SystemExit if
    anything is taken."""
    root = Path(root)
    if not NAME.fullmatch(name):
        raise SystemExit(
            f"NAME must be a lowercase Python name (letters, digits, _), not {name!r}"
        )
    if not 1 <= n <= 99:
        raise SystemExit(f"N must be a chapter number from 1 to 99, not {n}")
    if core not in CORE_MODULES:
        raise SystemExit(
            f"--core must be one of {', '.join(CORE_MODULES)}, not {core!r}"
        )
    stem, cls, title = (
        f"{n:02d}_{name}",
        "".join(p.title() for p in name.split("_")),
        title or name.replace("_", " ").capitalize(),
    )
    chapters = chapter_paths(root)
    taken = [p.stem for p in chapters if p.stem[:2] == f"{n:02d}" or p.stem[3:] == name]
    if taken:
        raise SystemExit(f"chapter {n} or the name {name!r} is taken: {taken}")
    before = [p.stem for p in chapters if int(p.stem[:2]) < n]
    if not before:
        raise SystemExit(f"no chapter before {n} to follow")
    v = dict(
        n=n,
        name=name,
        stem=stem,
        cls=cls,
        title=title,
        core=core,
        upper=name.upper(),
        prev=before[-1],
        root=root,
    )
    init = (root / "nnlib" / "__init__.py").read_text(encoding="utf-8")
    for word in (name, f"{name}_prime", f"{name}_value"):
        if re.search(rf"\b{word}\b", init):
            raise SystemExit(f"nnlib already has a name {word!r}")
    files = {
        f"chapters/{stem}.ipynb": nbformat.writes(notebook(v)) + "\n",
        f"nnlib/experiments/{name}.py": _fill(EXPERIMENTS, **v),
        f"nnlib/plots/{name}.py": _fill(PLOTS, **v),
        f"nnlib/explorers/{name}.py": _fill(EXPLORER, **v),
        f"nnlib/check/ch{stem}.py": _fill(CHECKERS, **v),
        f"tests/core/test_ch{stem}.py": _fill(TEST, **v),
    }
    for path in files:
        if (root / path).exists():
            raise SystemExit(f"{path} exists already")
    files["_toc.yml"] = add_to_toc(
        (root / "_toc.yml").read_text(encoding="utf-8"), stem, before[-1], caption
    )
    core_path = f"nnlib/{core}.py"
    files[core_path] = (
        (root / core_path).read_text(encoding="utf-8").rstrip("\n")
        + "\n"
        + _fill(CORE_STUB, **v)
    )
    files["nnlib/__init__.py"] = add_to_init(
        init, core, [name, f"{name}_prime"], f"# chapter {n}: {title.lower()}"
    )
    return files


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "n", type=int, help="the chapter's number, 15 for chapters/15_<name>.ipynb"
    )
    p.add_argument(
        "name",
        help=(
            "its name, a lowercase Python name: the notebook's, the formula's, "
            "the explorer's"
        ),
    )
    p.add_argument("--title", help="the chapter's title (default: from the name)")
    p.add_argument(
        "--caption",
        help=(
            "start a new part of the book with this caption "
            "(default: chapter N - 1's)"
        ),
    )
    p.add_argument(
        "--core",
        default="training",
        help="the core module the formula goes in (default: training)",
    )
    p.add_argument(
        "--root", default=str(ROOT), help=argparse.SUPPRESS
    )  # the tests' copy of the repository
    args = p.parse_args(argv)
    files = plan(
        args.n,
        args.name,
        title=args.title,
        caption=args.caption,
        core=args.core,
        root=args.root,
    )
    for path, text in files.items():
        (Path(args.root) / path).write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    stem = f"{args.n:02d}_{args.name}"
    print(
        "\nNext: write the chapter over the stand-ins (TODO in "
        f"chapters/{stem}.ipynb), then\n  .venv/bin/python tools/execute_notebooks.py "
        f"chapters/{stem}.ipynb && make learners\nand make test.  The rules the "
        "notebook follows: tools/chapter_rules.py; the places: nnlib/README.md."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
