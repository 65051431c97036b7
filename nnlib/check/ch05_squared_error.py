"""Chapter 5 (squared error): the cost J and its gradient with respect to ŷ."""
from __future__ import annotations

import numpy as np

import nnlib

from ._cases import m_columns
from .engine import Checker, Mistake


def _squared_error_cases(rng):
    return [
        ("3 outputs, m = 5", (rng.normal(size=(3, 5)), rng.normal(size=(3, 5)))),
        ("one output, m = 4: ŷ = [2, 0, 1, 3], y = [3, 0, −1, 3]",
         (np.array([[2.0, 0.0, 1.0, 3.0]]), np.array([[3.0, 0.0, -1.0, 3.0]]))),
        ("one example with 2 outputs (m = 1)", (np.array([[0.5], [-1.5]]), np.array([[1.0], [0.5]]))),
        ("a perfect prediction (J = 0)", (np.array([[1.0, -2.0, 0.5]]), np.array([[1.0, -2.0, 0.5]]))),
    ]


squared_error_cost = Checker(
    "squared_error_cost", nnlib.squared_error_cost, _squared_error_cases, ("y_hat", "Y"), m_of=m_columns,
    mistakes=[
        Mistake("you forgot the ½: L = ½(ŷ − y)², and the ½ is what makes the gradient come out as ŷ − y",
                lambda y_hat, Y: np.sum((y_hat - Y) ** 2) / y_hat.shape[1]),
        Mistake("you summed the losses of the examples instead of averaging them: J = (1/m) Σ L, "
                "so divide by m, the number of columns (y_hat.shape[1])",
                lambda y_hat, Y: 0.5 * np.sum((y_hat - Y) ** 2)),
        Mistake("you forgot the ½ and summed over the examples instead of averaging: J = (1/m) Σ ½‖ŷ − y‖²",
                lambda y_hat, Y: np.sum((y_hat - Y) ** 2)),
        Mistake("you computed np.mean((ŷ − y)²), the mean over every entry; J keeps the ½, sums over the "
                "output units of an example and divides by m only",
                lambda y_hat, Y: np.mean((y_hat - Y) ** 2)),
        Mistake("you averaged over the output units too (np.mean divides by n_N · m); the loss of one "
                "example sums over its units, ½‖ŷ − y‖², so divide by m only",
                lambda y_hat, Y: np.mean(0.5 * (y_hat - Y) ** 2)),
        Mistake("you did not square the difference: L = ½(ŷ − y)²",
                lambda y_hat, Y: 0.5 * np.sum(np.abs(y_hat - Y)) / y_hat.shape[1]),
    ],
)


def _squared_grad_cases(rng):
    return [
        ("one output, m = 4", (np.array([[2.0, 0.0, 1.0, 3.0]]), np.array([[3.0, 0.0, -1.0, 3.0]]))),
        ("3 outputs, m = 5", (rng.normal(size=(3, 5)), rng.normal(size=(3, 5)))),
        ("one example with 2 outputs (m = 1)", (np.array([[0.5], [-1.5]]), np.array([[1.0], [0.5]]))),
    ]


squared_error_grad = Checker(
    "squared_error_grad", nnlib.squared_error_grad, _squared_grad_cases, ("y_hat", "Y"), m_of=m_columns,
    mistakes=[
        Mistake("you computed y − ŷ; the gradient with respect to ŷ is ŷ − y "
                "(it points to where the loss grows)",
                lambda y_hat, Y: Y - y_hat),
        Mistake("you kept a factor 2: the derivative of ½(ŷ − y)² is ½ · 2(ŷ − y) = ŷ − y; "
                "the ½ cancels the 2",
                lambda y_hat, Y: 2 * (y_hat - Y)),
        Mistake("you halved ŷ − y: the derivative of (ŷ − y)² is 2(ŷ − y), and ½ · 2 = 1",
                lambda y_hat, Y: 0.5 * (y_hat - Y)),
        Mistake("you divided by m: squared_error_grad returns ∇_ŷ L of each example (one column each), "
                "not the gradient of the average J",
                lambda y_hat, Y: (y_hat - Y) / y_hat.shape[1]),
        Mistake("you returned the loss ½(ŷ − y)² of each entry, not its derivative ŷ − y",
                lambda y_hat, Y: 0.5 * (y_hat - Y) ** 2),
        Mistake("you summed over the examples; return ∇_ŷ L of each example, one column each, "
                "in the shape of y_hat",
                lambda y_hat, Y: np.sum(y_hat - Y, axis=1, keepdims=True)),
    ],
)
