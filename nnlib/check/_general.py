"""The general messages of a checker, for an answer of numbers that no declared mistake
explains.

:class:`GeneralMessages` is a part of :class:`~nnlib.check.engine.Checker`: the
transpose, a wrong shape, inf or NaN, a factor of m, the sign, a constant factor, and
the first wrong entry, worded by ``nnlib.check._messages``.  A factor is named only when
it holds on every case.
"""

from __future__ import annotations

import numpy as np

from . import _messages as say
from ._answers import fmt
from ._parts import constant_factor, ratio


class GeneralMessages:
    """What a :class:`~nnlib.check.engine.Checker` says of a wrong answer of numbers
    (its methods)."""

    def _first_wrong(self, actual, expected):
        """The index of the first entry of ``actual`` that is not ``expected``'s (``()``
        for a number)."""
        wrong = ~np.isclose(actual, expected, rtol=self.rtol, atol=self.atol)
        return tuple(int(k) for k in np.unravel_index(np.argmax(wrong), actual.shape))

    def _factor_everywhere(self, attempt, factor, name):
        """True when the learner's answer is ``factor`` (or m, 1/m, −1 as ``name`` says)
        times the right one on every case, and the cases hold at least two numbers that
        are not 0 to say so."""
        if attempt is None:
            return False
        informative = 0
        for j, (_, args) in enumerate(attempt.cases):
            theirs, right = attempt.theirs(j), attempt.right(j)
            if not isinstance(theirs, np.ndarray) or theirs.shape != right.shape:
                return False
            c = ratio(theirs, right)
            if c is None:
                if np.allclose(
                    theirs, right, rtol=self.rtol, atol=self.atol
                ) and not np.any(right):
                    continue  # 0 where 0 is right: any factor fits
                return False
            m = self.m_of(args)
            want = {"m": m, "1/m": 1.0 / m if m else None, "-1": -1.0}.get(name, factor)
            if want is None or not np.isclose(c, want, rtol=1e-6):
                return False
            informative += int(np.sum(np.abs(right) > 1e-12))
        return informative >= 2 or (name is not None and informative >= 1)

    def _general(self, actual, expected, args, attempt=None):
        """The general message for a numeric answer that is not the expected one."""
        rtol, atol = self.rtol, self.atol
        if expected.ndim == 0 and actual.ndim > 0:
            return say.number_expected_message(actual.shape, actual.size)
        if actual.shape != expected.shape:
            if actual.ndim == 2 and actual.shape == expected.shape[::-1]:
                return say.transpose_message(
                    expected.shape,
                    actual.shape,
                    bool(np.allclose(actual.T, expected, rtol=rtol, atol=atol)),
                )
            return say.shape_message(expected.shape, actual.shape)
        bad = ~np.isfinite(actual) & np.isfinite(expected)
        if np.any(bad):
            i = tuple(int(k) for k in np.argwhere(bad)[0]) if actual.ndim else ()
            return say.not_finite_message(actual[i], i, fmt(expected[i]))
        factor = constant_factor(actual, expected)
        if factor is not None:
            m = self.m_of(args)
            name = say.factor_name(factor, m)
            if name and self._factor_everywhere(attempt, factor, name):
                return say.factor_message(factor, name, m)
            if say.worth_naming(factor) and self._factor_everywhere(
                attempt, factor, None
            ):
                return say.factor_message(factor, None, m)
        said = self.reader.wrong_entries(self, actual, expected, args)
        if said:
            return said
        i = self._first_wrong(actual, expected)
        return say.entry_message(i, fmt(expected[i]), fmt(actual[i]))
