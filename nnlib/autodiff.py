"""Reverse-mode automatic differentiation on array-valued nodes (chapter 14).

A computation is a graph: each :class:`Node` holds a float64 array and the nodes it
was computed from, its *parents*.  Each operation knows its backward rule: given
∂J/∂(its output), the term it adds to ∂J/∂(each parent).  :func:`backward` reaches
every node after all of its children and sums their terms (eq. `eq-adjoint-sum`).
"""
from __future__ import annotations

import numpy as np

from . import _validate
from .activations import ACTIVATIONS, DERIVATIVES, softmax
from .losses import LOSS_GRADIENTS, LOSSES


class Node:
    """A value of the graph, the nodes it was computed from, and its backward rule.

    ``rule(grad)`` takes grad = ∂J/∂(this node) and returns, for each parent p, the
    term grad · ∂(this node)/∂p of p's sum (eq. `eq-adjoint-sum`), shaped like p.
    After :func:`backward`, ``grad`` holds ∂J/∂(this node).
    """

    def __init__(self, value, parents=(), rule=None, op="input", name=""):
        self.value = np.asarray(value, dtype=np.float64)
        self.parents = tuple(parents)
        self.rule = rule or (lambda grad: ())  # an input has no parents
        self.op, self.name, self.grad = op, name, None

    def __repr__(self):
        return f"Node({self.name or self.op}, shape {self.value.shape})"


def matmul(A, B, name=""):
    """C = A B.  Back: ∂J/∂A = ∂J/∂C Bᵀ, ∂J/∂B = Aᵀ ∂J/∂C (`eq-matmul-rule`)."""
    a, b = A.value, B.value
    return Node(a @ b, (A, B), lambda grad: (grad @ b.T, a.T @ grad), "matmul", name)


def add_bias(Z, b, name=""):
    """z = Z + b, b added to every column.  Back: ∂J/∂z, and its row sums for b.

    Eq. `eq-bias-rule`: b is used in all m columns, so its sum has m terms.
    """
    def rule(grad):
        return grad, grad.sum(axis=1, keepdims=True)
    return Node(Z.value + b.value, (Z, b), rule, "add", name)


def activation(Z, g, name=""):
    """a = g(z), entry by entry.  Back: ∂J/∂z = ∂J/∂a ∘ g′(z) (`eq-activation-rule`)."""
    z, g_prime = Z.value, DERIVATIVES[g]
    return Node(ACTIVATIONS[g](z), (Z,), lambda grad: (grad * g_prime(z),), g, name)


def softmax_node(Z, name=""):
    """ŷ = softmax(z), per column; not element-wise (eq. `eq-softmax-rule`).

    Back: ∂J/∂z = (diag(ŷ) − ŷŷᵀ) ∂J/∂ŷ = ŷ ∘ (∂J/∂ŷ − ŷᵀ ∂J/∂ŷ).
    """
    y = softmax(Z.value)

    def rule(grad):
        return (y * (grad - np.sum(y * grad, axis=0, keepdims=True)),)
    return Node(y, (Z,), rule, "softmax", name)


def cost(Y_hat, Y, loss, name="J"):
    """J = (1/m) Σ 𝓛(ŷ, y).  Back: ∂J/∂ŷ = ∇_ŷ 𝓛 / m, per column (`eq-cost-rule`)."""
    y_hat, m = Y_hat.value, Y_hat.value.shape[1]

    def rule(grad):
        return (grad * LOSS_GRADIENTS[loss](y_hat, Y) / m,)
    return Node(LOSSES[loss](y_hat, Y), (Y_hat,), rule, "cost", name)


def reverse_order(output):
    """Every node ``output`` depends on, each one after all of its children.

    A node is reached when every node computed from it has been: then its sum
    (eq. `eq-adjoint-sum`) is complete.  ``output`` comes first.
    """
    waiting, stack, seen = {}, [output], {id(output)}  # children not reached yet
    while stack:
        for p in stack.pop().parents:
            waiting[id(p)] = waiting.get(id(p), 0) + 1
            if id(p) not in seen:
                seen.add(id(p))
                stack.append(p)
    order, ready = [], [output]
    while ready:
        order.append(ready.pop(0))
        for p in order[-1].parents:
            waiting[id(p)] -= 1
            if waiting[id(p)] == 0:  # its last child has been reached
                ready.append(p)
    return order


def backward(output):
    """The reverse sweep (eq. `eq-reverse-sweep`): ∂J/∂v in ``v.grad`` for every v.

    ∂J/∂J = 1; each node, reached after all of its children, adds its terms to
    its parents' sums.  Returns the nodes in the order the sweep reached them.
    """
    order = reverse_order(output)
    for v in order:
        v.grad = np.zeros_like(v.value)
    output.grad = np.ones_like(output.value)
    for v in order:
        for parent, term in zip(v.parents, v.rule(v.grad)):
            parent.grad += term  # one child's term of the parent's sum
    return order


def network_graph(net, X, Y):
    """The graph of a Network's cost J on a batch: ``(J, nodes by name)``.

    Layer l adds W[l], b[l], W[l]a[l-1], z[l] and a[l] (eq. `eq-forward`), then the
    cost node J.  After ``backward(J)``, ``nodes["z[l]"].grad`` is δ^[l] / m.
    """
    X, Y = _validate.batch(net, X, Y)
    a = Node(X, name="a[0]")
    nodes = {"a[0]": a}
    for l in range(1, net.N + 1):
        W, b = Node(net.W[l], name=f"W[{l}]"), Node(net.b[l], name=f"b[{l}]")
        Wa = matmul(W, a, f"W[{l}]a[{l - 1}]")
        z = add_bias(Wa, b, f"z[{l}]")
        g = net.hidden if l < net.N else net.output
        name = f"a[{l}]"
        a = softmax_node(z, name) if g == "softmax" else activation(z, g, name)
        nodes.update({v.name: v for v in (W, b, Wa, z, a)})
    nodes["J"] = cost(a, Y, net.loss)
    return nodes["J"], nodes


def gradients(net, X, Y):
    """``(dW, db)`` of J by one reverse sweep, indexed like ``Network.backward``'s."""
    J, nodes = network_graph(net, X, Y)
    backward(J)
    layers = range(1, net.N + 1)
    return [None] + [nodes[f"W[{l}]"].grad for l in layers], \
        [None] + [nodes[f"b[{l}]"].grad for l in layers]


def directional_derivative(net, X, Y, dW, db):
    """Forward mode: the rate of change of J along the direction (dW, db).

    One pass carries each a^[l] with its tangent ȧ^[l] (eq. `eq-forward-mode`):
    ż = Ẇ a + W ȧ + ḃ, then ȧ = g′(z) ∘ ż (softmax: its Jacobian times ż).
    """
    a, a_dot = X, np.zeros_like(X)
    for l in range(1, net.N + 1):
        g = net.hidden if l < net.N else net.output
        z, z_dot = net.W[l] @ a + net.b[l], dW[l] @ a + net.W[l] @ a_dot + db[l]
        a = ACTIVATIONS[g](z)
        if g == "softmax":
            a_dot = a * (z_dot - np.sum(a * z_dot, axis=0, keepdims=True))
        else:
            a_dot = DERIVATIVES[g](z) * z_dot
    return float(np.sum(LOSS_GRADIENTS[net.loss](a, Y) * a_dot) / X.shape[1])


def forward_mode_gradients(net, X, Y):
    """``(dW, db)`` by forward mode: one pass per parameter, P passes in all."""
    X, Y = _validate.batch(net, X, Y)
    params = net.W[1:] + net.b[1:]  # every array of parameters, W's then b's
    grads = [np.zeros_like(p) for p in params]
    for k, p in enumerate(params):
        for i in np.ndindex(p.shape):
            direction = [np.zeros_like(q) for q in params]
            direction[k][i] = 1.0  # move this one parameter only
            dW, db = [None] + direction[:net.N], [None] + direction[net.N:]
            grads[k][i] = directional_derivative(net, X, Y, dW, db)
    return [None] + grads[:net.N], [None] + grads[net.N:]
