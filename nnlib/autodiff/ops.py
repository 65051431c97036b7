"""The operations of a network's graph (chapter 14): element-wise functions, softmax,
the cost, and the nodes that join a matched output and its loss, exact in saturation."""
from __future__ import annotations

from collections import ChainMap

import numpy as np

from ..activations import ACTIVATIONS, DERIVATIVES, softmax
from ..losses import (
    LOSS_GRADIENTS,
    LOSSES,
    binary_cross_entropy_from_logits,
    cross_entropy_from_logits,
)
from .graph import Node


class _Activations(dict):
    """The element-wise activations as ``(g, g′)`` pairs, read from their records when
    asked (an activation registered later is found too)."""

    def __missing__(self, name):
        return ACTIVATIONS[name], DERIVATIVES[name]

    def __contains__(self, name):
        return name in DERIVATIVES

    def __iter__(self):
        return iter(DERIVATIVES)

    def __len__(self):
        return len(DERIVATIVES)


#: Element-wise functions and their derivatives: the hidden activations, and three more
#: for the trace table of chapter 14.
ELEMENTWISE = ChainMap(
    {"log": (np.log, lambda v: 1.0 / v), "sin": (np.sin, np.cos),
     "exp": (np.exp, np.exp)},
    _Activations(),
)


def activation(Z, g):
    """a = g(z), entry by entry.  Back: z̄ = ā ∘ g′(z) (`eq-activation-rule`).

    The Jacobian is diagonal, so the tangent rule is the same product: ȧ = g′(z) ∘ ż.

    Parameters
    ----------
    Z : Node
        z.
    g : str
        A key of ``ELEMENTWISE``: an element-wise activation, or log, sin, exp.

    Returns
    -------
    Node
        a = g(z).
    """
    z, (f, f_prime) = Z.value, ELEMENTWISE[g]
    return Node(f(z), (Z,), lambda grad: (grad * f_prime(z),),
                lambda z_dot: f_prime(z) * z_dot, g)


def log(V):
    """log v, entry by entry (back: v̄ = ū / v).

    Parameters
    ----------
    V : Node
        v, positive.

    Returns
    -------
    Node
        log v.
    """
    return activation(V, "log")


def sin(V):
    """sin v, entry by entry (back: v̄ = ū cos v).

    Parameters
    ----------
    V : Node
        v.

    Returns
    -------
    Node
        sin v.
    """
    return activation(V, "sin")


def softmax_node(Z):
    """ŷ = softmax(z), per column; not element-wise (eq. `eq-softmax-rule`).

    Back: z̄ = (diag(ŷ) − ŷŷᵀ) ŷ̄ = ŷ ∘ (ŷ̄ − ŷᵀ ŷ̄).  The Jacobian is symmetric,
    so the tangent rule is the same product.

    Parameters
    ----------
    Z : Node
        Logits, shape (k, m).

    Returns
    -------
    Node
        ŷ = softmax(z).
    """
    y = softmax(Z.value)

    def jacobian_times(v):
        return y * (v - np.sum(y * v, axis=0, keepdims=True))
    return Node(y, (Z,), lambda grad: (jacobian_times(grad),), jacobian_times,
                "softmax")


def cost(Y_hat, Y, loss):
    """J = (1/m) Σ 𝓛(ŷ, y).  Back: ŷ̄ = ∇_ŷ 𝓛 / m, per column (`eq-cost-rule`).

    Parameters
    ----------
    Y_hat : Node
        ŷ, shape (n_N, m).
    Y : ndarray
        The targets, as the loss takes them.
    loss : str
        A key of ``LOSSES``.

    Returns
    -------
    Node
        J, a number.
    """
    y_hat, m = Y_hat.value, Y_hat.value.shape[1]
    g = LOSS_GRADIENTS[loss](y_hat, Y) / m
    return Node(LOSSES[loss](y_hat, Y), (Y_hat,), lambda grad: (grad * g,),
                lambda y_dot: np.sum(g * y_dot), "cost", "J")


# ---------------------------------------------------------------------------- fused
def log_softmax_rule(z, grad):
    """The backward rule of log ŷ = log softmax(z), per column: grad − ŷ Σ_j grad_j.

    ∂(log ŷ_j)/∂z_c = [j = c] − ŷ_c: each logit is a parent of every log ŷ_j.

    Parameters
    ----------
    z : ndarray
        Logits, shape (k, m).
    grad : ndarray
        ∂J/∂(log ŷ), shape (k, m).

    Returns
    -------
    ndarray
        ∂J/∂z, shape (k, m).
    """
    return grad - softmax(z) * np.sum(grad, axis=0, keepdims=True)


def softmax_cross_entropy(Z, Y):
    """J = −(1/m) Σ y ∘ log softmax(z) from the logits z, one node (`eq-fused-rule`).

    Y is one-hot.  Back: log-softmax's rule on −y, over m, is z̄ = (ŷ − y)/m: no
    division by ŷ, so the gradient stays exact however far the logits saturate.

    Parameters
    ----------
    Z : Node
        Logits z^[N], shape (k, m).
    Y : ndarray
        One-hot targets, shape (k, m).

    Returns
    -------
    Node
        J.
    """
    z, m = Z.value, Z.value.shape[1]
    z_bar = log_softmax_rule(z, -Y) / m  # (ŷ − y)/m: each column of y sums to 1
    J = cross_entropy_from_logits(z, Y)
    return Node(J, (Z,), lambda grad: (grad * z_bar,),
                lambda z_dot: np.sum(z_bar * z_dot), "softmax + cross-entropy", "J")


def sigmoid_cross_entropy(Z, Y):
    """Binary J from the logits z: σ(z) is softmax's first entry for the pair (z, 0).

    Back (`eq-fused-rule`): log-softmax's rule on the pair with −(y, 1 − y), over m,
    is z̄ = (σ(z) − y)/m.

    Parameters
    ----------
    Z : Node
        Logits z^[N], shape (n_N, m).
    Y : ndarray
        Targets in [0, 1], shape (n_N, m).

    Returns
    -------
    Node
        J.
    """
    z, m = Z.value, Z.value.shape[1]
    pair, targets = np.stack([z, np.zeros_like(z)]), np.stack([Y, 1.0 - Y])
    z_bar = log_softmax_rule(pair, -targets)[0] / m  # (σ(z) − y)/m
    J = binary_cross_entropy_from_logits(z, Y)
    return Node(J, (Z,), lambda grad: (grad * z_bar,),
                lambda z_dot: np.sum(z_bar * z_dot), "sigmoid + cross-entropy", "J")
