"""nnlib.training and nnlib.datasets (chapter 13): the step, the loop, the data sets, bad arguments."""

from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib import datasets


def xor_data():
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    return X, Y


# ------------------------------------------------------------------ the step
def test_update_is_w_minus_alpha_dw_and_leaves_w_alone():
    W = np.array([[1.0, 2.0], [3.0, -4.0]])
    dW = np.array([[0.5, -1.0], [0.0, 2.0]])
    before = W.copy()
    new = nnlib.descend(W, dW, 0.1)
    assert np.array_equal(new, W - 0.1 * dW)
    assert np.array_equal(W, before)


def test_step_moves_every_parameter_by_exactly_minus_alpha_times_its_gradient():
    net = nnlib.Network([3, 4, 2], hidden="tanh", task="multiclass", seed=3)
    X = np.random.default_rng(0).normal(size=(3, 5))
    _, dW, db = net.loss_and_gradients(X, np.array([0, 1, 1, 0, 1]))
    W_before = [None] + [w.copy() for w in net.W[1:]]
    b_before = [None] + [v.copy() for v in net.b[1:]]
    saved = list(net.W)
    nnlib.gradient_descent_step(net, dW, db, 0.25)
    for l in (1, 2):
        assert np.allclose(net.W[l] - W_before[l], -0.25 * dW[l], rtol=0, atol=1e-15)
        assert np.allclose(net.b[l] - b_before[l], -0.25 * db[l], rtol=0, atol=1e-15)
        assert np.array_equal(saved[l], W_before[l]), "the step must not change arrays saved before it"


def test_a_small_step_decreases_the_cost():
    X, Y = xor_data()
    net = nnlib.Network([2, 3, 1], hidden="tanh", task="binary", seed=0)
    J0, dW, db = net.loss_and_gradients(X, Y)
    nnlib.gradient_descent_step(net, dW, db, 1e-3)
    assert net.cost(net.forward(X), Y) < J0


def test_step_rejects_bad_gradients():
    net = nnlib.Network([2, 3, 1], task="binary")
    dW = [None, np.zeros((2, 3)), np.zeros((1, 3))]
    db = [None, np.zeros((3, 1)), np.zeros((1, 1))]
    with pytest.raises(
        ValueError,
        match=r"layer 1: dW\[1\] has shape \(2, 3\) but must be \(n_1, n_0\) = \(3, 2\) \(it is transposed\)",
    ):
        nnlib.gradient_descent_step(net, dW, db, 0.1)
    with pytest.raises(ValueError, match="dW must be a list of N"):
        nnlib.gradient_descent_step(net, dW[:2], db, 0.1)


# ------------------------------------------------------------------ the loop
def test_training_decreases_the_cost_on_xor_and_solves_it():
    X, Y = xor_data()
    net = nnlib.Network([2, 4, 1], hidden="tanh", task="binary", seed=1)
    costs = nnlib.train(net, X, Y, learning_rate=1.0, epochs=500)
    assert costs.shape == (501,)
    assert costs[-1] < 0.1 * costs[0]
    assert np.isclose(costs[-1], net.cost(net.forward(X), Y))
    assert nnlib.accuracy(net, X, Y[0].astype(int)) == 1.0


def test_training_is_deterministic():
    X, y = datasets.make_moons(m=60, seed=2)
    runs = []
    for _ in range(2):
        net = nnlib.Network([2, 5, 2], hidden="relu", seed=4)
        runs.append((nnlib.train(net, X, y, learning_rate=0.3, epochs=5, batch_size=7, seed=9), net.W[1].copy()))
    assert np.array_equal(runs[0][0], runs[1][0]) and np.array_equal(runs[0][1], runs[1][1])
    net = nnlib.Network([2, 5, 2], hidden="relu", seed=4)
    other = nnlib.train(net, X, y, learning_rate=0.3, epochs=5, batch_size=7, seed=10)
    assert not np.array_equal(other, runs[0][0]), "another shuffling seed should give another run"


def test_one_full_batch_epoch_is_one_step():
    X, y = datasets.make_xor(m=40, seed=1)
    a = nnlib.Network([2, 3, 2], hidden="tanh", seed=0)
    b = a.copy()
    nnlib.train(a, X, y, learning_rate=0.5, epochs=1)
    _, dW, db = b.loss_and_gradients(X, y)
    nnlib.gradient_descent_step(b, dW, db, 0.5)
    for l in (1, 2):
        assert np.allclose(a.W[l], b.W[l]) and np.allclose(a.b[l], b.b[l])


def test_batch_size_one_takes_m_steps_per_epoch_and_callback_sees_every_epoch():
    X, y = datasets.make_moons(m=12, seed=0)
    net = nnlib.Network([2, 3, 2], hidden="tanh", seed=0)
    calls = []
    costs = nnlib.train(
        net,
        X,
        y,
        learning_rate=0.1,
        epochs=3,
        batch_size=1,
        callback=lambda epoch, net, cost: calls.append((epoch, cost)),
    )
    assert [e for e, _ in calls] == [0, 1, 2, 3]
    assert np.allclose([c for _, c in calls], costs)


def test_divergence_is_reported():
    X = np.array([[1.0, 2.0, 3.0]])
    Y = np.array([[1.0, 2.0, 3.0]]) * 1e3
    net = nnlib.Network([1, 4, 1], hidden="relu", task="regression", seed=0)
    with pytest.raises(FloatingPointError, match="diverged.*smaller learning_rate"):
        nnlib.train(net, X, Y, learning_rate=50.0, epochs=200)


@pytest.mark.parametrize(
    "kwargs,name,error",
    [
        (dict(learning_rate=0.0, epochs=3), "learning_rate", ValueError),
        (dict(learning_rate=-0.1, epochs=3), "learning_rate", ValueError),
        (dict(learning_rate=float("nan"), epochs=3), "learning_rate", ValueError),
        (dict(learning_rate="0.1", epochs=3), "learning_rate", TypeError),
        (dict(learning_rate=0.1, epochs=0), "epochs", ValueError),
        (dict(learning_rate=0.1, epochs=2.5), "epochs", TypeError),
        (dict(learning_rate=0.1, epochs=True), "epochs", TypeError),
        (dict(learning_rate=0.1, epochs=2, batch_size=0), "batch_size", ValueError),
        (dict(learning_rate=0.1, epochs=2, batch_size=5), "batch_size", ValueError),
        (dict(learning_rate=0.1, epochs=2, batch_size=2.0), "batch_size", TypeError),
        (dict(learning_rate=0.1, epochs=2, seed=1.5), "seed", TypeError),
        (dict(learning_rate=0.1, epochs=2, seed="a"), "seed", TypeError),
        (dict(learning_rate=0.1, epochs=2, callback=3), "callback", TypeError),
    ],
)
def test_bad_arguments_raise_the_errors_of_the_rule_naming_them(kwargs, name, error):
    """TypeError for a wrong type, ValueError for a wrong value: the one rule of nnlib._validate."""
    X, Y = xor_data()
    net = nnlib.Network([2, 2, 1], task="binary")
    before = [w.copy() for w in net.W[1:]]
    with pytest.raises(error, match=name) as info:
        nnlib.train(net, X, Y, **kwargs)
    assert type(info.value) is error
    assert all(np.array_equal(w, v) for w, v in zip(before, net.W[1:])), "a rejected call changed the network"


def test_learning_rate_is_keyword_only():
    X, Y = xor_data()
    with pytest.raises(TypeError):
        nnlib.train(nnlib.Network([2, 2, 1], task="binary"), X, Y, 0.1, 10)


# ------------------------------------------------------------------ scoring
def test_accuracy_and_confusion_matrix():
    y_hat = np.array([[0.7, 0.2, 0.1, 0.5], [0.3, 0.8, 0.9, 0.5]])
    labels = np.array([0, 1, 0, 1])
    assert nnlib.accuracy_from_predictions(y_hat, labels) == 0.5  # the tie in column 3 goes to class 0
    C = nnlib.confusion_matrix(np.array([0, 1, 1, 0]), labels, 2)
    assert C.tolist() == [[1, 1], [1, 1]]
    C = nnlib.confusion_matrix(np.array([2, 2, 0]), np.array([2, 2, 1]), 3)
    assert C.tolist() == [[0, 0, 0], [1, 0, 0], [0, 0, 2]]
    with pytest.raises(ValueError, match=r"labels\[0\] = 3, but there are k = 3 classes"):
        nnlib.confusion_matrix(np.array([0]), np.array([3]), 3)
    with pytest.raises(ValueError, match=r"predicted must have shape \(1,\)"):
        nnlib.confusion_matrix(np.array([0, 1]), np.array([0]), 2)
    with pytest.raises(ValueError, match="k must be at least 1"):
        nnlib.confusion_matrix(np.array([0]), np.array([0]), 0)


# ------------------------------------------------------------------ data sets
@pytest.mark.parametrize("name", sorted(datasets.TOY_DATASETS))
def test_toy_datasets_shapes_labels_and_determinism(name):
    make = datasets.TOY_DATASETS[name]
    X, y = make(m=101, noise=0.1, seed=5)
    assert X.shape == (2, 101) and X.dtype == np.float64 and np.all(np.isfinite(X))
    assert y.shape == (101,) and np.issubdtype(y.dtype, np.integer)
    assert set(np.unique(y)) == {0, 1}
    assert np.max(np.abs(X)) < 2.0
    X2, y2 = make(m=101, noise=0.1, seed=5)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    X3, _ = make(m=101, noise=0.1, seed=6)
    assert not np.array_equal(X, X3)
    X0, y0 = make(m=101, noise=0.0, seed=5)
    assert X0.shape == (2, 101)


def test_spiral_with_three_arms():
    X, y = datasets.make_spiral(m=90, classes=3, seed=0)
    assert X.shape == (2, 90) and np.bincount(y).tolist() == [30, 30, 30]


@pytest.mark.parametrize(
    "kwargs,name,error",
    [
        (dict(m=1), "m", ValueError),
        (dict(m=10.0), "m", TypeError),
        (dict(noise=-0.1), "noise", ValueError),
        (dict(noise=float("inf")), "noise", ValueError),
        (dict(noise="a"), "noise", TypeError),
        (dict(seed=0.5), "seed", TypeError),
    ],
)
def test_toy_datasets_reject_bad_arguments(kwargs, name, error):
    for make in datasets.TOY_DATASETS.values():
        with pytest.raises(error, match=name) as info:
            make(**kwargs)
        assert type(info.value) is error


def test_digits_load_as_columns_in_unit_interval():
    X, labels = datasets.load_digits()
    assert X.shape == (64, 1797) and X.dtype == np.float64
    assert X.min() == 0.0 and X.max() == 1.0
    assert labels.shape == (1797,) and np.issubdtype(labels.dtype, np.integer)
    assert sorted(np.unique(labels).tolist()) == list(range(10))
    assert np.all(np.bincount(labels) > 170)
    assert np.allclose(X * 16, np.round(X * 16))  # pixel counts 0 … 16
    assert labels[:3].tolist() == [0, 1, 2]  # the file's first rows


def test_train_test_split_is_disjoint_complete_and_deterministic():
    m = 50
    X = np.arange(2 * m, dtype=float).reshape(2, m)
    y = np.arange(m)
    X_tr, X_te, y_tr, y_te = datasets.train_test_split(X, y, test_fraction=0.3, seed=1)
    assert X_tr.shape == (2, 35) and X_te.shape == (2, 15)
    assert set(y_tr) | set(y_te) == set(range(m)) and not set(y_tr) & set(y_te)
    assert np.array_equal(X_tr[0], y_tr) and np.array_equal(X_te[0], y_te)  # columns stay with their labels
    again = datasets.train_test_split(X, y, test_fraction=0.3, seed=1)
    assert all(np.array_equal(a, b) for a, b in zip((X_tr, X_te, y_tr, y_te), again))
    one_hot = nnlib.one_hot(y % 3, 3)
    _, _, Y_tr, Y_te = datasets.train_test_split(X, one_hot, test_fraction=0.3, seed=1)
    assert Y_tr.shape == (3, 35) and Y_te.shape == (3, 15)


@pytest.mark.parametrize(
    "kwargs,name,error",
    [
        (dict(test_fraction=0.0), "test_fraction", ValueError),
        (dict(test_fraction=1.0), "test_fraction", ValueError),
        (dict(test_fraction=0.001), "test_fraction", ValueError),
        (dict(test_fraction="0.3"), "test_fraction", TypeError),
        (dict(seed="a"), "seed", TypeError),
    ],
)
def test_train_test_split_rejects_bad_arguments(kwargs, name, error):
    X = np.zeros((2, 10))
    with pytest.raises(error, match=name) as info:
        datasets.train_test_split(X, np.zeros(10), **kwargs)
    assert type(info.value) is error


def test_train_test_split_names_a_transposed_X():
    with pytest.raises(ValueError, match="transposed"):
        datasets.train_test_split(np.zeros((10, 2)), np.zeros(10))
