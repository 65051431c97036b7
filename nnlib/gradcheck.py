"""Gradient checking by centred differences (chapter 11): ε near 1e-5 balances
truncation and round-off."""
from __future__ import annotations

import numpy as np

from . import _validate

#: Default step ε of the centred difference (not the clip of the losses:
#: ``nnlib.losses.CLIP``).
EPS = 1e-5


def numerical_gradient(f, x, eps=EPS):
    """Centred-difference estimate of ∇f at ``x`` (eq. `eq-centred-difference`).

    ``f`` maps an array of the shape of ``x`` to a float.  Each entry of ``x`` is moved
    by ±eps in turn and put back: on return ``x`` holds exactly its old values.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    x : ndarray of float64
        The point; changed while f is evaluated, restored before return.
    eps : float
        The step ε.

    Returns
    -------
    ndarray
        The estimate of ∇f(x), of the shape of x.
    """
    _validate.difference_arguments(f, x, eps)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        try:
            x[i] = old + eps
            f_plus = f(x)
            x[i] = old - eps
            f_minus = f(x)
        finally:
            x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a, b):
    """‖a − b‖ / (‖a‖ + ‖b‖), and 0 when both are zero (eq. `eq-relative-error`).

    Parameters
    ----------
    a, b : array_like
        Two arrays of one shape.

    Returns
    -------
    float
        ‖a − b‖ / (‖a‖ + ‖b‖), in [0, 1].
    """
    a, b = _validate.same_shape(a, b, names=("a", "b"), ndim=None)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


def check_network(net, X, Y, eps=EPS, backward=None):
    """The relative error of ``net.backward`` against centred differences, per array.

    Returns ``{"W[1]": error, …}``; ``backward(net, X, Y) -> (dW, db)``, if given, is
    checked in place of ``net.backward``.  The parameters end as they began.

    Parameters
    ----------
    net : Network
        The network; its parameters are moved and put back.
    X, Y : array_like
        A batch and its targets.
    eps : float
        The step ε of the centred differences.
    backward : callable, optional
        ``backward(net, X, Y) -> (dW, db)``, checked instead of ``net.backward``.

    Returns
    -------
    dict
        ``{"W[1]": error, "b[1]": error, …}``: each array's relative error.
    """
    def cost(_):  # J, with one array of parameters changed in place
        return net.cost(net.forward(X), Y)

    net.forward(X)
    dW, db = net.backward(Y) if backward is None else backward(net, X, Y)
    errors = {}
    for l in range(1, net.N + 1):
        for name, params, grads in (("W", net.W, dW), ("b", net.b, db)):
            numeric = numerical_gradient(cost, params[l], eps)
            errors[f"{name}[{l}]"] = relative_error(grads[l], numeric)
    net.forward(X)
    return errors


def difference_quotients(f, theta, eps):
    """The one-sided and the centred difference of f at θ: ``(one_sided, centred)``.

    Eqs. `eq-one-sided-difference`, `eq-centred-difference`: errors O(ε) and O(ε²),
    plus O(u/ε) from round-off (eq. `eq-gradcheck-total-error`).

    Parameters
    ----------
    f : callable
        A function of one number (or of an array, entry by entry).
    theta : float or ndarray
        The point θ.
    eps : float
        The step ε.

    Returns
    -------
    one_sided, centred : float or ndarray
        (f(θ + ε) − f(θ))/ε and (f(θ + ε) − f(θ − ε))/2ε.
    """
    eps = _validate.positive_number(eps, "eps")
    f_plus = f(theta + eps)
    return (f_plus - f(theta)) / eps, (f_plus - f(theta - eps)) / (2 * eps)


def cost_of_one_parameter(net, X, Y, name, l, index):
    """J as a function of one parameter θ = ``W[l][index]`` or ``b[l][index]``.

    Returns ``(f, θ, ∂J/∂θ)``.

    ``f(t)`` is J with θ set to t (put back afterwards); ∂J/∂θ is backpropagation's.

    Parameters
    ----------
    net : Network
        The network.
    X, Y : array_like
        A batch and its targets.
    name : str
        ``"W"`` or ``"b"``.
    l : int
        The layer, 1 … N.
    index : tuple of int
        The entry of ``W[l]`` or ``b[l]``.

    Returns
    -------
    f : callable
        J as a function of the parameter.
    theta : float
        Its current value.
    slope : float
        ∂J/∂θ by backpropagation.
    """
    name = _validate.one_of(name, ("W", "b"), "parameter name")
    params = {"W": net.W, "b": net.b}[name]
    l, index = _validate.layer(net, l), tuple(index)
    theta = float(params[l][index])

    def f(t):
        old = params[l][index]
        try:
            params[l][index] = t
            return net.cost(net.forward(X), Y)
        finally:
            params[l][index] = old

    net.forward(X)
    gradients = dict(zip("Wb", net.backward(Y)))
    return f, theta, float(gradients[name][l][index])
