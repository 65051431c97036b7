"""Chapter 8 (the output error δ^[N]): softmax's Jacobian, δ^[N] of matched and
mismatched pairs.

8.1–8.3 code the chapter's equations; 8.4 (derive) asks where the mismatched pair
pushes hardest; 8.5 (variant) is δ^[N] of softmax with squared error, which the
chapter does not print.
"""

from __future__ import annotations

import numpy as np

import nnlib

from ._cases import m_columns, overflowing_softmax
from .answer import Answer
from .engine import Checker, Mistake


def _jacobian_column_cases(rng):
    return [
        ("z = [0, ln 2, 0] (ŷ = [¼, ½, ¼])", (np.array([0.0, np.log(2.0), 0.0]),)),
        ("z of length 5", (rng.normal(0, 2, size=5),)),
        ("one class, k = 1 (ŷ = [1], ∂ŷ/∂z = [[0]])", (np.array([0.7]),)),
        ("z = [1000, 999, −1000]", (np.array([1000.0, 999.0, -1000.0]),)),
    ]


def _diag_minus_outer(y):
    return np.diag(y) - np.outer(y, y)


softmax_jacobian_column = Checker(
    "softmax_jacobian_column", nnlib.softmax_jacobian, _jacobian_column_cases,
    ladder=[
        "What is ∂ŷ_j/∂z_c when j = c, and when j ≠ c, in eq-softmax-jacobian? And how "
        "do you get ŷ without overflow at z = 1000?",
        "Compute ŷ once, with a softmax that subtracts the largest "
        "logit first (nnlib has one), so that z = 1000 cannot overflow. "
        "The Jacobian is then a diagonal matrix holding ŷ, minus the "
        "outer product of ŷ with itself (k × k, not the number ŷᵀŷ).",
        "`y = nnlib.softmax(z)`, then `np.diag(y) - np.outer(y, y)`.",
    ],
    mistakes=[
        Mistake(
            "you returned diag(ŷ) only: softmax is not element-wise, "
            "each ŷ_j also depends on every other z_c, which gives "
            "the −ŷ_j ŷ_c term: ∂ŷ/∂z = diag(ŷ) − ŷŷᵀ",
            lambda z: np.diag(nnlib.softmax(z)),
        ),
        Mistake(
            "you returned −ŷŷᵀ only; the diagonal also gets "
            "ŷ_j (from ∂e^(z_j)/∂z_j): ∂ŷ/∂z = diag(ŷ) − ŷŷᵀ",
            lambda z: -np.outer(nnlib.softmax(z), nnlib.softmax(z)),
        ),
        Mistake(
            "the sign is flipped: you computed ŷŷᵀ − diag(ŷ); the diagonal entries "
            "ŷ_j(1 − ŷ_j) are positive",
            lambda z: -_diag_minus_outer(nnlib.softmax(z)),
        ),
        Mistake(
            "you subtracted the number ŷᵀŷ (the product of a vector with itself is an "
            "inner product); the Jacobian subtracts the k × k outer product ŷŷᵀ",
            lambda z: np.diag(nnlib.softmax(z)) - nnlib.softmax(z) @ nnlib.softmax(z),
        ),
        Mistake(
            "you kept only the diagonal ŷ_j(1 − ŷ_j), as if softmax were element-wise; "
            "the off-diagonal entries are −ŷ_j ŷ_c",
            lambda z: np.diag(nnlib.softmax(z) * (1 - nnlib.softmax(z))),
        ),
        Mistake(
            "you used z where ŷ = softmax(z) belongs: ∂ŷ/∂z = diag(ŷ) − ŷŷᵀ",
            lambda z: _diag_minus_outer(z),
        ),
        Mistake(
            "exp overflows at z = 1000 (inf/inf = nan): ŷ needs a stable softmax, one "
            "that subtracts the largest logit first (nnlib has one)",
            lambda z: _diag_minus_outer(overflowing_softmax(z)),
        ),
    ],
)


def _softmax_delta_cases(rng):
    k, m = 3, 4
    return [
        (
            "z = [0, ln 2, 0], true class 0 (δ = [−¾, ½, ¼])",
            (np.array([[0.0], [np.log(2.0)], [0.0]]), np.array([[1.0], [0.0], [0.0]])),
        ),
        (
            "k = 3 classes, m = 4",
            (rng.normal(0, 2, size=(k, m)), nnlib.one_hot(rng.integers(0, k, m), k)),
        ),
        (
            "k = 2 classes, m = 5",
            (
                rng.normal(0, 2, size=(2, 5)),
                nnlib.one_hot(np.array([0, 1, 1, 0, 1]), 2),
            ),
        ),
        (
            "z = ±1000, a confident wrong answer",
            (
                np.array([[1000.0, -1000.0], [-1000.0, 1000.0], [0.0, 0.0]]),
                nnlib.one_hot(np.array([1, 1]), 3),
            ),
        ),
    ]


def _softmax_delta(z, Y):
    """δ^[N] = ŷ − y with ŷ = softmax(z): the reference."""
    return nnlib.output_delta(nnlib.softmax(z), Y, "multiclass")


def _grad_y_hat(z, Y):
    """∇_ŷ L = −y/ŷ of the cross-entropy, at ŷ = softmax(z), without clipping."""
    return -Y / nnlib.softmax(z)


softmax_output_delta = Checker(
    "softmax_output_delta", _softmax_delta, _softmax_delta_cases, m_of=m_columns,
    ladder=[
        "The Jacobian route divides by ŷ, which is 0 for a logit of −1000: which form "
        "of δ^[N], eq-output-delta or the chain rule, never divides?",
        "The route through the Jacobian multiplies its transpose by ∇_ŷ𝓛 = −y/ŷ: right "
        "on paper, but ŷ underflows to 0 for a logit of −1000 and 0/0 appears. The "
        "derivation simplifies that product to prediction minus target; compute the "
        "prediction with a stable softmax and never divide by it.",
        "One line: `nnlib.softmax(z) - Y`.",
    ],
    mistakes=[
        Mistake(
            "the sign is flipped: you computed y − ŷ; δ^[N] "
            "= ŷ − y (it points to where the loss grows)",
            lambda z, Y: -_softmax_delta(z, Y),
        ),
        Mistake(
            "you treated softmax as element-wise: ∇_ŷL ∘ ŷ(1 − ŷ) uses only the "
            "diagonal of the Jacobian. Use the whole of ∂ŷ/∂z = diag(ŷ) − ŷŷᵀ: δ = "
            "(∂ŷ/∂z)ᵀ ∇_ŷL, which simplifies to ŷ − y",
            lambda z, Y: _grad_y_hat(z, Y) * nnlib.softmax(z) * (1 - nnlib.softmax(z)),
        ),
        Mistake(
            "you subtracted y from the logits z; δ^[N] = ŷ − y subtracts it from the "
            "prediction ŷ = softmax(z)",
            lambda z, Y: z - Y,
        ),
        Mistake(
            "you returned ∇_ŷL = −y/ŷ, the gradient with respect "
            "to ŷ; δ^[N] is the gradient with respect to z: "
            "multiply by the Jacobian, (∂ŷ/∂z)ᵀ ∇_ŷL = ŷ − y",
            _grad_y_hat,
        ),
        Mistake(
            "you returned ŷ = softmax(z) and forgot to subtract y",
            lambda z, Y: nnlib.softmax(z),
        ),
        Mistake(
            "you divided by m: δ^[N] holds one column per example, "
            "∇_z L of that example; the 1/m of the cost comes in "
            "later, in the parameter gradients (chapter 10)",
            lambda z, Y: _softmax_delta(z, Y) / z.shape[1],
        ),
        Mistake(
            "your result is not finite at z = ±1000: the route through the Jacobian, "
            "(∂ŷ/∂z)ᵀ ∇_ŷL with ∇_ŷL = −y/ŷ, divides by ŷ, which is 0 there (a "
            "division by zero). Simplify first: δ^[N] = ŷ − y never divides",
            lambda z, Y: np.einsum(
                "eij,ie->je", nnlib.softmax_jacobian(z), _grad_y_hat(z, Y)
            ),
        ),
    ],
)


def _sig_se_cases(rng):
    return [
        (
            "z = [0, 2, −4], y = [1, 0, 1]",
            (np.array([[0.0, 2.0, -4.0]]), np.array([[1.0, 0.0, 1.0]])),
        ),
        (
            "3 outputs, m = 5",
            (rng.normal(0, 2, size=(3, 5)), rng.uniform(0, 1, size=(3, 5))),
        ),
        (
            "one example (m = 1), 2 outputs",
            (np.array([[1.5], [-0.5]]), np.array([[0.0], [1.0]])),
        ),
        (
            "z = ±1000 (saturated: δ ≈ 0)",
            (np.array([[1000.0, -1000.0, 0.5]]), np.array([[0.0, 1.0, 1.0]])),
        ),
    ]


def _sig_se_delta(z, Y):
    """δ^[N] = (ŷ − y) ∘ σ′(z) by the chain rule: the reference."""
    return nnlib.output_delta_chain_rule(z, Y, "sigmoid", "squared_error")


sigmoid_squared_error_delta = Checker(
    "sigmoid_squared_error_delta", _sig_se_delta, _sig_se_cases, m_of=m_columns,
    asks=(nnlib.output_delta_chain_rule,),
    ladder=[
        "Which two factors does eq-mismatched-delta multiply, and which of them would "
        "cross-entropy have cancelled?",
        "The gradient of ½(ŷ − y)² with respect to ŷ is ŷ − y; the "
        "chain rule multiplies it, entry by entry, by the sigmoid's "
        "slope at z, which σ(z) alone gives (eq-sigmoid-prime). Compute "
        "σ(z) with nnlib.sigmoid, so that z = ±1000 stays finite.",
        "`y_hat = nnlib.sigmoid(z)`, then `(y_hat - Y) * y_hat * (1 - y_hat)`.",
    ],
    mistakes=[
        Mistake(
            "you returned ŷ − y, the shortcut of a matched pair; "
            "squared error on a sigmoid is mismatched, nothing "
            "cancels the factor σ′(z): δ = (ŷ − y) ∘ σ′(z)",
            lambda z, Y: nnlib.sigmoid(z) - Y,
        ),
        Mistake(
            "the sign is flipped: you computed (y − ŷ) "
            "∘ σ′(z); ∇_ŷL = ŷ − y for L = ½(ŷ − y)²",
            lambda z, Y: -_sig_se_delta(z, Y),
        ),
        Mistake(
            "you multiplied by σ(z); the chain rule "
            "needs the derivative σ′(z) = σ(z)(1 − σ(z))",
            lambda z, Y: (nnlib.sigmoid(z) - Y) * nnlib.sigmoid(z),
        ),
        Mistake(
            "you used z where ŷ = σ(z) belongs: δ = (σ(z) − y) ∘ σ′(z)",
            lambda z, Y: (z - Y) * nnlib.sigmoid_prime(z),
        ),
        Mistake(
            "you computed z(1 − z) for σ′; apply σ first: σ′(z) = σ(z)(1 − σ(z))",
            lambda z, Y: (nnlib.sigmoid(z) - Y) * z * (1 - z),
        ),
        Mistake(
            "you added σ′(z); the chain rule "
            "multiplies, entry by entry: (ŷ − y) ∘ σ′(z)",
            lambda z, Y: nnlib.sigmoid(z) - Y + nnlib.sigmoid_prime(z),
        ),
    ],
)


# ------------------------------------------------------- 8.4 derive: the strongest push
def _strongest_push():
    """The logit where δ = (σ(z) − 1) σ′(z) is most negative: −σ(1 − σ)² is least at σ =
    1/3, z = −ln 2."""
    return float(-np.log(2.0))


strongest_push = Answer(
    "strongest_push",
    _strongest_push,
    label="the logit z where δ is most negative",
    rtol=1e-3,
    mistakes=[
        Mistake(
            "z = 0 is where σ′ is largest; but δ = (ŷ − 1) σ′(z) "
            "has a second factor, ŷ − 1, which also changes with "
            "z: find where their product is most negative",
            lambda: 0.0,
        ),
        Mistake(
            "that logit is where the push is strongest for the target y = 0 (δ most "
            "positive); for y = 1 the sign of the answer flips",
            lambda: float(np.log(2.0)),
        ),
        Mistake(
            "you gave ŷ = σ(z) at the optimum; the question asks for the logit z: turn "
            "ŷ back into z with the inverse of the sigmoid",
            lambda: 1.0 / 3.0,
        ),
        Mistake(
            "you gave the value of δ at the optimum, its strongest push; the question "
            "asks for the logit z where it happens",
            lambda: -4.0 / 27.0,
        ),
        Mistake(
            "you took z = ln s; the sigmoid's inverse "
            "is the logit, z = ln(s / (1 − s))",
            lambda: float(np.log(1.0 / 3.0)),
        ),
    ],
    ladder=[
        "With s = σ(z), δ for y = 1 is a function of s alone in eq-mismatched-delta: "
        "where is it most negative for s in (0, 1), and which z gives that s?",
        "Write δ with s = σ(z) alone: δ = (s − 1) s (1 − s) = −s(1 − s)². The sigmoid "
        "grows with z, so δ is most negative where −s(1 − s)² is, for s in (0, 1): set "
        "its derivative in s to zero (the product rule), keep the root inside (0, 1), "
        "then turn s back into z with z = ln(s / (1 − s)).",
        "d/ds of −s(1 − s)² is −(1 − s)(1 − 3s), zero at s = 1/3; then z = "
        "ln((1/3)/(2/3)) = `-np.log(2.0)`.",
    ],
)


# ------------------------------------------------- 8.5 variant: softmax + squared error
def _jacobian_t(y_hat, Y, axis=0):
    """(∂ŷ/∂z)ᵀ(ŷ − y) = ŷ ∘ (d − Σ_c ŷ_c d_c), d = ŷ − y, the sum over ``axis`` (0:
    each column its own)."""
    d = y_hat - Y
    return y_hat * (d - np.sum(y_hat * d, axis=axis, keepdims=True))


def _softmax_se_delta(z, Y):
    """δ^[N] = (∂ŷ/∂z)ᵀ(ŷ − y) for softmax with squared error, ŷ = softmax(z): the
    reference."""
    return _jacobian_t(nnlib.softmax(z), Y)


def _softmax_se_cases(rng):
    k, m = 3, 4
    return [
        (
            "z = [0, ln 2, 0], y = [1, 0, 0]",
            (np.array([[0.0], [np.log(2.0)], [0.0]]), np.array([[1.0], [0.0], [0.0]])),
        ),
        (
            "k = 3 classes, m = 4",
            (rng.normal(0, 2, size=(k, m)), nnlib.one_hot(rng.integers(0, k, m), k)),
        ),
        (
            "k = 4 classes, m = 6",
            (rng.normal(0, 2, size=(4, 6)), nnlib.one_hot(rng.integers(0, 4, 6), 4)),
        ),
        (
            "z = ±1000",
            (
                np.array([[1000.0, -1000.0], [-1000.0, 1000.0], [0.0, 999.0]]),
                nnlib.one_hot(np.array([1, 2]), 3),
            ),
        ),
    ]


def _diagonal_only(z, Y):
    y_hat = nnlib.softmax(z)
    return (y_hat - Y) * y_hat * (1 - y_hat)


softmax_squared_error_delta = Checker(
    "softmax_squared_error_delta", _softmax_se_delta, _softmax_se_cases, m_of=m_columns,
    kind="variant", asks=(nnlib.output_delta_chain_rule,),
    mistakes=[
        Mistake(
            "you returned ŷ − y, the shortcut of softmax with cross-entropy; with "
            "squared error nothing cancels the Jacobian: δ = (∂ŷ/∂z)ᵀ(ŷ − y)",
            lambda z, Y: nnlib.softmax(z) - Y,
        ),
        Mistake(
            "you kept only the diagonal of the Jacobian, ŷ(1 − ŷ), "
            "as if softmax were element-wise; each ŷ_j also depends "
            "on every other z_c, through the entries −ŷ_j ŷ_c",
            _diagonal_only,
        ),
        Mistake(
            "the sign is flipped: ∇_ŷ𝓛 = ŷ − y for 𝓛 = ½‖ŷ − y‖², not y − ŷ",
            lambda z, Y: -_softmax_se_delta(z, Y),
        ),
        Mistake(
            "you subtracted one number for the whole batch; the sum Σ_c ŷ_c (ŷ_c − "
            "y_c) belongs to each example, one per column",
            lambda z, Y: _jacobian_t(nnlib.softmax(z), Y, axis=None),
        ),
        Mistake(
            "you divided by m: δ^[N] holds one column per "
            "example; the 1/m comes in later (chapter 10)",
            lambda z, Y: _softmax_se_delta(z, Y) / z.shape[1],
        ),
        Mistake(
            "your result is not finite at z = ±1000: exp overflows; ŷ needs a softmax "
            "that subtracts the largest logit first",
            lambda z, Y: _jacobian_t(overflowing_softmax(z), Y),
        ),
    ],
    ladder=[
        "What is ∇_ŷ𝓛 for ½‖ŷ − y‖², and what does (∂ŷ/∂z)ᵀ, with ∂ŷ/∂z = diag(ŷ) − "
        "ŷŷᵀ of eq-softmax-jacobian, do to a vector, entry by entry?",
        "Entry j of (∂ŷ/∂z)ᵀv, with ∂ŷ/∂z = diag(ŷ) − ŷŷᵀ, is ŷ_j (v_j − Σ_c ŷ_c v_c): "
        "no k × k matrix is needed. Here v = ŷ − y, and every column of the batch is "
        "one example with its own sum.",
        "`y_hat = nnlib.softmax(z)` and `d = y_hat - Y`; then "
        "`y_hat * (d - np.sum(y_hat * d, axis=0, keepdims=True))`.",
    ],
)
