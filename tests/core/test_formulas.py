"""nnlib against centred differences, with extreme inputs, and with bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import nnlib
from nnlib import activations as act
from nnlib import losses

EPS = 1e-6


def centred(f, x, eps=EPS):
    return nnlib.numerical_gradient(f, x.copy(), eps)


# ------------------------------------------------------------------ derivatives
@pytest.mark.parametrize("name", sorted(act.DERIVATIVES))
def test_elementwise_derivative_matches_centred_difference(name):
    rng = np.random.default_rng(1)
    z = rng.normal(0, 3, size=(4, 5))
    z[np.abs(z) < 1e-3] = 0.5  # keep away from ReLU's kink
    g, g_prime = act.ACTIVATIONS[name], act.DERIVATIVES[name]
    numeric = (g(z + EPS) - g(z - EPS)) / (2 * EPS)
    assert nnlib.relative_error(g_prime(z), numeric) < 1e-8


def test_softmax_jacobian_matches_centred_difference():
    z = np.random.default_rng(2).normal(size=4)
    numeric = np.column_stack([(act.softmax(z + EPS * e) - act.softmax(z - EPS * e)) / (2 * EPS) for e in np.eye(4)])
    assert nnlib.relative_error(act.softmax_jacobian(z), numeric) < 1e-8
    batch = np.random.default_rng(3).normal(size=(4, 3))
    jac = act.softmax_jacobian(batch)
    assert jac.shape == (3, 4, 4)
    for k in range(3):
        assert np.allclose(jac[k], act.softmax_jacobian(batch[:, k]))


@pytest.mark.parametrize("name", sorted(losses.LOSSES))
def test_loss_gradient_matches_centred_difference(name):
    rng = np.random.default_rng(4)
    m = 6
    if name == "cross_entropy":
        y_hat = act.softmax(rng.normal(size=(3, m)))
        Y = losses.one_hot(rng.integers(0, 3, m), 3)
    elif name == "binary_cross_entropy":
        y_hat = rng.uniform(0.1, 0.9, size=(2, m))
        Y = rng.integers(0, 2, size=(2, m)).astype(float)
    else:
        y_hat = rng.normal(size=(2, m))
        Y = rng.normal(size=(2, m))
    # the cost is the mean over m examples, so m × its gradient is the per-example gradient
    numeric = centred(lambda p: m * losses.LOSSES[name](p, Y), y_hat)
    assert nnlib.relative_error(losses.LOSS_GRADIENTS[name](y_hat, Y), numeric) < 1e-7


def test_cross_entropy_label_and_one_hot_forms_are_equal():
    rng = np.random.default_rng(5)
    y_hat = act.softmax(rng.normal(size=(4, 7)))
    labels = rng.integers(0, 4, 7)
    by_label = -np.mean(np.log(y_hat[labels, np.arange(7)]))
    assert losses.cross_entropy_cost(y_hat, labels) == pytest.approx(by_label, rel=1e-12)
    assert losses.cross_entropy_cost(y_hat, losses.one_hot(labels, 4)) == pytest.approx(by_label, rel=1e-12)


def test_losses_by_hand():
    # ½((0.5−1)² + (2−0)²) / 2 examples... one output, two examples: (0.125 + 2) / 2
    assert losses.squared_error_cost(np.array([[0.5, 2.0]]), np.array([[1.0, 0.0]])) == pytest.approx(1.0625)
    assert losses.binary_cross_entropy_cost(np.array([[0.8]]), np.array([[1.0]])) == pytest.approx(-np.log(0.8))
    assert losses.cross_entropy_cost(np.array([[0.7], [0.2], [0.1]]), np.array([1])) == pytest.approx(-np.log(0.2))


# ------------------------------------------------------------------ backward
def random_case(task, rng):
    n_layers = int(rng.integers(1, 5))
    sizes = [int(n) for n in rng.integers(1, 6, size=n_layers + 1)]
    if task == "multiclass":
        sizes[-1] = max(sizes[-1], 2)
    hidden = str(rng.choice(["relu", "tanh", "sigmoid", "identity"]))
    m = int(rng.integers(1, 7))
    net = nnlib.Network(sizes, hidden=hidden, task=task, seed=int(rng.integers(1 << 30)))
    for l in range(1, net.N + 1):
        net.b[l] = rng.normal(0, 0.5, size=net.b[l].shape)
    X = rng.normal(size=(sizes[0], m))
    if task == "multiclass":
        Y = rng.integers(0, sizes[-1], m)
    elif task == "binary":
        Y = rng.integers(0, 2, size=(sizes[-1], m)).astype(float)
    else:
        Y = rng.normal(size=(sizes[-1], m))
    return net, X, Y


@pytest.mark.parametrize("task", ["regression", "binary", "multiclass"])
def test_backward_matches_centred_differences_on_random_architectures(task):
    rng = np.random.default_rng({"regression": 10, "binary": 11, "multiclass": 12}[task])
    worst = 0.0
    for _ in range(25):
        net, X, Y = random_case(task, rng)
        errors = nnlib.check_network(net, X, Y)
        assert set(errors) == {f"{p}[{l}]" for l in range(1, net.N + 1) for p in "Wb"}
        worst = max(worst, max(errors.values()))
        assert max(errors.values()) < 1e-7, (net, errors)
    assert worst > 0  # the comparison really compared numbers


def test_backward_keeps_every_layer_and_the_notes_formula_is_rejected():
    net = nnlib.Network([3, 3, 3, 2], hidden="tanh", task="binary", seed=3)
    X = np.random.default_rng(0).normal(size=(3, 5))
    Y = np.array([[0, 1, 1, 0, 1], [1, 1, 0, 0, 0]], dtype=float)
    net.forward(X)
    dW, db = net.backward(Y)
    assert all(net.delta[l].shape == (net.sizes[l], 5) for l in range(1, 4))
    numeric = nnlib.numerical_gradient(lambda W: net.cost(net.forward(X), Y), net.W[2])
    net.forward(X)
    net.backward(Y)
    printed = net.delta[2] @ net.a[2].T / 5  # the notes' δ^[l] a^[l]T: shapes agree for this square layer
    assert nnlib.relative_error(dW[2], numeric) < 1e-7
    assert nnlib.relative_error(printed, numeric) > 0.1


def test_extreme_logits_give_finite_cost_and_gradients_without_warnings():
    for task, n_out in (("binary", 1), ("multiclass", 3), ("regression", 2)):
        net = nnlib.Network([2, n_out], hidden="relu", task=task, seed=0)
        net.W[1] = np.array([[1000.0, 0.0], [0.0, -1000.0], [500.0, 500.0]])[:n_out]
        X = np.array([[1.0, -1.0, 2.0], [1.0, 1.0, -2.0]])
        Y = np.array([0, 1, 2]) if task == "multiclass" else np.array([[0.0, 1.0, 1.0]] * n_out)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            y_hat = net.forward(X)
            cost = net.cost(y_hat, Y)
            dW, db = net.backward(Y)
        assert np.isfinite(cost) and cost > 0
        assert all(np.all(np.isfinite(g)) for g in dW[1:] + db[1:])


def test_forward_is_deterministic_for_a_seed():
    X = np.random.default_rng(0).normal(size=(4, 3))
    a = nnlib.Network([4, 5, 3], seed=7).forward(X)
    b = nnlib.Network([4, 5, 3], seed=7).forward(X)
    c = nnlib.Network([4, 5, 3], seed=8).forward(X)
    assert np.array_equal(a, b) and not np.array_equal(a, c)


# ------------------------------------------------------------------ bad input
def raises(match, fn, *args, exc=ValueError):
    with pytest.raises(exc) as info:
        fn(*args)
    for part in match:
        assert part in str(info.value), f"{part!r} not in {str(info.value)!r}"


def test_bad_input_names_layer_array_and_shapes():
    net = nnlib.Network([3, 4, 2], task="regression")
    raises(["layer 1", "W[1]", "(4, 3)", "a[0]", "5 rows"], net.forward, np.ones((5, 2)))
    net.W[2] = np.ones((2, 5))
    raises(["layer 2", "W[2]", "(2, 5)", "(2, 4)"], net.forward, np.ones((3, 2)))
    net = nnlib.Network([3, 4, 2], task="regression")
    net.b[1] = np.ones((4,))
    raises(["layer 1", "b[1]", "(4,)", "(4, 1)"], net.forward, np.ones((3, 2)))
    net = nnlib.Network([3, 4, 2], task="regression")
    net.W[1] = np.ones((3, 4))
    raises(["W[1]", "transposed"], net.forward, np.ones((3, 2)))


def test_bad_targets_nan_and_names():
    net = nnlib.Network([2, 3], task="multiclass")
    y_hat = net.forward(np.ones((2, 4)))
    raises(["labels[2] = 3", "k = 3"], net.cost, y_hat, np.array([0, 1, 3, 2]))
    raises(["labels[0] = -1"], net.cost, y_hat, np.array([-1, 1, 2, 2]))
    raises(["Y has shape (2, 4)", "(3, 4)"], net.cost, y_hat, np.zeros((2, 4)))
    X = np.ones((2, 4))
    X[1, 2] = np.nan
    raises(["X", "nan", "(1, 2)"], net.forward, X)
    raises(
        ["unknown task", "'classification'", "regression, binary, multiclass"],
        nnlib.Network,
        [2, 3],
        "relu",
        "classification",
    )
    raises(["unknown hidden activation", "'softmax'"], nnlib.Network, [2, 3], "softmax")


def test_bad_input_modifies_nothing():
    net = nnlib.Network([3, 4, 2], task="regression")
    W_before = [w.copy() for w in net.W[1:]]
    X = np.ones((5, 2))
    with pytest.raises(ValueError):
        net.forward(X)
    assert np.array_equal(X, np.ones((5, 2)))
    assert all(np.array_equal(a, b) for a, b in zip(W_before, net.W[1:]))


def _weight_variance_times_fan_in(net, l=1):
    """The variance of W[l]'s entries times n_{l−1}: the gain the network was initialised with."""
    return float(np.var(net.W[l]) * net.sizes[l - 1])


def test_an_activation_registered_in_one_call_trains_a_network_at_its_gain():
    """Adding an activation is one call: the network draws its weights with its gain, backpropagates
    with its derivative, and the saturation measure and the menus of names read it."""

    def softsign(z):
        return z / (1.0 + np.abs(z))

    def softsign_prime(z):
        return 1.0 / (1.0 + np.abs(z)) ** 2

    record = nnlib.register_activation("softsign", softsign, softsign_prime, gain=3.0)
    try:
        assert nnlib.ACTIVATIONS["softsign"] is record and nnlib.DERIVATIVES["softsign"] is softsign_prime
        assert "softsign" in list(nnlib.DERIVATIVES)
        wide = nnlib.Network([400, 400, 2], hidden="softsign", task="binary", seed=0)
        assert _weight_variance_times_fan_in(wide) == pytest.approx(3.0, rel=0.02)  # 160,000 draws
        X, y = nnlib.datasets.make_xor(m=64, seed=1)
        net = nnlib.Network([2, 8, 1], hidden="softsign", task="binary", seed=3)
        errors = nnlib.check_network(net, X[:, :5], y[None, :5].astype(float))
        assert max(errors.values()) < 1e-6, errors  # its derivative is the one backpropagation uses
        costs = nnlib.train(net, X, y[None, :].astype(float), learning_rate=0.5, epochs=300)
        assert costs[-1] < 0.5 * costs[0]
        assert nnlib.accuracy(net, X, y) > 0.9
        assert nnlib.saturated_fraction(np.array([[-9.0, 0.0]]), "softsign") == 0.5  # g′(−9) = 0.01
        with pytest.raises(ValueError, match="there is an activation 'softsign' already"):
            nnlib.register_activation("softsign", softsign, softsign_prime)
    finally:
        del nnlib.ACTIVATIONS["softsign"]
    assert "softsign" not in nnlib.DERIVATIVES


def test_every_hidden_activation_starts_at_its_gain():
    """ReLU at 2 (He et al.), leaky ReLU at 2 / (1 + c²) (exercise 13.4), the others at 1 (LeCun et al.)."""
    gains = {"identity": 1.0, "sigmoid": 1.0, "tanh": 1.0, "relu": 2.0, "leaky_relu": 2.0 / (1.0 + 0.01**2)}
    assert set(gains) == set(nnlib.DERIVATIVES)
    for hidden, gain in gains.items():
        assert nnlib.ACTIVATIONS[hidden].gain == gain
        net = nnlib.Network([400, 400, 2], hidden=hidden, task="binary", seed=1)
        assert _weight_variance_times_fan_in(net) == pytest.approx(gain, rel=0.02), hidden


def test_leaky_relu_against_its_definition_and_centred_differences():
    z = np.array([[-3.0, -0.5, 0.0, 0.5, 3.0]])
    np.testing.assert_array_equal(nnlib.leaky_relu(z), [[-0.03, -0.005, 0.0, 0.5, 3.0]])
    np.testing.assert_array_equal(nnlib.leaky_relu(z, 0.2), np.maximum(0.2 * z, z))
    np.testing.assert_array_equal(nnlib.leaky_relu_prime(z), [[0.01, 0.01, 0.01, 1.0, 1.0]])  # at 0: c
    away = np.array([[-2.0, -0.3, 0.4, 1.7]])  # not at the kink
    numeric = nnlib.numerical_gradient(lambda v: float(np.sum(nnlib.leaky_relu(v, 0.2))), away.copy())
    np.testing.assert_allclose(numeric, nnlib.leaky_relu_prime(away, 0.2), atol=1e-9)
    # the gain keeps E[g(z)²] · gain = Var z for z symmetric about 0 (here a million normal draws)
    draws = np.random.default_rng(0).normal(size=10**6)
    for c in (0.0, 0.01, 0.5):
        kept = np.mean(nnlib.leaky_relu(draws, c) ** 2) / np.var(draws)
        assert kept * nnlib.activations.leaky_relu_gain(c) == pytest.approx(1.0, abs=0.01), c


def test_an_unknown_name_is_a_clear_error_that_lists_the_registry():
    with pytest.raises(ValueError, match="unknown activation 'softplus'; choose one of identity, sigmoid"):
        nnlib.ACTIVATIONS["softplus"]
    with pytest.raises(ValueError, match="unknown element-wise activation 'softmax'"):
        nnlib.backward_deltas([None, np.eye(2)], [None, np.zeros((2, 1))], np.zeros((2, 1)), "softmax")
    with pytest.raises(ValueError, match="unknown task 'ranking'"):
        nnlib.output_delta(np.zeros((2, 1)), np.zeros((2, 1)), "ranking")


def test_activations_take_any_real_array_and_propagate_nan_as_numpy_does():
    """The activations check types, not values: the network checks its input once per pass."""
    z = np.array([[np.nan, 0.0]])
    for name, g in nnlib.ACTIVATIONS.items():
        if name != "softmax":
            out = g(z)
            assert np.isnan(out[0, 0]) and np.isfinite(out[0, 1]), name
    assert nnlib.sigmoid([[0, 1]]).dtype == np.float64  # lists of ints are converted
    with pytest.raises(TypeError, match="z must"):
        nnlib.tanh("0.5")
