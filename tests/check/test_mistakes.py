"""Every declared mistake, used as a learner's answer, gets its own message from its checker.

The mistakes are declared once, in ``nnlib/check/chNN_*.py``, as wrong implementations of
the exercise.  Here each one is passed to its checker as if a learner had written it:
the checker must fail it and say the mistake's message.  A mistake that an earlier one
shadows on every case, or that raises before its case comes, fails here.

A mistake can also be recognised by the exception it raises (the same type and text as
the learner's).  The exception of a declaration could come from nnlib's own code rather
than from the mistake, so each of those is also tested as a learner writes it.
"""
from __future__ import annotations

import inspect

import numpy as np
import pytest

import nnlib
from nnlib import check
from nnlib.check._messages import number_equations

MISTAKES = [(name, i, mistake) for name, checker in check.CHECKERS.items()
            for i, mistake in enumerate(checker.mistakes)]


def answer_of(checker, fn):
    """What a learner passes to the checker: the function, or for an Answer the value it computes."""
    return fn() if isinstance(checker, check.Answer) else fn


@pytest.mark.parametrize("name,i,mistake", MISTAKES, ids=[f"{name}-{i}" for name, i, _ in MISTAKES])
def test_each_declared_mistake_gets_its_message(name, i, mistake):
    checker = check.CHECKERS[name]
    result = checker(answer_of(checker, mistake.fn))
    assert not result.passed, result.message
    assert number_equations(mistake.message) in result.message, result.message


def _forward_transposed(W, b, X, hidden, output):
    a = X
    for l in range(1, len(W)):
        a = nnlib.ACTIVATIONS[output if l == len(W) - 1 else hidden](W[l].T @ a + b[l])
    return a


def _one_hot_one_row_down(labels, k):
    out = np.zeros((k, len(labels)))
    out[labels + 1, np.arange(len(labels))] = 1
    return out


#: For every mistake recognised by its exception: (checker, a fragment of its message, the code
#: a learner writes).
AS_WRITTEN = [
    ("affine", "you multiplied by the transpose of W", lambda W, a_prev, b: W.T @ a_prev + b),
    ("forward_pass", "you multiplied by the transpose of W[l]", _forward_transposed),
    ("one_hot", "yours is one row further down", _one_hot_one_row_down),
    ("relative_error", "return 0.0 in that case",
     lambda a, b: float(np.linalg.norm(a - b)) / (float(np.linalg.norm(a)) + float(np.linalg.norm(b)))),
    ("minibatch_columns", "you took rows of A",
     lambda A, perm, k, batch_size: A[perm[k * batch_size:][:batch_size], :]),
    ("minibatch_columns", "the last batch of an epoch",
     lambda A, perm, k, batch_size: A[:, [perm[i] for i in range(k * batch_size, (k + 1) * batch_size)]]),
]


def test_every_mistake_recognised_by_its_exception_is_tested_as_a_learner_writes_it():
    by_exception = {(name, mistake.message) for name, _, mistake in MISTAKES
                    if "your function raised" in check.CHECKERS[name](
                        answer_of(check.CHECKERS[name], mistake.fn)).message}
    covered = {(name, mistake.message) for name, _, mistake in MISTAKES
               for checker, fragment, _ in AS_WRITTEN if checker == name and fragment in mistake.message}
    assert by_exception <= covered, by_exception - covered


@pytest.mark.parametrize("name,fragment,fn", AS_WRITTEN, ids=[f"{n}-{f}" for n, f, _ in AS_WRITTEN])
def test_a_mistake_as_a_learner_writes_it_raises_and_gets_its_message(name, fragment, fn):
    with np.errstate(all="ignore"):
        result = check.CHECKERS[name](fn)
    assert "your function raised" in result.message and fragment in result.message, result.message


@pytest.mark.parametrize("name", list(check.CHECKERS))
def test_every_checker_has_at_least_three_tested_mistakes(name):
    assert len(check.CHECKERS[name].mistakes) >= 3, f"{name} declares {len(check.CHECKERS[name].mistakes)}"


@pytest.mark.parametrize("name", list(check.CHECKERS))
def test_mistakes_take_the_exercises_arguments_by_name(name):
    checker = check.CHECKERS[name]
    for mistake in checker.mistakes:
        assert tuple(inspect.signature(mistake.fn).parameters) == checker.arg_names, mistake


@pytest.mark.parametrize("name", list(check.CHECKERS))
def test_the_right_answer_passes(name):
    checker = check.CHECKERS[name]
    result = checker(answer_of(checker, checker.reference))
    passed = f"✅ {name}: right" if isinstance(checker, check.Answer) else f"✅ {name} passed all"
    if "the very function this exercise asks you to write" in result.message:  # nnlib's own, handed in
        return
    assert result.passed and result.message.startswith(passed), result.message


@pytest.mark.parametrize("name", list(check.CHECKERS))
def test_no_mistake_is_right_on_every_case(name):
    """A mistake that equals the reference everywhere could never be reported."""
    checker = check.CHECKERS[name]
    cases = checker.cases(np.random.default_rng(checker.seed))
    for mistake in checker.mistakes:
        assert not checker(answer_of(checker, mistake.fn)).passed, (mistake, len(cases))
