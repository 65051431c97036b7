"""Chapter 3 (forward propagation): typical wrong answers get their specific diagnosis."""
from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib import check


def _forward(W, b, X, hidden, output, *, g_hidden=None, g_output=None, stop=0, transpose=False, bias=True):
    """A learner's forward pass with one mistake switched on."""
    g_hidden = g_hidden or nnlib.ACTIVATIONS[hidden]
    g_output = g_output or nnlib.ACTIVATIONS[output]
    N = len(W) - 1
    a = X
    for l in range(1, N + 1 - stop):
        Wl = W[l].T if transpose else W[l]
        z = Wl @ a + (b[l] if bias else 0)
        a = (g_output if l == N else g_hidden)(z)
    return a


def right_forward(W, b, X, hidden, output):
    return _forward(W, b, X, hidden, output)


FORWARD_MISTAKES = [
    ("returned z[N]", lambda W, b, X, h, o: _forward(W, b, X, h, o, g_output=lambda z: z), "your result is z[N], not a[N]"),
    ("hidden g at the output", lambda W, b, X, h, o: _forward(W, b, X, h, o, g_output=nnlib.ACTIVATIONS[h]),
     "you applied the hidden activation in the last layer too"),
    ("output g everywhere", lambda W, b, X, h, o: _forward(W, b, X, h, o, g_hidden=nnlib.ACTIVATIONS[o]),
     "you applied the output activation in every layer"),
    ("no hidden g", lambda W, b, X, h, o: _forward(W, b, X, h, o, g_hidden=lambda z: z),
     "you left out the hidden activations"),
    ("stopped one layer early", lambda W, b, X, h, o: _forward(W, b, X, h, o, stop=1), "you returned a[N−1]"),
    ("forgot the bias", lambda W, b, X, h, o: _forward(W, b, X, h, o, bias=False), "you forgot the bias"),
    ("started at W[0]", lambda W, b, X, h, o: W[0] @ X, "index 0 is unused"),
    ("np.dot from W[0]", lambda W, b, X, h, o: np.dot(W[0], X) + b[0], "index 0 is unused"),
]


def _transposed_on_square(W, b, X, h, o):
    if any(w.shape[0] != w.shape[1] for w in W[1:]):
        return right_forward(W, b, X, h, o)  # the learner's mistake shows only where W is square
    return _forward(W, b, X, h, o, transpose=True)


FORWARD_MISTAKES.append(("W transposed (square layers)", _transposed_on_square, "you multiplied by W[l].T"))


def _fraction(z, name, threshold):
    return float(np.mean(nnlib.DERIVATIVES[name](z) < threshold))


SATURATION_MISTAKES = [
    ("a count", lambda z, name, t: int(np.sum(nnlib.DERIVATIVES[name](z) < t)), "divide by z.size"),
    ("a percentage", lambda z, name, t: 100 * _fraction(z, name, t), "you returned a percentage"),
    ("the complement", lambda z, name, t: 1 - _fraction(z, name, t), "NOT saturated"),
    ("compared g(z)", lambda z, name, t: float(np.mean(nnlib.ACTIVATIONS[name](z) < t)), "compare g′(z)"),
    ("relu: z < 0", lambda z, name, t: float(np.mean(z < 0)) if name == "relu" else _fraction(z, name, t),
     "z = 0 counts as well"),
    ("hard-coded 0.05", lambda z, name, t: _fraction(z, name, 0.05), "you ignored the argument `threshold`"),
    ("per unit", lambda z, name, t: np.mean(nnlib.DERIVATIVES[name](z) < t, axis=1), "expected a single number"),
]


@pytest.mark.parametrize("label,fn,message", FORWARD_MISTAKES, ids=[c[0] for c in FORWARD_MISTAKES])
def test_forward_pass_mistakes(label, fn, message):
    result = check.forward_pass(fn)
    assert not result.passed
    assert message in result.message, result.message


@pytest.mark.parametrize("label,fn,message", SATURATION_MISTAKES, ids=[c[0] for c in SATURATION_MISTAKES])
def test_saturated_fraction_mistakes(label, fn, message):
    result = check.saturated_fraction(fn)
    assert not result.passed
    assert message in result.message, result.message


def test_right_answers_pass():
    assert check.forward_pass(right_forward)
    assert check.saturated_fraction(_fraction)


def test_network_forward_keeps_every_layer_and_matches_forward_layers():
    rng = np.random.default_rng(3)
    net = nnlib.Network([3, 4, 4, 2], hidden="tanh", task="multiclass", seed=1)
    X = rng.normal(size=(3, 5))
    y_hat = net.forward(X)
    z, a = nnlib.forward_layers(net.W, net.b, X, "tanh", "softmax")
    assert a[0] is not None and np.array_equal(net.a[0], X)
    for l in range(1, 4):
        assert np.array_equal(net.z[l], z[l]) and np.array_equal(net.a[l], a[l])
        assert net.z[l].shape == (net.sizes[l], 5)
    assert np.array_equal(y_hat, a[3])


def test_forward_layers_names_the_layer_of_a_bad_shape():
    W = [None, np.ones((4, 3)), np.ones((2, 5))]
    b = [None, np.zeros((4, 1)), np.zeros((2, 1))]
    with pytest.raises(ValueError, match=r"layer 2: W\[2\] has shape \(2, 5\) but a\[1\] has 4 rows"):
        nnlib.forward_layers(W, b, np.ones((3, 2)), "relu", "softmax")
