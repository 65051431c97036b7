"""Chapter 12 (mini-batches): one weight gradient per example, and the columns of mini-batch k."""
from __future__ import annotations

import numpy as np

import nnlib

from ._cases import m_columns
from .engine import Checker, Hint, Mistake


def _per_example_cases(rng):
    return [
        ("δ (2, 5) and a_prev (4, 5): 5 examples", (rng.normal(size=(2, 5)), rng.normal(size=(4, 5)))),
        ("one example: δ (3, 1) and a_prev (2, 1)",
         (np.array([[1.0], [-2.0], [0.5]]), np.array([[3.0], [1.0]]))),
        ("δ (1, 6) and a_prev (3, 6)", (rng.normal(size=(1, 6)), rng.normal(size=(3, 6)))),
    ]


per_example_weight_gradients = Checker(
    "per_example_weight_gradients", nnlib.per_example_weight_gradients, _per_example_cases,
    ("delta", "a_prev"), m_of=m_columns,
    mistakes=[
        Mistake("you returned the batch gradient (1/m) δ a_prevᵀ, the average over the examples; return one "
                "matrix per example instead, stacked along a first axis of length m",
                lambda delta, a_prev: nnlib.weight_gradient(delta, a_prev)),
        Mistake("you returned δ a_prevᵀ, which sums the m outer products; return each example's matrix "
                "δ_i a_iᵀ separately, stacked along a first axis of length m",
                lambda delta, a_prev: delta @ a_prev.T),
        Mistake("the examples are on the last axis; stack them on the first: result[i] is example i's "
                "matrix, so the shape is (m, n_l, n_(l-1))",
                lambda delta, a_prev: np.einsum("im,jm->ijm", delta, a_prev)),
        Mistake("each matrix is transposed: example i's gradient is δ_i a_iᵀ of shape (n_l, n_(l-1)), "
                "np.outer(delta[:, i], a_prev[:, i])",
                lambda delta, a_prev: np.einsum("im,jm->mji", delta, a_prev)),
        Mistake("every matrix is example 0's; matrix i must use column i of delta and column i of a_prev",
                lambda delta, a_prev: np.stack([np.outer(delta[:, 0], a_prev[:, 0])] * delta.shape[1])),
    ],
)


def _columns_cases(rng):
    A = rng.normal(size=(3, 10))
    perm = rng.permutation(10)
    B = rng.normal(size=(2, 7))
    return [
        ("A (3, 10), batch k = 0 of size 4", (A, perm, 0, 4)),
        ("A (3, 10), batch k = 1 of size 4", (A, perm, 1, 4)),
        ("A (3, 10), batch k = 2 of size 4: the last, with only 2 columns", (A, perm, 2, 4)),
        ("A (2, 7), batch size 7: one batch holds every column", (B, rng.permutation(7), 0, 7)),
        ("A (1, 5), batch k = 3 of size 1", (rng.normal(size=(1, 5)), rng.permutation(5), 3, 1)),
    ]


def _cols(perm, k, batch_size):
    """perm[k·B : (k+1)·B], the example numbers of batch k."""
    return perm[k * batch_size:(k + 1) * batch_size]


_LAST_BATCH = ("your batch has batch_size columns, but the last batch of an epoch holds only the m − k·B "
               "columns that are left; slicing perm[k·B : (k+1)·B] gives that automatically")

minibatch_columns = Checker(
    "minibatch_columns", nnlib.minibatch_columns, _columns_cases, ("A", "perm", "k", "batch_size"),
    mistakes=[
        Mistake("you returned the column numbers perm[k·B : (k+1)·B]; return those columns of A: A[:, cols]",
                lambda A, perm, k, batch_size: _cols(perm, k, batch_size)),
        Mistake("you took rows of A, but the examples are its columns: index its second axis, A[:, cols], "
                "with cols = perm[k·B : (k+1)·B]",
                lambda A, perm, k, batch_size: A[_cols(perm, k, batch_size)]),
        Mistake(_LAST_BATCH,
                lambda A, perm, k, batch_size: A[:, perm[np.arange(k * batch_size, (k + 1) * batch_size)]]),
        Mistake("you took the columns k·B … (k+1)·B − 1 in their original order; take the shuffled ones, "
                "cols = perm[k·B : (k+1)·B]",
                lambda A, perm, k, batch_size: A[:, k * batch_size:(k + 1) * batch_size]),
        Mistake("you returned batch k + 1; the batches are numbered from k = 0, so batch k starts at "
                "column k·B of perm",
                lambda A, perm, k, batch_size: A[:, _cols(perm, k + 1, batch_size)]),
        Mistake("you returned batch k − 1; batch k starts at position k·B of perm (k counts from 0)",
                lambda A, perm, k, batch_size: A[:, _cols(perm, k - 1, batch_size)]),
    ],
    hints=[
        # A last batch as wide as the others, however it was filled up: keyed on the shape
        # in the general message, not on the values.
        Hint(_LAST_BATCH[0].upper() + _LAST_BATCH[1:],
             lambda args, problem: problem.endswith(f"got {(len(args[0]), args[3])}")
             and len(_cols(*args[1:])) < args[3]),
        # Any IndexError, however the indexing was written.
        Hint("The examples are the columns of A: index its second axis, A[:, cols], "
             "and take cols = perm[k·B : (k+1)·B]",
             lambda args, problem: "IndexError" in problem),
    ],
)
