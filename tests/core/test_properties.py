"""Properties of nnlib that must hold for every architecture, batch and value (hypothesis).

Random architectures (1–4 layers of 1–6 units), batch sizes (1–8), tasks, hidden
activations and values.  The profile is fixed — derandomized, a modest number of
examples, no deadline, no example database — so that CI runs the same examples every
time, quickly.

Tolerance of the gradient check
-------------------------------
The centred difference (J(θ + ε) − J(θ − ε)) / 2ε differs from the true derivative by
a truncation error of about ε²·|J'''|/6 and a round-off error of about k·u·|J|/ε, where
u ≈ 1.1e-16 is float64's unit round-off and k a modest count of the operations that
feed J (here at most a few hundred).  With ε = 1e-6 and the bounded values drawn below
(|x| ≤ 2, weights of the usual initialisation times at most 1.5, logits kept under 30
so that no probability is clipped), both terms stay below about 1e-8·max(1, |J|).  We
require every entry to agree within

    |backprop − centred| ≤ 1e-6·max(1, |J|) + 1e-5·|centred|,

a hundredfold margin over that estimate, yet ten thousand times tighter than the
smallest real bug (a missing 1/m at m = 2, a transposed product, a missing g'(z)
change entries by a factor of order one).  The absolute part is what makes the bound
sound: the *relative* error ‖a − b‖ / (‖a‖ + ‖b‖) of cs231n's recipe blows up when a
gradient is near zero (a saturated sigmoid, a dead ReLU unit), where round-off is all
that is left.

ReLU's kink: z = 0 has no derivative, and a centred difference across it measures the
average of the two slopes.  ReLU networks are kept only when every hidden
pre-activation is at least 1e-3 away from 0 (``assume``); ε = 1e-6 moves a
pre-activation by less than that, so no difference quotient straddles the kink.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nnlib
from nnlib import activations as act

settings.register_profile(
    "nnlib-ci",
    derandomize=True,
    max_examples=40,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
CI = settings.get_profile("nnlib-ci")

EPS = 1e-6
TASKS = ("regression", "binary", "multiclass")
HIDDEN = ("tanh", "sigmoid", "identity", "relu")


def values(shape, lo, hi):
    return arrays(np.float64, shape, elements=st.floats(lo, hi, allow_nan=False, allow_infinity=False, width=64))


def logits(lo, hi):
    """k × m matrices of logits in [lo, hi]: 1 ≤ k ≤ 12 classes, 1 ≤ m ≤ 10 columns."""
    shapes = st.integers(1, 12).flatmap(lambda k: st.tuples(st.just(k), st.integers(1, 10)))
    return shapes.flatmap(lambda km: values(km, lo, hi))


@st.composite
def problems(draw, tasks=TASKS, hidden=HIDDEN, max_layers=4, max_units=6, max_m=8):
    """A network with random parameters, a batch X and its targets Y."""
    task = draw(st.sampled_from(tasks))
    g = draw(st.sampled_from(hidden))
    n_layers = draw(st.integers(1, max_layers))
    sizes = draw(st.lists(st.integers(1, max_units), min_size=n_layers + 1, max_size=n_layers + 1))
    if task == "multiclass":
        sizes[-1] = max(sizes[-1], 2)
    m = draw(st.integers(1, max_m))
    net = nnlib.Network(sizes, hidden=g, task=task, seed=draw(st.integers(0, 2**32 - 1)))
    scale = draw(st.floats(0.3, 1.5))
    for l in range(1, net.N + 1):
        net.W[l] = scale * net.W[l]
        net.b[l] = draw(values((sizes[l], 1), -1.0, 1.0))
    X = draw(values((sizes[0], m), -2.0, 2.0))
    if task == "multiclass":
        Y = np.array(draw(st.lists(st.integers(0, sizes[-1] - 1), min_size=m, max_size=m)))
    elif task == "binary":
        Y = draw(values((sizes[-1], m), 0.0, 1.0))  # soft targets in [0, 1] are allowed
    else:
        Y = draw(values((sizes[-1], m), -3.0, 3.0))
    return net, X, Y


def centred_differences(net, X, Y, params):
    """(J(θ + ε) − J(θ − ε)) / 2ε for every entry of every array in ``params`` (restored after)."""
    grads = []
    for p in params:
        grad = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            old = p[i]
            p[i] = old + EPS
            plus = net.cost(net.forward(X), Y)
            p[i] = old - EPS
            minus = net.cost(net.forward(X), Y)
            p[i] = old
            grad[i] = (plus - minus) / (2 * EPS)
        grads.append(grad)
    return grads


@CI
@given(problems())
def test_backward_matches_centred_differences(problem):
    net, X, Y = problem
    y_hat = net.forward(X)
    z = net.z
    if net.hidden == "relu":
        assume(all(np.min(np.abs(z[l])) > 1e-3 for l in range(1, net.N)))
    assume(np.max(np.abs(z[net.N])) < 30)  # no probability is clipped at 1e-15
    J = net.cost(y_hat, Y)
    dW, db = net.backward(Y)
    W_before = [w.copy() for w in net.W[1:]]
    numeric = centred_differences(net, X, Y, net.W[1:] + net.b[1:])
    assert all(np.array_equal(a, b) for a, b in zip(W_before, net.W[1:])), "the check must restore the parameters"
    atol = 1e-6 * max(1.0, abs(J))
    for name, analytic, num in zip(
        [f"W[{l}]" for l in range(1, net.N + 1)] + [f"b[{l}]" for l in range(1, net.N + 1)], dW[1:] + db[1:], numeric
    ):
        assert analytic.shape == num.shape, name
        bad = np.abs(analytic - num) > atol + 1e-5 * np.abs(num)
        assert not np.any(bad), (
            f"{net!r}: {name} differs from centred differences at {np.argwhere(bad)[0]}: "
            f"backprop {analytic[tuple(np.argwhere(bad)[0])]}, centred {num[tuple(np.argwhere(bad)[0])]}"
        )


@CI
@given(problems(max_layers=3))
def test_batch_gradient_is_the_mean_of_per_example_gradients(problem):
    net, X, Y = problem
    J, dW, db = net.loss_and_gradients(X, Y)
    J_loop, dW_loop, db_loop = nnlib.per_example_gradients(net, X, Y)
    assert J == pytest.approx(J_loop, rel=1e-12, abs=1e-12)
    for a, b in zip(dW[1:] + db[1:], dW_loop[1:] + db_loop[1:]):
        assert np.allclose(a, b, rtol=1e-10, atol=1e-12)


@CI
@given(logits(-300.0, 300.0))
def test_softmax_columns_are_positive_and_sum_to_one(z):
    # |z| ≤ 300: the largest gap between two logits is 600, and e^-600 ≈ 1e-261 is still a
    # positive float64.  (For gaps beyond ~745, e^-gap underflows to 0, see the next test.)
    y = act.softmax(z)
    assert y.shape == z.shape
    assert np.all(y > 0)
    assert np.allclose(y.sum(axis=0), 1.0, rtol=0, atol=1e-12)


@CI
@given(logits(-1e4, 1e4))
def test_softmax_of_huge_logits_is_finite_and_sums_to_one(z):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = act.softmax(z)
    assert np.all(np.isfinite(y)) and np.all(y >= 0)
    assert np.allclose(y.sum(axis=0), 1.0, rtol=0, atol=1e-12)
    # the largest logit of each column gets the largest probability (ties allowed)
    cols = np.arange(z.shape[1])
    assert np.array_equal(y[np.argmax(z, axis=0), cols], np.max(y, axis=0))


@CI
@given(problems(hidden=("relu", "tanh", "sigmoid", "identity")), st.floats(1.0, 1e4))
def test_cost_and_gradients_stay_finite_for_logits_up_to_1e4(problem, largest):
    net, X, Y = problem
    net.forward(X)
    top = np.max(np.abs(net.z[net.N]))
    assume(top > 1e-3)
    # Scale the last layer so that the largest logit |z[N]| is `largest` (up to ±1e4).
    net.W[net.N] = net.W[net.N] * (largest / top)
    net.b[net.N] = net.b[net.N] * (largest / top)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow, no division by zero, no log(0)
        y_hat = net.forward(X)
        J = net.cost(y_hat, Y)
        dW, db = net.backward(Y)
    assert np.max(np.abs(net.z[net.N])) == pytest.approx(largest, rel=1e-6)
    assert np.isfinite(J) and J >= 0
    for g in dW[1:] + db[1:]:
        assert np.all(np.isfinite(g))
    assert np.all(np.isfinite(y_hat))


@CI
@given(values((3, 5), -1e4, 1e4), st.integers(0, 1))
def test_losses_of_extreme_logits_are_finite(z, flip):
    """The three costs, fed ŷ = g(z) for logits up to ±1e4: finite, non-negative, and so are their gradients."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = act.sigmoid(z)
        Yb = (z < 0).astype(float) if flip else (z > 0).astype(float)  # confidently wrong or right
        for J in (
            nnlib.binary_cross_entropy_cost(p, Yb),
            nnlib.cross_entropy_cost(act.softmax(z), np.argmin(z, axis=0)),
        ):
            assert np.isfinite(J) and J >= 0
        assert np.all(np.isfinite(nnlib.binary_cross_entropy_grad(p, Yb)))
        assert np.all(np.isfinite(nnlib.cross_entropy_grad(act.softmax(z), np.argmin(z, axis=0))))
        assert np.isfinite(nnlib.squared_error_cost(z, -z))


@CI
@given(
    st.lists(st.integers(1, 7), min_size=2, max_size=5),
    st.sampled_from(HIDDEN),
    st.sampled_from(TASKS),
    st.integers(0, 2**32 - 1),
    st.integers(1, 6),
    st.integers(0, 2**32 - 1),
)
def test_forward_is_deterministic_for_a_seed(sizes, hidden, task, seed, m, data_seed):
    if task == "multiclass":
        sizes[-1] = max(sizes[-1], 2)
    X = np.random.default_rng(data_seed).normal(size=(sizes[0], m))
    X_before = X.copy()
    first = nnlib.Network(sizes, hidden=hidden, task=task, seed=seed)
    second = nnlib.Network(sizes, hidden=hidden, task=task, seed=seed)
    for a, b in zip(first.W[1:] + first.b[1:], second.W[1:] + second.b[1:]):
        assert np.array_equal(a, b)
    out = first.forward(X)
    assert np.array_equal(out, second.forward(X))
    assert np.array_equal(out, first.forward(X)), "a second forward pass gives the same numbers"
    assert np.array_equal(X, X_before), "forward must not change X"
    other = nnlib.Network(sizes, hidden=hidden, task=task, seed=seed + 1)
    assert not all(np.array_equal(a, b) for a, b in zip(first.W[1:], other.W[1:])), "another seed, other weights"
