"""What a page needs to judge a derive exercise without Python, computed from
``nnlib.check`` at build time.

A derive exercise (``Checker.kind == "derive"``) asks for a result found on paper: a
value (an :class:`~nnlib.check.answer.Answer`) or a formula (a
:class:`~nnlib.check.engine.Checker` of a function).  Its checker is declared once, in
``nnlib/check``; :func:`export` runs what the checker would run and writes down the
numbers, so that ``nnbook-exercises.js`` can give the reader the notebook's verdict:

* every case of the checker (its label, its arguments, the right value, m), and each
  declared :class:`~nnlib.check.engine.Mistake`'s outcome on every case (a value, or the
  exception it raises);
* the tolerances, the messages (equation labels numbered as in the book) and the hint
  ladder;
* what an Answer's own class says beyond the engine's rules, at the values it was found
  at (:func:`specials`);
* the **page form**: what the reader types.  A value is typed as a number or an array.
  A formula is typed once and evaluated at every case as numpy would evaluate it (entry
  by entry, broadcasting the variables it uses), in the checker's own argument names
  (and ``m``, the batch size, where the checker knows it), with every number a float
  array (:func:`numpy_args`: 1/0 is inf, as in the page, not an exception); the
  mistakes' outcomes are computed on the same arrays.  Arguments that are not numbers
  get a form of their own: a name (``"sigmoid"``, ``"relu"``) gives one formula per name
  the cases use; a network's ``sizes`` gives the formula of one layer l, in ``n_l``,
  ``n_prev`` = n_(l−1), ``l`` and ``N``, which the page sums over l = 1 … N.

The general messages (a factor, the first wrong entry, ...) are logic, not data: the
page runs a port of the engine's rules (``nnbook-exercises-judge.js``); the browser
tests compare its verdicts with the checkers' own.  Nothing here imports Sphinx.
"""

from __future__ import annotations

import copy
import math

import numpy as np

#: The functions a formula may use, with how the page lists them: math.js's, ``sigmoid``
#: and ``ln`` added by the page, and pow, min and max given numpy's meaning there.  The
#: browser tests evaluate them with numpy.
FUNCTIONS = {
    "exp": "exp",
    "log": "log (natural)",
    "ln": "ln",
    "log2": "log2",
    "log10": "log10",
    "sqrt": "sqrt",
    "abs": "abs",
    "sign": "sign",
    "tanh": "tanh",
    "atanh": "atanh",
    "sigmoid": "sigmoid (σ)",
    "min": "min(a, b)",
    "max": "max(a, b)",
}
CONSTANTS = ("pi", "e")
#: The variables of the per-layer form of an argument ``sizes`` (a network's layer
#: sizes).
LAYER_VARIABLES = ("l", "N", "n_l", "n_prev")


class ExportError(ValueError):
    """A derive exercise the page cannot ask: says which and why."""


def derive_checkers():
    """Every derive exercise's checker by name, in the book's order (read from
    ``check.CHECKERS``)."""
    from nnlib import check

    return {name: c for name, c in check.CHECKERS.items() if c.kind == "derive"}


# ------------------------------------------------------------------------------ numbers
def _number(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def array(value):
    """An array as the page reads it: {"s": shape, "d": its entries in C order, inf
    and nan as text}."""
    a = np.asarray(value, dtype=np.float64)
    return {"s": list(a.shape), "d": [_number(x) for x in a.ravel()]}


def _outcome_data(outcome):
    """A mistake's outcome on a case (``_answers.outcome``): an array,
    ``{"raised": text}``, or None."""
    if isinstance(outcome, str):
        return {"raised": outcome}
    if outcome is None:
        return None
    return array(outcome)


def _is_number(x):
    if isinstance(x, (bool, np.bool_, str)):
        return False
    if isinstance(x, (int, float, np.number)):
        return True
    return isinstance(x, np.ndarray) and np.issubdtype(x.dtype, np.number)


def _is_sizes(name, x):
    return (
        name == "sizes"
        and isinstance(x, (list, tuple))
        and all(isinstance(n, (int, np.integer)) for n in x)
    )


# ------------------------------------------------------------------------ the page form
def page_form(checker, cases):
    """How the reader answers: ``{"kind": "value"|"formula", "entries": [...],
    "variables": [...], "layers": bool}``, and for each case the entry it reads
    (``case_entry``)."""
    from nnlib.check.answer import Answer

    if isinstance(checker, Answer):
        prompt = _value_label(checker)
        return {
            "kind": "value",
            "variables": [],
            "layers": False,
            "prompt": prompt,
            "entries": [{"label": prompt, "short": ""}],
        }, [0] * len(cases)
    if not cases:
        raise ExportError(
            f"{checker.name}: its checker has no cases to evaluate a formula at"
        )
    names = checker.arg_names
    named, numeric, layers = [], [], False
    for k, arg in enumerate(names):
        values = [args[k] for _, args in cases]
        if all(_is_number(v) for v in values):
            numeric.append(arg)
        elif all(isinstance(v, str) for v in values):
            named.append(k)
        elif all(_is_sizes(arg, v) for v in values):
            layers = True
        else:
            kinds = sorted({type(v).__name__ for v in values})
            raise ExportError(
                f"{checker.name}: its argument {arg!r} is a {' or '.join(kinds)} in "
                "its cases; a page formula takes numbers, names (one formula per name) "
                "or a network's `sizes`"
            )
    if layers and named:
        raise ExportError(
            f"{checker.name}: a formula per name and per layer at once is not supported"
        )
    variables = list(numeric)
    if (
        all(checker.m_of(args) is not None for _, args in cases)
        and "m" not in variables
    ):
        variables.append("m")
    if layers:
        variables = [
            *LAYER_VARIABLES,
            *[v for v in variables if v not in LAYER_VARIABLES],
        ]
    call = f"{checker.name}({', '.join(names)})"
    if not named:
        prompt = (
            f"Your formula for one layer l of {call}; the page adds up the layers l = "
            "1 … N"
            if layers
            else f"Your formula for {call}"
        )
        return {
            "kind": "formula",
            "variables": variables,
            "layers": layers,
            "prompt": prompt,
            "entries": [{"label": prompt, "short": ""}],
        }, [0] * len(cases)
    keys = list(dict.fromkeys(tuple(args[k] for k in named) for _, args in cases))
    entries = []
    for key in keys:
        short = ", ".join(f'{names[k]} = "{v}"' for k, v in zip(named, key))
        entries.append({"label": short, "short": short})
    case_entry = [keys.index(tuple(args[k] for k in named)) for _, args in cases]
    return {
        "kind": "formula",
        "variables": variables,
        "layers": False,
        "entries": entries,
        "prompt": (
            f"Your formula for {call}, one for each "
            f"{' and '.join(names[k] for k in named)}"
        ),
    }, case_entry


def _value_label(checker):
    from nnlib.check import _messages as say

    right = np.asarray(checker.reference(), dtype=np.float64)
    return f"Your answer ({checker.form or say.forms_of(right.shape)})"


def numpy_args(checker, args):
    """A case's arguments as a formula sees them: every number a float array (0-d for
    a scalar), so that 1/0 is inf and not Python's ZeroDivisionError; names and
    ``sizes`` stay as they are."""
    return tuple(np.asarray(a, dtype=np.float64) if _is_number(a) else a for a in args)


def numpy_checker(checker):
    """The checker on :func:`numpy_args` cases: what a formula typed in the page is
    judged by."""
    clone = copy.copy(checker)
    clone.cases = lambda rng: [
        (label, numpy_args(checker, args)) for label, args in checker.cases(rng)
    ]
    clone.forbids = ()  # a formula typed in the page calls no nnlib function
    return clone


def variables_of(checker, form, args):
    """The formula's variables on one case, as float arrays of their own shapes
    (``m``: the case's m)."""
    values = {
        name: a
        for name, a in zip(checker.arg_names, numpy_args(checker, args))
        if name in form["variables"]
    }
    if "m" in form["variables"] and "m" not in values:
        values["m"] = np.asarray(float(checker.m_of(args)))
    return values


# --------------------------------------------------------------- a class's own verdicts
def _near(right):
    """Values a checker's own class may single out: the right value with one entry
    one more or one less, doubled, halved, 0 or of the other sign."""
    out = []
    flat = right.reshape(-1)
    for k in range(flat.size):
        for change in (
            lambda x: x + 1,
            lambda x: x - 1,
            lambda x: 2 * x,
            lambda x: x / 2,
            lambda x: 0 * x,
            lambda x: -x,
        ):
            value = flat.copy()
            value[k] = change(value[k])
            out.append(value.reshape(right.shape))
    return out


def specials(checker):
    """Verdicts an Answer's own class gives beyond the engine's rules (an override of
    ``__call__``: a second right answer, say), found by asking it and the plain
    Answer about values near the right one and about every mistake's value.  The page
    gives them for exactly these values: [{"value", "passed", "message"}]."""
    from nnlib.check import engine
    from nnlib.check.answer import Answer

    if not isinstance(checker, Answer) or type(checker).__call__ is Answer.__call__:
        return []
    plain = copy.copy(checker)
    plain.__class__ = Answer
    right = np.asarray(checker.reference(), dtype=np.float64)
    candidates = [
        *_near(right),
        *(np.asarray(m.fn(), dtype=np.float64) for m in checker.mistakes),
    ]
    before = engine.RECORD.get(checker.name)
    out = []
    for value in candidates:
        theirs, base = checker(value), plain(value)
        if (theirs.passed, str(theirs)) != (base.passed, str(base)):
            out.append(
                {"value": array(value), "passed": theirs.passed, "message": str(theirs)}
            )
    if before is None:
        engine.RECORD.pop(checker.name, None)
    else:
        engine.RECORD[checker.name] = before
    return out


# --------------------------------------------------------------------------- the export
def export(checker):
    """Everything the page needs to judge ``checker``'s exercise: see the module's
    docstring."""
    from nnlib.check import _messages as say
    from nnlib.check._answers import outcome

    if checker.hints:
        raise ExportError(
            f"{checker.name}: its Hints are Python conditions the page cannot "
            "evaluate; say them as Mistakes, or in the hint ladder"
        )
    cases = checker.cases(np.random.default_rng(checker.seed))
    form, case_entry = page_form(checker, cases)
    out_cases = []
    for k, (label, args) in enumerate(cases):
        label = say.number_equations(label)
        right = np.asarray(checker.reference(*copy.deepcopy(args)), dtype=np.float64)
        m = checker.m_of(args)
        case = {
            "label": label,
            "entry": case_entry[k],
            "right": array(right),
            "m": None if m is None else float(m),
            "m_text": None if m is None else str(m),
        }
        if form["kind"] == "formula":
            case["vars"] = {
                name: array(v) for name, v in variables_of(checker, form, args).items()
            }
            if form["layers"]:
                sizes = args[checker.arg_names.index("sizes")]
                case["sizes"] = [int(n) for n in sizes]
        out_cases.append(case)
    seen = (
        cases
        if form["kind"] == "value"
        else [(label, numpy_args(checker, args)) for label, args in cases]
    )
    mistakes = [
        {
            "message": say.number_equations(mistake.message),
            "outcomes": [_outcome_data(outcome(mistake.fn, args)) for _, args in seen],
        }
        for mistake in checker.mistakes
    ]
    ladder = list(checker.ladder)
    return {
        "name": checker.name,
        "kind": form["kind"],
        "answer": form["kind"]
        == "value",  # an Answer, or a class of its own made from one
        "rtol": checker.rtol,
        "atol": checker.atol,
        "prompt": form["prompt"],
        "entries": form["entries"],
        "variables": form["variables"],
        "layers": form["layers"],
        "functions": list(FUNCTIONS),
        "function_texts": [FUNCTIONS[f] for f in FUNCTIONS],
        "constants": list(CONSTANTS),
        "answer_form": getattr(checker, "form", None),
        "cases": out_cases,
        "mistakes": mistakes,
        "specials": specials(checker),
        "ladder": [say.number_equations(level) for level in ladder],
    }
