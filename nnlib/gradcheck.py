"""Gradient checking by centred differences (chapter 11).

The centred difference (f(θ + ε) − f(θ − ε)) / 2ε has error O(ε²) from truncation and
O(u/ε) from round-off (u ≈ 1.1e-16 for float64); ε around 1e-5 to 1e-6 balances them.
The agreement of two gradients is judged by their relative error (eq. `eq-relative-error`):
below 1e-7 is a correct gradient in float64, above 1e-4 is almost surely a bug.
"""
from __future__ import annotations

import numpy as np

from ._validate import as_float_array

#: Default step of the centred difference.
EPS = 1e-5


def numerical_gradient(f, x, eps=EPS):
    """Centred-difference estimate of ∇f at ``x`` (eq. `eq-centred-difference`).

    ``f`` maps an array of the shape of ``x`` to a float.  Each entry of ``x`` is moved
    by ±eps in turn and restored afterwards: on return ``x`` holds exactly its old
    values.  Returns an array of the shape of ``x``.
    """
    if not (isinstance(eps, (float, int)) and eps > 0):
        raise ValueError(f"eps must be a positive number, got {eps!r}")
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError("x must be a float64 numpy array, changed in place while f is evaluated")
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        try:
            x[i] = old + eps
            f_plus = f(x)
            x[i] = old - eps
            f_minus = f(x)
        finally:
            x[i] = old
        grad[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def relative_error(a, b):
    """‖a − b‖ / (‖a‖ + ‖b‖), and 0 when both are zero (eq. `eq-relative-error`)."""
    a = as_float_array(a, "a", allow_empty=True)
    b = as_float_array(b, "b", allow_empty=True)
    if a.shape != b.shape:
        raise ValueError(f"a has shape {a.shape} but b has shape {b.shape}")
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def check_network(net, X, Y, eps=EPS):
    """Compare ``net.backward`` with centred differences of ``net.cost`` for every parameter.

    Returns a dict ``{"W[1]": rel_err, "b[1]": rel_err, …}``.  The network's parameters
    are the same before and after.
    """
    net.forward(X)
    dW, db = net.backward(Y)
    errors = {}
    for l in range(1, net.N + 1):
        for name, param, grad in (("W", net.W, dW), ("b", net.b, db)):
            p = param[l]

            def cost(_):
                return net.cost(net.forward(X), Y)

            numeric = numerical_gradient(cost, p, eps)
            errors[f"{name}[{l}]"] = relative_error(grad[l], numeric)
    net.forward(X)
    return errors


# ---- chapter 11: the error of a difference quotient as a function of ε
def difference_quotients(f, theta, eps):
    """The one-sided and the centred difference of a function of one number.

    Returns ``(one_sided, centred)``: (f(θ + ε) − f(θ)) / ε (eq. `eq-one-sided-difference`)
    and (f(θ + ε) − f(θ − ε)) / 2ε (eq. `eq-centred-difference`).  Their errors are
    O(ε) and O(ε²) from truncation, plus O(u/ε) from round-off (eq. `eq-gradcheck-total-error`).
    """
    if not (isinstance(eps, (float, int, np.floating)) and eps > 0):
        raise ValueError(f"eps must be a positive number, got {eps!r}")
    f_plus = f(theta + eps)
    return (f_plus - f(theta)) / eps, (f_plus - f(theta - eps)) / (2.0 * eps)


def cost_of_one_parameter(net, X, Y, name, l, index):
    """The cost as a function of one parameter, ``W[l][index]`` or ``b[l][index]``, all others fixed.

    Returns ``(f, theta, derivative)``: ``f(t)`` is the cost J with that parameter set to
    ``t`` (the parameter is put back afterwards), ``theta`` its current value and
    ``derivative`` backpropagation's ∂J/∂θ there, the value a difference quotient
    should approach.
    """
    if name not in ("W", "b"):
        raise ValueError(f"name must be 'W' or 'b', got {name!r}")
    if not (isinstance(l, (int, np.integer)) and 1 <= l <= net.N):
        raise ValueError(f"l must be a layer 1 … {net.N}, got {l!r}")
    params = net.W if name == "W" else net.b
    index = tuple(index)
    theta = float(params[l][index])

    def f(t):
        old = params[l][index]
        try:
            params[l][index] = t
            return net.cost(net.forward(X), Y)
        finally:
            params[l][index] = old

    net.forward(X)
    dW, db = net.backward(Y)
    derivative = float((dW if name == "W" else db)[l][index])
    return f, theta, derivative
