"""Chapter 5 (squared error): typical wrong answers get their specific diagnosis."""
from __future__ import annotations

import numpy as np
import pytest

from nnlib import check


def _m(y_hat):
    return y_hat.shape[1]


COST_MISTAKES = [
    ("forgot the ½", lambda y_hat, Y: float(np.sum((y_hat - Y) ** 2) / _m(y_hat)), "forgot the ½"),
    ("summed over m", lambda y_hat, Y: float(0.5 * np.sum((y_hat - Y) ** 2)), "summed the losses of the examples"),
    ("no ½, summed", lambda y_hat, Y: float(np.sum((y_hat - Y) ** 2)), "forgot the ½ and summed"),
    ("averaged over units", lambda y_hat, Y: float(np.mean(0.5 * (y_hat - Y) ** 2)), "averaged over the output units"),
    ("np.mean of squares", lambda y_hat, Y: float(np.mean((y_hat - Y) ** 2)), "np.mean((ŷ − y)²)"),
    ("not squared", lambda y_hat, Y: float(0.5 * np.sum(np.abs(y_hat - Y)) / _m(y_hat)), "did not square"),
    ("per-example losses", lambda y_hat, Y: 0.5 * np.sum((y_hat - Y) ** 2, axis=0), "expected a single number"),
]

GRAD_MISTAKES = [
    ("y − ŷ", lambda y_hat, Y: Y - y_hat, "you computed y − ŷ"),
    ("kept the 2", lambda y_hat, Y: 2 * (y_hat - Y), "the ½ cancels the 2"),
    ("halved", lambda y_hat, Y: 0.5 * (y_hat - Y), "you halved"),
    ("divided by m", lambda y_hat, Y: (y_hat - Y) / y_hat.shape[1], "you divided by m"),
    ("returned the loss", lambda y_hat, Y: 0.5 * (y_hat - Y) ** 2, "not its derivative"),
    ("summed over examples", lambda y_hat, Y: np.sum(y_hat - Y, axis=1, keepdims=True), "wrong shape"),
]


@pytest.mark.parametrize("label,fn,message", COST_MISTAKES, ids=[c[0] for c in COST_MISTAKES])
def test_squared_error_cost_mistakes(label, fn, message):
    result = check.squared_error_cost(fn)
    assert not result.passed
    assert message in result.message, result.message


@pytest.mark.parametrize("label,fn,message", GRAD_MISTAKES, ids=[c[0] for c in GRAD_MISTAKES])
def test_squared_error_grad_mistakes(label, fn, message):
    result = check.squared_error_grad(fn)
    assert not result.passed
    assert message in result.message, result.message


def test_right_answers_pass():
    assert check.squared_error_cost(lambda y_hat, Y: 0.5 * np.sum((y_hat - Y) ** 2) / y_hat.shape[1])
    assert check.squared_error_grad(lambda y_hat, Y: y_hat - Y)
