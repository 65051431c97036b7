"""Chapter 10 (parameter gradients): ∇W and ∇b of a layer, the misprint, and the whole
backward pass.

10.1–10.3 code the chapter's equations; 10.4 and 10.5 (derive) are the shapes of a slip
that a square layer hides and one entry of ∇W by hand; 10.6 (bug) is a planted error
found with the gradient check; 10.7 (end-to-end) is the backward pass of a 3-layer
network from scratch.
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
from ._cases import m_columns, network_case
from .answer import Answer
from .engine import Checker, Mistake


def _weight_gradient_cases(rng):
    return [
        ("by hand: δ (2, 2), a_prev (3, 2)",
         (np.array([[0.5, 1.0], [-1.0, 0.0]]),
          np.array([[1.0, 2.0], [2.0, 0.0], [1.0, 1.0]]))),
        ("a square layer: δ (4, 5), a_prev (4, 5)",
         (rng.normal(size=(4, 5)), rng.normal(size=(4, 5)))),
        ("one example (m = 1): δ (3, 1), a_prev (2, 1)",
         (rng.normal(size=(3, 1)), rng.normal(size=(2, 1)))),
        ("one output unit: δ (1, 6), a_prev (5, 6)",
         (rng.normal(size=(1, 6)), rng.normal(size=(5, 6)))),
    ]


weight_gradient = Checker(
    "weight_gradient", nnlib.weight_gradient, _weight_gradient_cases, m_of=m_columns,
    ladder=[
        "eq-grad-W: what does one matrix product of δ with a transposed activation sum "
        "over, and what shape must the result have?",
        "Each example adds the outer product of its column of delta with its column of "
        "a_prev (eq-grad-W-example). One matrix product of delta, (n_l, m), with the "
        "transpose of a_prev, (m, n_(l−1)), adds all m of them; the cost is a mean, so "
        "divide by m, the number of columns.",
        "`m = delta.shape[1]`, then `delta @ a_prev.T / m`.",
    ],
    mistakes=[
        Mistake("you forgot the 1/m: the matrix product sums over the m examples, "
                "and ∇W^[l]J averages them", lambda delta, a_prev: delta @ a_prev.T),
        Mistake("you computed a_prev δᵀ, the transpose: ∇W^[l] must have W^[l]'s shape "
                "(n_l, n_(l−1)), rows from δ and columns from the activations below",
                lambda delta, a_prev: a_prev @ delta.T / delta.shape[1]),
        Mistake("you multiplied δ by its own transpose (n_l × n_l); the weights of "
                "layer l connect δ to the activations of the layer below",
                lambda delta, a_prev: delta @ delta.T / delta.shape[1]),
        Mistake("you divided by n_l, the number of rows; the average is over "
                "the m examples, the columns",
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


_WRONG_AXIS = ("you averaged over the wrong axis, the n_l units of each column; the "
               "examples are the columns, and each unit's row is averaged over them")

_EVERY_ENTRY = ("you averaged over every entry of δ at once; each unit, one row, gets "
                "its own mean over the examples")

bias_gradient = Checker(
    "bias_gradient", nnlib.bias_gradient, _bias_cases, m_of=m_columns,
    ladder=[
        "eq-grad-b: along which axis do the examples run, and what shape must ∇b have?",
        "Average each row of delta over its m columns, the examples. The result must "
        "be a column of shape (n_l, 1), like b, not a flat vector: numpy's reductions "
        "can keep the reduced axis.",
        "One line: `np.mean(delta, axis=1, keepdims=True)`.",
    ],
    mistakes=[
        Mistake("you summed over the examples instead of averaging: ∇b^[l]J = (1/m) "
                "Σ_columns δ^[l] (eq-grad-b)",
                lambda delta: np.sum(delta, axis=1, keepdims=True)),
        Mistake(_WRONG_AXIS, lambda delta: np.mean(delta, axis=0, keepdims=True)),
        Mistake(_WRONG_AXIS, lambda delta: np.mean(delta, axis=0)),
        Mistake("the numbers are right but you returned a flat vector of shape (n_l,); "
                "b^[l] is a column of shape (n_l, 1), and so is its gradient",
                lambda delta: np.mean(delta, axis=1)),
        Mistake("you returned δ^[l] itself: ∇b = δ holds for one example; over "
                "a batch average its columns", lambda delta: delta),
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
    "layer_weight_gradient", _layer_weight_gradient, _layer_gradient_cases,
    m_of=_layer_m,
    ladder=[
        "Which activations does W[l] multiply in eq-affine, those of layer l or of the "
        "layer below? And where can you read the batch size m?",
        "W[l] connects layer l − 1 to layer l, so its gradient pairs the error "
        "of layer l with the activations that W[l] multiplies, those of the "
        "layer below (eq-grad-W-unit). The batch size m is the number of columns "
        "of any of these arrays.",
        "`m = a[0].shape[1]`, then `delta[l] @ a[l - 1].T / m`.",
    ],
    mistakes=[
        Mistake("you used the activations of layer l itself: that is the notes' "
                "misprint δ^[l] a^[l]ᵀ. W^[l] connects layer l − 1 to layer l and "
                "multiplies the activations below it",
                lambda delta, a, l: nnlib.misprinted_weight_gradient(delta[l], a[l])),
        Mistake("two slips: you used the activations of layer l itself (the notes' "
                "misprint), and forgot the 1/m of the average",
                lambda delta, a, l: delta[l] @ a[l].T),
        Mistake("you forgot the 1/m: the matrix product sums over the "
                "m examples; divide by m", lambda delta, a, l: delta[l] @ a[l - 1].T),
        Mistake("that is the gradient of W^[l+1], one layer too high: both arrays are "
                "one layer above those W^[l] needs",
                lambda delta, a, l: nnlib.weight_gradient(delta[l + 1], a[l])),
        Mistake("that is the gradient of W^[l−1], one layer too low: both arrays are "
                "one layer below those W^[l] needs",
                lambda delta, a, l: nnlib.weight_gradient(delta[l - 1], a[l - 2])),
        Mistake("you computed a^[l−1] δᵀ, the transpose: ∇W^[l] has W^[l]'s shape, "
                "rows from δ^[l] and columns from the activations below",
                lambda delta, a, l: a[l - 1] @ delta[l].T / delta[l].shape[1]),
    ],
)


# ----------------------------------------- 10.4 derive: the shapes of a swapped product
#: Exercise 10.4's network and batch.
SHAPES_NET = dict(sizes=[4, 6, 6, 3], m=8)


def _shape_net():
    sizes, m = SHAPES_NET["sizes"], SHAPES_NET["m"]
    net = nnlib.Network(sizes, hidden="tanh", task="multiclass")
    net.forward(np.random.default_rng(0).normal(size=(sizes[0], m)))
    net.backward(np.arange(m) % sizes[-1])
    return net


def _shapes(arrays):
    return np.array([a.shape for a in arrays[1:]], dtype=np.float64)


def _swapped_shapes():
    """The shapes of a^[l−1] δ^[l]ᵀ / m, the factors of eq-grad-W swapped, for l = 1, 2,
    3."""
    net = _shape_net()
    m = SHAPES_NET["m"]
    return _shapes(
        [None] + [net.a[l - 1] @ net.delta[l].T / m for l in range(1, net.N + 1)])


swapped_shapes = Answer(
    "swapped_shapes", _swapped_shapes,
    label="the shapes of a^[l−1] δ^[l]ᵀ / m for l = 1, 2, 3",
    form="three (rows, columns) pairs, one for each layer l = 1, 2, 3",
    mistakes=[
        Mistake("those are the shapes of W^[l], which the right gradient δ^[l] "
                "a^[l−1]ᵀ has; in the swapped product the activations come "
                "first, so its rows are theirs", lambda: _shapes(_shape_net().W)),
        Mistake("those are the shapes of the notes' misprint δ^[l] "
                "a^[l]ᵀ; this question swaps the two factors of the right "
                "formula, a^[l−1] and δ^[l]",
                lambda: np.array([(n, n) for n in SHAPES_NET["sizes"][1:]],
                                 dtype=np.float64)),
        Mistake("(m, m) is the shape of a product that sums over units, with the "
                "m examples outside; a^[l−1] δ^[l]ᵀ sums over the m examples, the "
                "inner size of (n × m)(m × n′)",
                lambda: np.full((3, 2), float(SHAPES_NET["m"]))),
        Mistake("those are the shapes of δ^[l] alone, (n_l, m); the product with "
                "a^[l−1] on its left keeps the outer sizes, rows from a^[l−1] "
                "and columns from δ^[l]ᵀ", lambda: _shapes(_shape_net().delta)),
        Mistake("those are the shapes of a^[l−1] alone, (n_(l−1), m); multiplied by "
                "δ^[l]ᵀ, of shape (m, n_l), the m examples are summed away",
                lambda: _shapes([None] + _shape_net().a[:-1])),
    ],
    ladder=[
        "What shapes do a^[l−1] and δ^[l]ᵀ have for a batch of m examples (the "
        "notation table), and which two of their sizes does the product keep?",
        "Take the shapes from the notation table: a^[l−1] is (n_(l−1), m) and "
        "δ^[l] is (n_l, m), so δ^[l]ᵀ is (m, n_l). An (a × b) matrix times a (b "
        "× c) matrix is (a × c); the 1/m changes no shape. Do it for l = 1, 2, 3 "
        "with n_0, …, n_3 = 4, 6, 6, 3.",
        "Layer l gives (n_(l−1), n_l): `swapped_shapes = [(4, 6), (6, 6), (6, 3)]`. "
        "Only layer 2's, (6, 6), is also the shape of W^[2]: there the swapped code "
        "runs, and updates W^[2] with the transpose of its gradient.",
    ],
)


# ------------------------------------------------- 10.5 derive: one entry of ∇W by hand
#: Exercise 10.5's numbers: the errors of layer 2 and the activations of layers 1 and 2,
#: m = 3 examples.
ENTRY = dict(delta=[[0.5, -1.0, 0.4], [0.2, 0.4, -0.5]],
             a1=[[1.0, 0.0, 2.0], [0.5, 1.5, 1.0], [2.0, -1.0, 0.5]],
             a2=[[0.3, 0.9, 0.1], [0.7, 0.2, 0.4]])


def _entry(name):
    return np.array(ENTRY[name], dtype=np.float64)


def _mean_product(i, j, rows="a1"):
    """(1/m) Σ over the examples of δ_i a_j, rows counted from 0."""
    return float(np.mean(_entry("delta")[i] * _entry(rows)[j]))


weight_gradient_entry = Answer(
    "weight_gradient_entry",
    lambda: float(nnlib.weight_gradient(_entry("delta"), _entry("a1"))[0, 1]),
    label="∂J/∂W^[2]_12", rtol=2e-3, m=3,
    mistakes=[
        Mistake("you summed over the 3 examples; J is their mean, so divide by m = 3",
                lambda: 3 * _mean_product(0, 1)),
        Mistake("you used a^[2], the activations of layer 2 itself: that is the notes' "
                "misprint; W^[2] multiplies a^[1], the layer below",
                lambda: _mean_product(0, 1, rows="a2")),
        Mistake("you swapped the indices: entry (1, 2) pairs unit 1 of layer 2 (row 1 "
                "of δ^[2]) with unit 2 of layer 1 (row 2 of a^[1])",
                lambda: _mean_product(1, 0)),
        Mistake("you read (1, 2) as numpy indices [1, 2]; the math counts rows and "
                "columns from 1, so W^[2]_12 is W[2][0, 1] in numpy",
                lambda: _mean_product(1, 2)),
        Mistake("you used column 2 of a^[1]; the examples are the columns, and "
                "unit 2 of layer 1 is row 2",
                lambda: float(np.mean(_entry("delta")[0] * _entry("a1")[:, 1]))),
        Mistake("that is ∂J/∂b^[2]_1, the mean of row 1 of δ^[2]; a weight also needs "
                "the activation at its start",
                lambda: float(np.mean(_entry("delta")[0]))),
    ],
    ladder=[
        "eq-grad-W-unit for one example, averaged over the batch as in "
        "eq-grad-W: which row of δ^[2], and which row of which activation, "
        "does entry (1, 2) pair?",
        "eq-grad-W-unit gives one example's ∂𝓛/∂W_ij = δ_i a_j; J averages over the "
        "examples. Entry (i, j) pairs unit i of layer 2 (row i of δ^[2]) with unit j "
        "of layer 1 (row j of a^[1]): multiply them example by example and take the "
        "mean. Rows count from 1 here, from 0 in numpy.",
        "Row 1 of δ^[2] times row 2 of a^[1], example by example, averaged: "
        "`(0.5 * 0.5 + (-1.0) * 1.5 + 0.4 * 1.0) / 3`.",
    ],
)


# ---------------------------------------------------------- 10.6 bug: the planted error
def _gradient_cases(rng):
    return network_cases(rng, [
        ("sizes [3, 4, 4, 2], tanh, multi-class, m = 8",
         [3, 4, 4, 2], "tanh", "multiclass", 8),
        ("sizes [2, 5, 3, 1], sigmoid, binary, m = 6",
         [2, 5, 3, 1], "sigmoid", "binary", 6),
        ("sizes [3, 3, 3, 3], relu, regression, m = 5",
         [3, 3, 3, 3], "relu", "regression", 5),
        ("sizes [2, 4, 3, 2], tanh, multi-class, m = 1",
         [2, 4, 3, 2], "tanh", "multiclass", 1),
    ])


def _bias_also_divided(net, X, Y):
    dW, db = slipped_backward(net, Y)
    return dW, [None] + [g / X.shape[1] for g in db[1:]]


def _divided_by_units(net, X, Y):
    dW, db = slipped_backward(net, Y, mean_W=False)
    return [None] + [g / g.shape[0] for g in dW[1:]], db


fixed_gradients = Checker(
    "fixed_gradients", backprop, _gradient_cases, reader=GRADIENTS, m_of=batch_size,
    kind="bug",
    mistakes=[
        Mistake("not fixed yet: the gradients still disagree with finite differences; "
                "run the gradient check above and compare the arrays that are wrong "
                "with those that are right", slip(mean_W=False)),
        Mistake("now the biases' gradients are m times too small: the mean over the "
                "columns already divides by m, once", _bias_also_divided),
        Mistake("you divided by n_l, the number of rows; J averages over "
                "the m examples, the columns", _divided_by_units),
        Mistake("you used the activations of layer l itself (the notes' misprint); "
                "W^[l] multiplies the activations of the layer below", slip(a_layer=0)),
    ],
    ladder=[
        "Which arrays does the gradient check reject, and which pass?",
        "The weights and the biases of a layer come from the same δ^[l], so compare "
        "the two lines that turn δ^[l] into them. The size of the error tells too: for "
        "which factor c is ‖cA − A‖ / (‖cA‖ + ‖A‖) the relative error you see?",
        "A relative error of (c − 1)/(c + 1) is a factor c: here "
        "c = m. The weights' line lacks the 1/m of eq-grad-W: "
        "`dW.append(delta[l] @ net.a[l - 1].T / X.shape[1])`.",
    ],
)


# -------------------------------------------------------- 10.7 end to end: from scratch
def _scratch_cases(rng):
    return network_cases(rng, [
        ("sizes [3, 3, 3, 3] (every layer square), tanh, multi-class, m = 5",
         [3, 3, 3, 3], "tanh", "multiclass", 5),
        ("sizes [2, 4, 3, 1], sigmoid, binary, m = 6",
         [2, 4, 3, 1], "sigmoid", "binary", 6),
        ("sizes [3, 5, 4, 2], relu, regression, m = 4",
         [3, 5, 4, 2], "relu", "regression", 4),
        ("sizes [2, 3, 3, 2], tanh, multi-class, one example (m = 1)",
         [2, 3, 3, 2], "tanh", "multiclass", 1),
    ])


backward_from_scratch = Checker(
    "backward_from_scratch", backprop, _scratch_cases, reader=GRADIENTS,
    m_of=batch_size, kind="end-to-end",
    asks=(nnlib.Network.backward, nnlib.backward_deltas),
    mistakes=[
        Mistake("the recursion goes back through W^[l+1] as it stands, which maps "
                "layer l to l + 1; going back needs the map the other way (square "
                "layers hide it from the shapes, not the numbers)",
                slip(transpose=False)),
        Mistake("the recursion used g′ of layer l + 1; δ^[l] needs the slope "
                "of its own layer, g′(z^[l])", slip(g_layer=1)),
        Mistake("the recursion used g, the activation, where its slope g′ belongs",
                lambda net, X, Y: slipped_backward(
                    net, Y, g=nnlib.ACTIVATIONS[net.hidden])),
        Mistake("∇W^[l] used the activations of layer l itself: the notes' misprint; "
                "W^[l] multiplies the activations of the layer below", slip(a_layer=0)),
        Mistake("∇W[l] is a^[l−1] δᵀ, the transpose; it must have W[l]'s "
                "shape, rows from δ^[l]", slip(a_layer="T")),
        Mistake("∇W and ∇b both lack the 1/m: the matrix products and the sums add the "
                "m examples up, and J averages them (the notes' second slip)",
                slip(mean_W=False, mean_b=False)),
        Mistake("∇W lacks the 1/m: the matrix product adds the m examples "
                "up, and J averages them", slip(mean_W=False)),
        Mistake("∇b lacks the 1/m: average the columns of δ^[l], do not add them up",
                slip(mean_b=False)),
        Mistake("δ^[N] = ŷ − y is already complete for the three tasks; it "
                "takes no factor g′(z^[N])", slip(output_slope=True)),
        Mistake("the sign is flipped: δ^[N] = ŷ − y, not y − ŷ", slip(sign=-1.0)),
    ],
    ladder=[
        "Which equations, in which order: eq-output-delta, eq-delta-recursion for l = "
        "N − 1, …, 1, then eq-grad-W and eq-grad-b? What shape must dW[l] have?",
        "Keep lists indexed like net.W. δ^[N] comes from the stored prediction and Y; "
        "δ^[l], for l from N − 1 down to 1, from δ^[l+1], the weights of layer l + 1 "
        "and the slope g′ at layer l (nnlib.DERIVATIVES maps net.hidden to g′); then "
        "each layer's ∇W and ∇b from its δ, averaged over the m columns. net.a and "
        "net.z hold what the forward pass computed.",
        "`error = net.a[N] - Y`; then for `l` from `N` "
        "down to 1: `dW[l] = error @ net.a[l - 1].T / m`, "
        "`db[l] = error.sum(axis=1, keepdims=True) / m`, and, while `l > 1`, "
        "`error = (net.W[l].T @ error) * g_prime(net.z[l - 1])`.",
    ],
)
