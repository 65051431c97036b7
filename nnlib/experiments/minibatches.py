"""The numbers behind chapter 12's figures (mini-batches): per-example gradients, the
noise of a mini-batch's gradient, and the timing of a pass against a loop."""

from __future__ import annotations

import functools
import json
import time
from pathlib import Path

import numpy as np

from .. import (
    Network,
    per_example_gradients,
    per_example_weight_gradients,
)

# --------------------------------------------------------------------------- chapter 12
#: Batch sizes of chapter 12's explorer; the data set has MINIBATCH_M examples.
MINIBATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256)
MINIBATCH_M = 512
MINIBATCH_DRAWS = 200


@functools.cache
def minibatch_demo():
    """Chapter 12's fixed example: one gradient per example of a [2, 8, 3] tanh network
    on 512 points.

    Returns a dict with ``G`` (m, P): row i holds example i's ∇𝓛 for every parameter
    (W[1], b[1], W[2], b[2] flattened), so that a mini-batch's gradient is the mean of
    its rows and the full gradient ``full`` the mean of all rows (eq.
    `eq-batch-average`); ``names`` of the P parameters and ``pick``, the two shown in
    the scatter plots.

    Returns
    -------
    dict
        ``G``, ``full``, ``names``, ``pick``, ``m`` and ``spread`` (the mean squared
        distance of a row of G from ``full``).
    """
    m = MINIBATCH_M
    net = Network([2, 8, 3], hidden="tanh", task="multiclass", seed=0)
    rng = np.random.default_rng(12)
    X = rng.normal(size=(2, m))
    labels = ((np.arctan2(X[1], X[0]) + np.pi) // (2 * np.pi / 3)).astype(int) % 3
    noisy = rng.random(m) < 0.1
    labels[noisy] = rng.integers(0, 3, int(noisy.sum()))
    net.forward(X)
    dW, db = net.backward(labels)
    blocks, names = [], []
    for l in range(1, net.N + 1):
        blocks.append(
            per_example_weight_gradients(net.delta[l], net.a[l - 1]).reshape(m, -1)
        )
        names += [
            f"W[{l}]{i + 1},{j + 1}"
            for i in range(net.sizes[l])
            for j in range(net.sizes[l - 1])
        ]
        blocks.append(net.delta[l].T)
        names += [f"b[{l}]{i + 1}" for i in range(net.sizes[l])]
    G = np.hstack(blocks)
    full = G.mean(axis=0)
    backprop = np.concatenate(
        [np.concatenate([dW[l].ravel(), db[l].ravel()]) for l in range(1, net.N + 1)]
    )
    assert np.allclose(full, backprop), (
        "the mean of the per-example gradients must be backprop's gradient"
    )
    n_w1 = net.sizes[1] * net.sizes[0]  # the first n_w1 columns are the entries of W[1]
    pick = tuple(int(i) for i in np.sort(np.argsort(G[:, :n_w1].var(axis=0))[-2:]))
    return {
        "G": G,
        "full": full,
        "names": names,
        "pick": pick,
        "m": m,
        "spread": float(np.mean(np.sum((G - full) ** 2, axis=1))),
    }


@functools.cache
def minibatch_estimates(batch_size):
    """Gradients of MINIBATCH_DRAWS random mini-batches of ``batch_size`` examples
    (without replacement).

    Parameters
    ----------
    batch_size : int
        B, at most ``MINIBATCH_M``.

    Returns
    -------
    ndarray
        Shape (MINIBATCH_DRAWS, P): one gradient per mini-batch.
    """
    d = minibatch_demo()
    rng = np.random.default_rng(1000 + int(batch_size))
    idx = np.array(
        [
            rng.choice(d["m"], int(batch_size), replace=False)
            for _ in range(MINIBATCH_DRAWS)
        ]
    )
    return d["G"][idx].mean(axis=1)


def minibatch_cosines(batch_size):
    """The cosine of the angle between each mini-batch gradient and the full one, over
    all coordinates.

    Parameters
    ----------
    batch_size : int
        B, at most ``MINIBATCH_M``.

    Returns
    -------
    ndarray
        Shape (MINIBATCH_DRAWS,), in [−1, 1].
    """
    estimates, full = minibatch_estimates(batch_size), minibatch_demo()["full"]
    return estimates @ full / (np.linalg.norm(estimates, axis=1) * np.linalg.norm(full))


def minibatch_noise_factor(batch_size, m=MINIBATCH_M):
    """√((m − B) / (B (m − 1))): how a standard deviation shrinks for a batch of B of m
    examples.

    Parameters
    ----------
    batch_size : int or array_like
        B.
    m : int
        The number of examples.

    Returns
    -------
    float or ndarray
        The factor, 0 at B = m.
    """
    B = np.asarray(batch_size, dtype=float)
    return np.sqrt((m - B) / (B * (m - 1)))


def minibatch_noise_theory(batch_size):
    """Root-mean-square distance of a mini-batch gradient from the full one (eq.
    `eq-minibatch-noise`).

    Parameters
    ----------
    batch_size : int
        B, at most ``MINIBATCH_M``.

    Returns
    -------
    float
        σ times the factor of :func:`minibatch_noise_factor`.
    """
    d = minibatch_demo()
    return np.sqrt(d["spread"]) * minibatch_noise_factor(batch_size, d["m"])


def minibatch_noise_measured(batch_size):
    """The root-mean-square distance of the MINIBATCH_DRAWS estimates from the full
    gradient.

    Parameters
    ----------
    batch_size : int
        B, at most ``MINIBATCH_M``.

    Returns
    -------
    float
        The measured root-mean-square distance.
    """
    error = minibatch_estimates(batch_size) - minibatch_demo()["full"]
    return float(np.sqrt(np.mean(np.sum(error**2, axis=1))))


#: The batch sizes of chapter 12's timing figure; its network is [20, 64, 64, 10] with
#: ReLU.
TIMING_SIZES = (1, 4, 16, 64, 256)


def time_gradients(sizes=TIMING_SIZES, repeats=7, seed=0, clock=time.perf_counter):
    """Seconds for the gradient of m examples: one pass over m columns, and a loop over
    them.

    For each m, the fastest of ``repeats`` runs (the least disturbed by other programs),
    by ``clock`` (``time.process_time`` counts only this process's work, in one BLAS
    thread).

    Parameters
    ----------
    sizes : sequence of int
        The batch sizes m.
    repeats : int
        Runs per size; the fastest counts.
    seed : int
        The seed of the network and the data.
    clock : callable
        The clock, ``time.perf_counter`` or ``time.process_time``.

    Returns
    -------
    dict
        ``sizes``, and ``t_batch`` and ``t_loop``: seconds per size.
    """
    net = Network([20, 64, 64, 10], hidden="relu", task="multiclass", seed=seed)
    rng = np.random.default_rng(seed)
    X, labels = rng.normal(size=(20, max(sizes))), rng.integers(0, 10, max(sizes))

    def fastest(gradient, m):
        times = []
        for _ in range(repeats):
            start = clock()
            gradient(X[:, :m], labels[:m])
            times.append(clock() - start)
        return min(times)

    t_batch = [fastest(net.loss_and_gradients, m) for m in sizes]
    t_loop = [
        fastest(lambda X, labels: per_example_gradients(net, X, labels), m)
        for m in sizes
    ]
    return {"sizes": list(sizes), "t_batch": t_batch, "t_loop": t_loop}


def gradient_timing(results="performance_results.json"):
    """:func:`time_gradients` as ``make bench`` keeps it (``"timing"``, one BLAS
    thread), else now.

    Parameters
    ----------
    results : str or Path
        The benchmark's results file.

    Returns
    -------
    dict
        As :func:`time_gradients`, with ``measured`` and ``threads``.
    """
    path = Path(results)
    measured = (
        json.loads(path.read_text(encoding="utf-8")).get("timing")
        if path.exists()
        else None
    )
    return measured or {
        **time_gradients(),
        "measured": "just now, on this computer",
        "threads": None,
    }
