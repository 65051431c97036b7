"""Chapter 12 (mini-batches): gradients per example, the columns of a batch, the noise,
an epoch of SGD."""

from __future__ import annotations

import itertools

import numpy as np

import nnlib

from ._cases import m_columns
from .answer import Answer
from .engine import Checker, Hint, Mistake


def _per_example_cases(rng):
    return [
        (
            "δ (2, 5) and a_prev (4, 5): 5 examples",
            (rng.normal(size=(2, 5)), rng.normal(size=(4, 5))),
        ),
        (
            "one example: δ (3, 1) and a_prev (2, 1)",
            (np.array([[1.0], [-2.0], [0.5]]), np.array([[3.0], [1.0]])),
        ),
        (
            "δ (1, 6) and a_prev (3, 6)",
            (rng.normal(size=(1, 6)), rng.normal(size=(3, 6))),
        ),
    ]


per_example_weight_gradients = Checker(
    "per_example_weight_gradients",
    nnlib.per_example_weight_gradients,
    _per_example_cases,
    m_of=m_columns,
    ladder=[
        "Which two columns make up example i's term of the sum that gives ∇W J, and "
        "along which axis do the m matrices go?",
        "Example i's matrix is the outer product of column i of delta (n_l numbers) "
        "and column i of a_prev (n_(l−1) numbers): an n_l × n_(l−1) matrix, with no "
        "1/m. Build the m of them and stack them so that result[i] is example i's "
        "(np.stack puts equal arrays along a new first axis; np.einsum can do it all "
        "in one call if you know its subscripts).",
        "`np.stack([np.outer(delta[:, i], a_prev[:, i]) for i in "
        "range(delta.shape[1])])`.",
    ],
    mistakes=[
        Mistake(
            "you returned the batch gradient (1/m) δ a_prevᵀ, the average over "
            "the examples; return one matrix per example instead, stacked along "
            "a first axis of length m",
            lambda delta, a_prev: nnlib.weight_gradient(delta, a_prev),
        ),
        Mistake(
            "you returned δ a_prevᵀ, which sums the m outer products; "
            "return each example's matrix δ_i a_iᵀ separately, stacked along "
            "a first axis of length m",
            lambda delta, a_prev: delta @ a_prev.T,
        ),
        Mistake(
            "the examples are on the last axis; stack them on the first: result[i] is "
            "example i's matrix, so the shape is (m, n_l, n_(l-1))",
            lambda delta, a_prev: np.einsum("im,jm->ijm", delta, a_prev),
        ),
        Mistake(
            "each matrix is transposed: example i's gradient is δ_i a_iᵀ, of shape "
            "(n_l, n_(l-1)), rows from δ",
            lambda delta, a_prev: np.einsum("im,jm->mji", delta, a_prev),
        ),
        Mistake(
            "every matrix is example 0's; matrix i must use column i of "
            "delta and column i of a_prev",
            lambda delta, a_prev: np.stack(
                [np.outer(delta[:, 0], a_prev[:, 0])] * delta.shape[1]
            ),
        ),
    ],
)


def _columns_cases(rng):
    A = rng.normal(size=(3, 10))
    perm = rng.permutation(10)
    B = rng.normal(size=(2, 7))
    return [
        ("A (3, 10), batch k = 0 of size 4", (A, perm, 0, 4)),
        ("A (3, 10), batch k = 1 of size 4", (A, perm, 1, 4)),
        (
            "A (3, 10), batch k = 2 of size 4: the last, with only 2 columns",
            (A, perm, 2, 4),
        ),
        (
            "A (2, 7), batch size 7: one batch holds every column",
            (B, rng.permutation(7), 0, 7),
        ),
        (
            "A (1, 5), batch k = 3 of size 1",
            (rng.normal(size=(1, 5)), rng.permutation(5), 3, 1),
        ),
    ]


def _cols(perm, k, batch_size):
    """perm[k·B : (k+1)·B], the example numbers of batch k."""
    return perm[k * batch_size : (k + 1) * batch_size]


_LAST_BATCH = (
    "your batch has batch_size columns, but the last batch of an epoch holds "
    "only the m − k·B columns that are left; slicing perm[k·B : (k+1)·B] "
    "gives that automatically"
)

minibatch_columns = Checker(
    "minibatch_columns",
    nnlib.minibatch_columns,
    _columns_cases,
    ladder=[
        "Which positions of perm belong to batch k, and are the examples the "
        "rows or the columns of A?",
        "Batch k takes the entries of perm at the positions k·B, k·B + 1, …, (k+1)·B "
        "− 1. A slice that runs past the end of an array just stops at its end, which "
        "gives the last, smaller batch by itself. Those entries are column numbers: "
        "index the second axis of A with them.",
        "`cols = perm[k * batch_size:(k + 1) * batch_size]`, then `A[:, cols]`.",
    ],
    mistakes=[
        Mistake(
            "you returned the column numbers perm[k·B : (k+1)·B]; the batch is the "
            "columns of A that they number",
            lambda A, perm, k, batch_size: _cols(perm, k, batch_size),
        ),
        Mistake(
            "you took rows of A, but the examples are its columns: the column "
            "numbers index A's second axis",
            lambda A, perm, k, batch_size: A[_cols(perm, k, batch_size)],
        ),
        Mistake(
            _LAST_BATCH,
            lambda A, perm, k, batch_size: A[
                :, perm[np.arange(k * batch_size, (k + 1) * batch_size)]
            ],
        ),
        Mistake(
            "you took the columns k·B … (k+1)·B − 1 in their original order; "
            "batch k takes the columns that perm lists at those positions, "
            "in the shuffled order",
            lambda A, perm, k, batch_size: A[:, k * batch_size : (k + 1) * batch_size],
        ),
        Mistake(
            "you returned batch k + 1; the batches are numbered from k = 0, so batch "
            "k starts at column k·B of perm",
            lambda A, perm, k, batch_size: A[:, _cols(perm, k + 1, batch_size)],
        ),
        Mistake(
            "you returned batch k − 1; batch k starts at position k·B "
            "of perm (k counts from 0)",
            lambda A, perm, k, batch_size: A[:, _cols(perm, k - 1, batch_size)],
        ),
    ],
    hints=[
        # A last batch as wide as the others, however it was filled up: keyed on the
        # shape in the general message, not on the values.
        Hint(
            _LAST_BATCH[0].upper() + _LAST_BATCH[1:],
            lambda args, problem: (
                problem.endswith(f"got {(len(args[0]), args[3])}")
                and len(_cols(*args[1:])) < args[3]
            ),
        ),
        # Any IndexError, however the indexing was written.
        Hint(
            "The examples are the columns of A: the numbers perm[k·B : "
            "(k+1)·B] index its second axis",
            lambda args, problem: "IndexError" in problem,
        ),
    ],
)


# ---------------------------------------------------- derived: drawing with replacement
#: The exercise's m = 5 per-example gradients (one parameter) and its batch size.
_G = np.array([0.0, 1.0, 2.0, 4.0, 8.0])
_B = 3


def _mean_square_error(draws):
    """E (mean of a batch − mean of all)² over equally likely batches ``draws`` (index
    tuples)."""
    return float(np.mean([(np.mean(_G[list(d)]) - _G.mean()) ** 2 for d in draws]))


def _spread(ddof=0):
    return float(np.var(_G, ddof=ddof))


variance_with_replacement = Answer(
    "variance_with_replacement",
    lambda: _mean_square_error(itertools.product(range(len(_G)), repeat=_B)),
    ladder=[
        "For two different draws s ≠ t that are independent, what is E (g_s − ḡ)·(g_t "
        "− ḡ), and which terms of the expanded square are left?",
        "With replacement the B draws g_1 … g_B are independent, and each is one "
        "of the m gradients with probability 1/m. So E(g_s − ḡ)(g_t − ḡ) for s "
        "≠ t is a product of two expectations: what is E(g_s − ḡ)? Expand ((1/B) "
        "Σ_s (g_s − ḡ))² as in eq-minibatch-noise; σ² averages over the m examples "
        "(divide by m, not m − 1).",
        "Only the B squares survive: σ²/B, with σ² the variance over all m examples: "
        "`np.var([0.0, 1.0, 2.0, 4.0, 8.0]) / 3`.",
    ],
    mistakes=[
        Mistake(
            "that is the value without replacement, eq-minibatch-noise with its "
            "factor (m − B)/(m − 1); with replacement two draws are independent, "
            "so the cross terms vanish",
            lambda: _mean_square_error(itertools.permutations(range(len(_G)), _B)),
        ),
        Mistake(
            "you computed σ² with 1/(m − 1), the sample variance; the spread of "
            "eq-minibatch-noise averages over all m examples: σ² = (1/m) Σ (g_i − ḡ)²",
            lambda: _spread(ddof=1) / _B,
        ),
        Mistake(
            "that is σ², the spread of one draw; the mean of B independent "
            "draws has 1/B of it",
            lambda: _spread(),
        ),
        Mistake(
            "that is the root-mean-square error σ/√B; the question asks "
            "for the mean square, σ²/B",
            lambda: float(np.sqrt(_spread() / _B)),
        ),
        Mistake(
            "you divided by B²: of the B² terms of the squared sum, only the B squares "
            "survive, each σ², so the result is Bσ²/B²",
            lambda: _spread() / _B**2,
        ),
    ],
)


# ------------------------------------------------------- find the bug: one epoch of SGD
def _sgd_epoch_with(w, X, y, learning_rate, batch_size, seed, batches):
    """One epoch of mini-batch SGD on ½(w x − y)², over ``batches(m, B) -> [column
    positions in perm]``."""
    perm = np.random.default_rng(seed).permutation(X.shape[1])
    for positions in batches(X.shape[1], batch_size):
        X_batch, y_batch = X[:, perm[positions]], y[:, perm[positions]]
        w = w - learning_rate * (w @ X_batch - y_batch) @ X_batch.T / X_batch.shape[1]
    return w


def _batches(m, B, n=None):
    """The positions in perm of batches k = 0 … n − 1 (default ⌈m/B⌉), each cut at m."""
    return [
        np.arange(k * B, min((k + 1) * B, m))
        for k in range(-(-m // B) if n is None else n)
    ]


def _sgd_epoch(w, X, y, learning_rate, batch_size, seed):
    """The reference: ⌈m/B⌉ batches, the last with the m − k·B columns left over."""
    return _sgd_epoch_with(w, X, y, learning_rate, batch_size, seed, _batches)


def _epoch_over(batches):
    """One epoch as a learner's ``sgd_epoch`` that takes ``batches(m, B)``."""
    return lambda w, X, y, learning_rate, batch_size, seed: _sgd_epoch_with(
        w, X, y, learning_rate, batch_size, seed, batches
    )


def _sgd_cases(rng):
    def problem(n, m):
        X = rng.normal(size=(n, m))
        return (
            rng.normal(size=(1, n)),
            X,
            rng.normal(size=(1, n)) @ X + 0.1 * rng.normal(size=(1, m)),
        )

    cases = []
    for label, n, m, B, alpha in [
        ("m = 12, batch_size = 4: three full batches", 3, 12, 4, 0.1),
        ("m = 10, batch_size = 4: the last batch holds 2", 2, 10, 4, 0.1),
        ("m = 7, batch_size = 7: one batch", 3, 7, 7, 0.2),
        ("m = 9, batch_size = 2: the last batch holds 1", 2, 9, 2, 0.05),
        ("m = 5, batch_size = 8: one batch of 5", 2, 5, 8, 0.1),
    ]:
        w, X, y = problem(n, m)
        cases.append((label, (w, X, y, alpha, B, int(rng.integers(100)))))
    return cases


def _merged_last(m, B):
    """m // B batches, the leftover columns added to the last one."""
    n = max(m // B, 1)
    return [np.arange(k * B, m if k == n - 1 else (k + 1) * B) for k in range(n)]


sgd_epoch = Checker(
    "sgd_epoch",
    _sgd_epoch,
    _sgd_cases,
    kind="bug",
    asks=(),
    ladder=[
        "How many examples does one epoch of this routine use, for m = "
        "10 and a batch size of 4?",
        "Instrument the loop: add up the widths of the batches of one epoch and "
        "compare the total with m, for m = 10 and batch_size = 4. How many batches "
        "does an epoch have when B does not divide m, and how many does the loop take?",
        "An epoch has ⌈m/B⌉ batches, and m // B rounds down: "
        "`n_batches = -(-m // batch_size)` rounds up.",
    ],
    mistakes=[
        Mistake(
            "not fixed yet: w after one epoch is still not where one epoch of "
            "mini-batch SGD takes it; count the examples your epoch uses",
            _epoch_over(lambda m, B: _batches(m, B, m // B)),
        ),
        Mistake(
            "when batch_size divides m, your loop takes one batch too many, with no "
            "columns at all (its mean is 0/0 = nan): an epoch has ⌈m/B⌉ batches, which "
            "is m // B only when B divides m",
            _epoch_over(lambda m, B: _batches(m, B, m // B + 1)),
        ),
        Mistake(
            "your last batch takes the leftover columns on top of its own "
            "B; the chapter's last batch holds only the m − k·B columns "
            "left, as a batch of its own",
            _epoch_over(_merged_last),
        ),
    ],
)
