"""What the checkers say, as small pure functions: general messages, the hint ladder,
equation numbers.

Nothing here calls a learner's function.  Each rule takes numbers (shapes, a factor, an
entry) and returns a sentence, so that it can be tested on its own and carried to a page
without a kernel: the engine decides *which* rule applies (on every case, for a factor),
these functions say it.

Equations are named in messages and hints by their label (``eq-delta-recursion``), and
shown to the learner by their number in the book, ``eq. (27)``: :func:`equations` reads
the numbers from ``nnlib/data/equations.json``, which ``make learners`` writes from the
chapters (``tools/make_learners.py``; a test keeps it up to date).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import numpy as np

EQUATIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "equations.json"
_NAME = r"eq-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"
#: ``eq. (eq-x)`` or ``eq. eq-x`` (group 1 or 2), ``(eq-x)`` (group 3), a bare
#: ``eq-affine`` (group 4).
LABEL = re.compile(rf"[Ee]q\.\s*(?:\(({_NAME})\)|({_NAME}))|\(({_NAME})\)|\b({_NAME})")


def label_of(match):
    """The equation label a :data:`LABEL` match names."""
    return next(g for g in match.groups() if g)


#: A factor is "constant" only when it differs from 1 by more than this (relatively):
#: closer to 1, "it is 1 times the right answer" would be shown.
FACTOR_AWAY_FROM_ONE = 1e-3


@functools.lru_cache(maxsize=1)
def equations():
    """{label: {"number": n, "page": docname, "chapter": title}} of the book's numbered
    equations."""
    try:
        return json.loads(EQUATIONS_FILE.read_text(encoding="utf-8"))
    # an installation without the table: labels stay as they are
    except (OSError, ValueError):
        return {}


def number_equations(text, table=None):
    """``text`` with every equation label shown as the book shows it: ``(eq-x)`` becomes
    ``(n)``, as ``{eq}`` does in the book; ``eq-affine``, ``eq. eq-x`` and ``eq.
    (eq-x)`` become ``eq. (n)``.  Unknown labels are left as they are."""
    table = equations() if table is None else table

    def number(match):
        found = table.get(label_of(match))
        if not found:
            return match.group(0)
        if match.group(3):
            return f"({found['number']})"
        return (
            f"{'Eq' if match.group(0).startswith('E') else 'eq'}. ({found['number']})"
        )

    return LABEL.sub(number, text)


# --------------------------------------------------------------------- general messages
def transpose_message(expected_shape, actual_shape, is_transpose):
    """A 2-D answer with the transpose's shape: the transpose itself, or only its
    shape."""
    if is_transpose:
        return (
            "your result is the transpose of the right one: expected shape "
            f"{expected_shape}, got {actual_shape}"
        )
    return (
        f"wrong shape: expected {expected_shape}, got {actual_shape} "
        "(the transpose's shape)"
    )


def shape_message(expected_shape, actual_shape):
    return f"wrong shape: expected {expected_shape}, got {actual_shape}"


def number_expected_message(actual_shape, size):
    convert = " (float(...) converts it)" if size == 1 else ""
    return (
        f"returned an array of shape {actual_shape}; expected a single number{convert}"
    )


def not_finite_message(value, index, expected):
    where = f" at index {index}" if index else ""
    return (
        f"your result is {value}{where} where {expected} was expected; "
        "look for an overflow in exp or a division by zero or log(0)"
    )


def factor_name(factor, m):
    """Which factor the messages name: ``"m"`` or ``"1/m"`` (m the batch size, if any),
    ``"-1"``; else None."""
    if m and m > 1 and np.isclose(factor, m, rtol=1e-6):
        return "m"
    if m and m > 1 and np.isclose(factor, 1.0 / m, rtol=1e-6):
        return "1/m"
    return "-1" if np.isclose(factor, -1.0) else None


def factor_message(factor, name, m):
    """What a factor that holds on every case is called: m, 1/m, the sign, or the number
    itself."""
    if name == "m":
        return (
            f"your result is m = {m} times too large: average over the "
            "m examples (divide by m)"
        )
    if name == "1/m":
        return (
            f"your result is m = {m} times too small: you divided by m "
            "where no average is taken"
        )
    if name == "-1":
        return "your result has the wrong sign"
    return (
        "your result is off by a constant factor: on every case it is "
        f"{factor:.4g} times the right answer"
    )


def dotted_name(fn):
    """How a function of nnlib is named in messages: ``nnlib.softmax``,
    ``nnlib.Network.backward``."""
    module = getattr(fn, "__module__", "") or ""
    top = "nnlib." if module.startswith("nnlib") else (module + "." if module else "")
    return top + getattr(fn, "__qualname__", getattr(fn, "__name__", "it"))


def worth_naming(factor):
    """A factor is named only when it is visibly not 1 (and not 0)."""
    return factor != 0 and abs(factor - 1.0) > FACTOR_AWAY_FROM_ONE


def entry_message(index, expected, actual):
    where = f"first wrong entry at index {index}" if index else "wrong value"
    return f"{where}: expected {expected}, got {actual}"


def forms_of(shape):
    """An answer's form in words, for an answer entered on paper: "a single number", "3
    numbers", ..."""
    if len(shape) == 0:
        return "a single number"
    if len(shape) == 1:
        return f"{shape[0]} number{'s' * (shape[0] != 1)}"
    if len(shape) == 2:
        return (
            f"{shape[0]} row{'s' * (shape[0] != 1)} of {shape[1]} "
            f"number{'s' * (shape[1] != 1)}"
        )
    return f"an array of shape {shape}"


def answer_form_message(actual_shape, expected_shape, form=None):
    """An answer derived on paper whose form is wrong: what was entered and what is
    asked, in words.

    The expected shape is not said as a shape: where the answer itself is made of shapes
    (a list of (rows, columns) pairs), "expected (3, 2)" would read like a value.
    """
    return (
        f"you entered {forms_of(actual_shape)}; the question asks for "
        f"{form or forms_of(expected_shape)}"
    )


# ---------------------------------------------------------------------- the hint ladder
def ladder_levels(ladder):
    return len(ladder)


def hint_message(name, ladder, level, in_notebook=True):
    """The text ``check.hint(name)`` prints for one level of the ladder (counted from
    1).

    Says which level it is of how many, and what the next call gives; the last level may
    show code, and says so before it is asked for.
    """
    total = len(ladder)
    text = ladder[level - 1]
    # the first level lives in the chapter's exercise cell (older checkers)
    if text is None:
        text = "the hint in your exercise cell (the `Hint:` of the stub)"
    head = f"Hint {level} of {total} for {name}: {number_equations(text)}"
    if level < total:
        shows = (
            ", the last, which shows code"
            if level + 1 == total and "`" in (ladder[-1] or "")
            else ""
        )
        return (
            f"{head}\n(run check.hint({name!r}) again for hint "
            f"{level + 1} of {total}{shows})"
        )
    return head + ("\n(that is the last hint)" if total > 1 else "")
