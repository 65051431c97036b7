"""The reverse-mode engine (nnlib.autodiff, chapter 14) against finite differences and Network.backward.

* every backward rule alone: the term a node sends to a parent for an incoming gradient G
  is the gradient of the number Σ G ∘ f(x), estimated by centred differences; every tangent
  rule alone against a centred difference along a direction; and the two rules of each
  operation are each other's transpose, ⟨Ḡ, J ṗ⟩ = ⟨Jᵀ Ḡ, ṗ⟩;
* small graphs written with operators (the trace-table function of the chapter, a shared
  weight) against centred differences; gradients that add up, zero_grad, stop_gradient;
* random networks of all three tasks and every hidden activation: the engine's gradients
  equal ``Network.backward``'s to 1e-12, also with checkpoints, and to 1e-10 on saturated
  outputs, where the composed output and cost nodes (``fused=False``) lose the gradient;
* forward mode, one pass per parameter, and on a recorded graph: the Jacobian filled column
  by column equals the one filled row by row by reverse sweeps.
"""
from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib import autodiff

EPS = 1e-6
TASKS = {"regression": [3, 5, 4, 2], "binary": [3, 5, 4, 2], "multiclass": [3, 5, 4, 3]}


def centred(f, x):
    return nnlib.numerical_gradient(f, np.array(x, dtype=float), EPS)


def batch(rng, sizes, task, m):
    X = rng.normal(size=(sizes[0], m))
    if task == "multiclass":
        return X, rng.integers(0, sizes[-1], m)
    if task == "binary":
        return X, (rng.random((sizes[-1], m)) < 0.5).astype(float)
    return X, rng.normal(size=(sizes[-1], m))


def all_grads(grads):
    dW, db = grads
    return dW[1:] + db[1:]


def worst(mine, theirs):
    return max(nnlib.relative_error(a, b) for a, b in zip(all_grads(mine), all_grads(theirs)))


# ------------------------------------------------------------------ each rule alone
RNG = np.random.default_rng(0)
ONE_HOT = nnlib.one_hot(np.array([0, 2, 1, 1]), 3)
RULES = [
    ("matmul", lambda A, B: A @ B, [RNG.normal(size=(3, 4)), RNG.normal(size=(4, 5))]),
    ("add, a bias column", lambda Z, b: Z + b, [RNG.normal(size=(3, 6)), RNG.normal(size=(3, 1))]),
    ("add, a row", lambda Z, r: Z + r, [RNG.normal(size=(3, 6)), RNG.normal(size=(1, 6))]),
    ("add, a number", lambda Z: 2.0 + Z, [RNG.normal(size=(3, 6))]),
    ("subtract from a number", lambda Z: 1.0 - Z, [RNG.normal(size=(2, 2))]),
    ("subtract", lambda A, B: A - B, [RNG.normal(size=(2, 5)), RNG.normal(size=(2, 1))]),
    ("multiply", lambda A, B: A * B, [RNG.normal(size=(3, 4)), RNG.normal(size=(3, 4))]),
    ("multiply, broadcast", lambda A, B: A * B, [RNG.normal(size=(3, 4)), RNG.normal(size=(1, 4))]),
    ("softmax", lambda Z: autodiff.softmax_node(Z), [RNG.normal(size=(4, 5))]),
    ("log", lambda V: autodiff.log(V), [RNG.uniform(0.5, 2.0, size=(2, 3))]),
    ("sin", lambda V: autodiff.sin(V), [RNG.normal(size=(2, 3))]),
    *[(f"activation {g}", lambda Z, g=g: autodiff.activation(Z, g), [RNG.normal(0, 2, size=(3, 5)) + 0.01])
      for g in nnlib.DERIVATIVES],
    ("cost, squared error", lambda P: autodiff.cost(P, np.linspace(-1, 1, 10).reshape(2, 5), "squared_error"),
     [RNG.normal(size=(2, 5))]),
    ("cost, binary cross-entropy", lambda P: autodiff.cost(P, np.eye(2, 5), "binary_cross_entropy"),
     [RNG.uniform(0.1, 0.9, size=(2, 5))]),
    ("cost, cross-entropy", lambda P: autodiff.cost(P, ONE_HOT, "cross_entropy"),
     [nnlib.softmax(RNG.normal(size=(3, 4)))]),
    ("softmax + cross-entropy", lambda Z: autodiff.softmax_cross_entropy(Z, ONE_HOT), [RNG.normal(size=(3, 4))]),
    ("sigmoid + cross-entropy", lambda Z: autodiff.sigmoid_cross_entropy(Z, np.eye(2, 5)), [RNG.normal(size=(2, 5))]),
]
TERMS = [(label, make, inputs, k) for label, make, inputs in RULES for k in range(len(inputs))]


def value_at(make, inputs, k, x):
    return make(*[autodiff.Node(x if i == k else v) for i, v in enumerate(inputs)]).value


@pytest.mark.parametrize("label,make,inputs,k", TERMS, ids=[f"{t[0]}, parent {t[3]}" for t in TERMS])
def test_each_backward_rule_is_a_vector_jacobian_product(label, make, inputs, k):
    leaves = [autodiff.Node(x) for x in inputs]
    node = make(*leaves)
    G = np.random.default_rng(5).normal(size=node.value.shape)
    term = node.rule(G)[node.parents.index(leaves[k])]  # a number in the expression is a parent too
    numeric = centred(lambda x: float(np.sum(G * value_at(make, inputs, k, x))), inputs[k])
    assert term.shape == inputs[k].shape, label
    assert nnlib.relative_error(term, numeric) < 1e-7, label


@pytest.mark.parametrize("label,make,inputs", RULES, ids=[r[0] for r in RULES])
def test_each_tangent_rule_is_a_jacobian_vector_product_and_the_transpose_of_the_backward_rule(label, make, inputs):
    rng = np.random.default_rng(6)
    parents = [autodiff.Node(x) for x in inputs]
    node = make(*parents)
    dots = [rng.normal(size=x.shape) for x in inputs]
    step = 1e-6
    numeric = (make(*[autodiff.Node(x + step * d) for x, d in zip(inputs, dots)]).value
               - make(*[autodiff.Node(x - step * d) for x, d in zip(inputs, dots)]).value) / (2 * step)
    graph_parents = node.parents  # a number in an expression is a constant parent of its own
    tangent = node.tangent_rule(*[dots[parents.index(p)] if p in parents else np.zeros_like(p.value)
                                  for p in graph_parents])
    assert np.shape(tangent) == node.value.shape
    assert nnlib.relative_error(tangent, numeric) < 1e-7, label
    G = rng.normal(size=node.value.shape)  # ⟨Ḡ, J ṗ⟩ = ⟨Jᵀ Ḡ, ṗ⟩
    terms = [t for p, t in zip(graph_parents, node.rule(G)) if p in parents]
    assert np.sum(G * tangent) == pytest.approx(sum(np.sum(t * d) for t, d in zip(terms, dots)), rel=1e-12)


# ------------------------------------------------------------------ small graphs with operators
def trace_function(x1, x2):
    """The trace-table function of chapter 14: f = ln x1 + x1 x2 − sin x2."""
    return autodiff.log(x1) + x1 * x2 - autodiff.sin(x2)


def test_the_trace_table_function_by_both_sweeps():
    x1, x2 = autodiff.Node(2.0, name="x1"), autodiff.Node(5.0, name="x2")
    f = trace_function(x1, x2)
    assert f.value == pytest.approx(np.log(2) + 10 - np.sin(5))
    order = autodiff.backward(f)
    assert len(order) == 7 and order[0] is f and set(order[-2:]) == {x1, x2}
    assert x1.grad == pytest.approx(1 / 2 + 5) and x2.grad == pytest.approx(2 - np.cos(5))
    numeric = centred(lambda v: float(trace_function(autodiff.Node(v[0]), autodiff.Node(v[1])).value), [2.0, 5.0])
    assert nnlib.relative_error(np.array([x1.grad, x2.grad]), numeric) < 1e-9
    assert autodiff.forward_sweep(f, {x1: 1.0}) == pytest.approx(x1.grad, rel=1e-15)
    assert autodiff.forward_sweep(f, {x2: 1.0}) == pytest.approx(x2.grad, rel=1e-15)


def shared_weight_graph(w, x, b, y):
    """J = ½(W tanh(W x + b) − y)², W used twice: W has two children."""
    W, X, B = autodiff.Node(w), autodiff.Node(x), autodiff.Node(b)
    a = autodiff.activation(W @ X + B, "tanh")
    return autodiff.cost(W @ a, y, "squared_error"), (W, X, B)


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


def test_gradients_add_up_until_zero_grad_and_stop_gradient_blocks_the_sweep():
    w, x = autodiff.Node(3.0), autodiff.Node(2.0)
    autodiff.backward(w * w * x)  # ∂/∂w = 2 w x = 12
    assert w.grad == 12.0
    autodiff.backward(w * x)  # a second cost: its gradient is added, 12 + 2
    assert w.grad == 14.0
    autodiff.zero_grad([w, x])
    assert w.grad is None and x.grad is None
    f = autodiff.stop_gradient(w * w) * w  # w² taken as a constant: ∂/∂w = w² = 9, not 3 w² = 27
    order = autodiff.backward(f)
    assert w.grad == 9.0 and len(order) == 3  # f, the constant, w: the sweep never enters w * w
    autodiff.zero_grad([w])
    autodiff.backward(w * w * w)
    assert w.grad == 27.0


def test_the_same_graph_swept_twice_gives_twice_the_gradient_not_more():
    x = autodiff.Node([[1.0, -2.0]])
    y = autodiff.activation(x * 3.0 + 1.0, "tanh")
    out = y @ np.ones((2, 1))
    autodiff.backward(out)
    first = x.grad
    autodiff.backward(out)
    assert np.allclose(x.grad, 2 * first, rtol=1e-15)


def test_the_order_reaches_every_node_once_after_all_of_its_children():
    net = nnlib.Network([2, 3, 3, 2], hidden="relu", task="multiclass", seed=3)
    X, Y = batch(np.random.default_rng(2), net.sizes, "multiclass", 4)
    J, nodes = autodiff.network_graph(net, X, Y)
    order = autodiff.reverse_order(J)
    assert len(order) == len({id(v) for v in order}) == len(nodes) == 5 * net.N + 1  # ŷ lives inside J
    _, composed = autodiff.network_graph(net, X, Y, fused=False)
    assert len(composed) == 5 * net.N + 2
    position = {id(v): i for i, v in enumerate(order)}
    for child in order:
        for parent in child.parents:
            assert position[id(parent)] > position[id(child)], (parent, child)
    x = autodiff.Node([[3.0]])  # one node as both parents of one child: x · x
    square = x @ x
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
        backprop = net.backward(Y)
        for engine in (autodiff.gradients(net, X, Y), autodiff.checkpointed_gradients(net, X, Y, 2)[:2]):
            assert [g.shape for g in all_grads(engine)] == [g.shape for g in all_grads(backprop)]
            assert worst(engine, backprop) < 1e-12


def saturated(task, rng, m=6):
    """A network of ``task`` whose outputs are saturated: logits scaled to ±40 and beyond."""
    sizes = TASKS[task]
    net = nnlib.Network(sizes, hidden="tanh", task=task, seed=7)
    X, Y = batch(rng, sizes, task, m)
    net.forward(X)
    net.W[net.N] = net.W[net.N] * 80.0 / np.max(np.abs(net.z[net.N]))
    net.b[net.N] = net.b[net.N] + rng.choice([-30.0, 30.0], size=net.b[net.N].shape)
    return net, X, Y


@pytest.mark.parametrize("task", sorted(TASKS))
def test_the_engine_stays_exact_on_saturated_outputs(task):
    rng = np.random.default_rng(11)
    composed_worst = 0.0
    for _ in range(3):
        net, X, Y = saturated(task, rng)
        net.forward(X)
        assert np.max(np.abs(net.z[net.N])) > 35  # the sigmoid or softmax has saturated
        backprop = net.backward(Y)
        assert worst(autodiff.gradients(net, X, Y), backprop) < 1e-10
        assert worst(autodiff.checkpointed_gradients(net, X, Y, 1)[:2], backprop) < 1e-10
        J, nodes = autodiff.network_graph(net, X, Y, fused=False)
        autodiff.backward(J)
        composed = ([None] + [nodes[f"W[{l}]"].grad for l in range(1, net.N + 1)],
                    [None] + [nodes[f"b[{l}]"].grad for l in range(1, net.N + 1)])
        composed_worst = max(composed_worst, worst(composed, backprop))
    if task != "regression":  # these cases are saturated where it matters: composed rules fail on them
        assert composed_worst > 0.5


@pytest.mark.parametrize("task", ["binary", "multiclass"])
def test_composed_output_and_cost_nodes_lose_the_gradient_where_fused_ones_do_not(task):
    """The reason for the fused nodes: ∇_ŷ𝓛 is clipped, then multiplied by a slope that is 0."""
    net = nnlib.Network(TASKS[task], hidden="tanh", task=task, seed=0)
    X = np.ones((3, 1))
    net.W[net.N] = np.zeros_like(net.W[net.N])
    if task == "binary":  # confidently wrong: z = 40 where y = 0
        net.b[net.N] = np.full((2, 1), 40.0)
        Y = np.zeros((2, 1))
    else:  # the true class's logit 60 below the top one
        net.b[net.N] = np.array([[60.0], [0.0], [0.0]])
        Y = np.array([1])
    net.forward(X)
    backprop = net.backward(Y)
    J, nodes = autodiff.network_graph(net, X, Y, fused=False)
    autodiff.backward(J)
    composed = [nodes[f"b[{net.N}]"].grad]
    assert np.max(np.abs(backprop[1][net.N])) == pytest.approx(1.0)
    assert np.max(np.abs(composed[0])) < 1e-10  # where backprop says 1
    assert worst(autodiff.gradients(net, X, Y), backprop) < 1e-12


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
    assert float(J.value) == pytest.approx(net.cost(net.a[net.N], Y), rel=1e-12)


def test_checkpoints_trade_memory_for_layers_computed_again():
    net = nnlib.Network([4] * 10, hidden="tanh", task="regression", seed=2)
    X, Y = batch(np.random.default_rng(3), net.sizes, "regression", 5)
    N = net.N  # 9 layers
    reference = autodiff.gradients(net, X, Y)
    for k in range(1, N + 2):
        dW, db, computed = autodiff.checkpointed_gradients(net, X, Y, k)
        last_checkpoint = (N - 1) // k * k
        assert computed == N + last_checkpoint, k  # the forward pass to the last checkpoint, then every layer again
        assert worst((dW, db), reference) < 1e-12, k
    with pytest.raises(ValueError, match="every"):
        autodiff.checkpointed_gradients(net, X, Y, 0)


@pytest.mark.parametrize("task", sorted(TASKS))
def test_forward_mode_gives_the_same_gradients_one_pass_per_parameter(task):
    net = nnlib.Network(TASKS[task], hidden="sigmoid", task=task, seed=5)
    X, Y = batch(np.random.default_rng(7), net.sizes, task, 5)
    reverse = autodiff.gradients(net, X, Y)
    assert worst(autodiff.forward_mode_gradients(net, X, Y), reverse) < 1e-12
    rng = np.random.default_rng(8)  # a direction that moves every parameter at once
    dW = [None] + [rng.normal(size=w.shape) for w in net.W[1:]]
    db = [None] + [rng.normal(size=v.shape) for v in net.b[1:]]
    Yh = nnlib.one_hot(Y, net.sizes[-1]) if task == "multiclass" else Y
    slope = autodiff.directional_derivative(net, X, Yh, dW, db)
    inner = sum(np.sum(d * g) for d, g in zip(dW[1:] + db[1:], all_grads(reverse)))
    assert slope == pytest.approx(inner, rel=1e-12)
    J, nodes = autodiff.network_graph(net, X, Y)  # forward mode on the recorded graph agrees
    layers = range(1, net.N + 1)
    seeds = {nodes[f"W[{l}]"]: dW[l] for l in layers} | {nodes[f"b[{l}]"]: db[l] for l in layers}
    assert autodiff.forward_sweep(J, seeds) == pytest.approx(inner, rel=1e-12)


def test_the_jacobian_by_columns_of_forward_mode_is_the_one_by_rows_of_reverse_sweeps():
    net = nnlib.Network([4, 5, 3], hidden="tanh", task="multiclass", seed=9)
    x = np.random.default_rng(4).normal(size=(4, 1))
    out, nodes = autodiff.layers_graph(net, autodiff.Node(x, name="a[0]"), 1, net.N)
    a0 = nodes["a[0]"]
    by_columns = np.hstack([autodiff.forward_sweep(out, {a0: np.eye(4)[:, [c]]}) for c in range(4)])
    rows = []
    for j in range(3):
        autodiff.zero_grad(nodes.values())
        autodiff.backward(out, np.eye(3)[:, [j]])
        rows.append(a0.grad.T)
    assert by_columns.shape == (3, 4)
    assert np.allclose(by_columns, np.vstack(rows), rtol=1e-13, atol=1e-15)
    numeric = np.hstack([centred(lambda v, j=j: float(autodiff.layers_graph(
        net, autodiff.Node(v, name="a[0]"), 1, net.N)[0].value[j, 0]), x) for j in range(3)]).T
    assert nnlib.relative_error(by_columns, numeric) < 1e-8


def test_the_engine_leaves_the_network_as_it_was_and_checks_its_input():
    net = nnlib.Network([2, 3, 1], hidden="relu", task="binary", seed=0)
    before = [w.copy() for w in net.W[1:]] + [v.copy() for v in net.b[1:]]
    autodiff.gradients(net, np.ones((2, 3)), np.ones((1, 3)))
    autodiff.checkpointed_gradients(net, np.ones((2, 3)), np.ones((1, 3)), 1)
    assert all(np.array_equal(p, q) for p, q in zip(before, net.W[1:] + net.b[1:]))
    with pytest.raises(ValueError, match="Y has shape"):
        autodiff.gradients(net, np.ones((2, 3)), np.ones((2, 3)))


def test_an_array_on_the_left_of_an_operator_still_records_a_node():
    """numpy would otherwise apply + entry by entry to the node: an object array, not a graph."""
    W, a = np.array([[1.0, 2.0], [3.0, 4.0]]), autodiff.Node([[1.0], [-1.0]])
    for out, op in ((W @ a, "matmul"), (np.ones((2, 1)) + a, "add"), (np.ones((2, 1)) - a, "subtract"),
                    (np.full((2, 1), 3.0) * a, "multiply")):
        assert isinstance(out, autodiff.Node) and out.op == op
    autodiff.backward(W @ a)
    assert np.array_equal(a.grad, W.T @ np.ones((2, 1)))
