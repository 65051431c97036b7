"""Exercise checkers: ``check.<exercise>(your_function)`` (every chapter's exercises).

A checker calls the learner's function on several inputs, edge cases included,
compares with nnlib's reference, and answers in one line: what passed, or the first
thing that is wrong, said in the learner's terms (shape and transposition, the first
wrong entry, a factor of m, a changed input, an exception, a missing ``return``).
A checker never raises and never prints a traceback of its own.

Adding an exercise is one :class:`Checker` and one line in ``CHECKERS`` (via
:func:`register`).
"""
from __future__ import annotations

import copy
import signal
import threading
import time
import warnings

import numpy as np

from . import activations as act
from . import losses as _losses
from . import network as _network

#: A learner's function gets this many seconds per call before the checker gives up.
TIME_LIMIT = 3.0

CHECKERS: dict = {}


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


class _TimedOut(Exception):
    pass


def _call(fn, args, seconds):
    """Call fn(*args) with a time limit; returns (value, exception, elapsed)."""
    start = time.perf_counter()
    use_alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if use_alarm:
        def on_alarm(signum, frame):
            raise _TimedOut()

        old = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return fn(*args), None, time.perf_counter() - start
        except _TimedOut as exc:
            return None, exc, time.perf_counter() - start
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - the learner's code may raise anything
            return None, exc, time.perf_counter() - start
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    box = {}

    def target():
        try:
            box["value"] = fn(*args)
        except (Exception, SystemExit) as exc:  # noqa: BLE001
            box["exc"] = exc

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        return None, _TimedOut(), time.perf_counter() - start
    return box.get("value"), box.get("exc"), time.perf_counter() - start


def _fmt(x):
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.6g}"
    return repr(x)


def _same_inputs(before, after):
    if isinstance(before, np.ndarray):
        return isinstance(after, np.ndarray) and before.shape == after.shape and np.array_equal(before, after, equal_nan=True)
    if isinstance(before, (list, tuple)):
        return len(before) == len(after) and all(_same_inputs(x, y) for x, y in zip(before, after))
    try:
        return bool(before == after)
    except Exception:  # noqa: BLE001
        return True


def _as_result_array(value, expected):
    """Turn a learner's return value into an array, or return a problem message."""
    exp = np.asarray(expected)
    if value is None:
        return None, "returned None: did you forget the `return` statement?"
    if isinstance(value, (list, tuple)):
        kind = type(value).__name__
        if exp.ndim == 0:
            return None, f"returned a {kind}; expected a single number"
        return None, f"returned a {kind}; return a numpy array of shape {exp.shape} instead (np.array(...) converts it)"
    if isinstance(value, (bool, np.bool_)) and exp.dtype != bool:
        return None, f"returned {value!r}, a truth value; expected {'a number' if exp.ndim == 0 else 'an array'}"
    if isinstance(value, (int, float, np.number)):
        arr = np.asarray(value, dtype=np.float64)
    elif isinstance(value, np.ndarray):
        if value.dtype == object or not (np.issubdtype(value.dtype, np.number) or value.dtype == bool):
            return None, f"returned an array of dtype {value.dtype}; expected numbers"
        arr = value.astype(np.float64)
    else:
        return None, f"returned a {type(value).__name__}; expected {'a number' if exp.ndim == 0 else f'a numpy array of shape {exp.shape}'}"
    if exp.ndim == 0 and arr.ndim > 0:
        if arr.size == 1:
            return None, f"returned an array of shape {arr.shape}; expected a single number (float(...) converts it)"
        return None, f"returned an array of shape {arr.shape}; expected a single number"
    return arr, None


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
        Names of the arguments, for messages about changed inputs.
    m_of : callable, optional
        ``m_of(args)`` gives the batch size m, so that a result off by m can be named.
    diagnoses : sequence of (callable, str)
        Specific mistakes: ``predicate(actual, expected, args)`` true means the message
        applies.  Checked before the general ones.
    """

    def __init__(self, name, reference, cases, arg_names, *, m_of=None, diagnoses=(), rtol=1e-6, atol=1e-9, seed=0,
                 time_limit=None):
        self.name = name
        self.reference = reference
        self.cases = cases
        self.arg_names = tuple(arg_names)
        self.m_of = m_of
        self.diagnoses = tuple(diagnoses)
        self.rtol = rtol
        self.atol = atol
        self.seed = seed
        self.time_limit = time_limit

    def __repr__(self):
        return f"<checker for {self.name}({', '.join(self.arg_names)})>"

    def __call__(self, fn):
        try:
            return self._check(fn)
        except Exception as exc:  # noqa: BLE001 - a checker never crashes
            return Result(False, f"❌ {self.name}: the checker could not finish ({type(exc).__name__}: {exc}); "
                                 "please report this, it is a bug in the checker, not in your code")

    def _fail(self, label, message):
        return Result(False, f"❌ {self.name}, {label}: {message}")

    def _check(self, fn):
        if not callable(fn):
            return Result(False, f"❌ {self.name}: expected a function, got {type(fn).__name__}; "
                                 f"pass the function itself: check.{self.name}({self.name})")
        cases = self.cases(np.random.default_rng(self.seed))
        limit = self.time_limit or TIME_LIMIT
        noted = []
        for label, args in cases:
            expected = self.reference(*copy.deepcopy(args))
            given = copy.deepcopy(args)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                value, exc, elapsed = _call(fn, given, limit)
            for w in caught:
                text = f"{w.category.__name__}: {w.message}"
                if text not in noted:
                    noted.append(text)
            if isinstance(exc, _TimedOut):
                return self._fail(label, f"your function took more than {limit:g} s and was stopped; "
                                         "look for a loop that never ends or work that is repeated needlessly")
            if isinstance(exc, NotImplementedError):
                hint = str(exc) or "replace the `raise NotImplementedError` line with your code"
                return Result(False, f"⏳ {self.name} is not implemented yet. {hint}")
            if exc is not None:
                return self._fail(label, f"your function raised {type(exc).__name__}: {exc}")
            for arg_name, before, after in zip(self.arg_names, args, given):
                if not _same_inputs(before, after):
                    return self._fail(label, f"your function changed its input `{arg_name}`; compute a new array "
                                             f"instead (e.g. `{arg_name} * 2`, not `{arg_name} *= 2`)")
            problem = self._compare(value, expected, args)
            if problem:
                return self._fail(label, problem)
        labels = "; ".join(label for label, _ in cases)
        note = ""
        if noted:
            note = (f". Note: numpy warned {noted[0]!r} while your function ran; the answer is right, "
                    "but a stable form avoids the warning")
        return Result(True, f"✅ {self.name} passed all {len(cases)} checks ({labels}){note}")

    def _compare(self, value, expected, args):
        actual, problem = _as_result_array(value, expected)
        if problem:
            return problem
        expected = np.asarray(expected, dtype=np.float64)
        if actual.shape != expected.shape:
            if actual.ndim == 2 and actual.shape == expected.shape[::-1]:
                if np.allclose(actual.T, expected, rtol=self.rtol, atol=self.atol):
                    return f"your result is the transpose of the right one: expected shape {expected.shape}, got {actual.shape}"
                return f"wrong shape: expected {expected.shape}, got {actual.shape} (the transpose's shape)"
            return f"wrong shape: expected {expected.shape}, got {actual.shape}"
        bad = ~np.isfinite(actual) & np.isfinite(expected)
        if np.any(bad):
            i = tuple(int(k) for k in np.argwhere(bad)[0]) if actual.ndim else ()
            where = f" at index {i}" if i else ""
            return (f"your result is {actual[i]}{where} where {_fmt(expected[i])} was expected; "
                    "look for an overflow in exp or a division by zero or log(0)")
        if np.allclose(actual, expected, rtol=self.rtol, atol=self.atol):
            return None
        for predicate, message in self.diagnoses:
            try:
                if predicate(actual, expected, args):
                    return message
            except Exception:  # noqa: BLE001 - a diagnosis that does not apply
                continue
        factor = self._constant_factor(actual, expected)
        if factor is not None:
            m = self.m_of(args) if self.m_of else None
            if m and m > 1 and np.isclose(factor, m, rtol=1e-6):
                return f"your result is m = {m} times too large: average over the m examples (divide by m)"
            if m and m > 1 and np.isclose(factor, 1.0 / m, rtol=1e-6):
                return f"your result is m = {m} times too small: you divided by m where no average is taken"
            if np.isclose(factor, -1.0):
                return "your result has the wrong sign"
            return f"your result is off by a constant factor: it is {factor:.4g} times the right answer"
        i = np.unravel_index(np.argmax(~np.isclose(actual, expected, rtol=self.rtol, atol=self.atol)), actual.shape)
        i = tuple(int(k) for k in i)
        where = f"first wrong entry at index {i}" if i else "wrong value"
        return f"{where}: expected {_fmt(expected[i])}, got {_fmt(actual[i])}"

    @staticmethod
    def _constant_factor(actual, expected):
        mask = np.abs(expected) > 1e-12
        if not np.any(mask) or np.any(np.abs(actual[~mask]) > 1e-9):
            return None
        ratios = actual[mask] / expected[mask]
        c = float(np.median(ratios))
        if c != 0 and np.allclose(ratios, c, rtol=1e-6, atol=0) and not np.isclose(c, 1.0):
            return c
        return None


def register(checker):
    """Add a checker to ``CHECKERS`` and make it ``check.<name>``."""
    CHECKERS[checker.name] = checker
    globals()[checker.name] = checker
    return checker


# --------------------------------------------------------------------------- helpers for cases
def _z_cases(rng):
    return [
        ("z of shape (3, 4)", (rng.normal(0, 2, size=(3, 4)),)),
        ("z of shape (1, 7)", (rng.normal(0, 2, size=(1, 7)),)),
        ("z with entries ±1000", (np.array([[-1000.0, -1.0, 0.0], [1.0, 1000.0, 0.5]]),)),
    ]


# --------------------------------------------------------------------------- chapter 1
def _affine_cases(rng):
    return [
        ("one example: W (2, 3), a (3, 1), b (2, 1)",
         (np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]]), np.array([[1.0], [1.0], [2.0]]), np.array([[0.5], [-0.5]]))),
        ("a batch: W (4, 3), a (3, 5), b (4, 1)", (rng.normal(size=(4, 3)), rng.normal(size=(3, 5)), rng.normal(size=(4, 1)))),
        ("one unit: W (1, 6), a (6, 2), b (1, 1)", (rng.normal(size=(1, 6)), rng.normal(size=(6, 2)), rng.normal(size=(1, 1)))),
    ]


register(Checker(
    "affine", _network.affine, _affine_cases, ("W", "a_prev", "b"),
    diagnoses=[
        (lambda act_, exp, args: np.allclose(act_, args[0] @ args[1]), "you forgot to add the bias b"),
        (lambda act_, exp, args: np.allclose(act_, args[0] @ args[1] - args[2]), "you subtracted the bias b instead of adding it"),
    ],
))


def _count_cases(rng):
    return [
        ("sizes [2, 3, 1]", ([2, 3, 1],)),
        ("sizes [784, 256, 256, 10]", ([784, 256, 256, 10],)),
        ("sizes [5, 5]", ([5, 5],)),
        ("sizes [1, 8, 8, 8, 2]", ([1, 8, 8, 8, 2],)),
    ]


def _weights_only(sizes):
    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))


register(Checker(
    "parameter_count", _network.parameter_count, _count_cases, ("sizes",),
    diagnoses=[
        (lambda a, e, args: a == _weights_only(args[0]), "you counted only the weights; each layer l also has n_l biases"),
        (lambda a, e, args: a == _weights_only(args[0]) + sum(args[0]),
         "you counted a bias for the input layer too; only layers 1 … N have biases (n_1 + … + n_N of them)"),
        (lambda a, e, args: a == sum(n * n for n in args[0][1:]) + sum(args[0][1:]),
         "you used n_l × n_l weights per layer; W[l] has shape (n_l, n_{l−1})"),
    ],
))


# --------------------------------------------------------------------------- chapter 2
register(Checker(
    "sigmoid_prime", act.sigmoid_prime, _z_cases, ("z",),
    diagnoses=[
        (lambda a, e, args: np.allclose(a, act.sigmoid(args[0])), "you returned σ(z) itself; the derivative is σ(z)(1 − σ(z))"),
        (lambda a, e, args: np.allclose(a, act.sigmoid(args[0]) ** 2), "you returned σ(z)²; the derivative is σ(z)(1 − σ(z))"),
        (lambda a, e, args: np.allclose(a, args[0] * (1 - args[0])), "you computed z(1 − z); apply σ first: σ(z)(1 − σ(z))"),
    ],
))

register(Checker(
    "relu_prime", act.relu_prime, _z_cases, ("z",),
    diagnoses=[
        (lambda a, e, args: np.allclose(a, act.relu(args[0])), "you returned ReLU(z) itself; its derivative is 1 where z > 0 and 0 elsewhere"),
        (lambda a, e, args: np.allclose(a, (args[0] >= 0)) and np.any(args[0] == 0), "at z = 0 use 0 (the convention of the book): use z > 0, not z >= 0"),
    ],
))

register(Checker(
    "tanh_prime", act.tanh_prime, _z_cases, ("z",),
    diagnoses=[
        (lambda a, e, args: np.allclose(a, 1 - args[0] ** 2), "you computed 1 − z²; apply tanh first: 1 − tanh²(z)"),
        (lambda a, e, args: np.allclose(a, np.tanh(args[0])), "you returned tanh(z) itself; the derivative is 1 − tanh²(z)"),
    ],
))
