"""Chapter 4 (output layers): typical wrong answers get their specific diagnosis."""
from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib import check


def right_softmax(z):
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def _quiet(fn):
    def wrapped(z):
        with np.errstate(all="ignore"):
            return fn(z)
    return wrapped


SOFTMAX_MISTAKES = [
    ("over rows", lambda z: right_softmax(z.T).T, "you normalised each row"),
    ("not normalised", lambda z: np.exp(z - np.max(z, axis=0, keepdims=True)), "you did not divide by the sum"),
    ("whole-array sum", lambda z: np.exp(z - np.max(z)) / np.sum(np.exp(z - np.max(z))), "the sum of the whole array"),
    ("row maximum", lambda z: (lambda e: e / e.sum(axis=0, keepdims=True))(np.exp(z - np.max(z, axis=-1, keepdims=True))),
     "you subtracted each row's maximum"),
    ("naive form", _quiet(lambda z: np.exp(z) / np.sum(np.exp(z), axis=0, keepdims=True)),
     "you did not subtract each column's maximum"),
    ("global maximum", _quiet(lambda z: (lambda e: e / e.sum(axis=0, keepdims=True))(np.exp(z - np.max(z)))),
     "the maximum of the whole array"),
    ("minimum", _quiet(lambda z: (lambda e: e / e.sum(axis=0, keepdims=True))(np.exp(z - np.min(z, axis=0, keepdims=True)))),
     "you subtracted the minimum"),
]

LABEL_MISTAKES = [
    ("argmax over rows", lambda y, task: np.argmax(y, axis=1) if task == "multiclass" else (y >= 0.5).astype(int),
     "argmax of each row"),
    ("max probability", lambda y, task: np.max(y, axis=0) if task == "multiclass" else (y >= 0.5).astype(int),
     "largest probability"),
    ("labels from 1", lambda y, task: np.argmax(y, axis=0) + 1 if task == "multiclass" else (y >= 0.5).astype(int),
     "your labels start at 1"),
    ("one-hot", lambda y, task: nnlib.one_hot(np.argmax(y, axis=0), y.shape[0]) if task == "multiclass"
     else (y >= 0.5).astype(int), "one-hot"),
    ("argmax for binary", lambda y, task: np.argmax(y, axis=0), "do not take an argmax"),
    ("> 0.5", lambda y, task: np.argmax(y, axis=0) if task == "multiclass" else (y > 0.5).astype(int), "use y_hat >= 0.5"),
    ("flattened binary", lambda y, task: np.argmax(y, axis=0) if task == "multiclass" else (y[0] >= 0.5).astype(int),
     "keep the shape of y_hat"),
]


@pytest.mark.parametrize("label,fn,message", SOFTMAX_MISTAKES, ids=[c[0] for c in SOFTMAX_MISTAKES])
def test_stable_softmax_mistakes(label, fn, message):
    result = check.stable_softmax(fn)
    assert not result.passed
    assert message in result.message, result.message


@pytest.mark.parametrize("label,fn,message", LABEL_MISTAKES, ids=[c[0] for c in LABEL_MISTAKES])
def test_predict_labels_mistakes(label, fn, message):
    result = check.predict_labels(fn)
    assert not result.passed
    assert message in result.message, result.message


def test_right_answers_pass():
    assert check.stable_softmax(right_softmax)
    assert check.predict_labels(lambda y, task: np.argmax(y, axis=0) if task == "multiclass" else (y >= 0.5).astype(int))


def test_predict_labels_is_what_network_predict_uses():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 7))
    for task, n_out in (("multiclass", 3), ("binary", 1)):
        net = nnlib.Network([2, 4, n_out], task=task, seed=2)
        assert np.array_equal(net.predict(X), nnlib.predict_labels(net.forward(X), task))
    with pytest.raises(ValueError, match="regression"):
        nnlib.predict_labels(np.zeros((1, 3)), "regression")


def test_sigmoid_is_a_two_class_softmax():
    z = np.linspace(-30, 30, 13)[None, :]
    two = nnlib.softmax(np.vstack([z, np.zeros_like(z)]))
    assert np.allclose(two[0], nnlib.sigmoid(z)[0], rtol=1e-12, atol=0)
