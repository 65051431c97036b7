"""The checks of values: numbers, names, arrays, shapes, labels (``nnlib._validate``).
"""
from __future__ import annotations

import math
import numbers

import numpy as np

_FLOAT64 = np.dtype(np.float64)


def integer(value, name, minimum=None):
    """``value`` as an int (not a bool), at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} "
                        f"({type(value).__name__})")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def number(value, name, what, ok):
    """``value`` as a float for which ``ok(value)`` holds: ``what`` in words."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {what}, got {value!r} "
                        f"({type(value).__name__})")
    if not (math.isfinite(value) and ok(value)):
        raise ValueError(f"{name} must be {what}, got {value!r}")
    return float(value)


def positive_number(value, name, what="a positive number"):
    return number(value, name, what, lambda v: v > 0)


def one_of(value, choices, what, listed=None):
    """``value`` if it is one of ``choices`` (the keys of a registry), else a clear
    error that lists them (or ``listed``)."""
    if isinstance(value, str) and value in choices:
        return value
    error = ValueError if isinstance(value, str) else TypeError
    names = ", ".join(choices if listed is None else listed)
    raise error(f"unknown {what} {value!r}; choose one of {names}")


class Registry(dict):
    """Functions by name (activations, losses, tasks); an unknown name is an error."""

    def __init__(self, what, entries):
        super().__init__(entries)
        self.what = what

    def __missing__(self, name):
        one_of(name, self, self.what)


def layer_sizes(sizes):
    """``[n_0, …, n_N]`` as a list of at least two positive ints."""
    if not isinstance(sizes, (list, tuple, np.ndarray)):
        raise TypeError("sizes must be a list of layer sizes [n_0, …, n_N], got "
                        f"{sizes!r}")
    if len(sizes) < 2:
        raise ValueError("sizes must list at least two layer sizes [n_0, …, n_N], got "
                         f"{list(sizes)!r}")
    return [integer(n, f"sizes[{i}] (a layer size)", minimum=1)
            for i, n in enumerate(sizes)]


def _sum(arr):
    """The sum of the entries: Python's own for a handful of them (no numpy call),
    numpy's otherwise."""
    if arr.size <= 64:
        return sum(arr.ravel().tolist())
    return np.add.reduce(arr, axis=None)


def all_finite(arr):
    """True when every entry is finite: one sum decides, unless it is inf or NaN."""
    return math.isfinite(_sum(arr)) or bool(np.isfinite(arr).all())


def float_array(x, name, *, ndim=None, allow_empty=False, finite=True):
    """``x`` as a finite float64 array of ``ndim`` dimensions (converted if need be)."""
    if type(x) is np.ndarray and x.dtype is _FLOAT64:
        arr = x  # the common case, accepted without a conversion
    elif isinstance(x, np.ndarray):
        numeric = np.issubdtype(x.dtype, np.number) or x.dtype == bool
        if x.dtype == object or not numeric:
            raise TypeError(f"{name} must hold numbers, but its dtype is {x.dtype}")
        if np.iscomplexobj(x):
            raise TypeError(f"{name} must be real, but its dtype is {x.dtype}")
        arr = x.astype(np.float64)
    elif isinstance(x, (numbers.Real, list, tuple)):
        try:
            arr = np.asarray(x, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name} must be an array of numbers, got "
                            f"{type(x).__name__} ({exc})") from None
    else:
        raise TypeError(f"{name} must be a numpy array of numbers, got "
                        f"{type(x).__name__}")
    dims = (ndim,) if isinstance(ndim, int) else ndim or (arr.ndim,)
    if arr.ndim not in dims:
        raise ValueError(f"{name} must have {' or '.join(map(str, dims))} dimensions, "
                         f"but has shape {arr.shape}")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty (shape {arr.shape})")
    if finite and not all_finite(arr):
        if arr.ndim == 0:
            raise ValueError(f"{name} is {arr.item()}; it must be a finite number")
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        raise ValueError(f"{name} contains {arr[where]} at index {where}; all entries "
                         "must be finite")
    return arr


def same_shape(first, second, names=("y_hat", "Y"), ndim=2):
    """Two float arrays of one shape (the first ``ndim``-dimensional, when given)."""
    a = float_array(first, names[0], ndim=ndim, allow_empty=ndim is None)
    b = float_array(second, names[1], allow_empty=ndim is None)
    if a.shape != b.shape:
        raise ValueError(f"{names[1]} has shape {b.shape} but {names[0]} has shape "
                         f"{a.shape}; they must match")
    return a, b


def unit_interval(arr, what):
    """``arr`` (finite) if its entries are in [0, 1]; else a ValueError naming one."""
    # a short list is the fastest
    values = arr.ravel().tolist() if arr.size <= 64 else None
    lo, hi = (min(values), max(values)) if values else (arr.min(), arr.max())
    if lo >= 0 and hi <= 1:
        return arr
    where = tuple(int(i) for i in np.argwhere((arr < 0) | (arr > 1))[0])
    raise ValueError(f"{what} must lie in [0, 1], but {what.split()[-1]}{list(where)} "
                     f"= {arr[where]}")


def binary_pair(y_hat, Y, names=("y_hat", "Y")):
    """ŷ (probabilities, or logits named z) and binary targets in [0, 1], one shape."""
    y_hat, Y = same_shape(y_hat, Y, names)
    if names[0] == "y_hat":
        unit_interval(y_hat, "probabilities y_hat")
    return y_hat, unit_interval(Y, "binary targets Y")


def one_hot_pair(y_hat, Y, name="y_hat"):
    """ŷ (k, m) (probabilities, or logits named z), and labels (m,) or one-hot (k, m).

    Returns ŷ and the targets as one-hot.
    """
    y_hat = float_array(y_hat, name, ndim=2)
    if name == "y_hat":
        unit_interval(y_hat, "probabilities y_hat")
    return y_hat, one_hot_targets(Y, *y_hat.shape)


def labels(values, k=None, name="labels", m=None):
    """Integer labels of shape (m,), each in 0 … k−1 when k is given: an int array."""
    arr = np.asarray(values)
    if arr.ndim != 1 or arr.size == 0 or (m is not None and arr.shape[0] != m):
        empty = " (empty)" if arr.size == 0 else ""
        raise ValueError(f"{name} must have shape ({'m' if m is None else m},), one "
                         f"integer label per example, got shape {arr.shape}{empty}")
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must be integers, but their dtype is {arr.dtype}")
    if not np.issubdtype(arr.dtype, np.integer):
        whole = np.isfinite(arr) & (arr == np.round(np.nan_to_num(arr)))
        if not whole.all():
            i = int(np.argmin(whole))
            raise ValueError(f"{name} must be integers 0, 1, …, but {name}[{i}] = "
                             f"{arr[i]}")
        arr = arr.astype(np.int64)
    if k is not None and (arr.min() < 0 or arr.max() >= k):
        i = int(np.argmax((arr < 0) | (arr >= k)))
        raise ValueError(f"label out of range: {name}[{i}] = {arr[i]}, but there are k "
                         f"= {k} classes (0 … {k - 1})")
    return arr


def one_hot_targets(Y, k, m):
    """Integer labels (m,) or one-hot columns (k, m), as one-hot columns (k, m)."""
    if np.ndim(Y) == 1:
        onehot = np.zeros((k, m))
        onehot[labels(Y, k, m=m), np.arange(m)] = 1.0
        return onehot
    Y = float_array(Y, "Y", ndim=2)
    if Y.shape != (k, m):
        raise ValueError(f"Y has shape {Y.shape} but y_hat has shape {(k, m)}; give "
                         "integer labels of shape "
                         f"({m},) or one-hot columns of shape {(k, m)}")
    sums = Y.sum(axis=0)
    if Y.min() < 0 or Y.max() > 1 or np.abs(sums - 1.0).max() > 1e-5:
        j = int(np.argmax(np.abs(sums - 1.0) + np.any((Y < 0) | (Y > 1), axis=0)))
        raise ValueError("one-hot Y must have entries in [0, 1] summing to 1 in every "
                         f"column, but column {j} is {Y[:, j]}")
    return Y
