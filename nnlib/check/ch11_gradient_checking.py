"""Chapter 11 (gradient checking): centred differences, the relative error, the best
step, checking a checker."""
from __future__ import annotations

import numpy as np

import nnlib

from .answer import Answer
from .engine import Checker, Hint, Mistake

# 2 inputs, 4 examples
_CE_X = np.array([[1.0, -0.5, 2.0, 0.3], [0.5, 1.5, -1.0, -2.0]])
_CE_Y = np.array([0, 2, 1, 2])


def _sum_of_cubes(x):
    return float(np.sum(x ** 3))


def _softmax_cost(W):
    return float(nnlib.cross_entropy_cost(nnlib.softmax(W @ _CE_X), _CE_Y))


def _exp_mix(x):
    return float(np.exp(x[0, 0]) * x[1, 0] + np.sin(x[1, 0]))


def _first_squared(x):
    return float(x[0] ** 2)


def _centred_cases(rng):
    return [
        ("f(x) = Σ x³, x = [1, −0.5, 2], ε = 0.01",
         (_sum_of_cubes, np.array([1.0, -0.5, 2.0]), 0.01)),
        ("f(W) = cross-entropy of softmax(W X), W of shape (3, 2), ε = 1e-3",
         (_softmax_cost, rng.normal(size=(3, 2)), 1e-3)),
        ("f(x) = exp(x₀)·x₁ + sin(x₁), x of shape (2, 1), ε = 0.1",
         (_exp_mix, np.array([[0.5], [-1.2]]), 0.1)),
        ("f(x) = x₀², which ignores x₁ and x₂, ε = 0.05",
         (_first_squared, np.array([1.5, 2.0, -3.0]), 0.05)),
    ]


def _per_entry(f, x, eps, quotient):
    """For each entry x[i], ``quotient(one_sided, centred)`` of f along that entry, the
    others fixed.

    The two difference quotients are :func:`nnlib.difference_quotients` of f as a
    function of the one number x[i].
    """
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        def along(t, i=i):
            moved = x.copy()
            moved[i] = t
            return f(moved)
        grad[i] = quotient(*nnlib.difference_quotients(along, x[i], eps))
    return grad


centred_difference = Checker(
    "centred_difference", nnlib.numerical_gradient, _centred_cases,
    ladder=[
        "For one entry x[i], at which two points does the centred difference evaluate "
        "f, and how far apart are they? What must x hold when your function returns?",
        "Treat f as a function of the one entry x[i], the others held fixed: evaluate "
        "it with x[i] moved up by ε and with x[i] moved down by ε, and divide the "
        "difference by the distance between the two points. numpy's ndindex yields "
        "every index of an array of any shape. Save the entry's value before you "
        "move it and write that saved value back afterwards: in floating point, (θ "
        "+ ε) − ε need not be θ again.",
        "`grad = np.zeros_like(x)`; `for i in np.ndindex(x.shape):` save `old = x[i]`, "
        "set `x[i] = old + eps` and call f, set `x[i] = old - eps` and call f, restore "
        "`x[i] = old`, and store `grad[i] = (f_plus - f_minus) / (2 * eps)`.",
    ],
    mistakes=[
        Mistake("you used the one-sided difference (f(x + ε) − f(x)) / ε; use "
                "the centred difference (f(x + ε) − f(x − ε)) / 2ε: its error "
                "is O(ε²) instead of O(ε)",
                lambda f, x, eps: _per_entry(
                    f, x, eps, lambda one_sided, centred: one_sided)),
        Mistake("you used the one-sided difference (f(x) − f(x − ε)) / ε; use both "
                "neighbours: (f(x + ε) − f(x − ε)) / 2ε",
                lambda f, x, eps: _per_entry(
                    f, x, eps, lambda one_sided, centred: 2 * centred - one_sided)),
        Mistake("you computed (f(x + ε) − f(x)) / 2ε: the second point must be "
                "x − ε, not x (moving an entry down means moving it from its "
                "old value, not from x + ε)",
                lambda f, x, eps: _per_entry(
                    f, x, eps, lambda one_sided, centred: one_sided / 2)),
        Mistake("your result is 2 times too large: you divided by ε instead of 2ε (the "
                "points x − ε and x + ε are 2ε apart)",
                lambda f, x, eps: 2 * nnlib.numerical_gradient(f, x, eps)),
        Mistake("you forgot to divide the difference f(x + ε) − f(x − ε) by 2ε",
                lambda f, x, eps: 2 * eps * nnlib.numerical_gradient(f, x, eps)),
        Mistake("you moved every entry of x at once; move one entry at a time (x[i] ± "
                "ε, the others fixed) to get the partial derivative ∂f/∂x_i",
                lambda f, x, eps: np.full(
                    x.shape, nnlib.difference_quotients(f, x, eps)[1])),
    ],
    hints=[
        # A changed input is found before any value is compared, so no Mistake can name
        # it.
        Hint("After evaluating f at x[i] + ε and x[i] − ε, put the saved value "
             "back (save the entry before moving it), or work on a copy. Adding "
             "and subtracting ε does not always return exactly to the old "
             "number in floating point, and a gradient check must leave the "
             "parameters as it found them",
             lambda args, problem: "changed its input `x`" in problem),
    ],
)


def _norm(x):
    return np.linalg.norm(x)


def _relative_cases(rng):
    a = rng.normal(size=(3, 4))
    c = rng.normal(size=6)
    return [
        ("a, b of shape (3, 4), unrelated",
         (rng.normal(size=(3, 4)), 2.0 * rng.normal(size=(3, 4)))),
        ("a, b of shape (3, 4) that nearly agree",
         (a, a + 1e-3 * rng.normal(size=(3, 4)))),
        ("a = [3, 4], b = [3, 4.001]", (np.array([3.0, 4.0]), np.array([3.0, 4.001]))),
        ("b = 2a", (c, 2 * c)),
        ("b is all zero", (rng.normal(size=(2, 2)), np.zeros((2, 2)))),
        ("a and b both all zero", (np.zeros(3), np.zeros(3))),
    ]


_ONE_NORM = ("you divided by one norm only (‖a‖, ‖b‖ or the larger of the "
             "two); divide by the sum ‖a‖ + ‖b‖, which treats a and b alike "
             "and is 0 only when both are")
_ZERO_GUARD = ("the denominator ‖a‖ + ‖b‖ is 0 when a = b = 0; return 0.0 in that case "
               "(two zero gradients agree perfectly)")


def _unguarded(a, b):
    return _norm(a - b) / (_norm(a) + _norm(b))


relative_error = Checker(
    "relative_error", nnlib.relative_error, _relative_cases,
    ladder=[
        "Which norm does the relative-error equation use for an array of any shape, "
        "and what must the function return when both norms are 0?",
        "The norm of eq-relative-error treats an array of any shape as one long "
        "vector: the square root of the sum of the squares of all its entries (numpy's "
        "linalg module computes it). Divide the norm of the difference by the sum of "
        "the two norms; that sum is 0 only when a and b are both zero, and two zero "
        "gradients agree perfectly.",
        "`denominator = np.linalg.norm(a) + np.linalg.norm(b)`; return `0.0` if it is "
        "0, else `float(np.linalg.norm(a - b) / denominator)`.",
    ],
    mistakes=[
        Mistake("you returned ‖a − b‖, the absolute error; divide it by ‖a‖ "
                "+ ‖b‖ to make it relative",
                lambda a, b: _norm(a - b)),
        Mistake(_ONE_NORM, lambda a, b: _norm(a - b) / _norm(a)),
        Mistake(_ONE_NORM, lambda a, b: _norm(a - b) / _norm(b)),
        Mistake("you divided by ‖a + b‖; the denominator is ‖a‖ + ‖b‖ (take "
                "the norms first, then add)",
                lambda a, b: _norm(a - b) / _norm(a + b)),
        Mistake("you used squared norms; ‖x‖ is the square root of the sum of squares",
                lambda a, b: np.sum((a - b) ** 2) / (np.sum(a ** 2) + np.sum(b ** 2))),
        Mistake("you used sums of absolute values (the 1-norm); eq-relative-error uses "
                "the Euclidean norm, the square root of the sum of squares",
                lambda a, b: np.sum(np.abs(a - b))
                / (np.sum(np.abs(a)) + np.sum(np.abs(b)))),
        Mistake("you compared entry by entry; the relative error divides the norm of "
                "the whole difference by the norms of the whole arrays",
                lambda a, b: np.max(np.abs(a - b) / (np.abs(a) + np.abs(b)))),
        Mistake(f"your result is not a number here: {_ZERO_GUARD}", _unguarded),
        Mistake(_ZERO_GUARD,
                lambda a, b: float(_norm(a - b)) / (float(_norm(a)) + float(_norm(b)))),
    ],
    hints=[
        # Advice for whatever goes wrong on this case (inf, nan or ZeroDivisionError),
        # however the division by ‖b‖ alone was written.
        Hint("You divided by ‖b‖ alone, which is 0 here; divide by ‖a‖ + ‖b‖, "
             "which is 0 only when both are",
             lambda args, problem: not np.any(args[1]) and np.any(args[0])
             and any(word in problem for word in ("inf", "nan", "ZeroDivisionError"))),
    ],
)


# --------------------------------------------------------------- derived: the best step
#: The unit round-off u = 2⁻⁵³ of float64 (half of numpy's ``finfo(float).eps``).
_U = np.finfo(np.float64).eps / 2
#: f(θ) = θ³ at θ = 10: |f| = 1000, |f'| = 300, |f''| = 60, |f'''| = 6.
_CUBE = {"f": 1000.0, "f1": 300.0, "f2": 60.0, "f3": 6.0}

best_eps = Answer(
    "best_eps", lambda: (3 * _U * _CUBE["f"] / _CUBE["f3"]) ** (1 / 3), rtol=1e-2,
    ladder=[
        "Where is the derivative of the total error E(ε) with respect to ε zero, and "
        "what are |f(10)| and |f'''(10)| for f(θ) = θ³?",
        "Minimise E(ε) = ε²|f'''|/6 + u|f|/ε: set dE/dε = ε|f'''|/3 − u|f|/ε² to 0 and "
        "solve for ε. For f(θ) = θ³ at θ = 10, |f| = 1000 and |f'''| = 6; u = 2⁻⁵³ ≈ "
        "1.1e-16 is the unit round-off.",
        "ε* = (3u|f| / |f'''|)^(1/3): `(3 * 2.0 ** -53 * 1000 / 6) ** (1 / 3)`.",
    ],
    mistakes=[
        Mistake("you dropped the 3 of 3u|f|/|f'''|: it comes from the "
                "derivative of ε²/6, which is ε/3",
                lambda: (_U * _CUBE["f"] / _CUBE["f3"]) ** (1 / 3)),
        Mistake("you used u = 2⁻⁵² (numpy's finfo(float).eps, the gap between 1 and "
                "the next float); the unit round-off, the largest relative rounding "
                "error, is half of it: 2⁻⁵³",
                lambda: (3 * 2 * _U * _CUBE["f"] / _CUBE["f3"]) ** (1 / 3)),
        Mistake("you took a square root: the truncation error of the centred "
                "difference grows like ε², the round-off like 1/ε, so "
                "the balance is a cube root",
                lambda: (3 * _U * _CUBE["f"] / _CUBE["f3"]) ** (1 / 2)),
        Mistake("that is the best step of the one-sided difference, 2√(u|f|/|f''|); "
                "the question is about the centred one (eq. eq-gradcheck-best-eps)",
                lambda: 2 * np.sqrt(_U * _CUBE["f"] / _CUBE["f2"])),
        Mistake("you used f'(θ) = 300 where the truncation error needs f'''(θ) = 6",
                lambda: (3 * _U * _CUBE["f"] / _CUBE["f1"]) ** (1 / 3)),
        Mistake("you used |f| = 1 and |f'''| = 1 (the 'order one' case of the text); "
                "here |f(10)| = 1000 and |f'''(10)| = 6",
                lambda: (3 * _U) ** (1 / 3)),
    ],
)


# ---------------------------------------------------- find the bug: a directional check
_STEP = 1e-5


def _directional(f, grad, x, slope):
    """Relative error of grad·v against ``slope(f, x, εv)``, v the routine's random
    direction."""
    v = np.random.default_rng(0).normal(size=x.shape)
    return nnlib.relative_error(np.array([np.sum(grad * v)]),
                                np.array([slope(f, x, _STEP * v)]))


def _centred(f, x, step):
    return (f(x + step) - f(x - step)) / (2 * _STEP)


def _forward_half(f, x, step):
    """The planted bug: x − εv computed as (x + εv) − εv, which is x: (f(x + εv) − f(x))
    / 2ε."""
    return (f(x + step) - f(x)) / (2 * _STEP)


def _directional_check(f, grad, x):
    """The reference: the centred difference along v, between x − εv and x + εv."""
    return _directional(f, grad, x, _centred)


def _half_norm(x):
    return 0.5 * float(np.sum(x ** 2))


def _sin_sum(x):
    return float(np.sum(np.sin(x)))


def _softmax_cost_gradient(W):
    """∇_W J of :func:`_softmax_cost`: (ŷ − y) xᵀ averaged over the examples (chapters 8
    and 10)."""
    return nnlib.weight_gradient(
        nnlib.output_delta(nnlib.softmax(W @ _CE_X), _CE_Y, "multiclass"), _CE_X)


def _directional_cases(rng):
    x = rng.normal(size=3)
    s = rng.normal(size=(2, 3))
    W = rng.normal(size=(3, 2))
    c = np.array([1.0, -0.5, 2.0])
    return [
        ("f(x) = ½‖x‖² with its gradient x", (_half_norm, x, x)),
        ("f(x) = Σ sin x with its gradient cos x", (_sin_sum, np.cos(s), s)),
        ("f(W) = cross-entropy of softmax(W X) with its gradient (ŷ − y) Xᵀ / m",
         (_softmax_cost, _softmax_cost_gradient(W), W)),
        ("f(x) = Σ x³ with a wrong gradient 3x", (_sum_of_cubes, 3 * c, c)),
        ("f(x) = ½‖x‖² with the gradient's sign flipped", (_half_norm, -x, x)),
    ]


directional_check = Checker(
    "directional_check", _directional_check, _directional_cases, kind="bug", asks=(),
    ladder=[
        "f(x) = ½‖x‖² has the gradient x: what must the routine return for "
        "it, and what does it return?",
        "A result near 1/3 means that the two slopes differ by a factor of 2 (rel(a, "
        "2a) = 1/3): print both. Which two points does eq-centred-difference need, how "
        "far apart are they, and at which points does the routine really evaluate f?",
        "The routine steps down from `x_plus`, so its second point is x itself. Step "
        "down from x: `x_minus = x - eps * v`.",
    ],
    mistakes=[
        Mistake("not fixed yet: your check still rejects a gradient that is "
                "right; try it on f(x) = ½‖x‖², whose gradient is x, and print "
                "the two slopes it compares",
                lambda f, grad, x: _directional(f, grad, x, _forward_half)),
        Mistake("your difference is twice the slope: the points x − εv and x + εv "
                "are 2ε apart, so divide by 2ε",
                lambda f, grad, x: _directional(
                    f, grad, x, lambda f, x, step: 2 * _centred(f, x, step))),
        Mistake("you now compute a one-sided difference, (f(x + εv) − f(x)) / ε: "
                "its error O(ε) ≈ 1e-6 makes a right gradient look suspicious; "
                "step to both sides of x",
                lambda f, grad, x: _directional(
                    f, grad, x, lambda f, x, step: (f(x + step) - f(x)) / _STEP)),
        Mistake("your difference has the wrong sign: f at x + εv comes first, "
                "f at x − εv is subtracted",
                lambda f, grad, x: _directional(
                    f, grad, x, lambda f, x, step: -_centred(f, x, step))),
    ],
)
