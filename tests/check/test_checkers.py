"""Every exercise checker meets typical wrong answers with its specific message, and never crashes.

The wrong answers here are built from each checker's own reference: returning None,
raising, not implemented, a list, a transposed or mis-shaped array, NaN, a constant
factor, a changed input, and a function that takes too long.  The mistakes each
chapter declares are tested in test_mistakes.py.
"""
from __future__ import annotations

import copy
import faulthandler
import re
import sys
import time

import numpy as np
import pytest

import nnlib
from nbtools import chapter_paths
from nnlib import check
from nnlib.check import engine

#: The checkers of functions; an Answer (a value derived on paper) is called with a value: test_mistakes.py.
NAMES = sorted(name for name, checker in check.CHECKERS.items() if not isinstance(checker, check.Answer))


def sample(checker):
    label, args = checker.cases(np.random.default_rng(checker.seed))[0]
    return label, args, checker.reference(*copy.deepcopy(args))


def verdict(checker, fn):
    result = checker(fn)  # must not raise
    assert isinstance(result, check.Result)
    return result


def raising(exc):
    """A function of any arguments that raises ``exc``."""
    def fn(*args):
        raise exc
    return fn


def wrong_answers(checker):
    _, args, expected = sample(checker)
    ref = checker.reference
    arr = np.asarray(expected)
    yield "None", (lambda *a: None), "returned None"
    yield "raises", (lambda *a: 1 / 0), "raised ZeroDivisionError"
    yield "not implemented", raising(NotImplementedError("Your code here. Hint: x")), "not implemented yet"
    yield "a list", (lambda *a: np.asarray(ref(*a)).tolist() if np.ndim(ref(*a)) else [ref(*a)]), \
        "returned a list"
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
        yield "times 3", (lambda *a: 3 * np.asarray(ref(*a), dtype=float) if np.ndim(ref(*a))
                          else 3.0 * ref(*a)), "3 times"
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


CASES = [(name, label, fn, message) for name in NAMES
         for label, fn, message in wrong_answers(check.CHECKERS[name])]


def test_every_checker_has_at_least_five_typical_wrong_answers():
    for name in NAMES:
        assert sum(1 for c in CASES if c[0] == name) >= 5, name


def uses_forbidden(checker):
    """True when the checker's reference is, or calls, a function the exercise asks the learner to write."""
    return engine.called_any(checker.reference, sample(checker)[1], checker.forbids, 5.0) is not None


@pytest.mark.parametrize("name", NAMES)
def test_reference_passes_unless_it_is_the_function_asked_for(name):
    checker = check.CHECKERS[name]
    result = verdict(checker, checker.reference)
    if uses_forbidden(checker):  # nnlib's own function, handed in: turned down, kindly
        assert not result.passed and "the very function this exercise asks you to write" in result.message
    else:
        assert result.passed and result.message.startswith("✅"), result.message


#: A learner who hands in nnlib's own function, as the issue found: `return nnlib.backward_deltas(...)[1]`.
CALLS_NNLIB = [
    ("first_layer_delta", lambda W, z, delta_N, hidden: nnlib.backward_deltas(W, z, delta_N, hidden)[1],
     "nnlib.backward_deltas"),
    ("stable_softmax", lambda z: nnlib.softmax(z), "nnlib.softmax"),
    ("weight_gradient", nnlib.weight_gradient, "nnlib.weight_gradient"),
    ("forward_pass", lambda W, b, X, hidden, output: nnlib.forward_layers(W, b, X, hidden, output)[1][-1],
     "nnlib.forward_layers"),
    ("backward_from_scratch", lambda net, X, Y: net.backward(Y), "nnlib.Network.backward"),
    ("cross_entropy_from_labels", lambda y_hat, labels: nnlib.cross_entropy_cost(y_hat, labels),
     "nnlib.cross_entropy_cost"),
]


@pytest.mark.parametrize("name,fn,called", CALLS_NNLIB, ids=[c[0] for c in CALLS_NNLIB])
def test_an_answer_that_calls_the_function_asked_for_is_turned_down(name, fn, called):
    result = check.CHECKERS[name](fn)
    assert not result.passed, result.message
    assert f"your function calls {called}, the very function this exercise asks you to write" in result.message


def test_most_formula_exercises_turn_down_nnlibs_own_function():
    rejected = [name for name in NAMES if uses_forbidden(check.CHECKERS[name])]
    formulas = [name for name in NAMES if check.CHECKERS[name].kind == "formula"]
    assert len(rejected) >= 0.6 * len(formulas), (rejected, formulas)


@pytest.mark.parametrize("name,label,fn,message", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_wrong_answer_gets_its_message(name, label, fn, message, monkeypatch):
    # A function that never returns meets a short limit; the others a generous one, so that a
    # busy machine never turns a quick wrong answer into "took more than".
    monkeypatch.setattr(engine, "TIME_LIMIT", 0.1 if "slow" in label else 2.0)
    start = time.perf_counter()
    result = verdict(check.CHECKERS[name], fn)
    assert time.perf_counter() - start < 3, "the checker must not hang"
    assert not result.passed
    assert message.lower() in result.message.lower(), result.message
    assert "Traceback" not in result.message


def test_a_non_function_is_named():
    result = check.CHECKERS[NAMES[0]](42)
    assert not result and "expected a function, got int" in result.message


# ------------------------------------------------------------------ more ways to be wrong
# The answers above are the common ones.  Below: the rarer ones that could crash or hang a
# checker — inf, an endless loop (sleeping, busy, or one that swallows exceptions), the
# wrong number of parameters, a dict, a generator, a huge array, complex numbers,
# sys.exit — fed to every checker of the registry.  Each must get a verdict in plain
# words, quickly, from the checker's own engine (never its "bug in the checker" message).


def rarer_wrong_answers(checker):
    _, args, expected = sample(checker)
    ref = checker.reference
    arr = np.asarray(expected)
    if np.all(np.isfinite(arr)) and arr.size:
        def inf(*a):
            out = np.array(ref(*a), dtype=float)
            out.flat[-1] = np.inf
            return out if out.ndim else float(out)
        yield "inf", inf, "inf"

    def sleeps_in_a_loop(*a):
        while True:
            time.sleep(0.01)
    yield "sleeps in a loop", sleeps_in_a_loop, "took more than"

    def busy_loop(*a):
        n = 0
        while True:
            n += 1
    yield "busy loop", busy_loop, "took more than"

    def swallows_exceptions(*a):
        while True:
            try:
                sum(range(100))
            except Exception:  # noqa: BLE001 - the learner's code may do this
                pass
    yield "loop that swallows exceptions", swallows_exceptions, "took more than"

    def numpy_in_a_loop(*a):
        while True:
            np.linalg.norm(np.ones((50, 50)) @ np.ones((50, 50)))
    yield "numpy work in a loop", numpy_in_a_loop, "took more than"

    n = len(args)
    yield "no parameters", (lambda: ref(*args)), f"calls it with {n}"
    names = ", ".join(f"p{i}" for i in range(n + 1))
    too_many = eval(f"lambda {names}: None")  # noqa: S307 - a function with one parameter too many
    yield "one parameter too many", too_many, f"calls it with {n}"
    yield "a dict", (lambda *a: {"result": ref(*a)}), "returned a dict"
    yield "a generator", (lambda *a: (x for x in np.ravel(ref(*a)))), "returned a generator"
    yield "a huge array", (lambda *a: np.ones((1500, 1500))), \
        "shape (1500, 1500)" if arr.ndim == 0 else "wrong shape"
    yield "complex numbers", (lambda *a: np.asarray(ref(*a)) + 0j), "complex"
    yield "sys.exit()", (lambda *a: sys.exit(1)), "raised SystemExit"
    yield "a huge error message", raising(ValueError("x" * 100_000)), "raised ValueError"
    list_args = [i for i, a in enumerate(args) if isinstance(a, list)]
    if list_args:
        i = list_args[0]

        def appends(*a):
            out = ref(*copy.deepcopy(a))
            a[i].append(0)
            return out
        yield "appends to its input list", appends, f"changed its input `{checker.arg_names[i]}`"


# An endless loop is stopped by the engine's time limit, the same for every checker: it is
# tried on the first checker of each chapter's module (each waits out its limit), the rest on all.
CHAPTER_MODULES = [m for name, m in sorted(vars(check).items()) if name.startswith("ch") and hasattr(m, "__file__")]
LOOPING = {next(n for n in NAMES if vars(m).get(n) is check.CHECKERS[n]) for m in CHAPTER_MODULES
           if any(vars(m).get(n) is check.CHECKERS[n] for n in NAMES)}
assert len(LOOPING) == len(chapter_paths()), sorted(LOOPING)  # one per chapter
RARER = [(name, label, fn, message) for name in NAMES
         for label, fn, message in rarer_wrong_answers(check.CHECKERS[name])
         if message != "took more than" or name in LOOPING]


@pytest.mark.parametrize("name,label,fn,message", RARER, ids=[f"{c[0]}-{c[1]}" for c in RARER])
def test_rarer_wrong_answer_gets_a_plain_verdict(name, label, fn, message, monkeypatch):
    monkeypatch.setattr(engine, "TIME_LIMIT", 0.1 if message == "took more than" else 2.0)
    checker = check.CHECKERS[name]
    monkeypatch.setattr(checker, "time_limit", None)
    # A watchdog: should the checker hang after all, the test run stops with a traceback
    # instead of hanging CI.
    faulthandler.dump_traceback_later(30, exit=True)
    try:
        start = time.perf_counter()
        result = verdict(checker, fn)
        elapsed = time.perf_counter() - start
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert elapsed < 3, f"the checker took {elapsed:.1f} s"
    assert not result.passed
    assert message.lower() in result.message.lower(), result.message
    assert "Traceback" not in result.message
    assert "bug in the checker" not in result.message, result.message
    assert len(result.message) < 1200, f"a message of {len(result.message)} characters"


def test_every_wrong_answer_gets_the_checkers_own_words():
    """No typical wrong answer reaches the checker's last-resort "bug in the checker" message."""
    for name, label, fn, _ in CASES:
        if "slow" in label:
            continue
        result = verdict(check.CHECKERS[name], fn)
        assert "bug in the checker" not in result.message, (name, label, result.message)


def test_a_function_with_the_wrong_parameters_is_told_how_it_is_called():
    result = check.CHECKERS[NAMES[0]](lambda: None)
    checker = check.CHECKERS[NAMES[0]]
    assert not result and f"def {checker.name}(" in result.message, result.message


ANSWERS = [name for name, checker in check.CHECKERS.items() if isinstance(checker, check.Answer)]


@pytest.mark.parametrize("name", ANSWERS)
def test_a_wrong_value_derived_on_paper_never_shows_the_right_one(name):
    """A value derived on paper is its own answer: a wrong one is told where, never what it should be."""
    checker = check.CHECKERS[name]
    expected = np.asarray(checker.reference(), dtype=np.float64)
    for wrong in (expected * 1.37 + 0.11, expected + 1.0):
        result = checker(wrong.tolist() if wrong.ndim else float(wrong))
        assert not result.passed, (name, wrong)
        shown = {f"{float(v):.6g}" for v in expected.ravel()} | {f"{float(v):.3g}" for v in expected.ravel()}
        said = result.message.partition(": ")[2]  # after "❌ name, what is asked: "
        said = re.sub(r"entry \([\d, ]*\)|check\.hint\('\w+'\)", "", said)  # where, and the hint's call
        words = set(re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", said))
        assert not (shown & words) - {f"{float(v):.6g}" for v in np.ravel(wrong)}, (name, result.message)
        assert "times the right answer" not in said, (name, result.message)  # the answer, divided out
    assert len(ANSWERS) >= 8


BUGS = [name for name, checker in check.CHECKERS.items() if checker.kind == "bug"]


@pytest.mark.parametrize("name", BUGS)
def test_a_planted_bug_left_as_it_is_counts_as_not_done(name, capsys):
    """The learner's notebook starts with the bug in place: running it says ⏳ not fixed yet, not ❌."""
    checker = check.CHECKERS[name]
    planted = [m for m in checker.mistakes if m.message.startswith("not fixed yet")]
    assert len(planted) == 1, f"{name}: declare the planted bug once, as a Mistake('not fixed yet: …')"
    result = checker(planted[0].fn)
    assert not result.passed and result.message.startswith(f"⏳ {name} is not fixed yet"), result.message
    check.progress([name])
    assert f"⏳ {name}: not done yet" in capsys.readouterr().out
    other = next(m for m in checker.mistakes if m is not planted[0])
    assert checker(other.fn).message.startswith("❌"), "a wrong fix is a failure"
    assert len(BUGS) >= 5
