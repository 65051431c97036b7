"""A Network's cost as a graph (chapter 14): its gradients by one reverse sweep, by
forward mode one parameter at a time, and by a sweep that keeps only checkpoints.
"""
from __future__ import annotations

import numpy as np

from .. import _validate
from ..activations import ACTIVATIONS, DERIVATIVES
from ..forward import affine
from ..losses import LOSS_GRADIENTS
from .graph import Node, backward
from .ops import (
    activation,
    cost,
    sigmoid_cross_entropy,
    softmax_cross_entropy,
    softmax_node,
)

#: Matched output activations whose loss joins them in one node (eq. `eq-fused-rule`);
#: identity + squared error needs none: its rule is ŷ − y already.
FUSED = {"softmax": softmax_cross_entropy, "sigmoid": sigmoid_cross_entropy}


def layers_graph(net, a, first, last, Y=None, fused=True):
    """The graph of layers ``first`` … ``last`` of ``net``, from the node ``a``.

    Layer l adds W[l], b[l], W[l]a[l-1], z[l] and a[l] (eq. `eq-forward`).  Given Y,
    the last layer ends in the cost J, fused with a matched output unless ``fused`` is
    False.  Returns ``(J or a[last], nodes by name)``.

    Parameters
    ----------
    net : Network
        The network.
    a : Node
        a^[first − 1].
    first, last : int
        The layers to record, 1 ≤ first ≤ last ≤ N.
    Y : ndarray, optional
        The targets: the last layer then ends in J.
    fused : bool
        Join a matched output and its loss in one node.

    Returns
    -------
    out : Node
        J, or a^[last] without Y.
    nodes : dict
        Every node by name (``"W[1]"``, ``"z[2]"``, ``"J"``, …).
    """
    nodes = {a.name: a}
    for l in range(first, last + 1):
        W, b = Node(net.W[l], name=f"W[{l}]"), Node(net.b[l], name=f"b[{l}]")
        z = W @ a + b  # records two nodes: the product W a, then the sum
        z.parents[0].name, z.name = f"W[{l}]a[{l - 1}]", f"z[{l}]"
        nodes.update({v.name: v for v in (W, b, z.parents[0], z)})
        g = net.hidden if l < net.N else net.output
        if Y is not None and l == net.N and fused and g in FUSED:
            nodes["J"] = FUSED[g](z, Y)  # one node from z^[N] to J: z̄ = (ŷ − y)/m
            return nodes["J"], nodes
        a = activation(z, g) if g in DERIVATIVES else softmax_node(z)
        a.name = f"a[{l}]"
        nodes[a.name] = a
    if Y is None:
        return a, nodes
    nodes["J"] = cost(a, Y, net.loss)
    return nodes["J"], nodes


def network_graph(net, X, Y, fused=True):
    """The graph of a Network's cost J on a batch: ``(J, nodes by name)``.

    After ``backward(J)``, ``nodes["z[l]"].grad`` is δ^[l] / m (`eq-delta-adjoint`).
    ``fused=False`` keeps the output activation and the cost apart, as the notes write
    them: then a saturated output loses its gradient (eq. `eq-fused-rule`).

    Parameters
    ----------
    net : Network
        The network (its W and b are read, not changed).
    X, Y : array_like
        A batch and its targets.
    fused : bool
        Join a matched output and its loss in one node.

    Returns
    -------
    J : Node
        The cost.
    nodes : dict
        Every node by name.
    """
    X, Y = _validate.batch(net, X, Y)
    return layers_graph(net, Node(X, name="a[0]"), 1, net.N, Y, fused)


def segment_gradients(net, a_start, start, stop, Y, seed=None):
    """Record layers start+1 … stop from a^[start] and sweep them back from ``seed``.

    Returns ``(dW, db, ∂J/∂a^[start])`` for these layers; the last layer ends in J.

    Parameters
    ----------
    net : Network
        The network.
    a_start : ndarray
        a^[start], the segment's input.
    start, stop : int
        The segment is layers start + 1 … stop.
    Y : ndarray
        The targets (used when stop = N).
    seed : ndarray, optional
        ∂J/∂a^[stop], from the segment after this one.

    Returns
    -------
    dW, db : list of ndarray
        The gradients of the segment's layers.
    a_bar : ndarray
        ∂J/∂a^[start].
    """
    a = Node(a_start, name=f"a[{start}]")
    out, nodes = layers_graph(net, a, start + 1, stop, Y if stop == net.N else None)
    backward(out, seed)
    layers = range(start + 1, stop + 1)
    dW = [nodes[f"W[{l}]"].grad for l in layers]
    return dW, [nodes[f"b[{l}]"].grad for l in layers], a.grad


def gradients(net, X, Y):
    """``(dW, db)`` of J by one reverse sweep, indexed like ``Network.backward``'s.

    Parameters
    ----------
    net : Network
        The network (its W and b are read, not changed).
    X, Y : array_like
        A batch and its targets.

    Returns
    -------
    dW, db : list of ndarray
        Indexed like ``net.W`` and ``net.b`` (index 0 None).
    """
    X, Y = _validate.batch(net, X, Y)
    dW, db, _ = segment_gradients(net, X, 0, net.N, Y)
    return [None] + dW, [None] + db


def checkpointed_gradients(net, X, Y, every):
    """``(dW, db, layers computed)`` with a^[0], a^[k], a^[2k], … kept (k = ``every``).

    The forward pass records no graph and keeps those checkpoints; then each segment,
    the last first, is recorded again from its checkpoint and swept, starting from
    the adjoint of its output that the segment after it has found.

    Parameters
    ----------
    net : Network
        The network (its W and b are read, not changed).
    X, Y : array_like
        A batch and its targets.
    every : int
        k: a checkpoint every k layers.

    Returns
    -------
    dW, db : list of ndarray
        The gradients.
    computed : int
        How many layers were computed, the forward pass included.
    """
    (X, Y), k = _validate.batch(net, X, Y), _validate.integer(every, "every", minimum=1)
    starts = list(range(0, net.N, k))
    kept, a = {0: X}, X
    for l in range(1, starts[-1] + 1):  # forward, as far as the last checkpoint
        a = net.g(l)(affine(net.W[l], a, net.b[l]))
        if l in starts:
            kept[l] = a
    dW, db, seed = [None] * (net.N + 1), [None] * (net.N + 1), None
    computed = starts[-1]
    for start in reversed(starts):
        stop = min(start + k, net.N)
        dW[start + 1:stop + 1], db[start + 1:stop + 1], seed = segment_gradients(
            net, kept.pop(start), start, stop, Y, seed)  # pop: the checkpoint is freed
        computed += stop - start
    return dW, db, computed


def directional_derivative(net, X, Y, dW, db):
    """Forward mode: the rate of change of J along the direction (dW, db).

    One pass carries each a^[l] with its tangent ȧ^[l] (eq. `eq-forward-mode`):
    ż = Ẇ a + W ȧ + ḃ, then ȧ = g′(z) ∘ ż (softmax: its Jacobian times ż).

    Parameters
    ----------
    net : Network
        The network (its W and b are read, not changed).
    X, Y : array_like
        A batch and its targets.
    dW, db : list of ndarray
        The direction, shaped like ``net.W`` and ``net.b``.

    Returns
    -------
    float
        The derivative of J along (dW, db).
    """
    a, a_dot = X, np.zeros_like(X)
    for l in range(1, net.N + 1):
        g = net.hidden if l < net.N else net.output
        z, z_dot = net.W[l] @ a + net.b[l], dW[l] @ a + net.W[l] @ a_dot + db[l]
        a = ACTIVATIONS[g](z)
        if g in DERIVATIVES:  # element-wise: ȧ = g′(z) ∘ ż
            a_dot = DERIVATIVES[g](z) * z_dot
        else:  # softmax: its Jacobian times ż
            a_dot = a * (z_dot - np.sum(a * z_dot, axis=0, keepdims=True))
    return float(np.sum(LOSS_GRADIENTS[net.loss](a, Y) * a_dot) / X.shape[1])


def forward_mode_gradients(net, X, Y):
    """``(dW, db)`` by forward mode: one pass per parameter, P passes in all.

    Parameters
    ----------
    net : Network
        The network (its W and b are read, not changed).
    X, Y : array_like
        A batch and its targets.

    Returns
    -------
    dW, db : list of ndarray
        The gradients.
    """
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
