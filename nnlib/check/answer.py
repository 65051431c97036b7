"""Exercises derived on paper: :class:`Answer` checks a value, entered as it is."""

from __future__ import annotations

import numpy as np

from . import _messages as say
from ._answers import fmt
from ._parts import Result, constant_factor
from .engine import RECORD, Checker


class Answer(Checker):
    """Checks a value derived on paper: a number or an array, entered as it is
    (``check.name(value)``).

    ``expected`` is the right value, or a function that computes it with nnlib, so that
    the checker's number cannot drift from the book's.  Each :class:`Mistake`'s ``fn``
    takes no argument and returns the value a usual slip gives (a sign, a transpose, a
    missing 1/m, the wrong layer).  ``m`` names a factor of m when one appears.
    ``form`` says in words what the answer is made of ("three (rows, columns) pairs, one
    for each l"), for a value of the wrong shape.  ``...`` (the learner's notebook's
    placeholder) means "not answered yet".

    Parameters
    ----------
    name : str
        The exercise's name.
    expected : object or callable
        The right value, or a function of no argument that computes it.
    label : str
        How the case is named in messages.
    m : int, optional
        The batch size, to name a factor of m.
    form : str, optional
        What the answer is made of, in words.
    **kwargs
        ``mistakes``, ``ladder``, ``rtol``, ``atol`` … as for :class:`Checker`.
    """

    def __init__(
        self, name, expected, *, label="your answer", m=None, form=None, **kwargs
    ):
        reference = expected if callable(expected) else (lambda: expected)
        self.form = form
        super().__init__(
            name,
            reference,
            lambda rng: [(label, ())],
            m_of=lambda args: m,
            asks=(),
            kind="derive",
            **kwargs,
        )

    def __call__(self, value):
        if isinstance(value, (list, tuple)):
            try:
                value = np.asarray(value, dtype=np.float64)
            except (TypeError, ValueError):
                pass  # the general check says what it is
        if value is Ellipsis:
            result = Result(
                False,
                f"⏳ {self.name} is not answered yet: replace the ... with your value",
            )
        elif callable(value):
            result = Result(
                False,
                f"❌ {self.name}: expected a value (a number or an array), got a "
                "function; enter the value itself",
            )
        else:
            result = super().__call__(lambda: value)
            if result.passed:
                result = Result(
                    True,
                    f"✅ {self.name}: right"
                    + result.message.partition(" checks (your answer)")[2],
                )
        RECORD[self.name] = result
        return result

    def _general(self, actual, expected, args, attempt=None):
        """Like any checker's, but never shows the expected value: on paper it would be
        the answer."""
        if actual.shape != expected.shape:
            return say.answer_form_message(actual.shape, expected.shape, self.form)
        factor = constant_factor(actual, expected)
        # a named factor shows no value
        if factor is not None and say.factor_name(factor, self.m_of(args)):
            return super()._general(actual, expected, args, attempt)
        again = (
            "go through your derivation again, or ask for a hint: "
            f"check.hint({self.name!r})"
        )
        if actual.ndim == 0:
            return f"{fmt(float(actual))} is not the right value; {again}"
        i = self._first_wrong(actual, expected)
        return f"entry {i} is not right (you entered {fmt(actual[i])}); {again}"
