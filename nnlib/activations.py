"""Activation functions g and their derivatives g' (chapter 2, chapter 4).

Every function takes ``z`` of shape ``(n, m)`` (one example per column, as in the
notes) or any other shape for the element-wise ones, and returns a new float64 array
of the same shape.  Nothing is modified in place.

Adding an activation is adding one function to ``ACTIVATIONS`` and its derivative to
``DERIVATIVES`` (the registry pattern of scikit-learn's ``neural_network._base``).
"""
from __future__ import annotations

import numpy as np

from ._validate import as_float_array


def identity(z):
    """Identity g(z) = z, the output of a regression network (eq. `eq-identity`)."""
    return as_float_array(z, "z").copy()


def identity_prime(z):
    """Derivative of the identity: g'(z) = 1 (eq. `eq-identity-prime`)."""
    return np.ones_like(as_float_array(z, "z"))


def sigmoid(z):
    """Logistic sigmoid σ(z) = 1 / (1 + e^(−z)) (eq. `eq-sigmoid`).

    Computed without overflow: for z < 0 it uses the equal form e^z / (1 + e^z), so
    e^(−z) is never evaluated for large negative z.
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))  # always in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """Derivative σ'(z) = σ(z)(1 − σ(z)) (eq. `eq-sigmoid-prime`)."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """Hyperbolic tangent g(z) = tanh z (eq. `eq-tanh`)."""
    return np.tanh(as_float_array(z, "z"))


def tanh_prime(z):
    """Derivative tanh'(z) = 1 − tanh²(z) (eq. `eq-tanh-prime`)."""
    t = np.tanh(as_float_array(z, "z"))
    return 1.0 - t * t


def relu(z):
    """Rectified linear unit g(z) = max(0, z) (eq. `eq-relu`)."""
    return np.maximum(as_float_array(z, "z"), 0.0)


def relu_prime(z):
    """Derivative of ReLU: 1 where z > 0, else 0 (eq. `eq-relu-prime`).

    At z = 0 the derivative does not exist; like every library we use 0 there.
    """
    return (as_float_array(z, "z") > 0).astype(np.float64)


def softmax(z):
    """Softmax over each column: ŷ_j = e^(z_j) / Σ_i e^(z_i) (eq. `eq-softmax`).

    Uses the stable form (eq. `eq-softmax-stable`): the column maximum is subtracted
    first, which changes nothing mathematically and keeps ``exp`` from overflowing.
    A 1-D ``z`` is treated as a single column.
    """
    z = as_float_array(z, "z")
    shifted = z - np.max(z, axis=0, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=0, keepdims=True)


def softmax_jacobian(z):
    """Jacobian of softmax for one column z of length k: diag(ŷ) − ŷŷᵀ (eq. `eq-softmax-jacobian`).

    Softmax is not element-wise: every output depends on every input, so its
    derivative is a k × k matrix, not a vector.  For ``z`` of shape (k, m) the result
    has shape (m, k, k), one Jacobian per example.
    """
    z = as_float_array(z, "z")
    if z.ndim not in (1, 2):
        raise ValueError(f"z must be one column of logits, shape (k,), or one column per example, shape (k, m); "
                         f"got shape {z.shape}")
    if z.ndim == 1:
        y = softmax(z)
        return np.diag(y) - np.outer(y, y)
    y = softmax(z)  # (k, m)
    k, m = y.shape
    eye = np.eye(k)[None, :, :]
    cols = y.T[:, :, None]  # (m, k, 1)
    return eye * cols - cols * y.T[:, None, :]


ACTIVATIONS = {
    "identity": identity,
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "softmax": softmax,
}

#: Element-wise derivatives g'(z); softmax has none, see :func:`softmax_jacobian`.
DERIVATIVES = {
    "identity": identity_prime,
    "sigmoid": sigmoid_prime,
    "tanh": tanh_prime,
    "relu": relu_prime,
}

#: Activations a hidden layer may use (element-wise ones).
HIDDEN_ACTIVATIONS = ("relu", "tanh", "sigmoid", "identity")


def get_activation(name, *, where="activation"):
    """Look up an activation by name; a clear ValueError for an unknown one."""
    if not isinstance(name, str) or name not in ACTIVATIONS:
        raise ValueError(
            f"{where}: unknown activation {name!r}; choose one of {', '.join(sorted(ACTIVATIONS))}"
        )
    return ACTIVATIONS[name]


# ---- chapter 3: where a layer saturates
#: A unit's slope g'(z) below this counts as saturated (chapter 2's shading, chapter 3's widget).
SATURATION_THRESHOLD = 0.05


def saturated_fraction(z, name, threshold=SATURATION_THRESHOLD):
    """The fraction of the entries of z^[l] where the slope g'(z) is below ``threshold`` (eq. `eq-saturated-fraction`).

    For sigmoid and tanh these are the entries near the flat ends (a near 0 or 1, or
    near ±1); for ReLU the entries with z ≤ 0, where a = 0 and g'(z) = 0 exactly; the
    identity never saturates.  Returns a float in [0, 1].
    """
    z = as_float_array(z, "z")
    if not isinstance(name, str) or name not in DERIVATIVES:
        raise ValueError(f"unknown activation {name!r} for saturation; choose one of {', '.join(DERIVATIVES)}")
    return float(np.mean(DERIVATIVES[name](z) < threshold))
