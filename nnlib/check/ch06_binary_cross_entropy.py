"""Chapter 6 (binary cross-entropy): the cost J, and its gradient by the logit z."""
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


def _bce(y_hat, Y):
    return nnlib.binary_cross_entropy_cost(y_hat, Y)


def _logs(y_hat):
    """log ŷ and log(1 − ŷ), with ŷ clipped to [EPS, 1 − EPS] as nnlib does."""
    p = np.clip(y_hat, EPS, 1 - EPS)
    return np.log(p), np.log(1 - p)


binary_cross_entropy_cost = Checker(
    "binary_cross_entropy_cost", _bce, _bce_cases, ("y_hat", "Y"), m_of=m_columns,
    mistakes=[
        Mistake("missing minus sign: log ŷ ≤ 0, so L = −(y log ŷ + (1 − y) log(1 − ŷ)) needs the leading "
                "minus to be ≥ 0",
                lambda y_hat, Y: -_bce(y_hat, Y)),
        Mistake("not averaged over the examples: J = (1/m) Σ L, so divide the sum by m, the number of "
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
    mistakes=[
        Mistake("you computed y − σ(z); the gradient is σ(z) − y", lambda z, Y: Y - nnlib.sigmoid(z)),
        Mistake("you used z − y; apply the sigmoid first: σ(z) − y", lambda z, Y: z - Y),
        Mistake("you forgot to subtract the target: σ(z) − y", lambda z, Y: nnlib.sigmoid(z)),
        Mistake("you multiplied by σ′(z): that is the gradient of the squared error on a sigmoid; with "
                "binary cross-entropy σ′(z) cancels and ∂L/∂z = σ(z) − y",
                lambda z, Y: (nnlib.sigmoid(z) - Y) * nnlib.sigmoid_prime(z)),
        Mistake("you returned ∂L/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)); multiply it by σ′(z) = ŷ(1 − ŷ) to get ∂L/∂z, "
                "which simplifies to σ(z) − y",
                lambda z, Y: nnlib.binary_cross_entropy_grad(nnlib.sigmoid(z), Y)),
        Mistake("you divided by m: return ∂L/∂z of each example (one column each), not the gradient of the "
                "average J",
                lambda z, Y: (nnlib.sigmoid(z) - Y) / z.shape[1]),
        Mistake("e^z / (1 + e^z) is inf/inf = nan for z = 1000: compute σ(z) with nnlib.sigmoid(z), "
                "which never overflows",
                lambda z, Y: np.exp(z) / (1 + np.exp(z)) - Y),
    ],
)
