"""The checking engine: call a learner's function on cases, compare, explain the first
failure.

A :class:`Checker` calls the learner's function on several inputs (its *cases*), edge
cases included, compares each answer with nnlib's reference, and answers in one line,
a :class:`Result`: what passed, or the first thing that is wrong.

What is wrong is said in the learner's terms, and only what is true of their answer.  On
the first case that fails:

1. the time limit, "not implemented yet", a changed input, or an answer that is not
   numbers (None, a list, a generator, ...) are said as they are (changed inputs and
   non-numbers with a Hint, as in 3); an exception is named with the line of the
   learner's code that raised it;
2. else the first declared :class:`Mistake` that explains the answer: a known wrong
   implementation of the exercise, with the message for whoever wrote it.  It explains
   the answer when its outcome (a value, or the exception it raises) is the learner's on
   this case and on every later one, is not the right one here, and was right on every
   case before, as the learner was;
3. else a general message (the transpose, a wrong shape, inf or NaN, a factor of m, the
   sign, a constant factor, the first wrong entry; ``nnlib.check._messages`` words
   them), followed by the first :class:`Hint` whose condition holds.  A factor is named
   only when the learner's answer is that factor times the right one on every case.

An answer that passes but calls the very nnlib function the exercise asks for is turned
down.  Help beyond the message is the exercise's hint ladder (``Checker.ladder``, read
by ``check.hint``): its first level is the question in the learner's notebook, its last
may show code.  A checker never raises and never prints a traceback of its own.
"""

from __future__ import annotations

import copy
import inspect
import warnings

import numpy as np

from . import _messages as say
from ._answers import (
    Attempt,
    TimedOut,
    as_array,
    call_with_time_limit,
    called_any,
    learner_line,
    outcome,
    raised,
    same_inputs,
    signature_problem,
)
from ._general import GeneralMessages
from ._parts import (
    Hint,
    Misfit,
    Mistake,
    Reader,
    Result,
    agrees,
    constant_factor,
    ratio,
)

__all__ = [
    "KINDS",
    "RECORD",
    "TIME_LIMIT",
    "Checker",
    "Hint",
    "Misfit",
    "Mistake",
    "Reader",
    "Result",
    "agrees",
    "constant_factor",
    "named_factor",
    "ratio",
]

#: A learner's function gets this many seconds per call before the checker gives up.  A
#: checker's own ``time_limit`` wins; to change it for all, set
#: ``nnlib.check.engine.TIME_LIMIT`` (``nnlib.check.TIME_LIMIT`` is a copy, for
#: reading).
TIME_LIMIT = 3.0

#: What an exercise may ask of a learner (``Checker.kind``).
KINDS = ("formula", "variant", "derive", "bug", "end-to-end")

#: The last verdict of every checker called in this Python session, by exercise name:
#: what ``nnlib.check.progress`` reports.
RECORD = {}

_TOO_SLOW = (
    "took more than {:g} s and was stopped{}; "
    "look for a loop that never ends or work that is repeated needlessly"
)
named_factor = say.factor_name


class Checker(GeneralMessages):
    """Checks a learner's function against a reference on a list of cases.

    Parameters
    ----------
    name : str
        The exercise's function name, used in messages.  A checker is declared at the
        top level of ``nnlib/check/chNN_<chapter>.py`` under this name, and that is all
        it takes for ``check.<name>`` and ``check.CHECKERS`` to find it.
    reference : callable
        nnlib's implementation: the right answer.  Its signature names the exercise's
        arguments (every mistake's ``fn`` takes them by the same names).
    cases : callable
        ``cases(rng)`` returns a list of ``(label, args)`` pairs; ``label`` describes
        the input in a few words ("z of shape (3, 4)", "z = ±1000").
    mistakes : sequence of Mistake
        Known wrong implementations, tried in order (see the module's docstring).  Their
        messages name the slip and where it is, never the code of the solution.
    hints : sequence of Hint
        Advice added to a general message.
    m_of : callable, optional
        ``m_of(args)`` gives the batch size m (None: no m), so that a result off by m
        can be named.
    rtol, atol : float
        The tolerances of ``np.allclose`` between the learner's answer and the
        reference's.
    seed : int
        The seed of the generator ``cases`` draws from.
    time_limit : float, optional
        Seconds per call of the learner's function (default ``TIME_LIMIT``).
    ladder : sequence of str
        The hint ladder, as data: level 1 is the question the learner's notebook shows
        in the exercise's stub; ``check.hint(name)`` climbs the others one call at a
        time.  Only the last level may show code.  Equation labels (``eq-affine``) are
        shown as the book's numbers.
    asks : sequence
        The nnlib functions whose source would give the answer away: the learners'
        notebooks do not show them, the book folds them, and an answer that calls one is
        turned down.  By default the reference, when it is one of nnlib's own functions.
    forbids : sequence
        nnlib functions an answer may not call although their source may be shown (by
        default ``asks``).
    kind : str
        What the exercise asks of the learner (``KINDS``): ``"formula"`` (code an
        equation the chapter derives), ``"variant"`` (a variant the chapter did not
        print), ``"derive"`` (a result derived on paper, entered as a value or an
        expression), ``"bug"`` (find and fix a planted bug) or ``"end-to-end"``.
    reader : Reader, optional
        How the learner's return value is read as numbers, and what is said of a wrong
        one beyond the general message (``nnlib.check._backprop.GRADIENTS`` reads the
        pair ``(dW, db)`` and names the wrong arrays).  By default the value as an
        array.

    Returns
    -------
    Result
        Calling the checker with the learner's function, ``check.<name>(fn)``, gives the
        verdict, and keeps it in ``RECORD``.
    """

    def __init__(
        self,
        name,
        reference,
        cases,
        *,
        mistakes=(),
        hints=(),
        m_of=None,
        rtol=1e-6,
        atol=1e-9,
        seed=0,
        time_limit=None,
        ladder=(),
        asks=None,
        forbids=None,
        kind="formula",
        reader=None,
    ):
        self.name = name
        self.reference = reference
        self.cases = cases
        self.arg_names = tuple(inspect.signature(reference).parameters)
        self.mistakes = tuple(mistakes)
        self.hints = tuple(hints)
        self.m_of = m_of or (lambda args: None)
        self.rtol = rtol
        self.atol = atol
        self.seed = seed
        self.time_limit = time_limit
        self.ladder = tuple(ladder)
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
        self.kind = kind
        self.reader = reader or Reader()
        module = getattr(reference, "__module__", "") or ""
        own = (
            module.startswith("nnlib.")
            and not module.startswith("nnlib.check")
            and not reference.__name__.startswith("_")
        )
        self.asks = tuple(asks) if asks is not None else ((reference,) if own else ())
        self.forbids = tuple(forbids) if forbids is not None else self.asks
        # the chapter's notebook stem, set when check/ finds the checker
        self.chapter = None

    def __repr__(self):
        return f"<checker for {self.name}({', '.join(self.arg_names)})>"

    def __call__(self, fn):
        limit = self.time_limit or TIME_LIMIT
        try:
            result = self._check(fn)
        except TimedOut:  # the alarm rang just as the learner's function returned
            result = Result(
                False, f"❌ {self.name}: your function {_TOO_SLOW.format(limit, '')}"
            )
        except Exception as exc:  # a checker never crashes
            result = Result(
                False,
                f"❌ {self.name}: the checker could not finish ({type(exc).__name__}: "
                f"{exc}); please report this, it is a bug in the "
                "checker, not in your code",
            )
        result.message = say.number_equations(result.message)
        RECORD[self.name] = result
        return result

    # ------------------------------------------------------------ the cases, one by one
    def _check(self, fn):
        if not callable(fn):
            return Result(
                False,
                f"❌ {self.name}: expected a function, got {type(fn).__name__}; "
                f"pass the function itself: check.{self.name}({self.name})",
            )
        cases = self.cases(np.random.default_rng(self.seed))
        limit = self.time_limit or TIME_LIMIT
        if cases:
            problem = signature_problem(fn, len(cases[0][1]), self.name, self.arg_names)
            if problem:
                return Result(False, f"❌ {self.name}: {problem}")
        attempt = Attempt(self, fn, cases, limit)
        noted = []
        for i, (label, args) in enumerate(cases):
            attempt.right(i)  # the right answer first, from the case's own inputs
            given = copy.deepcopy(args)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                value, exc, _ = call_with_time_limit(fn, given, limit)
            for w in caught:
                text = f"{w.category.__name__}: {w.message}"
                if text not in noted:
                    noted.append(text)
            if isinstance(exc, TimedOut):
                return self._fail(
                    label, f"your function {_TOO_SLOW.format(limit, learner_line(exc))}"
                )
            if isinstance(exc, NotImplementedError):
                hint = (
                    str(exc)
                    or "replace the `raise NotImplementedError` line with your code"
                )
                return Result(False, f"⏳ {self.name} is not implemented yet. {hint}")
            problem = self._problem(attempt, i, value, exc, given)
            if problem:
                return self._fail(label, problem)
        used = (
            called_any(fn, cases[0][1], self.forbids, limit)
            if cases and self.forbids
            else None
        )
        if used is not None:
            return Result(
                False,
                f"❌ {self.name}: your function calls {say.dotted_name(used)}, "
                "the very function this exercise asks you to write. It gives the "
                "right numbers because nnlib does the work; write it yourself "
                f"(check.hint({self.name!r}) helps)",
            )
        labels = "; ".join(label for label, _ in cases)
        note = ""
        if noted:
            note = (
                f". Note: numpy warned {noted[0]!r} while your function ran; the "
                "answer is right, but a stable form avoids the warning"
            )
        return Result(
            True, f"✅ {self.name} passed all {len(cases)} checks ({labels}){note}"
        )

    def _fail(self, label, message):
        # the planted bug, untouched
        if self.kind == "bug" and message.startswith("not fixed yet"):
            return Result(False, f"⏳ {self.name} is {message}")
        return Result(False, f"❌ {self.name}, {label}: {message}")

    def _read(self, value, args, expected):
        """The learner's return value as numbers (a float array), the text of what is
        wrong with its form (a :class:`Misfit`), or None when it is not numbers."""
        value = self.reader.read(value, args)
        return value if isinstance(value, Misfit) else as_array(value, expected)[0]

    def _problem(self, attempt, i, value, exc, given):
        """What is wrong with the learner's answer on case i, or None."""
        args, expected = attempt.cases[i][1], attempt.right(i)
        if exc is None:
            value = self.reader.read(value, args)
            # the form is wrong: a known mistake, or what the reader said
            if isinstance(value, Misfit):
                mistake = self._mistake(attempt, i, value)
                return f"{value}: {mistake.message}" if mistake else value
        if exc is not None:
            answer = raised(exc)
            said = f"your function raised {answer}"
            mistake = self._mistake(attempt, i, answer)
            where = learner_line(exc)
            where = "," + where if where else ""
            if mistake:
                return f"{said}{where}; {mistake.message}"
            return said + where + self._hinted(said, args)[len(said) :]
        for arg_name, before, after in zip(self.arg_names, args, given):
            if not same_inputs(before, after):
                return self._hinted(
                    f"your function changed its input `{arg_name}`; compute a new "
                    f"array instead (e.g. `{arg_name} * 2`, not `{arg_name} *= 2`)",
                    args,
                )
        actual, problem = as_array(value, expected)
        if problem:
            return self._hinted(problem, args)
        if actual.shape == expected.shape and np.allclose(
            actual, expected, rtol=self.rtol, atol=self.atol
        ):
            return None
        mistake = self._mistake(attempt, i, actual)
        if mistake:
            if actual.shape == expected.shape:
                return mistake.message
            return (
                f"expected shape {expected.shape}, got {actual.shape}: "
                f"{mistake.message}"
            )
        return self._hinted(self._general(actual, expected, args, attempt), args)

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
        """What a mistake's ``fn`` gives on a case, read as the learner's answer is
        (:func:`outcome`)."""
        return outcome(fn, args, read=self.reader.read)

    def _mistake(self, attempt, i, answer):
        """The first declared mistake that explains ``answer`` on case i and the
        learner's answers on every other case: right where the learner was right before,
        theirs on every case after."""
        args = attempt.cases[i][1]
        for mistake in self.mistakes:
            theirs = self._outcome(mistake.fn, args)
            if self._agrees(theirs, attempt.right(i)) or not self._agrees(
                answer, theirs
            ):
                continue
            if not all(
                self._agrees(
                    self._outcome(mistake.fn, attempt.cases[j][1]), attempt.right(j)
                )
                for j in range(i)
            ):
                continue
            if all(
                self._agrees(
                    self._outcome(mistake.fn, attempt.cases[j][1]), attempt.theirs(j)
                )
                for j in range(i + 1, len(attempt.cases))
            ):
                return mistake
        return None
