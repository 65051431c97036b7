"""Small data sets for training (chapter 13): four 2-D toy problems and the handwritten digits.

Every function returns the inputs ``X`` with **one example per column**, shape (n_0, m),
as everywhere in the book, and integer labels ``y`` of shape (m,).  The toy problems
are drawn from ``np.random.default_rng(seed)``: the same seed gives the same points.
They are centred near the origin and fit in the square [−1.5, 1.5]², so that one plot
range and one learning rate suit all of them.

The digits (:func:`load_digits`) ship with nnlib as ``nnlib/data/digits.csv.gz``: the
UCI *Optical Recognition of Handwritten Digits* data of Alpaydin and Kaynak (CC BY 4.0),
in the copy that scikit-learn distributes; ``nnlib/data/README.md`` gives the details.
Reading it needs no network.
"""
from __future__ import annotations

import gzip
import numbers
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data"
DIGITS_FILE = DATA_DIR / "digits.csv.gz"

#: The 2-D toy problems by name, called as ``TOY_DATASETS[name](m=..., noise=..., seed=...)``.
TOY_DATASETS: dict = {}


# --------------------------------------------------------------------------- argument checks
def _check_int(value, name, minimum):
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def _check_noise(noise):
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0 (the standard deviation added to each coordinate), got {noise!r}")
    return float(noise)


def _check_seed(seed):
    if isinstance(seed, bool) or not isinstance(seed, (numbers.Integral, np.integer)):
        raise ValueError(f"seed must be an integer, got {seed!r}")
    return int(seed)


def _class_sizes(m, k):
    """Split m examples into k classes as evenly as possible (the first ones get one more)."""
    return [m // k + (1 if j < m % k else 0) for j in range(k)]


def _finish(points, labels, noise, rng):
    """Add Gaussian noise, shuffle the columns, and return (X (2, m), y (m,))."""
    X = np.concatenate(points, axis=1)
    y = np.concatenate(labels).astype(np.int64)
    X = X + rng.normal(0.0, noise, size=X.shape) if noise > 0 else X
    order = rng.permutation(X.shape[1])
    return np.ascontiguousarray(X[:, order]), y[order]


def _toy(name):
    def deco(fn):
        TOY_DATASETS[name] = fn
        return fn
    return deco


# --------------------------------------------------------------------------- the four toy problems
@_toy("moons")
def make_moons(m=200, noise=0.1, seed=0):
    """Two interleaving half circles (label 0 above, label 1 below), centred at the origin.

    Returns ``X`` of shape (2, m) and integer labels ``y`` of shape (m,).  ``noise`` is
    the standard deviation of the Gaussian noise added to each coordinate.
    """
    m = _check_int(m, "m", 2)
    noise, rng = _check_noise(noise), np.random.default_rng(_check_seed(seed))
    n0, n1 = _class_sizes(m, 2)
    t0, t1 = np.linspace(0, np.pi, n0), np.linspace(0, np.pi, n1)
    upper = np.vstack([np.cos(t0), np.sin(t0)])
    lower = np.vstack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    shift = np.array([[0.5], [0.25]])
    return _finish([upper - shift, lower - shift], [np.zeros(n0), np.ones(n1)], noise, rng)


@_toy("circles")
def make_circles(m=200, noise=0.08, seed=0, factor=0.5):
    """A ring of radius 1 (label 0) around a ring of radius ``factor`` (label 1).

    Returns ``X`` of shape (2, m) and integer labels ``y`` of shape (m,).
    """
    m = _check_int(m, "m", 2)
    noise, rng = _check_noise(noise), np.random.default_rng(_check_seed(seed))
    if isinstance(factor, bool) or not isinstance(factor, numbers.Real) or not 0 < factor < 1:
        raise ValueError(f"factor must lie strictly between 0 and 1 (the inner radius), got {factor!r}")
    n0, n1 = _class_sizes(m, 2)
    t0 = np.linspace(0, 2 * np.pi, n0, endpoint=False)
    t1 = np.linspace(0, 2 * np.pi, n1, endpoint=False)
    outer = np.vstack([np.cos(t0), np.sin(t0)])
    inner = factor * np.vstack([np.cos(t1), np.sin(t1)])
    return _finish([outer, inner], [np.zeros(n0), np.ones(n1)], noise, rng)


@_toy("spiral")
def make_spiral(m=200, noise=0.08, seed=0, classes=2, turns=1.0):
    """``classes`` interleaved spiral arms (label j for arm j) winding out from the origin.

    Arm j is the curve r(cos θ, sin θ) with r from 0.1 to 1.4 and
    θ = 2π j / classes + 2π · turns · r / 1.4.  Returns ``X`` of shape (2, m) and integer
    labels ``y`` of shape (m,).
    """
    m = _check_int(m, "m", 2)
    noise, rng = _check_noise(noise), np.random.default_rng(_check_seed(seed))
    classes = _check_int(classes, "classes", 2)
    if m < classes:
        raise ValueError(f"m = {m} examples cannot fill classes = {classes} spiral arms")
    if isinstance(turns, bool) or not isinstance(turns, numbers.Real) or not 0 < turns <= 5:
        raise ValueError(f"turns must be a number in (0, 5], got {turns!r}")
    points, labels = [], []
    for j, n in enumerate(_class_sizes(m, classes)):
        r = np.linspace(0.1, 1.4, n)
        theta = 2 * np.pi * j / classes + 2 * np.pi * turns * r / 1.4
        points.append(np.vstack([r * np.cos(theta), r * np.sin(theta)]))
        labels.append(np.full(n, j))
    return _finish(points, labels, noise, rng)


@_toy("xor")
def make_xor(m=200, noise=0.05, seed=0):
    """Points spread over [−1, 1]²; the label is 1 where the two coordinates differ in sign.

    The "exclusive or" of the signs: no straight line separates the classes.  Points
    are drawn uniformly (keeping a gap of 0.1 from the axes), labelled by their
    quadrant, then moved by the noise.  Returns
    ``X`` of shape (2, m) and integer labels ``y`` of shape (m,).
    """
    m = _check_int(m, "m", 2)
    noise, rng = _check_noise(noise), np.random.default_rng(_check_seed(seed))
    U = rng.uniform(-1.0, 1.0, size=(2, m))
    X = np.sign(U) * (0.1 + 0.9 * np.abs(U))  # a gap of 0.1 on each side of the axes
    y = (X[0] * X[1] < 0).astype(np.int64)
    return _finish([X], [y], noise, rng)


# --------------------------------------------------------------------------- the digits
def load_digits():
    """The 1,797 handwritten digits: ``X`` of shape (64, 1797) in [0, 1], labels of shape (1797,).

    Column k of ``X`` is one 8×8 image read row by row (``X[:, k].reshape(8, 8)`` shows
    it); the pixel counts 0 … 16 are divided by 16.  The labels are the digits 0 … 9.
    Source: Alpaydin & Kaynak, UCI (CC BY 4.0); see ``nnlib/data/README.md``.
    """
    if not DIGITS_FILE.exists():
        raise FileNotFoundError(f"the digits file is missing: {DIGITS_FILE}; reinstall nnlib")
    with gzip.open(DIGITS_FILE, "rt", encoding="ascii") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.float64)
    if table.shape != (1797, 65):
        raise ValueError(f"{DIGITS_FILE} should hold 1797 rows of 64 pixels and a label, got shape {table.shape}")
    X = np.ascontiguousarray(table[:, :64].T / 16.0)
    labels = table[:, 64].astype(np.int64)
    return X, labels


def train_test_split(X, y, test_fraction=0.3, seed=0):
    """Split the **columns** (examples) of ``X`` and ``y`` at random into a training and a test set.

    ``y`` holds labels of shape (m,) or targets of shape (k, m).  Returns
    ``X_train, X_test, y_train, y_test``: ``round(test_fraction · m)`` examples go to the
    test set, the rest to the training set, each example to exactly one of them.  The
    same ``seed`` gives the same split.
    """
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must have shape (n_0, m), one example per column, got shape {X.shape}")
    m = X.shape[1]
    if y.ndim not in (1, 2) or y.shape[-1] != m:
        hint = " (X has one example per column: is X transposed?)" if y.ndim == 1 and X.shape[0] == y.shape[0] else ""
        raise ValueError(f"y must have shape ({m},) or (k, {m}) to match the m = {m} columns of X, got {y.shape}{hint}")
    if isinstance(test_fraction, bool) or not isinstance(test_fraction, numbers.Real) or not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must lie strictly between 0 and 1, got {test_fraction!r}")
    n_test = int(round(test_fraction * m))
    if not 1 <= n_test <= m - 1:
        raise ValueError(f"test_fraction = {test_fraction} of m = {m} examples leaves an empty training or test set")
    order = np.random.default_rng(_check_seed(seed)).permutation(m)
    test, train = np.sort(order[:n_test]), np.sort(order[n_test:])
    return X[:, train], X[:, test], y[..., train], y[..., test]
