"""The core functions that checkers use as references agree with the network and with each other."""

from __future__ import annotations

import numpy as np
import pytest

import nnlib


def test_network_forward_keeps_every_layer_and_matches_forward_layers():
    rng = np.random.default_rng(3)
    net = nnlib.Network([3, 4, 4, 2], hidden="tanh", task="multiclass", seed=1)
    X = rng.normal(size=(3, 5))
    y_hat = net.forward(X)
    z, a = nnlib.forward_layers(net.W, net.b, X, "tanh", "softmax")
    assert a[0] is not None and np.array_equal(net.a[0], X)
    for l in range(1, 4):
        assert np.array_equal(net.z[l], z[l]) and np.array_equal(net.a[l], a[l])
        assert net.z[l].shape == (net.sizes[l], 5)
    assert np.array_equal(y_hat, a[3])


def test_predict_labels_is_what_network_predict_uses():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 7))
    for task, n_out in (("multiclass", 3), ("binary", 1)):
        net = nnlib.Network([2, 4, n_out], task=task, seed=2)
        assert np.array_equal(net.predict(X), nnlib.predict_labels(net.forward(X), task))
    with pytest.raises(ValueError, match="regression"):
        nnlib.predict_labels(np.zeros((1, 3)), "regression")


def test_sigmoid_is_a_two_class_softmax():
    z = np.linspace(-30, 30, 13)[None, :]
    two = nnlib.softmax(np.vstack([z, np.zeros_like(z)]))
    assert np.allclose(two[0], nnlib.sigmoid(z)[0], rtol=1e-12, atol=0)


def test_bce_grad_logit_is_the_chain_rule_and_matches_centred_differences():
    rng = np.random.default_rng(0)
    z = rng.normal(0, 2, size=(2, 5))
    Y = rng.integers(0, 2, size=(2, 5)).astype(float)
    chain = nnlib.binary_cross_entropy_grad(nnlib.sigmoid(z), Y) * nnlib.sigmoid_prime(z)
    assert np.allclose(nnlib.bce_grad_logit(z, Y), chain)
    numeric = nnlib.numerical_gradient(lambda q: 5 * nnlib.binary_cross_entropy_from_logits(q, Y), z.copy())
    assert nnlib.relative_error(nnlib.bce_grad_logit(z, Y), numeric) < 1e-7


def test_losses_from_logits_agree_with_probabilities_and_stay_exact():
    rng = np.random.default_rng(1)
    z = rng.normal(0, 2, size=(3, 4))
    Y = rng.integers(0, 2, size=(3, 4)).astype(float)
    assert nnlib.binary_cross_entropy_from_logits(z, Y) == pytest.approx(
        nnlib.binary_cross_entropy_cost(nnlib.sigmoid(z), Y)
    )
    labels = rng.integers(0, 3, size=4)
    assert nnlib.cross_entropy_from_logits(z, labels) == pytest.approx(
        nnlib.cross_entropy_cost(nnlib.softmax(z), labels)
    )
    # far beyond where clipping caps the loss at −log EPS ≈ 34.5
    one_wrong = np.array([[-1000.0]]), np.array([[1.0]])
    assert nnlib.binary_cross_entropy_from_logits(*one_wrong) == pytest.approx(1000.0)
    assert nnlib.cross_entropy_from_logits(np.array([[1000.0], [0.0]]), np.array([1])) == pytest.approx(1e3)
