"""Chapter 7 (multi-class cross-entropy): one-hot targets, the cost from labels, label
smoothing, log k."""

from __future__ import annotations

import numpy as np

import nnlib
from nnlib.losses import CLIP

from ._cases import NATURAL_LOG, m_columns
from .answer import Answer
from .engine import Checker, Mistake


def _one_hot_cases(rng):
    return [
        ("labels [2, 0, 1, 2], k = 3", (np.array([2, 0, 1, 2]), 3)),
        (
            "labels [1, 1, 1], k = 5 (classes 0, 2, 3, 4 never occur)",
            (np.array([1, 1, 1]), 5),
        ),
        ("one example: labels [0], k = 2", (np.array([0]), 2)),
        ("labels [1, 2, 0], k = 3 (square)", (np.array([1, 2, 0]), 3)),
        ("m = 6 labels, k = 10", (rng.integers(0, 10, size=6), 10)),
    ]


def _ones_at(rows, k):
    """A (k, m) array of zeros with a 1 in row rows[i] of each column i, as a learner
    builds one-hot."""
    out = np.zeros((k, len(rows)))
    out[rows, np.arange(len(rows))] = 1.0
    return out


def _whole_rows(labels, k):
    out = np.zeros((k, len(labels)))
    out[labels] = 1.0
    return out


one_hot = Checker(
    "one_hot",
    nnlib.one_hot,
    _one_hot_cases,
    ladder=[
        "Which row of column i holds the 1, and how "
        "many rows and columns does the result have?",
        "Start from a k-by-m array of zeros: row j is class j, column i is example i. "
        "Column i needs a 1 in row labels[i] only. Indexing an array with two integer "
        "arrays of the same length, rows and columns, reaches one entry per pair, so "
        "all m entries can be set at once.",
        "`out = np.zeros((k, len(labels)))`, then `out[labels, "
        "np.arange(len(labels))] = 1.0`; return `out`.",
    ],
    mistakes=[
        Mistake(
            "transposed: the examples must be the columns, one class per row",
            lambda labels, k: nnlib.one_hot(labels, k).T,
        ),
        Mistake(
            "use the k you are given, not labels.max() "
            "+ 1: some classes may not occur in a batch",
            lambda labels, k: nnlib.one_hot(labels, int(np.max(labels)) + 1),
        ),
        Mistake(
            "one row too many: the classes are 0 … k − 1, so there are k rows",
            lambda labels, k: nnlib.one_hot(labels, k + 1),
        ),
        Mistake(
            "off by one: here the classes are numbered 0 … k − 1 (the notes count from "
            "1); put the 1 in row labels[i], not labels[i] − 1",
            lambda labels, k: _ones_at(labels - 1, k),
        ),
        Mistake(
            "off by one: the 1 of example i belongs in "
            "row labels[i]; yours is one row further down",
            lambda labels, k: _ones_at(labels + 1, k),
        ),
        Mistake(
            "you set whole rows to 1 (indexing with the labels alone picks rows); each "
            "column gets a single 1, in its own row",
            _whole_rows,
        ),
        Mistake(
            "you swapped the 0s and the 1s",
            lambda labels, k: 1 - nnlib.one_hot(labels, k),
        ),
    ],
)


def _ce_label_cases(rng):
    return [
        (
            "k = 3, m = 2: labels [0, 2]",
            (np.array([[0.7, 0.1], [0.2, 0.6], [0.1, 0.3]]), np.array([0, 2])),
        ),
        (
            "k = 4, m = 6",
            (nnlib.softmax(rng.normal(0, 2, size=(4, 6))), rng.integers(0, 4, size=6)),
        ),
        ("one example, k = 2", (np.array([[0.25], [0.75]]), np.array([1]))),
        (
            "the true class has ŷ = 0",
            (np.array([[1.0, 0.5], [0.0, 0.5]]), np.array([1, 0])),
        ),
    ]


def _ce(y_hat, labels):
    return nnlib.cross_entropy_cost(y_hat, labels)


def _log(p):
    """log p with p clipped at CLIP, as nnlib does."""
    return np.log(np.clip(p, CLIP, 1.0))


def _picked(y_hat, rows):
    """ŷ[rows[i], i] for each column i."""
    return y_hat[rows, np.arange(y_hat.shape[1])]


cross_entropy_from_labels = Checker(
    "cross_entropy_from_labels",
    _ce,
    _ce_label_cases,
    m_of=m_columns,
    forbids=(nnlib.cross_entropy_cost,),
    ladder=[
        "Of the k terms of the loss, which one survives for example i, and where in "
        "y_hat is its probability?",
        "Column i needs one number, ŷ[labels[i], i]: index y_hat with the labels as "
        "rows and the column numbers 0, …, m − 1 as columns (two integer arrays of "
        "length m). Clip those m probabilities from below at CLIP, take −log, and "
        "average over the m examples.",
        "`picked = np.clip(y_hat[labels, np.arange(m)], nnlib.losses.CLIP, 1.0)` with "
        "`m = y_hat.shape[1]`, then `float(-np.mean(np.log(picked)))`.",
    ],
    mistakes=[
        Mistake(
            "missing minus sign: log ŷ ≤ 0, so the loss "
            "−log ŷ_label needs the minus to be ≥ 0",
            lambda y_hat, labels: -_ce(y_hat, labels),
        ),
        Mistake(
            "not averaged over the examples: J = (1/m) "
            "Σ 𝓛 averages the losses of the m columns",
            lambda y_hat, labels: _ce(y_hat, labels) * y_hat.shape[1],
        ),
        Mistake(
            "indexing y_hat with the labels alone picks whole rows; each example needs "
            "one entry, in its own column",
            lambda y_hat, labels: -np.mean(_log(y_hat[labels])),
        ),
        Mistake(
            "off by one: here the classes are numbered 0 … k − 1 (the notes count from "
            "1); use row labels[i], not labels[i] − 1",
            lambda y_hat, labels: -np.mean(_log(_picked(y_hat, labels - 1))),
        ),
        Mistake(
            "you added log ŷ_j of every class; the indicator 1{y = j} keeps only the "
            "true class's term, −log ŷ_label",
            lambda y_hat, labels: -np.sum(_log(y_hat)) / y_hat.shape[1],
        ),
        Mistake(
            "you added (1 − y) log(1 − ŷ) terms as in the binary cross-entropy; with k "
            "classes the loss is only −log ŷ_label",
            lambda y_hat, labels: nnlib.binary_cross_entropy_cost(
                y_hat, nnlib.one_hot(labels, len(y_hat))
            ),
        ),
        Mistake(NATURAL_LOG, lambda y_hat, labels: _ce(y_hat, labels) / np.log(10)),
        Mistake(NATURAL_LOG, lambda y_hat, labels: _ce(y_hat, labels) / np.log(2)),
        Mistake(
            "your result is not finite where the true class has "
            "ŷ = 0: log 0 = −inf. The exercise clips the picked "
            "probabilities at ε from below before the log",
            lambda y_hat, labels: -np.mean(np.log(_picked(y_hat, labels))),
        ),
    ],
)


# ----------------------------------------------------------- a variant: label smoothing
def _smoothed_targets(labels, k, eps):
    """(1 − ε) one-hot + ε/k: the true class gets 1 − ε + ε/k, every other class ε/k."""
    return (1.0 - eps) * nnlib.one_hot(labels, k) + eps / k


def _smoothed(y_hat, labels, eps):
    return nnlib.cross_entropy_cost(
        y_hat, _smoothed_targets(labels, y_hat.shape[0], eps)
    )


def _smoothing_cases(rng):
    return [
        (
            "k = 3, m = 2: labels [0, 2], ε = 0.1",
            (np.array([[0.7, 0.1], [0.2, 0.6], [0.1, 0.3]]), np.array([0, 2]), 0.1),
        ),
        (
            "k = 4, m = 6, ε = 0.2",
            (
                nnlib.softmax(rng.normal(0, 2, size=(4, 6))),
                rng.integers(0, 4, size=6),
                0.2,
            ),
        ),
        (
            "ε = 0: the plain cross-entropy",
            (np.array([[0.25, 0.6], [0.75, 0.4]]), np.array([1, 0]), 0.0),
        ),
        (
            "k = 10, m = 3, ε = 0.3",
            (nnlib.softmax(rng.normal(0, 3, size=(10, 3))), np.array([9, 0, 4]), 0.3),
        ),
    ]


def _soft_cost(y_hat, targets):
    return float(-np.sum(targets * _log(y_hat)) / y_hat.shape[1])


label_smoothing_cost = Checker(
    "label_smoothing_cost",
    _smoothed,
    _smoothing_cases,
    m_of=m_columns,
    kind="variant",
    asks=(),
    ladder=[
        "Which of the two forms of the loss, label or "
        "one-hot, accepts a target that is not one-hot?",
        "First build the smoothed targets, a k-by-m array: ε/k in every entry, plus 1 "
        "− ε in the row of the true class of each column (so each column still sums to "
        "1). Then use the one-hot form of the cost, −Σ_j y_j log ŷ_j, which accepts "
        "any target distribution: nnlib.cross_entropy_cost does too.",
        "`targets = (1 - eps) * nnlib.one_hot(labels, k) + eps / k` with `k = "
        "y_hat.shape[0]`, then `nnlib.cross_entropy_cost(y_hat, targets)`.",
    ],
    mistakes=[
        Mistake(
            "you spread ε over the k − 1 wrong classes only; in this book (and in "
            "PyTorch) ε is spread over all k classes, ε/k each, and the true class "
            "keeps 1 − ε on top of its share",
            lambda y_hat, labels, eps: _soft_cost(
                y_hat,
                (1 - eps) * nnlib.one_hot(labels, len(y_hat))
                + eps / (len(y_hat) - 1) * (1 - nnlib.one_hot(labels, len(y_hat))),
            ),
        ),
        Mistake(
            "you added ε/k without taking ε from the true class: the target must still "
            "sum to 1, so the one-hot part is scaled by 1 − ε",
            lambda y_hat, labels, eps: _soft_cost(
                y_hat, nnlib.one_hot(labels, len(y_hat)) + eps / len(y_hat)
            ),
        ),
        Mistake(
            "you ignored ε: that is the plain cross-entropy of the labels; the "
            "smoothed target gives every class ε/k and takes ε from the true class",
            lambda y_hat, labels, eps: _ce(y_hat, labels),
        ),
        Mistake(
            "you smoothed with ε instead of ε/k: each of the k classes gets ε/k, so "
            "the ε taken from the true class is shared out again",
            lambda y_hat, labels, eps: _soft_cost(
                y_hat, (1 - eps) * nnlib.one_hot(labels, len(y_hat)) + eps
            ),
        ),
        Mistake(
            "missing minus sign: log ŷ ≤ 0, so the "
            "cost −Σ y log ŷ needs the minus to be ≥ 0",
            lambda y_hat, labels, eps: -_smoothed(y_hat, labels, eps),
        ),
    ],
)


# ------------------------------------------------------------- derived: a uniform guess
#: Exercise 7.4: k classes, a batch of m examples, and a network that gives every class
#: 1/k.
UNIFORM_K, UNIFORM_LABELS = 10, np.array([3, 0, 7, 7, 1, 9])


def _uniform_cost():
    m = len(UNIFORM_LABELS)
    return nnlib.cross_entropy_cost(
        np.full((UNIFORM_K, m), 1.0 / UNIFORM_K), UNIFORM_LABELS
    )


uniform_cost = Answer(
    "uniform_cost",
    _uniform_cost,
    ladder=[
        "What is −log ŷ_label for each of the six examples, and what is their average?",
        "With ŷ_j = 1/k for every class, the loss −log ŷ_label is "
        "the same for every example, whatever its label, so J "
        "equals it. And −log(1/k) = log k, in the natural logarithm.",
        "J = −log(1/10) = log 10: `np.log(10)`.",
    ],
    mistakes=[
        Mistake(NATURAL_LOG, lambda: _uniform_cost() / np.log(10)),
        Mistake(NATURAL_LOG, lambda: _uniform_cost() / np.log(2)),
        Mistake(
            "that is the probability 1/k of the true class, not its loss −log(1/k)",
            lambda: 1.0 / UNIFORM_K,
        ),
        Mistake(
            "missing minus sign: log(1/k) < 0, and a loss is ≥ 0",
            lambda: -_uniform_cost(),
        ),
        Mistake(
            "you added −log ŷ_j over all k classes; only "
            "the true class's term survives, −log ŷ_label",
            lambda: UNIFORM_K * _uniform_cost(),
        ),
        Mistake(
            "you summed over the m examples; J averages them",
            lambda: len(UNIFORM_LABELS) * _uniform_cost(),
        ),
    ],
)
