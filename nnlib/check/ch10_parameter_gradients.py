"""Chapter 10 (parameter gradients): ∇W and ∇b of a layer, the misprint, and the whole backward pass.

10.1–10.3 code the chapter's equations; 10.4 and 10.5 (derive) are the misprint's shapes and
one entry of ∇W by hand; 10.6 (bug) is a planted error found with the gradient check; 10.7
(end-to-end) is the backward pass of a 3-layer network from scratch.
"""
from __future__ import annotations

import numpy as np

import nnlib

from ._backprop import BackwardChecker, network_cases, slip, slipped_backward
from ._cases import m_columns, network_case
from .engine import Answer, Checker, Mistake


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
    hint="Each example adds the outer product of its column of delta with its column of a_prev "
         "(eq-grad-W-example). One matrix product of delta, (n_l, m), with the transpose of a_prev, "
         "(m, n_(l−1)), adds all m of them; the cost is a mean, so divide by m, the number of columns.",
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
    hint="Average each row of delta over its m columns, the examples. The result must be a column of "
         "shape (n_l, 1), like b, not a flat vector: numpy's reductions can keep the reduced axis.",
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
    hint="W[l] connects layer l − 1 to layer l, so its gradient pairs the error of layer l with the "
         "activations that W[l] multiplies, those of the layer below (eq-grad-W-unit). The batch size m is "
         "the number of columns of any of these arrays.",
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


# ------------------------------------------------------------------------ 10.4 derive: the misprint's shapes
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


def _misprint_shapes():
    net = _shape_net()
    printed = [nnlib.misprinted_weight_gradient(net.delta[l], net.a[l]) for l in range(1, net.N + 1)]
    return _shapes([None] + printed)


misprint_shapes = Answer(
    "misprint_shapes", _misprint_shapes,
    label="the shapes of δ^[l] a^[l]ᵀ for l = 1, 2, 3",
    mistakes=[
        Mistake("those are the shapes of W^[l], which the right gradient δ^[l] a^[l−1]ᵀ has; the misprint "
                "multiplies δ^[l] by a^[l]ᵀ, the activations of layer l itself",
                lambda: _shapes(_shape_net().W)),
        Mistake("those are the shapes of δ^[l] alone, (n_l, m); the product with a^[l]ᵀ, of shape (m, n_l), "
                "sums over the m examples",
                lambda: _shapes(_shape_net().delta)),
        Mistake("(m, m) is the shape of δ^[l]ᵀ a^[l], a sum over the units; the misprint is δ^[l] a^[l]ᵀ, a "
                "sum over the examples",
                lambda: np.full((3, 2), float(SHAPES_NET["m"]))),
        Mistake("those are the shapes of δ^[l] a^[l−1]ᵀ transposed; write the shape of each factor, "
                "(rows, columns), and keep the outer two",
                lambda: _shapes(_shape_net().W)[:, ::-1]),
    ],
    hint="Take the shapes from the notation table: δ^[l] is (n_l, m) and a^[l] is (n_l, m), so a^[l]ᵀ is "
         "(m, n_l). An (a × b) matrix times a (b × c) matrix is (a × c). Do it for l = 1, 2, 3 with "
         "n_0, …, n_3 = 4, 6, 6, 3.",
)


# --------------------------------------------------------------------- 10.5 derive: one entry of ∇W by hand
#: Exercise 10.5's numbers: the errors of layer 2 and the activations of layers 1 and 2, m = 3 examples.
ENTRY = dict(delta=[[0.5, -1.0, 0.4], [0.2, 0.4, -0.5]],
             a1=[[1.0, 0.0, 2.0], [0.5, 1.5, 1.0], [2.0, -1.0, 0.5]],
             a2=[[0.3, 0.9, 0.1], [0.7, 0.2, 0.4]])


def _entry(name):
    return np.array(ENTRY[name], dtype=np.float64)


def _mean_product(i, j, rows="a1"):
    """(1/m) Σ over the examples of δ_i a_j, rows counted from 0."""
    return float(np.mean(_entry("delta")[i] * _entry(rows)[j]))


weight_gradient_entry = Answer(
    "weight_gradient_entry", lambda: float(nnlib.weight_gradient(_entry("delta"), _entry("a1"))[0, 1]),
    label="∂J/∂W^[2]_12", rtol=2e-3, m=3,
    mistakes=[
        Mistake("you summed over the 3 examples; J is their mean, so divide by m = 3",
                lambda: 3 * _mean_product(0, 1)),
        Mistake("you used a^[2], the activations of layer 2 itself: that is the notes' misprint; W^[2] "
                "multiplies a^[1], the layer below",
                lambda: _mean_product(0, 1, rows="a2")),
        Mistake("you swapped the indices: entry (1, 2) pairs unit 1 of layer 2 (row 1 of δ^[2]) with unit 2 "
                "of layer 1 (row 2 of a^[1])",
                lambda: _mean_product(1, 0)),
        Mistake("you read (1, 2) as numpy indices [1, 2]; the math counts rows and columns from 1, so "
                "W^[2]_12 is W[2][0, 1] in numpy",
                lambda: _mean_product(1, 2)),
        Mistake("you used column 2 of a^[1]; the examples are the columns, and unit 2 of layer 1 is row 2",
                lambda: float(np.mean(_entry("delta")[0] * _entry("a1")[:, 1]))),
        Mistake("that is ∂J/∂b^[2]_1, the mean of row 1 of δ^[2]; a weight also needs the activation at its "
                "start", lambda: float(np.mean(_entry("delta")[0]))),
    ],
    hint="Eq. eq-grad-W-unit gives one example's ∂𝓛/∂W_ij = δ_i a_j; J averages over the examples. Entry "
         "(i, j) pairs unit i of layer 2 (row i of δ^[2]) with unit j of layer 1 (row j of a^[1]): multiply "
         "them example by example and take the mean. Rows count from 1 here, from 0 in numpy.",
)


# ------------------------------------------------------------------------------ 10.6 bug: the planted error
def _gradient_cases(rng):
    return network_cases(rng, [
        ("sizes [3, 4, 4, 2], tanh, multi-class, m = 8", [3, 4, 4, 2], "tanh", "multiclass", 8),
        ("sizes [2, 5, 3, 1], sigmoid, binary, m = 6", [2, 5, 3, 1], "sigmoid", "binary", 6),
        ("sizes [3, 3, 3, 3], relu, regression, m = 5", [3, 3, 3, 3], "relu", "regression", 5),
        ("sizes [2, 4, 3, 2], tanh, multi-class, m = 1", [2, 4, 3, 2], "tanh", "multiclass", 1),
    ])


def _bias_also_divided(net, X, Y):
    dW, db = slipped_backward(net, Y)
    return dW, [None] + [g / X.shape[1] for g in db[1:]]


def _divided_by_units(net, X, Y):
    dW, db = slipped_backward(net, Y, mean_W=False)
    return [None] + [g / g.shape[0] for g in dW[1:]], db


fixed_gradients = BackwardChecker(
    "fixed_gradients", _gradient_cases, kind="bug",
    mistakes=[
        Mistake("not fixed yet: the gradients still disagree with finite differences; run the gradient "
                "check above and compare the arrays that are wrong with those that are right",
                slip(mean_W=False)),
        Mistake("now the biases' gradients are m times too small: the mean over the columns already "
                "divides by m, once",
                _bias_also_divided),
        Mistake("you divided by n_l, the number of rows; J averages over the m examples, the columns",
                _divided_by_units),
        Mistake("you used a[l], the activations of layer l itself (the notes' misprint); W[l] multiplies "
                "a[l − 1]",
                slip(a_layer=0)),
    ],
    hint="Which arrays does the gradient check reject, and which pass? The weights and the biases of a "
         "layer come from the same δ^[l], so compare the two lines that turn δ^[l] into them. The size of "
         "the error tells too: for which factor c is ‖cA − A‖ / (‖cA‖ + ‖A‖) the relative error you see?",
)


# ----------------------------------------------------------------------- 10.7 end to end: from scratch
def _scratch_cases(rng):
    return network_cases(rng, [
        ("sizes [3, 3, 3, 3] (every layer square), tanh, multi-class, m = 5", [3, 3, 3, 3], "tanh",
         "multiclass", 5),
        ("sizes [2, 4, 3, 1], sigmoid, binary, m = 6", [2, 4, 3, 1], "sigmoid", "binary", 6),
        ("sizes [3, 5, 4, 2], relu, regression, m = 4", [3, 5, 4, 2], "relu", "regression", 4),
        ("sizes [2, 3, 3, 2], tanh, multi-class, one example (m = 1)", [2, 3, 3, 2], "tanh",
         "multiclass", 1),
    ])


backward_from_scratch = BackwardChecker(
    "backward_from_scratch", _scratch_cases, kind="end-to-end",
    asks=(nnlib.Network.backward, nnlib.backward_deltas),
    mistakes=[
        Mistake("the recursion forgot the transpose: going back from layer l + 1 to layer l uses "
                "W[l + 1].T (square layers hide it from the shapes, not from the numbers)",
                slip(transpose=False)),
        Mistake("the recursion used g′ of layer l + 1; δ^[l] needs g′(z[l]), the slope of its own layer",
                slip(g_layer=1)),
        Mistake("the recursion used g, the activation, where its slope g′ belongs",
                lambda net, X, Y: slipped_backward(net, Y, g=nnlib.ACTIVATIONS[net.hidden])),
        Mistake("∇W[l] used a[l], the activations of layer l itself: the notes' misprint; W[l] multiplies "
                "a[l − 1]",
                slip(a_layer=0)),
        Mistake("∇W[l] is a[l − 1] δᵀ, the transpose; it must have W[l]'s shape: δ^[l] a^[l−1]ᵀ / m",
                slip(a_layer="T")),
        Mistake("∇W and ∇b both lack the 1/m: the matrix products and the sums add the m examples up, "
                "and J averages them (the notes' second slip)",
                slip(mean_W=False, mean_b=False)),
        Mistake("∇W lacks the 1/m: the matrix product adds the m examples up, and J averages them",
                slip(mean_W=False)),
        Mistake("∇b lacks the 1/m: average the columns of δ^[l], do not add them up",
                slip(mean_b=False)),
        Mistake("δ^[N] = ŷ − y is already complete for the three tasks; it takes no factor g′(z^[N])",
                slip(output_slope=True)),
        Mistake("the sign is flipped: δ^[N] = ŷ − y, not y − ŷ", slip(sign=-1.0)),
    ],
    hint="Keep lists indexed like net.W. δ^[N] comes from the stored prediction net.a[N] and Y; δ^[l], for l "
         "from N − 1 down to 1, from δ^[l+1], W[l + 1] and g′(z[l]) (nnlib.DERIVATIVES[net.hidden] is g′); "
         "then each layer's ∇W and ∇b from its δ, averaged over the m columns. net.a and net.z hold what "
         "the forward pass computed.",
)
