"""Chapter 13 (training): typical wrong answers get their specific diagnosis."""
from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib import check


def _in_place(W, dW, learning_rate):
    W -= learning_rate * dW
    return W


UPDATE_MISTAKES = [
    ("plus instead of minus", lambda W, dW, lr: W + lr * dW, "moved uphill (+ instead of −)"),
    ("no learning rate", lambda W, dW, lr: W - dW, "forgot the learning rate"),
    ("plus and no learning rate", lambda W, dW, lr: W + dW, "moved uphill (+ instead of −) and forgot the learning rate"),
    ("only the step", lambda W, dW, lr: -lr * dW, "returned only the step"),
    ("divided by α", lambda W, dW, lr: W - dW / lr, "divided dW by the learning rate"),
    ("α times everything", lambda W, dW, lr: lr * (W - dW), "belongs to the gradient only"),
    ("updated W in place", _in_place, "changed its input `W`"),
]


def _count(predicted, labels, k):
    C = np.zeros((k, k))
    for p, t in zip(predicted, labels):
        C[t, p] += 1
    return C


def _fancy_once(predicted, labels, k):
    C = np.zeros((k, k))
    C[labels, predicted] += 1
    return C


CONFUSION_MISTAKES = [
    ("rows are predictions", lambda p, t, k: _count(p, t, k).T, "rows and columns are swapped"),
    ("fancy-index +=", _fancy_once, "counted at most once"),
    ("fractions of m", lambda p, t, k: _count(p, t, k) / len(p), "you divided by m"),
    ("row-normalised", lambda p, t, k: _count(p, t, k) / np.maximum(_count(p, t, k).sum(axis=1, keepdims=True), 1),
     "you normalised each row"),
    ("k from the data", lambda p, t, k: _count(p, t, int(max(p.max(), t.max())) + 1), "wrong shape: expected (4, 4)"),
]


def _hits(y_hat, labels):
    return np.argmax(y_hat, axis=0) == labels


ACCURACY_MISTAKES = [
    ("error rate", lambda y_hat, labels: float(np.mean(~_hits(y_hat, labels))), "error rate"),
    ("percentage", lambda y_hat, labels: float(100 * np.mean(_hits(y_hat, labels))), "percentage"),
    ("count", lambda y_hat, labels: int(np.sum(_hits(y_hat, labels))), "number of correct examples"),
    ("argmax over axis 1", lambda y_hat, labels: float(np.mean(np.argmax(y_hat, axis=1) == labels)), "argmax along axis 1"),
    ("mean true-class probability", lambda y_hat, labels: float(np.mean(y_hat[labels, np.arange(y_hat.shape[1])])),
     "probability of the true class"),
]


@pytest.mark.parametrize("label,fn,message", UPDATE_MISTAKES, ids=[c[0] for c in UPDATE_MISTAKES])
def test_gradient_descent_update_mistakes(label, fn, message):
    result = check.gradient_descent_update(fn)
    assert not result.passed
    assert message in result.message, result.message


@pytest.mark.parametrize("label,fn,message", CONFUSION_MISTAKES, ids=[c[0] for c in CONFUSION_MISTAKES])
def test_confusion_matrix_mistakes(label, fn, message):
    result = check.confusion_matrix(fn)
    assert not result.passed
    assert message in result.message, result.message


@pytest.mark.parametrize("label,fn,message", ACCURACY_MISTAKES, ids=[c[0] for c in ACCURACY_MISTAKES])
def test_accuracy_from_predictions_mistakes(label, fn, message):
    result = check.accuracy_from_predictions(fn)
    assert not result.passed
    assert message in result.message, result.message


def test_right_answers_pass():
    assert check.gradient_descent_update(lambda W, dW, lr: W - lr * dW)
    assert check.confusion_matrix(lambda p, t, k: _count(p, t, k))
    assert check.accuracy_from_predictions(lambda y_hat, labels: float(np.mean(_hits(y_hat, labels))))
    assert check.confusion_matrix(nnlib.confusion_matrix)
