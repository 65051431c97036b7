"""Chapter 6 (binary cross-entropy): typical wrong answers get their specific diagnosis."""
from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib import check
from nnlib.losses import EPS


def _p(y_hat):
    return np.clip(y_hat, EPS, 1 - EPS)


def right_bce(y_hat, Y):
    p = _p(y_hat)
    return float(-np.sum(Y * np.log(p) + (1 - Y) * np.log(1 - p)) / y_hat.shape[1])


BCE_MISTAKES = [
    ("missing minus", lambda y_hat, Y: -right_bce(y_hat, Y), "missing minus sign"),
    ("not clipped", lambda y_hat, Y: float(-np.sum(Y * np.log(y_hat) + (1 - Y) * np.log(1 - y_hat)) / y_hat.shape[1]),
     "Clip ŷ to [EPS, 1 − EPS]"),
    ("not averaged", lambda y_hat, Y: right_bce(y_hat, Y) * y_hat.shape[1], "not averaged over the examples"),
    ("averaged over units", lambda y_hat, Y: right_bce(y_hat, Y) / y_hat.shape[0], "averaged over the output units"),
    ("only y log ŷ", lambda y_hat, Y: float(-np.sum(Y * np.log(_p(y_hat))) / y_hat.shape[1]), "kept only the y log ŷ term"),
    ("only (1 − y) term", lambda y_hat, Y: float(-np.sum((1 - Y) * np.log(1 - _p(y_hat))) / y_hat.shape[1]),
     "kept only the (1 − y) log(1 − ŷ) term"),
    ("swapped pairs", lambda y_hat, Y: float(-np.sum(Y * np.log(1 - _p(y_hat)) + (1 - Y) * np.log(_p(y_hat))) / y_hat.shape[1]),
     "you paired y with log(1 − ŷ)"),
    ("log10", lambda y_hat, Y: right_bce(y_hat, Y) / np.log(10), "natural logarithm"),
    ("other EPS", lambda y_hat, Y: float(-np.sum(Y * np.log(np.clip(y_hat, 1e-7, 1 - 1e-7))
                                               + (1 - Y) * np.log(1 - np.clip(y_hat, 1e-7, 1 - 1e-7))) / y_hat.shape[1]),
     "EPS = nnlib.losses.EPS = 1e-15"),
]

LOGIT_MISTAKES = [
    ("y − σ(z)", lambda z, Y: Y - nnlib.sigmoid(z), "you computed y − σ(z)"),
    ("z − y", lambda z, Y: z - Y, "you used z − y"),
    ("σ(z) only", lambda z, Y: nnlib.sigmoid(z), "forgot to subtract the target"),
    ("times σ′", lambda z, Y: (nnlib.sigmoid(z) - Y) * nnlib.sigmoid_prime(z), "gradient of the squared error"),
    ("∂L/∂ŷ", lambda z, Y: nnlib.binary_cross_entropy_grad(nnlib.sigmoid(z), Y), "you returned ∂L/∂ŷ"),
    ("divided by m", lambda z, Y: (nnlib.sigmoid(z) - Y) / z.shape[1], "you divided by m"),
    ("unstable sigmoid", lambda z, Y: np.exp(z) / (1 + np.exp(z)) - Y, "nnlib.sigmoid(z), which never overflows"),
]


@pytest.mark.parametrize("label,fn,message", BCE_MISTAKES, ids=[c[0] for c in BCE_MISTAKES])
def test_binary_cross_entropy_cost_mistakes(label, fn, message):
    with np.errstate(all="ignore"):
        result = check.binary_cross_entropy_cost(fn)
    assert not result.passed
    assert message in result.message, result.message


@pytest.mark.parametrize("label,fn,message", LOGIT_MISTAKES, ids=[c[0] for c in LOGIT_MISTAKES])
def test_bce_grad_logit_mistakes(label, fn, message):
    with np.errstate(all="ignore"):
        result = check.bce_grad_logit(fn)
    assert not result.passed
    assert message in result.message, result.message


def test_right_answers_pass():
    assert check.binary_cross_entropy_cost(right_bce)
    assert check.bce_grad_logit(lambda z, Y: nnlib.sigmoid(z) - Y)


# ---- the nnlib functions added for chapters 6 and 7
def test_bce_grad_logit_is_the_chain_rule_and_matches_centred_differences():
    rng = np.random.default_rng(0)
    z = rng.normal(0, 2, size=(2, 5))
    Y = rng.integers(0, 2, size=(2, 5)).astype(float)
    chain = nnlib.binary_cross_entropy_grad(nnlib.sigmoid(z), Y) * nnlib.sigmoid_prime(z)
    assert np.allclose(nnlib.bce_grad_logit(z, Y), chain)
    numeric = nnlib.numerical_gradient(lambda q: 5 * nnlib.binary_cross_entropy_from_logits(q, Y), z.copy())
    assert nnlib.relative_error(nnlib.bce_grad_logit(z, Y), numeric) < 1e-7


def test_losses_from_logits_agree_with_probabilities_and_stay_exact():
    rng = np.random.default_rng(1)
    z = rng.normal(0, 2, size=(3, 4))
    Y = rng.integers(0, 2, size=(3, 4)).astype(float)
    assert nnlib.binary_cross_entropy_from_logits(z, Y) == pytest.approx(nnlib.binary_cross_entropy_cost(nnlib.sigmoid(z), Y))
    labels = rng.integers(0, 3, size=4)
    assert nnlib.cross_entropy_from_logits(z, labels) == pytest.approx(nnlib.cross_entropy_cost(nnlib.softmax(z), labels))
    # far beyond where clipping caps the loss at −log EPS ≈ 34.5
    assert nnlib.binary_cross_entropy_from_logits(np.array([[-1000.0]]), np.array([[1.0]])) == pytest.approx(1000.0)
    assert nnlib.cross_entropy_from_logits(np.array([[1000.0], [0.0]]), np.array([1])) == pytest.approx(1000.0)
