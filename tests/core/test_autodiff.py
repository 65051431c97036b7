"""The reverse-mode engine (nnlib.autodiff, chapter 14) against Network.backward and finite differences.

* every backward rule is checked alone: the term a node sends to a parent for an incoming
  gradient G is the gradient of the number Σ G ∘ f(x), estimated by centred differences;
* a small graph with a node used twice (a shared weight) against centred differences of J;
* random networks of all three tasks and every hidden activation: the engine's gradients
  equal ``Network.backward``'s to 1e-12, the adjoint of z[l] is δ^[l] / m, and forward mode
  gives the same gradients, one pass per parameter;
* the sweep's order: every node once, each after all of its children.
"""
from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib import autodiff

EPS = 1e-6
TASKS = {"regression": [3, 5, 4, 2], "binary": [3, 5, 4, 2], "multiclass": [3, 5, 4, 3]}


def centred(f, x):
    return nnlib.numerical_gradient(f, x.copy(), EPS)


def batch(rng, sizes, task, m):
    X = rng.normal(size=(sizes[0], m))
    if task == "multiclass":
        return X, rng.integers(0, sizes[-1], m)
    if task == "binary":
        return X, (rng.random((sizes[-1], m)) < 0.5).astype(float)
    return X, rng.normal(size=(sizes[-1], m))


# ------------------------------------------------------------------ each rule alone
def term_against_centred_difference(make, inputs, k):
    """The term the node ``make(*leaves)`` sends to parent k, and centred differences of Σ G ∘ f."""
    leaves = [autodiff.Node(x) for x in inputs]
    node = make(*leaves)
    G = np.random.default_rng(5).normal(size=node.value.shape)
    term = node.rule(G)[k]

    def paired(x):
        args = [autodiff.Node(x if i == k else v) for i, v in enumerate(inputs)]
        return float(np.sum(G * make(*args).value))
    return term, centred(paired, inputs[k])


RNG = np.random.default_rng(0)
RULES = [
    ("matmul, left", lambda A, B: autodiff.matmul(A, B), [RNG.normal(size=(3, 4)), RNG.normal(size=(4, 5))], 0),
    ("matmul, right", lambda A, B: autodiff.matmul(A, B), [RNG.normal(size=(3, 4)), RNG.normal(size=(4, 5))], 1),
    ("add_bias, Z", lambda Z, b: autodiff.add_bias(Z, b), [RNG.normal(size=(3, 6)), RNG.normal(size=(3, 1))], 0),
    ("add_bias, b", lambda Z, b: autodiff.add_bias(Z, b), [RNG.normal(size=(3, 6)), RNG.normal(size=(3, 1))], 1),
    ("softmax", lambda Z: autodiff.softmax_node(Z), [RNG.normal(size=(4, 5))], 0),
    *[(f"activation {g}", lambda Z, g=g: autodiff.activation(Z, g), [RNG.normal(0, 2, size=(3, 5)) + 0.01], 0)
      for g in nnlib.DERIVATIVES],
    ("cost, squared error", lambda P: autodiff.cost(P, np.linspace(-1, 1, 10).reshape(2, 5), "squared_error"),
     [RNG.normal(size=(2, 5))], 0),
    ("cost, binary cross-entropy", lambda P: autodiff.cost(P, np.eye(2, 5), "binary_cross_entropy"),
     [RNG.uniform(0.1, 0.9, size=(2, 5))], 0),
    ("cost, cross-entropy", lambda P: autodiff.cost(P, np.array([0, 2, 1, 1]), "cross_entropy"),
     [nnlib.softmax(RNG.normal(size=(3, 4)))], 0),
]


@pytest.mark.parametrize("label,make,inputs,k", RULES, ids=[r[0] for r in RULES])
def test_each_backward_rule_is_a_vector_jacobian_product(label, make, inputs, k):
    term, numeric = term_against_centred_difference(make, inputs, k)
    assert term.shape == inputs[k].shape, label
    assert nnlib.relative_error(term, numeric) < 1e-7, label


# ------------------------------------------------------------------ a small graph
def shared_weight_graph(w, x, b, y):
    """J = ½(W tanh(W x + b) − y)², W used twice: W has two children."""
    W, X, B = autodiff.Node(w), autodiff.Node(x), autodiff.Node(b)
    a = autodiff.activation(autodiff.add_bias(autodiff.matmul(W, X), B), "tanh")
    return autodiff.cost(autodiff.matmul(W, a), y, "squared_error"), (W, X, B)


def test_a_graph_with_a_shared_weight_against_finite_differences():
    rng = np.random.default_rng(1)
    w, x, b, y = rng.normal(size=(3, 3)), rng.normal(size=(3, 4)), rng.normal(size=(3, 1)), rng.normal(size=(3, 4))
    J, leaves = shared_weight_graph(w, x, b, y)
    order = autodiff.backward(J)
    assert order[0] is J and float(J.grad) == 1.0
    values = [w, x, b]
    for k, leaf in enumerate(leaves):
        def cost(v, k=k):
            args = [v if i == k else values[i] for i in range(3)] + [y]
            return float(shared_weight_graph(*args)[0].value)
        assert nnlib.relative_error(leaf.grad, centred(cost, values[k])) < 1e-8, k


def test_the_hand_example_of_the_chapter():
    """J = ½(w (w x) − y)² at w = 0.5, x = 2, y = 1: dJ/dw = (w² x − y) · 2 w x = −1 (two paths, −0.5 each)."""
    w, x = autodiff.Node([[0.5]]), autodiff.Node([[2.0]])
    u1 = autodiff.matmul(w, x)
    u2 = autodiff.matmul(w, u1)
    J = autodiff.cost(u2, np.array([[1.0]]), "squared_error")
    order = autodiff.backward(J)
    assert J.value.item() == pytest.approx(0.125)
    assert w.grad.item() == pytest.approx(-1.0) and x.grad.item() == pytest.approx(-0.125)
    assert order.index(w) > order.index(u1) > order.index(u2)  # w waits for both of its children


def test_the_order_reaches_every_node_once_after_all_of_its_children():
    net = nnlib.Network([2, 3, 3, 2], hidden="relu", task="multiclass", seed=3)
    X, Y = batch(np.random.default_rng(2), net.sizes, "multiclass", 4)
    J, nodes = autodiff.network_graph(net, X, Y)
    order = autodiff.reverse_order(J)
    assert len(order) == len({id(v) for v in order}) == len(nodes) == 5 * net.N + 2
    position = {id(v): i for i, v in enumerate(order)}
    for child in order:
        for parent in child.parents:
            assert position[id(parent)] > position[id(child)], (parent, child)
    x = autodiff.Node([[3.0]])  # one node as both parents of one child: x · x
    square = autodiff.matmul(x, x)
    assert autodiff.reverse_order(square) == [square, x]
    autodiff.backward(square)
    assert x.grad.item() == 6.0


# ------------------------------------------------------------------ networks
@pytest.mark.parametrize("task", sorted(TASKS))
@pytest.mark.parametrize("hidden", sorted(nnlib.DERIVATIVES))
def test_the_engine_gives_network_backwards_gradients(task, hidden):
    rng = np.random.default_rng(sorted(TASKS).index(task) * 10 + sorted(nnlib.DERIVATIVES).index(hidden))
    for seed in range(3):
        sizes = TASKS[task]
        net = nnlib.Network(sizes, hidden=hidden, task=task, seed=seed)
        X, Y = batch(rng, sizes, task, m=7)
        net.forward(X)
        dW, db = net.backward(Y)
        eW, eb = autodiff.gradients(net, X, Y)
        for l in range(1, net.N + 1):
            for mine, theirs in ((eW[l], dW[l]), (eb[l], db[l])):
                assert mine.shape == theirs.shape
                assert np.max(np.abs(mine - theirs)) < 1e-12
                assert nnlib.relative_error(mine, theirs) < 1e-12


@pytest.mark.parametrize("task", sorted(TASKS))
def test_the_adjoint_of_z_is_delta_over_m(task):
    net = nnlib.Network(TASKS[task], hidden="tanh", task=task, seed=4)
    m = 6
    X, Y = batch(np.random.default_rng(6), net.sizes, task, m)
    net.forward(X)
    net.backward(Y)
    J, nodes = autodiff.network_graph(net, X, Y)
    autodiff.backward(J)
    for l in range(1, net.N + 1):
        assert np.allclose(m * nodes[f"z[{l}]"].grad, net.delta[l], rtol=1e-12, atol=1e-14)
    assert float(J.value) == pytest.approx(net.cost(net.a[net.N], Y), rel=1e-14)


@pytest.mark.parametrize("task", sorted(TASKS))
def test_forward_mode_gives_the_same_gradients_one_pass_per_parameter(task):
    net = nnlib.Network(TASKS[task], hidden="sigmoid", task=task, seed=5)
    X, Y = batch(np.random.default_rng(7), net.sizes, task, 5)
    reverse = autodiff.gradients(net, X, Y)
    forward = autodiff.forward_mode_gradients(net, X, Y)
    for k in (0, 1):
        for l in range(1, net.N + 1):
            assert nnlib.relative_error(forward[k][l], reverse[k][l]) < 1e-12
    rng = np.random.default_rng(8)  # a direction that moves every parameter at once
    dW = [None] + [rng.normal(size=w.shape) for w in net.W[1:]]
    db = [None] + [rng.normal(size=v.shape) for v in net.b[1:]]
    Yh = nnlib.one_hot(Y, net.sizes[-1]) if task == "multiclass" else Y
    slope = autodiff.directional_derivative(net, X, Yh, dW, db)
    inner = sum(np.sum(dW[l] * reverse[0][l]) + np.sum(db[l] * reverse[1][l]) for l in range(1, net.N + 1))
    assert slope == pytest.approx(inner, rel=1e-12)


def test_the_engine_leaves_the_network_as_it_was_and_checks_its_input():
    net = nnlib.Network([2, 3, 1], hidden="relu", task="binary", seed=0)
    before = [w.copy() for w in net.W[1:]] + [v.copy() for v in net.b[1:]]
    autodiff.gradients(net, np.ones((2, 3)), np.ones((1, 3)))
    assert all(np.array_equal(p, q) for p, q in zip(before, net.W[1:] + net.b[1:]))
    with pytest.raises(ValueError, match="Y has shape"):
        autodiff.gradients(net, np.ones((2, 3)), np.ones((2, 3)))
