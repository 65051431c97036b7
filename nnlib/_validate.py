"""Every precondition of nnlib's public functions, as a named check: one place, one rule.

TypeError for a wrong type, ValueError for a wrong value or shape; a message names the
argument (and layer), what was expected and what was given.  Checks modify nothing.
"""
from __future__ import annotations

import math
import numbers

import numpy as np

_FLOAT64 = np.dtype(np.float64)


def integer(value, name, minimum=None):
    """``value`` as an int (not a bool), at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def number(value, name, what, ok):
    """``value`` as a float for which ``ok(value)`` holds; ``what`` says which numbers are allowed."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {what}, got {value!r} ({type(value).__name__})")
    if not (math.isfinite(value) and ok(value)):
        raise ValueError(f"{name} must be {what}, got {value!r}")
    return float(value)


def positive_number(value, name, what="a positive number"):
    return number(value, name, what, lambda v: v > 0)


def one_of(value, choices, what, listed=None):
    """``value`` if it is one of ``choices`` (the keys of a registry), else a clear error
    that lists them (or ``listed``)."""
    if isinstance(value, str) and value in choices:
        return value
    error = ValueError if isinstance(value, str) else TypeError
    names = ", ".join(choices if listed is None else listed)
    raise error(f"unknown {what} {value!r}; choose one of {names}")


class Registry(dict):
    """A dict of functions by name (activations, losses, tasks) where an unknown name is a clear error."""

    def __init__(self, what, entries):
        super().__init__(entries)
        self.what = what

    def __missing__(self, name):
        one_of(name, self, self.what)


def layer_sizes(sizes):
    """``[n_0, …, n_N]`` as a list of at least two positive ints."""
    if not isinstance(sizes, (list, tuple, np.ndarray)):
        raise TypeError(f"sizes must be a list of layer sizes [n_0, …, n_N], got {sizes!r}")
    if len(sizes) < 2:
        raise ValueError(f"sizes must list at least two layer sizes [n_0, …, n_N], got {list(sizes)!r}")
    return [integer(n, f"sizes[{i}] (a layer size)", minimum=1) for i, n in enumerate(sizes)]


def _sum(arr):
    """The sum of the entries: Python's own for a handful of them (no numpy call), numpy's otherwise."""
    return sum(arr.ravel().tolist()) if arr.size <= 64 else np.add.reduce(arr, axis=None)


def all_finite(arr):
    """True when every entry is finite: one sum decides, unless it is inf or NaN (or overflows)."""
    return math.isfinite(_sum(arr)) or bool(np.isfinite(arr).all())


def float_array(x, name, *, ndim=None, allow_empty=False, finite=True):
    """``x`` as a float64 ndarray (converted only when needed), of ``ndim`` dimensions, finite."""
    if type(x) is np.ndarray and x.dtype is _FLOAT64:
        arr = x  # the common case, accepted without a conversion
    elif isinstance(x, np.ndarray):
        if x.dtype == object or not (np.issubdtype(x.dtype, np.number) or x.dtype == bool):
            raise TypeError(f"{name} must hold numbers, but its dtype is {x.dtype}")
        if np.iscomplexobj(x):
            raise TypeError(f"{name} must be real, but its dtype is {x.dtype}")
        arr = x.astype(np.float64)
    elif isinstance(x, (numbers.Real, list, tuple)):
        try:
            arr = np.asarray(x, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name} must be an array of numbers, got {type(x).__name__} ({exc})") from None
    else:
        raise TypeError(f"{name} must be a numpy array of numbers, got {type(x).__name__}")
    dims = (ndim,) if isinstance(ndim, int) else ndim or (arr.ndim,)
    if arr.ndim not in dims:
        raise ValueError(f"{name} must have {' or '.join(map(str, dims))} dimensions, but has shape {arr.shape}")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty (shape {arr.shape})")
    if finite and not all_finite(arr):
        if arr.ndim == 0:
            raise ValueError(f"{name} is {arr.item()}; it must be a finite number")
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        raise ValueError(f"{name} contains {arr[where]} at index {where}; all entries must be finite")
    return arr


def same_shape(first, second, names=("y_hat", "Y"), ndim=2):
    """Two float arrays of one shape (the first ``ndim``-dimensional, when given)."""
    a = float_array(first, names[0], ndim=ndim, allow_empty=ndim is None)
    b = float_array(second, names[1], allow_empty=ndim is None)
    if a.shape != b.shape:
        raise ValueError(f"{names[1]} has shape {b.shape} but {names[0]} has shape {a.shape}; they must match")
    return a, b


def unit_interval(arr, what):
    """``arr`` (finite) if every entry lies in [0, 1]; else ValueError naming the first that does not."""
    values = arr.ravel().tolist() if arr.size <= 64 else None  # a short list is the fastest
    lo, hi = (min(values), max(values)) if values else (arr.min(), arr.max())
    if lo >= 0 and hi <= 1:
        return arr
    where = tuple(int(i) for i in np.argwhere((arr < 0) | (arr > 1))[0])
    raise ValueError(f"{what} must lie in [0, 1], but {what.split()[-1]}{list(where)} = {arr[where]}")


def binary_pair(y_hat, Y, names=("y_hat", "Y")):
    """ŷ (probabilities, or logits when named z) and binary targets in [0, 1], of one shape."""
    y_hat, Y = same_shape(y_hat, Y, names)
    if names[0] == "y_hat":
        unit_interval(y_hat, "probabilities y_hat")
    return y_hat, unit_interval(Y, "binary targets Y")


def one_hot_pair(y_hat, Y, name="y_hat"):
    """ŷ (k, m) (probabilities, or logits when named z), and labels (m,) or one-hot (k, m) as one-hot."""
    y_hat = float_array(y_hat, name, ndim=2)
    if name == "y_hat":
        unit_interval(y_hat, "probabilities y_hat")
    return y_hat, one_hot_targets(Y, *y_hat.shape)


def labels(values, k=None, name="labels", m=None):
    """Integer class labels of shape (m,), each in 0 … k−1 when k is given, as an int array."""
    arr = np.asarray(values)
    if arr.ndim != 1 or arr.size == 0 or (m is not None and arr.shape[0] != m):
        raise ValueError(f"{name} must have shape ({'m' if m is None else m},), one integer label per "
                         f"example, got shape {arr.shape}{' (empty)' if arr.size == 0 else ''}")
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must be integers, but their dtype is {arr.dtype}")
    if not np.issubdtype(arr.dtype, np.integer):
        whole = np.isfinite(arr) & (arr == np.round(np.nan_to_num(arr)))
        if not whole.all():
            i = int(np.argmin(whole))
            raise ValueError(f"{name} must be integers 0, 1, …, but {name}[{i}] = {arr[i]}")
        arr = arr.astype(np.int64)
    if k is not None and (arr.min() < 0 or arr.max() >= k):
        i = int(np.argmax((arr < 0) | (arr >= k)))
        raise ValueError(f"label out of range: {name}[{i}] = {arr[i]}, but there are k = {k} classes (0 … {k - 1})")
    return arr


def one_hot_targets(Y, k, m):
    """Integer labels (m,) or one-hot columns (k, m), as one-hot columns (k, m)."""
    if np.ndim(Y) == 1:
        onehot = np.zeros((k, m))
        onehot[labels(Y, k, m=m), np.arange(m)] = 1.0
        return onehot
    Y = float_array(Y, "Y", ndim=2)
    if Y.shape != (k, m):
        raise ValueError(f"Y has shape {Y.shape} but y_hat has shape {(k, m)}; give integer labels of shape "
                         f"({m},) or one-hot columns of shape {(k, m)}")
    sums = Y.sum(axis=0)
    if Y.min() < 0 or Y.max() > 1 or np.abs(sums - 1.0).max() > 1e-5:
        j = int(np.argmax(np.abs(sums - 1.0) + np.any((Y < 0) | (Y > 1), axis=0)))
        raise ValueError(f"one-hot Y must have entries in [0, 1] summing to 1 in every column, "
                         f"but column {j} is {Y[:, j]}")
    return Y


def parameters(net, finite=True, W=None, b=None, names=("W", "b")):
    """Every W[l] (n_l, n_{l−1}) and b[l] (n_l, 1): type, shape, values (a quick test first).

    ``W``, ``b`` and ``names`` hold gradients to the same test (``dW``, ``db``).
    """
    W, b, sizes = net.W if W is None else W, net.b if b is None else b, net.sizes
    healthy, total = type(W) is list and type(b) is list and len(W) == len(b) == len(sizes), 0.0
    for l in range(1, len(sizes) if healthy else 0):  # the quick test: a few attribute reads
        Wl, bl = W[l], b[l]
        healthy = (type(Wl) is np.ndarray and type(bl) is np.ndarray and Wl.dtype is _FLOAT64
                   and bl.dtype is _FLOAT64 and Wl.shape == (sizes[l], sizes[l - 1]) and bl.shape == (sizes[l], 1))
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
            raise error(f"{name} must be a list of N + 1 = {N + 1} entries ({name}[0] unused, "
                        f"{name}[1] … {name}[{N}]), got {got}")
    for l in range(1, N + 1):
        for name, arr, shape, cols in zip(names, (W[l], b[l]), ((sizes[l], sizes[l - 1]), (sizes[l], 1)),
                                          (f"n_{l - 1}", "1")):
            arr = float_array(arr, f"layer {l}: {name}[{l}]", finite=False)
            if arr.shape != shape:
                hint = " (it is transposed)" if arr.shape == shape[::-1] and cols != "1" else ""
                raise ValueError(f"layer {l}: {name}[{l}] has shape {arr.shape} but must be "
                                 f"(n_{l}, {cols}) = {shape}{hint}")
            float_array(arr, f"layer {l}: {name}[{l}]", finite=finite)
    return net


def network_input(net, X):
    """X of shape (n_0, m), m ≥ 1, finite; and the network's parameters (once per pass)."""
    n_0 = net.sizes[0]
    if type(X) is np.ndarray and X.dtype is _FLOAT64 and X.ndim == 2 and X.shape[0] == n_0 and X.shape[1]:
        parameters(net)
        return X if all_finite(X) else float_array(X, "X (= a[0])")
    X = float_array(X, "X (= a[0])", allow_empty=True, finite=False)
    if X.ndim != 2:
        hint = f"; for one example use X.reshape({X.size}, 1)" if X.ndim == 1 and X.size == n_0 else ""
        raise ValueError(f"X (= a[0]) must have shape (n_0, m) = ({n_0}, m), got shape {X.shape}{hint}")
    if X.shape[0] != n_0:
        hint = " (it is transposed: one example per column, please)" if X.shape[1] == n_0 else ""
        raise ValueError(f"layer 1: W[1] has shape {(net.sizes[1], n_0)} but a[0] = X has {X.shape[0]} rows{hint}")
    if X.shape[1] == 0:
        raise ValueError(f"X is empty (shape {X.shape}): the batch has no examples (m = 0)")
    parameters(net)
    return X if all_finite(X) else float_array(X, "X (= a[0])")


def targets(net, Y, m):
    """The targets of ``net``'s task for m examples, as an (n_N, m) float array (labels become one-hot)."""
    if net.task == "multiclass":
        return one_hot_targets(Y, net.sizes[-1], m)
    Y = float_array(Y, "Y")
    if Y.shape != (net.sizes[-1], m):
        raise ValueError(f"Y has shape {Y.shape} but the network's output y_hat has shape {(net.sizes[-1], m)}")
    return unit_interval(Y, "binary targets Y") if net.task == "binary" else Y


def batch(net, X, Y):
    """X and Y of one batch for ``net``, checked before anything changes (labels become one-hot)."""
    X = network_input(net, X)
    return X, targets(net, Y, X.shape[1])


def backward_targets(net, Y):
    """Before ``net.backward(Y)``: a forward pass exists, W still fits it, Y fits its ŷ."""
    if net.a[net.N] is None:
        raise ValueError("call forward(X) before backward(Y): there is no forward pass to differentiate")
    parameters(net, finite=False)
    return targets(net, Y, net.a[0].shape[1])


def layer(net, l):
    """A layer number 1 … N of ``net``."""
    if integer(l, "l (the layer)", minimum=1) > net.N:
        raise ValueError(f"l must be a layer 1 … {net.N}, got {l}")
    return l


def difference_arguments(f, x, eps):
    """Arguments of ``numerical_gradient``: a function, a float64 array it may change, a step ε > 0."""
    if not callable(f):
        raise TypeError(f"f must be a function f(x) -> float, got {type(f).__name__}")
    if not isinstance(x, np.ndarray) or x.dtype != _FLOAT64:
        raise TypeError(f"x must be a float64 numpy array (changed in place while f is evaluated), "
                        f"got {type(x).__name__} of dtype {getattr(x, 'dtype', None)}")
    positive_number(eps, "eps")


def batches(X, Y, batch_size, rng):
    """Arguments of ``minibatches``: X and Y with the same m columns, B ≥ 1, a Generator or a seed."""
    if np.shape(X)[-1:] != np.shape(Y)[-1:]:
        raise ValueError(f"X has shape {np.shape(X)} and Y has {np.shape(Y)}: give both the same m columns")
    if not isinstance(rng, np.random.Generator):
        integer(rng, "rng (a numpy Generator or an integer seed)")
    return np.asarray(X), np.asarray(Y), integer(batch_size, "batch_size", minimum=1)


def step(net, dW, db, learning_rate):
    """Arguments of one gradient-descent step; returns the learning rate α as a float."""
    parameters(net, finite=False, W=dW, b=db, names=("dW", "db"))
    return positive_number(learning_rate, "learning_rate", "a positive number (the step size α)")


def fit(net, X, Y, learning_rate, epochs, batch_size, seed, callback):
    """Every argument of ``train``, checked before anything changes; returns X and Y (labels one-hot)."""
    positive_number(learning_rate, "learning_rate", "a positive number (the step size α)")
    integer(epochs, "epochs", minimum=1)
    integer(seed, "seed")
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be a function callback(epoch, net, cost) or None, got {callback!r}")
    X, Y = batch(net, X, Y)
    if batch_size is not None and integer(batch_size, "batch_size", minimum=1) > X.shape[1]:
        raise ValueError(f"batch_size must be at most m = {X.shape[1]} (the number of training examples), "
                         f"got {batch_size}")
    return X, Y


def toy_data(m, noise, seed):
    """Arguments of the 2-D toy data sets (m ≥ 2 examples, noise ≥ 0): m and the generator."""
    number(noise, "noise", "a finite number >= 0 (the standard deviation added to each coordinate)",
           lambda v: v >= 0)
    return integer(m, "m", minimum=2), np.random.default_rng(integer(seed, "seed"))


def split(X, y, test_fraction, seed):
    """Arguments of ``train_test_split``: X, y and the size of the test set."""
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must have shape (n_0, m), one example per column, got shape {X.shape}")
    m = X.shape[1]
    if y.ndim not in (1, 2) or y.shape[-1] != m:
        hint = " (X has one example per column: is X transposed?)" if y.ndim == 1 and X.shape[0] == y.shape[0] else ""
        raise ValueError(f"y must have shape ({m},) or (k, {m}) to match the m = {m} columns of X, got {y.shape}{hint}")
    n_test = round(number(test_fraction, "test_fraction", "a number strictly between 0 and 1",
                          lambda v: 0 < v < 1) * m)
    integer(seed, "seed")
    if not 1 <= n_test <= m - 1:
        raise ValueError(f"test_fraction = {test_fraction} of m = {m} examples leaves an empty training or test set")
    return X, y, n_test
