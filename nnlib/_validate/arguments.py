"""The checks of the arguments of networks, batches, gradient checking, training and
data (``nnlib._validate``): each run once per call, at the boundary."""
from __future__ import annotations

import math

import numpy as np

from .values import (
    _FLOAT64,
    _sum,
    all_finite,
    float_array,
    integer,
    number,
    one_hot_targets,
    positive_number,
    unit_interval,
)


def parameters(net, finite=True, W=None, b=None, names=("W", "b")):
    """Every W[l] (n_l, n_{l−1}) and b[l] (n_l, 1): type, shape, values.

    ``W``, ``b`` and ``names`` hold gradients to the same test (``dW``, ``db``).
    """
    W, b, sizes = net.W if W is None else W, net.b if b is None else b, net.sizes
    total = 0.0
    healthy = type(W) is list and type(b) is list and len(W) == len(b) == len(sizes)
    # the quick test: a few attribute reads
    for l in range(1, len(sizes) if healthy else 0):
        Wl, bl = W[l], b[l]
        healthy = (type(Wl) is np.ndarray and type(bl) is np.ndarray
                   and Wl.dtype is _FLOAT64 and bl.dtype is _FLOAT64
                   and Wl.shape == (sizes[l], sizes[l - 1])
                   and bl.shape == (sizes[l], 1))
        if not healthy:
            break
        total += _sum(Wl) + _sum(bl) if finite else 0.0
    if healthy and math.isfinite(total):
        return net
    N = len(sizes) - 1
    for name, params in zip(names, (W, b)):
        if not isinstance(params, (list, tuple)) or len(params) != N + 1:
            error = ValueError if isinstance(params, (list, tuple)) else TypeError
            got = len(params) if error is ValueError else type(params).__name__
            raise error(f"{name} must be a list of N + 1 = {N + 1} entries "
                        f"({name}[0] unused, {name}[1] … {name}[{N}]), got {got}")
    for l in range(1, N + 1):
        shapes, columns = ((sizes[l], sizes[l - 1]), (sizes[l], 1)), (f"n_{l - 1}", "1")
        for name, arr, shape, cols in zip(names, (W[l], b[l]), shapes, columns):
            arr = float_array(arr, f"layer {l}: {name}[{l}]", finite=False)
            if arr.shape != shape:
                flipped = arr.shape == shape[::-1] and cols != "1"
                hint = " (it is transposed)" if flipped else ""
                raise ValueError(f"layer {l}: {name}[{l}] has shape {arr.shape} but "
                                 f"must be (n_{l}, {cols}) = {shape}{hint}")
            float_array(arr, f"layer {l}: {name}[{l}]", finite=finite)
    return net


def network_input(net, X):
    """X of shape (n_0, m), m ≥ 1, finite; and the network's parameters (once per pass).
    """
    n_0 = net.sizes[0]
    if (type(X) is np.ndarray and X.dtype is _FLOAT64 and X.ndim == 2
            and X.shape[0] == n_0 and X.shape[1]):
        parameters(net)
        return X if all_finite(X) else float_array(X, "X (= a[0])")
    X = float_array(X, "X (= a[0])", allow_empty=True, finite=False)
    if X.ndim != 2:
        one = X.ndim == 1 and X.size == n_0
        hint = f"; for one example use X.reshape({X.size}, 1)" if one else ""
        raise ValueError(f"X (= a[0]) must have shape (n_0, m) = ({n_0}, m), got shape "
                         f"{X.shape}{hint}")
    if X.shape[0] != n_0:
        flipped = X.shape[1] == n_0
        hint = " (it is transposed: one example per column, please)" if flipped else ""
        raise ValueError(f"layer 1: W[1] has shape {(net.sizes[1], n_0)} but a[0] = X "
                         f"has {X.shape[0]} rows{hint}")
    if X.shape[1] == 0:
        raise ValueError(f"X is empty (shape {X.shape}): the batch has no examples (m "
                         "= 0)")
    parameters(net)
    return X if all_finite(X) else float_array(X, "X (= a[0])")


def targets(net, Y, m):
    """The targets of ``net``'s task for m examples, as an (n_N, m) float array (labels
    become one-hot)."""
    if net.task == "multiclass":
        return one_hot_targets(Y, net.sizes[-1], m)
    Y = float_array(Y, "Y")
    if Y.shape != (net.sizes[-1], m):
        raise ValueError(f"Y has shape {Y.shape} but the network's output y_hat has "
                         f"shape {(net.sizes[-1], m)}")
    return unit_interval(Y, "binary targets Y") if net.task == "binary" else Y


def batch(net, X, Y):
    """X and Y of one batch for ``net``, checked before anything changes (Y one-hot)."""
    X = network_input(net, X)
    return X, targets(net, Y, X.shape[1])


def backward_targets(net, Y):
    """Before ``net.backward(Y)``: a forward pass exists, W still fits it, Y fits its ŷ.
    """
    if net.a[net.N] is None:
        raise ValueError("call forward(X) before backward(Y): there is no forward pass "
                         "to differentiate")
    parameters(net, finite=False)
    return targets(net, Y, net.a[0].shape[1])


def layer(net, l):
    """A layer number 1 … N of ``net``."""
    if integer(l, "l (the layer)", minimum=1) > net.N:
        raise ValueError(f"l must be a layer 1 … {net.N}, got {l}")
    return l


def difference_arguments(f, x, eps):
    """Arguments of ``numerical_gradient``: f, a float64 array it may change, ε > 0."""
    if not callable(f):
        raise TypeError(f"f must be a function f(x) -> float, got {type(f).__name__}")
    if not isinstance(x, np.ndarray) or x.dtype != _FLOAT64:
        raise TypeError("x must be a float64 numpy array (changed in place while f is "
                        f"evaluated), got {type(x).__name__} of dtype "
                        f"{getattr(x, 'dtype', None)}")
    positive_number(eps, "eps")


def batches(X, Y, batch_size, rng):
    """Arguments of ``minibatches``: X, Y of m columns, B ≥ 1, a Generator or a seed."""
    if np.shape(X)[-1:] != np.shape(Y)[-1:]:
        raise ValueError(f"X has shape {np.shape(X)} and Y has {np.shape(Y)}: give "
                         "both the same m columns")
    if not isinstance(rng, np.random.Generator):
        integer(rng, "rng (a numpy Generator or an integer seed)")
    return np.asarray(X), np.asarray(Y), integer(batch_size, "batch_size", minimum=1)


def step(net, dW, db, learning_rate):
    """Arguments of one gradient-descent step; returns the learning rate α as a float.
    """
    parameters(net, finite=False, W=dW, b=db, names=("dW", "db"))
    return positive_number(learning_rate, "learning_rate",
                           "a positive number (the step size α)")


def fit(net, X, Y, learning_rate, epochs, batch_size, seed, callback):
    """Every argument of ``train``, checked before anything changes; returns X and Y
    (labels one-hot)."""
    positive_number(learning_rate, "learning_rate",
                    "a positive number (the step size α)")
    integer(epochs, "epochs", minimum=1)
    integer(seed, "seed")
    if callback is not None and not callable(callback):
        raise TypeError("callback must be a function callback(epoch, net, cost) or "
                        f"None, got {callback!r}")
    X, Y = batch(net, X, Y)
    if batch_size is not None and integer(batch_size, "batch_size", 1) > X.shape[1]:
        raise ValueError(f"batch_size must be at most m = {X.shape[1]} (the number of "
                         f"training examples), got {batch_size}")
    return X, Y


def toy_data(m, noise, seed):
    """Arguments of the 2-D toy data sets (m ≥ 2, noise ≥ 0): m and the generator."""
    number(noise, "noise",
           "a finite number >= 0 (the standard deviation added to each coordinate)",
           lambda v: v >= 0)
    return integer(m, "m", minimum=2), np.random.default_rng(integer(seed, "seed"))


def split(X, y, test_fraction, seed):
    """Arguments of ``train_test_split``: X, y and the size of the test set."""
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2:
        raise ValueError("X must have shape (n_0, m), one example per column, got "
                         f"shape {X.shape}")
    m = X.shape[1]
    if y.ndim not in (1, 2) or y.shape[-1] != m:
        flipped = y.ndim == 1 and X.shape[0] == y.shape[0]
        hint = " (X has one example per column: is X transposed?)" if flipped else ""
        raise ValueError(f"y must have shape ({m},) or (k, {m}) to match the m = {m} "
                         f"columns of X, got {y.shape}{hint}")
    fraction = number(test_fraction, "test_fraction",
                      "a number strictly between 0 and 1", lambda v: 0 < v < 1)
    n_test = round(fraction * m)
    integer(seed, "seed")
    if not 1 <= n_test <= m - 1:
        raise ValueError(f"test_fraction = {test_fraction} of m = {m} examples leaves "
                         "an empty training or test set")
    return X, y, n_test
