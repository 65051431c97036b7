"""Backward propagation (chapters 8–10): output error, recursion, parameter gradients.

δ^[N] at the output, δ^[l] layer by layer back to the first, and from them ∇_{W^[l]} J
and ∇_{b^[l]} J, each formula once, in chapter order; :class:`nnlib.Network` strings
them together.  Lists are indexed as in the notes (index 0 unused).
"""
from __future__ import annotations

import numpy as np

from . import _validate
from .activations import ACTIVATIONS, DERIVATIVES
from .forward import TASKS, forward_layers
from .losses import LOSS_GRADIENTS, one_hot


# --------------------------------------------------------------------------- chapter 8
def output_delta(y_hat, Y, task):
    """The output error δ^[N] = ŷ − y of a matched task (eq. `eq-output-delta`).

    Identity + squared error, sigmoid + binary cross-entropy and softmax +
    cross-entropy all give ŷ − y (chapter 8).  For ``multiclass``, Y may be labels.

    Parameters
    ----------
    y_hat : ndarray
        ŷ = a^[N], shape (n_N, m).
    Y : array_like
        The targets, shape (n_N, m) (multiclass: or integer labels (m,)).
    task : str
        A key of ``TASKS``.

    Returns
    -------
    ndarray
        δ^[N], shape (n_N, m), not ÷ m.
    """
    _validate.one_of(task, TASKS, "task")
    if task == "multiclass" and np.ndim(Y) == 1:  # integer labels: one-hot columns
        Y = one_hot(Y, len(y_hat))
    return y_hat - Y


def output_delta_chain_rule(z, Y, output, loss):
    """δ^[N] = ∇_{z^[N]} L by the chain rule, for any output activation and loss.

    Element-wise ``output``: ∇_ŷ L ∘ g′(z^[N]) (`eq-output-delta-elementwise`); softmax:
    (∂ŷ/∂z)ᵀ ∇_ŷ L per column, ∂ŷ/∂z = diag(ŷ) − ŷŷᵀ (`eq-output-delta-jacobian`).  It
    serves a mismatched pair too (squared error on a sigmoid), where no factor cancels;
    for a matched pair it equals ŷ − y by a less stable route.  Not ÷ m.

    Parameters
    ----------
    z : ndarray
        z^[N], shape (n_N, m).
    Y : array_like
        The targets, as the loss takes them.
    output : str
        The output activation, a key of ``ACTIVATIONS``.
    loss : str
        A key of ``LOSS_GRADIENTS``.

    Returns
    -------
    ndarray
        δ^[N] = ∇_{z^[N]} L, shape (n_N, m).
    """
    g = ACTIVATIONS[output]
    grad = LOSS_GRADIENTS[loss](g(z), Y)  # ∇_ŷ L
    if g.jacobian is not None:  # softmax: column e gets (∂ŷ/∂z)ᵀ ∇_ŷ L by its Jacobian
        return np.einsum("eij,ie->je", g.jacobian(z), grad)
    return grad * g.derivative(z)  # ∇_ŷ L ∘ g′(z)


# --------------------------------------------------------------------------- chapter 9
def hidden_delta(W_next, delta_next, g_prime_z):
    """The backward recursion δ^[l] = (W^[l+1]ᵀ δ^[l+1]) ∘ g′(z^[l]).

    Eq. `eq-delta-recursion`: ``W_next`` is W^[l+1], ``delta_next`` is δ^[l+1] and
    ``g_prime_z`` is g′(z^[l]).

    Parameters
    ----------
    W_next : ndarray
        W^[l+1], shape (n_{l+1}, n_l).
    delta_next : ndarray
        δ^[l+1], shape (n_{l+1}, m).
    g_prime_z : ndarray
        g′(z^[l]), shape (n_l, m).

    Returns
    -------
    ndarray
        δ^[l], shape (n_l, m).
    """
    return (W_next.T @ delta_next) * g_prime_z


def backward_deltas(W, z, delta_N, hidden):
    """Every δ^[l] from δ^[N] down to δ^[1] by the recursion (eq. `eq-delta-recursion`).

    W and z are indexed like the notes; returns ``[None, δ^[1], …, δ^[N]]``.

    Parameters
    ----------
    W : list of ndarray
        The weights, indexed like the notes.
    z : list of ndarray
        The pre-activations of the forward pass.
    delta_N : ndarray
        δ^[N], shape (n_N, m).
    hidden : str
        The hidden activation, a key of ``DERIVATIVES``.

    Returns
    -------
    list of ndarray
        ``[None, δ^[1], …, δ^[N]]``.
    """
    g_prime = DERIVATIVES[hidden]
    N = len(W) - 1
    delta = [None] * N + [delta_N]
    for l in range(N - 1, 0, -1):
        delta[l] = hidden_delta(W[l + 1], delta[l + 1], g_prime(z[l]))
    return delta


def forward_from(net, l, z_l):
    """ŷ from the z^[l] of layer l on (chapter 9): its loss's gradient is δ^[l].

    Parameters
    ----------
    net : Network
        The network.
    l : int
        A layer, 1 … N.
    z_l : ndarray
        A pre-activation of layer l, shape (n_l, m).

    Returns
    -------
    ndarray
        ŷ, shape (n_N, m).
    """
    l = _validate.layer(net, l)
    z, a = forward_layers(net.W[l:], net.b[l:], net.g(l)(z_l), net.hidden, net.output)
    return a[-1]


# --------------------------------------------------------------------------- chapter 10
def weight_gradient(delta, a_prev):
    """∇_{W^[l]} J = (1/m) δ^[l] a^[l−1]ᵀ (eq. `eq-grad-W`).

    The matrix product sums over the m examples; 1/m averages.  The notes print
    a^[l]ᵀ, which is wrong (n_l × n_l instead of n_l × n_{l−1}).

    Parameters
    ----------
    delta : ndarray
        δ^[l], shape (n_l, m).
    a_prev : ndarray
        a^[l−1], shape (n_{l−1}, m).

    Returns
    -------
    ndarray
        ∇_{W^[l]} J, shape (n_l, n_{l−1}).
    """
    m = delta.shape[1]
    return delta @ a_prev.T / m


def bias_gradient(delta):
    """∇_{b^[l]} J = (1/m) Σ_columns δ^[l] (eq. `eq-grad-b`).

    Parameters
    ----------
    delta : ndarray
        δ^[l], shape (n_l, m).

    Returns
    -------
    ndarray
        ∇_{b^[l]} J, shape (n_l, 1).
    """
    m = delta.shape[1]
    return delta.sum(axis=1, keepdims=True) / m


def misprinted_weight_gradient(delta, a_same_layer):
    """The notes' printed (1/m) δ^[l] a^[l]ᵀ: WRONG (n_l × n_l), kept to show it fail.

    Parameters
    ----------
    delta : ndarray
        δ^[l], shape (n_l, m).
    a_same_layer : ndarray
        a^[l], shape (n_l, m).

    Returns
    -------
    ndarray
        Shape (n_l, n_l): not a gradient of W^[l].
    """
    return delta @ a_same_layer.T / delta.shape[1]
