"""The pieces a checker is made of: its verdict, a known mistake, a hint, and how two
outcomes compare."""

from __future__ import annotations

import numpy as np


class Result:
    """The verdict of a checker: true when passed; shows as one line of text.

    Parameters
    ----------
    passed : bool
        The verdict.
    message : str
        The line the learner reads.
    """

    def __init__(self, passed, message):
        self.passed = bool(passed)
        self.message = message

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return self.message

    __str__ = __repr__


class Mistake:
    """A known wrong implementation of an exercise and what to tell the learner who
    wrote it.

    ``fn`` takes the exercise's arguments, by the same names, and computes what the
    mistaken code computes, e.g. ``Mistake("you forgot to transpose W ...",
    lambda W_next, delta_next, g_prime_z: (W_next @ delta_next) * g_prime_z)``.  The
    checker uses it to name the learner's mistake; the tests use it as a wrong answer
    that the checker must name.

    Parameters
    ----------
    message : str
        What to tell the learner (the slip and where, never the solution's code).
    fn : callable
        The mistaken implementation, with the exercise's arguments.
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

    Parameters
    ----------
    message : str
        The advice.
    when : callable
        ``when(args, problem) -> bool``.
    """

    def __init__(self, message, when):
        self.message = message
        self.when = when

    def __repr__(self):
        return f"Hint({self.message[:50]!r}…)"


class Misfit(str):
    """What is wrong with the form of a returned value, in words (not the learner's own
    string)."""


class Reader:
    """How a :class:`Checker` reads a learner's return value: the default reads it as an
    array.

    A reader for answers of another form (the pair ``(dW, db)`` of a backward pass, say)
    overrides :meth:`read` and, to say more than "the first wrong entry",
    :meth:`wrong_entries`.
    """

    def read(self, value, args):
        """The value as the checker compares it: numbers, or a :class:`Misfit` saying
        what is wrong.

        Parameters
        ----------
        value : object
            What the learner's function (or a mistake's) returned.
        args : tuple
            The case's arguments.

        Returns
        -------
        object
            Something ``np.asarray`` turns into the answer's numbers, or a
            :class:`Misfit`.
        """
        return value

    def wrong_entries(self, checker, actual, expected, args):
        """What to say of an answer of the right shape, finite and no factor off; None:
        the first wrong entry.

        Parameters
        ----------
        checker : Checker
            The checker (its tolerances and ``m_of``).
        actual, expected : ndarray
            The learner's answer and the right one, as :meth:`read` gave them.
        args : tuple
            The case's arguments.

        Returns
        -------
        str or None
        """
        return None


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


def ratio(actual, expected):
    """c when ``actual`` is c times ``expected`` entry by entry (c may be 1); None when
    it is not, or when ``expected`` is 0 everywhere (no ratio to read)."""
    if actual.shape != expected.shape:
        return None
    with np.errstate(all="ignore"):
        mask = np.abs(expected) > 1e-12
        if (
            not np.any(mask)
            or np.any(np.abs(actual[~mask]) > 1e-9)
            or not np.all(np.isfinite(actual))
        ):
            return None
        ratios = actual[mask] / expected[mask]
        c = float(np.median(ratios))
        return c if np.allclose(ratios, c, rtol=1e-6, atol=0) else None
