"""Chapter 13 (training): the update, accuracy, the confusion matrix, and the gain of a
leaky ReLU."""

from __future__ import annotations

import numpy as np

import nnlib

from ._cases import m_columns
from .engine import Checker, Mistake


def _gd_cases(rng):
    return [
        (
            "W (3, 4), dW (3, 4), learning_rate = 0.1",
            (rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), 0.1),
        ),
        (
            "a bias column b (5, 1), db (5, 1), learning_rate = 0.5",
            (rng.normal(size=(5, 1)), rng.normal(size=(5, 1)), 0.5),
        ),
        (
            "dW = 0 (a stationary point): W must not move",
            (rng.normal(size=(2, 3)), np.zeros((2, 3)), 0.3),
        ),
        (
            "W (4, 2), learning_rate = 2",
            (rng.normal(size=(4, 2)), rng.normal(size=(4, 2)), 2.0),
        ),
        (
            "a 1×1 W = [[1.5]], dW = [[-2]], learning_rate = 1",
            (np.array([[1.5]]), np.array([[-2.0]]), 1.0),
        ),
    ]


descend = Checker(
    "descend",
    nnlib.descend,
    _gd_cases,
    ladder=[
        "In which direction does J fall fastest (the steepest-descent equation), and "
        "how does the learning rate enter the step?",
        "The gradient points to where J grows fastest, so the step goes the other way, "
        "and the learning rate α sets its length: the new parameter is the old one "
        "minus α times its gradient, entry by entry. Build a new array; an in-place "
        "update (-=) would change the caller's W.",
        "One line: `W - learning_rate * dW` (a new array; `W` itself stays as it was).",
    ],
    mistakes=[
        Mistake(
            "you moved uphill (+ instead of −): a step along the gradient increases J; "
            "gradient descent steps against it",
            lambda W, dW, learning_rate: W + learning_rate * dW,
        ),
        Mistake(
            "two slips: you moved uphill (+ instead of −), and the learning "
            "rate is missing from the step",
            lambda W, dW, learning_rate: W + dW,
        ),
        Mistake(
            "you forgot the learning rate: your step is the whole "
            "gradient; α sets its length",
            lambda W, dW, learning_rate: W - dW,
        ),
        Mistake(
            "you returned only the step −α·dW; the new parameter is "
            "the old one plus that step",
            lambda W, dW, learning_rate: -learning_rate * dW,
        ),
        Mistake(
            "you divided the gradient by the learning rate; α multiplies "
            "it (eq-gradient-descent)",
            lambda W, dW, learning_rate: W - dW / learning_rate,
        ),
        Mistake(
            "the learning rate multiplies the whole of W − dW; it scales "
            "the step, the gradient, only",
            lambda W, dW, learning_rate: learning_rate * (W - dW),
        ),
    ],
)


def _accuracy_cases(rng):
    # 4 classes, 4 examples (columns): the largest entry of each column is in rows 0, 1,
    # 2, 0; the labels 0, 1, 3, 0 make 3 of 4 right.
    square = np.array(
        [
            [0.70, 0.10, 0.20, 0.45],
            [0.10, 0.60, 0.10, 0.30],
            [0.10, 0.20, 0.40, 0.15],
            [0.10, 0.10, 0.30, 0.10],
        ]
    )
    probs = nnlib.softmax(rng.normal(0, 2, size=(3, 8)))
    labels = np.argmax(probs, axis=0)
    labels[[1, 4]] = (labels[[1, 4]] + 1) % 3
    digits = rng.dirichlet(np.ones(10), size=7).T
    return [
        (
            "y_hat (4, 4): 4 classes, 4 examples, 3 right",
            (square, np.array([0, 1, 3, 0])),
        ),
        ("y_hat (3, 8): 6 of 8 right", (probs, labels)),
        ("y_hat (10, 7): ten classes", (digits, rng.integers(0, 10, size=7))),
        ("all right", (square, np.array([0, 1, 2, 0]))),
        ("all wrong", (square, np.array([3, 3, 3, 3]))),
    ]


def _hits(y_hat, labels):
    """True for the examples whose most probable class is the label."""
    return np.argmax(y_hat, axis=0) == labels


accuracy_from_predictions = Checker(
    "accuracy_from_predictions",
    nnlib.accuracy_from_predictions,
    _accuracy_cases,
    ladder=[
        "Which entry of a column is the network's answer for that example, and what "
        "fraction of the answers match the labels?",
        "Each column of y_hat is one example. Its predicted class is the row of its "
        "largest entry (np.argmax along the axis that runs over the rows); compare "
        "those m predictions with the m labels and return the fraction that agree, "
        "a number between 0 and 1.",
        "`predicted = np.argmax(y_hat, axis=0)`, then "
        "`float(np.mean(predicted == labels))`.",
    ],
    m_of=m_columns,
    mistakes=[
        Mistake(
            "you computed the error rate (the fraction wrong); accuracy "
            "is the fraction right",
            lambda y_hat, labels: np.mean(~_hits(y_hat, labels)),
        ),
        Mistake(
            "you returned a percentage; return a fraction between "
            "0 and 1 (drop the × 100)",
            lambda y_hat, labels: 100 * np.mean(_hits(y_hat, labels)),
        ),
        Mistake(
            "you returned the number of correct examples; accuracy is the "
            "fraction of the m examples",
            lambda y_hat, labels: np.sum(_hits(y_hat, labels)),
        ),
        Mistake(
            "you looked for the largest entry of each row, across the "
            "examples; each example is a column, and its answer is the row of "
            "that column's largest entry",
            lambda y_hat, labels: np.mean(np.argmax(y_hat, axis=1) == labels),
        ),
        Mistake(
            "you averaged the probability of the true class; accuracy counts the "
            "columns whose LARGEST entry is in the row of the true class",
            lambda y_hat, labels: np.mean(y_hat[labels, np.arange(y_hat.shape[1])]),
        ),
    ],
)


def _confusion_cases(rng):
    return [
        (
            "10 examples, k = 3 classes",
            (
                np.array([0, 0, 1, 2, 2, 1, 0, 2, 1, 1]),
                np.array([0, 1, 1, 2, 0, 1, 0, 2, 2, 1]),
                3,
            ),
        ),
        (
            "class 3 never occurs: k = 4 still gives a 4×4 table",
            (np.array([0, 1, 2, 1, 0, 2]), np.array([0, 1, 2, 2, 0, 0]), 4),
        ),
        (
            "all right: only the diagonal",
            (np.array([2, 0, 1, 1, 0]), np.array([2, 0, 1, 1, 0]), 3),
        ),
        ("one example", (np.array([1]), np.array([0]), 2)),
        (
            "60 examples, k = 10",
            (rng.integers(0, 10, size=60), rng.integers(0, 10, size=60), 10),
        ),
    ]


def _rows_normalised(C):
    return C / np.maximum(C.sum(axis=1, keepdims=True), 1)


def _counted_once(predicted, labels, k):
    C = np.zeros((k, k))
    C[labels, predicted] += 1
    return C


confusion_matrix = Checker(
    "confusion_matrix",
    nnlib.confusion_matrix,
    _confusion_cases,
    ladder=[
        "Which cell of the k × k table does one example with true class t and "
        "prediction p add to, and what do the cells start from?",
        "Start from a k × k table of zeros: row = true class, column = predicted "
        "class. Each example adds one to a single cell, the one at (its label, its "
        "prediction). Fancy indexing with += counts a repeated pair only once, so loop "
        "over the examples (zip) or use np.add.at.",
        "`C = np.zeros((k, k), dtype=int)`; "
        "`for true, guess in zip(labels, predicted): C[true, guess] += 1`.",
    ],
    m_of=lambda args: len(args[0]),
    mistakes=[
        Mistake(
            "rows and columns are swapped: row i is the TRUE class, "
            "column j the PREDICTED class",
            lambda predicted, labels, k: nnlib.confusion_matrix(predicted, labels, k).T,
        ),
        Mistake(
            "each (true, predicted) pair was counted at most once: += with arrays of "
            "indices adds 1 per distinct pair, not per example, when a pair repeats",
            _counted_once,
        ),
        Mistake(
            "you divided by m: the confusion matrix holds counts of "
            "examples, not fractions",
            lambda predicted, labels, k: (
                nnlib.confusion_matrix(predicted, labels, k) / len(predicted)
            ),
        ),
        Mistake(
            "you normalised each row; the confusion matrix holds counts "
            "of examples, not fractions",
            lambda predicted, labels, k: _rows_normalised(
                nnlib.confusion_matrix(predicted, labels, k)
            ),
        ),
        Mistake(
            "use the k you are given, not the largest label + 1: a class that never "
            "occurs still has its row and column, so the table is k × k",
            lambda predicted, labels, k: nnlib.confusion_matrix(
                predicted, labels, int(max(predicted.max(), labels.max())) + 1
            ),
        ),
    ],
)


# ---------------------------------------------------- derived: the gain of a leaky ReLU
def _gain_cases(rng):
    return [
        ("c = 0 (ReLU)", (0.0,)),
        ("c = 0.01", (0.01,)),
        ("c = 0.2", (0.2,)),
        ("c = 1 (the identity)", (1.0,)),
        ("c = 0.5", (0.5,)),
        ("c = −1 (the absolute value |z|)", (-1.0,)),
    ]


leaky_relu_gain = Checker(
    "leaky_relu_gain",
    nnlib.activations.leaky_relu_gain,
    _gain_cases,
    kind="derive",
    ladder=[
        "With half of z's distribution on each side of 0, what fraction of Var z is "
        "E[g(z)²]? (Chapter 3's equation for Var z^[l] then gives the gain.)",
        "For z symmetric about 0, half of the mass is at z > 0, where g(z)² = z², "
        "and half at z < 0, where g(z)² = c²z². So E[g(z)²] is what fraction of Var "
        "z? Then ask which gain makes Var z^[l] = gain · E[g(z^[l−1])²] equal to Var "
        "z^[l−1] (eq-forward-variance with σ_W² = gain/n).",
        "E[g(z)²] = (1 + c²)/2 · Var z, so the gain is its inverse times "
        "1: `2 / (1 + c ** 2)`.",
    ],
    mistakes=[
        Mistake(
            "you returned 2, ReLU's gain: for z < 0 the leaky ReLU keeps c·z, whose "
            "square adds c²/2 of Var z to E[g(z)²]",
            lambda c: 2.0 + 0.0 * c,
        ),
        Mistake(
            "you used c where c² belongs: on the negative side g(z)² = (cz)² = c²z²",
            lambda c: 2.0 / (1.0 + c),
        ),
        Mistake(
            "that is E[g(z)²] / Var z = (1 + c²)/2; the gain is its inverse, so "
            "that gain · E[g(z)²] = Var z",
            lambda c: (1.0 + c**2) / 2.0,
        ),
        Mistake(
            "you dropped the ½: each side of 0 holds half of the distribution, so "
            "E[g(z)²] = ½ Var z + ½ c² Var z",
            lambda c: 1.0 / (1.0 + c**2),
        ),
        Mistake(
            "the negative side adds to E[g(z)²], it does not subtract: (cz)² ≥ 0",
            lambda c: 2.0 / (1.0 - c**2),
        ),
    ],
)
