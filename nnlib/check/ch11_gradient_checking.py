"""Chapter 11 (gradient checking): the centred difference, and the relative error of two gradients."""
from __future__ import annotations

import numpy as np

import nnlib

from .engine import Checker, Hint, Mistake

_CE_X = np.array([[1.0, -0.5, 2.0, 0.3], [0.5, 1.5, -1.0, -2.0]])  # 2 inputs, 4 examples
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
        ("f(x) = Σ x³, x = [1, −0.5, 2], ε = 0.01", (_sum_of_cubes, np.array([1.0, -0.5, 2.0]), 0.01)),
        ("f(W) = cross-entropy of softmax(W X), W of shape (3, 2), ε = 1e-3",
         (_softmax_cost, rng.normal(size=(3, 2)), 1e-3)),
        ("f(x) = exp(x₀)·x₁ + sin(x₁), x of shape (2, 1), ε = 0.1",
         (_exp_mix, np.array([[0.5], [-1.2]]), 0.1)),
        ("f(x) = x₀², which ignores x₁ and x₂, ε = 0.05", (_first_squared, np.array([1.5, 2.0, -3.0]), 0.05)),
    ]


def _per_entry(f, x, eps, quotient):
    """For each entry x[i], ``quotient(one_sided, centred)`` of f along that entry, the others fixed.

    The two difference quotients are :func:`nnlib.difference_quotients` of f as a function
    of the one number x[i].
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
    "centred_difference", nnlib.numerical_gradient, _centred_cases, ("f", "x", "eps"),
    mistakes=[
        Mistake("you used the one-sided difference (f(x + ε) − f(x)) / ε; use the centred difference "
                "(f(x + ε) − f(x − ε)) / 2ε: its error is O(ε²) instead of O(ε)",
                lambda f, x, eps: _per_entry(f, x, eps, lambda one_sided, centred: one_sided)),
        Mistake("you used the one-sided difference (f(x) − f(x − ε)) / ε; use both neighbours: "
                "(f(x + ε) − f(x − ε)) / 2ε",
                lambda f, x, eps: _per_entry(f, x, eps, lambda one_sided, centred: 2 * centred - one_sided)),
        Mistake("you computed (f(x + ε) − f(x)) / 2ε: the second point must be x − ε, not x "
                "(after x[i] = old + ε, set x[i] = old − ε)",
                lambda f, x, eps: _per_entry(f, x, eps, lambda one_sided, centred: one_sided / 2)),
        Mistake("your result is 2 times too large: you divided by ε instead of 2ε (the points x − ε and "
                "x + ε are 2ε apart)",
                lambda f, x, eps: 2 * nnlib.numerical_gradient(f, x, eps)),
        Mistake("you forgot to divide the difference f(x + ε) − f(x − ε) by 2ε",
                lambda f, x, eps: 2 * eps * nnlib.numerical_gradient(f, x, eps)),
        Mistake("you moved every entry of x at once; move one entry at a time (x[i] ± ε, the others fixed) "
                "to get the partial derivative ∂f/∂x_i",
                lambda f, x, eps: np.full(x.shape, nnlib.difference_quotients(f, x, eps)[1])),
    ],
    hints=[
        # A changed input is found before any value is compared, so no Mistake can name it.
        Hint("After evaluating f at x[i] + ε and x[i] − ε, put the saved value back (old = x[i] … "
             "x[i] = old), or work on a copy. Adding and subtracting ε does not always return exactly to "
             "the old number in floating point, and a gradient check must leave the parameters as it "
             "found them",
             lambda args, problem: "changed its input `x`" in problem),
    ],
)


def _norm(x):
    return np.linalg.norm(x)


def _relative_cases(rng):
    a = rng.normal(size=(3, 4))
    c = rng.normal(size=6)
    return [
        ("a, b of shape (3, 4), unrelated", (rng.normal(size=(3, 4)), 2.0 * rng.normal(size=(3, 4)))),
        ("a, b of shape (3, 4) that nearly agree", (a, a + 1e-3 * rng.normal(size=(3, 4)))),
        ("a = [3, 4], b = [3, 4.001]", (np.array([3.0, 4.0]), np.array([3.0, 4.001]))),
        ("b = 2a", (c, 2 * c)),
        ("b is all zero", (rng.normal(size=(2, 2)), np.zeros((2, 2)))),
        ("a and b both all zero", (np.zeros(3), np.zeros(3))),
    ]


_ONE_NORM = ("you divided by one norm only (‖a‖, ‖b‖ or the larger of the two); divide by the sum "
             "‖a‖ + ‖b‖, which treats a and b alike and is 0 only when both are")
_ZERO_GUARD = ("the denominator ‖a‖ + ‖b‖ is 0 when a = b = 0; return 0.0 in that case "
               "(two zero gradients agree perfectly)")


def _unguarded(a, b):
    return _norm(a - b) / (_norm(a) + _norm(b))


relative_error = Checker(
    "relative_error", nnlib.relative_error, _relative_cases, ("a", "b"),
    mistakes=[
        Mistake("you returned ‖a − b‖, the absolute error; divide it by ‖a‖ + ‖b‖ to make it relative",
                lambda a, b: _norm(a - b)),
        Mistake(_ONE_NORM, lambda a, b: _norm(a - b) / _norm(a)),
        Mistake(_ONE_NORM, lambda a, b: _norm(a - b) / _norm(b)),
        Mistake("you divided by ‖a + b‖; the denominator is ‖a‖ + ‖b‖ (take the norms first, then add)",
                lambda a, b: _norm(a - b) / _norm(a + b)),
        Mistake("you used squared norms; ‖x‖ is the square root of the sum of squares (np.linalg.norm(x))",
                lambda a, b: np.sum((a - b) ** 2) / (np.sum(a ** 2) + np.sum(b ** 2))),
        Mistake("you used sums of absolute values (the 1-norm); use the Euclidean norm np.linalg.norm",
                lambda a, b: np.sum(np.abs(a - b)) / (np.sum(np.abs(a)) + np.sum(np.abs(b)))),
        Mistake("you compared entry by entry; the relative error divides the norm of the whole difference "
                "by the norms of the whole arrays",
                lambda a, b: np.max(np.abs(a - b) / (np.abs(a) + np.abs(b)))),
        Mistake(f"your result is not a number here: {_ZERO_GUARD}", _unguarded),
        Mistake(_ZERO_GUARD, lambda a, b: float(_norm(a - b)) / (float(_norm(a)) + float(_norm(b)))),
    ],
    hints=[
        # Advice for whatever goes wrong on this case (inf, nan or ZeroDivisionError),
        # however the division by ‖b‖ alone was written.
        Hint("You divided by ‖b‖ alone, which is 0 here; divide by ‖a‖ + ‖b‖, which is 0 only when both are",
             lambda args, problem: not np.any(args[1]) and np.any(args[0])
             and any(word in problem for word in ("inf", "nan", "ZeroDivisionError"))),
    ],
)
