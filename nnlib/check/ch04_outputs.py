"""Chapter 4 (output layers): a stable softmax, and class labels from ŷ."""
from __future__ import annotations

import numpy as np

import nnlib

from .engine import Checker, Mistake


def _softmax_cases(rng):
    return [
        ("z of shape (3, 4)", (rng.normal(0, 2, size=(3, 4)),)),
        ("one example: z of shape (4, 1)", (rng.normal(0, 2, size=(4, 1)),)),
        ("z with entries ±1000", (np.array([[1000.0, -1000.0, 1000.0],
                                            [999.0, -1001.0, -1000.0],
                                            [990.0, -1000.5, 0.0]]),)),
        ("a single class: z of shape (1, 5)", (rng.normal(0, 2, size=(1, 5)),)),
        ("a 1-D z of shape (3,), one column", (np.array([3.0, 1.0, -2.0]),)),
    ]


def _normalised(e, axis=0):
    """e divided by its sums along ``axis``: the last step of a softmax."""
    return e / np.sum(e, axis=axis, keepdims=True)


stable_softmax = Checker(
    "stable_softmax", nnlib.softmax, _softmax_cases, ("z",),
    mistakes=[
        Mistake("you normalised each row; one example is one column, so each column must sum to 1: "
                "use axis=0",
                lambda z: _normalised(np.exp(z - np.max(z, axis=1, keepdims=True)), axis=1)),
        Mistake("you did not divide by the sum: each column of the result must sum to 1",
                lambda z: np.exp(z - np.max(z, axis=0, keepdims=True))),
        Mistake("you divided by the sum of the whole array; divide each column by its own sum "
                "(axis=0, keepdims=True)",
                lambda z: np.exp(z - np.max(z)) / np.sum(np.exp(z - np.max(z)))),
        Mistake("you subtracted each row's maximum; subtract each column's maximum (axis=0, keepdims=True)",
                lambda z: _normalised(np.exp(z - np.max(z, axis=-1, keepdims=True)))),
        Mistake("your result has inf/nan for logits near ±1000: you did not subtract each column's maximum "
                "before exp. exp(1000) overflows to inf (inf/inf = nan), exp(−1000) underflows to 0 "
                "(0/0 = nan); softmax(z) = softmax(z − max z), and then every exponent is ≤ 0",
                lambda z: _normalised(np.exp(z))),
        Mistake("you subtracted the maximum of the whole array, not of each column: a column far below it "
                "underflows to 0/0 = nan. Use np.max(z, axis=0, keepdims=True)",
                lambda z: _normalised(np.exp(z - np.max(z)))),
        Mistake("you subtracted the minimum; subtract the maximum, so that every exponent is ≤ 0 and exp "
                "cannot overflow",
                lambda z: _normalised(np.exp(z - np.min(z, axis=0, keepdims=True)))),
    ],
)


def _labels_cases(rng):
    return [
        ("multiclass, y_hat of shape (3, 3)",
         (np.array([[0.7, 0.1, 0.2], [0.2, 0.3, 0.5], [0.1, 0.6, 0.3]]), "multiclass")),
        ("multiclass, y_hat of shape (4, 6)", (nnlib.softmax(rng.normal(0, 2, size=(4, 6))), "multiclass")),
        ("binary, y_hat of shape (1, 5), one entry exactly 0.5",
         (np.array([[0.9, 0.5, 0.2, 0.51, 0.03]]), "binary")),
        ("binary with two sigmoid outputs, y_hat of shape (2, 4)",
         (np.array([[0.8, 0.4, 0.6, 0.1], [0.3, 0.7, 0.55, 0.2]]), "binary")),
    ]


predict_labels = Checker(
    "predict_labels", nnlib.predict_labels, _labels_cases, ("y_hat", "task"),
    mistakes=[
        Mistake("you took the argmax of each row (axis=1); one example is one column: "
                "np.argmax(y_hat, axis=0)",
                lambda y_hat, task: np.argmax(y_hat, axis=1) if task == "multiclass" else y_hat >= 0.5),
        Mistake("you returned the largest probability of each column; the label is its row index: np.argmax",
                lambda y_hat, task: np.max(y_hat, axis=0) if task == "multiclass" else y_hat >= 0.5),
        Mistake("your labels start at 1; classes are numbered 0 … k−1, the row index of ŷ",
                lambda y_hat, task: nnlib.predict_labels(y_hat, task) + 1),
        Mistake("you returned one-hot columns; return one integer label per example, shape (m,)",
                lambda y_hat, task: nnlib.one_hot(np.argmax(y_hat, axis=0), len(y_hat))
                if task == "multiclass" else y_hat >= 0.5),
        Mistake("for a binary task each entry of ŷ is P(y = 1) of its own: threshold it, (y_hat >= 0.5), "
                "do not take an argmax",
                lambda y_hat, task: np.argmax(y_hat, axis=0)),
        Mistake("ŷ = 0.5 exactly counts as class 1 (it is z = 0 exactly): use y_hat >= 0.5, not >",
                lambda y_hat, task: np.argmax(y_hat, axis=0) if task == "multiclass" else y_hat > 0.5),
        Mistake("the labels are right but the shape is not: keep the shape of y_hat, (n_N, m)",
                lambda y_hat, task:
                np.argmax(y_hat, axis=0) if task == "multiclass" else np.ravel(y_hat >= 0.5)),
    ],
)
