"""The numbers behind the figures of the part *Checking* (chapter 11): finite
differences and their errors against ε."""

from __future__ import annotations

import functools

import numpy as np

from .. import (
    Network,
    cost_of_one_parameter,
    difference_quotients,
)

# --------------------------------------------------------------------------- chapter 11
#: Unit round-off of float64, u = 2⁻⁵³ ≈ 1.1e-16.
UNIT_ROUNDOFF = np.finfo(np.float64).eps / 2
EPSILON_KINDS = {
    "smooth": "tanh network (smooth)",
    "kinked": "ReLU network, kink 10⁻³ away",
}
#: How far W[1]₁₁ of the kinked example is from the ReLU kink.
KINK_DISTANCE = 1e-3


def epsilon_demo_network(kind="smooth"):
    """The fixed example of chapter 11's figures: ``(net, X, Y)``.

    A [3, 4, 3] softmax network (seed 0) on 5 fixed examples.  ``"smooth"`` uses tanh in
    the hidden layer; ``"kinked"`` uses ReLU, with b[1]₁ moved so that hidden unit 1 of
    example 1 sits exactly on its kink when W[1]₁₁ grows by 10⁻³.

    Parameters
    ----------
    kind : str
        A key of ``EPSILON_KINDS``: ``"smooth"`` or ``"kinked"``.

    Returns
    -------
    net : Network
        The network.
    X : ndarray
        Shape (3, 5).
    Y : ndarray of int
        Labels, shape (5,).
    """
    if kind not in EPSILON_KINDS:
        raise ValueError(f"kind must be one of {list(EPSILON_KINDS)}, got {kind!r}")
    net = Network(
        [3, 4, 3],
        hidden="tanh" if kind == "smooth" else "relu",
        task="multiclass",
        seed=0,
    )
    rng = np.random.default_rng(1)
    X = 2.0 * rng.normal(size=(3, 5))
    Y = rng.integers(0, 3, 5)
    if kind == "kinked":
        net.forward(X)
        net.b[1][0, 0] -= net.z[1][0, 0] + KINK_DISTANCE * X[0, 0]
    return net, X, Y


@functools.cache
def epsilon_curves(kind="smooth"):
    """Errors of the one-sided and centred differences of J(W[1]₁₁) for log10 ε = −12,
    −11.75, …, −1.

    Returns a dict with ``log_eps``, ``one_sided``, ``centred`` (the measured errors
    ``|D(ε) − ∂J/∂θ|``), the models ``model_one_sided`` = ``ε|f''|/2 + 2u|f|/ε`` and
    ``model_centred`` = ``ε²|f'''|/6 + u|f|/ε`` (eq. `eq-gradcheck-total-error`), and
    the function ``f``, ``theta`` and ``derivative``.  f'' and f''' are centred
    differences of backprop's derivative.

    Parameters
    ----------
    kind : str
        A key of ``EPSILON_KINDS``.

    Returns
    -------
    dict
        The arrays over ε and the function they were measured on (see above).
    """
    net, X, Y = epsilon_demo_network(kind)
    f, theta, derivative = cost_of_one_parameter(net, X, Y, "W", 1, (0, 0))

    def backprop_slope(t):
        net.W[1][0, 0] = t
        return cost_of_one_parameter(net, X, Y, "W", 1, (0, 0))[2]

    h = 1e-4
    slopes = [backprop_slope(t) for t in (theta - h, theta, theta + h)]
    net.W[1][0, 0] = theta
    f2 = (slopes[2] - slopes[0]) / (2 * h)
    f3 = (slopes[2] - 2 * slopes[1] + slopes[0]) / h**2
    log_eps = np.arange(-12.0, -1.0 + 1e-9, 0.25)
    eps = 10.0**log_eps
    quotients = np.array([difference_quotients(f, theta, e) for e in eps])
    fval = abs(f(theta))
    u = UNIT_ROUNDOFF
    return {
        "log_eps": log_eps,
        "eps": eps,
        "one_sided": np.abs(quotients[:, 0] - derivative),
        "centred": np.abs(quotients[:, 1] - derivative),
        "model_one_sided": eps * abs(f2) / 2 + 2 * u * fval / eps,
        "model_centred": eps**2 * abs(f3) / 6 + u * fval / eps,
        "f": f,
        "theta": theta,
        "derivative": derivative,
    }
