"""Chapter 1 (one layer): the affine map z = W a + b and the number of parameters."""
from __future__ import annotations

import numpy as np

import nnlib

from .engine import Checker, Mistake


def _affine_cases(rng):
    return [
        ("one example: W (2, 3), a (3, 1), b (2, 1)",
         (np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]]), np.array([[1.0], [1.0], [2.0]]),
          np.array([[0.5], [-0.5]]))),
        ("a batch: W (4, 3), a (3, 5), b (4, 1)",
         (rng.normal(size=(4, 3)), rng.normal(size=(3, 5)), rng.normal(size=(4, 1)))),
        ("one unit: W (1, 6), a (6, 2), b (1, 1)",
         (rng.normal(size=(1, 6)), rng.normal(size=(6, 2)), rng.normal(size=(1, 1)))),
    ]


affine = Checker(
    "affine", nnlib.affine, _affine_cases, ("W", "a_prev", "b"),
    mistakes=[
        Mistake("you forgot to add the bias b", lambda W, a_prev, b: W @ a_prev),
        Mistake("you subtracted the bias b instead of adding it", lambda W, a_prev, b: W @ a_prev - b),
        Mistake("you multiplied by W.T; z = W @ a_prev + b, with W of shape (n_l, n_(l−1))",
                lambda W, a_prev, b: W.T @ a_prev + b),
        Mistake("you added b.T, a row; b is a column of shape (n_l, 1), added to every column of W @ a_prev",
                lambda W, a_prev, b: W @ a_prev + b.T),
    ],
)


def _count_cases(rng):
    return [
        ("sizes [2, 3, 1]", ([2, 3, 1],)),
        ("sizes [784, 256, 256, 10]", ([784, 256, 256, 10],)),
        ("sizes [5, 5]", ([5, 5],)),
        ("sizes [1, 8, 8, 8, 2]", ([1, 8, 8, 8, 2],)),
    ]


def _weights(sizes):
    return sum(n_prev * n_l for n_prev, n_l in zip(sizes[:-1], sizes[1:]))


parameter_count = Checker(
    "parameter_count", nnlib.parameter_count, _count_cases, ("sizes",),
    mistakes=[
        Mistake("you counted only the weights; each layer l also has n_l biases",
                lambda sizes: _weights(sizes)),
        Mistake("you counted a bias for the input layer too; only layers 1 … N have biases "
                "(n_1 + … + n_N of them)",
                lambda sizes: _weights(sizes) + sum(sizes)),
        Mistake("you used n_l × n_l weights per layer; W[l] has shape (n_l, n_{l−1})",
                lambda sizes: sum(n * n + n for n in sizes[1:])),
        Mistake("you counted one bias per layer; layer l has n_l biases, one per unit",
                lambda sizes: _weights(sizes) + len(sizes) - 1),
    ],
)
