"""Activations g and their derivatives g′ (chapter 2; softmax in chapters 4 and 8).

Each takes z of shape (n, m), one example per column, and returns a new float64 array.
They check the type of z, not its values (NaN in, NaN out): a network checks its input
once per pass.

An activation is one record, :class:`Activation`: the function, its derivative and the
gain its weights start with (chapter 3), kept by name in ``ACTIVATIONS``.  A record is
called like its function, ``ACTIVATIONS["tanh"](z)``; ``DERIVATIVES`` maps the name of
every element-wise activation to its g′.  Adding one is one call,
``register_activation(name, g, g_prime, gain=…)``: every list of activation names in
nnlib is read from the records.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from . import _validate


def identity(z):
    """Identity g(z) = z, the output of a regression network (eq. `eq-identity`).

    Parameters
    ----------
    z : array_like
        Pre-activations, shape (n, m).

    Returns
    -------
    ndarray
        g(z) = z, a new array, float64, of the shape of z.
    """
    return _validate.float_array(z, "z", finite=False).copy()


def identity_prime(z):
    """Derivative of the identity: g′(z) = 1 (eq. `eq-identity`).

    Parameters
    ----------
    z : array_like
        Pre-activations, shape (n, m).

    Returns
    -------
    ndarray
        Ones, float64, of the shape of z.
    """
    return np.ones_like(_validate.float_array(z, "z", finite=False))


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)) (eq. `eq-sigmoid`); for z < 0 as e^z / (1 + e^z).

    Parameters
    ----------
    z : array_like
        Pre-activations, shape (n, m).

    Returns
    -------
    ndarray
        σ(z), in (0, 1) (0 or 1 where it rounds), float64, of the shape of z.
    """
    z = _validate.float_array(z, "z", finite=False)
    e = np.exp(-np.abs(z))  # always in (0, 1]
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """Derivative σ′(z) = σ(z)(1 − σ(z)) (eq. `eq-sigmoid-prime`).

    Parameters
    ----------
    z : array_like
        Pre-activations, shape (n, m).

    Returns
    -------
    ndarray
        σ′(z), in (0, ¼], float64, of the shape of z.
    """
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """Hyperbolic tangent g(z) = tanh z (eq. `eq-tanh`).

    Parameters
    ----------
    z : array_like
        Pre-activations, shape (n, m).

    Returns
    -------
    ndarray
        tanh z, in (−1, 1), float64, of the shape of z.
    """
    return np.tanh(_validate.float_array(z, "z", finite=False))


def tanh_prime(z):
    """Derivative tanh′(z) = 1 − tanh²(z) (eq. `eq-tanh-prime`).

    Parameters
    ----------
    z : array_like
        Pre-activations, shape (n, m).

    Returns
    -------
    ndarray
        1 − tanh² z, in (0, 1], float64, of the shape of z.
    """
    t = tanh(z)
    return 1.0 - t * t


def relu(z):
    """Rectified linear unit g(z) = max(0, z) (eq. `eq-relu`).

    Parameters
    ----------
    z : array_like
        Pre-activations, shape (n, m).

    Returns
    -------
    ndarray
        max(0, z), float64, of the shape of z.
    """
    return np.maximum(_validate.float_array(z, "z", finite=False), 0.0)


def relu_prime(z):
    """Derivative of ReLU: 1 where z > 0, else 0 (eq. `eq-relu`); at z = 0 we use 0.

    Parameters
    ----------
    z : array_like
        Pre-activations, shape (n, m).

    Returns
    -------
    ndarray
        1.0 where z > 0, else 0.0, float64, of the shape of z.
    """
    return (_validate.float_array(z, "z", finite=False) > 0).astype(np.float64)


#: The slope of leaky ReLU left of 0 (the 0.01 of Maas et al.).
LEAKY_SLOPE = 0.01


def leaky_relu(z, c=LEAKY_SLOPE):
    """Leaky ReLU g(z) = max(cz, z), slope c < 1 left of 0 (eq. `eq-leaky-relu`).

    Parameters
    ----------
    z : array_like
        Pre-activations, shape (n, m).
    c : float
        The slope left of 0.

    Returns
    -------
    ndarray
        max(cz, z), float64, of the shape of z.
    """
    z = _validate.float_array(z, "z", finite=False)
    return np.where(z > 0, z, c * z)


def leaky_relu_prime(z, c=LEAKY_SLOPE):
    """Derivative of leaky ReLU: 1 where z > 0, else c (eq. `eq-leaky-relu`); at 0, c.

    Parameters
    ----------
    z : array_like
        Pre-activations, shape (n, m).
    c : float
        The slope left of 0.

    Returns
    -------
    ndarray
        1.0 where z > 0, else c, of the shape of z.
    """
    return np.where(_validate.float_array(z, "z", finite=False) > 0, 1.0, c)


def leaky_relu_gain(c=LEAKY_SLOPE):
    """The gain 2 / (1 + c²) of a leaky ReLU of slope c (from eq.
    `eq-forward-variance`).

    For z symmetric about 0, E[g(z)²] = ½(1 + c²) Var z: the gain makes up for it, as
    2 does for ReLU (c = 0).  Exercise 13.4 derives it.

    Parameters
    ----------
    c : float
        The slope left of 0 (0 is ReLU, 1 the identity).

    Returns
    -------
    float
        The gain of the weights' variance, gain / n_{l−1}.
    """
    return 2.0 / (1.0 + c**2)


def softmax(z):
    """Softmax of each column: ŷ_j = e^(z_j) / Σ_j′ e^(z_j′) (eq. `eq-softmax`).

    The column's maximum is subtracted first (eq. `eq-softmax-stable`): the same result,
    and exp never overflows.  A 1-D ``z`` is one column.

    Parameters
    ----------
    z : array_like
        Logits, shape (k, m) (or (k,), one column).

    Returns
    -------
    ndarray
        Probabilities of the shape of z; each column sums to 1.
    """
    z = _validate.float_array(z, "z", finite=False)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def softmax_jacobian(z):
    """The Jacobian of softmax, diag(ŷ) − ŷŷᵀ (eq. `eq-softmax-jacobian`).

    Softmax is not element-wise: every output depends on every input.  One column z of
    length k gives a (k, k) matrix; z of shape (k, m) gives (m, k, k), one per example.

    Parameters
    ----------
    z : array_like
        Logits, shape (k,) or (k, m).

    Returns
    -------
    ndarray
        Shape (k, k) for one column, (m, k, k) for m columns: ∂ŷ_i/∂z_j.
    """
    z = _validate.float_array(z, "z", ndim=(1, 2), finite=False)
    y = softmax(z).T  # (k,) or (m, k)
    return np.eye(y.shape[-1]) * y[..., None] - y[..., :, None] * y[..., None, :]


# -------------------------------------------------------------------------- the records
@dataclass(frozen=True)
class Activation:
    """One activation g: everything nnlib and the chapters read of it.

    Called like its function: ``ACTIVATIONS["relu"](z)`` is ``relu(z)``.

    Parameters
    ----------
    name : str
        The name a ``Network``, the figures and the checkers use.
    function : callable
        g(z) for z of shape (n, m).
    derivative : callable or None
        g′(z), entry by entry; None for softmax, which is not element-wise.
    gain : float
        The weights of a layer that feeds this g are drawn with variance
        gain / n_{l−1} (eq. `eq-forward-variance`): 1 keeps the spread of z (LeCun
        et al.); ReLU keeps half of it, so its gain is 2 (He et al.).
    jacobian : callable or None
        For an activation that is not element-wise: z of shape (k, m) to the (m, k, k)
        Jacobians ∂g/∂z of its columns.
    can_die : bool
        True when g′ = 0 for every z < 0 (ReLU): a unit whose z is negative for every
        input passes no gradient; figures count such *dead* units.
    """

    name: str
    function: object
    derivative: object = None
    gain: float = 1.0
    jacobian: object = None
    can_die: bool = False

    def __call__(self, z):
        return self.function(z)


#: The activations by name: each an :class:`Activation`, called like its function.
ACTIVATIONS = _validate.Registry("activation", {})


class _Derivatives(Mapping):
    """The derivatives g′ of the element-wise activations, by name: read from
    ``ACTIVATIONS``."""

    what = "element-wise activation"

    def __getitem__(self, name):
        record = ACTIVATIONS.get(name) if isinstance(name, str) else None
        if record is None or record.derivative is None:
            _validate.one_of(name, (), self.what, listed=list(self))  # raises
        return record.derivative

    def __contains__(self, name):
        record = ACTIVATIONS.get(name) if isinstance(name, str) else None
        return record is not None and record.derivative is not None

    def __iter__(self):
        return (name for name, rec in ACTIVATIONS.items() if rec.derivative is not None)

    def __len__(self):
        return sum(1 for _ in self)

    def __repr__(self):
        return repr(dict(self))


#: Element-wise derivatives g′(z): their names are the activations a hidden layer may
#: use. Softmax has none (it is not element-wise); see :func:`softmax_jacobian`.
DERIVATIVES = _Derivatives()


def register_activation(name, function, derivative, *, gain=1.0, can_die=False):
    """Add an element-wise activation under ``name``: one call, and nnlib knows it.

    A ``Network(…, hidden=name)`` then draws its weights with ``gain``, backpropagates
    with ``derivative``, and ``saturated_fraction`` and the figures read it.

    Parameters
    ----------
    name : str
        A name not taken yet.
    function, derivative : callable
        g(z) and g′(z), each from an array z of shape (n, m) to a new array of its
        shape.
    gain : float
        The initialisation gain (see :class:`Activation`).
    can_die : bool
        True when g′ = 0 for every z < 0.

    Returns
    -------
    Activation
        The record now in ``ACTIVATIONS[name]``.
    """
    if not isinstance(name, str) or not name:
        raise TypeError("an activation's name must be a non-empty string, got "
                        f"{name!r}")
    if name in ACTIVATIONS:
        raise ValueError(f"there is an activation {name!r} already; choose another "
                         "name")
    if not (callable(function) and callable(derivative)):
        raise TypeError("function and derivative must be functions of z")
    gain = _validate.positive_number(gain, "gain")
    record = Activation(name, function, derivative, gain, None, bool(can_die))
    ACTIVATIONS[name] = record
    return ACTIVATIONS[name]


register_activation("identity", identity, identity_prime)
register_activation("sigmoid", sigmoid, sigmoid_prime)
register_activation("tanh", tanh, tanh_prime)
register_activation("relu", relu, relu_prime, gain=2.0, can_die=True)
register_activation("leaky_relu", leaky_relu, leaky_relu_prime, gain=leaky_relu_gain())
ACTIVATIONS["softmax"] = Activation("softmax", softmax, jacobian=softmax_jacobian)
