"""Training: gradient descent, the training loop with mini-batches, and how to score the result (chapter 13).

One step of gradient descent moves every parameter against its gradient,
W^[l] ← W^[l] − α ∇_{W^[l]} J and b^[l] ← b^[l] − α ∇_{b^[l]} J (eq. `eq-gradient-descent`);
:func:`train` repeats forward pass, backward pass and step over the mini-batches of
the training set, epoch after epoch.  Everything is deterministic: the only randomness
is the order of the examples, drawn from ``np.random.default_rng(seed)``.
"""
from __future__ import annotations

import numbers

import numpy as np

from ._validate import as_float_array


# --------------------------------------------------------------------------- argument checks
def _check_learning_rate(learning_rate):
    if (isinstance(learning_rate, bool) or not isinstance(learning_rate, numbers.Real)
            or not np.isfinite(learning_rate) or learning_rate <= 0):
        raise ValueError(f"learning_rate must be a positive number (the step size α), got {learning_rate!r}")
    return float(learning_rate)


def _check_positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def _labels(labels, m, name="labels"):
    arr = np.asarray(labels)
    if arr.ndim != 1 or arr.shape[0] != m:
        raise ValueError(f"{name} must have shape ({m},), one integer label per example, got shape {arr.shape}")
    if not np.issubdtype(arr.dtype, np.integer):
        if not (np.issubdtype(arr.dtype, np.floating) and np.all(arr == np.round(arr))):
            raise ValueError(f"{name} must hold integer class labels, got dtype {arr.dtype}")
        arr = arr.astype(np.int64)
    return arr


# --------------------------------------------------------------------------- the update
def gradient_descent_update(W, dW, learning_rate):
    """One parameter array after one step of gradient descent: W − α dW (eq. `eq-gradient-descent`).

    Returns a new array; ``W`` itself is not changed.  The same line updates a bias
    column: ``gradient_descent_update(b, db, α)``.
    """
    return W - learning_rate * dW


def gradient_descent_step(net, dW, db, learning_rate):
    """Apply eq. `eq-gradient-descent` to every layer of ``net``: W[l] ← W[l] − α dW[l], b[l] ← b[l] − α db[l].

    ``dW`` and ``db`` are lists indexed like ``net.W`` and ``net.b`` (index 0 unused), as
    ``net.backward`` returns them.  Each ``net.W[l]`` and ``net.b[l]`` is replaced by a new
    array, so arrays saved before the step keep their values.  Returns ``net``.
    """
    learning_rate = _check_learning_rate(learning_rate)
    N = net.N
    for name, params, grads in (("W", net.W, dW), ("b", net.b, db)):
        if not isinstance(grads, (list, tuple)) or len(grads) != N + 1:
            got = len(grads) if isinstance(grads, (list, tuple)) else type(grads).__name__
            raise ValueError(f"d{name} must be a list of N + 1 = {N + 1} entries (d{name}[0] unused), like net.{name}; got {got}")
        for l in range(1, N + 1):
            g = grads[l] if isinstance(grads[l], np.ndarray) else as_float_array(grads[l], f"layer {l}: d{name}[{l}]")
            if g.shape != np.shape(params[l]):
                raise ValueError(f"layer {l}: d{name}[{l}] has shape {g.shape} but {name}[{l}] has shape {np.shape(params[l])}")
    for l in range(1, N + 1):
        net.W[l] = gradient_descent_update(net.W[l], dW[l], learning_rate)
        net.b[l] = gradient_descent_update(net.b[l], db[l], learning_rate)
    return net


# --------------------------------------------------------------------------- the loop
def train(net, X, Y, *, learning_rate, epochs, batch_size=None, seed=0, callback=None):
    """Train ``net`` on the columns of ``X`` by mini-batch gradient descent; returns the costs.

    Each epoch shuffles the m examples (with ``np.random.default_rng(seed)``), cuts them
    into mini-batches of ``batch_size`` columns (the last one may be smaller) and, for
    each batch, runs the forward pass, the backward pass and one step of eq.
    `eq-gradient-descent`.  ``batch_size=None`` uses all m examples in every step
    (full-batch gradient descent, one step per epoch); ``batch_size=1`` is
    stochastic gradient descent in its original form.

    The result is an array ``costs`` of shape (epochs + 1,): ``costs[e]`` is the cost J
    on the whole training set after e epochs, and ``costs[0]`` the cost before training.

    Parameters
    ----------
    net : Network
        Trained in place.
    X
        The training inputs, an array of shape (n_0, m): one example per column.
    Y
        The targets in the form ``net.cost`` takes: labels (m,) or one-hot (k, m) for
        ``multiclass``, an (n_N, m) array otherwise.
    learning_rate : float
        The step size α > 0.
    epochs : int
        How many passes over the training set (at least 1).
    batch_size : int or None
        Examples per step, 1 … m; ``None`` for all of them.
    seed : int
        Seed of the shuffling.  The same seed and the same network give the same run.
    callback
        A function or ``None``.  It is called as ``callback(epoch, net, cost)`` before
        training (epoch 0) and after every epoch, with the cost on the whole training set.

    Raises
    ------
    ValueError
        For a bad argument (the message names it).
    FloatingPointError
        When the parameters overflow: the steps are too large and training diverged.
    """
    learning_rate = _check_learning_rate(learning_rate)
    epochs = _check_positive_int(epochs, "epochs")
    X = net._checked_input(X)
    m = X.shape[1]
    Y = net._checked_targets(Y, m)  # (n_N, m): integer labels become one-hot columns
    if batch_size is None:
        batch_size = m
    batch_size = _check_positive_int(batch_size, "batch_size")
    if batch_size > m:
        raise ValueError(f"batch_size must be at most m = {m} (the number of training examples), got {batch_size}")
    if isinstance(seed, bool) or not isinstance(seed, (numbers.Integral, np.integer)):
        raise ValueError(f"seed must be an integer, got {seed!r}")
    if callback is not None and not callable(callback):
        raise ValueError(f"callback must be a function callback(epoch, net, cost) or None, got {type(callback).__name__}")
    rng = np.random.default_rng(seed)
    costs = np.empty(epochs + 1)
    epoch = 0
    try:
        with np.errstate(over="raise", invalid="raise"):
            costs[0] = net.cost(net.forward(X), Y)
            if callback is not None:
                callback(0, net, costs[0])
            for epoch in range(1, epochs + 1):
                order = rng.permutation(m) if batch_size < m else np.arange(m)
                for start in range(0, m, batch_size):
                    cols = order[start:start + batch_size]
                    net.forward(X[:, cols])                             # 1. forward: a[1], …, a[N]
                    dW, db = net.backward(Y[:, cols])                   # 3. backward: δ[N], …, δ[1], dW, db
                    gradient_descent_step(net, dW, db, learning_rate)   # 4. update: W ← W − α dW, b ← b − α db
                costs[epoch] = net.cost(net.forward(X), Y)              # 2. cost: J on all of X, once per epoch
                if callback is not None:
                    callback(epoch, net, costs[epoch])
    except FloatingPointError as exc:
        raise FloatingPointError(
            f"training diverged in epoch {epoch} ({exc}): the steps are too large; try a smaller learning_rate "
            f"than {learning_rate:g}"
        ) from None
    return costs


# --------------------------------------------------------------------------- scoring
def accuracy_from_predictions(y_hat, labels):
    """The fraction of examples whose most probable class is the true one: (1/m) Σ [argmax_j ŷ_j = y].

    ``y_hat`` is (k, m), one column of class probabilities per example; ``labels`` is (m,).
    Returns a float in [0, 1].
    """
    y_hat = as_float_array(y_hat, "y_hat", ndim=2)
    labels = _labels(labels, y_hat.shape[1])
    return float(np.mean(np.argmax(y_hat, axis=0) == labels))


def accuracy(net, X, labels):
    """The fraction of the columns of ``X`` that ``net`` classifies correctly (binary or multiclass)."""
    predicted = np.ravel(net.predict(X))
    labels = _labels(labels, predicted.shape[0])
    return float(np.mean(predicted == labels))


def confusion_matrix(predicted, labels, k):
    """The k × k table C with C[i, j] = the number of examples of true class i predicted as class j.

    ``predicted`` and ``labels`` are integer arrays of shape (m,) with values 0 … k−1.
    The diagonal counts the correct answers; row i sums to the number of examples of
    class i.
    """
    k = _check_positive_int(k, "k")
    if np.ndim(labels) != 1:
        raise ValueError(f"labels must have shape (m,), one integer label per example, got shape {np.shape(labels)}")
    labels = _labels(labels, np.shape(labels)[0])
    predicted = _labels(predicted, labels.shape[0], "predicted")
    for name, arr in (("labels", labels), ("predicted", predicted)):
        if arr.size and (arr.min() < 0 or arr.max() >= k):
            raise ValueError(f"{name} must lie in 0 … k−1 = {k - 1}, got values from {arr.min()} to {arr.max()}")
    C = np.zeros((k, k), dtype=np.int64)
    np.add.at(C, (labels, predicted), 1)
    return C
