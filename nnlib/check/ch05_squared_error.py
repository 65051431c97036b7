"""Chapter 5 (squared error): the cost J, its gradient by ŷ, and the Laplace variant (L1
loss)."""

from __future__ import annotations

import numpy as np

import nnlib
from nnlib.experiments import SQUARED_ERROR_DATA

from ._cases import m_columns
from .answer import Answer
from .engine import Checker, Mistake


def _squared_error_cases(rng):
    return [
        ("3 outputs, m = 5", (rng.normal(size=(3, 5)), rng.normal(size=(3, 5)))),
        (
            "one output, m = 4: ŷ = [2, 0, 1, 3], y = [3, 0, −1, 3]",
            (np.array([[2.0, 0.0, 1.0, 3.0]]), np.array([[3.0, 0.0, -1.0, 3.0]])),
        ),
        (
            "one example with 2 outputs (m = 1)",
            (np.array([[0.5], [-1.5]]), np.array([[1.0], [0.5]])),
        ),
        (
            "a perfect prediction (J = 0)",
            (np.array([[1.0, -2.0, 0.5]]), np.array([[1.0, -2.0, 0.5]])),
        ),
    ]


squared_error_cost = Checker(
    "squared_error_cost",
    nnlib.squared_error_cost,
    _squared_error_cases,
    m_of=m_columns,
    ladder=[
        "Which two reductions does J make (see the equations for several outputs and "
        "for J)? Which divides by m?",
        "Two reductions, in this order: the loss of one example adds ½(ŷ_j − y_j)² "
        "over the units j of its column, ½‖ŷ − y‖²; the cost J averages those m "
        "losses. Summing every squared entry and dividing by the number of columns "
        "does both; np.mean would divide by n_N · m.",
        "`m = y_hat.shape[1]`, then `float(0.5 * np.sum((y_hat - Y) ** 2) / m)`.",
    ],
    mistakes=[
        Mistake(
            "you forgot the ½: 𝓛 = ½(ŷ − y)², and the ½ "
            "is what makes the gradient come out as ŷ − y",
            lambda y_hat, Y: np.sum((y_hat - Y) ** 2) / y_hat.shape[1],
        ),
        Mistake(
            "you summed the losses of the examples instead of averaging them: J = "
            "(1/m) Σ 𝓛, an average over the m columns",
            lambda y_hat, Y: 0.5 * np.sum((y_hat - Y) ** 2),
        ),
        Mistake(
            "you forgot the ½ and summed over the examples "
            "instead of averaging: J = (1/m) Σ ½‖ŷ − y‖²",
            lambda y_hat, Y: np.sum((y_hat - Y) ** 2),
        ),
        Mistake(
            "you took the mean of (ŷ − y)² over every entry; J keeps the ½, sums over "
            "the output units of an example and averages over the m examples only",
            lambda y_hat, Y: np.mean((y_hat - Y) ** 2),
        ),
        Mistake(
            "you averaged over the output units too (a mean of every entry divides by "
            "n_N · m); the loss of one example sums over its units, ½‖ŷ − y‖², and "
            "only the m examples are averaged",
            lambda y_hat, Y: np.mean(0.5 * (y_hat - Y) ** 2),
        ),
        Mistake(
            "you did not square the difference: 𝓛 = ½(ŷ − y)²",
            lambda y_hat, Y: 0.5 * np.sum(np.abs(y_hat - Y)) / y_hat.shape[1],
        ),
    ],
)


def _squared_grad_cases(rng):
    return [
        (
            "one output, m = 4",
            (np.array([[2.0, 0.0, 1.0, 3.0]]), np.array([[3.0, 0.0, -1.0, 3.0]])),
        ),
        ("3 outputs, m = 5", (rng.normal(size=(3, 5)), rng.normal(size=(3, 5)))),
        (
            "one example with 2 outputs (m = 1)",
            (np.array([[0.5], [-1.5]]), np.array([[1.0], [0.5]])),
        ),
    ]


squared_error_grad = Checker(
    "squared_error_grad",
    nnlib.squared_error_grad,
    _squared_grad_cases,
    m_of=m_columns,
    ladder=[
        "What is the derivative of ½r² by r, and of r = ŷ − y by ŷ?",
        "By the chain rule, d/dŷ of ½ r² with r = ŷ − y is ½ · 2r · 1. Each unit j of "
        "each example has its own r_j, so the answer has the shape of y_hat, one "
        "column per example, and no 1/m: that factor is applied once, in chapter 10.",
        "One line: `return y_hat - Y`: one entry per unit and per example.",
    ],
    mistakes=[
        Mistake(
            "you computed y − ŷ; the gradient with respect to ŷ is ŷ − y "
            "(it points to where the loss grows)",
            lambda y_hat, Y: Y - y_hat,
        ),
        Mistake(
            "you kept a factor 2: the derivative of ½(ŷ − y)² is ½ · 2(ŷ − y) = ŷ − y; "
            "the ½ cancels the 2",
            lambda y_hat, Y: 2 * (y_hat - Y),
        ),
        Mistake(
            "you halved ŷ − y: the derivative of (ŷ − y)² is 2(ŷ − y), and ½ · 2 = 1",
            lambda y_hat, Y: 0.5 * (y_hat - Y),
        ),
        Mistake(
            "you divided by m: squared_error_grad returns ∇_ŷ 𝓛 of each example (one "
            "column each), not the gradient of the average J",
            lambda y_hat, Y: (y_hat - Y) / y_hat.shape[1],
        ),
        Mistake(
            "you returned the loss ½(ŷ − y)² of each entry, not its derivative ŷ − y",
            lambda y_hat, Y: 0.5 * (y_hat - Y) ** 2,
        ),
        Mistake(
            "you summed over the examples; return ∇_ŷ 𝓛 of each example, one column "
            "each, in the shape of y_hat",
            lambda y_hat, Y: np.sum(y_hat - Y, axis=1, keepdims=True),
        ),
    ],
)


# ----------------------------------------------------------- a variant: the Laplace NLL
def _absolute_error_cost(y_hat, Y):
    """J = (1/m) Σ_examples ‖ŷ − y‖₁: the Laplace negative log-likelihood (b = 1), less
    its constant."""
    return float(np.sum(np.abs(y_hat - Y)) / y_hat.shape[1])


absolute_error_cost = Checker(
    "absolute_error_cost",
    _absolute_error_cost,
    _squared_error_cases,
    m_of=m_columns,
    kind="variant",
    asks=(),
    ladder=[
        "Which term of −log p(y | ŷ) depends on ŷ, and how "
        "does the cost J reduce it over units and examples?",
        "Follow the Gaussian's recipe with the Laplace density: −log p(y | ŷ) = |ŷ − "
        "y| + log 2. The log 2 depends on no parameter and is dropped, and no ½ "
        "appears. Then reduce as for the squared error: the loss of one example adds "
        "|ŷ_j − y_j| over the units of its column, and J divides the total by the "
        "number of columns m, not by the number of entries.",
        "`float(np.sum(np.abs(y_hat - Y)) / y_hat.shape[1])`.",
    ],
    mistakes=[
        Mistake(
            "you averaged over the output units too (a mean of every entry divides by "
            "n_N · m); the loss of one example adds |ŷ_j − y_j| over its units, and "
            "only the m examples are averaged",
            lambda y_hat, Y: float(np.mean(np.abs(y_hat - Y))),
        ),
        Mistake(
            "you kept a ½: it belongs to the Gaussian's exponent "
            "(y − ŷ)²/2σ²; the Laplace density's exponent is −|y "
            "− ŷ| with b = 1, and −log gives |ŷ − y| with no ½",
            lambda y_hat, Y: 0.5 * _absolute_error_cost(y_hat, Y),
        ),
        Mistake(
            "you squared the residuals: that is twice the squared-error cost; the "
            "Laplace density has |y − ŷ| in its exponent, not (y − ŷ)²",
            lambda y_hat, Y: float(np.sum((y_hat - Y) ** 2) / y_hat.shape[1]),
        ),
        Mistake(
            "you added up signed residuals ŷ − y, which cancel (one too high, one too "
            "low: zero cost); take the absolute value of each residual first",
            lambda y_hat, Y: float(np.sum(y_hat - Y) / y_hat.shape[1]),
        ),
        Mistake(
            "you kept the constant log 2 of −log p for every "
            "output unit; like the ½ log(2πσ²) of the Gaussian, it "
            "depends on no parameter and is left out of the loss",
            lambda y_hat, Y: (
                _absolute_error_cost(y_hat, Y) + y_hat.shape[0] * np.log(2.0)
            ),
        ),
    ],
)


# ------------------------------------------------------------ derived: the slope of |r|
def _absolute_grad_cases(rng):
    return [
        ("3 outputs, m = 5", (rng.normal(size=(3, 5)), rng.normal(size=(3, 5)))),
        (
            "one output, m = 4: ŷ = [2, 0, 1, 3], y "
            "= [3, 0, −1, 3] (two residuals are 0)",
            (np.array([[2.0, 0.0, 1.0, 3.0]]), np.array([[3.0, 0.0, -1.0, 3.0]])),
        ),
        (
            "one example with 2 outputs, residuals 10 and −0.01",
            (np.array([[10.5], [-1.01]]), np.array([[0.5], [-1.0]])),
        ),
    ]


def _ratio(y_hat, Y):
    with np.errstate(all="ignore"):
        return (y_hat - Y) / np.abs(y_hat - Y)


absolute_error_grad = Checker(
    "absolute_error_grad",
    lambda y_hat, Y: np.sign(y_hat - Y),
    _absolute_grad_cases,
    m_of=m_columns,
    kind="derive",
    asks=(),
    ladder=[
        "What is the slope of |r| for r > 0 and for "
        "r < 0, and what is ∂r/∂ŷ for r = ŷ − y?",
        "Write r = ŷ − y. For r > 0, |r| = r; for r < 0, |r| = −r: what are their "
        "slopes in r, and what is ∂r/∂ŷ? At r = 0 the two slopes disagree (a kink); "
        "the book takes 0 there, the midpoint of −1 and 1. numpy has a function that "
        "maps each entry to −1, 0 or 1 by its sign.",
        "One line: `np.sign(y_hat - Y)`: +1, −1, and 0 at the kink.",
    ],
    mistakes=[
        Mistake(
            "wrong sign: the gradient points to where the loss grows, which is away "
            "from the target: +1 where ŷ is above y",
            lambda y_hat, Y: np.sign(Y - y_hat),
        ),
        Mistake(
            "you returned ŷ − y, the squared error's gradient; |r| grows at slope ±1 "
            "whatever the size of the residual, so only the sign of ŷ − y is left",
            lambda y_hat, Y: y_hat - Y,
        ),
        Mistake(
            "you returned the loss |ŷ − y| itself, not its slope",
            lambda y_hat, Y: np.abs(y_hat - Y),
        ),
        Mistake(
            "you divided by m: return ∇_ŷ 𝓛 of each example "
            "(one column each), not the gradient of J",
            lambda y_hat, Y: np.sign(y_hat - Y) / y_hat.shape[1],
        ),
        Mistake(
            "r / |r| is 0/0 = nan where ŷ = y; at that kink take the slope 0 "
            "(the midpoint of the slopes −1 and 1 on either side)",
            _ratio,
        ),
        Mistake(
            "where ŷ = y you returned ±1; at that kink the book takes the slope 0, the "
            "midpoint of the slopes −1 and 1 on either side",
            lambda y_hat, Y: np.where(y_hat >= Y, 1.0, -1.0),
        ),
    ],
)


# ----------------------------------------------------------- derived: the best constant
_TARGETS = SQUARED_ERROR_DATA[1].ravel()


def _best_flat_line():
    """The b minimising J = (1/m) Σ |b − y⁽ⁱ⁾| on the explorer's targets, by trying
    every candidate.

    J is piecewise linear in b with its kinks at the targets, so its minimum is at one
    of them.
    """
    return float(min(_TARGETS, key=lambda c: np.sum(np.abs(c - _TARGETS))))


best_constant_absolute = Answer(
    "best_constant_absolute",
    _best_flat_line,
    ladder=[
        "Each |b − y⁽ⁱ⁾| has slope +1 or −1 in b: for "
        "which b do the five slopes add up to zero?",
        "dJ/db = (1/m) Σ_i sign(b − y⁽ⁱ⁾) (exercise 5.4): every target below b adds "
        "+1/m, every target above b adds −1/m. The slope is zero where as many targets "
        "lie below b as above it. Sort the five targets.",
        "Sorted, the middle one of the five targets has two below it and two above: it "
        "is the median, `np.median` of the printed targets.",
    ],
    mistakes=[
        Mistake(
            "that is the mean of the targets, the squared error's best "
            "constant; with |b − y| every target pulls with the same "
            "force ±1 whatever its distance, so count targets instead",
            lambda: float(np.mean(_TARGETS)),
        ),
        Mistake(
            "that is the midpoint of the smallest and largest targets; the targets in "
            "between pull too: count how many lie below b and how many above",
            lambda: float((_TARGETS.min() + _TARGETS.max()) / 2),
        ),
        Mistake(
            "that is the middle input x; the flat line "
            "predicts the targets y, so sort the y's",
            lambda: float(np.median(SQUARED_ERROR_DATA[0])),
        ),
    ],
)
