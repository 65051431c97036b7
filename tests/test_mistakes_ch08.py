"""Chapter 8 (the output error δ^[N]): typical wrong answers get their specific diagnosis."""
from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib import check


def _softmax(z):
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


JACOBIAN_MISTAKES = [
    ("diag only", lambda z: np.diag(_softmax(z)), "you returned diag(ŷ) only"),
    ("outer product only", lambda z: -np.outer(_softmax(z), _softmax(z)), "you returned −ŷŷᵀ only"),
    ("sign flipped", lambda z: np.outer(_softmax(z), _softmax(z)) - np.diag(_softmax(z)), "the sign is flipped"),
    ("inner product", lambda z: np.diag(_softmax(z)) - _softmax(z) @ _softmax(z), "outer product"),
    ("element-wise diagonal", lambda z: np.diag(_softmax(z) * (1 - _softmax(z))), "as if softmax were element-wise"),
    ("z instead of ŷ", lambda z: np.diag(z) - np.outer(z, z), "you used z where ŷ = softmax(z) belongs"),
    ("overflow", lambda z: np.diag(np.exp(z) / np.exp(z).sum()) - np.outer(np.exp(z), np.exp(z)) / np.exp(z).sum() ** 2,
     "overflow"),
]

SOFTMAX_DELTA_MISTAKES = [
    ("y − ŷ", lambda z, Y: Y - _softmax(z), "the sign is flipped"),
    ("element-wise", lambda z, Y: -Y / _softmax(z) * _softmax(z) * (1 - _softmax(z)), "you treated softmax as element-wise"),
    ("forgot softmax", lambda z, Y: z - Y, "apply softmax first"),
    ("∇_ŷ L only", lambda z, Y: -Y / _softmax(z), "the gradient with respect to ŷ"),
    ("forgot y", lambda z, Y: _softmax(z), "forgot to subtract y"),
    ("divided by m", lambda z, Y: (_softmax(z) - Y) / z.shape[1], "you divided by m"),
]

SIG_SE_MISTAKES = [
    ("shortcut ŷ − y", lambda z, Y: nnlib.sigmoid(z) - Y, "nothing cancels the factor σ′(z)"),
    ("sign flipped", lambda z, Y: (Y - nnlib.sigmoid(z)) * nnlib.sigmoid_prime(z), "the sign is flipped"),
    ("σ instead of σ′", lambda z, Y: (nnlib.sigmoid(z) - Y) * nnlib.sigmoid(z), "you multiplied by σ(z)"),
    ("z instead of ŷ", lambda z, Y: (z - Y) * nnlib.sigmoid_prime(z), "you used z where ŷ = σ(z) belongs"),
    ("z(1 − z)", lambda z, Y: (nnlib.sigmoid(z) - Y) * z * (1 - z), "you computed z(1 − z)"),
    ("added σ′", lambda z, Y: nnlib.sigmoid(z) - Y + nnlib.sigmoid_prime(z), "you added σ′(z)"),
]


@pytest.mark.parametrize("label,fn,message", JACOBIAN_MISTAKES, ids=[c[0] for c in JACOBIAN_MISTAKES])
def test_softmax_jacobian_column_mistakes(label, fn, message):
    with np.errstate(all="ignore"):
        result = check.softmax_jacobian_column(fn)
    assert not result.passed
    assert message in result.message, result.message


@pytest.mark.parametrize("label,fn,message", SOFTMAX_DELTA_MISTAKES, ids=[c[0] for c in SOFTMAX_DELTA_MISTAKES])
def test_softmax_output_delta_mistakes(label, fn, message):
    result = check.softmax_output_delta(fn)
    assert not result.passed
    assert message in result.message, result.message


@pytest.mark.parametrize("label,fn,message", SIG_SE_MISTAKES, ids=[c[0] for c in SIG_SE_MISTAKES])
def test_sigmoid_squared_error_delta_mistakes(label, fn, message):
    result = check.sigmoid_squared_error_delta(fn)
    assert not result.passed
    assert message in result.message, result.message


def test_the_jacobian_route_through_minus_y_over_y_hat_is_caught_at_extreme_logits():
    def via_jacobian(z, Y):
        y_hat = _softmax(z)
        grad = -Y / y_hat
        return np.column_stack([(np.diag(y_hat[:, e]) - np.outer(y_hat[:, e], y_hat[:, e])).T @ grad[:, e]
                                for e in range(z.shape[1])])

    with np.errstate(all="ignore"):
        result = check.softmax_output_delta(via_jacobian)
    assert not result.passed and "±1000" in result.message and "division by zero" in result.message, result.message


def test_right_answers_pass():
    assert check.softmax_jacobian_column(lambda z: np.diag(_softmax(z)) - np.outer(_softmax(z), _softmax(z)))
    assert check.softmax_output_delta(lambda z, Y: _softmax(z) - Y)
    assert check.sigmoid_squared_error_delta(lambda z, Y: (nnlib.sigmoid(z) - Y) * nnlib.sigmoid_prime(z))
