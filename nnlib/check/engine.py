"""The checking engine: call a learner's function on cases, compare, explain the first failure.

A :class:`Checker` calls the learner's function on several inputs (its *cases*), edge
cases included, compares each answer with nnlib's reference, and answers in one line,
a :class:`Result`: what passed, or the first thing that is wrong.

What is wrong is said in the learner's terms.  On the first case that fails:

1. the time limit, "not implemented yet", a changed input, or an answer that is not
   numbers (None, a list, a generator, ...) are said as they are (changed inputs and
   non-numbers with a Hint, as in 3);
2. else the first declared :class:`Mistake` that explains the answer: a known wrong
   implementation of the exercise, with the message for whoever wrote it.  It explains
   the answer when its own outcome on this case (a value, or the exception it raises)
   is the learner's and is not the right one, and when it gave the right answer on
   every case before, as the learner did;
3. else a general message (an exception, a number expected, the transpose, a wrong
   shape, inf or NaN, a factor of m, the sign, a constant factor, the first wrong
   entry), followed by the first :class:`Hint` whose condition holds.

A checker never raises and never prints a traceback of its own.
"""
from __future__ import annotations

import copy
import warnings

import numpy as np

from ._answers import (
    TimedOut,
    as_array,
    call_with_time_limit,
    fmt,
    outcome,
    raised,
    same_inputs,
    signature_problem,
)

#: A learner's function gets this many seconds per call before the checker gives up.  A
#: checker's own ``time_limit`` wins; to change it for all, set ``nnlib.check.engine.TIME_LIMIT``
#: (``nnlib.check.TIME_LIMIT`` is a copy, for reading).
TIME_LIMIT = 3.0

#: What an exercise may ask of a learner (``Checker.kind``).
KINDS = ("formula", "variant", "derive", "bug", "end-to-end")

#: The last verdict of every checker called in this Python session, by exercise name: what
#: ``nnlib.check.progress`` reports.
RECORD = {}

_TOO_SLOW = ("took more than {:g} s and was stopped; "
             "look for a loop that never ends or work that is repeated needlessly")


class Result:
    """The verdict of a checker: true when passed; shows as one line of text."""

    def __init__(self, passed, message):
        self.passed = bool(passed)
        self.message = message

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return self.message

    __str__ = __repr__


class Mistake:
    """A known wrong implementation of an exercise and what to tell the learner who wrote it.

    ``fn`` takes the exercise's arguments, by the same names, and computes what the
    mistaken code computes, e.g. ``Mistake("you forgot to transpose W ...",
    lambda W_next, delta_next, g_prime_z: (W_next @ delta_next) * g_prime_z)``.  The
    checker uses it to name the learner's mistake; the tests use it as a wrong answer
    that the checker must name.
    """

    def __init__(self, message, fn):
        self.message = message
        self.fn = fn

    def __repr__(self):
        return f"Mistake({self.message[:50]!r}…)"


class Hint:
    """Advice added to a general message, for what no wrong implementation can say.

    ``when(args, problem)`` sees the case's arguments and the general message (the text
    of an exception, "changed its input", a wrong value); when it holds, ``message`` is
    added after the problem.  A :class:`Mistake` is compared by what it returns or
    raises on a case, so it cannot be keyed on the wording of an exception that varies
    from one way of writing the code to another, on a changed input, or on a property
    of the case whatever the learner's value (ŷ exactly 0 or 1): those are Hints.
    """

    def __init__(self, message, when):
        self.message = message
        self.when = when

    def __repr__(self):
        return f"Hint({self.message[:50]!r}…)"


def agrees(answer, other, rtol=1e-6, atol=1e-9):
    """True when two outcomes are the same answer.

    Two exceptions agree when their texts do; two arrays when they have the same shape
    and are close, or have inf/NaN in exactly the same places.
    """
    if isinstance(answer, str) or isinstance(other, str):
        return isinstance(answer, str) and isinstance(other, str) and answer == other
    if answer is None or other is None or answer.shape != other.shape:
        return False
    with np.errstate(all="ignore"):
        if np.allclose(answer, other, rtol=rtol, atol=atol):
            return True
        bad = ~np.isfinite(other)
    return bool(np.any(bad)) and bool(np.array_equal(bad, ~np.isfinite(answer)))


def constant_factor(actual, expected):
    """c when ``actual`` is c times ``expected`` everywhere (c ≠ 1), else None."""
    mask = np.abs(expected) > 1e-12
    if not np.any(mask) or np.any(np.abs(actual[~mask]) > 1e-9):
        return None
    ratios = actual[mask] / expected[mask]
    c = float(np.median(ratios))
    if c != 0 and np.allclose(ratios, c, rtol=1e-6, atol=0) and not np.isclose(c, 1.0):
        return c
    return None


def named_factor(factor, m):
    """Which constant factor the messages name: ``"m"`` or ``"1/m"`` (m the batch size, if any), ``"-1"``; else None."""
    if m and m > 1 and np.isclose(factor, m, rtol=1e-6):
        return "m"
    if m and m > 1 and np.isclose(factor, 1.0 / m, rtol=1e-6):
        return "1/m"
    return "-1" if np.isclose(factor, -1.0) else None


class Checker:
    """Checks a learner's function against a reference on a list of cases.

    Parameters
    ----------
    name : str
        The exercise's function name, used in messages.
    reference : callable
        nnlib's implementation: the right answer.
    cases : callable
        ``cases(rng)`` returns a list of ``(label, args)`` pairs; ``label`` describes
        the input in a few words ("z of shape (3, 4)", "z = ±1000").
    arg_names : sequence of str
        The names of the exercise's arguments (and of every mistake's ``fn``).
    mistakes : sequence of Mistake
        Known wrong implementations, tried in order (see the module's docstring).
    hints : sequence of Hint
        Advice added to a general message.
    m_of : callable, optional
        ``m_of(args)`` gives the batch size m (None: no m), so that a result off by m can be named.
    hint : str
        The second hint, for ``nnlib.check.hint(name)``: more than the first (the notebook's),
        never the solution.
    asks : sequence
        The nnlib functions whose source would give the answer away: the learners'
        notebooks do not show them, the book folds them.  By default the reference, when
        it is one of nnlib's own functions.
    kind : str
        What the exercise asks of the learner (``KINDS``): ``"formula"`` (code an equation
        the chapter derives), ``"variant"`` (a variant the chapter did not print),
        ``"derive"`` (a result derived on paper, entered as a value or an expression),
        ``"bug"`` (find and fix a planted bug) or ``"end-to-end"``.
    """

    def __init__(self, name, reference, cases, arg_names, *, mistakes=(), hints=(), m_of=None,
                 rtol=1e-6, atol=1e-9, seed=0, time_limit=None, hint="", asks=None, kind="formula"):
        self.name = name
        self.reference = reference
        self.cases = cases
        self.arg_names = tuple(arg_names)
        self.mistakes = tuple(mistakes)
        self.hints = tuple(hints)
        self.m_of = m_of or (lambda args: None)
        self.rtol = rtol
        self.atol = atol
        self.seed = seed
        self.time_limit = time_limit
        self.hint = hint
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
        self.kind = kind
        own = getattr(reference, "__module__", "").startswith("nnlib.") and not reference.__name__.startswith("_")
        self.asks = tuple(asks) if asks is not None else ((reference,) if own else ())

    def __repr__(self):
        return f"<checker for {self.name}({', '.join(self.arg_names)})>"

    def __call__(self, fn):
        try:
            result = self._check(fn)
        except TimedOut:  # the alarm rang just as the learner's function returned
            limit = self.time_limit or TIME_LIMIT
            result = Result(False, f"❌ {self.name}: your function {_TOO_SLOW.format(limit)}")
        except Exception as exc:  # a checker never crashes
            result = Result(False, f"❌ {self.name}: the checker could not finish ({type(exc).__name__}: "
                                   f"{exc}); please report this, it is a bug in the checker, not in your code")
        RECORD[self.name] = result
        return result

    # ---------------------------------------------------------------- the cases, one by one
    def _check(self, fn):
        if not callable(fn):
            return Result(False, f"❌ {self.name}: expected a function, got {type(fn).__name__}; "
                                 f"pass the function itself: check.{self.name}({self.name})")
        cases = self.cases(np.random.default_rng(self.seed))
        limit = self.time_limit or TIME_LIMIT
        if cases:
            problem = signature_problem(fn, len(cases[0][1]), self.name, self.arg_names)
            if problem:
                return Result(False, f"❌ {self.name}: {problem}")
        noted = []
        passed = []  # (args, right answer) of the cases so far
        for label, args in cases:
            expected = np.asarray(self.reference(*copy.deepcopy(args)), dtype=np.float64)
            given = copy.deepcopy(args)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                value, exc, _ = call_with_time_limit(fn, given, limit)
            for w in caught:
                text = f"{w.category.__name__}: {w.message}"
                if text not in noted:
                    noted.append(text)
            if isinstance(exc, TimedOut):
                return self._fail(label, f"your function {_TOO_SLOW.format(limit)}")
            if isinstance(exc, NotImplementedError):
                hint = str(exc) or "replace the `raise NotImplementedError` line with your code"
                return Result(False, f"⏳ {self.name} is not implemented yet. {hint}")
            problem = self._problem(value, exc, args, given, expected, passed)
            if problem:
                return self._fail(label, problem)
            passed.append((args, expected))
        labels = "; ".join(label for label, _ in cases)
        note = ""
        if noted:
            note = (f". Note: numpy warned {noted[0]!r} while your function ran; the answer is right, "
                    "but a stable form avoids the warning")
        return Result(True, f"✅ {self.name} passed all {len(cases)} checks ({labels}){note}")

    def _fail(self, label, message):
        if self.kind == "bug" and message.startswith("not fixed yet"):  # the planted bug, untouched
            return Result(False, f"⏳ {self.name} is {message}")
        return Result(False, f"❌ {self.name}, {label}: {message}")

    def _problem(self, value, exc, args, given, expected, passed):
        """What is wrong with the learner's answer on one case, or None."""
        if exc is not None:
            answer = raised(exc)
            mistake = self._mistake(answer, args, expected, passed)
            if mistake:
                return f"your function raised {answer}; {mistake.message}"
            return self._hinted(f"your function raised {answer}", args)
        for arg_name, before, after in zip(self.arg_names, args, given):
            if not same_inputs(before, after):
                return self._hinted(f"your function changed its input `{arg_name}`; compute a new array "
                                    f"instead (e.g. `{arg_name} * 2`, not `{arg_name} *= 2`)", args)
        actual, problem = as_array(value, expected)
        if problem:
            return self._hinted(problem, args)
        if actual.shape == expected.shape and np.allclose(actual, expected, rtol=self.rtol, atol=self.atol):
            return None
        mistake = self._mistake(actual, args, expected, passed)
        if mistake:
            if actual.shape == expected.shape:
                return mistake.message
            return f"expected shape {expected.shape}, got {actual.shape}: {mistake.message}"
        return self._hinted(self._general(actual, expected, args), args)

    def _hinted(self, problem, args):
        for hint in self.hints:
            try:
                with np.errstate(all="ignore"):
                    applies = hint.when(args, problem)
            except Exception:  # a hint that cannot be evaluated does not apply
                applies = False
            if applies:
                return f"{problem}. {hint.message}"
        return problem

    # ---------------------------------------------------------------- the messages
    def _agrees(self, answer, other):
        return agrees(answer, other, self.rtol, self.atol)

    def _outcome(self, fn, args):
        """What a mistake's ``fn`` gives on a case, read as the learner's answer is (:func:`outcome`)."""
        return outcome(fn, args)

    def _mistake(self, answer, args, expected, passed):
        """The first declared mistake that explains ``answer`` on this case and the cases before."""
        for mistake in self.mistakes:
            theirs = self._outcome(mistake.fn, args)
            if self._agrees(theirs, expected) or not self._agrees(answer, theirs):
                continue
            if all(self._agrees(self._outcome(mistake.fn, a), e) for a, e in passed):
                return mistake
        return None

    def _first_wrong(self, actual, expected):
        """The index of the first entry of ``actual`` that is not ``expected``'s (``()`` for a number)."""
        wrong = ~np.isclose(actual, expected, rtol=self.rtol, atol=self.atol)
        return tuple(int(k) for k in np.unravel_index(np.argmax(wrong), actual.shape))

    def _general(self, actual, expected, args):
        """The general message for a numeric answer that is not the expected one."""
        rtol, atol = self.rtol, self.atol
        if expected.ndim == 0 and actual.ndim > 0:
            convert = " (float(...) converts it)" if actual.size == 1 else ""
            return f"returned an array of shape {actual.shape}; expected a single number{convert}"
        if actual.shape != expected.shape:
            if actual.ndim == 2 and actual.shape == expected.shape[::-1]:
                if np.allclose(actual.T, expected, rtol=rtol, atol=atol):
                    return (f"your result is the transpose of the right one: "
                            f"expected shape {expected.shape}, got {actual.shape}")
                return f"wrong shape: expected {expected.shape}, got {actual.shape} (the transpose's shape)"
            return f"wrong shape: expected {expected.shape}, got {actual.shape}"
        bad = ~np.isfinite(actual) & np.isfinite(expected)
        if np.any(bad):
            i = tuple(int(k) for k in np.argwhere(bad)[0]) if actual.ndim else ()
            where = f" at index {i}" if i else ""
            return (f"your result is {actual[i]}{where} where {fmt(expected[i])} was expected; "
                    "look for an overflow in exp or a division by zero or log(0)")
        factor = constant_factor(actual, expected)
        if factor is not None:
            m = self.m_of(args)
            named = {"m": f"your result is m = {m} times too large: average over the m examples (divide by m)",
                     "1/m": f"your result is m = {m} times too small: you divided by m where no average is taken",
                     "-1": "your result has the wrong sign"}
            return named.get(named_factor(factor, m),
                             f"your result is off by a constant factor: it is {factor:.4g} times the right answer")
        i = self._first_wrong(actual, expected)
        where = f"first wrong entry at index {i}" if i else "wrong value"
        return f"{where}: expected {fmt(expected[i])}, got {fmt(actual[i])}"


class Answer(Checker):
    """Checks a value derived on paper: a number or an array, entered as it is (``check.name(value)``).

    ``expected`` is the right value, or a function that computes it with nnlib, so that the
    checker's number cannot drift from the book's.  Each :class:`Mistake`'s ``fn`` takes no
    argument and returns the value a usual slip gives (a sign, a transpose, a missing 1/m,
    the wrong layer).  ``m`` names a factor of m when one appears.  ``...`` (the learner's
    notebook's placeholder) means "not answered yet".
    """

    def __init__(self, name, expected, *, label="your answer", m=None, **kwargs):
        reference = expected if callable(expected) else (lambda: expected)
        super().__init__(name, reference, lambda rng: [(label, ())], (),
                         m_of=lambda args: m, asks=(), kind="derive", **kwargs)

    def __call__(self, value):
        if isinstance(value, (list, tuple)):
            try:
                value = np.asarray(value, dtype=np.float64)
            except (TypeError, ValueError):
                pass  # the general check says what it is
        if value is Ellipsis:
            result = Result(False, f"⏳ {self.name} is not answered yet: replace the ... with your value")
        elif callable(value):
            result = Result(False, f"❌ {self.name}: expected a value (a number or an array), got a function; "
                                   "enter the value itself")
        else:
            result = super().__call__(lambda: value)
            if result.passed:
                result = Result(True, f"✅ {self.name}: right" + result.message.partition(" checks (your answer)")[2])
        RECORD[self.name] = result
        return result

    def _general(self, actual, expected, args):
        """Like any checker's, but never shows the expected value: on paper it would be the answer."""
        if actual.shape != expected.shape:
            return super()._general(actual, expected, args)
        factor = constant_factor(actual, expected)
        if factor is not None and named_factor(factor, self.m_of(args)):  # a named factor shows no value
            return super()._general(actual, expected, args)
        again = f"go through your derivation again, or ask for a hint: check.hint({self.name!r})"
        if actual.ndim == 0:
            return f"{fmt(float(actual))} is not the right value; {again}"
        i = self._first_wrong(actual, expected)
        return f"entry {i} is not right (you entered {fmt(actual[i])}); {again}"
