"""The references of the new exercises of chapters 1–4, checked against what they claim to compute.

The derive and variant exercises have their references in the checker modules, not in
nnlib's core.  Each is checked here by another route: operations counted in an explicit
loop, centred differences, the slope at the edge, a Monte Carlo estimate from nnlib's own
``Network``, nnlib's softmax.  Right answers written in other forms must pass.
"""
from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib import check

RNG = np.random.default_rng(7)


# ---------------------------------------------------------------- chapter 1: the cost of a forward pass
def _counted_forward(sizes, m):
    """A forward pass of the affine maps, one scalar multiply-add at a time, counting them."""
    net = nnlib.Network(sizes, hidden="identity", task="regression", seed=1)
    a = np.random.default_rng(2).normal(size=(sizes[0], m))
    count = 0
    for l in range(1, net.N + 1):
        z = np.empty((sizes[l], m))
        for i in range(m):
            for j in range(sizes[l]):
                total = net.b[l][j, 0]  # the running sum starts at the bias: no product
                for k in range(sizes[l - 1]):
                    total += net.W[l][j, k] * a[k, i]
                    count += 1
                z[j, i] = total
        a = z
    assert np.allclose(a, net.forward(np.random.default_rng(2).normal(size=(sizes[0], m))))
    return count


@pytest.mark.parametrize("sizes,m", [([2, 3, 1], 4), ([5, 5], 3), ([1, 8, 8, 2], 5), ([4, 2, 3], 1)])
def test_the_multiply_adds_are_those_of_a_loop_that_counts_them(sizes, m):
    assert check.forward_multiply_adds.reference(sizes, m) == _counted_forward(sizes, m)


# ---------------------------------------------------------------- chapter 2: leaky ReLU and saturation
def _leaky(z, alpha):
    return np.maximum(alpha * z, z)


@pytest.mark.parametrize("alpha", [0.01, 0.2, 0.5])
def test_leaky_relu_prime_is_the_slope_of_leaky_relu(alpha):
    z = RNG.normal(0, 2, size=(4, 6))
    z = z[np.abs(z) > 1e-3].reshape(1, -1)  # away from the kink
    eps = 1e-6
    numeric = (_leaky(z + eps, alpha) - _leaky(z - eps, alpha)) / (2 * eps)
    assert np.allclose(check.leaky_relu_prime.reference(z, alpha), numeric, atol=1e-8)
    left = (_leaky(np.zeros((1, 1)), alpha) - _leaky(np.full((1, 1), -eps), alpha)) / eps
    assert np.allclose(check.leaky_relu_prime.reference(np.zeros((1, 1)), alpha), left)  # z = 0: the left slope


@pytest.mark.parametrize("name,threshold", [("sigmoid", 0.05), ("sigmoid", 0.025), ("sigmoid", 0.2),
                                            ("tanh", 0.05), ("tanh", 0.5), ("tanh", 0.001)])
def test_the_saturation_edge_is_where_the_slope_equals_the_threshold(name, threshold):
    edge = check.saturation_edge.reference(name, threshold)
    slope = nnlib.DERIVATIVES[name]
    assert edge > 0
    assert np.isclose(slope(np.array([edge]))[0], threshold, rtol=1e-9)
    assert np.isclose(slope(np.array([-edge]))[0], threshold, rtol=1e-9)  # g′ is even
    assert slope(np.array([0.99 * edge]))[0] > threshold > slope(np.array([1.01 * edge]))[0]


def test_the_saturation_edges_of_chapter_2_on_a_fine_grid():
    z = np.linspace(0, 10, 100_001)
    for name in ("sigmoid", "tanh"):
        grid_edge = z[np.argmax(nnlib.DERIVATIVES[name](z) < nnlib.SATURATION_THRESHOLD)]
        assert abs(check.saturation_edge.reference(name, nnlib.SATURATION_THRESHOLD) - grid_edge) < 1e-4


# ---------------------------------------------------------------- chapter 3: the variance of z^[1]
@pytest.mark.parametrize("n_in,hidden,scale,x_mean,x_var", [
    (20, "tanh", 1.0, 0.0, 1.0), (30, "relu", 1.0, 0.5, 0.25), (10, "sigmoid", 2.0, 1.0, 3.0),
    (8, "relu", 0.5, -2.0, 0.5),
])
def test_the_first_layer_variance_is_what_nnlibs_networks_show(n_in, hidden, scale, x_mean, x_var):
    """Var(z^[1]) over many networks of nnlib's initialisation and many inputs: a Monte Carlo estimate."""
    rng = np.random.default_rng(3)
    samples = []
    for seed in range(400):
        net = nnlib.Network([n_in, 25, 1], hidden=hidden, task="regression", seed=seed)
        net.W = [None] + [scale * W for W in net.W[1:]]
        X = x_mean + np.sqrt(x_var) * rng.normal(size=(n_in, 20))
        net.forward(X)
        samples.append(net.z[1].ravel())
    measured = np.var(np.concatenate(samples))
    expected = check.first_layer_variance.reference(n_in, hidden, scale, x_mean, x_var)
    assert abs(measured / expected - 1) < 0.06, (measured, expected)


# ---------------------------------------------------------------- chapter 4: log-softmax, a raised logit
def test_log_softmax_is_the_log_of_softmax_where_that_is_finite():
    z = RNG.normal(0, 3, size=(5, 7))
    assert np.allclose(check.log_softmax.reference(z), np.log(nnlib.softmax(z)))


def test_log_softmax_is_finite_and_normalised_for_huge_logits():
    z = np.array([[1000.0, -1000.0], [0.0, -1001.0], [-1000.0, -3000.0]])
    out = check.log_softmax.reference(z)
    assert np.all(np.isfinite(out))
    assert np.allclose(np.sum(np.exp(out), axis=0), 1.0)
    assert np.isclose(out[2, 0], -2000.0)  # exp underflows, the log does not
    assert np.allclose(out[:, 1] - out[0, 1], z[:, 1] - z[0, 1])  # differences of logits survive


@pytest.mark.parametrize("k", [2, 3, 6])
def test_a_raised_logit_gives_the_probability_that_softmax_gives(k):
    for _ in range(20):
        z = RNG.normal(0, 2, size=(k, 1))
        j, dz = int(RNG.integers(k)), float(RNG.normal(0, 2))
        raised = z.copy()
        raised[j] += dz
        before, after = nnlib.softmax(z)[j, 0], nnlib.softmax(raised)[j, 0]
        assert np.isclose(check.probability_after_raise.reference(before, dz), after, rtol=1e-12)


# ---------------------------------------------------------------- right answers in other forms
RIGHT = [
    (check.forward_multiply_adds, lambda sizes, m: sum(a * b for a, b in zip(sizes, sizes[1:])) * m),
    (check.leaky_relu_prime, lambda z, c: (z > 0) + c * (z <= 0)),
    (check.saturation_edge, lambda name, threshold: {
        "sigmoid": lambda t: 2 * np.arctanh(np.sqrt(1 - 4 * t)),
        "tanh": lambda t: 0.5 * np.log((1 + np.sqrt(1 - t)) / (1 - np.sqrt(1 - t)))}[name](threshold)),
    (check.first_layer_variance, lambda n_in, hidden, scale, x_mean, x_var:
     n_in * (scale ** 2 * {"relu": 2.0}.get(hidden, 1.0) / n_in) * (x_var + x_mean ** 2)),
    (check.log_softmax, lambda z: z - (np.max(z, axis=0) + np.log(np.sum(np.exp(z - np.max(z, axis=0)), axis=0)))),
    (check.probability_after_raise, lambda p, dz: nnlib.sigmoid(np.log(p / (1 - p)) + dz)),
]


@pytest.mark.parametrize("checker,fn", RIGHT, ids=[c.name for c, _ in RIGHT])
def test_right_answers_in_another_form_pass(checker, fn):
    result = checker(fn)
    assert result.passed, result.message


def test_the_new_exercises_are_of_the_kinds_they_claim():
    kinds = {name: check.CHECKERS[name].kind for name in (
        "forward_multiply_adds", "leaky_relu_prime", "saturation_edge", "first_layer_variance", "log_softmax",
        "probability_after_raise")}
    assert list(kinds.values()).count("derive") == 4 and list(kinds.values()).count("variant") == 2, kinds
    for name in kinds:
        asked = (nnlib.leaky_relu_prime,) if name == "leaky_relu_prime" else ()  # nnlib's own, never printed
        assert check.CHECKERS[name].asks == asked, f"{name}: asks {check.CHECKERS[name].asks}"
