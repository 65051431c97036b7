"""Chapter 10 (parameter gradients): typical wrong answers get their specific diagnosis."""
from __future__ import annotations

import numpy as np
import pytest

from nnlib import check


def _m(delta):
    return delta.shape[1]


WEIGHT_MISTAKES = [
    ("forgot 1/m", lambda d, a: d @ a.T, "you forgot the 1/m"),
    ("transposed", lambda d, a: a @ d.T / _m(d), "you computed a_prev δᵀ, the transpose"),
    ("δ δᵀ", lambda d, a: d @ d.T / _m(d), "you multiplied δ by its own transpose"),
    ("divided by n_l", lambda d, a: d @ a.T / d.shape[0], "you divided by n_l"),
]

BIAS_MISTAKES = [
    ("summed", lambda d: np.sum(d, axis=1, keepdims=True), "you summed over the examples instead of averaging"),
    ("wrong axis", lambda d: np.mean(d, axis=0, keepdims=True), "you averaged over the wrong axis"),
    ("wrong axis, flat", lambda d: np.mean(d, axis=0), "you averaged over the wrong axis"),
    ("no keepdims", lambda d: np.mean(d, axis=1), "you returned shape (n_l,)"),
    ("returned δ", lambda d: d, "you returned δ^[l] itself"),
    ("mean of everything", lambda d: np.full((d.shape[0], 1), np.mean(d)), "you averaged over every entry"),
]

LAYER_MISTAKES = [
    ("a[l] (the misprint)", lambda delta, a, l: delta[l] @ a[l].T / a[0].shape[1], "the notes' misprint"),
    ("a[l], no 1/m", lambda delta, a, l: delta[l] @ a[l].T, "the notes' misprint"),
    ("forgot 1/m", lambda delta, a, l: delta[l] @ a[l - 1].T, "you forgot the 1/m"),
    ("layer l + 1", lambda delta, a, l: delta[l + 1] @ a[l].T / a[0].shape[1], "that is the gradient of W[l + 1]"),
    ("transposed", lambda delta, a, l: a[l - 1] @ delta[l].T / a[0].shape[1], "the transpose"),
]


@pytest.mark.parametrize("label,fn,message", WEIGHT_MISTAKES, ids=[c[0] for c in WEIGHT_MISTAKES])
def test_weight_gradient_mistakes(label, fn, message):
    result = check.weight_gradient(fn)
    assert not result.passed
    assert message in result.message, result.message


@pytest.mark.parametrize("label,fn,message", BIAS_MISTAKES, ids=[c[0] for c in BIAS_MISTAKES])
def test_bias_gradient_mistakes(label, fn, message):
    result = check.bias_gradient(fn)
    assert not result.passed
    assert message in result.message, result.message


@pytest.mark.parametrize("label,fn,message", LAYER_MISTAKES, ids=[c[0] for c in LAYER_MISTAKES])
def test_layer_weight_gradient_mistakes(label, fn, message):
    result = check.layer_weight_gradient(fn)
    assert not result.passed
    assert message in result.message, result.message


def test_the_misprint_is_named_on_a_non_square_layer_too():
    def misprint_unless_square(delta, a, l):
        return delta[l] @ a[l].T / a[0].shape[1]

    result = check.layer_weight_gradient(misprint_unless_square)
    assert "l = 2 (a square layer)" in result.message  # caught first where the shapes agree
    # on a layer where the shapes disagree, the diagnosis comes before "wrong shape"
    only_layer_one = check.Checker.__new__(type(check.layer_weight_gradient))
    only_layer_one.__dict__.update(check.layer_weight_gradient.__dict__)
    only_layer_one.cases = lambda rng: check.layer_weight_gradient.cases(rng)[1:2]
    result = only_layer_one(misprint_unless_square)
    assert "l = 1" in result.message and "the notes' misprint" in result.message, result.message


def test_right_answers_pass():
    assert check.weight_gradient(lambda d, a: d @ a.T / _m(d))
    assert check.bias_gradient(lambda d: np.mean(d, axis=1, keepdims=True))
    assert check.layer_weight_gradient(lambda delta, a, l: delta[l] @ a[l - 1].T / a[0].shape[1])
