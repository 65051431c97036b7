"""Activation functions g and their derivatives g′ (chapter 2; softmax in chapters 4 and 8).

Each takes z of shape (n, m), one example per column, and returns a new float64 array.
They check the type of z, not its values (NaN in, NaN out): a network checks its input
once per pass.  Adding an activation is adding it to ``ACTIVATIONS`` and its derivative
to ``DERIVATIVES``; every list of activation names in nnlib is read from these two.
"""
from __future__ import annotations

import numpy as np

from . import _validate


def identity(z):
    """Identity g(z) = z, the output of a regression network (eq. `eq-identity`)."""
    return _validate.float_array(z, "z", finite=False).copy()


def identity_prime(z):
    """Derivative of the identity: g′(z) = 1 (eq. `eq-identity`)."""
    return np.ones_like(_validate.float_array(z, "z", finite=False))


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)) (eq. `eq-sigmoid`); for z < 0 as e^z / (1 + e^z)."""
    z = _validate.float_array(z, "z", finite=False)
    e = np.exp(-np.abs(z))  # always in (0, 1]
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """Derivative σ′(z) = σ(z)(1 − σ(z)) (eq. `eq-sigmoid-prime`)."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """Hyperbolic tangent g(z) = tanh z (eq. `eq-tanh`)."""
    return np.tanh(_validate.float_array(z, "z", finite=False))


def tanh_prime(z):
    """Derivative tanh′(z) = 1 − tanh²(z) (eq. `eq-tanh-prime`)."""
    t = tanh(z)
    return 1.0 - t * t


def relu(z):
    """Rectified linear unit g(z) = max(0, z) (eq. `eq-relu`)."""
    return np.maximum(_validate.float_array(z, "z", finite=False), 0.0)


def relu_prime(z):
    """Derivative of ReLU: 1 where z > 0, else 0 (eq. `eq-relu`); at z = 0 we use 0."""
    return (_validate.float_array(z, "z", finite=False) > 0).astype(np.float64)


def softmax(z):
    """Softmax of each column: ŷ_j = e^(z_j) / Σ_j′ e^(z_j′) (eq. `eq-softmax`).

    The column's maximum is subtracted first (eq. `eq-softmax-stable`): the same result,
    and exp never overflows.  A 1-D ``z`` is one column.
    """
    z = _validate.float_array(z, "z", finite=False)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def softmax_jacobian(z):
    """The Jacobian of softmax, diag(ŷ) − ŷŷᵀ (eq. `eq-softmax-jacobian`).

    Softmax is not element-wise: every output depends on every input.  One column z of
    length k gives a (k, k) matrix; z of shape (k, m) gives (m, k, k), one per example.
    """
    z = _validate.float_array(z, "z", ndim=(1, 2), finite=False)
    y = softmax(z).T  # (k,) or (m, k)
    return np.eye(y.shape[-1]) * y[..., None] - y[..., :, None] * y[..., None, :]


#: The activations by name.
ACTIVATIONS = _validate.Registry("activation", {
    "identity": identity, "sigmoid": sigmoid, "tanh": tanh, "relu": relu, "softmax": softmax,
})

#: Element-wise derivatives g′(z): their names are the activations a hidden layer may use.
#: Softmax has none (it is not element-wise); see :func:`softmax_jacobian`.
DERIVATIVES = _validate.Registry("element-wise activation", {
    "identity": identity_prime, "sigmoid": sigmoid_prime, "tanh": tanh_prime, "relu": relu_prime,
})

#: A unit whose slope g′(z) is below this counts as saturated (chapters 2 and 3).
SATURATION_THRESHOLD = 0.05


def saturated_fraction(z, name, threshold=SATURATION_THRESHOLD):
    """The fraction of entries of z with g′(z) < threshold (`eq-saturated-fraction`).

    For sigmoid and tanh, the entries near their flat ends; for ReLU, those with z ≤ 0,
    where g′(z) = 0 exactly; the identity never saturates.  A float in [0, 1].
    """
    return float(np.mean(DERIVATIVES[name](z) < threshold))
