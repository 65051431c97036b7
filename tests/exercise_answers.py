"""Answers typed into the book's in-page derive exercises, and the same answers as a notebook passes them.

The page (``tools/sphinxext/exercise_pages.py``) reads a value or a formula; the checker in
``nnlib.check`` takes a value or a function.  Here an answer is both:

* a **value** is typed as text (``"2.5"``, ``"[[4, 6], [6, 6]]"``) and passed to the checker as the
  number or list that text reads as in Python;
* a **formula** is typed in math.js's syntax; for the checker it becomes a function of the
  exercise's arguments that evaluates the same text with numpy on the same variables, entry by
  entry (``formula_function``): what a learner would write in a notebook to mean that formula.

``FORMULAS`` is the tests' own knowledge, like a chapter's solution: for each exercise answered by a
formula, the right formula and one for each declared Mistake, in order (per name, for an exercise
with one formula per name).  A value exercise needs none: its right value and its mistakes' values
are computed from the checker.  ``random_values`` and ``random_formulas`` make the random answers
the browser tests compare.
"""
from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import numpy as np

import nnlib
from nnlib import check

SPHINXEXT = Path(__file__).resolve().parent.parent / "tools" / "sphinxext"  # not a package: on the path for it
if str(SPHINXEXT) not in sys.path:
    sys.path.insert(0, str(SPHINXEXT))
exercise_data = importlib.import_module("exercise_data")
exercise_pages = importlib.import_module("exercise_pages")

#: What the names of a formula mean in numpy (the page gives them math.js's meaning, and ``sigmoid``,
#: ``ln`` of its own): exercise_data.FUNCTIONS and CONSTANTS.
NUMPY = {"exp": np.exp, "log": np.log, "ln": np.log, "log2": np.log2, "log10": np.log10, "sqrt": np.sqrt,
         "abs": np.abs, "sign": np.sign, "tanh": np.tanh, "atanh": np.arctanh, "sigmoid": nnlib.sigmoid,
         "min": np.minimum, "max": np.maximum, "pi": np.pi, "e": np.e}

_SIG = "log((1 + sqrt(1 - 4*threshold))/(1 - sqrt(1 - 4*threshold)))"
_TANH = "atanh(sqrt(1 - threshold))"
_LOG_RATIO = "log((1 + sqrt(1 - threshold))/(1 - sqrt(1 - threshold)))"
_E_X2 = "(x_var + x_mean^2)"
_GAIN = {"tanh": "", "sigmoid": "", "relu": "2*"}
_W = "w*Y*(sigmoid(z) - 1) + (1 - Y)*sigmoid(z)"
_CLIPPED = "min(max(sigmoid(z), 1e-15), 1 - 1e-15)"


def _each_gain(template):
    return {name: template.format(g=g) for name, g in _GAIN.items()}


FORMULAS = {
    "forward_multiply_adds": {
        "right": "m*n_l*n_prev",
        "mistakes": ["n_l*n_prev", "m*(n_l*n_prev + n_l)", "m*n_l^2", "(l == 1)*m*n_l*n_prev", "m*(n_prev + n_l)"],
    },
    "saturation_edge": {
        "right": {"sigmoid": _SIG, "tanh": _TANH},
        "mistakes": [
            {"sigmoid": f"-{_SIG}", "tanh": f"-{_TANH}"},
            {"sigmoid": "(1 + sqrt(1 - 4*threshold))/2", "tanh": "sqrt(1 - threshold)"},
            {"sigmoid": _LOG_RATIO, "tanh": _TANH},
            {"sigmoid": _SIG, "tanh": "atanh(1 - threshold)"},
            {"sigmoid": _SIG, "tanh": _LOG_RATIO},
            {"sigmoid": _SIG.replace("log(", "log10(", 1), "tanh": _TANH},
        ],
    },
    "first_layer_variance": {
        "right": _each_gain("{g}scale^2*" + _E_X2),
        "mistakes": [
            _each_gain("{g}scale^2*x_var"),
            _each_gain("n_in*{g}scale^2*" + _E_X2),
            _each_gain("{g}scale^2*" + _E_X2 + "/n_in"),
            _each_gain("scale*{g}" + _E_X2),
            _each_gain("scale^2*" + _E_X2),
            _each_gain("{g}scale^2*(x_var + x_mean)"),
        ],
    },
    "probability_after_raise": {
        "right": "p*exp(dz)/(p*exp(dz) + 1 - p)",
        "mistakes": ["p*exp(dz)", "1/(1 + exp(-dz))", "p*exp(dz)/(p*exp(dz) + 1)", "p + p*(1 - p)*dz", "p + dz"],
    },
    "absolute_error_grad": {
        "right": "sign(y_hat - Y)",
        "mistakes": ["sign(Y - y_hat)", "y_hat - Y", "abs(y_hat - Y)", "sign(y_hat - Y)/m",
                     "(y_hat - Y)/abs(y_hat - Y)", "(y_hat >= Y)*2 - 1"],
    },
    "weighted_bce_dz": {
        "right": _W,
        "mistakes": [f"-({_W})", "w*(sigmoid(z) - Y)", "sigmoid(z) - Y",
                     "Y*(sigmoid(z) - 1) + w*(1 - Y)*sigmoid(z)",
                     f"-w*Y/{_CLIPPED} + (1 - Y)/(1 - {_CLIPPED})",
                     f"({_W})*sigmoid(z)*(1 - sigmoid(z))",
                     "w*Y*(exp(z)/(1 + exp(z)) - 1) + (1 - Y)*exp(z)/(1 + exp(z))"],
    },
    "leaky_relu_gain": {
        "right": "2/(1 + c^2)",
        "mistakes": ["2", "2/(1 + c)", "(1 + c^2)/2", "1/(1 + c^2)", "2/(1 - c^2)"],
    },
}


# ------------------------------------------------------------------------------ the page's form, in Python
def cases_of(checker):
    return checker.cases(np.random.default_rng(checker.seed))


def form_of(checker):
    return exercise_data.page_form(checker, cases_of(checker))[0]


def _keys(checker):
    """The names of an exercise with one formula per name, in the page's order of its inputs."""
    return list(dict.fromkeys(tuple(a for a in args if isinstance(a, str)) for _, args in cases_of(checker)))


def entry_texts(checker, formula):
    """A table entry (one formula, or one per name) as the list of texts the page's inputs take."""
    if isinstance(formula, str):
        return [formula]
    return [formula[key[0]] for key in _keys(checker)]


def _python(text):
    return text.replace("^", "**")  # the one spelling the tables and generator use that Python reads otherwise


def formula_function(checker, texts):
    """The learner's function that means ``texts`` (the page's inputs): each formula evaluated by numpy on the
    exercise's arguments as float arrays (exercise_data.variables_of), per layer summed over l = 1 … N."""
    form = form_of(checker)
    keys = _keys(checker) if len(texts) > 1 else [None]
    codes = [compile(_python(t), "<formula>", "eval") for t in texts]
    names = {"__builtins__": {}, **NUMPY}

    def fn(*args):
        key = tuple(a for a in args if isinstance(a, str)) if len(texts) > 1 else None
        code = codes[keys.index(key)]
        values = exercise_data.variables_of(checker, form, args)
        with np.errstate(all="ignore"):
            if not form["layers"]:
                return np.asarray(eval(code, names, values), dtype=np.float64)
            sizes = args[checker.arg_names.index("sizes")]
            total, N = np.float64(0.0), len(sizes) - 1
            for l in range(1, N + 1):
                scope = {**values, "l": np.float64(l), "N": np.float64(N), "n_l": np.float64(sizes[l]),
                         "n_prev": np.float64(sizes[l - 1])}
                total = total + np.float64(eval(code, names, scope))
            return total

    return fn


def python_answer(checker, texts):
    """What a notebook passes to the checker for these page entries."""
    if isinstance(checker, check.Answer):
        return ast.literal_eval(texts[0])
    return formula_function(checker, texts)


def verdict(checker, texts):
    """The checker's own verdict on the answer the page's entries mean (a formula's on float arrays:
    exercise_data.numpy_checker)."""
    if isinstance(checker, check.Answer):
        return str(checker(python_answer(checker, texts)))
    return str(exercise_data.numpy_checker(checker)(formula_function(checker, texts)))


# ------------------------------------------------------------------------------ values as typed
def typed(value):
    """A value as a reader types it: full precision, arrays as nested lists."""
    a = np.asarray(value, dtype=np.float64)
    if a.ndim == 0:
        return repr(float(a))
    return "[" + ", ".join(typed(x) for x in a) + "]"


def decoded(data):
    """An exported array (exercise_data.array) as numpy's."""
    numbers = {"nan": np.nan, "inf": np.inf, "-inf": -np.inf}
    return np.array([numbers.get(x, x) for x in data["d"]], dtype=np.float64).reshape(data["s"])


def right_value(checker):
    return np.asarray(checker.reference(), dtype=np.float64)


def random_values(rng, checker, n):
    """n values around the right one, its usual slips and wrong forms (each as typed text)."""
    right = right_value(checker)
    mistakes = [np.asarray(m.fn(), dtype=np.float64) for m in checker.mistakes]
    m = checker.m_of(())
    pool = [
        lambda: right * (1 + rng.choice([1e-9, 3e-7, -2e-6, 1e-4, 1e-2])),
        lambda: -right,
        lambda: right * (m or 3),
        lambda: right / (m or 3),
        lambda: right * rng.uniform(0.2, 5),
        lambda: right + rng.normal(),
        lambda: rng.normal(size=right.shape) * 10,
        lambda: np.zeros_like(right),
        lambda: mistakes[rng.integers(len(mistakes))] * (1 + rng.choice([0.0, 1e-8, 1e-3])) if mistakes else right,
        lambda: np.append(right.ravel(), 1.0),
        lambda: right.T if right.ndim == 2 else np.stack([right, right]),
        lambda: _one_entry_off(rng, right),
    ]
    picks = rng.permutation(len(pool))[:n] if n <= len(pool) else rng.integers(len(pool), size=n)
    return [typed(pool[k]()) for k in picks]


def _one_entry_off(rng, right):
    out = np.array(right, dtype=np.float64)
    if out.ndim == 0:
        return out + 0.5
    flat = out.reshape(-1)
    flat[rng.integers(flat.size)] += rng.choice([-1.0, 0.5, 2.0])
    return out


# ------------------------------------------------------------------------------ formulas at random
def _k(rng):
    return repr(float(rng.choice([2.0, -1.0, 0.5, 3.0, round(float(rng.uniform(-3, 3)), 3)])))


def random_formulas(rng, checker, n):
    """n formulas (each a list of the page's input texts): the right one and the slips, scaled, shifted,
    mixed with a variable, squared, or made of variables alone."""
    table = FORMULAS[checker.name]
    form = form_of(checker)
    variables = [v for v in form["variables"] if v not in ("l", "N")] or ["1"]
    right = entry_texts(checker, table["right"])
    slips = [entry_texts(checker, f) for f in table["mistakes"]]
    out = []
    for _ in range(n):
        texts = []
        for k in range(len(right)):
            r, v = right[k], str(rng.choice(variables))
            slip = slips[rng.integers(len(slips))][k] if slips else r
            templates = [
                f"{_k(rng)}*({r})", f"({r}) + {_k(rng)}", f"-({r})", f"({r})*(1 + 1e-9)", f"({r})*(1 + 1e-4)",
                f"({slip})", f"{_k(rng)}*({slip})", f"({r}) + {_k(rng)}*{v}", f"{v}", f"{_k(rng)}", f"({r})^2",
                f"({r})*(1 + {v}^2)", f"({r}) + log({v} - {v})",
            ]
            if "m" in form["variables"]:
                templates += [f"({r})/m", f"m*({r})"]
            pick = templates[rng.integers(len(templates))] if rng.random() < 0.75 or len(right) == 1 else r
            texts.append(pick)
        out.append(texts)
    return out
