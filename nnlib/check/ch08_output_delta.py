"""Chapter 8 (the output error δ^[N]): softmax's Jacobian, and δ^[N] of a matched and a mismatched pair."""
from __future__ import annotations

import numpy as np

import nnlib

from ._cases import m_columns
from .engine import Checker, Mistake


def _jacobian_column_cases(rng):
    return [
        ("z = [0, ln 2, 0] (ŷ = [¼, ½, ¼])", (np.array([0.0, np.log(2.0), 0.0]),)),
        ("z of length 5", (rng.normal(0, 2, size=5),)),
        ("one class, k = 1 (ŷ = [1], J = [[0]])", (np.array([0.7]),)),
        ("z = [1000, 999, −1000]", (np.array([1000.0, 999.0, -1000.0]),)),
    ]


def _diag_minus_outer(y):
    return np.diag(y) - np.outer(y, y)


softmax_jacobian_column = Checker(
    "softmax_jacobian_column", nnlib.softmax_jacobian, _jacobian_column_cases, ("z",),
    mistakes=[
        Mistake("you returned diag(ŷ) only: softmax is not element-wise, each ŷ_i also depends on every "
                "other z_j, which gives the −ŷ_i ŷ_j term: J = diag(ŷ) − ŷŷᵀ",
                lambda z: np.diag(nnlib.softmax(z))),
        Mistake("you returned −ŷŷᵀ only; the diagonal also gets ŷ_i (from ∂e^(z_i)/∂z_i): J = diag(ŷ) − ŷŷᵀ",
                lambda z: -np.outer(nnlib.softmax(z), nnlib.softmax(z))),
        Mistake("the sign is flipped: you computed ŷŷᵀ − diag(ŷ); the diagonal entries ŷ_i(1 − ŷ_i) are "
                "positive",
                lambda z: -_diag_minus_outer(nnlib.softmax(z))),
        Mistake("you subtracted the number ŷᵀŷ (y @ y is an inner product); the Jacobian needs the k × k "
                "outer product ŷŷᵀ: np.outer(y, y)",
                lambda z: np.diag(nnlib.softmax(z)) - nnlib.softmax(z) @ nnlib.softmax(z)),
        Mistake("you kept only the diagonal ŷ_i(1 − ŷ_i), as if softmax were element-wise; the off-diagonal "
                "entries are −ŷ_i ŷ_j",
                lambda z: np.diag(nnlib.softmax(z) * (1 - nnlib.softmax(z)))),
        Mistake("you used z where ŷ = softmax(z) belongs: J = diag(ŷ) − ŷŷᵀ", lambda z: _diag_minus_outer(z)),
        Mistake("exp overflows at z = 1000 (inf/inf = nan): compute ŷ with a stable softmax that subtracts "
                "max z first (nnlib.softmax), then diag(ŷ) − ŷŷᵀ",
                lambda z: _diag_minus_outer(np.exp(z) / np.sum(np.exp(z)))),
    ],
)


def _softmax_delta_cases(rng):
    k, m = 3, 4
    return [
        ("z = [0, ln 2, 0], true class 0 (δ = [−¾, ½, ¼])",
         (np.array([[0.0], [np.log(2.0)], [0.0]]), np.array([[1.0], [0.0], [0.0]]))),
        ("k = 3 classes, m = 4", (rng.normal(0, 2, size=(k, m)), nnlib.one_hot(rng.integers(0, k, m), k))),
        ("k = 2 classes, m = 5",
         (rng.normal(0, 2, size=(2, 5)), nnlib.one_hot(np.array([0, 1, 1, 0, 1]), 2))),
        ("z = ±1000, a confident wrong answer",
         (np.array([[1000.0, -1000.0], [-1000.0, 1000.0], [0.0, 0.0]]), nnlib.one_hot(np.array([1, 1]), 3))),
    ]


def _softmax_delta(z, Y):
    """δ^[N] = ŷ − y with ŷ = softmax(z): the reference."""
    return nnlib.output_delta(nnlib.softmax(z), Y, "multiclass")


def _grad_y_hat(z, Y):
    """∇_ŷ L = −y/ŷ of the cross-entropy, at ŷ = softmax(z), without clipping."""
    return -Y / nnlib.softmax(z)


softmax_output_delta = Checker(
    "softmax_output_delta", _softmax_delta, _softmax_delta_cases, ("z", "Y"), m_of=m_columns,
    mistakes=[
        Mistake("the sign is flipped: you computed y − ŷ; δ^[N] = ŷ − y (it points to where the loss grows)",
                lambda z, Y: -_softmax_delta(z, Y)),
        Mistake("you treated softmax as element-wise: ∇_ŷL ∘ ŷ(1 − ŷ) uses only the diagonal of the "
                "Jacobian. Use the whole of J = diag(ŷ) − ŷŷᵀ: δ = Jᵀ ∇_ŷL, which simplifies to ŷ − y",
                lambda z, Y: _grad_y_hat(z, Y) * nnlib.softmax(z) * (1 - nnlib.softmax(z))),
        Mistake("you subtracted y from the logits z; apply softmax first: δ^[N] = softmax(z) − y",
                lambda z, Y: z - Y),
        Mistake("you returned ∇_ŷL = −y/ŷ, the gradient with respect to ŷ; δ^[N] is the gradient with "
                "respect to z: multiply by the Jacobian, Jᵀ ∇_ŷL = ŷ − y",
                _grad_y_hat),
        Mistake("you returned ŷ = softmax(z) and forgot to subtract y", lambda z, Y: nnlib.softmax(z)),
        Mistake("you divided by m: δ^[N] holds one column per example, ∇_z L of that example; the 1/m of "
                "the cost comes in later, in the parameter gradients (chapter 10)",
                lambda z, Y: _softmax_delta(z, Y) / z.shape[1]),
        Mistake("your result is not finite at z = ±1000: the route through the Jacobian, Jᵀ ∇_ŷL with "
                "∇_ŷL = −y/ŷ, divides by ŷ, which is 0 there (a division by zero). Simplify first: "
                "δ^[N] = ŷ − y never divides",
                lambda z, Y: np.einsum("eij,ie->je", nnlib.softmax_jacobian(z), _grad_y_hat(z, Y))),
    ],
)


def _sig_se_cases(rng):
    return [
        ("z = [0, 2, −4], y = [1, 0, 1]", (np.array([[0.0, 2.0, -4.0]]), np.array([[1.0, 0.0, 1.0]]))),
        ("3 outputs, m = 5", (rng.normal(0, 2, size=(3, 5)), rng.uniform(0, 1, size=(3, 5)))),
        ("one example (m = 1), 2 outputs", (np.array([[1.5], [-0.5]]), np.array([[0.0], [1.0]]))),
        ("z = ±1000 (saturated: δ ≈ 0)", (np.array([[1000.0, -1000.0, 0.5]]), np.array([[0.0, 1.0, 1.0]]))),
    ]


def _sig_se_delta(z, Y):
    """δ^[N] = (ŷ − y) ∘ σ′(z) by the chain rule: the reference."""
    return nnlib.output_delta_chain_rule(z, Y, "sigmoid", "squared_error")


sigmoid_squared_error_delta = Checker(
    "sigmoid_squared_error_delta", _sig_se_delta, _sig_se_cases, ("z", "Y"), m_of=m_columns,
    mistakes=[
        Mistake("you returned ŷ − y, the shortcut of a matched pair; squared error on a sigmoid is "
                "mismatched, nothing cancels the factor σ′(z): δ = (ŷ − y) ∘ σ′(z)",
                lambda z, Y: nnlib.sigmoid(z) - Y),
        Mistake("the sign is flipped: you computed (y − ŷ) ∘ σ′(z); ∇_ŷL = ŷ − y for L = ½(ŷ − y)²",
                lambda z, Y: -_sig_se_delta(z, Y)),
        Mistake("you multiplied by σ(z); the chain rule needs the derivative σ′(z) = σ(z)(1 − σ(z))",
                lambda z, Y: (nnlib.sigmoid(z) - Y) * nnlib.sigmoid(z)),
        Mistake("you used z where ŷ = σ(z) belongs: δ = (σ(z) − y) ∘ σ′(z)",
                lambda z, Y: (z - Y) * nnlib.sigmoid_prime(z)),
        Mistake("you computed z(1 − z) for σ′; apply σ first: σ′(z) = σ(z)(1 − σ(z))",
                lambda z, Y: (nnlib.sigmoid(z) - Y) * z * (1 - z)),
        Mistake("you added σ′(z); the chain rule multiplies, entry by entry: (ŷ − y) ∘ σ′(z)",
                lambda z, Y: nnlib.sigmoid(z) - Y + nnlib.sigmoid_prime(z)),
    ],
)
