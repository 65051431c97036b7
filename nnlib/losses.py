"""Losses L(ŷ, y), the cost J = (1/m) Σ L, and ∇_ŷ L (chapters 5–7).

``y_hat`` is (n_N, m); ``Y`` has its shape (or, for the cross-entropy, labels (m,)).  A
``*_cost`` returns J; a ``*_grad`` returns ∇_ŷ L per example, one column each, not ÷ m.
"""
from __future__ import annotations

import numpy as np

from . import _validate
from .activations import sigmoid

#: ŷ is clipped to [CLIP, 1 − CLIP] inside logarithms, so that a confident wrong answer
#: costs a large but finite amount (−log CLIP ≈ 34.5) instead of infinity.  (Not the
#: step ε of a finite difference: that is ``nnlib.gradcheck.EPS``.)
CLIP = 1e-15


# --------------------------------------------------------------------------- chapter 5
def squared_error_cost(y_hat, Y):
    """J = (1/m) Σ_examples ½‖ŷ − y‖² (eq. `eq-squared-error`).

    Parameters
    ----------
    y_hat : array_like
        Predictions ŷ, shape (n_N, m).
    Y : array_like
        Targets y, shape (n_N, m).

    Returns
    -------
    float
        The cost J.
    """
    y_hat, Y = _validate.same_shape(y_hat, Y)
    m = y_hat.shape[1]
    return float(0.5 * np.sum((y_hat - Y) ** 2) / m)


def squared_error_grad(y_hat, Y):
    """∇_ŷ L = ŷ − y for each example (eq. `eq-squared-error-grad`).

    Parameters
    ----------
    y_hat : array_like
        Predictions ŷ, shape (n_N, m).
    Y : array_like
        Targets y, shape (n_N, m).

    Returns
    -------
    ndarray
        ∇_ŷ L, shape (n_N, m), one column per example.
    """
    y_hat, Y = _validate.same_shape(y_hat, Y)
    return y_hat - Y


# --------------------------------------------------------------------------- chapter 6
def binary_cross_entropy_cost(y_hat, Y):
    """J = −(1/m) Σ [y log ŷ + (1 − y) log(1 − ŷ)] (eq. `eq-bce`), summed over units.

    Parameters
    ----------
    y_hat : array_like
        Predictions ŷ, shape (n_N, m).
    Y : array_like
        Targets y, in [0, 1], shape (n_N, m).

    Returns
    -------
    float
        The cost J.
    """
    y_hat, Y = _validate.binary_pair(y_hat, Y)
    m = y_hat.shape[1]
    p = np.clip(y_hat, CLIP, 1.0 - CLIP)
    return float(-np.sum(Y * np.log(p) + (1.0 - Y) * np.log(1.0 - p)) / m)


def binary_cross_entropy_grad(y_hat, Y):
    """∇_ŷ L = (ŷ − y) / (ŷ(1 − ŷ)) for each example (eq. `eq-bce-grad`).

    Parameters
    ----------
    y_hat : array_like
        Predictions ŷ, shape (n_N, m).
    Y : array_like
        Targets y, in [0, 1], shape (n_N, m).

    Returns
    -------
    ndarray
        ∇_ŷ L, shape (n_N, m), one column per example.
    """
    y_hat, Y = _validate.binary_pair(y_hat, Y)
    p = np.clip(y_hat, CLIP, 1.0 - CLIP)
    return (p - Y) / (p * (1.0 - p))


def bce_grad_logit(z, Y):
    """∂L/∂z = σ(z) − y: the binary cross-entropy's gradient by the logit (`eq-bce-dz`).

    σ′(z) cancels the denominator ŷ(1 − ŷ) of ∇_ŷ L: no vanishing gradient.  Not ÷ m.

    Parameters
    ----------
    z : array_like
        Logits z^[N], shape (n_N, m).
    Y : array_like
        Targets y, in [0, 1], shape (n_N, m).

    Returns
    -------
    ndarray
        ∂L/∂z, shape (n_N, m), one column per example.
    """
    z, Y = _validate.binary_pair(z, Y, names=("z", "Y"))
    return sigmoid(z) - Y


def binary_cross_entropy_from_logits(z, Y):
    """Binary cross-entropy J from the logits z, with ŷ = σ(z) (eq. `eq-bce-logits`).

    L = max(z, 0) − y z + log(1 + e^(−|z|)): no exp overflows, no log sees 0, no clip.

    Parameters
    ----------
    z : array_like
        Logits z^[N], shape (n_N, m).
    Y : array_like
        Targets y, in [0, 1], shape (n_N, m).

    Returns
    -------
    float
        The cost J.
    """
    z, Y = _validate.binary_pair(z, Y, names=("z", "Y"))
    m = z.shape[1]
    per_entry = np.maximum(z, 0.0) - Y * z + np.log1p(np.exp(-np.abs(z)))
    return float(np.sum(per_entry) / m)


# --------------------------------------------------------------------------- chapter 7
def one_hot(labels, k):
    """Integer labels, shape (m,) → one-hot columns, shape (k, m) (eq. `eq-one-hot`).

    Parameters
    ----------
    labels : array_like of int
        Class labels 0 … k − 1, shape (m,).
    k : int
        The number of classes.

    Returns
    -------
    ndarray
        Shape (k, m): column i is 1 in row labels[i], 0 elsewhere.
    """
    labels = _validate.labels(labels, _validate.integer(k, "k (classes)", minimum=1))
    Y = np.zeros((k, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


def cross_entropy_cost(y_hat, Y):
    """J = −(1/m) Σ_examples Σ_j y_j log ŷ_j (eq. `eq-cross-entropy`).

    With integer labels this is the notes' form −(1/m) Σ log ŷ_label
    (eq. `eq-ce-label`): the same number, since the one-hot y picks out one term.

    Parameters
    ----------
    y_hat : array_like
        Predictions ŷ, shape (n_N, m).
    Y : array_like
        Targets y, integer labels (m,) or one-hot columns (k, m).

    Returns
    -------
    float
        The cost J.
    """
    y_hat, Y = _validate.one_hot_pair(y_hat, Y)
    m = y_hat.shape[1]
    return float(-np.sum(Y * np.log(np.clip(y_hat, CLIP, 1.0))) / m)


def cross_entropy_grad(y_hat, Y):
    """∇_ŷ L = −y / ŷ for each example (eq. `eq-cross-entropy-grad`).

    Parameters
    ----------
    y_hat : array_like
        Predictions ŷ, shape (n_N, m).
    Y : array_like
        Targets y, integer labels (m,) or one-hot columns (k, m).

    Returns
    -------
    ndarray
        ∇_ŷ L, shape (k, m), one column per example.
    """
    y_hat, Y = _validate.one_hot_pair(y_hat, Y)
    return -Y / np.clip(y_hat, CLIP, 1.0)


def cross_entropy_from_logits(z, Y):
    """Cross-entropy J from the logits z, with ŷ = softmax(z) (eq. `eq-ce-logits`).

    log ŷ_j = z_j − log Σ_j′ e^(z_j′), with the column maximum subtracted inside the
    log-sum-exp: no exp overflows and no log sees 0.  Y: labels (m,) or one-hot (k, m).

    Parameters
    ----------
    z : array_like
        Logits z^[N], shape (n_N, m).
    Y : array_like
        Targets y, integer labels (m,) or one-hot columns (k, m).

    Returns
    -------
    float
        The cost J.
    """
    z, Y = _validate.one_hot_pair(z, Y, name="z")
    shifted = z - np.max(z, axis=0, keepdims=True)
    log_y_hat = shifted - np.log(np.sum(np.exp(shifted), axis=0, keepdims=True))
    return float(-np.sum(Y * log_y_hat) / z.shape[1])


#: The costs J by name, and the gradients ∇_ŷ L by name.
LOSSES = _validate.Registry("loss", {
    "squared_error": squared_error_cost,
    "binary_cross_entropy": binary_cross_entropy_cost,
    "cross_entropy": cross_entropy_cost,
})
LOSS_GRADIENTS = _validate.Registry("loss", {
    "squared_error": squared_error_grad,
    "binary_cross_entropy": binary_cross_entropy_grad,
    "cross_entropy": cross_entropy_grad,
})
