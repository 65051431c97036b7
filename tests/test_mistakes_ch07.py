"""Chapter 7 (multi-class cross-entropy): typical wrong answers get their specific diagnosis."""
from __future__ import annotations

import numpy as np
import pytest

from nnlib import check
from nnlib.losses import EPS


def right_one_hot(labels, k):
    out = np.zeros((k, len(labels)))
    out[labels, np.arange(len(labels))] = 1.0
    return out


def right_ce(y_hat, labels):
    m = y_hat.shape[1]
    return float(-np.mean(np.log(np.clip(y_hat[labels, np.arange(m)], EPS, 1.0))))


def _rows_set(labels, k):
    out = np.zeros((k, len(labels)))
    out[labels] = 1.0
    return out


ONE_HOT_MISTAKES = [
    ("transposed", lambda labels, k: right_one_hot(labels, k).T, "examples must be columns"),
    ("off by one", lambda labels, k: np.roll(right_one_hot(labels, k), -1, axis=0), "off by one"),
    ("k from the labels", lambda labels, k: right_one_hot(labels, int(labels.max()) + 1), "not labels.max() + 1"),
    ("k + 1 rows", lambda labels, k: right_one_hot(labels, k + 1), "one row too many"),
    ("whole rows", _rows_set, "set whole rows to 1"),
    ("swapped", lambda labels, k: 1 - right_one_hot(labels, k), "swapped the 0s and the 1s"),
]

CE_MISTAKES = [
    ("missing minus", lambda y_hat, labels: -right_ce(y_hat, labels), "missing minus sign"),
    ("not averaged", lambda y_hat, labels: right_ce(y_hat, labels) * y_hat.shape[1], "not averaged over the examples"),
    ("not clipped", lambda y_hat, labels: float(-np.mean(np.log(y_hat[labels, np.arange(y_hat.shape[1])]))), "Clip ŷ at EPS"),
    ("whole rows", lambda y_hat, labels: float(-np.mean(np.log(np.clip(y_hat[labels], EPS, 1)))), "picks whole rows"),
    ("off by one", lambda y_hat, labels: right_ce(y_hat, labels - 1), "off by one"),
    ("every class", lambda y_hat, labels: float(-np.sum(np.log(np.clip(y_hat, EPS, 1))) / y_hat.shape[1]),
     "keeps only the true class's term"),
    ("binary terms", lambda y_hat, labels: float(-np.sum(
        right_one_hot(labels, y_hat.shape[0]) * np.log(np.clip(y_hat, EPS, 1 - EPS))
        + (1 - right_one_hot(labels, y_hat.shape[0])) * np.log(1 - np.clip(y_hat, EPS, 1 - EPS))) / y_hat.shape[1]),
     "as in the binary cross-entropy"),
    ("log2", lambda y_hat, labels: right_ce(y_hat, labels) / np.log(2), "natural logarithm"),
]


@pytest.mark.parametrize("label,fn,message", ONE_HOT_MISTAKES, ids=[c[0] for c in ONE_HOT_MISTAKES])
def test_one_hot_mistakes(label, fn, message):
    result = check.one_hot(fn)
    assert not result.passed
    assert message in result.message, result.message


@pytest.mark.parametrize("label,fn,message", CE_MISTAKES, ids=[c[0] for c in CE_MISTAKES])
def test_cross_entropy_from_labels_mistakes(label, fn, message):
    with np.errstate(all="ignore"):
        result = check.cross_entropy_from_labels(fn)
    assert not result.passed
    assert message in result.message, result.message


def test_right_answers_pass():
    assert check.one_hot(right_one_hot)
    assert check.cross_entropy_from_labels(right_ce)
