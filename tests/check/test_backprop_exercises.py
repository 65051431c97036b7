"""The exercises of chapters 8–10 that are not a formula the chapter prints: their right answers
against finite differences, and what their checkers say.

* the backward-pass checkers (9.4, 10.6, 10.7) compare with a reference that agrees with finite
  differences on every case, say which arrays are wrong and which are right, and name a wrong
  shape, a changed network, and each declared slip;
* every value derived on paper (8.4, 9.3, 10.4, 10.5) is computed here another way (a grid
  search, finite differences, the shapes of an actual product), its slips get their messages,
  and a wrong value never shows the right one;
* the variant 8.5 (softmax with squared error) agrees with finite differences and with nnlib's
  chain rule.
"""
from __future__ import annotations

import copy

import numpy as np
import pytest

import nnlib
from nnlib import check
from nnlib.check._answers import fmt
from nnlib.check._backprop import gradient_vector, slipped_backward
from nnlib.check._messages import number_equations

BACKWARD = ["fixed_backward", "fixed_gradients", "backward_from_scratch"]
ANSWERS = ["strongest_push", "hidden_unit_error", "swapped_shapes", "weight_gradient_entry"]


def cases(name):
    checker = check.CHECKERS[name]
    return checker.cases(np.random.default_rng(checker.seed))


# ---------------------------------------------------------------- backward passes
@pytest.mark.parametrize("name", BACKWARD)
def test_the_reference_agrees_with_finite_differences_on_every_case(name):
    for label, (net, X, Y) in cases(name):
        expected = check.CHECKERS[name].reference(*copy.deepcopy((net, X, Y)))

        def cost(_, net=net, X=X, Y=Y):
            return net.cost(net.forward(X), Y)

        numeric = np.concatenate([nnlib.numerical_gradient(cost, p).ravel()
                                  for l in range(1, net.N + 1) for p in (net.W[l], net.b[l])])
        assert nnlib.relative_error(expected, numeric) < 1e-7, label
        assert expected.shape == numeric.shape


@pytest.mark.parametrize("name", BACKWARD)
def test_the_cases_cover_the_three_tasks_and_a_batch(name):
    tasks = {net.task for _, (net, _, _) in cases(name)}
    assert tasks == {"regression", "binary", "multiclass"}
    assert any(X.shape[1] > 1 for _, (_, X, _) in cases(name))


def _one_array_off(net, X, Y):
    dW, db = slipped_backward(net, Y)
    dW[1] = dW[1] + 0.1
    return dW, db


def test_a_wrong_array_is_named_and_the_right_ones_too():
    result = check.backward_from_scratch(_one_array_off)
    assert not result.passed
    assert "wrong gradients for W[1]" in result.message and "right: b[1], W[2], b[2], W[3], b[3]" in result.message


def test_a_gradient_missing_its_mean_in_one_array_is_named_m_times_too_large():
    def db2_summed(net, X, Y):
        dW, db = slipped_backward(net, Y)
        db[2] = db[2] * X.shape[1]
        return dW, db

    assert "b[2] (m = 5 times too large)" in check.backward_from_scratch(db2_summed).message


@pytest.mark.parametrize("answer,fragment", [
    (lambda net, X, Y: slipped_backward(net, Y)[0], "return the pair dW, db"),
    (lambda net, X, Y: (slipped_backward(net, Y)[0][1:], slipped_backward(net, Y)[1]), "dW has 3 entries"),
    (lambda net, X, Y: (slipped_backward(net, Y)[0], [None, None, None, None]), "db[1] is None"),
    (lambda net, X, Y: (slipped_backward(net, Y)[0], [None, "b1", "b2", "b3"]), "db[1] is not an array"),
])
def test_a_gradient_of_the_wrong_form_is_named(answer, fragment):
    result = check.backward_from_scratch(answer)
    assert not result.passed and fragment in result.message, result.message


def test_a_backward_pass_that_changes_the_weights_is_named():
    def updates_in_place(net, X, Y):
        dW, db = slipped_backward(net, Y)
        net.W[1] -= 0.1 * dW[1]
        return dW, db

    assert "changed its input `net`" in check.backward_from_scratch(updates_in_place).message


def test_the_misprint_and_the_transpose_on_a_layer_that_is_not_square_are_named_by_their_shapes():
    """Case 2 of 10.7 has no square layer: the shape of dW[1] gives both away."""
    net, X, Y = cases("backward_from_scratch")[1][1]
    said = gradient_vector(slipped_backward(net, Y, a_layer=0), net)
    assert said == "dW[1] has shape (4, 4) but W[1] has shape (4, 2)"
    said = gradient_vector(slipped_backward(net, Y, a_layer="T"), net)
    assert said == "dW[1] has shape (2, 4) but W[1] has shape (4, 2) (the transpose's shape)"
    result = check.backward_from_scratch(lambda net, X, Y: slipped_backward(net, Y, a_layer=0))
    assert "the notes' misprint" in result.message


def test_the_planted_bugs_run_silently_on_the_first_case_and_the_check_localises_them():
    """The bugs of 9.4 and 10.6 raise nothing and give the right shapes on the networks the chapters use;
    check_network finds wrong arrays, and leaves some right (which is what localises the bug)."""
    for name, slip in [("fixed_backward", dict(g_layer=1)), ("fixed_gradients", dict(mean_W=False))]:
        net, X, Y = cases(name)[0][1]
        errors = nnlib.check_network(net, X, Y, backward=lambda n, X_, Y_, s=slip: slipped_backward(n, Y_, **s))
        wrong = {k for k, e in errors.items() if e > 1e-3}
        right = {k for k, e in errors.items() if e < 1e-7}
        assert wrong and right and wrong | right == set(errors), (name, errors)


# ---------------------------------------------------------------- values derived on paper
def test_the_strongest_push_is_where_a_fine_grid_puts_it():
    z = np.linspace(-4, 4, 800_001)[None, :]
    delta = nnlib.output_delta_chain_rule(z, np.ones_like(z), "sigmoid", "squared_error")[0]
    z_best = z[0, np.argmin(delta)]
    assert abs(z_best - check.strongest_push.reference()) < 1e-4
    assert abs(delta.min() - (-4 / 27)) < 1e-9  # the value there: −s(1 − s)² at s = 1/3


def test_the_hidden_unit_error_is_the_slope_of_the_loss_in_z():
    p = {k: np.array(v, dtype=float) for k, v in check.ch09_backward.NET_221.items()}

    def loss(z1):
        y_hat = nnlib.sigmoid(p["W2"] @ nnlib.sigmoid(z1) + p["b2"])
        return float(-(p["y"] * np.log(y_hat) + (1 - p["y"]) * np.log(1 - y_hat))[0, 0])

    z1 = p["W1"] @ p["x"] + p["b1"]
    numeric = nnlib.numerical_gradient(loss, z1.copy())
    assert abs(numeric[0, 0] - check.hidden_unit_error.reference()) < 1e-8


def test_the_swapped_shapes_are_those_of_the_product():
    sizes, m = check.ch10_parameter_gradients.SHAPES_NET["sizes"], check.ch10_parameter_gradients.SHAPES_NET["m"]
    shapes = [(np.ones((p, m)) @ np.ones((n, m)).T).shape for p, n in zip(sizes[:-1], sizes[1:])]
    assert np.array_equal(check.swapped_shapes.reference(), np.array(shapes))
    assert shapes == [(4, 6), (6, 6), (6, 3)]


def test_the_weight_gradient_entry_is_a_slope_of_the_cost():
    """J(W) = (1/m) Σ_i δ^(i)ᵀ W a^(i) has ∂J/∂z^(i) = δ^(i)/m: its gradient in W is the exercise's."""
    entry = check.ch10_parameter_gradients.ENTRY
    delta, a1 = np.array(entry["delta"]), np.array(entry["a1"])
    numeric = nnlib.numerical_gradient(lambda W: float(np.sum(delta * (W @ a1))) / a1.shape[1], np.zeros((2, 3)))
    assert abs(numeric[0, 1] - check.weight_gradient_entry.reference()) < 1e-8


@pytest.mark.parametrize("name", ANSWERS)
def test_an_answer_right_passes_and_each_slip_gets_its_message(name):
    checker = check.CHECKERS[name]
    assert checker(checker.reference()).passed
    assert "not answered yet" in checker(...).message
    for mistake in checker.mistakes:
        result = checker(mistake.fn())
        assert not result.passed and number_equations(mistake.message) in result.message, (mistake, result.message)


@pytest.mark.parametrize("name", ANSWERS)
def test_a_wrong_answer_never_shows_the_right_one(name):
    checker = check.CHECKERS[name]
    right = np.asarray(checker.reference(), dtype=float)
    for wrong in (right * 1.37 + 0.11, right + 0.5):
        result = checker(wrong if right.ndim else float(wrong))
        assert not result.passed and "expected" not in result.message, result.message
        shown = [fmt(float(v)) for v in right.ravel() if v != round(v)]  # whole numbers occur in any text
        assert not any(text in result.message for text in shown), result.message
        assert "check.hint" in result.message


def test_a_list_is_taken_as_an_array():
    assert check.swapped_shapes([(4, 6), (6, 6), (6, 3)]).passed


# ---------------------------------------------------------------- the variant 8.5
def test_softmax_with_squared_error_agrees_with_finite_differences_and_the_chain_rule():
    for label, (z, Y) in cases("softmax_squared_error_delta"):
        expected = check.softmax_squared_error_delta.reference(z, Y)
        assert np.allclose(expected, nnlib.output_delta_chain_rule(z, Y, "softmax", "squared_error"), atol=1e-12)
        if np.max(np.abs(z)) < 100:  # finite differences of the loss of each column, times m
            m = z.shape[1]
            numeric = m * nnlib.numerical_gradient(
                lambda zz, Y=Y: nnlib.LOSSES["squared_error"](nnlib.softmax(zz), Y), z.copy())
            assert nnlib.relative_error(expected, numeric) < 1e-8, label
