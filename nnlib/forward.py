"""Forward propagation through N fully connected layers (chapters 1, 3 and 4).

The affine map of one layer, the pass through all of them, and the output layer: the
three tasks of the notes and the labels a network predicts.  The formulas live here
once, in chapter order; :class:`nnlib.Network` strings them together and checks its
arrays once per pass.  Lists are indexed as in the notes (index 0 unused).
"""
from __future__ import annotations

import numpy as np

from . import _validate
from .activations import ACTIVATIONS, DERIVATIVES

#: The three tasks of the notes, each fixing the output activation g^[N] and the loss.
TASKS = _validate.Registry("task", {
    "regression": ("identity", "squared_error"),
    "binary": ("sigmoid", "binary_cross_entropy"),
    "multiclass": ("softmax", "cross_entropy"),
})


# --------------------------------------------------------------------------- chapter 1
def affine(W, a_prev, b):
    """The affine map of one layer: z^[l] = W^[l] a^[l−1] + b^[l] (eq. `eq-affine`).

    W: (n_l, n_{l−1}), a_prev: (n_{l−1}, m), b: (n_l, 1), broadcast over the m columns.

    Parameters
    ----------
    W : ndarray
        Weights W^[l], shape (n_l, n_{l−1}).
    a_prev : ndarray
        Activations a^[l−1], shape (n_{l−1}, m).
    b : ndarray
        Biases b^[l], shape (n_l, 1).

    Returns
    -------
    ndarray
        z^[l], shape (n_l, m).
    """
    return W @ a_prev + b


def parameter_count(sizes):
    """The number of parameters of layers [n_0, …, n_N] (eq. `eq-parameter-count`).

    Layer l has n_l × n_{l−1} weights and n_l biases: Σ_l n_l (n_{l−1} + 1).

    Parameters
    ----------
    sizes : sequence of int
        The layer sizes [n_0, …, n_N].

    Returns
    -------
    int
        The number of weights and biases.
    """
    sizes = _validate.layer_sizes(sizes)
    return sum(n_l * (n_prev + 1) for n_prev, n_l in zip(sizes[:-1], sizes[1:]))


# --------------------------------------------------------------------- chapters 3 and 4
def forward_layers(W, b, X, hidden="relu", output="softmax"):
    """Forward propagation through N = len(W) − 1 layers (eq. `eq-forward`).

    From a^[0] = X, layer l computes z^[l] = W^[l] a^[l−1] + b^[l] and a^[l] = g(z^[l]),
    g = ``hidden`` for l < N and ``output`` for l = N.  Returns the lists ``(z, a)``:
    backpropagation needs every z^[l] and a^[l].  ``z[0]`` is None, ``a[N]`` is ŷ.

    Parameters
    ----------
    W, b : list of ndarray
        Weights and biases indexed like the notes (index 0 unused).
    X : ndarray
        The input a^[0], shape (n_0, m).
    hidden, output : str
        The activations of the hidden layers and of the output layer
        (keys of ``ACTIVATIONS``).

    Returns
    -------
    z, a : list of ndarray
        z^[l] and a^[l] for l = 0 … N (``z[0]`` is None).
    """
    N = len(W) - 1
    z, a = [None] * (N + 1), [X] + [None] * N
    for l in range(1, N + 1):
        z[l] = affine(W[l], a[l - 1], b[l])                    # z = W a + b
        a[l] = ACTIVATIONS[hidden if l < N else output](z[l])  # a = g(z)
    return z, a


#: A unit whose slope g′(z) is below this counts as saturated (chapters 2 and 3).
SATURATION_THRESHOLD = 0.05


def saturated_fraction(z, name, threshold=SATURATION_THRESHOLD):
    """The fraction of entries of z with g′(z) < threshold (`eq-saturated-fraction`).

    For sigmoid and tanh, the entries near their flat ends; for ReLU, those with z ≤ 0,
    where g′(z) = 0 exactly; the identity never saturates.  A float in [0, 1].

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape.
    name : str
        An element-wise activation, a key of ``DERIVATIVES``.
    threshold : float
        A slope below this counts as saturated.

    Returns
    -------
    float
        The fraction of entries of z where g′(z) < threshold.
    """
    return float(np.mean(DERIVATIVES[name](z) < threshold))


def predict_labels(y_hat, task):
    """Class labels from ŷ = a^[N] (eq. `eq-predict-labels`).

    Multiclass: argmax_j ŷ_j per column, shape (m,); binary: 1 where ŷ ≥ 0.5 (z ≥ 0).

    Parameters
    ----------
    y_hat : ndarray
        The network's output ŷ, shape (n_N, m).
    task : str
        ``"multiclass"`` or ``"binary"``.

    Returns
    -------
    ndarray of int
        Shape (m,) for multiclass, (n_N, m) for binary.
    """
    task = _validate.one_of(task, ("binary", "multiclass"), "task with class labels")
    if task == "multiclass":
        return np.argmax(y_hat, axis=0)
    return (np.asarray(y_hat) >= 0.5).astype(np.int64)
