"""Chapter 9 (the backward recursion): one step δ^[l] from δ^[l+1], the whole way down
to δ^[1].

9.1–9.2 code the recursion; 9.3 (derive) is one hidden unit's δ of a 2-2-1 network by
hand; 9.4 (bug) is a backward pass with one planted error, found with the gradient
check.
"""

from __future__ import annotations

import numpy as np

import nnlib

from ._backprop import (
    GRADIENTS,
    backprop,
    batch_size,
    network_cases,
    slip,
    slipped_backward,
)
from ._cases import each_layer, network_case
from .answer import Answer
from .engine import Checker, Mistake


def _hidden_delta_cases(rng):
    return [
        (
            "W_next (3, 3), m = 4",
            (
                rng.normal(size=(3, 3)),
                rng.normal(size=(3, 4)),
                rng.uniform(0, 1, size=(3, 4)),
            ),
        ),
        (
            "one example by hand: W_next = [[1, 2]], δ = [[0.5]], g′ = [[1], [0]]",
            (np.array([[1.0, 2.0]]), np.array([[0.5]]), np.array([[1.0], [0.0]])),
        ),
        (
            "W_next (2, 4): n_(l+1) = 2, n_l = 4, m = 5",
            (
                rng.normal(size=(2, 4)),
                rng.normal(size=(2, 5)),
                rng.uniform(0, 1, size=(4, 5)),
            ),
        ),
        (
            "ReLU g′ (zeros and ones), W_next (4, 3), m = 3",
            (
                rng.normal(size=(4, 3)),
                rng.normal(size=(4, 3)),
                (rng.normal(size=(3, 3)) > 0).astype(float),
            ),
        ),
    ]


hidden_delta = Checker(
    "hidden_delta",
    nnlib.hidden_delta,
    _hidden_delta_cases,
    ladder=[
        "Which way does W^[l+1] map in eq-delta-recursion, and which matrix maps back "
        "from layer l + 1 to layer l? Is the product with g′ a matrix product?",
        "Let the shapes decide: W_next is (n_(l+1), n_l) and delta_next is (n_(l+1), "
        "m); only the transpose of W_next can multiply delta_next into an (n_l, m) "
        "array. The slope g′(z^[l]) then multiplies that result entry by entry (∘ in "
        "eq-delta-recursion), not as a matrix product.",
        "One line: `(W_next.T @ delta_next) * g_prime_z`.",
    ],
    mistakes=[
        Mistake(
            "W^[l+1] maps layer l to layer l + 1; going back from l "
            "+ 1 to l needs the map the other way (a square W hides "
            "the mistake from the shapes, not from the numbers)",
            lambda W_next, delta_next, g_prime_z: (W_next @ delta_next) * g_prime_z,
        ),
        Mistake(
            "you left out the factor g′(z^[l]) of "
            "eq-delta-recursion, which multiplies entry by entry",
            lambda W_next, delta_next, g_prime_z: W_next.T @ delta_next,
        ),
        Mistake(
            "you added g′(z^[l]); in eq-delta-recursion "
            "it multiplies, entry by entry (∘)",
            lambda W_next, delta_next, g_prime_z: W_next.T @ delta_next + g_prime_z,
        ),
        Mistake(
            "you multiplied δ^[l+1] by g′ before going back through W^[l+1]; g′(z^[l]) "
            "belongs to layer l, so it multiplies what comes back, after the product",
            lambda W_next, delta_next, g_prime_z: W_next.T @ (delta_next * g_prime_z),
        ),
    ],
)


def _first_delta_cases(rng):
    cases = []
    for label, sizes, hidden, task, m in [
        ("sizes [2, 3, 3, 3], tanh, m = 4", [2, 3, 3, 3], "tanh", "regression", 4),
        ("sizes [2, 3, 3, 1], sigmoid, m = 5", [2, 3, 3, 1], "sigmoid", "binary", 5),
        ("sizes [3, 4, 2], relu, m = 6", [3, 4, 2], "relu", "multiclass", 6),
        ("sizes [2, 2]: one layer, δ^[1] = δ^[N]", [2, 2], "tanh", "regression", 3),
        (
            "sizes [1, 4, 4, 4, 2], tanh, m = 1",
            [1, 4, 4, 4, 2],
            "tanh",
            "multiclass",
            1,
        ),
    ]:
        net = network_case(rng, sizes, hidden, task, m)
        cases.append((label, (list(net.W), list(net.z), net.delta[-1], hidden)))
    return cases


_deltas = nnlib.backward_deltas


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
    "first_layer_delta",
    _delta_1,
    _first_delta_cases,
    asks=(nnlib.backward_deltas,),
    ladder=[
        "For which l, and in which order, does eq-delta-recursion run? Which W and "
        "which z does the step for layer l need?",
        "Start from δ^[N] and apply one step of the recursion per hidden layer, from l "
        "= N − 1 down to l = 1, each with the weights of layer l + 1 and the "
        "derivative of the hidden activation at layer l's own pre-activation "
        "(nnlib.DERIVATIVES maps the name `hidden` to it). The loop runs over layers, "
        "never over examples; for N = 1 it runs zero times.",
        "`g_prime = nnlib.DERIVATIVES[hidden]`, `delta = "
        "delta_N`, then `for l in range(len(W) - 2, 0, -1): delta "
        "= (W[l + 1].T @ delta) * g_prime(z[l])`; return `delta`.",
    ],
    mistakes=[
        Mistake(
            "in the step for layer l, W^[l+1] maps layer l to layer l + 1; going back "
            "needs the map the other way",
            lambda W, z, delta_N, hidden: _deltas(
                each_layer(np.transpose, W), z, delta_N, hidden
            )[1],
        ),
        Mistake(
            "you multiplied by the slope of layer l + 1; "
            "δ^[l] needs the slope of its own layer, g′(z^[l])",
            lambda W, z, delta_N, hidden: _deltas(
                W, [None] + z[2:] + [None], delta_N, hidden
            )[1],
        ),
        Mistake(
            "you used g, the activation, where its slope g′ belongs",
            lambda W, z, delta_N, hidden: _with_g(
                W, z, delta_N, nnlib.ACTIVATIONS[hidden]
            ),
        ),
        Mistake(
            "you left out the factor g′(z^[l]): δ^[l] = (W^[l+1]ᵀ δ^[l+1]) ∘ g′(z^[l])",
            lambda W, z, delta_N, hidden: _deltas(W, z, delta_N, "identity")[1],
        ),
        Mistake(
            "you also multiplied δ^[N] by g′(z^[N]): δ^[N] is given and already "
            "complete; the recursion runs for l = N − 1, …, 1",
            lambda W, z, delta_N, hidden: _deltas(
                W, z, delta_N * nnlib.DERIVATIVES[hidden](z[-1]), hidden
            )[1],
        ),
        Mistake(
            "you stopped one layer too early: that is "
            "δ^[2]; the recursion runs down to l = 1",
            lambda W, z, delta_N, hidden: _deltas(W, z, delta_N, hidden)[2],
        ),
        Mistake(
            "you returned δ^[N] unchanged: apply the recursion for l = N − 1, …, 1",
            lambda W, z, delta_N, hidden: delta_N,
        ),
    ],
)


# -------------------------------------------------- 9.3 derive: one hidden unit by hand
#: The 2-2-1 network of exercise 9.3 (sigmoid hidden units, sigmoid output with binary
#: cross-entropy).
NET_221 = dict(
    x=[[1.0], [2.0]],
    W1=[[0.5, -0.25], [1.0, 0.5]],
    b1=[[0.0], [-1.0]],
    W2=[[1.0, -2.0]],
    b2=[[0.0]],
    y=1.0,
)


def _net_221():
    """Exercise 9.3's network after a forward and a backward pass (nnlib's)."""
    p = {k: np.array(v, dtype=np.float64) for k, v in NET_221.items()}
    net = nnlib.Network([2, 2, 1], hidden="sigmoid", task="binary")
    net.W = [None, p["W1"], p["W2"]]
    net.b = [None, p["b1"], p["b2"]]
    net.forward(p["x"])
    net.backward(np.full((1, 1), p["y"]))
    return net


def _output_slope():
    """σ′(z^[2]) of exercise 9.3's network."""
    return float(nnlib.sigmoid_prime(_net_221().z[2])[0, 0])


def _unit_1(w=None, delta=None, slope=None):
    """w · δ^[2] · slope for hidden unit 1, each factor right unless given."""
    net = _net_221()
    w = net.W[2][0, 0] if w is None else w
    delta = net.delta[2][0, 0] if delta is None else delta
    slope = nnlib.sigmoid_prime(net.z[1])[0, 0] if slope is None else slope
    return float(w * delta * slope)


hidden_unit_error = Answer(
    "hidden_unit_error",
    lambda: float(_net_221().delta[1][0, 0]),
    label="∂𝓛/∂z^[1]_1",
    rtol=2e-3,
    mistakes=[
        Mistake(
            "the sign is flipped: δ^[2] = ŷ − y, which is negative here (ŷ < y = 1)",
            lambda: -_unit_1(),
        ),
        Mistake(
            "you left out the slope of hidden unit "
            "1: multiply by g′(z^[1]_1) = σ′(z^[1]_1)",
            lambda: _unit_1(slope=1.0),
        ),
        Mistake(
            "you multiplied by σ(z^[1]_1), the activation; "
            "the recursion needs its slope σ′(z^[1]_1)",
            lambda: _unit_1(slope=float(nnlib.sigmoid(_net_221().z[1])[0, 0])),
        ),
        Mistake(
            "you used the slope of the output, σ′(z^[2]); "
            "δ^[1]_1 needs the slope of hidden unit 1 itself, "
            "σ′(z^[1]_1) (eq-delta-recursion-unit: g′ of layer l)",
            lambda: _unit_1(slope=_output_slope()),
        ),
        Mistake(
            "you multiplied δ^[2] by σ′(z^[2]) once more; with binary cross-entropy "
            "δ^[2] = ŷ − y is already ∂𝓛/∂z^[2] (chapter 8)",
            lambda: _unit_1(delta=float(_net_221().delta[2][0, 0] * _output_slope())),
        ),
        Mistake(
            "you used the weight W^[1]_11, which leads into unit 1; the error comes "
            "back along the weight that leads out of it, to the output: W^[2]_11",
            lambda: _unit_1(w=NET_221["W1"][0][0]),
        ),
        Mistake(
            "that is the error of hidden unit 2 (weight W^[2]_12, slope σ′(z^[1]_2)); "
            "the question asks for unit 1",
            lambda: float(_net_221().delta[1][1, 0]),
        ),
    ],
    ladder=[
        "eq-delta-recursion-unit with one unit above: which weight, which δ^[2] and "
        "which slope g′ does δ^[1]_1 multiply?",
        "The output pair is sigmoid with binary cross-entropy, so δ^[2] "
        "= ŷ − y (eq-output-delta). Hidden unit 1 reaches the output "
        "through one weight only, row 1 and column 1 of W^[2]; its own "
        "slope is σ′ at its own pre-activation, σ′(z) = σ(z)(1 − σ(z)).",
        "With the printed arrays: `W2[0, 0] * (y_hat[0, "
        "0] - 1.0) * a1[0, 0] * (1 - a1[0, 0])`.",
    ],
)


# ----------------------------------------------------------- 9.4 bug: the planted error
def _square_hidden_cases(rng):
    """Networks whose layers 1 … N all have the same width (a slip of layer index runs
    silently there)."""
    return network_cases(
        rng,
        [
            (
                "sizes [2, 3, 3, 3], tanh, multi-class, m = 5",
                [2, 3, 3, 3],
                "tanh",
                "multiclass",
                5,
            ),
            (
                "sizes [3, 4, 4, 4], sigmoid, binary, m = 6",
                [3, 4, 4, 4],
                "sigmoid",
                "binary",
                6,
            ),
            (
                "sizes [2, 3, 3, 3], relu, regression, m = 4",
                [2, 3, 3, 3],
                "relu",
                "regression",
                4,
            ),
            (
                "sizes [2, 5, 4, 3], tanh, multi-class, m = 3",
                [2, 5, 4, 3],
                "tanh",
                "multiclass",
                3,
            ),
        ],
    )


fixed_backward = Checker(
    "fixed_backward",
    backprop,
    _square_hidden_cases,
    reader=GRADIENTS,
    m_of=batch_size,
    kind="bug",
    mistakes=[
        Mistake(
            "not fixed yet: the gradients still disagree with finite "
            "differences; run the gradient check above and read the "
            "line that computes the wrong arrays against its equation",
            slip(g_layer=1),
        ),
        Mistake(
            "you multiply by g(z^[l]), the activation; "
            "the recursion needs its slope g′(z^[l])",
            lambda net, X, Y: slipped_backward(net, Y, g=nnlib.ACTIVATIONS[net.hidden]),
        ),
        Mistake(
            "you removed the slope altogether; δ^[l] "
            "needs the factor g′(z^[l]) of its own layer",
            slip(g=np.ones_like),
        ),
        Mistake(
            "the recursion now multiplies by W[l + 1], not by its transpose; going "
            "back from layer l + 1 to layer l reads W^[l+1] the other way round",
            slip(transpose=False),
        ),
    ],
    ladder=[
        "Read the gradient check from the output down: which arrays agree, and which "
        "is the first to disagree?",
        "Every wrong array is computed from a δ^[l] with l < N, and all of those come "
        "from one line. Compare that line with eq-delta-recursion factor by factor, "
        "with its layer indices: which layer's slope does δ^[l] need?",
        "The line in the loop takes the slope at `net.z[l + 1]`; δ^[l] needs its own "
        "layer's: `delta[l] = (net.W[l + 1].T @ delta[l + 1]) * g_prime(net.z[l])`.",
    ],
)
