"""What several chapters' checkers share: m of a case, layer-wise changes, a random
network, a slip, a message."""

from __future__ import annotations

import numpy as np

import nnlib


def m_columns(args):
    """The batch size m of a case: the number of columns of its first argument."""
    return int(args[0].shape[1])


def each_layer(change, params):
    """``[None, change(params[1]), …, change(params[N])]``: every layer's W (or b)
    changed alike."""
    return [None] + [change(p) for p in params[1:]]


def random_targets(rng, task, n_N, m):
    """Targets y for m examples of a task: one-hot classes, 0/1 labels or real numbers,
    shape (n_N, m)."""
    if task == "multiclass":
        return nnlib.one_hot(rng.integers(0, n_N, m), n_N)
    if task == "binary":
        return (rng.random((n_N, m)) < 0.5).astype(float)
    return rng.normal(size=(n_N, m))


def network_case(rng, sizes, hidden, task, m):
    """A network of random weights after one forward and one backward pass on m random
    examples."""
    net = nnlib.Network(sizes, hidden=hidden, task=task, seed=int(rng.integers(1000)))
    net.forward(rng.normal(size=(sizes[0], m)))
    net.backward(random_targets(rng, task, sizes[-1], m))
    return net


def overflowing_softmax(z):
    """Softmax without subtracting each column's maximum first: exp overflows at z =
    1000 (chapters 4 and 8)."""
    e = np.exp(z)
    return e / np.sum(e, axis=0, keepdims=True)


#: For a loss computed with another logarithm than np.log (chapters 6 and 7).
NATURAL_LOG = (
    "you used log10 or log2; the book's losses use the natural logarithm, np.log"
)
