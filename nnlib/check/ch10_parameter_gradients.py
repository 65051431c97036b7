"""Chapter 10 (parameter gradients): ∇W and ∇b of one layer, and ∇W^[l] picked from a whole network."""
from __future__ import annotations

import numpy as np

import nnlib

from ._cases import m_columns, network_case
from .engine import Checker, Mistake


def _weight_gradient_cases(rng):
    return [
        ("by hand: δ (2, 2), a_prev (3, 2)",
         (np.array([[0.5, 1.0], [-1.0, 0.0]]), np.array([[1.0, 2.0], [2.0, 0.0], [1.0, 1.0]]))),
        ("a square layer: δ (4, 5), a_prev (4, 5)", (rng.normal(size=(4, 5)), rng.normal(size=(4, 5)))),
        ("one example (m = 1): δ (3, 1), a_prev (2, 1)", (rng.normal(size=(3, 1)), rng.normal(size=(2, 1)))),
        ("one output unit: δ (1, 6), a_prev (5, 6)", (rng.normal(size=(1, 6)), rng.normal(size=(5, 6)))),
    ]


weight_gradient = Checker(
    "weight_gradient", nnlib.weight_gradient, _weight_gradient_cases, ("delta", "a_prev"), m_of=m_columns,
    mistakes=[
        Mistake("you forgot the 1/m: the matrix product sums over the m examples, and ∇W^[l]J averages "
                "them: divide by m = delta.shape[1]",
                lambda delta, a_prev: delta @ a_prev.T),
        Mistake("you computed a_prev δᵀ, the transpose: ∇W^[l] must have W^[l]'s shape (n_l, n_(l−1)), "
                "so it is delta @ a_prev.T / m",
                lambda delta, a_prev: a_prev @ delta.T / delta.shape[1]),
        Mistake("you multiplied δ by its own transpose (n_l × n_l); the weights of layer l connect to the "
                "activations of the layer below: delta @ a_prev.T / m",
                lambda delta, a_prev: delta @ delta.T / delta.shape[1]),
        Mistake("you divided by n_l, the number of rows; the average is over the m examples, the columns",
                lambda delta, a_prev: delta @ a_prev.T / delta.shape[0]),
    ],
)


def _bias_cases(rng):
    return [
        ("by hand: δ = [[0.5, 1], [−1, 0]]", (np.array([[0.5, 1.0], [-1.0, 0.0]]),)),
        ("δ (4, 5)", (rng.normal(size=(4, 5)),)),
        ("one example (m = 1): δ (3, 1)", (rng.normal(size=(3, 1)),)),
        ("a square δ (3, 3)", (rng.normal(size=(3, 3)),)),
    ]


_WRONG_AXIS = ("you averaged over the wrong axis: axis 0 runs over the n_l units; the examples are the "
               "columns, so average with axis=1")

_EVERY_ENTRY = ("you averaged over every entry (np.mean(delta)); average each row over the examples: "
                "axis=1, keepdims=True")

bias_gradient = Checker(
    "bias_gradient", nnlib.bias_gradient, _bias_cases, ("delta",), m_of=m_columns,
    mistakes=[
        Mistake("you summed over the examples instead of averaging: ∇b^[l]J = (1/m) Σ_columns δ^[l], "
                "np.mean(delta, axis=1, keepdims=True)",
                lambda delta: np.sum(delta, axis=1, keepdims=True)),
        Mistake(_WRONG_AXIS, lambda delta: np.mean(delta, axis=0, keepdims=True)),
        Mistake(_WRONG_AXIS, lambda delta: np.mean(delta, axis=0)),
        Mistake("you returned a flat vector of shape (n_l,); b^[l] is a column of shape (n_l, 1): "
                "use keepdims=True or .reshape(-1, 1)",
                lambda delta: np.mean(delta, axis=1)),
        Mistake("you returned δ^[l] itself: ∇b = δ holds for one example; over a batch average its columns",
                lambda delta: delta),
        Mistake(_EVERY_ENTRY, lambda delta: np.mean(delta)),
        Mistake(_EVERY_ENTRY, lambda delta: np.full((len(delta), 1), np.mean(delta))),
    ],
)


def _layer_gradient_cases(rng):
    cases = []
    for label, sizes, l, m in [
        ("sizes [3, 4, 4, 2], l = 2 (a square layer), m = 5", [3, 4, 4, 2], 2, 5),
        ("sizes [3, 4, 4, 2], l = 1, m = 5", [3, 4, 4, 2], 1, 5),
        ("sizes [2, 3, 1], l = 2, m = 4", [2, 3, 1], 2, 4),
        ("sizes [2, 2], l = 1 (square, N = 1), m = 1", [2, 2], 1, 1),
    ]:
        net = network_case(rng, sizes, "tanh", "regression", m)
        cases.append((label, (list(net.delta), list(net.a), l)))
    return cases


def _layer_weight_gradient(delta, a, l):
    """∇W^[l] = weight_gradient(delta[l], a[l − 1]): the reference."""
    return nnlib.weight_gradient(delta[l], a[l - 1])


def _layer_m(args):
    return int(args[1][0].shape[1])


layer_weight_gradient = Checker(
    "layer_weight_gradient", _layer_weight_gradient, _layer_gradient_cases, ("delta", "a", "l"),
    m_of=_layer_m,
    mistakes=[
        Mistake("you used a[l], the activations of layer l itself: that is the notes' misprint δ^[l] a^[l]ᵀ. "
                "W^[l] connects layer l − 1 to layer l, so use a[l - 1]",
                lambda delta, a, l: nnlib.misprinted_weight_gradient(delta[l], a[l])),
        Mistake("you used a[l], the activations of layer l itself (the notes' misprint), and forgot the 1/m: "
                "delta[l] @ a[l - 1].T / m",
                lambda delta, a, l: delta[l] @ a[l].T),
        Mistake("you forgot the 1/m: the matrix product sums over the m examples; divide by m",
                lambda delta, a, l: delta[l] @ a[l - 1].T),
        Mistake("that is the gradient of W[l + 1]; for W[l] use delta[l] and a[l - 1]",
                lambda delta, a, l: nnlib.weight_gradient(delta[l + 1], a[l])),
        Mistake("that is the gradient of W[l − 1]; for W[l] use delta[l] and a[l - 1]",
                lambda delta, a, l: nnlib.weight_gradient(delta[l - 1], a[l - 2])),
        Mistake("you computed a[l − 1] δᵀ, the transpose: ∇W^[l] has W^[l]'s shape, "
                "delta[l] @ a[l - 1].T / m",
                lambda delta, a, l: a[l - 1] @ delta[l].T / delta[l].shape[1]),
    ],
)
