"""Chapter 1 (one layer): the affine map z = W a + b, the parameters, the cost of a
forward pass."""

from __future__ import annotations

import numpy as np

import nnlib

from .engine import Checker, Mistake


def _affine_cases(rng):
    return [
        (
            "one example: W (2, 3), a (3, 1), b (2, 1)",
            (
                np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]]),
                np.array([[1.0], [1.0], [2.0]]),
                np.array([[0.5], [-0.5]]),
            ),
        ),
        (
            "a batch: W (4, 3), a (3, 5), b (4, 1)",
            (rng.normal(size=(4, 3)), rng.normal(size=(3, 5)), rng.normal(size=(4, 1))),
        ),
        (
            "one unit: W (1, 6), a (6, 2), b (1, 1)",
            (rng.normal(size=(1, 6)), rng.normal(size=(6, 2)), rng.normal(size=(1, 1))),
        ),
    ]


affine = Checker(
    "affine",
    nnlib.affine,
    _affine_cases,
    ladder=[
        "Which equation of this chapter gives z for a whole batch, and which NumPy "
        "operator is a matrix product?",
        "For m examples side by side, the product of W, shape (n_l, n_(l−1)), and "
        "a_prev, shape (n_(l−1), m), already has the shape (n_l, m) of z; the bias is "
        "a column of shape (n_l, 1), and NumPy adds a column to every column of a "
        "matrix by itself (broadcasting).",
        "eq-affine-batch in code is one line: `return W @ a_prev + b` (@ is the matrix "
        "product; the column b is added to every column).",
    ],
    mistakes=[
        Mistake("you forgot to add the bias b", lambda W, a_prev, b: W @ a_prev),
        Mistake(
            "you subtracted the bias b instead of adding it",
            lambda W, a_prev, b: W @ a_prev - b,
        ),
        Mistake(
            "you multiplied by the transpose of W: W has shape (n_l, n_(l−1)) and maps "
            "the n_(l−1) inputs of a_prev to the n_l units as it stands",
            lambda W, a_prev, b: W.T @ a_prev + b,
        ),
        Mistake(
            "you added b as a row (its transpose); b is a column of shape (n_l, 1), "
            "one bias per unit, added to the column of every example",
            lambda W, a_prev, b: W @ a_prev + b.T,
        ),
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
    "parameter_count",
    nnlib.parameter_count,
    _count_cases,
    ladder=[
        "How many weights and how many biases has layer l, and over which pairs of "
        "consecutive sizes does the sum of eq-parameter-count run?",
        "Layer l joins a layer of n_(l−1) units to one of n_l units: W[l] has one "
        "weight per pair of units, b[l] one bias per unit of layer l. Sum that over "
        "the consecutive pairs of `sizes`, from (n_0, n_1) to (n_(N−1), n_N).",
        "`zip(sizes[:-1], sizes[1:])` walks through the pairs (n_prev, n_l); add "
        "`n_l * (n_prev + 1)` over them with `sum(... for n_prev, n_l in ...)`.",
    ],
    mistakes=[
        Mistake(
            "you counted only the weights; each layer l also has n_l biases",
            lambda sizes: _weights(sizes),
        ),
        Mistake(
            "you counted a bias for the input layer too; only layers 1 … N have biases "
            "(n_1 + … + n_N of them)",
            lambda sizes: _weights(sizes) + sum(sizes),
        ),
        Mistake(
            "you used n_l × n_l weights per layer; W[l] joins the n_(l−1) units below "
            "to the n_l units of layer l",
            lambda sizes: sum(n * n + n for n in sizes[1:]),
        ),
        Mistake(
            "you counted one bias per layer; layer l has n_l biases, one per unit",
            lambda sizes: _weights(sizes) + len(sizes) - 1,
        ),
    ],
)


# --------------------------------------------------------------------- derive: the cost
def _multiply_adds(sizes, m):
    """Reference: m Σ_l n_l n_(l−1); one product per weight per example, the biases
    start the sums."""
    return m * _weights(sizes)


def _multiply_adds_cases(rng):
    return [
        ("sizes [2, 3, 1], m = 4", ([2, 3, 1], 4)),
        ("sizes [784, 256, 256, 10], m = 64", ([784, 256, 256, 10], 64)),
        ("sizes [5, 5], m = 3", ([5, 5], 3)),
        ("sizes [1, 8, 8, 8, 2], m = 10", ([1, 8, 8, 8, 2], 10)),
        ("sizes [3, 4, 2], one example", ([3, 4, 2], 1)),
    ]


forward_multiply_adds = Checker(
    "forward_multiply_adds",
    _multiply_adds,
    _multiply_adds_cases,
    kind="derive",
    asks=(),
    mistakes=[
        Mistake(
            "that is the cost of one example; a batch has m "
            "columns, and every column needs the same products",
            lambda sizes, m: _weights(sizes),
        ),
        Mistake(
            "you counted a multiply-add for every bias too; the running sum of z_j "
            "starts at b_j, so a bias costs no product",
            lambda sizes, m: m * nnlib.parameter_count(sizes),
        ),
        Mistake(
            "you used n_l × n_l products per layer; z[l] has n_l × m entries and each "
            "is a sum over the n_(l−1) units of the layer below",
            lambda sizes, m: m * sum(n * n for n in sizes[1:]),
        ),
        Mistake(
            "you counted layer 1 only; the forward "
            "pass runs through every layer l = 1 … N",
            lambda sizes, m: m * sizes[0] * sizes[1],
        ),
        Mistake(
            "you added the sizes of two consecutive layers; each "
            "of the n_l units of layer l sums n_(l−1) products, "
            "so the count of a layer is a product of sizes",
            lambda sizes, m: (
                m * sum(n_prev + n for n_prev, n in zip(sizes[:-1], sizes[1:]))
            ),
        ),
    ],
    ladder=[
        "How many entries has z[l] for a batch of m examples, and how many products "
        "does one entry of eq-affine-unit need?",
        "Count layer by layer. z[l] has n_l × m entries; one entry "
        "of eq-affine-unit is a sum of n_(l−1) products that starts "
        "at the bias. Then add the layers up, from l = 1 to N.",
        "Layer l costs m · n_l · n_(l−1) multiply-adds; in code: "
        "`m * sum(n_l * n_prev for n_prev, n_l in zip(sizes[:-1], sizes[1:]))`.",
    ],
)
