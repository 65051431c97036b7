"""Chapter 6 (binary cross-entropy): the cost J, its gradient by the logit of a tempered
sigmoid, a weighted loss."""

from __future__ import annotations

import numpy as np

import nnlib
from nnlib.losses import CLIP

from ._cases import NATURAL_LOG, m_columns
from .engine import Checker, Hint, Mistake


def _bce_cases(rng):
    return [
        (
            "one output, m = 4: ŷ = [0.9, 0.2, 0.6, 0.3], y = [1, 0, 0, 1]",
            (np.array([[0.9, 0.2, 0.6, 0.3]]), np.array([[1.0, 0.0, 0.0, 1.0]])),
        ),
        (
            "2 outputs, m = 5",
            (
                rng.uniform(0.05, 0.95, size=(2, 5)),
                rng.integers(0, 2, size=(2, 5)).astype(float),
            ),
        ),
        (
            "one example with 3 outputs (m = 1)",
            (np.array([[0.7], [0.1], [0.5]]), np.array([[1.0], [1.0], [0.0]])),
        ),
        (
            "ŷ exactly 0 or 1, right and confidently wrong",
            (np.array([[1.0, 0.0, 0.0, 1.0]]), np.array([[1.0, 0.0, 1.0, 0.0]])),
        ),
    ]


_bce = nnlib.binary_cross_entropy_cost


def _logs(y_hat):
    """log ŷ and log(1 − ŷ), with ŷ clipped to [CLIP, 1 − CLIP] as nnlib does."""
    p = np.clip(y_hat, CLIP, 1 - CLIP)
    return np.log(p), np.log(1 - p)


binary_cross_entropy_cost = Checker(
    "binary_cross_entropy_cost",
    _bce,
    _bce_cases,
    m_of=m_columns,
    ladder=[
        "Which of the two terms of the loss survives when y = 1, and what must happen "
        "to ŷ before a log sees it?",
        "Three steps. Clip the probabilities into [CLIP, 1 − CLIP] first (np.clip), so "
        "that no log sees 0. Then each entry contributes y log ŷ + (1 − y) log(1 − ŷ), "
        "of which one term is zero. Finally sum over all entries, negate, and divide "
        "by the number of columns m (not by the number of entries).",
        "`p = np.clip(y_hat, nnlib.losses.CLIP, 1 - nnlib.losses.CLIP)`, then "
        "`-np.sum(Y * np.log(p) + (1 - Y) * np.log(1 - p)) / m` with `m = "
        "y_hat.shape[1]`, as a float.",
    ],
    mistakes=[
        Mistake(
            "missing minus sign: log ŷ ≤ 0, so 𝓛 = −(y log ŷ + (1 − y) log(1 − ŷ)) "
            "needs the leading minus to be ≥ 0",
            lambda y_hat, Y: -_bce(y_hat, Y),
        ),
        Mistake(
            "not averaged over the examples: J = (1/m) "
            "Σ 𝓛 averages the losses of the m columns",
            lambda y_hat, Y: _bce(y_hat, Y) * y_hat.shape[1],
        ),
        Mistake(
            "you averaged over the output units too (a mean of every entry divides by "
            "n_N · m); with several binary outputs the loss of one example sums over "
            "its units, and only the m examples are averaged",
            lambda y_hat, Y: _bce(y_hat, Y) / y_hat.shape[0],
        ),
        Mistake(
            "you kept only the y log ŷ term; the (1 − y) log(1 − ŷ) term is what "
            "scores the examples whose target is 0",
            lambda y_hat, Y: -np.sum(Y * _logs(y_hat)[0]) / y_hat.shape[1],
        ),
        Mistake(
            "you kept only the (1 − y) log(1 − ŷ) term; the y log ŷ term is what "
            "scores the examples whose target is 1",
            lambda y_hat, Y: -np.sum((1 - Y) * _logs(y_hat)[1]) / y_hat.shape[1],
        ),
        Mistake(
            "you paired y with log(1 − ŷ); the right pairs "
            "are y with log ŷ and (1 − y) with log(1 − ŷ)",
            lambda y_hat, Y: (
                -np.sum(Y * _logs(y_hat)[1] + (1 - Y) * _logs(y_hat)[0])
                / y_hat.shape[1]
            ),
        ),
        Mistake(NATURAL_LOG, lambda y_hat, Y: _bce(y_hat, Y) / np.log(10)),
        Mistake(NATURAL_LOG, lambda y_hat, Y: _bce(y_hat, Y) / np.log(2)),
        Mistake(
            "your result is not finite where ŷ is exactly 0 or 1: log 0 = −inf, and 0 "
            "· log 0 gives nan even when the prediction is right. The exercise clips ŷ "
            "into [ε, 1 − ε] before any log",
            lambda y_hat, Y: (
                -np.sum(Y * np.log(y_hat) + (1 - Y) * np.log(1 - y_hat))
                / y_hat.shape[1]
            ),
        ),
    ],
    hints=[
        # A property of the case, whatever the learner's value: clipped elsewhere than
        # at CLIP, or not at all, the loss at ŷ = 0 or 1 comes out another number.
        Hint(
            "ŷ is exactly 0 or 1 here: the loss there depends on where ŷ is clipped, "
            "and the exercise clips it into [ε, 1 − ε] with ε = 1e-15 "
            "(nnlib.losses.CLIP), no more and no less",
            lambda args, problem: bool(np.any((args[0] == 0) | (args[0] == 1))),
        ),
    ],
)


def _overflowing_sigmoid(z):
    """σ(z) as e^z / (1 + e^z): inf / inf = nan for z = 1000."""
    return np.exp(z) / (1 + np.exp(z))


def _tempered_dz(z, Y, T):
    """∂𝓛/∂z of the binary cross-entropy at ŷ = σ(z/T): (σ(z/T) − y) / T, the chain rule
    through u = z/T."""
    return (nnlib.sigmoid(z / T) - Y) / T


def _tempered_cases(rng):
    return [
        (
            "T = 1 (the sigmoid itself), z = [2, −1, 0, −3], y = [1, 0, 1, 1]",
            (np.array([[2.0, -1.0, 0.0, -3.0]]), np.array([[1.0, 0.0, 1.0, 1.0]]), 1.0),
        ),
        (
            "T = 2, z = [2, −1, 0, −3], y = [1, 0, 1, 0]",
            (np.array([[2.0, -1.0, 0.0, -3.0]]), np.array([[1.0, 0.0, 1.0, 0.0]]), 2.0),
        ),
        (
            "T = 0.5, 2 outputs, m = 5",
            (
                rng.normal(0, 3, size=(2, 5)),
                rng.integers(0, 2, size=(2, 5)).astype(float),
                0.5,
            ),
        ),
        (
            "T = 0.1, z = ±1000 (confidently right and wrong)",
            (
                np.array([[-1000.0, -1000.0, 0.0, 1000.0, 1000.0]]),
                np.array([[0.0, 1.0, 1.0, 1.0, 0.0]]),
                0.1,
            ),
        ),
    ]


tempered_bce_dz = Checker(
    "tempered_bce_dz",
    _tempered_dz,
    _tempered_cases,
    m_of=m_columns,
    kind="variant",
    asks=(),
    ladder=[
        "Write ŷ = σ(u) with u = z/T: what is ∂𝓛/∂u (eq-bce-dz), and what does the "
        "chain rule add on the way from u to z?",
        "eq-bce-dz is the derivative by the sigmoid's own input: ∂𝓛/∂u "
        "= σ(u) − y, with σ′ already cancelled. Here that input is u = "
        "z/T, so one more factor of the chain rule, ∂u/∂z, is left. "
        "Compute σ(z/T) with nnlib.sigmoid, which never overflows.",
        "One line: `(nnlib.sigmoid(z / T) - Y) / T`.",
    ],
    mistakes=[
        Mistake(
            "you stopped at ∂𝓛/∂u, the derivative by u = z/T; the chain rule from u to "
            "z multiplies by ∂u/∂z = 1/T",
            lambda z, Y, T: nnlib.sigmoid(z / T) - Y,
        ),
        Mistake(
            "you multiplied by T; the chain rule multiplies by ∂u/∂z, and u = z/T "
            "changes by 1/T per unit of z",
            lambda z, Y, T: (nnlib.sigmoid(z / T) - Y) * T,
        ),
        Mistake(
            "you took the sigmoid of z; the prediction here is σ(z/T), and the "
            "temperature divides the logit before the sigmoid",
            lambda z, Y, T: (nnlib.sigmoid(z) - Y) / T,
        ),
        Mistake(
            "that is eq-bce-dz for T = 1; with a temperature the prediction is σ(z/T), "
            "and the chain rule adds the factor ∂u/∂z for u = z/T",
            lambda z, Y, T: nnlib.sigmoid(z) - Y,
        ),
        Mistake(
            "wrong sign: ∂𝓛/∂z is negative where y = 1 (the "
            "loss falls as z grows), you have it positive",
            lambda z, Y, T: (Y - nnlib.sigmoid(z / T)) / T,
        ),
        Mistake(
            "you kept σ′: with binary cross-entropy it cancels the denominator of "
            "∂𝓛/∂ŷ (eq-bce-dz); keeping it gives the squared error's gradient",
            lambda z, Y, T: (nnlib.sigmoid(z / T) - Y) * nnlib.sigmoid_prime(z / T) / T,
        ),
        Mistake(
            "you returned ∂𝓛/∂ŷ; the chain rule still "
            "multiplies it by σ′(u) and by ∂u/∂z",
            lambda z, Y, T: nnlib.binary_cross_entropy_grad(nnlib.sigmoid(z / T), Y),
        ),
        Mistake(
            "you divided by m: return ∂𝓛/∂z of each example (one column each), not the "
            "gradient of the average J",
            lambda z, Y, T: _tempered_dz(z, Y, T) / z.shape[1],
        ),
        Mistake(
            "e^u / (1 + e^u) is inf/inf = nan for u = "
            "z/T = 10000: nnlib's sigmoid never overflows",
            lambda z, Y, T: (_overflowing_sigmoid(z / T) - Y) / T,
        ),
    ],
)


# ------------------------------------------------------------- derived: a weighted loss
def _weighted(y_hat, Y, w):
    """w y (ŷ − 1) + (1 − y) ŷ: ∂𝓛/∂z of 𝓛 = −(w y log ŷ + (1 − y) log(1 − ŷ)), ŷ =
    σ(z)."""
    return w * Y * (y_hat - 1.0) + (1.0 - Y) * y_hat


def _weighted_dz(z, Y, w):
    """The reference: :func:`_weighted` at ŷ = σ(z)."""
    return _weighted(nnlib.sigmoid(z), Y, w)


def _weighted_cases(rng):
    return [
        (
            "w = 1 (the plain binary cross-entropy), "
            "z = [2, −1, 0, −3], y = [1, 0, 1, 1]",
            (np.array([[2.0, -1.0, 0.0, -3.0]]), np.array([[1.0, 0.0, 1.0, 1.0]]), 1.0),
        ),
        (
            "w = 3, z = [2, −1, 0, −3], y = [1, 0, 1, 0]",
            (np.array([[2.0, -1.0, 0.0, -3.0]]), np.array([[1.0, 0.0, 1.0, 0.0]]), 3.0),
        ),
        (
            "w = 0.5, 2 outputs, m = 5",
            (
                rng.normal(0, 3, size=(2, 5)),
                rng.integers(0, 2, size=(2, 5)).astype(float),
                0.5,
            ),
        ),
        (
            "w = 10, z = ±1000 (confidently right and wrong)",
            (
                np.array([[-1000.0, -1000.0, 1000.0, 1000.0]]),
                np.array([[0.0, 1.0, 1.0, 0.0]]),
                10.0,
            ),
        ),
    ]


def _dL_dy_hat(z, Y, w):
    y_hat = np.clip(nnlib.sigmoid(z), CLIP, 1 - CLIP)
    return -w * Y / y_hat + (1 - Y) / (1 - y_hat)


weighted_bce_dz = Checker(
    "weighted_bce_dz",
    _weighted_dz,
    _weighted_cases,
    m_of=m_columns,
    kind="derive",
    asks=(),
    ladder=[
        "What is ∂𝓛/∂ŷ for y = 1 and for y = 0, and "
        "what does σ′(z) = ŷ(1 − ŷ) cancel in each?",
        "Take the two targets apart. For y = 1 only −w log σ(z) is left: its "
        "derivative by z is −w σ′(z)/σ(z), and σ′(z) = σ(z)(1 − σ(z)) cancels the σ(z) "
        "below. For y = 0 only −log(1 − σ(z)) is left, and σ′(z) cancels 1 − σ(z). "
        "Then write both cases as one expression, with factors y and 1 − y.",
        "With `y_hat = nnlib.sigmoid(z)`: `w * Y * (y_hat - 1) + (1 - Y) * y_hat`.",
    ],
    mistakes=[
        Mistake(
            "wrong sign: for y = 1 the loss falls as z grows, so ∂𝓛/∂z must be "
            "negative there (and positive for y = 0)",
            lambda z, Y, w: -_weighted_dz(z, Y, w),
        ),
        Mistake(
            "you weighted both terms, w(ŷ − y); w multiplies only the y log ŷ term, so "
            "the examples with y = 0 keep ∂𝓛/∂z = ŷ, unweighted",
            lambda z, Y, w: w * (nnlib.sigmoid(z) - Y),
        ),
        Mistake(
            "you left out the weight: ŷ − y is the gradient for w = 1 only; the "
            "examples with y = 1 get w times their plain gradient",
            lambda z, Y, w: nnlib.sigmoid(z) - Y,
        ),
        Mistake(
            "you weighted the (1 − y) log(1 − ŷ) term; the weight w is on the y log ŷ "
            "term (the positive class)",
            lambda z, Y, w: (
                Y * (nnlib.sigmoid(z) - 1.0) + w * (1.0 - Y) * nnlib.sigmoid(z)
            ),
        ),
        Mistake(
            "you stopped at ∂𝓛/∂ŷ = −w y/ŷ + (1 − y)/(1 − ŷ); multiply by σ′(z) = ŷ(1 "
            "− ŷ) to get ∂𝓛/∂z, and the denominators cancel",
            _dL_dy_hat,
        ),
        Mistake(
            "you multiplied by σ′(z) once more: it has "
            "already cancelled the denominators ŷ and 1 − ŷ",
            lambda z, Y, w: _weighted_dz(z, Y, w) * nnlib.sigmoid_prime(z),
        ),
        Mistake(
            "e^z / (1 + e^z) is inf/inf = nan for z "
            "= 1000: nnlib's sigmoid never overflows",
            lambda z, Y, w: _weighted(_overflowing_sigmoid(z), Y, w),
        ),
    ],
)
