"""Chapter 6 (binary cross-entropy): the cost J, its gradient by the logit z, and a weighted variant."""
from __future__ import annotations

import numpy as np

import nnlib
from nnlib.losses import EPS

from ._cases import NATURAL_LOG, m_columns
from .engine import Checker, Hint, Mistake


def _bce_cases(rng):
    return [
        ("one output, m = 4: ŷ = [0.9, 0.2, 0.6, 0.3], y = [1, 0, 0, 1]",
         (np.array([[0.9, 0.2, 0.6, 0.3]]), np.array([[1.0, 0.0, 0.0, 1.0]]))),
        ("2 outputs, m = 5",
         (rng.uniform(0.05, 0.95, size=(2, 5)), rng.integers(0, 2, size=(2, 5)).astype(float))),
        ("one example with 3 outputs (m = 1)",
         (np.array([[0.7], [0.1], [0.5]]), np.array([[1.0], [1.0], [0.0]]))),
        ("ŷ exactly 0 or 1, right and confidently wrong",
         (np.array([[1.0, 0.0, 0.0, 1.0]]), np.array([[1.0, 0.0, 1.0, 0.0]]))),
    ]


_bce = nnlib.binary_cross_entropy_cost


def _logs(y_hat):
    """log ŷ and log(1 − ŷ), with ŷ clipped to [EPS, 1 − EPS] as nnlib does."""
    p = np.clip(y_hat, EPS, 1 - EPS)
    return np.log(p), np.log(1 - p)


binary_cross_entropy_cost = Checker(
    "binary_cross_entropy_cost", _bce, _bce_cases, ("y_hat", "Y"), m_of=m_columns,
    hint="Three steps. Clip the probabilities into [EPS, 1 − EPS] first (np.clip), so that no log sees 0. "
         "Then each entry contributes y log ŷ + (1 − y) log(1 − ŷ), of which one term is zero. Finally sum over "
         "all entries, negate, and divide by the number of columns m (not by the number of entries).",
    mistakes=[
        Mistake("missing minus sign: log ŷ ≤ 0, so 𝓛 = −(y log ŷ + (1 − y) log(1 − ŷ)) needs the leading "
                "minus to be ≥ 0",
                lambda y_hat, Y: -_bce(y_hat, Y)),
        Mistake("not averaged over the examples: J = (1/m) Σ 𝓛, so divide the sum by m, the number of "
                "columns (y_hat.shape[1])",
                lambda y_hat, Y: _bce(y_hat, Y) * y_hat.shape[1]),
        Mistake("you averaged over the output units too (np.mean divides by n_N · m); with several binary "
                "outputs the loss of one example sums over its units, so divide by m only",
                lambda y_hat, Y: _bce(y_hat, Y) / y_hat.shape[0]),
        Mistake("you kept only the y log ŷ term; the (1 − y) log(1 − ŷ) term is what scores the examples "
                "whose target is 0",
                lambda y_hat, Y: -np.sum(Y * _logs(y_hat)[0]) / y_hat.shape[1]),
        Mistake("you kept only the (1 − y) log(1 − ŷ) term; the y log ŷ term is what scores the examples "
                "whose target is 1",
                lambda y_hat, Y: -np.sum((1 - Y) * _logs(y_hat)[1]) / y_hat.shape[1]),
        Mistake("you paired y with log(1 − ŷ); the right pairs are y with log ŷ and (1 − y) with log(1 − ŷ)",
                lambda y_hat, Y: -np.sum(Y * _logs(y_hat)[1] + (1 - Y) * _logs(y_hat)[0]) / y_hat.shape[1]),
        Mistake(NATURAL_LOG, lambda y_hat, Y: _bce(y_hat, Y) / np.log(10)),
        Mistake(NATURAL_LOG, lambda y_hat, Y: _bce(y_hat, Y) / np.log(2)),
        Mistake("your result is not finite where ŷ is exactly 0 or 1: log 0 = −inf, and 0 · log 0 gives nan "
                "even when the prediction is right. Clip ŷ to [EPS, 1 − EPS] before taking logs, "
                "with EPS = nnlib.losses.EPS",
                lambda y_hat, Y: -np.sum(Y * np.log(y_hat) + (1 - Y) * np.log(1 - y_hat)) / y_hat.shape[1]),
    ],
    hints=[
        # A property of the case, whatever the learner's value: clipped elsewhere than at
        # EPS, or not at all, the loss at ŷ = 0 or 1 comes out another number.
        Hint("ŷ is exactly 0 or 1 here: clip ŷ to [EPS, 1 − EPS] with EPS = nnlib.losses.EPS = 1e-15, "
             "as nnlib does, before taking logs",
             lambda args, problem: bool(np.any((args[0] == 0) | (args[0] == 1)))),
    ],
)


def _overflowing_sigmoid(z):
    """σ(z) as e^z / (1 + e^z): inf / inf = nan for z = 1000."""
    return np.exp(z) / (1 + np.exp(z))


def _logit_cases(rng):
    return [
        ("one output, m = 4: z = [2, −1, 0, −3], y = [1, 0, 1, 1]",
         (np.array([[2.0, -1.0, 0.0, -3.0]]), np.array([[1.0, 0.0, 1.0, 1.0]]))),
        ("2 outputs, m = 5", (rng.normal(0, 3, size=(2, 5)), rng.integers(0, 2, size=(2, 5)).astype(float))),
        ("z = ±1000 (confidently right and wrong)",
         (np.array([[-1000.0, -1000.0, 0.0, 1000.0, 1000.0]]), np.array([[0.0, 1.0, 1.0, 1.0, 0.0]]))),
    ]


bce_grad_logit = Checker(
    "bce_grad_logit", nnlib.bce_grad_logit, _logit_cases, ("z", "Y"), m_of=m_columns,
    hint="The chain rule multiplies ∂𝓛/∂ŷ by σ′(z) = ŷ(1 − ŷ), which cancels its denominator. "
         "What is left needs σ(z) only; nnlib.sigmoid computes it without overflow for z = ±1000, where "
         "e^z / (1 + e^z) would give inf / inf.",
    mistakes=[
        Mistake("you computed y − σ(z); the gradient is σ(z) − y", lambda z, Y: Y - nnlib.sigmoid(z)),
        Mistake("you used z − y; apply the sigmoid first: σ(z) − y", lambda z, Y: z - Y),
        Mistake("you forgot to subtract the target: σ(z) − y", lambda z, Y: nnlib.sigmoid(z)),
        Mistake("you multiplied by σ′(z): that is the gradient of the squared error on a sigmoid; with "
                "binary cross-entropy σ′(z) cancels and ∂𝓛/∂z = σ(z) − y",
                lambda z, Y: (nnlib.sigmoid(z) - Y) * nnlib.sigmoid_prime(z)),
        Mistake("you returned ∂𝓛/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)); multiply it by σ′(z) = ŷ(1 − ŷ) to get ∂𝓛/∂z, "
                "which simplifies to σ(z) − y",
                lambda z, Y: nnlib.binary_cross_entropy_grad(nnlib.sigmoid(z), Y)),
        Mistake("you divided by m: return ∂𝓛/∂z of each example (one column each), not the gradient of the "
                "average J",
                lambda z, Y: (nnlib.sigmoid(z) - Y) / z.shape[1]),
        Mistake("e^z / (1 + e^z) is inf/inf = nan for z = 1000: compute σ(z) with nnlib.sigmoid(z), "
                "which never overflows",
                lambda z, Y: _overflowing_sigmoid(z) - Y),
    ],
)


# --------------------------------------------------------------------------- derived: a weighted loss
def _weighted(y_hat, Y, w):
    """w y (ŷ − 1) + (1 − y) ŷ: ∂𝓛/∂z of 𝓛 = −(w y log ŷ + (1 − y) log(1 − ŷ)), ŷ = σ(z)."""
    return w * Y * (y_hat - 1.0) + (1.0 - Y) * y_hat


def _weighted_dz(z, Y, w):
    """The reference: :func:`_weighted` at ŷ = σ(z)."""
    return _weighted(nnlib.sigmoid(z), Y, w)


def _weighted_cases(rng):
    return [
        ("w = 1 (the plain binary cross-entropy), z = [2, −1, 0, −3], y = [1, 0, 1, 1]",
         (np.array([[2.0, -1.0, 0.0, -3.0]]), np.array([[1.0, 0.0, 1.0, 1.0]]), 1.0)),
        ("w = 3, z = [2, −1, 0, −3], y = [1, 0, 1, 0]",
         (np.array([[2.0, -1.0, 0.0, -3.0]]), np.array([[1.0, 0.0, 1.0, 0.0]]), 3.0)),
        ("w = 0.5, 2 outputs, m = 5",
         (rng.normal(0, 3, size=(2, 5)), rng.integers(0, 2, size=(2, 5)).astype(float), 0.5)),
        ("w = 10, z = ±1000 (confidently right and wrong)",
         (np.array([[-1000.0, -1000.0, 1000.0, 1000.0]]), np.array([[0.0, 1.0, 1.0, 0.0]]), 10.0)),
    ]


def _dL_dy_hat(z, Y, w):
    y_hat = np.clip(nnlib.sigmoid(z), EPS, 1 - EPS)
    return -w * Y / y_hat + (1 - Y) / (1 - y_hat)


weighted_bce_dz = Checker(
    "weighted_bce_dz", _weighted_dz, _weighted_cases, ("z", "Y", "w"), m_of=m_columns, kind="derive", asks=(),
    hint="Take the two targets apart. For y = 1 only −w log σ(z) is left: its derivative by z is "
         "−w σ′(z)/σ(z), and σ′(z) = σ(z)(1 − σ(z)) cancels the σ(z) below. For y = 0 only −log(1 − σ(z)) is "
         "left, and σ′(z) cancels 1 − σ(z). Then write both cases as one expression, with factors y and 1 − y.",
    mistakes=[
        Mistake("wrong sign: for y = 1 the loss falls as z grows, so ∂𝓛/∂z must be negative there "
                "(and positive for y = 0)",
                lambda z, Y, w: -_weighted_dz(z, Y, w)),
        Mistake("you weighted both terms, w(ŷ − y); w multiplies only the y log ŷ term, so the examples "
                "with y = 0 keep ∂𝓛/∂z = ŷ, unweighted",
                lambda z, Y, w: w * (nnlib.sigmoid(z) - Y)),
        Mistake("you left out the weight: ŷ − y is the gradient for w = 1 only; the examples with y = 1 "
                "get w times their plain gradient",
                lambda z, Y, w: nnlib.sigmoid(z) - Y),
        Mistake("you weighted the (1 − y) log(1 − ŷ) term; the weight w is on the y log ŷ term "
                "(the positive class)",
                lambda z, Y, w: Y * (nnlib.sigmoid(z) - 1.0) + w * (1.0 - Y) * nnlib.sigmoid(z)),
        Mistake("you stopped at ∂𝓛/∂ŷ = −w y/ŷ + (1 − y)/(1 − ŷ); multiply by σ′(z) = ŷ(1 − ŷ) to get "
                "∂𝓛/∂z, and the denominators cancel",
                _dL_dy_hat),
        Mistake("you multiplied by σ′(z) once more: it has already cancelled the denominators ŷ and 1 − ŷ",
                lambda z, Y, w: _weighted_dz(z, Y, w) * nnlib.sigmoid_prime(z)),
        Mistake("e^z / (1 + e^z) is inf/inf = nan for z = 1000: compute σ(z) with nnlib.sigmoid(z), "
                "which never overflows",
                lambda z, Y, w: _weighted(_overflowing_sigmoid(z), Y, w)),
    ],
)
