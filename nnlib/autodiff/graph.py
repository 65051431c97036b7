"""Nodes, the arithmetic they record, and the two sweeps (chapter 14).

A :class:`Node` holds a float64 array, the nodes it was computed from (its *parents*)
and the two rules of its operation: the backward rule turns ∂J/∂(node) into one term
of each parent's adjoint (a vector–Jacobian product, eq. `eq-adjoint-sum-arrays`); the
tangent rule turns the parents' tangents into the node's (a Jacobian–vector product,
eq. `eq-forward-mode`).  Arithmetic on nodes, ``W @ a + b``, records the graph as it
runs; :func:`backward` sweeps it from the end, :func:`forward_sweep` from the start.
"""
from __future__ import annotations

import numpy as np


class Node:
    """A value of the graph, the nodes it was computed from, and its operation's rules.

    ``rule(grad)`` takes grad = ∂J/∂(this node) and returns, for each parent p, the
    term grad · ∂(this node)/∂p of p's sum (eq. `eq-adjoint-sum`), shaped like p.
    ``tangent_rule(*dots)`` takes the parents' tangents and returns this node's.
    ``grad`` is None until a sweep reaches the node; sweeps add to it.

    Parameters
    ----------
    value : array_like
        The node's value (kept as a float64 array).
    parents : tuple of Node
        The nodes it was computed from.
    rule : callable, optional
        The backward rule, ``rule(grad) -> tuple`` of one term per parent.
    tangent_rule : callable, optional
        The forward-mode rule, ``tangent_rule(*parent_tangents) -> tangent``.
    op : str
        The operation's name (``"input"`` for a node without parents).
    name : str
        A name for tables and figures (``"W[1]"``).
    """

    def __init__(self, value, parents=(), rule=None, tangent_rule=None, op="input",
                 name=""):
        self.value = np.asarray(value, dtype=np.float64)
        self.parents = tuple(parents)
        self.rule = rule or (lambda grad: ())  # an input has no parents
        self.tangent_rule = tangent_rule
        self.op, self.name = op, name
        self.grad = self.tangent = None

    def __repr__(self):
        return f"Node({self.name or self.op}, shape {self.value.shape})"

    # Arithmetic records the graph as it runs: W @ a + b is a matmul node, then an add.
    __array_ufunc__ = None  # so that array + node, too, is left to the node: a node

    def __matmul__(self, other):
        return matmul(self, other)

    def __rmatmul__(self, other):
        return matmul(other, self)

    def __add__(self, other):
        return add(self, other)

    def __radd__(self, other):
        return add(other, self)

    def __sub__(self, other):
        return subtract(self, other)

    def __rsub__(self, other):
        return subtract(other, self)

    def __mul__(self, other):
        return multiply(self, other)

    def __rmul__(self, other):
        return multiply(other, self)


def as_node(x):
    """``x`` if it is a Node; else a constant, a node without parents holding ``x``.

    Parameters
    ----------
    x : Node or array_like
        A node, or a value.

    Returns
    -------
    Node
    """
    return x if isinstance(x, Node) else Node(x, op="constant")


def unbroadcast(term, shape):
    """``term`` summed over the axes along which numpy broadcast a value of ``shape``.

    A value used in several entries gets one term per use (eq. `eq-bias-rule`): b of
    shape (n, 1), added to each of the m columns, gets the row sums.

    Parameters
    ----------
    term : ndarray
        A term of the shape numpy broadcast to.
    shape : tuple of int
        The shape of the value that was broadcast.

    Returns
    -------
    ndarray
        ``term`` summed to ``shape``.
    """
    while term.ndim > len(shape):
        term = term.sum(axis=0)
    axes = tuple(k for k, n in enumerate(shape) if n == 1 and term.shape[k] != 1)
    return term.sum(axis=axes, keepdims=True) if axes else term


def matmul(A, B):
    """C = A B.  Back: Ā = C̄ Bᵀ, B̄ = Aᵀ C̄ (`eq-matmul-rule`).  Tangent: Ȧ B + A Ḃ.

    Parameters
    ----------
    A, B : Node or array_like
        The operands (an array becomes a constant node).

    Returns
    -------
    Node
        C = A @ B, recorded with its rules.
    """
    A, B = as_node(A), as_node(B)
    a, b = A.value, B.value
    return Node(a @ b, (A, B), lambda grad: (grad @ b.T, a.T @ grad),
                lambda a_dot, b_dot: a_dot @ b + a @ b_dot, "matmul")


def add(A, B):
    """C = A + B.  Back: C̄ to both, summed where numpy broadcast (`eq-bias-rule`).

    Parameters
    ----------
    A, B : Node or array_like
        The operands (an array becomes a constant node).

    Returns
    -------
    Node
        C = A + B, recorded with its rules.
    """
    A, B = as_node(A), as_node(B)
    a, b = A.value.shape, B.value.shape  # the rule needs the shapes only

    def rule(grad):
        return unbroadcast(grad, a), unbroadcast(grad, b)
    return Node(A.value + B.value, (A, B), rule, lambda a_dot, b_dot: a_dot + b_dot,
                "add")


def subtract(A, B):
    """C = A − B.  Back: C̄ to A and −C̄ to B, each summed where broadcast.

    Parameters
    ----------
    A, B : Node or array_like
        The operands (an array becomes a constant node).

    Returns
    -------
    Node
        C = A − B, recorded with its rules.
    """
    A, B = as_node(A), as_node(B)
    a, b = A.value.shape, B.value.shape

    def rule(grad):
        return unbroadcast(grad, a), unbroadcast(-grad, b)
    return Node(A.value - B.value, (A, B), rule, lambda a_dot, b_dot: a_dot - b_dot,
                "subtract")


def multiply(A, B):
    """C = A ∘ B, entry by entry.  Back: Ā = C̄ ∘ B and B̄ = C̄ ∘ A, as for a sum.

    Parameters
    ----------
    A, B : Node or array_like
        The operands (an array becomes a constant node).

    Returns
    -------
    Node
        C = A ∘ B, recorded with its rules.
    """
    A, B = as_node(A), as_node(B)
    a, b = A.value, B.value

    def rule(grad):
        return unbroadcast(grad * b, a.shape), unbroadcast(grad * a, b.shape)
    return Node(a * b, (A, B), rule, lambda a_dot, b_dot: a_dot * b + a * b_dot,
                "multiply")


def stop_gradient(V):
    """``V``'s value as a constant: no sweep passes it (PyTorch's ``detach``).

    Parameters
    ----------
    V : Node
        A node.

    Returns
    -------
    Node
        A node without parents holding V's value.
    """
    return Node(V.value, op="stop_gradient", name=f"stop({V.name})" if V.name else "")


# --------------------------------------------------------------------------- the sweeps
def reverse_order(output):
    """Every node ``output`` depends on, each one after all of its children.

    A node is reached when every node computed from it has been: then its sum
    (eq. `eq-adjoint-sum`) is complete.  ``output`` comes first.

    Parameters
    ----------
    output : Node
        The node a sweep starts from.

    Returns
    -------
    list of Node
        ``output`` first, each node after every node computed from it.
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


def backward(output, seed=None):
    """The reverse sweep (`eq-reverse-sweep`): adds ∂J/∂v to ``v.grad`` for every v.

    It starts from ∂J/∂J = 1, or from ``seed`` (shaped like ``output``); each node,
    reached after all of its children, sends one term to each parent's sum.  Like
    PyTorch's, gradients add up over calls until :func:`zero_grad`.  Returns the nodes
    in the order the sweep reached them.

    Parameters
    ----------
    output : Node
        The node J (or any node, with ``seed``).
    seed : array_like, optional
        ∂(what is differentiated)/∂output, shaped like ``output`` (default 1).

    Returns
    -------
    None
        The gradients are added to each node's ``grad``.
    """
    order = reverse_order(output)
    seed = np.ones_like(output.value) if seed is None else np.asarray(seed, dtype=float)
    adjoint = {id(output): seed}  # the sums of this sweep, by node
    for v in order:
        v_bar = adjoint.pop(id(v))  # complete: every child of v has sent its term
        v.grad = v_bar if v.grad is None else v.grad + v_bar
        for p, term in zip(v.parents, v.rule(v_bar)):
            adjoint[id(p)] = adjoint[id(p)] + term if id(p) in adjoint else term
    return order


def zero_grad(nodes):
    """Forget what the sweeps have added up: ``grad`` is None again for each node.

    Parameters
    ----------
    nodes : iterable of Node
        The nodes to reset.

    Returns
    -------
    None
    """
    for v in nodes:
        v.grad = None


def forward_sweep(output, seeds):
    """Forward mode on a recorded graph (`eq-forward-mode`): ``v.tangent`` for every v.

    ``seeds`` maps inputs to their tangents, shaped like them; every other input gets 0.
    Each node is visited after its parents.  Returns ``output.tangent``.

    Parameters
    ----------
    output : Node
        The node whose tangent is wanted.
    seeds : dict
        Node → its tangent ẋ, shaped like its value.

    Returns
    -------
    ndarray
        ``output.tangent``, shaped like ``output``.
    """
    for v in reversed(reverse_order(output)):
        if v in seeds:
            v.tangent = np.asarray(seeds[v], dtype=float)
        elif not v.parents:
            v.tangent = np.zeros_like(v.value)
        else:
            v.tangent = v.tangent_rule(*(p.tangent for p in v.parents))
    return output.tangent
