"""Chapter 9 (the backward recursion): typical wrong answers get their specific diagnosis."""
from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib import check

HIDDEN_DELTA_MISTAKES = [
    ("no transpose", lambda W, d, gp: (W @ d) * gp, "you forgot to transpose W"),
    ("no g′", lambda W, d, gp: W.T @ d, "you forgot the factor g′(z^[l])"),
    ("added g′", lambda W, d, gp: W.T @ d + gp, "you added g′(z^[l])"),
    ("g′ on the wrong side", lambda W, d, gp: W.T @ (d * gp), "you multiplied δ^[l+1] by g′ before the product"),
]


def _first(W, z, delta_N, hidden, *, g=None, transpose=True, shift=0, stop=1, start_at_N=False):
    N = len(W) - 1
    g = g or nnlib.DERIVATIVES[hidden]
    d = delta_N * g(z[N]) if start_at_N else delta_N
    for l in range(N - 1, stop - 1, -1):
        d = ((W[l + 1].T if transpose else W[l + 1]) @ d) * g(z[l + shift])
    return d


FIRST_DELTA_MISTAKES = [
    ("no transpose", lambda *a: _first(*a, transpose=False), "you forgot to transpose W[l + 1]"),
    ("g′ of layer l + 1", lambda *a: _first(*a, shift=1), "g′ of the wrong layer"),
    ("g instead of g′", lambda W, z, d, h: _first(W, z, d, h, g=nnlib.ACTIVATIONS[h]), "you used g instead of g′"),
    ("no g′", lambda *a: _first(*a, g=lambda zz: 1.0), "you left out the factor g′(z^[l])"),
    ("loop starts at N", lambda *a: _first(*a, start_at_N=True), "you also multiplied δ^[N] by g′(z^[N])"),
    ("stopped at layer 2", lambda *a: _first(*a, stop=2), "you stopped one layer too early"),
    ("returned δ^[N]", lambda W, z, d, h: d, "you returned δ^[N] unchanged"),
]


@pytest.mark.parametrize("label,fn,message", HIDDEN_DELTA_MISTAKES, ids=[c[0] for c in HIDDEN_DELTA_MISTAKES])
def test_hidden_delta_mistakes(label, fn, message):
    result = check.hidden_delta(fn)
    assert not result.passed
    assert message in result.message, result.message


@pytest.mark.parametrize("label,fn,message", FIRST_DELTA_MISTAKES, ids=[c[0] for c in FIRST_DELTA_MISTAKES])
def test_first_layer_delta_mistakes(label, fn, message):
    result = check.first_layer_delta(fn)
    assert not result.passed
    assert message in result.message, result.message


def test_right_answers_pass():
    assert check.hidden_delta(lambda W, d, gp: (W.T @ d) * gp)
    assert check.first_layer_delta(lambda *a: _first(*a))
