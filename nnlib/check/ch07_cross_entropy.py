"""Chapter 7 (multi-class cross-entropy): one-hot targets, and the cost from integer labels."""
from __future__ import annotations

import numpy as np

import nnlib
from nnlib.losses import EPS

from ._cases import NATURAL_LOG, m_columns
from .engine import Checker, Mistake


def _one_hot_cases(rng):
    return [
        ("labels [2, 0, 1, 2], k = 3", (np.array([2, 0, 1, 2]), 3)),
        ("labels [1, 1, 1], k = 5 (classes 0, 2, 3, 4 never occur)", (np.array([1, 1, 1]), 5)),
        ("one example: labels [0], k = 2", (np.array([0]), 2)),
        ("labels [1, 2, 0], k = 3 (square)", (np.array([1, 2, 0]), 3)),
        ("m = 6 labels, k = 10", (rng.integers(0, 10, size=6), 10)),
    ]


def _ones_at(rows, k):
    """A (k, m) array of zeros with a 1 in row rows[i] of each column i, as a learner builds one-hot."""
    out = np.zeros((k, len(rows)))
    out[rows, np.arange(len(rows))] = 1.0
    return out


def _whole_rows(labels, k):
    out = np.zeros((k, len(labels)))
    out[labels] = 1.0
    return out


one_hot = Checker(
    "one_hot", nnlib.one_hot, _one_hot_cases, ("labels", "k"),
    mistakes=[
        Mistake("transposed: examples must be columns; build np.zeros((k, m)) and put the 1 of example i "
                "in column i, row labels[i]",
                lambda labels, k: nnlib.one_hot(labels, k).T),
        Mistake("use the k you are given, not labels.max() + 1: some classes may not occur in a batch",
                lambda labels, k: nnlib.one_hot(labels, int(np.max(labels)) + 1)),
        Mistake("one row too many: the classes are 0 … k − 1, so there are k rows",
                lambda labels, k: nnlib.one_hot(labels, k + 1)),
        Mistake("off by one: here the classes are numbered 0 … k − 1 (the notes count from 1); "
                "put the 1 in row labels[i], not labels[i] − 1",
                lambda labels, k: _ones_at(labels - 1, k)),
        Mistake("off by one: put the 1 in row labels[i], not labels[i] + 1",
                lambda labels, k: _ones_at(labels + 1, k)),
        Mistake("you set whole rows to 1 (out[labels] = 1); set one entry per column: "
                "out[labels, np.arange(m)] = 1",
                _whole_rows),
        Mistake("you swapped the 0s and the 1s", lambda labels, k: 1 - nnlib.one_hot(labels, k)),
    ],
)


def _ce_label_cases(rng):
    return [
        ("k = 3, m = 2: labels [0, 2]",
         (np.array([[0.7, 0.1], [0.2, 0.6], [0.1, 0.3]]), np.array([0, 2]))),
        ("k = 4, m = 6", (nnlib.softmax(rng.normal(0, 2, size=(4, 6))), rng.integers(0, 4, size=6))),
        ("one example, k = 2", (np.array([[0.25], [0.75]]), np.array([1]))),
        ("the true class has ŷ = 0", (np.array([[1.0, 0.5], [0.0, 0.5]]), np.array([1, 0]))),
    ]


def _ce(y_hat, labels):
    return nnlib.cross_entropy_cost(y_hat, labels)


def _log(p):
    """log p with p clipped at EPS, as nnlib does."""
    return np.log(np.clip(p, EPS, 1.0))


def _picked(y_hat, rows):
    """ŷ[rows[i], i] for each column i."""
    return y_hat[rows, np.arange(y_hat.shape[1])]


cross_entropy_from_labels = Checker(
    "cross_entropy_from_labels", _ce, _ce_label_cases, ("y_hat", "labels"), m_of=m_columns,
    mistakes=[
        Mistake("missing minus sign: log ŷ ≤ 0, so the loss −log ŷ_label needs the minus to be ≥ 0",
                lambda y_hat, labels: -_ce(y_hat, labels)),
        Mistake("not averaged over the examples: J = (1/m) Σ L, so divide by m, the number of columns "
                "(y_hat.shape[1])",
                lambda y_hat, labels: _ce(y_hat, labels) * y_hat.shape[1]),
        Mistake("y_hat[labels] picks whole rows; pick one entry per column: y_hat[labels, np.arange(m)]",
                lambda y_hat, labels: -np.mean(_log(y_hat[labels]))),
        Mistake("off by one: here the classes are numbered 0 … k − 1 (the notes count from 1); "
                "use row labels[i], not labels[i] − 1",
                lambda y_hat, labels: -np.mean(_log(_picked(y_hat, labels - 1)))),
        Mistake("you added log ŷ_j of every class; the indicator 1{y = j} keeps only the true class's term, "
                "−log ŷ_label",
                lambda y_hat, labels: -np.sum(_log(y_hat)) / y_hat.shape[1]),
        Mistake("you added (1 − y) log(1 − ŷ) terms as in the binary cross-entropy; with k classes the loss "
                "is only −log ŷ_label",
                lambda y_hat, labels:
                nnlib.binary_cross_entropy_cost(y_hat, nnlib.one_hot(labels, len(y_hat)))),
        Mistake(NATURAL_LOG, lambda y_hat, labels: _ce(y_hat, labels) / np.log(10)),
        Mistake(NATURAL_LOG, lambda y_hat, labels: _ce(y_hat, labels) / np.log(2)),
        Mistake("your result is not finite where the true class has ŷ = 0: log 0 = −inf. Clip ŷ at EPS "
                "before the log: np.clip(p, nnlib.losses.EPS, 1.0)",
                lambda y_hat, labels: -np.mean(np.log(_picked(y_hat, labels)))),
    ],
)
