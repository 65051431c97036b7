"""The numbers behind the figures of the part *Learning* (chapters 8–10): δ^[N] three
ways, a backward pass, a weight's slope."""

from __future__ import annotations

import numpy as np

from .. import (
    ACTIVATIONS,
    LOSSES,
    TASKS,
    Network,
    cost_of_one_parameter,
    misprinted_weight_gradient,
    numerical_gradient,
    output_delta,
    output_delta_chain_rule,
)

# --------------------------------------------------------------------------- chapter 8
#: The output-activation + loss pairs of chapter 8: the three matched ones of the notes
#: and two mismatched.
OUTPUT_PAIRS = {
    "identity + squared error": ("identity", "squared_error"),
    "sigmoid + binary cross-entropy": ("sigmoid", "binary_cross_entropy"),
    "softmax + cross-entropy": ("softmax", "cross_entropy"),
    "sigmoid + squared error (mismatched)": ("sigmoid", "squared_error"),
    "softmax + squared error (mismatched)": ("softmax", "squared_error"),
}

#: The task whose output activation is each of the notes' three outputs.
_TASK_OF_OUTPUT = {output: task for task, (output, _) in TASKS.items()}


def output_delta_three_ways(pair, z, target):
    """δ^[N] of one example three ways: the shortcut ŷ − y, the chain rule, finite
    differences (chapter 8).

    ``z`` is a column of logits (k, 1), ``target`` the index of the unit whose y is 1
    (the others are 0).  Returns a dict with ``y_hat``, ``y``, ``shortcut``
    (``nnlib.output_delta``), ``chain`` (``nnlib.output_delta_chain_rule``) and
    ``numeric`` (``nnlib.numerical_gradient`` of the loss as a function of z).

    Parameters
    ----------
    pair : str
        A key of ``OUTPUT_PAIRS`` (output activation + loss).
    z : array_like
        Logits, a column (k, 1).
    target : int
        The unit whose y is 1.

    Returns
    -------
    dict
        ``y_hat``, ``y``, ``shortcut``, ``chain`` and ``numeric``, each (k, 1).
    """
    output, loss = OUTPUT_PAIRS[pair]
    z = np.asarray(z, dtype=np.float64).reshape(-1, 1)
    y = np.zeros_like(z)
    y[int(target)] = 1.0
    y_hat = ACTIVATIONS[output](z)

    def loss_of(zz):
        return LOSSES[loss](ACTIVATIONS[output](zz), y)

    return dict(
        y_hat=y_hat,
        y=y,
        shortcut=output_delta(y_hat, y, _TASK_OF_OUTPUT[output]),
        chain=output_delta_chain_rule(z, y, output, loss),
        numeric=numerical_gradient(loss_of, z.copy()),
    )


# --------------------------------------------------------------------------- chapter 9
def backward_example(sizes, hidden, seed):
    """A small binary network, one example x with target y = 1, after forward and
    backward.

    Parameters
    ----------
    sizes : sequence of int
        The layer sizes.
    hidden : str
        The hidden activation.
    seed : int
        The seed of the weights and of x.

    Returns
    -------
    Network
        After forward and backward: ``z``, ``a`` and ``delta`` hold every layer.
    """
    net = Network(list(sizes), hidden=hidden, task="binary", seed=int(seed))
    x = np.random.default_rng(int(seed) + 100).normal(0.0, 1.5, size=(sizes[0], 1))
    net.forward(x)
    net.backward(np.ones((sizes[-1], 1)))
    return net


# --------------------------------------------------------------------------- chapter 10
def weight_slope_example(sizes=(3, 4, 4, 2), seed=1, m=8):
    """Chapter 10's fixed example: a tanh multiclass network and m examples,
    ``(net, X, labels)``.

    Parameters
    ----------
    sizes : sequence of int
        The layer sizes.
    seed : int
        The seed of the weights and the data.
    m : int
        The number of examples.

    Returns
    -------
    net : Network
        The network.
    X : ndarray
        Shape (n_0, m).
    labels : ndarray of int
        Shape (m,).
    """
    net = Network(list(sizes), hidden="tanh", task="multiclass", seed=seed)
    rng = np.random.default_rng(7)
    X = rng.normal(size=(sizes[0], m))
    labels = rng.integers(0, sizes[-1], m)
    return net, X, labels


def weight_slope(net, X, labels, l, i, j, offsets):
    """The cost J along the weight W[l][i, j] and three slopes of it there (chapter 10).

    Returns a dict with ``w0`` (the weight), ``J0`` (the cost), ``ts = w0 + offsets``
    and ``Js`` (J with the weight set to each of them, by
    ``nnlib.cost_of_one_parameter``), ``right`` (backprop's slope from δ^[l] a^[l−1]ᵀ,
    eq. `eq-grad-W`), ``printed`` (the notes' whole matrix δ^[l] a^[l]ᵀ) and ``fd`` (the
    finite-difference slope).

    Parameters
    ----------
    net : Network
        The network (the weight is put back afterwards).
    X, labels : ndarray
        The examples and their classes.
    l, i, j : int
        The weight W[l][i, j].
    offsets : array_like
        Where J is evaluated, relative to the weight.

    Returns
    -------
    dict
        ``w0``, ``J0``, ``ts``, ``Js``, ``right``, ``printed`` and ``fd``.
    """
    f, w0, right = cost_of_one_parameter(net, X, labels, "W", l, (i, j))
    printed = misprinted_weight_gradient(
        net.delta[l], net.a[l]
    )  # before f runs other forward passes
    ts = w0 + np.asarray(offsets, dtype=np.float64)
    fd = float(numerical_gradient(lambda v: f(v[0]), np.array([w0]))[0])
    return dict(
        w0=w0,
        J0=f(w0),
        ts=ts,
        Js=np.array([f(t) for t in ts]),
        right=right,
        printed=printed,
        fd=fd,
    )
