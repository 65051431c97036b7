"""Every exercise checker meets typical wrong answers with its specific message, and never crashes.

The wrong answers here are built from each checker's own reference: returning None,
raising, not implemented, a list, a transposed or mis-shaped array, NaN, a constant
factor, a changed input, and a function that takes too long.  Chapter-specific
mistakes are in tests/test_mistakes_*.py.
"""
from __future__ import annotations

import copy
import time

import numpy as np
import pytest

from nnlib import check

NAMES = sorted(check.CHECKERS)


def sample(checker):
    label, args = checker.cases(np.random.default_rng(checker.seed))[0]
    return label, args, checker.reference(*copy.deepcopy(args))


def verdict(checker, fn):
    result = checker(fn)  # must not raise
    assert isinstance(result, check.Result)
    return result


def wrong_answers(checker):
    _, args, expected = sample(checker)
    ref = checker.reference
    arr = np.asarray(expected)
    yield "None", (lambda *a: None), "returned None"
    yield "raises", (lambda *a: 1 / 0), "raised ZeroDivisionError"
    yield "not implemented", (lambda *a: (_ for _ in ()).throw(NotImplementedError("Your code here. Hint: x"))), "not implemented yet"
    yield "a list", (lambda *a: np.asarray(ref(*a)).tolist() if np.ndim(ref(*a)) else [ref(*a)]), "returned a list"
    yield "a string", (lambda *a: "42"), "returned a str"
    if arr.ndim == 2 and arr.shape[0] != arr.shape[1]:
        yield "transposed", (lambda *a: np.asarray(ref(*a)).T), "transpose"
    if arr.ndim >= 1:
        yield "extra axis", (lambda *a: np.asarray(ref(*a))[None]), "wrong shape"
    if np.all(np.isfinite(arr)) and arr.size:
        def nan(*a):
            out = np.array(ref(*a), dtype=float)
            out.flat[0] = np.nan
            return out if out.ndim else float(out)
        yield "NaN", nan, "nan"
    if np.any(np.abs(arr) > 1e-9):
        yield "times 3", (lambda *a: 3 * np.asarray(ref(*a), dtype=float) if np.ndim(ref(*a)) else 3.0 * ref(*a)), "3 times"
    array_args = [i for i, a in enumerate(args) if isinstance(a, np.ndarray)]
    if array_args:
        i = array_args[0]

        def mutate(*a):
            out = ref(*a)
            a[i][...] = 0.0
            return out
        yield "changes its input", mutate, f"changed its input `{checker.arg_names[i]}`"

    def slow(*a):
        time.sleep(5)
        return ref(*a)
    yield "too slow", slow, "took more than"


CASES = [(name, label, fn, message) for name in NAMES for label, fn, message in wrong_answers(check.CHECKERS[name])]


def test_every_checker_has_at_least_five_typical_wrong_answers():
    for name in NAMES:
        assert sum(1 for c in CASES if c[0] == name) >= 5, name


@pytest.mark.parametrize("name", NAMES)
def test_reference_passes(name):
    result = verdict(check.CHECKERS[name], check.CHECKERS[name].reference)
    assert result.passed and result.message.startswith("✅"), result.message


@pytest.mark.parametrize("name,label,fn,message", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_wrong_answer_gets_its_message(name, label, fn, message, monkeypatch):
    monkeypatch.setattr(check, "TIME_LIMIT", 0.5)
    start = time.perf_counter()
    result = verdict(check.CHECKERS[name], fn)
    assert time.perf_counter() - start < 3, "the checker must not hang"
    assert not result.passed
    assert message.lower() in result.message.lower(), result.message
    assert "Traceback" not in result.message


def test_a_non_function_is_named():
    result = check.CHECKERS[NAMES[0]](42)
    assert not result and "expected a function, got int" in result.message
