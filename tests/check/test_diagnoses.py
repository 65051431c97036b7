"""What the checkers say beyond the declared mistakes: hints, general messages, valid variants.

test_mistakes.py runs every declared mistake through its checker.  Here: the rules that
are Hints (keyed on an exception's text, a changed input, the case itself), general
messages that chapter exercises rely on, right answers in other valid forms, and the rules
of the engine itself on a made-up exercise.
"""
from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib import check
from nnlib.check import Checker, Hint, Mistake
from nnlib.losses import CLIP


def fails_with(checker, fn, *fragments):
    with np.errstate(all="ignore"):
        result = checker(fn)
    assert not result.passed, result.message
    for fragment in fragments:
        assert fragment in result.message, result.message
    return result


def _forward_from(first, W, b, X, hidden, output):
    """A learner's forward loop starting at layer ``first`` (0 is the mistake)."""
    a = X
    N = len(W) - 1
    for l in range(first, N + 1):
        a = nnlib.ACTIVATIONS[output if l == N else hidden](W[l] @ a + b[l])
    return a


# ---------------------------------------------------------------- hints
def _one_sided_in_place(f, x, eps, restore):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += eps
        f_plus = f(x)
        x[i] -= 2 * eps
        f_minus = f(x)
        if restore:
            x[i] += eps  # arithmetic, not assignment: x[i] may end one rounding step away
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def _bce_clipped_at(eps):
    def bce(y_hat, Y):
        p = np.clip(y_hat, eps, 1 - eps)
        return float(-np.sum(Y * np.log(p) + (1 - Y) * np.log(1 - p)) / y_hat.shape[1])
    return bce


def _norm(x):
    return np.linalg.norm(x)


HINTS = [
    ("forward from W[0] with @", check.forward_pass,
     lambda W, b, X, hidden, output: _forward_from(0, W, b, X, hidden, output), "index 0 is unused"),
    ("forward from W[0] with np.dot", check.forward_pass,
     lambda W, b, X, hidden, output: np.dot(W[0], X) + b[0], "index 0 is unused"),
    ("BCE clipped at 1e-7", check.binary_cross_entropy_cost, _bce_clipped_at(1e-7),
     "ε = 1e-15 (nnlib.losses.CLIP)"),
    ("centred difference that does not restore x", check.centred_difference,
     lambda f, x, eps: _one_sided_in_place(f, x, eps, restore=False), "put the saved value back"),
    ("relative error through ‖b‖", check.relative_error,
     lambda a, b: _norm(a - b) / _norm(b) / (1 + _norm(a) / _norm(b)), "You divided by ‖b‖ alone"),
    ("a full-width last batch", check.minibatch_columns,
     lambda A, perm, k, batch_size: A[:, np.resize(perm[k * batch_size:(k + 1) * batch_size], batch_size)],
     "the last batch of an epoch holds only"),
    ("another IndexError", check.minibatch_columns,
     lambda A, perm, k, batch_size: A[:, perm[k * batch_size:(k + 1) * batch_size] + A.shape[1]],
     "The examples are the columns of A"),
]


@pytest.mark.parametrize("label,checker,fn,message", HINTS, ids=[h[0] for h in HINTS])
def test_hints(label, checker, fn, message):
    fails_with(checker, fn, message)


def test_restoring_by_arithmetic_is_named_when_it_changes_x():
    result = check.centred_difference(lambda f, x, eps: _one_sided_in_place(f, x, eps, restore=True))
    if not result.passed:  # whether x[i] + ε − 2ε + ε == x[i] depends on the numbers
        assert "does not always return exactly to the old number" in result.message, result.message


# ---------------------------------------------------------------- general messages
def _in_place(W, dW, learning_rate):
    W -= learning_rate * dW
    return W


GENERAL = [
    ("saturation per unit", check.saturated_fraction,
     lambda z, name, threshold: np.mean(nnlib.DERIVATIVES[name](z) < threshold, axis=1),
     "expected a single number"),
    ("per-example losses", check.squared_error_cost,
     lambda y_hat, Y: 0.5 * np.sum((y_hat - Y) ** 2, axis=0), "expected a single number"),
    ("per-example gradients divided by m", check.per_example_weight_gradients,
     lambda delta, a_prev: np.einsum("im,jm->mij", delta, a_prev) / delta.shape[1], "m = 5 times too small"),
    ("W updated in place", check.descend, _in_place, "changed its input `W`"),
]


@pytest.mark.parametrize("label,checker,fn,message", GENERAL, ids=[g[0] for g in GENERAL])
def test_general_messages(label, checker, fn, message):
    fails_with(checker, fn, message)


# ---------------------------------------------------------------- a mistake as a learner writes it
def _delta_via_jacobian(z, Y):
    y_hat = nnlib.softmax(z)
    grad = -Y / y_hat
    return np.column_stack([(np.diag(y_hat[:, e]) - np.outer(y_hat[:, e], y_hat[:, e])).T @ grad[:, e]
                            for e in range(z.shape[1])])


def _misprint(delta, a, l):
    return delta[l] @ a[l].T / a[0].shape[1]


def test_the_jacobian_route_through_minus_y_over_y_hat_is_caught_at_extreme_logits():
    fails_with(check.softmax_output_delta, _delta_via_jacobian, "±1000", "division by zero")


def test_the_misprint_is_named_on_a_non_square_layer_too():
    assert "l = 2 (a square layer)" in check.layer_weight_gradient(_misprint).message  # the first case
    original = check.layer_weight_gradient
    only_layer_one = Checker(original.name, original.reference, lambda rng: original.cases(rng)[1:2],
                             mistakes=original.mistakes, m_of=original.m_of)
    fails_with(only_layer_one, _misprint, "l = 1", "expected shape (4, 3), got (4, 4)", "the notes' misprint")


# ---------------------------------------------------------------- right answers in other forms
def _count(predicted, labels, k):
    C = np.zeros((k, k))
    for p, t in zip(predicted, labels):
        C[t, p] += 1
    return C


def _first_delta_loop(W, z, delta_N, hidden):
    delta = delta_N
    for l in range(len(W) - 2, 0, -1):
        delta = (W[l + 1].T @ delta) * nnlib.DERIVATIVES[hidden](z[l])
    return delta


def _softmax(z):
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


RIGHT = [
    (check.affine, lambda W, a_prev, b: np.dot(W, a_prev) + b),
    (check.parameter_count, lambda sizes: sum(n * (p + 1) for p, n in zip(sizes, sizes[1:]))),
    (check.sigmoid_prime, lambda z: nnlib.sigmoid(z) - nnlib.sigmoid(z) ** 2),
    (check.relu_prime, lambda z: np.where(z > 0, 1.0, 0.0)),
    (check.tanh_prime, lambda z: 1 / np.cosh(z) ** 2),
    (check.forward_pass, lambda W, b, X, hidden, output: _forward_from(1, W, b, X, hidden, output)),
    (check.saturated_fraction,
     lambda z, name, threshold: np.sum(nnlib.DERIVATIVES[name](z) < threshold) / z.size),
    (check.stable_softmax, _softmax),
    (check.predict_labels, lambda y_hat, task: np.argmax(y_hat, axis=0) if task == "multiclass"
     else (y_hat >= 0.5).astype(int)),
    (check.squared_error_cost, lambda y_hat, Y: 0.5 * np.sum((y_hat - Y) ** 2) / y_hat.shape[1]),
    (check.squared_error_grad, lambda y_hat, Y: y_hat - Y),
    (check.binary_cross_entropy_cost, _bce_clipped_at(CLIP)),
    (check.tempered_bce_dz, lambda z, Y, T: nnlib.bce_grad_logit(z / T, Y) / T),
    (check.one_hot, lambda labels, k: np.eye(k)[:, labels]),
    (check.cross_entropy_from_labels,
     lambda y_hat, labels: -np.mean(np.log(np.clip(y_hat[labels, np.arange(y_hat.shape[1])], CLIP, 1.0)))),
    (check.softmax_jacobian_column, lambda z: np.diag(_softmax(z)) - np.outer(_softmax(z), _softmax(z))),
    (check.softmax_output_delta, lambda z, Y: _softmax(z) - Y),
    (check.sigmoid_squared_error_delta, lambda z, Y: (nnlib.sigmoid(z) - Y) * nnlib.sigmoid_prime(z)),
    (check.hidden_delta, lambda W_next, delta_next, g_prime_z: (W_next.T @ delta_next) * g_prime_z),
    (check.first_layer_delta, _first_delta_loop),
    (check.weight_gradient, lambda delta, a_prev: delta @ a_prev.T / delta.shape[1]),
    (check.bias_gradient, lambda delta: np.mean(delta, axis=1, keepdims=True)),
    (check.layer_weight_gradient, lambda delta, a, l: delta[l] @ a[l - 1].T / a[0].shape[1]),
    (check.relative_error, lambda a, b: 0.0 if not (np.any(a) or np.any(b))
     else _norm(a - b) / (_norm(a) + _norm(b))),
    (check.per_example_weight_gradients,
     lambda delta, a_prev: np.stack([np.outer(delta[:, i], a_prev[:, i]) for i in range(delta.shape[1])])),
    (check.minibatch_columns, lambda A, perm, k, batch_size: A[:, perm[k * batch_size:(k + 1) * batch_size]]),
    (check.descend, lambda W, dW, learning_rate: W - learning_rate * dW),
    (check.accuracy_from_predictions, lambda y_hat, labels: np.mean(np.argmax(y_hat, axis=0) == labels)),
    (check.confusion_matrix, _count),
]


@pytest.mark.parametrize("checker,fn", RIGHT, ids=[c.name for c, _ in RIGHT])
def test_right_answers_in_another_form_pass(checker, fn):
    result = checker(fn)
    assert result.passed, result.message


# ---------------------------------------------------------------- the engine's rules
def _toy(mistakes=(), hints=()):
    """Exercise: double x.  Case 1 is x = [1, 2]; case 2 is x = [0, 3]."""
    return Checker("double", lambda x: 2 * x, lambda rng: [("x = [1, 2]", (np.array([1.0, 2.0]),)),
                                                           ("x = [0, 3]", (np.array([0.0, 3.0]),))],
                   mistakes=mistakes, hints=hints)


def test_a_mistake_is_named_only_where_it_differs_from_the_right_answer():
    squared = Mistake("you squared x", lambda x: x ** 2)  # right for x = 2, wrong for 1 and 3
    result = _toy([squared])(lambda x: x ** 2)
    assert "x = [1, 2]: you squared x" in result.message, result.message


def test_a_mistake_that_would_have_failed_an_earlier_case_is_not_named():
    plus_one = Mistake("you added one", lambda x: x + 1)  # wrong on case 1, where the learner was right
    result = _toy([plus_one])(lambda x: x + 1 if x[0] == 0 else 2 * x)  # on case 2 it is x + 1
    assert not result.passed and "you added one" not in result.message, result.message
    assert "x = [0, 3]: first wrong entry at index (0,)" in result.message, result.message


def test_a_mistake_names_an_exception_with_the_same_text_and_one_that_raises_is_skipped():
    mistakes = [Mistake("never applies", lambda x: 1 / 0),
                Mistake("you indexed past the end", lambda x: x[5])]
    result = _toy(mistakes)(lambda x: x[5])
    assert "raised IndexError" in result.message and "you indexed past the end" in result.message
    assert "never applies" not in result.message


def test_the_first_matching_mistake_wins_and_inf_nan_match_by_place():
    mistakes = [Mistake("first", lambda x: x / 0), Mistake("second", lambda x: x / 0)]
    result = _toy(mistakes)(lambda x: x / 0)
    assert "first" in result.message and "second" not in result.message, result.message


def test_a_hint_is_added_to_a_general_message_and_a_broken_hint_is_ignored():
    hints = [Hint("never shown", lambda args, problem: 1 / 0), Hint("Try again.", lambda args, problem: True)]
    result = _toy(hints=hints)(lambda x: 3 * x)
    assert result.message.endswith("1.5 times the right answer. Try again."), result.message


# ---------------------------------------------------------------- where the learner's code went wrong
def _cell_function(source, name, cell="<cell-7>"):
    """A function defined in a notebook cell, as Jupyter compiles it: its source known to linecache."""
    import linecache

    linecache.cache[cell] = (len(source), None, source.splitlines(True), cell)
    namespace = {"np": np, "nnlib": nnlib}
    exec(compile(source, cell, "exec"), namespace)  # noqa: S102 - a test's own code
    return namespace[name]


def test_an_exception_is_told_with_the_learners_line_in_its_cell():
    fn = _cell_function("import numpy as np\n\n\ndef hidden_delta(W_next, delta_next, g_prime_z):\n"
                        "    rows = [W_next, delta_next]\n    return rows[2] * g_prime_z\n", "hidden_delta")
    said = check.hidden_delta(fn).message
    assert ("your function raised IndexError: list index out of range, at line 6 of its cell "
            "(in hidden_delta): `return rows[2] * g_prime_z`") in said, said


def test_an_exception_inside_nnlib_is_told_with_the_learners_line_that_called_it():
    fn = _cell_function("def affine(W, a_prev, b):\n    return nnlib.sigmoid(W @ a_prev.T) + b\n", "affine")
    said = check.affine(fn).message
    assert "at line 2 of its cell (in affine" in said and "`return nnlib.sigmoid(W @ a_prev.T) + b`" in said, said


def test_a_function_that_never_returns_is_told_where_it_was_stopped(monkeypatch):
    from nnlib.check import engine

    monkeypatch.setattr(engine, "TIME_LIMIT", 0.2)
    fn = _cell_function("def relu_prime(z):\n    while True:\n        z = z + 0\n", "relu_prime")
    said = check.relu_prime(fn).message
    assert "took more than 0.2 s and was stopped at line " in said and " of its cell (in relu_prime): `" in said, said


def _gradient_case():
    rng = np.random.default_rng(4)
    net = nnlib.Network([3, 4, 4, 2], hidden="tanh", task="multiclass", seed=4)
    X = rng.normal(size=(3, 6))
    return net, X, nnlib.one_hot(rng.integers(0, 2, 6), 2)


def test_report_gradients_prints_the_gradient_check_or_what_stops_it(capsys):
    net, X, Y = _gradient_case()
    errors = check.report_gradients(net, X, Y, backward=lambda net, X, Y: net.backward(Y))
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"{name}: relative error {err:.1e}" for name, err in errors.items()]
    assert errors == nnlib.check_network(net, X, Y) and max(errors.values()) < 1e-7

    def misprint(net, X, Y):  # the notes' a[l]: dW[1] of shape (4, 4) for W[1] of shape (4, 3)
        dW, db = net.backward(Y)
        return [None] + [net.delta[l] @ net.a[l].T / X.shape[1] for l in range(1, net.N + 1)], db

    assert check.report_gradients(net, X, Y, backward=misprint) is None
    said = capsys.readouterr().out
    assert "could not run: dW[1] has shape (4, 4) but W[1] has shape (4, 3)" in said, said
    fn = _cell_function("def my_gradients(net, X, Y):\n    return undefined_name\n", "my_gradients")
    assert check.report_gradients(net, X, Y, backward=fn) is None
    said = capsys.readouterr().out
    assert "NameError: name 'undefined_name' is not defined, at line 2 of its cell" in said, said


def test_try_it_returns_what_the_function_gives_or_says_why_not(capsys):
    assert check.try_it(lambda x: 2 * x, 21) == 42
    fn = _cell_function("def directional_check(f, grad, x):\n    return f(x_minus)\n", "directional_check")
    assert check.try_it(fn, np.sum, 1.0, 2.0) is None
    assert "NameError: name 'x_minus' is not defined, at line 2 of its cell" in capsys.readouterr().out
