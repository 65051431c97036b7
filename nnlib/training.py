"""Mini-batches (chapter 12); gradient descent, training and its scores (chapter 13).

The only randomness is the order of the examples, drawn from ``np.random.default_rng``.
"""
from __future__ import annotations

import contextlib

import numpy as np

from . import _validate
from .backprop import backward_deltas, bias_gradient, output_delta, weight_gradient
from .forward import forward_layers, predict_labels


# --------------------------------------------------------------------------- chapter 12
def per_example_weight_gradients(delta, a_prev):
    """One gradient per example, δ^[l](i) a^[l−1](i)ᵀ, stacked (eq. `eq-batch-grad-W`).

    Shape (m, n_l, n_{l−1}); the mean over the first axis is
    :func:`nnlib.backprop.weight_gradient`.

    Parameters
    ----------
    delta : ndarray
        δ^[l], shape (n_l, m).
    a_prev : ndarray
        a^[l−1], shape (n_{l−1}, m).

    Returns
    -------
    ndarray
        Shape (m, n_l, n_{l−1}): one gradient per example.
    """
    return np.einsum("im,jm->mij", delta, a_prev)


def per_example_gradients(net, X, Y):
    """``net.backward``'s gradient, one example at a time: ``(cost, dW, db)``.

    The slow loop the vectorised batch replaces: checked once, then the same formulas.

    Parameters
    ----------
    net : Network
        The network.
    X, Y : array_like
        A batch and its targets.

    Returns
    -------
    cost : float
        J on the batch.
    dW, db : list of ndarray
        The gradients, as ``net.backward`` gives them.
    """
    X, Y = _validate.batch(net, X, Y)
    m, N = X.shape[1], net.N
    dW = [None] + [np.zeros_like(w) for w in net.W[1:]]
    db = [None] + [np.zeros_like(v) for v in net.b[1:]]
    y_hat = np.empty_like(Y)
    for i in range(m):
        x, y = X[:, i:i + 1], Y[:, i:i + 1]
        z, a = forward_layers(net.W, net.b, x, net.hidden, net.output)
        delta = backward_deltas(net.W, z, output_delta(a[N], y, net.task), net.hidden)
        for l in range(1, N + 1):
            dW[l] += weight_gradient(delta[l], a[l - 1]) / m
            db[l] += bias_gradient(delta[l]) / m
        y_hat[:, i:i + 1] = a[N]
    return net.cost(y_hat, Y), dW, db


def minibatch_columns(A, perm, k, batch_size):
    """Mini-batch k (from 0): the columns perm[k·B : (k+1)·B] of A.

    ``A`` holds one example per column (labels of shape (m,) work too); ``perm`` orders
    0 … m−1.  The last batch holds the m − k·B columns left (eq. `eq-minibatch-cost`).

    Parameters
    ----------
    A : ndarray
        One example per column, shape (…, m) (labels: (m,)).
    perm : ndarray of int
        An order of 0 … m − 1.
    k : int
        The batch, from 0.
    batch_size : int
        B.

    Returns
    -------
    ndarray
        The columns of batch k.
    """
    cols = perm[k * batch_size:(k + 1) * batch_size]
    return A[..., cols]


def minibatches(X, Y, batch_size, rng):
    """The mini-batches of one epoch: a list of ``(X_batch, Y_batch)`` pairs.

    The m columns, in an order drawn from ``rng`` (a Generator or a seed), are cut into
    ⌈m / B⌉ batches of B = ``batch_size``: each example is in exactly one batch.

    Parameters
    ----------
    X, Y : array_like
        Inputs and targets with the same m columns (labels: shape (m,)).
    batch_size : int
        B, at least 1.
    rng : numpy.random.Generator or int
        The generator of the order (or its seed).

    Returns
    -------
    list of tuple
        ⌈m / B⌉ pairs ``(X_batch, Y_batch)``.
    """
    X, Y, B = _validate.batches(X, Y, batch_size, rng)
    m = X.shape[-1]
    perm = np.random.default_rng(rng).permutation(m) if B < m else np.arange(m)
    n_batches = -(-m // B)  # ⌈m / B⌉
    return [(minibatch_columns(X, perm, k, B), minibatch_columns(Y, perm, k, B))
            for k in range(n_batches)]


# --------------------------------------------------------------------------- chapter 13
def descend(W, dW, learning_rate):
    """One parameter array one step down its gradient: W − α dW (`eq-gradient-descent`).

    Returns a new array (a bias column is updated alike); :func:`gradient_descent_step`
    takes this step for every array of a network.

    Parameters
    ----------
    W : ndarray
        A parameter array.
    dW : ndarray
        Its gradient, of its shape.
    learning_rate : float
        α.

    Returns
    -------
    ndarray
        W − α dW, a new array.
    """
    return W - learning_rate * dW


def gradient_descent_step(net, dW, db, learning_rate):
    """W[l] ← W[l] − α dW[l], b[l] ← b[l] − α db[l] for all l (`eq-gradient-descent`).

    ``dW``, ``db`` as ``net.backward`` returns them; each parameter becomes a new array.

    Parameters
    ----------
    net : Network
        The network; its W[l] and b[l] are replaced.
    dW, db : list of ndarray
        The gradients, indexed like ``net.W`` and ``net.b``.
    learning_rate : float
        α > 0.

    Returns
    -------
    Network
        ``net`` itself.
    """
    learning_rate = _validate.step(net, dW, db, learning_rate)
    for l in range(1, net.N + 1):
        net.W[l] = descend(net.W[l], dW[l], learning_rate)
        net.b[l] = descend(net.b[l], db[l], learning_rate)
    return net


def train(net, X, Y, *, learning_rate, epochs, batch_size=None, seed=0, callback=None):
    """Train ``net`` on the columns of X by mini-batch gradient descent: the costs.

    Each epoch runs forward pass, backward pass and step (eq. `eq-gradient-descent`) on
    each mini-batch of B = ``batch_size`` (``None``: all m).  ``costs[e]`` is J on all
    of X after e epochs; ``callback(epoch, net, cost)`` sees each, epoch 0 included.

    Parameters
    ----------
    net : Network
        The network, trained in place.
    X, Y : array_like
        The training examples (columns) and their targets.
    learning_rate : float
        α > 0.
    epochs : int
        Passes over the data, at least 1.
    batch_size : int, optional
        B (None: all m, full-batch gradient descent).
    seed : int
        The seed of the mini-batches' order.
    callback : callable, optional
        ``callback(epoch, net, cost)``, after each epoch and before the first.

    Returns
    -------
    ndarray
        Shape (epochs + 1,): J on all of X before training and after each epoch.
    """
    X, Y = _validate.fit(net, X, Y, learning_rate, epochs, batch_size, seed, callback)
    rng = np.random.default_rng(seed)
    costs = np.empty(epochs + 1)
    with _stop_on_divergence(learning_rate):
        costs[0] = net.cost(net.forward(X), Y)
        if callback is not None:
            callback(0, net, costs[0])
        for epoch in range(1, epochs + 1):
            for X_batch, Y_batch in minibatches(X, Y, batch_size or X.shape[1], rng):
                net.forward(X_batch)                               # 1. forward pass
                dW, db = net.backward(Y_batch)                     # 2. backward pass
                gradient_descent_step(net, dW, db, learning_rate)  # 3. W ← W − α dW
            costs[epoch] = net.cost(net.forward(X), Y)             # J on all of X
            if callback is not None:
                callback(epoch, net, costs[epoch])
    return costs


@contextlib.contextmanager
def _stop_on_divergence(learning_rate):
    """Make numpy raise on overflow, and say what to do about it."""
    try:
        with np.errstate(over="raise", invalid="raise"):
            yield
    except FloatingPointError as exc:
        message = (f"training diverged ({exc}): the steps are too large; "
                   f"try a smaller learning_rate than {learning_rate:g}")
        raise FloatingPointError(message) from None


def accuracy_from_predictions(y_hat, labels):
    """The fraction of the columns of y_hat (k, m) whose top class is the true one.

    Parameters
    ----------
    y_hat : array_like
        Probabilities, shape (k, m).
    labels : array_like of int
        The true classes, shape (m,).

    Returns
    -------
    float
        In [0, 1].
    """
    y_hat = _validate.float_array(y_hat, "y_hat", ndim=2)
    labels = _validate.labels(labels, m=y_hat.shape[1])
    return float(np.mean(predict_labels(y_hat, "multiclass") == labels))


def accuracy(net, X, labels):
    """The fraction of X's columns that ``net`` classifies correctly (any task).

    Parameters
    ----------
    net : Network
        A binary or multiclass network.
    X : array_like
        The inputs, shape (n_0, m).
    labels : array_like of int
        The true classes, shape (m,).

    Returns
    -------
    float
        In [0, 1].
    """
    predicted = np.ravel(net.predict(X))
    return float(np.mean(predicted == _validate.labels(labels, m=predicted.size)))


def confusion_matrix(predicted, labels, k):
    """The k × k table C: C[i, j] counts the examples of class i predicted as class j.

    Parameters
    ----------
    predicted, labels : array_like of int
        Predicted and true classes, shape (m,).
    k : int
        The number of classes.

    Returns
    -------
    ndarray of int
        Shape (k, k).
    """
    k = _validate.integer(k, "k", minimum=1)
    labels = _validate.labels(labels, k)
    C = np.zeros((k, k), dtype=np.int64)
    predicted = _validate.labels(predicted, k, name="predicted", m=labels.size)
    np.add.at(C, (labels, predicted), 1)
    return C
