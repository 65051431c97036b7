"""Chapter 12 (mini-batches): typical wrong answers get their specific diagnosis."""
from __future__ import annotations

import numpy as np
import pytest

from nnlib import check

PER_EXAMPLE_MISTAKES = [
    ("batch gradient", lambda d, a: d @ a.T / d.shape[1], "you returned the batch gradient"),
    ("summed", lambda d, a: d @ a.T, "sums the m outer products"),
    ("examples last", lambda d, a: np.einsum("im,jm->ijm", d, a), "the examples are on the last axis"),
    ("transposed matrices", lambda d, a: np.einsum("im,jm->mji", d, a), "each matrix is transposed"),
    ("divided by m", lambda d, a: np.einsum("im,jm->mij", d, a) / d.shape[1], "times too small"),
    ("always example 0", lambda d, a: np.stack([np.outer(d[:, 0], a[:, 0])] * d.shape[1]), "every matrix is example 0's"),
]


@pytest.mark.parametrize("label,fn,message", PER_EXAMPLE_MISTAKES, ids=[c[0] for c in PER_EXAMPLE_MISTAKES])
def test_per_example_weight_gradients_mistakes(label, fn, message):
    result = check.per_example_weight_gradients(fn)
    assert not result.passed
    assert message in result.message, result.message


COLUMNS_MISTAKES = [
    ("returned indices", lambda A, perm, k, B: perm[k * B:(k + 1) * B], "you returned the column numbers"),
    ("rows", lambda A, perm, k, B: A[perm[k * B:(k + 1) * B] % A.shape[0], :], "you took rows of A"),
    ("rows raising", lambda A, perm, k, B: A[perm[k * B:(k + 1) * B], :], "The examples are the columns of A"),
    ("ignored perm", lambda A, perm, k, B: A[:, k * B:(k + 1) * B], "in their original order"),
    ("batch k + 1", lambda A, perm, k, B: A[:, perm[(k + 1) * B:(k + 2) * B]], "you returned batch k + 1"),
    ("batch k − 1", lambda A, perm, k, B: A[:, perm[(k - 1) * B:k * B]] if k else A[:, perm[:B]],
     "you returned batch k − 1"),
    ("padded last batch", lambda A, perm, k, B: A[:, np.resize(perm[k * B:(k + 1) * B], B)], "the last batch of an epoch"),
]


@pytest.mark.parametrize("label,fn,message", COLUMNS_MISTAKES, ids=[c[0] for c in COLUMNS_MISTAKES])
def test_minibatch_columns_mistakes(label, fn, message):
    result = check.minibatch_columns(fn)
    assert not result.passed
    assert message in result.message, result.message
