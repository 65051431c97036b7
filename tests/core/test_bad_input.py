"""A catalogue of bad input to nnlib's public API: each gets a clear error, and changes nothing.

Every entry is a call that must raise ValueError or TypeError (never a bare IndexError,
an AttributeError or a wrong answer) whose message names what is wrong and where: the
layer, the array, the expected and the actual shape or value.  The arrays passed in and
the network's parameters (and its stored z, a and δ) must be exactly as they were.

The formula functions ``affine``, ``forward_layers``, ``hidden_delta``, ``backward_deltas``,
``weight_gradient`` and ``bias_gradient`` are not here: they are the bare formulas the
chapters print, and they expect arrays that the Network (or the learner) has already
checked.  The activations check the type of z, not its values (NaN in, NaN out, as in
numpy): a network checks its input and parameters once per pass, not once per layer.

The errors follow one rule (``nnlib/_validate/``): TypeError for a wrong type, ValueError
for a wrong value or shape; every entry says which of the two it must raise, exactly (no
subclass), and the same bad value raises the same type everywhere (``seed="a"`` is a
TypeError for ``Network`` and for ``train`` alike).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import pytest

import nnlib
from nnlib import activations as act
from nnlib import losses


class Bad(NamedTuple):
    call: Callable
    args: tuple
    error: type | tuple
    parts: tuple  # every one of these must appear in the message
    net: Any = None
    kwargs: dict = {}


def net(sizes=(3, 4, 2), task="regression", hidden="tanh"):
    return nnlib.Network(list(sizes), hidden=hidden, task=task, seed=0)


def ones(*shape):
    return np.ones(shape)


def with_entry(shape, index, value):
    x = np.ones(shape)
    x[index] = value
    return x


def broken(change, **kwargs):
    """A network, then ``change(network)`` applied to it (a wrong W or b, say)."""
    n = net(**kwargs)
    change(n)
    return n


def multiclass_with_labels(X, labels, error, *parts):
    """A multi-class network's loss and gradients for ``X`` and ``labels``: raises ``error`` naming ``parts``."""
    return Bad(net(task="multiclass").loss_and_gradients, (X, labels), error, parts)


def forward_of_broken(change, error, *parts):
    """The forward pass of a network broken by ``change``, on a batch of 2: raises ``error`` naming ``parts``."""
    return Bad(broken(change).forward, (ones(3, 2),), error, parts)


def forwarded(n, X=None):
    n.forward(ones(n.sizes[0], 4) if X is None else X)
    return n


def catalogue():
    """(id, factory) pairs; each factory builds fresh objects and returns a Bad."""
    c = {}
    # ---- building a network
    c["sizes with one layer"] = lambda: Bad(nnlib.Network, ([3],), ValueError, ("sizes", "at least two", "[3]"))
    c["sizes not a list"] = lambda: Bad(nnlib.Network, ("3, 4, 2",), TypeError, ("sizes", "'3, 4, 2'"))
    c["a layer of size 0"] = lambda: Bad(nnlib.Network, ([3, 0, 2],), ValueError, ("sizes[1]", "at least 1", "got 0"))
    c["a layer size that is not an integer"] = lambda: Bad(
        nnlib.Network, ([3, 2.5, 2],), TypeError, ("sizes[1]", "integer", "2.5")
    )
    c["a layer size that is a bool"] = lambda: Bad(nnlib.Network, ([3, True, 2],), TypeError, ("sizes[1]", "True"))
    c["unknown hidden activation"] = lambda: Bad(
        nnlib.Network, ([3, 2], "softmax"), ValueError, ("unknown hidden activation", "'softmax'", "relu")
    )
    c["hidden activation with a capital letter"] = lambda: Bad(
        nnlib.Network, ([3, 2], "ReLU"), ValueError, ("unknown hidden activation", "'ReLU'", "relu")
    )
    c["unknown task"] = lambda: Bad(
        nnlib.Network,
        ([3, 2], "relu", "classification"),
        ValueError,
        ("unknown task", "'classification'", "regression, binary, multiclass"),
    )
    c["multiclass with one output"] = lambda: Bad(
        nnlib.Network, ([3, 1], "relu", "multiclass"), ValueError, ("multiclass", "at least 2 output units", "n_N = 1")
    )
    c["seed a string, for a network"] = lambda: Bad(
        nnlib.Network, ([3, 2],), TypeError, ("seed", "'a'"), kwargs={"seed": "a"}
    )
    c["seed a string, for training"] = lambda: Bad(
        nnlib.train,
        (net(), ones(3, 4), ones(2, 4)),
        TypeError,
        ("seed", "'a'"),
        kwargs={"learning_rate": 0.1, "epochs": 1, "seed": "a"},
    )
    c["hidden activation not a string"] = lambda: Bad(
        nnlib.Network, ([3, 2], 3), TypeError, ("unknown hidden activation", "3", "relu")
    )
    c["seed that is not an integer"] = lambda: Bad(
        nnlib.Network, ([3, 2],), TypeError, ("seed", "integer", "float"), kwargs={"seed": 1.5}
    )

    # ---- the input X
    c["X with the wrong number of rows"] = lambda: Bad(
        net().forward, (ones(5, 2),), ValueError, ("layer 1", "W[1]", "(4, 3)", "a[0]", "5 rows"), net=None
    )
    c["X transposed"] = lambda: Bad(net().forward, (ones(7, 3),), ValueError, ("layer 1", "7 rows", "transposed"))
    c["X one-dimensional"] = lambda: Bad(
        net().forward, (ones(3),), ValueError, ("X", "(3,)", "(n_0, m)", "reshape(3, 1)")
    )
    c["X three-dimensional"] = lambda: Bad(net().forward, (ones(3, 2, 2),), ValueError, ("X", "(3, 2, 2)", "(n_0, m)"))
    c["X an empty batch"] = lambda: Bad(net().forward, (ones(3, 0),), ValueError, ("X", "empty", "(3, 0)"))
    c["X with NaN"] = lambda: Bad(
        net().forward, (with_entry((3, 4), (1, 2), np.nan),), ValueError, ("X", "nan", "(1, 2)")
    )
    c["X with inf"] = lambda: Bad(
        net().forward, (with_entry((3, 4), (2, 0), -np.inf),), ValueError, ("X", "-inf", "(2, 0)")
    )
    c["X of strings"] = lambda: Bad(net().forward, (np.array([["a", "b"]] * 3),), TypeError, ("X", "numbers", "<U1"))
    c["X of complex numbers"] = lambda: Bad(net().forward, (ones(3, 2) + 1j,), TypeError, ("X", "real", "complex"))
    c["X of Python objects"] = lambda: Bad(
        net().forward, (np.array([[1, None]] * 3, dtype=object),), TypeError, ("X", "numbers", "object")
    )
    c["X is None"] = lambda: Bad(net().forward, (None,), TypeError, ("X", "NoneType"))
    c["X a ragged list"] = lambda: Bad(net().forward, ([[1.0, 2.0], [3.0], [4.0, 5.0]],), TypeError, ("X", "list"))
    c["X to predict with NaN"] = lambda: Bad(
        net(task="binary").predict, (with_entry((3, 2), (0, 1), np.nan),), ValueError, ("X", "nan", "(0, 1)")
    )

    # ---- the parameters
    c["W[2] of the wrong shape"] = lambda: forward_of_broken(
        lambda n: n.W.__setitem__(2, ones(2, 5)), ValueError, "layer 2", "W[2]", "(2, 5)", "(2, 4)"
    )
    c["W[1] transposed"] = lambda: forward_of_broken(
        lambda n: n.W.__setitem__(1, ones(3, 4)), ValueError, "layer 1", "W[1]", "(3, 4)", "transposed"
    )
    c["b[1] one-dimensional"] = lambda: forward_of_broken(
        lambda n: n.b.__setitem__(1, ones(4)), ValueError, "layer 1", "b[1]", "(4,)", "(4, 1)"
    )
    c["b[2] a row instead of a column"] = lambda: forward_of_broken(
        lambda n: n.b.__setitem__(2, ones(1, 2)), ValueError, "layer 2", "b[2]", "(1, 2)", "(2, 1)"
    )
    c["W[2] with NaN"] = lambda: forward_of_broken(
        lambda n: n.W.__setitem__(2, with_entry((2, 4), (1, 3), np.nan)), ValueError, "layer 2", "W[2]", "nan", "(1, 3)"
    )
    c["b[1] with inf"] = lambda: forward_of_broken(
        lambda n: n.b.__setitem__(1, with_entry((4, 1), (0, 0), np.inf)), ValueError, "layer 1", "b[1]", "inf"
    )
    c["W[1] is None"] = lambda: forward_of_broken(
        lambda n: n.W.__setitem__(1, None), TypeError, "layer 1", "W[1]", "NoneType"
    )
    c["W a list one too short"] = lambda: forward_of_broken(
        lambda n: setattr(n, "W", n.W[:2]), ValueError, "W", "N + 1 = 3", "got 2"
    )
    c["b a list one too long"] = lambda: forward_of_broken(
        lambda n: setattr(n, "b", n.b + [ones(2, 1)]), ValueError, "b", "N + 1 = 3", "got 4"
    )
    c["W an array, not a list"] = lambda: forward_of_broken(
        lambda n: setattr(n, "W", ones(3, 3)), TypeError, "W", "list", "ndarray"
    )
    c["backward with a wrong W[2]"] = lambda: Bad(
        broken(lambda n: (forwarded(n), n.W.__setitem__(2, ones(4, 2)))).backward,
        (ones(2, 4),),
        ValueError,
        ("layer 2", "W[2]", "(4, 2)", "transposed"),
    )

    # ---- the targets Y
    c["label out of range"] = lambda: Bad(
        forwarded(net(task="multiclass")).backward, (np.array([0, 1, 2, 1]),), ValueError, ("labels[2] = 2", "k = 2")
    )
    c["negative label"] = lambda: multiclass_with_labels(
        ones(3, 4), np.array([0, -1, 1, 1]), ValueError, "labels[1] = -1", "out of range"
    )
    c["label that is not an integer"] = lambda: multiclass_with_labels(
        ones(3, 3), np.array([0.0, 1.5, 1.0]), ValueError, "labels must be integers", "labels[1] = 1.5"
    )
    c["labels of strings"] = lambda: multiclass_with_labels(
        ones(3, 2), np.array(["cat", "dog"]), TypeError, "labels", "integers", "<U3"
    )
    c["labels that are booleans"] = lambda: multiclass_with_labels(
        ones(3, 2), np.array([True, False]), TypeError, "labels", "bool"
    )
    c["labels NaN"] = lambda: multiclass_with_labels(
        ones(3, 2), np.array([0.0, np.nan]), ValueError, "labels", "labels[1] = nan"
    )
    c["one label too few"] = lambda: multiclass_with_labels(
        ones(3, 4), np.array([0, 1, 1]), ValueError, "labels", "must have shape (4,)", "got shape (3,)"
    )
    c["one-hot Y of the wrong shape"] = lambda: Bad(
        net(task="multiclass").loss_and_gradients,
        (ones(3, 4), np.eye(4)),
        ValueError,
        ("Y has shape (4, 4)", "(2, 4)", "one-hot"),
    )
    c["one-hot Y whose column does not sum to 1"] = lambda: multiclass_with_labels(
        ones(3, 2), np.array([[1.0, 1.0], [0.0, 1.0]]), ValueError, "one-hot Y", "column 1", "summing to 1"
    )
    c["binary targets outside [0, 1]"] = lambda: Bad(
        net(task="binary").loss_and_gradients,
        (ones(3, 3), np.array([[0.0, 2.0, 1.0], [1.0, 0.0, 1.0]])),
        ValueError,
        ("binary targets Y", "[0, 1]", "Y[0, 1] = 2.0"),
    )
    c["regression Y transposed"] = lambda: Bad(
        net().loss_and_gradients, (ones(3, 4), ones(4, 2)), ValueError, ("Y has shape (4, 2)", "(2, 4)")
    )
    c["regression Y with NaN"] = lambda: Bad(
        net().loss_and_gradients, (ones(3, 2), with_entry((2, 2), (1, 0), np.nan)), ValueError, ("Y", "nan", "(1, 0)")
    )
    c["backward before forward"] = lambda: Bad(
        net().backward, (ones(2, 4),), ValueError, ("forward(X) before backward(Y)",)
    )
    c["backward with Y for another batch size"] = lambda: Bad(
        forwarded(net()).backward, (ones(2, 5),), ValueError, ("Y has shape (2, 5)", "(2, 4)")
    )
    c["cost of y_hat with the wrong number of rows"] = lambda: Bad(
        net().cost, (ones(3, 4), ones(2, 4)), ValueError, ("Y has shape (2, 4)", "y_hat has shape (3, 4)")
    )
    c["per-example gradients with X of the wrong size"] = lambda: Bad(
        nnlib.per_example_gradients, (net(), ones(4, 2), ones(2, 2)), ValueError, ("layer 1", "4 rows")
    )

    # ---- losses and activations called directly
    c["probabilities below 0"] = lambda: Bad(
        losses.cross_entropy_cost,
        (np.array([[0.5, -0.1], [0.5, 1.1]]), np.array([0, 1])),
        ValueError,
        ("y_hat", "probabilities", "y_hat[0, 1] = -0.1"),
    )
    c["probabilities above 1"] = lambda: Bad(
        losses.binary_cross_entropy_grad,
        (np.array([[0.5, 1.5]]), np.array([[0.0, 1.0]])),
        ValueError,
        ("y_hat", "probabilities", "y_hat[0, 1] = 1.5"),
    )
    c["squared error of two shapes"] = lambda: Bad(
        losses.squared_error_cost,
        (ones(2, 3), ones(3, 2)),
        ValueError,
        ("Y has shape (3, 2)", "y_hat has shape (2, 3)"),
    )
    c["a loss of a one-dimensional y_hat"] = lambda: Bad(
        losses.squared_error_grad, (ones(3), ones(3)), ValueError, ("y_hat", "2 dimensions", "(3,)")
    )
    c["one_hot with k = 0"] = lambda: Bad(
        losses.one_hot, (np.array([0, 1]), 0), ValueError, ("k (classes)", "at least 1", "got 0")
    )
    c["one_hot of a matrix of labels"] = lambda: Bad(
        losses.one_hot, (np.zeros((2, 2), dtype=int), 3), ValueError, ("labels", "(m,)", "(2, 2)")
    )
    c["one_hot of no labels"] = lambda: Bad(
        losses.one_hot, (np.array([], dtype=int), 3), ValueError, ("labels", "empty")
    )
    c["an activation of a string"] = lambda: Bad(act.sigmoid, ("1.0",), TypeError, ("z", "str"))
    c["softmax Jacobian of a 3-D array"] = lambda: Bad(
        act.softmax_jacobian, (ones(2, 3, 4),), ValueError, ("z", "1 or 2 dimensions", "(2, 3, 4)")
    )
    c["unknown activation name"] = lambda: Bad(
        nnlib.ACTIVATIONS.__getitem__, ("softplus",), ValueError, ("unknown activation", "'softplus'", "sigmoid")
    )
    c["output_delta of an unknown task"] = lambda: Bad(
        nnlib.output_delta, (ones(2, 3), ones(2, 3), "ranking"), ValueError, ("unknown task", "'ranking'")
    )
    c["parameter_count of one layer"] = lambda: Bad(
        nnlib.parameter_count, ([5],), ValueError, ("sizes", "at least two", "[5]")
    )

    # ---- gradient checking
    c["relative error of two shapes"] = lambda: Bad(
        nnlib.relative_error, (ones(2, 3), ones(3, 2)), ValueError, ("a has shape (2, 3)", "b has shape (3, 2)")
    )
    c["numerical gradient with a negative step"] = lambda: Bad(
        nnlib.numerical_gradient, (np.sum, ones(2), -1e-5), ValueError, ("eps", "positive", "-1e-05")
    )
    c["numerical gradient of an integer array"] = lambda: Bad(
        nnlib.numerical_gradient, (np.sum, np.ones(3, dtype=int)), TypeError, ("x", "float64")
    )
    return c


CATALOGUE = catalogue()


def snapshot(obj):
    """A deep copy of everything a call could change: arrays, lists, a network's state."""
    if isinstance(obj, nnlib.Network):
        return ("Network", snapshot([obj.sizes, obj.hidden, obj.task, obj.W, obj.b, obj.z, obj.a, obj.delta]))
    if isinstance(obj, np.ndarray):
        return ("array", obj.dtype, obj.shape, obj.copy())
    if isinstance(obj, (list, tuple)):
        return (type(obj).__name__, [snapshot(x) for x in obj])
    if isinstance(obj, dict):
        return ("dict", {k: snapshot(v) for k, v in obj.items()})
    return ("value", copy.deepcopy(obj))


def same(a, b):
    if a[0] != b[0]:
        return False
    if a[0] == "array":
        _, dt1, s1, x1 = a
        _, dt2, s2, x2 = b
        if dt1 != dt2 or s1 != s2:
            return False
        return bool(np.array_equal(x1, x2, equal_nan=np.issubdtype(dt1, np.inexact)))
    if a[0] in ("list", "tuple"):
        return len(a[1]) == len(b[1]) and all(same(x, y) for x, y in zip(a[1], b[1]))
    if a[0] == "Network":
        return same(a[1], b[1])
    if a[0] == "dict":
        return a[1].keys() == b[1].keys() and all(same(a[1][k], b[1][k]) for k in a[1])
    x, y = a[1], b[1]
    return x == y or (isinstance(x, float) and isinstance(y, float) and x != x and y != y)  # NaN is NaN


def test_the_catalogue_is_large_enough():
    assert len(CATALOGUE) >= 30


@pytest.mark.parametrize("what", list(CATALOGUE))
def test_bad_input_gets_a_clear_error_and_changes_nothing(what):
    case = CATALOGUE[what]()
    owner = getattr(case.call, "__self__", None)  # the network of a bound method
    state = [x for x in (owner, *case.args, *case.kwargs.values()) if x is not None]
    before = snapshot(state)
    with pytest.raises(case.error) as info:
        case.call(*case.args, **case.kwargs)
    message = str(info.value)
    missing = [part for part in case.parts if part not in message]
    assert not missing, f"{what}: the message {message!r} does not mention {missing}"
    assert type(info.value) in (ValueError, TypeError), f"{what}: raised {type(info.value).__name__}, a subclass"
    assert same(snapshot(state), before), f"{what}: the failed call changed its input or the network"
