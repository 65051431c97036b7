"""Every message is true of the answer it describes.

Wrong answers are generated from each checker's reference, the way learners go wrong: scaled (by a
number, by m, by −1, by a factor so near 1 that it prints as 1), shifted, transposed, computed along
the wrong axis, from the wrong layer.  Each verdict is then read back (``claims``) and every claim it
makes is checked against the answer on the cases: a constant factor must hold on every case and not
be 1; "m times too large" must be m on every case; a transpose must be one; a wrong entry must be
that entry; a declared mistake must compute what the learner's function computes; an exception must
be the one the function raises.  A verdict that makes no claim this test can read fails it.
"""
from __future__ import annotations

import copy
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib import check
from nnlib.check._backprop import GRADIENTS, gradient_vector
from nnlib.check._messages import number_equations

FUNCTIONS = [name for name, c in check.CHECKERS.items() if not isinstance(c, check.Answer)]


def cases_of(checker):
    return checker.cases(np.random.default_rng(checker.seed))


def outcome(checker, fn, args):
    """What fn gives on a case, read as the checker reads it: an array, a string (an exception, a misfit), None."""
    expected = np.asarray(checker.reference(*copy.deepcopy(args)), dtype=float)
    try:
        with np.errstate(all="ignore"):
            value = fn(*copy.deepcopy(args))
    except Exception as exc:  # noqa: BLE001 - the wrong answers may raise
        return f"{type(exc).__name__}"
    if checker.reader is GRADIENTS:
        value = gradient_vector(value, args[0])
        if isinstance(value, str):
            return value
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    finally:
        del expected


def right(checker, args):
    out = checker.reference(*copy.deepcopy(args))
    return gradient_vector(out, args[0]) if checker.reader is GRADIENTS else np.asarray(out, dtype=float)


def close(a, b, rtol=1e-6):
    return isinstance(a, np.ndarray) and a.shape == b.shape and np.allclose(a, b, rtol=rtol, atol=1e-9)


# ------------------------------------------------------------------------------ wrong answers
def on_arrays(value, change):
    """``change`` applied to a result: to every array of a backward pass's (dW, db), else to the array."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], list):
        return tuple([None] + [change(np.asarray(g, dtype=float)) for g in part[1:]] for part in value)
    return change(np.asarray(value, dtype=float))


def scaled(ref, c):
    return lambda *a: on_arrays(ref(*a), lambda v: c * v)


def scaled_by_m(ref, m_of):
    return lambda *a: on_arrays(ref(*a), lambda v: m_of(a) * v)


def shifted(ref, s):
    return lambda *a: on_arrays(ref(*a), lambda v: v + s)


def transposed(ref):
    return lambda *a: on_arrays(ref(*a), lambda v: v.T)


def wrong_axis(ref):
    """The reference run on the transposes of its 2-D inputs, and transposed back: rows for columns."""
    def fn(*a):
        flipped = [x.T if isinstance(x, np.ndarray) and x.ndim == 2 else x for x in a]
        return on_arrays(ref(*flipped), lambda v: v.T if v.ndim == 2 else v)
    return fn


def wrong_layer(checker):
    """One layer off: the lists of a layered exercise shifted by one, or a backward pass's layers swapped."""
    ref = checker.reference
    if checker.reader is GRADIENTS:
        def swapped(*a):
            dW, db = ref(*a)
            return [None, *dW[1:][::-1]], [None, *db[1:][::-1]]
        return swapped

    def shifted_lists(*a):
        return ref(*[[None] + x[2:] + [x[1]] if isinstance(x, list) and len(x) > 2 else x for x in a])
    return shifted_lists


def generated(checker, kind, number):
    ref = checker.reference
    return {"scaled": lambda: scaled(ref, number), "by m": lambda: scaled_by_m(ref, lambda a: checker.m_of(a) or 2),
            "nearly 1": lambda: scaled(ref, 1 + 2e-5), "sign": lambda: scaled(ref, -1.0),
            "shifted": lambda: shifted(ref, number), "transposed": lambda: transposed(ref),
            "wrong axis": lambda: wrong_axis(ref), "wrong layer": lambda: wrong_layer(checker)}[kind]()


# ------------------------------------------------------------------------------ reading a verdict back
def failing_case(checker, message):
    for label, args in cases_of(checker):
        head = f"❌ {checker.name}, {label}: "
        if message.startswith(head):
            return label, args, message[len(head):]
    raise AssertionError(f"no case named in {message!r}")


def claims_hold(checker, fn, message):
    """Check every claim of a failing verdict on ``fn``; returns the kind of claim it made."""
    label, args, said = failing_case(checker, message)
    cases = cases_of(checker)
    theirs = outcome(checker, fn, args)
    expected = right(checker, args)
    for mistake in checker.mistakes:
        if number_equations(mistake.message) in said:  # a declared mistake: it computes what fn computes
            for _, a in cases[[lab for lab, _ in cases].index(label):]:
                t, m = outcome(checker, fn, a), outcome(checker, mistake.fn, a)
                assert (isinstance(t, str) and t == m) or close(t, m) or (t is None and m is None) or (
                    isinstance(t, np.ndarray) and isinstance(m, np.ndarray) and t.shape == m.shape
                    and np.array_equal(np.isfinite(t), np.isfinite(m))), (message, label)
            return "mistake"
    found = re.search(r"off by a constant factor: on every case it is (\S+) times", said)
    if found:
        c = float(found.group(1))
        assert abs(c - 1) > 1e-4, message  # never "1 times the right answer"
        for _, a in cases:
            assert close(outcome(checker, fn, a), c * right(checker, a), rtol=1e-3), (message, a)
        return "factor"
    found = re.search(r"m = (\d+) times too (large|small)", said)
    if found and said.startswith("your result is"):
        for _, a in cases:
            m = checker.m_of(a)
            want = right(checker, a) * (m if found.group(2) == "large" else 1 / m)
            assert close(outcome(checker, fn, a), want), (message, a)
        return "m"
    if said.startswith("your result has the wrong sign"):
        for _, a in cases:
            assert close(outcome(checker, fn, a), -right(checker, a)), message
        return "sign"
    if said.startswith("your result is the transpose of the right one"):
        assert close(theirs.T, expected), message
        return "transpose"
    found = re.search(r"wrong shape: expected \(([\d, ]*)\), got \(([\d, ]*)\)", said)
    if found:
        assert tuple(expected.shape) == tuple(int(n) for n in found.group(1).split(",") if n.strip())
        assert tuple(theirs.shape) == tuple(int(n) for n in found.group(2).split(",") if n.strip())
        return "shape"
    found = re.search(r"(?:first wrong entry at index \(([\d, ]*)\)|wrong value): expected (\S+), got (\S+)", said)
    if found:
        index = tuple(int(n) for n in (found.group(1) or "").split(",") if n.strip())
        assert f"{float(expected[index]):.6g}" == found.group(2) and f"{float(theirs[index]):.6g}" == found.group(3)
        assert not np.isclose(expected[index], theirs[index], rtol=checker.rtol, atol=checker.atol)
        return "entry"
    found = re.search(r"wrong gradients for (.*?); (?:right: (.*)|none is right)", said)
    if found:
        net = args[0]
        arrays = {f"{p}[{l}]": (l, p) for l in range(1, net.N + 1) for p in "Wb"}
        sizes = [getattr(net, p)[l].size for l in range(1, net.N + 1) for p in "Wb"]
        bounds = np.cumsum([0, *sizes])
        spans = dict(zip(arrays, zip(bounds[:-1], bounds[1:])))
        for name in re.findall(r"([Wb]\[\d+\])", found.group(1)):
            lo, hi = spans[name]
            assert not close(theirs[lo:hi], expected[lo:hi]), (name, message)
        for name in re.findall(r"([Wb]\[\d+\])", found.group(2) or ""):
            lo, hi = spans[name]
            assert close(theirs[lo:hi], expected[lo:hi]), (name, message)
        return "arrays"
    found = re.search(r"^your function raised (\w+)", said)
    if found:
        assert theirs == found.group(1), message
        return "raised"
    found = re.search(r"^(d[Wb]\[\d+\]) has shape \(([\d, ]*)\) but ([Wb]\[\d+\]) has shape", said)
    if found:
        assert isinstance(theirs, str) and found.group(0) in theirs, message
        return "misfit"
    if re.search(r"returned an array of shape .*; expected a single number", said):
        assert isinstance(theirs, np.ndarray) and theirs.ndim > 0 and expected.ndim == 0
        return "number expected"
    if re.search(r"your result is \S+ at index .* where .* was expected", said):
        assert not np.all(np.isfinite(theirs)), message
        return "not finite"
    raise AssertionError(f"a verdict whose claims this test cannot read: {message!r}")


KINDS = ["scaled", "by m", "nearly 1", "sign", "shifted", "transposed", "wrong axis", "wrong layer"]


def verdict_is_true(checker, fn):
    with np.errstate(all="ignore"):
        result = checker(fn)
    if result.passed or result.message.startswith("⏳") or "the very function this exercise asks" in result.message:
        return None  # the transform left this answer right (an element-wise exercise, a symmetric case)
    return claims_hold(checker, fn, result.message)


@pytest.mark.parametrize("name", FUNCTIONS)
@settings(max_examples=6, deadline=None, derandomize=True)
@given(kind=st.sampled_from(KINDS), number=st.floats(-4, 4).filter(lambda x: abs(x) > 0.05 and abs(x - 1) > 0.05))
def test_every_message_is_true_of_the_answer_it_describes(name, kind, number):
    checker = check.CHECKERS[name]
    verdict_is_true(checker, generated(checker, kind, number))


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_kind_of_wrong_answer_gets_a_true_message(name):
    """The kinds the random draw above may miss, once each."""
    checker = check.CHECKERS[name]
    said = {kind: verdict_is_true(checker, generated(checker, kind, 2.5)) for kind in KINDS}
    assert said["scaled"] in ("factor", "m", "mistake", "arrays", "entry"), said
    assert said["nearly 1"] != "factor", said  # never "1 times the right answer"


def test_the_issues_wrong_messages_are_gone():
    """The four messages the issue found wrong."""
    from nnlib.losses import CLIP

    def bce_plus_eps(y_hat, Y):
        return float(-np.sum(Y * np.log(y_hat + CLIP) + (1 - Y) * np.log(1 - y_hat + CLIP)) / y_hat.shape[1])

    said = check.binary_cross_entropy_cost(bce_plus_eps).message
    assert "constant factor" not in said and "1 times" not in said, said
    said = check.leaky_relu_gain(lambda c: 2 / (1 + c) ** 2).message
    assert "constant factor" not in said, said
    said = check.accuracy_from_predictions(lambda y_hat, labels: float(np.mean(np.argmax(y_hat) == labels))).message
    assert "axis 1" not in said and "each row" not in said, said
    said = check.swapped_shapes([(4, 6), (6, 6)]).message
    assert "you entered 2 rows of 2 numbers" in said and "(3, 2)" not in said, said
