"""Input checks shared by nnlib's public functions.

Every check raises an error that names the array, what was expected and what was
given, so that a learner can act on it.  Nothing here modifies its input.
"""
from __future__ import annotations

import math
import numbers

import numpy as np

_FLOAT64 = np.dtype(np.float64)


def all_finite(arr):
    """True when every entry of the float64 array ``arr`` is finite.

    For a large array one pass of BLAS's dot product decides: x·x is inf or NaN as
    soon as one entry is, and costs a third of ``np.isfinite(x).all()`` with no
    temporary array.  Only when x·x is not finite (an entry is inf or NaN, or the
    squares of huge entries overflow) is every entry looked at.
    """
    if arr.size >= 4096 and arr.dtype is _FLOAT64:
        flat = arr.ravel(order="K")  # a view for C- and Fortran-ordered arrays
        with np.errstate(over="ignore", invalid="ignore"):
            if math.isfinite(flat @ flat):
                return True
    return bool(np.isfinite(arr).all())


def as_float_array(x, name, *, ndim=None, allow_empty=False):
    """Return ``x`` as a float64 ndarray (a copy only when a conversion is needed).

    Raises TypeError for things that are not numbers and ValueError for NaN/inf,
    empty arrays and wrong numbers of dimensions.
    """
    if type(x) is np.ndarray and x.dtype is _FLOAT64:
        arr = x  # already what is needed: the common case, checked without conversion
    elif isinstance(x, np.ndarray):
        if x.dtype == object or not (np.issubdtype(x.dtype, np.number) or x.dtype == bool):
            raise TypeError(f"{name} must hold numbers, but its dtype is {x.dtype}")
        if np.iscomplexobj(x):
            raise TypeError(f"{name} must be real, but its dtype is {x.dtype}")
        arr = x.astype(np.float64, copy=False)
    elif isinstance(x, (numbers.Real, list, tuple)) and not isinstance(x, (str, bytes)):
        try:
            arr = np.asarray(x, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name} must be an array of numbers, got {type(x).__name__} ({exc})") from None
    else:
        raise TypeError(f"{name} must be a numpy array of numbers, got {type(x).__name__}")
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, but has shape {arr.shape}")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty (shape {arr.shape})")
    if not all_finite(arr):
        if arr.ndim == 0:
            raise ValueError(f"{name} is {arr.item()}; it must be a finite number")
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        raise ValueError(f"{name} contains {arr[where]} at index {where}; all entries must be finite")
    return arr


def check_name(value, choices, what):
    """Raise ValueError unless ``value`` is one of ``choices``."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"unknown {what} {value!r}; choose one of {', '.join(choices)}")
    return value
