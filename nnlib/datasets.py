"""Data sets for training (chapter 13): four 2-D toy problems and handwritten digits.

Each returns X with one example per column, shape (n_0, m), and integer labels y (m,).
The toy problems, drawn from ``np.random.default_rng(seed)``, fit in [−1.5, 1.5]², with
Gaussian ``noise`` of that standard deviation on each coordinate.  The digits ship with
nnlib (``nnlib/data/README.md``): reading them needs no network.
"""
from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

from . import _validate

DIGITS_FILE = Path(__file__).resolve().parent / "data" / "digits.csv.gz"


def _class_sizes(m, k):
    """Split m examples into k classes evenly (the first ones get one more)."""
    return [m // k + (1 if j < m % k else 0) for j in range(k)]


def _finish(points, labels, noise, rng):
    """Add the noise, shuffle the columns, and return X (2, m) and y (m,)."""
    X = np.concatenate(points, axis=1)
    X = X + rng.normal(0.0, noise, size=X.shape) if noise > 0 else X
    order = rng.permutation(X.shape[1])
    y = np.concatenate(labels).astype(np.int64)
    return np.ascontiguousarray(X[:, order]), y[order]


def make_moons(m=200, noise=0.1, seed=0):
    """Two interleaving half circles (label 0 above, label 1 below), centred at 0.

    Parameters
    ----------
    m : int
        The number of examples (at least 2).
    noise : float
        The standard deviation of the Gaussian noise on each coordinate.
    seed : int
        The seed of ``np.random.default_rng``.

    Returns
    -------
    X : ndarray
        Shape (2, m), one example per column.
    y : ndarray of int
        Labels, shape (m,).
    """
    m, rng = _validate.toy_data(m, noise, seed)
    t0, t1 = (np.linspace(0, np.pi, n) for n in _class_sizes(m, 2))
    shift = np.array([[0.5], [0.25]])
    upper = np.vstack([np.cos(t0), np.sin(t0)]) - shift
    lower = np.vstack([1.0 - np.cos(t1), 0.5 - np.sin(t1)]) - shift
    return _finish([upper, lower], [np.zeros(t0.size), np.ones(t1.size)], noise, rng)


def make_circles(m=200, noise=0.08, seed=0, factor=0.5):
    """A ring of radius 1 (label 0) around a ring of radius ``factor`` (label 1).

    Parameters
    ----------
    m : int
        The number of examples (at least 2).
    noise : float
        The standard deviation of the Gaussian noise on each coordinate.
    seed : int
        The seed of ``np.random.default_rng``.
    factor : float
        The radius of the inner ring.

    Returns
    -------
    X : ndarray
        Shape (2, m), one example per column.
    y : ndarray of int
        Labels, shape (m,).
    """
    m, rng = _validate.toy_data(m, noise, seed)
    _validate.number(factor, "factor", "the inner radius, strictly between 0 and 1",
                     lambda v: 0 < v < 1)
    t0, t1 = (np.linspace(0, 2 * np.pi, n, endpoint=False) for n in _class_sizes(m, 2))
    outer = np.vstack([np.cos(t0), np.sin(t0)])
    inner = factor * np.vstack([np.cos(t1), np.sin(t1)])
    return _finish([outer, inner], [np.zeros(t0.size), np.ones(t1.size)], noise, rng)


def make_spiral(m=200, noise=0.08, seed=0, classes=2, turns=1.0):
    """Interleaved spiral arms: arm j is r(cos θ, sin θ), r from 0.1 to 1.4, θ = 2π(j /
    classes + turns · r / 1.4).

    Parameters
    ----------
    m : int
        The number of examples (at least 2).
    noise : float
        The standard deviation of the Gaussian noise on each coordinate.
    seed : int
        The seed of ``np.random.default_rng``.
    classes : int
        The number of arms, one class each.
    turns : float
        How far each arm winds, in turns.

    Returns
    -------
    X : ndarray
        Shape (2, m), one example per column.
    y : ndarray of int
        Labels, shape (m,).
    """
    m, rng = _validate.toy_data(m, noise, seed)
    classes = _validate.integer(classes, "classes", minimum=2)
    _validate.number(turns, "turns", "a number in (0, 5]", lambda v: 0 < v <= 5)
    if m < classes:
        raise ValueError(f"m = {m} examples cannot fill classes = {classes} spiral "
                         "arms")
    points, labels = [], []
    for j, n in enumerate(_class_sizes(m, classes)):
        r = np.linspace(0.1, 1.4, n)
        theta = 2 * np.pi * j / classes + 2 * np.pi * turns * r / 1.4
        points.append(np.vstack([r * np.cos(theta), r * np.sin(theta)]))
        labels.append(np.full(n, j))
    return _finish(points, labels, noise, rng)


def make_xor(m=200, noise=0.05, seed=0):
    """Points in [−1, 1]², 0.1 away from the axes, labelled 1 where the coordinates
    differ in sign (XOR).

    Parameters
    ----------
    m : int
        The number of examples (at least 2).
    noise : float
        The standard deviation of the Gaussian noise on each coordinate.
    seed : int
        The seed of ``np.random.default_rng``.

    Returns
    -------
    X : ndarray
        Shape (2, m), one example per column.
    y : ndarray of int
        Labels, shape (m,).
    """
    m, rng = _validate.toy_data(m, noise, seed)
    U = rng.uniform(-1.0, 1.0, size=(2, m))
    X = np.sign(U) * (0.1 + 0.9 * np.abs(U))
    return _finish([X], [X[0] * X[1] < 0], noise, rng)


#: The 2-D toy problems by name, called as ``TOY_DATASETS[name](m=..., noise=...,
#: seed=...)``.
TOY_DATASETS = {"moons": make_moons, "circles": make_circles, "spiral": make_spiral,
                "xor": make_xor}


def load_digits():
    """The 1,797 handwritten 8×8 digits: X (64, 1797), pixels in [0, 1], and labels 0 …
    9 (Alpaydin & Kaynak).

    Column k of X is one image read row by row: ``X[:, k].reshape(8, 8)``.

    Returns
    -------
    X : ndarray
        Shape (64, 1797), pixels in [0, 1], one image per column.
    y : ndarray of int
        The digits 0 … 9, shape (1797,).
    """
    if not DIGITS_FILE.exists():
        raise FileNotFoundError(f"the digits file is missing: {DIGITS_FILE}; reinstall "
                                "nnlib")
    with gzip.open(DIGITS_FILE, "rt", encoding="ascii") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.float64)
    if table.shape != (1797, 65):
        raise ValueError(f"{DIGITS_FILE} should hold 1797 rows of 64 pixels and a "
                         f"label, got shape {table.shape}")
    return np.ascontiguousarray(table[:, :64].T / 16.0), table[:, 64].astype(np.int64)


def train_test_split(X, y, test_fraction=0.3, seed=0):
    """Split the columns (examples) of X and y at random into a training and a test set.

    Returns ``X_train, X_test, y_train, y_test``.

    ``y`` holds labels (m,) or targets (k, m).  round(test_fraction · m) examples go to
    the test set, the others to the training set; the same ``seed``, the same split.

    Parameters
    ----------
    X : array_like
        Shape (n_0, m), one example per column.
    y : array_like
        Labels (m,) or targets (k, m).
    test_fraction : float
        The share of the m examples in the test set, strictly between 0 and 1.
    seed : int
        The seed of the random order.

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarray
        The columns of X and y, split.
    """
    X, y, n_test = _validate.split(X, y, test_fraction, seed)
    order = np.random.default_rng(seed).permutation(X.shape[1])
    test, train = np.sort(order[:n_test]), np.sort(order[n_test:])
    return X[:, train], X[:, test], y[..., train], y[..., test]
