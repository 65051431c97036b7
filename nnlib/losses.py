"""Losses L(ŷ, y), the cost J = (1/m) Σ L, and ∇_ŷ L (chapters 5–7).

Conventions (the notation table of the book):

* ``y_hat`` has shape (n_N, m): one example per column.
* For ``squared_error`` and ``binary_cross_entropy`` the targets ``Y`` have the same
  shape as ``y_hat``.
* For ``cross_entropy`` the targets are either integer labels of shape (m,) with
  values 0 … k−1, or one-hot columns of shape (k, m).

Each ``*_cost`` returns the cost J averaged over the m examples (a float); with
several output units the loss of one example sums over them.  Each ``*_grad``
returns ∇_ŷ L for every example, one column each, *not* divided by m: the cost's
gradient with respect to ŷ is that divided by m.
"""
from __future__ import annotations

import numpy as np

from ._validate import as_float_array

#: ŷ is clipped to [EPS, 1 − EPS] inside logarithms so that a confident wrong answer
#: costs a large but finite amount (−log EPS ≈ 34.5) instead of infinity.
EPS = 1e-15


def _pair(y_hat, Y):
    y_hat = as_float_array(y_hat, "y_hat", ndim=2)
    Y = as_float_array(Y, "Y")
    if Y.shape != y_hat.shape:
        raise ValueError(f"Y has shape {Y.shape} but y_hat has shape {y_hat.shape}; they must match")
    return y_hat, Y


def squared_error_cost(y_hat, Y):
    """J = (1/m) Σ_examples ½‖ŷ − y‖² (eq. `eq-squared-error`)."""
    y_hat, Y = _pair(y_hat, Y)
    m = y_hat.shape[1]
    return float(0.5 * np.sum((y_hat - Y) ** 2) / m)


def squared_error_grad(y_hat, Y):
    """∇_ŷ L = ŷ − y for each example (eq. `eq-squared-error-grad`)."""
    y_hat, Y = _pair(y_hat, Y)
    return y_hat - Y


def _check_probabilities(y_hat):
    if np.any((y_hat < 0) | (y_hat > 1)):
        bad = tuple(int(i) for i in np.argwhere((y_hat < 0) | (y_hat > 1))[0])
        raise ValueError(f"y_hat must hold probabilities in [0, 1], but y_hat{list(bad)} = {y_hat[bad]}")


def _check_binary_targets(Y):
    if np.any((Y < 0) | (Y > 1)):
        bad = tuple(int(i) for i in np.argwhere((Y < 0) | (Y > 1))[0])
        raise ValueError(f"binary targets Y must lie in [0, 1], but Y{list(bad)} = {Y[bad]}")


def binary_cross_entropy_cost(y_hat, Y):
    """J = −(1/m) Σ [y log ŷ + (1 − y) log(1 − ŷ)], summed over output units (eq. `eq-bce`)."""
    y_hat, Y = _pair(y_hat, Y)
    _check_probabilities(y_hat)
    _check_binary_targets(Y)
    m = y_hat.shape[1]
    p = np.clip(y_hat, EPS, 1.0 - EPS)
    return float(-np.sum(Y * np.log(p) + (1.0 - Y) * np.log(1.0 - p)) / m)


def binary_cross_entropy_grad(y_hat, Y):
    """∇_ŷ L = (ŷ − y) / (ŷ(1 − ŷ)) for each example (eq. `eq-bce-grad`)."""
    y_hat, Y = _pair(y_hat, Y)
    _check_probabilities(y_hat)
    _check_binary_targets(Y)
    p = np.clip(y_hat, EPS, 1.0 - EPS)
    return (p - Y) / (p * (1.0 - p))


def one_hot(labels, k):
    """Integer labels of shape (m,) → one-hot columns of shape (k, m) (eq. `eq-one-hot`)."""
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 1:
        raise ValueError(f"k, the number of classes, must be a positive integer, got {k!r}")
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(f"labels must have shape (m,), got shape {labels.shape}")
    if labels.size == 0:
        raise ValueError("labels is empty (shape (0,))")
    if labels.dtype == bool or not np.issubdtype(labels.dtype, np.number):
        raise TypeError(f"labels must be integers 0 … {k - 1}, but their dtype is {labels.dtype}")
    if not np.issubdtype(labels.dtype, np.integer):
        finite = np.isfinite(labels)
        if not np.all(finite) or np.any(labels != np.round(labels)):
            i = int(np.argwhere(~finite | (labels != np.round(np.where(finite, labels, 0))))[0, 0])
            raise ValueError(f"labels must be integers 0 … {k - 1}, but labels[{i}] = {labels[i]}")
    if np.any((labels < 0) | (labels >= k)):
        i = int(np.argwhere((labels < 0) | (labels >= k))[0, 0])
        raise ValueError(f"label out of range: labels[{i}] = {labels[i]}, but there are k = {k} classes (0 … {k - 1})")
    out = np.zeros((k, labels.size))
    out[labels.astype(np.int64), np.arange(labels.size)] = 1.0
    return out


def as_one_hot(Y, k, m):
    """Accept integer labels (m,) or one-hot columns (k, m); return (k, m) float64."""
    arr = np.asarray(Y)
    if arr.ndim == 1:
        if arr.shape[0] != m:
            raise ValueError(f"labels Y have shape {arr.shape} but y_hat has m = {m} columns; expected ({m},)")
        return one_hot(arr, k)
    Y = as_float_array(Y, "Y", ndim=2)
    if Y.shape != (k, m):
        raise ValueError(
            f"Y has shape {Y.shape} but y_hat has shape {(k, m)}; give integer labels of shape ({m},) "
            f"or one-hot columns of shape {(k, m)}"
        )
    if Y.min() < 0 or Y.max() > 1 or np.abs(Y.sum(axis=0) - 1.0).max() > 1e-5:  # np.allclose's tolerance, faster
        j = int(np.argmax(np.abs(Y.sum(axis=0) - 1.0) + np.any((Y < 0) | (Y > 1), axis=0)))
        raise ValueError(f"one-hot Y must have entries in [0, 1] summing to 1 in every column, but column {j} is {Y[:, j]}")
    return Y


def cross_entropy_cost(y_hat, Y):
    """J = −(1/m) Σ_examples Σ_j y_j log ŷ_j (eq. `eq-cross-entropy`).

    With integer labels this is the notes' form −(1/m) Σ log ŷ_label (eq. `eq-ce-label`):
    the same number, since the one-hot y picks out one term.
    """
    y_hat = as_float_array(y_hat, "y_hat", ndim=2)
    _check_probabilities(y_hat)
    k, m = y_hat.shape
    Y = as_one_hot(Y, k, m)
    return float(-np.sum(Y * np.log(np.clip(y_hat, EPS, 1.0))) / m)


def cross_entropy_grad(y_hat, Y):
    """∇_ŷ L = −y / ŷ for each example (eq. `eq-cross-entropy-grad`)."""
    y_hat = as_float_array(y_hat, "y_hat", ndim=2)
    _check_probabilities(y_hat)
    k, m = y_hat.shape
    Y = as_one_hot(Y, k, m)
    return -Y / np.clip(y_hat, EPS, 1.0)


LOSSES = {
    "squared_error": squared_error_cost,
    "binary_cross_entropy": binary_cross_entropy_cost,
    "cross_entropy": cross_entropy_cost,
}

LOSS_GRADIENTS = {
    "squared_error": squared_error_grad,
    "binary_cross_entropy": binary_cross_entropy_grad,
    "cross_entropy": cross_entropy_grad,
}


# ---- chapters 6 and 7: losses computed from the logits z^[N]
from . import activations as _act  # noqa: E402


def bce_grad_logit(z, Y):
    """∂L/∂z = σ(z) − y: binary cross-entropy of a sigmoid output, by the logit (eq. `eq-bce-dz`).

    The factor σ'(z) of the chain rule cancels the denominator ŷ(1 − ŷ) of
    ∇_ŷ L (eq. `eq-bce-grad`), so the gradient never vanishes while ŷ is wrong.
    One column per example, not divided by m.
    """
    z = as_float_array(z, "z", ndim=2)
    Y = as_float_array(Y, "Y")
    if Y.shape != z.shape:
        raise ValueError(f"Y has shape {Y.shape} but z has shape {z.shape}; they must match")
    _check_binary_targets(Y)
    return _act.sigmoid(z) - Y


def binary_cross_entropy_from_logits(z, Y):
    """The binary cross-entropy cost J computed from the logits z, with ŷ = σ(z) (eq. `eq-bce-logits`).

    Uses −log σ(z) = log(1 + e^(−z)) and −log(1 − σ(z)) = log(1 + e^z), written as
    max(z, 0) − y z + log(1 + e^(−abs(z))) so that no exp overflows and no log sees 0:
    exact where clipping ŷ at EPS would cap the loss at −log EPS ≈ 34.5.
    """
    z = as_float_array(z, "z", ndim=2)
    Y = as_float_array(Y, "Y")
    if Y.shape != z.shape:
        raise ValueError(f"Y has shape {Y.shape} but z has shape {z.shape}; they must match")
    _check_binary_targets(Y)
    m = z.shape[1]
    per_entry = np.maximum(z, 0.0) - Y * z + np.log1p(np.exp(-np.abs(z)))
    return float(np.sum(per_entry) / m)


def cross_entropy_from_logits(z, Y):
    """The cross-entropy cost J computed from the logits z, with ŷ = softmax(z) (eq. `eq-ce-logits`).

    log ŷ_j = z_j − log Σ_i e^(z_i), and the log-sum-exp is taken after subtracting the
    column maximum, so that no exp overflows and no log sees 0.  ``Y`` is integer labels
    (m,) or one-hot columns (k, m), as for :func:`cross_entropy_cost`.
    """
    z = as_float_array(z, "z", ndim=2)
    k, m = z.shape
    Y = as_one_hot(Y, k, m)
    top = np.max(z, axis=0, keepdims=True)
    log_y_hat = z - top - np.log(np.sum(np.exp(z - top), axis=0, keepdims=True))
    return float(-np.sum(Y * log_y_hat) / m)
