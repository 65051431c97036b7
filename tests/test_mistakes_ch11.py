"""Chapter 11 (gradient checking): typical wrong answers get their specific diagnosis."""
from __future__ import annotations

import numpy as np
import pytest

from nnlib import check


def _loop(x):
    return list(np.ndindex(x.shape))


def one_sided(f, x, eps):
    grad = np.zeros_like(x)
    for i in _loop(x):
        old = x[i]
        f0 = f(x)
        x[i] = old + eps
        f_plus = f(x)
        x[i] = old
        grad[i] = (f_plus - f0) / eps
    return grad


def backward_one_sided(f, x, eps):
    grad = np.zeros_like(x)
    for i in _loop(x):
        old = x[i]
        f0 = f(x)
        x[i] = old - eps
        f_minus = f(x)
        x[i] = old
        grad[i] = (f0 - f_minus) / eps
    return grad


def forgot_to_restore(f, x, eps):
    grad = np.zeros_like(x)
    for i in _loop(x):
        x[i] += eps
        f_plus = f(x)
        x[i] -= 2 * eps
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def restored_by_adding(f, x, eps):
    """Restores x by arithmetic, not by assignment: x[i] may end one rounding step away."""
    grad = np.zeros_like(x)
    for i in _loop(x):
        x[i] += eps
        f_plus = f(x)
        x[i] -= 2 * eps
        f_minus = f(x)
        x[i] += eps
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def divided_by_eps(f, x, eps):
    grad = np.zeros_like(x)
    for i in _loop(x):
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        grad[i] = (f(xp) - f(xm)) / eps
    return grad


def not_divided(f, x, eps):
    grad = np.zeros_like(x)
    for i in _loop(x):
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        grad[i] = f(xp) - f(xm)
    return grad


def forgot_the_minus(f, x, eps):
    grad = np.zeros_like(x)
    for i in _loop(x):
        xp = x.copy()
        xp[i] += eps
        grad[i] = (f(xp) - f(x)) / (2 * eps)
    return grad


def all_at_once(f, x, eps):
    return np.full_like(x, (f(x + eps) - f(x - eps)) / (2 * eps))


CENTRED_MISTAKES = [
    ("one-sided", one_sided, "you used the one-sided difference (f(x + ε) − f(x)) / ε"),
    ("backward one-sided", backward_one_sided, "you used the one-sided difference (f(x) − f(x − ε)) / ε"),
    ("forgot to restore x", forgot_to_restore, "put the saved value back"),
    ("divided by ε", divided_by_eps, "you divided by ε instead of 2ε"),
    ("not divided", not_divided, "you forgot to divide the difference"),
    ("x instead of x − ε", forgot_the_minus, "the second point must be x − ε"),
    ("all entries at once", all_at_once, "you moved every entry of x at once"),
]


@pytest.mark.parametrize("label,fn,message", CENTRED_MISTAKES, ids=[c[0] for c in CENTRED_MISTAKES])
def test_centred_difference_mistakes(label, fn, message):
    result = check.centred_difference(fn)
    assert not result.passed
    assert message in result.message, result.message


def test_restoring_by_arithmetic_is_named_when_it_changes_x():
    result = check.centred_difference(restored_by_adding)
    if not result.passed:  # whether x[i] + ε − 2ε + ε == x[i] depends on the numbers
        assert "does not always return exactly to the old number" in result.message, result.message


def nrm(x):
    return np.linalg.norm(x)


RELATIVE_MISTAKES = [
    ("absolute error", lambda a, b: nrm(a - b), "the absolute error"),
    ("divided by ‖b‖", lambda a, b: nrm(a - b) / nrm(b), "you divided by one norm only"),
    ("divided by ‖a‖", lambda a, b: nrm(a - b) / nrm(a), "you divided by one norm only"),
    ("divided by ‖a + b‖", lambda a, b: nrm(a - b) / nrm(a + b), "you divided by ‖a + b‖"),
    ("divided by the max", lambda a, b: nrm(a - b) / max(nrm(a), nrm(b)), "the larger of the two"),
    ("squared norms", lambda a, b: np.sum((a - b) ** 2) / (np.sum(a ** 2) + np.sum(b ** 2)), "squared norms"),
    ("1-norms", lambda a, b: np.sum(np.abs(a - b)) / (np.sum(np.abs(a)) + np.sum(np.abs(b))), "the 1-norm"),
    ("entry by entry", lambda a, b: np.max(np.abs(a - b) / (np.abs(a) + np.abs(b))), "entry by entry"),
    ("no zero guard", lambda a, b: nrm(a - b) / (nrm(a) + nrm(b)), "return 0.0 in that case"),
    ("no zero guard, Python floats",
     lambda a, b: float(nrm(a - b)) / (float(nrm(a)) + float(nrm(b))), "return 0.0 in that case"),
]


@pytest.mark.parametrize("label,fn,message", RELATIVE_MISTAKES, ids=[c[0] for c in RELATIVE_MISTAKES])
def test_relative_error_mistakes(label, fn, message):
    with np.errstate(all="ignore"):
        result = check.relative_error(fn)
    assert not result.passed
    assert message in result.message, result.message
