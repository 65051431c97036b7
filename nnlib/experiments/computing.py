"""The numbers behind the figures of the part *Computing* (chapter 3): the spread of the
activations through the layers."""

from __future__ import annotations

import numpy as np

from .. import (
    ACTIVATIONS,
    DERIVATIVES,
    SATURATION_THRESHOLD,
    Network,
)

# --------------------------------------------------------------------------- chapter 3
#: The fixed input batch of chapter 3's figures: n_0 = 20 features, m = 200 examples,
#: N(0, 1) entries.
FORWARD_DEMO_INPUT = dict(n_0=20, m=200, seed=0)


def forward_demo(hidden="tanh", depth=6, width=50, scale=1.0):
    """A forward pass of the fixed input batch through ``depth`` hidden layers of
    ``width`` units.

    The network is
    ``Network([20, width, …, width, 1], hidden, task="regression", seed=0)`` with
    nnlib's default initialisation, every W^[l] then multiplied by ``scale``.  Returns
    the network, whose ``z`` and ``a`` hold every layer.

    Parameters
    ----------
    hidden : str
        The hidden activation.
    depth, width : int
        The number of hidden layers and their units.
    scale : float
        The factor on every initial weight.

    Returns
    -------
    Network
        After its forward pass: ``z`` and ``a`` hold every layer.
    """
    spec = FORWARD_DEMO_INPUT
    X = np.random.default_rng(spec["seed"]).normal(size=(spec["n_0"], spec["m"]))
    net = Network(
        [spec["n_0"]] + [int(width)] * int(depth) + [1],
        hidden=hidden,
        task="regression",
        seed=0,
    )
    net.W = [None] + [w * scale for w in net.W[1:]]
    net.forward(X)
    return net


def flat_ends(name, far=1e3):
    """Where the element-wise activation ``name`` is flat: ``(low, high)``, its values
    at z → ∓∞.

    An end counts as flat when the slope g′ there is below the saturation threshold
    (``nnlib.SATURATION_THRESHOLD``); it is ``None`` where g keeps
    rising.  sigmoid gives (0, 1), tanh (−1, 1), ReLU (0, None), the identity (None,
    None).

    Parameters
    ----------
    name : str
        An element-wise activation, a key of ``DERIVATIVES``.
    far : float
        Where z → ∓∞ is taken.

    Returns
    -------
    tuple
        ``(low, high)``: floats, or None where g does not flatten.
    """
    ends = np.array([-far, far])
    g, slope = ACTIVATIONS[name](ends), DERIVATIVES[name](ends)
    return tuple(
        float(v) if s < SATURATION_THRESHOLD else None for v, s in zip(g, slope)
    )
