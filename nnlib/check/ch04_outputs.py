"""Chapter 4 (output layers): a stable softmax and log-softmax, a raised logit, class
labels from ŷ."""

from __future__ import annotations

import numpy as np

import nnlib

from ._cases import overflowing_softmax
from .engine import Checker, Mistake


def _softmax_cases(rng, corner=990.0):
    """Logits of several shapes; ``corner`` is z[2, 0], below 1000 and 999 in its
    column."""
    return [
        ("z of shape (3, 4)", (rng.normal(0, 2, size=(3, 4)),)),
        ("one example: z of shape (4, 1)", (rng.normal(0, 2, size=(4, 1)),)),
        (
            "z with entries ±1000",
            (
                np.array(
                    [
                        [1000.0, -1000.0, 1000.0],
                        [999.0, -1001.0, -1000.0],
                        [corner, -1000.5, 0.0],
                    ]
                ),
            ),
        ),
        ("a single class: z of shape (1, 5)", (rng.normal(0, 2, size=(1, 5)),)),
        ("a 1-D z of shape (3,), one column", (np.array([3.0, 1.0, -2.0]),)),
    ]


def _normalised(e, axis=0):
    """e divided by its sums along ``axis``: the last step of a softmax."""
    return e / np.sum(e, axis=axis, keepdims=True)


stable_softmax = Checker(
    "stable_softmax",
    nnlib.softmax,
    _softmax_cases,
    mistakes=[
        Mistake(
            "you normalised each row; one example is "
            "one column, so each column must sum to 1",
            lambda z: _normalised(np.exp(z - np.max(z, axis=1, keepdims=True)), axis=1),
        ),
        Mistake(
            "you did not divide by the sum: each column of the result must sum to 1",
            lambda z: np.exp(z - np.max(z, axis=0, keepdims=True)),
        ),
        Mistake(
            "you divided by the sum of the whole array; each "
            "column, one example, is divided by its own sum",
            lambda z: np.exp(z - np.max(z)) / np.sum(np.exp(z - np.max(z))),
        ),
        Mistake(
            "you subtracted each row's maximum; eq-softmax-stable shifts each column, "
            "one example, by its own maximum",
            lambda z: _normalised(np.exp(z - np.max(z, axis=-1, keepdims=True))),
        ),
        Mistake(
            "your result has inf/nan for logits near ±1000: you did not subtract each "
            "column's maximum before exp. exp(1000) overflows to inf (inf/inf = nan), "
            "exp(−1000) underflows to 0 (0/0 = nan); softmax(z) = softmax(z − max z), "
            "and then every exponent is ≤ 0",
            overflowing_softmax,
        ),
        Mistake(
            "you subtracted the maximum of the whole array, not of each column: a "
            "column far below it underflows to 0/0 = nan",
            lambda z: _normalised(np.exp(z - np.max(z))),
        ),
        Mistake(
            "you subtracted the minimum; subtract the maximum, so that every exponent "
            "is ≤ 0 and exp cannot overflow",
            lambda z: _normalised(np.exp(z - np.min(z, axis=0, keepdims=True))),
        ),
    ],
    ladder=[
        "By eq-softmax-stable, what do you subtract from each column before exp, and "
        "over which axis do you sum?",
        "Subtract from every logit of a column that column's largest logit: every "
        "exponent is then at most 0. np.max and np.sum take an axis; with axis=0 (the "
        "classes of one example) and keepdims=True the results are rows of shape (1, "
        "m) that broadcast against z.",
        "`e = np.exp(z - np.max(z, axis=0, keepdims=True))`, then divide `e` by "
        "`np.sum(e, axis=0, keepdims=True)`.",
    ],
)


def _labels_cases(rng):
    return [
        (
            "multiclass, y_hat of shape (3, 3)",
            (
                np.array([[0.7, 0.1, 0.2], [0.2, 0.3, 0.5], [0.1, 0.6, 0.3]]),
                "multiclass",
            ),
        ),
        (
            "multiclass, y_hat of shape (4, 6)",
            (nnlib.softmax(rng.normal(0, 2, size=(4, 6))), "multiclass"),
        ),
        (
            "binary, y_hat of shape (1, 5), one entry exactly 0.5",
            (np.array([[0.9, 0.5, 0.2, 0.51, 0.03]]), "binary"),
        ),
        (
            "binary with two sigmoid outputs, y_hat of shape (2, 4)",
            (np.array([[0.8, 0.4, 0.6, 0.1], [0.3, 0.7, 0.55, 0.2]]), "binary"),
        ),
    ]


predict_labels = Checker(
    "predict_labels",
    nnlib.predict_labels,
    _labels_cases,
    mistakes=[
        Mistake(
            "you took the largest entry of each row; one example is one column, and "
            "its label is the row of the column's largest entry",
            lambda y_hat, task: (
                np.argmax(y_hat, axis=1) if task == "multiclass" else y_hat >= 0.5
            ),
        ),
        Mistake(
            "you returned the largest probability of each "
            "column; the label is where it is, its row index",
            lambda y_hat, task: (
                np.max(y_hat, axis=0) if task == "multiclass" else y_hat >= 0.5
            ),
        ),
        Mistake(
            "your labels start at 1; classes are numbered 0 … k−1, the row index of ŷ",
            lambda y_hat, task: nnlib.predict_labels(y_hat, task) + 1,
        ),
        Mistake(
            "you returned one-hot columns; return one "
            "integer label per example, shape (m,)",
            lambda y_hat, task: (
                nnlib.one_hot(np.argmax(y_hat, axis=0), len(y_hat))
                if task == "multiclass"
                else y_hat >= 0.5
            ),
        ),
        Mistake(
            "for a binary task each entry of ŷ is P(y = 1) of its own: compare each "
            "with ½ (eq-predict-labels) instead of looking for the largest",
            lambda y_hat, task: np.argmax(y_hat, axis=0),
        ),
        Mistake(
            "ŷ = 0.5 exactly counts as class 1 (it "
            "is z = 0 exactly); you made it class 0",
            lambda y_hat, task: (
                np.argmax(y_hat, axis=0) if task == "multiclass" else y_hat > 0.5
            ),
        ),
        Mistake(
            "the labels are right but the shape is "
            "not: keep the shape of y_hat, (n_N, m)",
            lambda y_hat, task: (
                np.argmax(y_hat, axis=0)
                if task == "multiclass"
                else np.ravel(y_hat >= 0.5)
            ),
        ),
    ],
    ladder=[
        "Which equation gives the label for each task, and along which axis of y_hat "
        "are the classes of one example?",
        "Multiclass: one label per column, the row index of the column's largest entry "
        "(np.argmax takes an axis). Binary: each entry is P(y = 1) on its own; compare "
        "it with ½, counting ½ itself as class 1, and turn the booleans into integers.",
        "Multiclass: `np.argmax(y_hat, axis=0)`; binary: `(y_hat >= 0.5).astype(int)`.",
    ],
)


# ----------------------------------------------------------------- variant: log-softmax
def _log_softmax(z):
    """Reference: z − M − log Σ_j e^(z_j − M) per column, M the column's maximum
    (log-sum-exp)."""
    z = np.asarray(z, dtype=np.float64)
    shifted = z - np.max(z, axis=0, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=0, keepdims=True))


def _log_softmax_cases(rng):
    """The softmax's cases, with z[2, 0] = 0: its ŷ underflows to 0, while log ŷ ≈ −1000
    is finite."""
    return _softmax_cases(rng, corner=0.0)


def _log_sum_exp_naive(z, axis=0):
    return np.log(np.sum(np.exp(z), axis=axis, keepdims=True))


log_softmax = Checker(
    "log_softmax",
    _log_softmax,
    _log_softmax_cases,
    kind="variant",
    asks=(),
    mistakes=[
        Mistake(
            "you took the log of the softmax: where a probability underflows to 0 the "
            "log is −inf, although log ŷ_j itself is a moderate negative number (about "
            "−1000 here). Stay in log space: log ŷ_j = z_j − log Σ_j′ e^(z_j′), and "
            "compute the log of the sum stably",
            lambda z: np.log(_normalised(np.exp(z - np.max(z, axis=0, keepdims=True)))),
        ),
        Mistake(
            "your result has inf/nan for logits near ±1000: e^1000 overflows inside "
            "the sum. Factor e^M out of the sum, with M the column's maximum",
            lambda z: z - _log_sum_exp_naive(z),
        ),
        Mistake(
            "you dropped M: factoring e^M out of the sum gives log Σ_j′ e^(z_j′) = "
            "M + log Σ_j′ e^(z_j′ − M), and that M stays in the answer",
            lambda z: z - _log_sum_exp_naive(z - np.max(z, axis=0, keepdims=True)),
        ),
        Mistake(
            "you normalised each row; one example is one column, with its own sum",
            lambda z: _log_softmax(z.T).T if z.ndim == 2 else _log_softmax(z),
        ),
        Mistake(
            "you summed over the whole array; each "
            "column is one example with its own sum",
            lambda z: z - np.max(z) - np.log(np.sum(np.exp(z - np.max(z)))),
        ),
        Mistake(
            "you returned the log of the sum, log Σ_j′ "
            "e^(z_j′), not log ŷ_j, which subtracts it from z_j",
            lambda z: (
                np.max(z, axis=0, keepdims=True)
                + _log_sum_exp_naive(z - np.max(z, axis=0, keepdims=True))
            ),
        ),
    ],
    ladder=[
        "What is log(Σ e^(z_j')) after you factor e^M out "
        "of the sum, with M the column's largest logit?",
        "log ŷ_j = z_j − log Σ_j′ e^(z_j′): the log of the softmax's denominator is "
        "the hard part. Factor e^M out of that sum, with M the column's maximum, as "
        "eq-softmax-stable does, and take the log of each factor: no exp then sees a "
        "positive exponent, and no log sees 0.",
        "`shifted = z - np.max(z, axis=0, keepdims=True)`, then return `shifted` minus "
        "`np.log(np.sum(np.exp(shifted), axis=0, keepdims=True))`.",
    ],
)


# --------------------------------------------------------------- derive: a raised logit
def _raised_probability(p, dz):
    """Reference: ŷ_j after z_j rises by dz, the other logits fixed: p e^dz / (p e^dz +
    1 − p)."""
    grown = p * np.exp(dz)
    return grown / (grown + 1 - p)


def _raised_cases(rng):
    return [
        ("p = 0.5, dz = 1", (np.array(0.5), np.array(1.0))),
        (
            "p of shape (1, 5), dz = 1",
            (rng.uniform(0.05, 0.95, size=(1, 5)), np.array(1.0)),
        ),
        (
            "p of shape (2, 3), dz = −2 (a logit lowered)",
            (rng.uniform(0.05, 0.95, size=(2, 3)), np.array(-2.0)),
        ),
        (
            "p = 0.01, 0.3, 0.99 and dz = 0.5, 3, 0",
            (np.array([0.01, 0.3, 0.99]), np.array([0.5, 3.0, 0.0])),
        ),
    ]


probability_after_raise = Checker(
    "probability_after_raise",
    _raised_probability,
    _raised_cases,
    kind="derive",
    asks=(),
    mistakes=[
        Mistake(
            "you multiplied ŷ_j by e^dz: that is how the ratio ŷ_j / ŷ_j′ grows "
            "(eq-softmax-ratio), not ŷ_j itself; the probabilities must still sum to "
            "1, so the denominator grows too",
            lambda p, dz: p * np.exp(dz),
        ),
        Mistake(
            "you left out where ŷ_j started: σ(dz) is the answer only from p = ½; the "
            "new probability depends on p",
            lambda p, dz: 1 / (1 + np.exp(-dz)),
        ),
        Mistake(
            "in the new sum, class j's share p of the old sum becomes p e^dz and the "
            "other classes keep theirs; you kept class j's old share p as well",
            lambda p, dz: p * np.exp(dz) / (p * np.exp(dz) + 1),
        ),
        Mistake(
            "you used the slope: p + p(1 − p) dz is the "
            "first-order change, right only for small dz",
            lambda p, dz: p + p * (1 - p) * dz,
        ),
        Mistake(
            "you added dz to the probability; dz is added to the logit z_j, and ŷ_j "
            "depends on it through e^(z_j)",
            lambda p, dz: p + dz,
        ),
    ],
    ladder=[
        "Which term of the softmax's denominator changes when z_j rises by dz, and "
        "what share of the old denominator do the other terms make up?",
        "Write ŷ_j = e^(z_j) / S, with S the sum over all classes. Raising z_j by dz "
        "multiplies one term of S, e^(z_j) = p S, by e^dz and leaves the others, which "
        "add up to (1 − p) S. Divide the new numerator and the new sum by the old S.",
        "The new probability is p e^dz / (p e^dz + 1 − p): `grown = p * np.exp(dz)`, "
        "then `grown / (grown + 1 - p)`.",
    ],
)
