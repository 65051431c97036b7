"""Chapter 9 (the backward recursion): one step δ^[l] from δ^[l+1], and the whole way down to δ^[1]."""
from __future__ import annotations

import numpy as np

import nnlib

from ._cases import each_layer, network_case
from .engine import Checker, Mistake


def _hidden_delta_cases(rng):
    return [
        ("W_next (3, 3), m = 4",
         (rng.normal(size=(3, 3)), rng.normal(size=(3, 4)), rng.uniform(0, 1, size=(3, 4)))),
        ("one example by hand: W_next = [[1, 2]], δ = [[0.5]], g′ = [[1], [0]]",
         (np.array([[1.0, 2.0]]), np.array([[0.5]]), np.array([[1.0], [0.0]]))),
        ("W_next (2, 4): n_(l+1) = 2, n_l = 4, m = 5",
         (rng.normal(size=(2, 4)), rng.normal(size=(2, 5)), rng.uniform(0, 1, size=(4, 5)))),
        ("ReLU g′ (zeros and ones), W_next (4, 3), m = 3",
         (rng.normal(size=(4, 3)), rng.normal(size=(4, 3)), (rng.normal(size=(3, 3)) > 0).astype(float))),
    ]


hidden_delta = Checker(
    "hidden_delta", nnlib.hidden_delta, _hidden_delta_cases, ("W_next", "delta_next", "g_prime_z"),
    mistakes=[
        Mistake("you forgot to transpose W: W^[l+1] maps layer l to layer l + 1, so going back uses its "
                "transpose, W_next.T @ delta_next (a square W hides the mistake from the shapes, not from "
                "the numbers)",
                lambda W_next, delta_next, g_prime_z: (W_next @ delta_next) * g_prime_z),
        Mistake("you forgot the factor g′(z^[l]): multiply element-wise by g_prime_z",
                lambda W_next, delta_next, g_prime_z: W_next.T @ delta_next),
        Mistake("you added g′(z^[l]); the recursion multiplies, entry by entry: (W_nextᵀ δ) * g_prime_z",
                lambda W_next, delta_next, g_prime_z: W_next.T @ delta_next + g_prime_z),
        Mistake("you multiplied δ^[l+1] by g′ before the product with Wᵀ; the g′ of layer l multiplies the "
                "result: (W_next.T @ delta_next) * g_prime_z",
                lambda W_next, delta_next, g_prime_z: W_next.T @ (delta_next * g_prime_z)),
    ],
)


def _first_delta_cases(rng):
    cases = []
    for label, sizes, hidden, task, m in [
        ("sizes [2, 3, 3, 3], tanh, m = 4", [2, 3, 3, 3], "tanh", "regression", 4),
        ("sizes [2, 3, 3, 1], sigmoid, m = 5", [2, 3, 3, 1], "sigmoid", "binary", 5),
        ("sizes [3, 4, 2], relu, m = 6", [3, 4, 2], "relu", "multiclass", 6),
        ("sizes [2, 2]: one layer, δ^[1] = δ^[N]", [2, 2], "tanh", "regression", 3),
        ("sizes [1, 4, 4, 4, 2], tanh, m = 1", [1, 4, 4, 4, 2], "tanh", "multiclass", 1),
    ]:
        net = network_case(rng, sizes, hidden, task, m)
        cases.append((label, (list(net.W), list(net.z), net.delta[-1], hidden)))
    return cases


def _deltas(W, z, delta_N, hidden):
    return nnlib.backward_deltas(W, z, delta_N, hidden)


def _delta_1(W, z, delta_N, hidden):
    """δ^[1] of :func:`nnlib.backward_deltas`: the reference."""
    return _deltas(W, z, delta_N, hidden)[1]


def _with_g(W, z, delta_N, g):
    """δ^[1] by the recursion with the function ``g`` in place of the derivative g′."""
    delta = delta_N
    for l in range(len(W) - 2, 0, -1):
        delta = nnlib.hidden_delta(W[l + 1], delta, g(z[l]))
    return delta


first_layer_delta = Checker(
    "first_layer_delta", _delta_1, _first_delta_cases, ("W", "z", "delta_N", "hidden"),
    mistakes=[
        Mistake("you forgot to transpose W[l + 1]: going back from layer l + 1 to layer l uses W[l + 1].T",
                lambda W, z, delta_N, hidden: _deltas(each_layer(np.transpose, W), z, delta_N, hidden)[1]),
        Mistake("you multiplied by g′ of the wrong layer: δ^[l] needs g′(z^[l]), that is g′(z[l]), "
                "not g′(z[l + 1])",
                lambda W, z, delta_N, hidden: _deltas(W, [None] + z[2:] + [None], delta_N, hidden)[1]),
        Mistake("you used g instead of g′: multiply by the derivative, nnlib.DERIVATIVES[hidden](z[l])",
                lambda W, z, delta_N, hidden: _with_g(W, z, delta_N, nnlib.ACTIVATIONS[hidden])),
        Mistake("you left out the factor g′(z^[l]): δ^[l] = (W^[l+1]ᵀ δ^[l+1]) ∘ g′(z^[l])",
                lambda W, z, delta_N, hidden: _deltas(W, z, delta_N, "identity")[1]),
        Mistake("you also multiplied δ^[N] by g′(z^[N]): δ^[N] is given and already complete; the "
                "recursion runs for l = N − 1, …, 1",
                lambda W, z, delta_N, hidden:
                _deltas(W, z, delta_N * nnlib.DERIVATIVES[hidden](z[-1]), hidden)[1]),
        Mistake("you stopped one layer too early: that is δ^[2]; the loop must run down to l = 1 "
                "(range(N - 1, 0, -1))",
                lambda W, z, delta_N, hidden: _deltas(W, z, delta_N, hidden)[2]),
        Mistake("you returned δ^[N] unchanged: apply the recursion for l = N − 1, …, 1",
                lambda W, z, delta_N, hidden: delta_N),
    ],
)
