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
import inspect
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


class _TimedOut(BaseException):
    """Raised into a learner's function when its time is up.

    A BaseException, like KeyboardInterrupt, so that a learner's ``except Exception:``
    inside a loop cannot swallow it and keep the loop (and the checker) running.
    """


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


def _short(exc, limit=300):
    """The text of an exception, cut to ``limit`` characters (an error may carry a huge array)."""
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001 - an exception whose str() fails
        text = "(its message could not be shown)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _signature_problem(fn, n_args, name, arg_names):
    """A message when fn cannot take the exercise's arguments, else None."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):  # no signature to read (a builtin, say): just call it
        return None
    try:
        signature.bind(*range(n_args))
    except TypeError as exc:
        call = f"{name}({', '.join(arg_names)})"
        takes = [p.name for p in signature.parameters.values()
                 if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        have = f"takes {len(takes)} argument{'s' * (len(takes) != 1)} ({', '.join(takes)})" if takes else "takes no arguments"
        return (f"your function {have}, but the exercise calls it with {n_args}: `{call}` ({exc}); "
                f"define it as `def {call}:`")
    return None


def _as_result_array(value, expected):
    """Turn a learner's return value into an array, or return a problem message."""
    exp = np.asarray(expected)
    if value is None:
        return None, "returned None: did you forget the `return` statement?"
    if isinstance(value, (complex, np.complexfloating)) or (isinstance(value, np.ndarray) and np.iscomplexobj(value)):
        return None, "returned complex numbers; expected real ones (look for a square root or a log of a negative number)"
    if inspect.isgenerator(value):
        return None, ("returned a generator; use `return`, not `yield`, and build an array, not a generator "
                      "expression: np.array([...]) converts a list")
    if isinstance(value, (list, tuple)):
        kind = type(value).__name__
        if exp.ndim == 0:
            return None, f"returned a {kind}; expected a single number"
        return None, f"returned a {kind}; return a numpy array of shape {exp.shape} instead (np.array(...) converts it)"
    if isinstance(value, (bool, np.bool_)) and exp.dtype != bool:
        return None, f"returned {value!r}, a truth value; expected {'a number' if exp.ndim == 0 else 'an array'}"
    if isinstance(value, (int, float, np.number)):
        try:
            arr = np.asarray(value, dtype=np.float64)
        except (OverflowError, ValueError, TypeError):
            return None, f"returned {_short(repr(value), 60)}, which does not fit in a float"
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
        applies.  Checked before the general messages on values (first wrong entry,
        constant factor); ``actual`` is a float array of the expected shape.
    diagnose_any_shape : bool
        Try ``diagnoses`` before the general messages on shape and on inf/NaN too, for
        mistakes that show up as another shape (δ a^[l]ᵀ is n_l × n_l) or as an
        overflow; each predicate then gets ``actual`` of any shape and must compare
        shapes itself.
    early : sequence of (callable, str)
        ``predicate(value, expected, args)`` on the learner's raw return value, tried
        before anything else (an answer of a typical wrong type or shape).
    shape_hints : sequence of (callable, str)
        On a wrong shape, the first hint whose ``predicate(actual, expected, args)``
        holds is added after the general message.
    nonfinite_hint : str, optional
        Added after the general message when the result holds inf or NaN where the
        right answer is finite.
    raise_hints : sequence of (str, str)
        ``(fragment, hint)``: when the learner's function raised and the message
        contains ``fragment``, the hint is added.
    explain : callable, optional
        ``explain(label, message)`` may return a more specific message for a failure
        in one case, or None to keep the general one.

    Every predicate runs with numpy's warnings silenced; one that raises does not apply.
    """

    def __init__(self, name, reference, cases, arg_names, *, m_of=None, diagnoses=(), diagnose_any_shape=False,
                 early=(), shape_hints=(), nonfinite_hint=None, raise_hints=(), explain=None, rtol=1e-6, atol=1e-9,
                 seed=0, time_limit=None):
        self.name = name
        self.reference = reference
        self.cases = cases
        self.arg_names = tuple(arg_names)
        self.m_of = m_of
        self.diagnoses = tuple(diagnoses)
        self.diagnose_any_shape = diagnose_any_shape
        self.early = tuple(early)
        self.shape_hints = tuple(shape_hints)
        self.nonfinite_hint = nonfinite_hint
        self.raise_hints = tuple(raise_hints)
        self.explain = explain
        self.rtol = rtol
        self.atol = atol
        self.seed = seed
        self.time_limit = time_limit

    def __repr__(self):
        return f"<checker for {self.name}({', '.join(self.arg_names)})>"

    def __call__(self, fn):
        try:
            return self._check(fn)
        except _TimedOut:  # the alarm rang just as the learner's function returned
            return Result(False, f"❌ {self.name}: your function took more than {self.time_limit or TIME_LIMIT:g} s "
                                 "and was stopped; look for a loop that never ends or work that is repeated needlessly")
        except Exception as exc:  # noqa: BLE001 - a checker never crashes
            return Result(False, f"❌ {self.name}: the checker could not finish ({type(exc).__name__}: {exc}); "
                                 "please report this, it is a bug in the checker, not in your code")

    def _fail(self, label, message):
        if message.startswith("your function raised"):
            hint = next((h for fragment, h in self.raise_hints if fragment in message), None)
            if hint:
                message = f"{message}. {hint}"
        if self.explain is not None:
            try:
                message = self.explain(label, message) or message
            except Exception:  # noqa: BLE001 - an explanation that does not apply
                pass
        return Result(False, f"❌ {self.name}, {label}: {message}")

    @staticmethod
    def _first_match(rules, *args):
        """The message of the first rule whose predicate holds for ``args``, else None."""
        for predicate, message in rules:
            try:
                with np.errstate(all="ignore"):
                    if predicate(*args):
                        return message
            except Exception:  # noqa: BLE001 - a rule that does not apply
                continue
        return None

    def _check(self, fn):
        if not callable(fn):
            return Result(False, f"❌ {self.name}: expected a function, got {type(fn).__name__}; "
                                 f"pass the function itself: check.{self.name}({self.name})")
        cases = self.cases(np.random.default_rng(self.seed))
        limit = self.time_limit or TIME_LIMIT
        noted = []
        if cases:
            problem = _signature_problem(fn, len(cases[0][1]), self.name, self.arg_names)
            if problem:
                return Result(False, f"❌ {self.name}: {problem}")
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
                return self._fail(label, f"your function raised {type(exc).__name__}: {_short(exc)}")
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
        found = self._first_match(self.early, value, expected, args)
        if found:
            return found
        actual, problem = _as_result_array(value, expected)
        if problem:
            return problem
        expected = np.asarray(expected, dtype=np.float64)
        if actual.shape == expected.shape and np.allclose(actual, expected, rtol=self.rtol, atol=self.atol):
            return None
        if self.diagnose_any_shape:
            found = self._first_match(self.diagnoses, actual, expected, args)
            if found:
                return found
        if actual.shape != expected.shape:
            if actual.ndim == 2 and actual.shape == expected.shape[::-1]:
                if np.allclose(actual.T, expected, rtol=self.rtol, atol=self.atol):
                    message = f"your result is the transpose of the right one: expected shape {expected.shape}, got {actual.shape}"
                else:
                    message = f"wrong shape: expected {expected.shape}, got {actual.shape} (the transpose's shape)"
            else:
                message = f"wrong shape: expected {expected.shape}, got {actual.shape}"
            hint = self._first_match(self.shape_hints, actual, expected, args)
            return f"{message}; {hint}" if hint else message
        bad = ~np.isfinite(actual) & np.isfinite(expected)
        if np.any(bad):
            i = tuple(int(k) for k in np.argwhere(bad)[0]) if actual.ndim else ()
            where = f" at index {i}" if i else ""
            message = (f"your result is {actual[i]}{where} where {_fmt(expected[i])} was expected; "
                       "look for an overflow in exp or a division by zero or log(0)")
            return f"{message}. {self.nonfinite_hint}" if self.nonfinite_hint else message
        if not self.diagnose_any_shape:
            found = self._first_match(self.diagnoses, actual, expected, args)
            if found:
                return found
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


# ---- chapters 5–7 (losses)
def _loss_m(args):
    return int(np.shape(args[0])[1])


def _loss_n(args):
    return int(np.shape(args[0])[0])


def _loss_close(a, b):
    return bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))


def _loss_clipped(y_hat):
    return np.clip(np.asarray(y_hat, dtype=np.float64), _losses.EPS, 1.0 - _losses.EPS)


# The short names are used by later sections of this file too; keep them.
_m, _n, _close, _clipped = _loss_m, _loss_n, _loss_close, _loss_clipped


# --------------------------------------------------------------------------- chapter 5
def _squared_error_cases(rng):
    return [
        ("3 outputs, m = 5", (rng.normal(size=(3, 5)), rng.normal(size=(3, 5)))),
        ("one output, m = 4: ŷ = [2, 0, 1, 3], y = [3, 0, −1, 3]",
         (np.array([[2.0, 0.0, 1.0, 3.0]]), np.array([[3.0, 0.0, -1.0, 3.0]]))),
        ("one example with 2 outputs (m = 1)", (np.array([[0.5], [-1.5]]), np.array([[1.0], [0.5]]))),
        ("a perfect prediction (J = 0)", (np.array([[1.0, -2.0, 0.5]]), np.array([[1.0, -2.0, 0.5]]))),
    ]


register(Checker(
    "squared_error_cost", _losses.squared_error_cost, _squared_error_cases, ("y_hat", "Y"), m_of=_loss_m,
    diagnoses=[
        (lambda a, e, args: _loss_close(a, 2 * e),
         "you forgot the ½: L = ½(ŷ − y)², and the ½ is what makes the gradient come out as ŷ − y"),
        (lambda a, e, args: _loss_m(args) > 1 and _loss_close(a, _loss_m(args) * e),
         "you summed the losses of the examples instead of averaging them: J = (1/m) Σ L, "
         "so divide by m, the number of columns (y_hat.shape[1])"),
        (lambda a, e, args: _loss_m(args) > 1 and _loss_close(a, 2 * _loss_m(args) * e),
         "you forgot the ½ and summed over the examples instead of averaging: J = (1/m) Σ ½‖ŷ − y‖²"),
        (lambda a, e, args: _loss_n(args) > 1 and _loss_close(a, 2 * e / _loss_n(args)),
         "you computed np.mean((ŷ − y)²), the mean over every entry; J keeps the ½, sums over the "
         "output units of an example and divides by m only"),
        (lambda a, e, args: _loss_n(args) > 1 and _loss_close(a, e / _loss_n(args)),
         "you averaged over the output units too (np.mean divides by n_N · m); the loss of one example "
         "sums over its units, ½‖ŷ − y‖², so divide by m only"),
        (lambda a, e, args: _loss_close(a, 0.5 * np.sum(args[0] - args[1]) / _loss_m(args))
         or _loss_close(a, 0.5 * np.sum(np.abs(args[0] - args[1])) / _loss_m(args)),
         "you did not square the difference: L = ½(ŷ − y)²"),
    ],
))


def _squared_grad_cases(rng):
    return [
        ("one output, m = 4", (np.array([[2.0, 0.0, 1.0, 3.0]]), np.array([[3.0, 0.0, -1.0, 3.0]]))),
        ("3 outputs, m = 5", (rng.normal(size=(3, 5)), rng.normal(size=(3, 5)))),
        ("one example with 2 outputs (m = 1)", (np.array([[0.5], [-1.5]]), np.array([[1.0], [0.5]]))),
    ]


register(Checker(
    "squared_error_grad", _losses.squared_error_grad, _squared_grad_cases, ("y_hat", "Y"), m_of=_loss_m,
    diagnoses=[
        (lambda a, e, args: _loss_close(a, -e),
         "you computed y − ŷ; the gradient with respect to ŷ is ŷ − y (it points to where the loss grows)"),
        (lambda a, e, args: _loss_close(a, 2 * e),
         "you kept a factor 2: the derivative of ½(ŷ − y)² is ½ · 2(ŷ − y) = ŷ − y; the ½ cancels the 2"),
        (lambda a, e, args: _loss_close(a, 0.5 * e),
         "you halved ŷ − y: the derivative of (ŷ − y)² is 2(ŷ − y), and ½ · 2 = 1"),
        (lambda a, e, args: _loss_m(args) > 1 and _loss_close(a, e / _loss_m(args)),
         "you divided by m: squared_error_grad returns ∇_ŷ L of each example (one column each), "
         "not the gradient of the average J"),
        (lambda a, e, args: _loss_close(a, 0.5 * e ** 2),
         "you returned the loss ½(ŷ − y)² of each entry, not its derivative ŷ − y"),
    ],
))


# --------------------------------------------------------------------------- chapter 6
def _bce_cases(rng):
    return [
        ("one output, m = 4: ŷ = [0.9, 0.2, 0.6, 0.3], y = [1, 0, 0, 1]",
         (np.array([[0.9, 0.2, 0.6, 0.3]]), np.array([[1.0, 0.0, 0.0, 1.0]]))),
        ("2 outputs, m = 5", (rng.uniform(0.05, 0.95, size=(2, 5)), rng.integers(0, 2, size=(2, 5)).astype(float))),
        ("one example with 3 outputs (m = 1)", (np.array([[0.7], [0.1], [0.5]]), np.array([[1.0], [1.0], [0.0]]))),
        ("ŷ exactly 0 or 1, right and confidently wrong",
         (np.array([[1.0, 0.0, 0.0, 1.0]]), np.array([[1.0, 0.0, 1.0, 0.0]]))),
    ]


def _loss_bce_terms(args):
    p, Y = _loss_clipped(args[0]), np.asarray(args[1], dtype=np.float64)
    return Y * np.log(p), (1 - Y) * np.log(1 - p), Y * np.log(1 - p) + (1 - Y) * np.log(p)


register(Checker(
    "binary_cross_entropy_cost", _losses.binary_cross_entropy_cost, _bce_cases, ("y_hat", "Y"), m_of=_loss_m,
    nonfinite_hint="Clip ŷ to [EPS, 1 − EPS] before taking logs, with EPS = nnlib.losses.EPS: log 0 = −inf, "
                   "and 0 · log 0 gives nan even when the prediction is right",
    diagnoses=[
        (lambda a, e, args: _loss_close(a, -e),
         "missing minus sign: log ŷ ≤ 0, so L = −(y log ŷ + (1 − y) log(1 − ŷ)) needs the leading minus to be ≥ 0"),
        (lambda a, e, args: _loss_m(args) > 1 and _loss_close(a, _loss_m(args) * e),
         "not averaged over the examples: J = (1/m) Σ L, so divide the sum by m, the number of columns (y_hat.shape[1])"),
        (lambda a, e, args: _loss_n(args) > 1 and _loss_close(a, e / _loss_n(args)),
         "you averaged over the output units too (np.mean divides by n_N · m); with several binary outputs "
         "the loss of one example sums over its units, so divide by m only"),
        (lambda a, e, args: _loss_close(a, -np.sum(_loss_bce_terms(args)[0]) / _loss_m(args)),
         "you kept only the y log ŷ term; the (1 − y) log(1 − ŷ) term is what scores the examples whose target is 0"),
        (lambda a, e, args: _loss_close(a, -np.sum(_loss_bce_terms(args)[1]) / _loss_m(args)),
         "you kept only the (1 − y) log(1 − ŷ) term; the y log ŷ term is what scores the examples whose target is 1"),
        (lambda a, e, args: _loss_close(a, -np.sum(_loss_bce_terms(args)[2]) / _loss_m(args)),
         "you paired y with log(1 − ŷ); the right pairs are y with log ŷ and (1 − y) with log(1 − ŷ)"),
        (lambda a, e, args: _loss_close(a, e / np.log(10)) or _loss_close(a, e / np.log(2)),
         "you used log10 or log2; the book's losses use the natural logarithm, np.log"),
        (lambda a, e, args: bool(np.any((args[0] == 0) | (args[0] == 1))),
         "your value is finite but not the book's where ŷ is exactly 0 or 1: clip ŷ to [EPS, 1 − EPS] "
         "with EPS = nnlib.losses.EPS = 1e-15, as nnlib does"),
    ],
))


def _logit_cases(rng):
    return [
        ("one output, m = 4: z = [2, −1, 0, −3], y = [1, 0, 1, 1]",
         (np.array([[2.0, -1.0, 0.0, -3.0]]), np.array([[1.0, 0.0, 1.0, 1.0]]))),
        ("2 outputs, m = 5", (rng.normal(0, 3, size=(2, 5)), rng.integers(0, 2, size=(2, 5)).astype(float))),
        ("z = ±1000 (confidently right and wrong)",
         (np.array([[-1000.0, -1000.0, 0.0, 1000.0, 1000.0]]), np.array([[0.0, 1.0, 1.0, 1.0, 0.0]]))),
    ]


register(Checker(
    "bce_grad_logit", _losses.bce_grad_logit, _logit_cases, ("z", "Y"), m_of=_loss_m,
    nonfinite_hint="Compute σ(z) with nnlib.sigmoid(z), which never overflows: e^z / (1 + e^z) is inf/inf = nan for z = 1000",
    diagnoses=[
        (lambda a, e, args: _loss_close(a, -e), "you computed y − σ(z); the gradient is σ(z) − y"),
        (lambda a, e, args: _loss_close(a, args[0] - args[1]), "you used z − y; apply the sigmoid first: σ(z) − y"),
        (lambda a, e, args: _loss_close(a, act.sigmoid(args[0])), "you forgot to subtract the target: σ(z) − y"),
        (lambda a, e, args: _loss_close(a, e * act.sigmoid_prime(args[0])),
         "you multiplied by σ′(z): that is the gradient of the squared error on a sigmoid; with binary "
         "cross-entropy σ′(z) cancels and ∂L/∂z = σ(z) − y"),
        (lambda a, e, args: _loss_close(a, _losses.binary_cross_entropy_grad(act.sigmoid(args[0]), args[1])),
         "you returned ∂L/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)); multiply it by σ′(z) = ŷ(1 − ŷ) to get ∂L/∂z, which simplifies to σ(z) − y"),
        (lambda a, e, args: _loss_m(args) > 1 and _loss_close(a, e / _loss_m(args)),
         "you divided by m: return ∂L/∂z of each example (one column each), not the gradient of the average J"),
    ],
))


# --------------------------------------------------------------------------- chapter 7
def _one_hot_cases(rng):
    return [
        ("labels [2, 0, 1, 2], k = 3", (np.array([2, 0, 1, 2]), 3)),
        ("labels [1, 1, 1], k = 5 (classes 0, 2, 3, 4 never occur)", (np.array([1, 1, 1]), 5)),
        ("one example: labels [0], k = 2", (np.array([0]), 2)),
        ("labels [1, 2, 0], k = 3 (square)", (np.array([1, 2, 0]), 3)),
        ("m = 6 labels, k = 10", (rng.integers(0, 10, size=6), 10)),
    ]


def _loss_rows_set(args):
    labels, k = args
    out = np.zeros((k, len(labels)))
    out[labels] = 1.0
    return out


register(Checker(
    "one_hot", _losses.one_hot, _one_hot_cases, ("labels", "k"),
    shape_hints=[
        (lambda a, e, args: a.shape == e.shape[::-1],
         "examples must be columns: build np.zeros((k, m)), so that column i is the one-hot vector of labels[i]"),
        (lambda a, e, args: a.shape == (int(np.max(args[0])) + 1, len(args[0])),
         "use the k you are given, not labels.max() + 1: some classes may not occur in a batch"),
        (lambda a, e, args: a.shape == (args[1] + 1, len(args[0])),
         "one row too many: the classes are 0 … k − 1, so there are k rows"),
    ],
    diagnoses=[
        (lambda a, e, args: _loss_close(a, e.T),
         "transposed: examples must be columns; put the 1 of example i in column i, row labels[i]"),
        (lambda a, e, args: _loss_close(a, np.roll(e, -1, axis=0)),
         "off by one: here the classes are numbered 0 … k − 1 (the notes count from 1); "
         "put the 1 in row labels[i], not labels[i] − 1"),
        (lambda a, e, args: _loss_close(a, np.roll(e, 1, axis=0)),
         "off by one: put the 1 in row labels[i], not labels[i] + 1"),
        (lambda a, e, args: _loss_close(a, _loss_rows_set(args)),
         "you set whole rows to 1 (out[labels] = 1); set one entry per column: out[labels, np.arange(m)] = 1"),
        (lambda a, e, args: _loss_close(a, 1 - e), "you swapped the 0s and the 1s"),
    ],
))


def _ce_label_cases(rng):
    return [
        ("k = 3, m = 2: labels [0, 2]",
         (np.array([[0.7, 0.1], [0.2, 0.6], [0.1, 0.3]]), np.array([0, 2]))),
        ("k = 4, m = 6", (act.softmax(rng.normal(0, 2, size=(4, 6))), rng.integers(0, 4, size=6))),
        ("one example, k = 2", (np.array([[0.25], [0.75]]), np.array([1]))),
        ("the true class has ŷ = 0", (np.array([[1.0, 0.5], [0.0, 0.5]]), np.array([1, 0]))),
    ]


def _loss_picked(y_hat, rows):
    p = np.clip(np.asarray(y_hat, dtype=np.float64), _losses.EPS, 1.0)
    return p[rows, np.arange(p.shape[1])]


register(Checker(
    "cross_entropy_from_labels", _losses.cross_entropy_cost, _ce_label_cases, ("y_hat", "labels"), m_of=_loss_m,
    nonfinite_hint="Clip ŷ at EPS before the log (np.clip(p, nnlib.losses.EPS, 1.0)): a true class with ŷ = 0 gives log 0 = −inf",
    diagnoses=[
        (lambda a, e, args: _loss_close(a, -e),
         "missing minus sign: log ŷ ≤ 0, so the loss −log ŷ_label needs the minus to be ≥ 0"),
        (lambda a, e, args: _loss_m(args) > 1 and _loss_close(a, _loss_m(args) * e),
         "not averaged over the examples: J = (1/m) Σ L, so divide by m, the number of columns (y_hat.shape[1])"),
        (lambda a, e, args: _loss_m(args) > 1 and (
            _loss_close(a, -np.mean(np.log(np.clip(args[0][args[1]], _losses.EPS, 1.0))))
            or _loss_close(a, -np.sum(np.log(np.clip(args[0][args[1]], _losses.EPS, 1.0))) / _loss_m(args))),
         "y_hat[labels] picks whole rows; pick one entry per column: y_hat[labels, np.arange(m)]"),
        (lambda a, e, args: _loss_close(a, -np.mean(np.log(_loss_picked(args[0], np.asarray(args[1]) - 1)))),
         "off by one: here the classes are numbered 0 … k − 1 (the notes count from 1); use row labels[i], not labels[i] − 1"),
        (lambda a, e, args: _loss_close(a, -np.sum(np.log(np.clip(args[0], _losses.EPS, 1.0))) / _loss_m(args)),
         "you added log ŷ_j of every class; the indicator 1{y = j} keeps only the true class's term, −log ŷ_label"),
        (lambda a, e, args: _loss_close(a, _losses.binary_cross_entropy_cost(
            args[0], _losses.one_hot(np.asarray(args[1]), _loss_n(args)))),
         "you added (1 − y) log(1 − ŷ) terms as in the binary cross-entropy; with k classes the loss is only −log ŷ_label"),
        (lambda a, e, args: _loss_close(a, e / np.log(10)) or _loss_close(a, e / np.log(2)),
         "you used log10 or log2; the book's losses use the natural logarithm, np.log"),
    ],
))


# --------------------------------------------------------------------------- chapter 13
from . import training as _training  # noqa: E402


def _gd_cases(rng):
    return [
        ("W (3, 4), dW (3, 4), learning_rate = 0.1", (rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), 0.1)),
        ("a bias column b (5, 1), db (5, 1), learning_rate = 0.5", (rng.normal(size=(5, 1)), rng.normal(size=(5, 1)), 0.5)),
        ("dW = 0 (a stationary point): W must not move", (rng.normal(size=(2, 3)), np.zeros((2, 3)), 0.3)),
        ("W (4, 2), learning_rate = 2", (rng.normal(size=(4, 2)), rng.normal(size=(4, 2)), 2.0)),
        ("a 1×1 W = [[1.5]], dW = [[-2]], learning_rate = 1", (np.array([[1.5]]), np.array([[-2.0]]), 1.0)),
    ]


register(Checker(
    "gradient_descent_update", _training.gradient_descent_update, _gd_cases, ("W", "dW", "learning_rate"),
    diagnoses=[
        (lambda a, e, args: np.allclose(a, args[0] + args[2] * args[1]),
         "you moved uphill (+ instead of −): W + α·dW increases J; step against the gradient, W − α·dW"),
        (lambda a, e, args: np.allclose(a, args[0] + args[1]),
         "you moved uphill (+ instead of −) and forgot the learning rate: the step is W − α·dW"),
        (lambda a, e, args: args[2] != 1 and np.allclose(a, args[0] - args[1]),
         "you forgot the learning rate: W − dW takes the whole gradient as the step; multiply dW by learning_rate"),
        (lambda a, e, args: np.allclose(a, -args[2] * args[1]),
         "you returned only the step −α·dW; the new W is the old W plus that step: W − α·dW"),
        (lambda a, e, args: np.allclose(a, args[0] - args[1] / args[2]),
         "you divided dW by the learning rate; multiply instead: W − α·dW"),
        (lambda a, e, args: np.allclose(a, args[2] * (args[0] - args[1])),
         "the learning rate multiplies the whole of W − dW; it belongs to the gradient only: W − α·dW"),
    ],
))


def _accuracy_cases(rng):
    # 4 classes, 4 examples (columns): the largest entry of each column is in rows 0, 1, 2, 0;
    # the labels 0, 1, 3, 0 make 3 of 4 right.
    square = np.array([[0.70, 0.10, 0.20, 0.45],
                       [0.10, 0.60, 0.10, 0.30],
                       [0.10, 0.20, 0.40, 0.15],
                       [0.10, 0.10, 0.30, 0.10]])
    logits = rng.normal(0, 2, size=(3, 8))
    probs = np.exp(logits) / np.exp(logits).sum(axis=0)
    labels = np.argmax(probs, axis=0)
    labels[[1, 4]] = (labels[[1, 4]] + 1) % 3
    digits = rng.dirichlet(np.ones(10), size=7).T
    return [
        ("y_hat (4, 4): 4 classes, 4 examples, 3 right", (square, np.array([0, 1, 3, 0]))),
        ("y_hat (3, 8): 6 of 8 right", (probs, labels)),
        ("y_hat (10, 7): ten classes", (digits, rng.integers(0, 10, size=7))),
        ("all right", (square, np.array([0, 1, 2, 0]))),
        ("all wrong", (square, np.array([3, 3, 3, 3]))),
    ]


register(Checker(
    "accuracy_from_predictions", _training.accuracy_from_predictions, _accuracy_cases, ("y_hat", "labels"),
    m_of=lambda args: args[0].shape[1],
    diagnoses=[
        (lambda a, e, args: np.isclose(a, 1 - e),
         "you computed the error rate (the fraction wrong); accuracy is the fraction right"),
        (lambda a, e, args: np.isclose(a, 100 * e),
         "you returned a percentage; return a fraction between 0 and 1 (drop the × 100)"),
        (lambda a, e, args: np.isclose(a, e * args[0].shape[1]),
         "you returned the number of correct examples; divide by m to get the fraction"),
        (lambda a, e, args: np.isclose(a, np.mean(np.argmax(args[0], axis=1) == args[1])),
         "you took argmax along axis 1 (across the examples); each example is a column: np.argmax(y_hat, axis=0)"),
        (lambda a, e, args: np.isclose(a, np.mean(args[0][args[1], np.arange(args[0].shape[1])])),
         "you averaged the probability of the true class; accuracy counts the columns whose LARGEST entry "
         "is in the row of the true class"),
    ],
))


def _confusion_cases(rng):
    return [
        ("10 examples, k = 3 classes",
         (np.array([0, 0, 1, 2, 2, 1, 0, 2, 1, 1]), np.array([0, 1, 1, 2, 0, 1, 0, 2, 2, 1]), 3)),
        ("class 3 never occurs: k = 4 still gives a 4×4 table",
         (np.array([0, 1, 2, 1, 0, 2]), np.array([0, 1, 2, 2, 0, 0]), 4)),
        ("all right: only the diagonal", (np.array([2, 0, 1, 1, 0]), np.array([2, 0, 1, 1, 0]), 3)),
        ("one example", (np.array([1]), np.array([0]), 2)),
        ("60 examples, k = 10", (rng.integers(0, 10, size=60), rng.integers(0, 10, size=60), 10)),
    ]


def _counted_once(predicted, labels, k):
    C = np.zeros((k, k))
    C[labels, predicted] = 1
    return C


register(Checker(
    "confusion_matrix", _training.confusion_matrix, _confusion_cases, ("predicted", "labels", "k"),
    m_of=lambda args: len(args[0]),
    diagnoses=[
        (lambda a, e, args: np.allclose(a, e.T),
         "rows and columns are swapped: row i is the TRUE class, column j the PREDICTED class, "
         "so each example adds 1 to C[label, prediction]"),
        (lambda a, e, args: np.allclose(a, _counted_once(*args)),
         "each (true, predicted) pair was counted at most once: C[labels, predicted] += 1 with index arrays "
         "adds 1 per distinct pair, not per example; loop over the examples or use np.add.at"),
        (lambda a, e, args: np.allclose(a, e / len(args[0])),
         "you divided by m: the confusion matrix holds counts of examples, not fractions"),
        (lambda a, e, args: np.allclose(a, e / np.maximum(e.sum(axis=1, keepdims=True), 1)),
         "you normalised each row; the confusion matrix holds counts of examples, not fractions"),
    ],
))


# ---- chapters 11–12 (gradient checking, mini-batches)
from . import gradcheck as _gradcheck  # noqa: E402


def _shape_is(value, shape):
    return isinstance(value, np.ndarray) and value.shape == tuple(shape)


# --------------------------------------------------------------------------- chapter 11
_CE_X = np.array([[1.0, -0.5, 2.0, 0.3], [0.5, 1.5, -1.0, -2.0]])  # 2 inputs, 4 examples
_CE_Y = np.array([0, 2, 1, 2])


def _sum_of_cubes(x):
    return float(np.sum(x ** 3))


def _softmax_cost(W):
    return float(_losses.cross_entropy_cost(act.softmax(W @ _CE_X), _CE_Y))


def _exp_mix(x):
    return float(np.exp(x[0, 0]) * x[1, 0] + np.sin(x[1, 0]))


def _first_squared(x):
    return float(x[0] ** 2)


def _centred_cases(rng):
    return [
        ("f(x) = Σ x³, x = [1, −0.5, 2], ε = 0.01", (_sum_of_cubes, np.array([1.0, -0.5, 2.0]), 0.01)),
        ("f(W) = cross-entropy of softmax(W X), W of shape (3, 2), ε = 1e-3",
         (_softmax_cost, rng.normal(size=(3, 2)), 1e-3)),
        ("f(x) = exp(x₀)·x₁ + sin(x₁), x of shape (2, 1), ε = 0.1", (_exp_mix, np.array([[0.5], [-1.2]]), 0.1)),
        ("f(x) = x₀², which ignores x₁ and x₂, ε = 0.05", (_first_squared, np.array([1.5, 2.0, -3.0]), 0.05)),
    ]


def _one_sided(f, x, eps):
    x = x.copy()
    grad = np.zeros_like(x)
    f0 = f(x.copy())
    for i in np.ndindex(x.shape):
        xp = x.copy()
        xp[i] += eps
        grad[i] = (f(xp) - f0) / eps
    return grad


def _backward_one_sided(f, x, eps):
    return _one_sided(f, x, -eps)


def _all_at_once(f, x, eps):
    return np.full(x.shape, (f(x + eps) - f(x - eps)) / (2 * eps))


def _explain_centred(label, message):
    if "changed its input `x`" in message:
        return ("your function changed its input `x`: after evaluating f at x[i] + ε and x[i] − ε, put the saved "
                "value back (old = x[i] … x[i] = old), or work on a copy. Adding and subtracting ε does not always "
                "return exactly to the old number in floating point, and a gradient check must leave the "
                "parameters as it found them")
    return None


register(Checker(
    "centred_difference", _gradcheck.numerical_gradient, _centred_cases, ("f", "x", "eps"),
    diagnoses=[
        (lambda a, e, args: _close(a, _one_sided(*args)),
         "you used the one-sided difference (f(x + ε) − f(x)) / ε; use the centred difference "
         "(f(x + ε) − f(x − ε)) / 2ε: its error is O(ε²) instead of O(ε)"),
        (lambda a, e, args: _close(a, _backward_one_sided(*args)),
         "you used the one-sided difference (f(x) − f(x − ε)) / ε; use both neighbours: "
         "(f(x + ε) − f(x − ε)) / 2ε"),
        (lambda a, e, args: _close(a, _one_sided(*args) / 2),
         "you computed (f(x + ε) − f(x)) / 2ε: the second point must be x − ε, not x "
         "(after x[i] = old + ε, set x[i] = old − ε)"),
        (lambda a, e, args: _close(a, 2 * e),
         "your result is 2 times too large: you divided by ε instead of 2ε (the points x − ε and x + ε are 2ε apart)"),
        (lambda a, e, args: _close(a, 2 * args[2] * e), "you forgot to divide the difference f(x + ε) − f(x − ε) by 2ε"),
        (lambda a, e, args: _close(a, _all_at_once(*args)),
         "you moved every entry of x at once; move one entry at a time (x[i] ± ε, the others fixed) to get the "
         "partial derivative ∂f/∂x_i"),
    ],
    explain=_explain_centred,
))


def _nrm(x):
    return float(np.linalg.norm(x))


def _relative_cases(rng):
    a = rng.normal(size=(3, 4))
    c = rng.normal(size=6)
    return [
        ("a, b of shape (3, 4), unrelated", (rng.normal(size=(3, 4)), 2.0 * rng.normal(size=(3, 4)))),
        ("a, b of shape (3, 4) that nearly agree", (a, a + 1e-3 * rng.normal(size=(3, 4)))),
        ("a = [3, 4], b = [3, 4.001]", (np.array([3.0, 4.0]), np.array([3.0, 4.001]))),
        ("b = 2a", (c, 2 * c)),
        ("b is all zero", (rng.normal(size=(2, 2)), np.zeros((2, 2)))),
        ("a and b both all zero", (np.zeros(3), np.zeros(3))),
    ]


def _explain_relative(label, message):
    if label.startswith("a and b both all zero") and ("nan" in message.lower() or "ZeroDivisionError" in message):
        return ("your result is not a number when a = b = 0: the denominator ‖a‖ + ‖b‖ is 0 there; "
                "return 0.0 in that case (two zero gradients agree perfectly)")
    if label.startswith("b is all zero") and ("inf" in message.lower() or "nan" in message.lower()
                                              or "ZeroDivisionError" in message):
        return (f"{message}. You divided by ‖b‖ alone, which is 0 here; divide by ‖a‖ + ‖b‖, "
                "which is 0 only when both are")
    return None


register(Checker(
    "relative_error", _gradcheck.relative_error, _relative_cases, ("a", "b"),
    diagnoses=[
        (lambda r, e, args: _close(r, _nrm(args[0] - args[1])),
         "you returned ‖a − b‖, the absolute error; divide it by ‖a‖ + ‖b‖ to make it relative"),
        (lambda r, e, args: _close(r, _nrm(args[0] - args[1]) / _nrm(args[0]))
         or _close(r, _nrm(args[0] - args[1]) / _nrm(args[1])),
         "you divided by one norm only (‖a‖, ‖b‖ or the larger of the two); divide by the sum ‖a‖ + ‖b‖, "
         "which treats a and b alike and is 0 only when both are"),
        (lambda r, e, args: _close(r, _nrm(args[0] - args[1]) / _nrm(args[0] + args[1])),
         "you divided by ‖a + b‖; the denominator is ‖a‖ + ‖b‖ (take the norms first, then add)"),
        (lambda r, e, args: _close(r, _nrm(args[0] - args[1]) ** 2 / (_nrm(args[0]) ** 2 + _nrm(args[1]) ** 2))
         or _close(r, _nrm(args[0] - args[1]) ** 2 / (_nrm(args[0]) + _nrm(args[1]))),
         "you used squared norms; ‖x‖ is the square root of the sum of squares (np.linalg.norm(x))"),
        (lambda r, e, args: _close(r, np.sum(np.abs(args[0] - args[1])) / (np.sum(np.abs(args[0])) + np.sum(np.abs(args[1])))),
         "you used sums of absolute values (the 1-norm); use the Euclidean norm np.linalg.norm"),
        (lambda r, e, args: _close(r, np.max(np.abs(args[0] - args[1]) / (np.abs(args[0]) + np.abs(args[1]))))
         or _close(r, np.mean(np.abs(args[0] - args[1]) / (np.abs(args[0]) + np.abs(args[1])))),
         "you compared entry by entry; the relative error divides the norm of the whole difference by the norms "
         "of the whole arrays"),
    ],
    explain=_explain_relative,
))


# --------------------------------------------------------------------------- chapter 12
def _per_example_cases(rng):
    return [
        ("δ (2, 5) and a_prev (4, 5): 5 examples", (rng.normal(size=(2, 5)), rng.normal(size=(4, 5)))),
        ("one example: δ (3, 1) and a_prev (2, 1)", (np.array([[1.0], [-2.0], [0.5]]), np.array([[3.0], [1.0]]))),
        ("δ (1, 6) and a_prev (3, 6)", (rng.normal(size=(1, 6)), rng.normal(size=(3, 6)))),
    ]


def _pe_shape(args):
    return f"(m, n_l, n_(l-1)) = {(args[0].shape[1], args[0].shape[0], args[1].shape[0])}"


register(Checker(
    "per_example_weight_gradients", _network.per_example_weight_gradients, _per_example_cases, ("delta", "a_prev"),
    m_of=_m,
    early=[
        (lambda v, e, args: _shape_is(v, e.shape[1:]) and _close(v, e.mean(axis=0)),
         "you returned the batch gradient (1/m) δ a_prevᵀ, the average over the examples; return one matrix "
         "per example instead, stacked along a first axis of length m"),
        (lambda v, e, args: _shape_is(v, e.shape[1:]) and _close(v, e.sum(axis=0)),
         "you returned δ a_prevᵀ, which sums the m outer products; return each example's matrix "
         "δ_i a_iᵀ separately, stacked along a first axis of length m"),
        (lambda v, e, args: _shape_is(v, e.shape[1:] + e.shape[:1]) and _close(np.moveaxis(v, -1, 0), e),
         "the examples are on the last axis; stack them on the first: result[i] is example i's matrix, "
         "so the shape is (m, n_l, n_(l-1))"),
        (lambda v, e, args: _shape_is(v, (e.shape[0], e.shape[2], e.shape[1])) and _close(np.swapaxes(v, 1, 2), e),
         "each matrix is transposed: example i's gradient is δ_i a_iᵀ of shape (n_l, n_(l-1)), "
         "np.outer(delta[:, i], a_prev[:, i])"),
    ],
    diagnoses=[
        (lambda v, e, args: e.shape[0] > 1 and _close(v, np.broadcast_to(e[0], e.shape)),
         "every matrix is example 0's; matrix i must use column i of delta and column i of a_prev"),
    ],
))


def _columns_cases(rng):
    A = rng.normal(size=(3, 10))
    perm = rng.permutation(10)
    B = rng.normal(size=(2, 7))
    return [
        ("A (3, 10), batch k = 0 of size 4", (A, perm, 0, 4)),
        ("A (3, 10), batch k = 1 of size 4", (A, perm, 1, 4)),
        ("A (3, 10), batch k = 2 of size 4: the last, with only 2 columns", (A, perm, 2, 4)),
        ("A (2, 7), batch size 7: one batch holds every column", (B, rng.permutation(7), 0, 7)),
        ("A (1, 5), batch k = 3 of size 1", (rng.normal(size=(1, 5)), rng.permutation(5), 3, 1)),
    ]


def _batch_cols(args, k=None):
    A, perm, kk, size = args
    k = kk if k is None else k
    return perm[k * size:(k + 1) * size]


def _explain_columns(label, message):
    if "IndexError" in message:
        return (f"{message}. The examples are the columns of A: index its second axis, A[:, cols], "
                "and take cols = perm[k·B : (k+1)·B]")
    return None


register(Checker(
    "minibatch_columns", _network.minibatch_columns, _columns_cases, ("A", "perm", "k", "batch_size"),
    early=[
        (lambda v, e, args: not _shape_is(v, e.shape) and np.array_equal(np.asarray(v), _batch_cols(args)),
         "you returned the column numbers perm[k·B : (k+1)·B]; return those columns of A: A[:, cols]"),
        (lambda v, e, args: not _shape_is(v, e.shape) and _shape_is(v, (len(_batch_cols(args)), args[0].shape[1])),
         "your result has one row per chosen example: you took rows of A, but the examples are its columns: "
         "A[:, cols]"),
        (lambda v, e, args: not _shape_is(v, e.shape) and _shape_is(v, (args[0].shape[0], args[3])),
         "your batch has batch_size columns, but the last batch of an epoch holds only the m − k·B columns "
         "that are left; slicing perm[k·B : (k+1)·B] gives that automatically"),
    ],
    diagnoses=[
        (lambda v, e, args: _close(v, args[0][:, args[2] * args[3]:(args[2] + 1) * args[3]]),
         "you took the columns k·B … (k+1)·B − 1 in their original order; take the shuffled ones, "
         "cols = perm[k·B : (k+1)·B]"),
        (lambda v, e, args: v.shape == (args[0].shape[0], len(_batch_cols(args, args[2] + 1)))
         and _close(v, args[0][:, _batch_cols(args, args[2] + 1)]),
         "you returned batch k + 1; the batches are numbered from k = 0, so batch k starts at column k·B of perm"),
        (lambda v, e, args: args[2] >= 1 and _close(v, args[0][:, _batch_cols(args, args[2] - 1)]),
         "you returned batch k − 1; batch k starts at position k·B of perm (k counts from 0)"),
    ],
    explain=_explain_columns,
))


# ---- chapters 8–10 (backpropagation): output delta, backward recursion, parameter gradients
def _bp_same(actual, alternative):
    """True when ``actual`` has the shape of ``alternative`` and the same numbers."""
    alternative = np.asarray(alternative, dtype=np.float64)
    return actual.shape == alternative.shape and bool(np.allclose(actual, alternative, rtol=1e-6, atol=1e-9))


def _bp_m(args):
    return int(np.shape(args[0])[1])


# --------------------------------------------------------------------------- chapter 8
def _jacobian_column_cases(rng):
    return [
        ("z = [0, ln 2, 0] (ŷ = [¼, ½, ¼])", (np.array([0.0, np.log(2.0), 0.0]),)),
        ("z of length 5", (rng.normal(0, 2, size=5),)),
        ("one class, k = 1 (ŷ = [1], J = [[0]])", (np.array([0.7]),)),
        ("z = [1000, 999, −1000]", (np.array([1000.0, 999.0, -1000.0]),)),
    ]


def _softmax_1d(z):
    return act.softmax(np.asarray(z, dtype=np.float64))


register(Checker(
    "softmax_jacobian_column", act.softmax_jacobian, _jacobian_column_cases, ("z",),
    diagnoses=[
        (lambda a, e, args: _bp_same(a, np.diag(_softmax_1d(args[0]))),
         "you returned diag(ŷ) only: softmax is not element-wise, each ŷ_i also depends on every other z_j, "
         "which gives the −ŷ_i ŷ_j term: J = diag(ŷ) − ŷŷᵀ"),
        (lambda a, e, args: _bp_same(a, -np.outer(_softmax_1d(args[0]), _softmax_1d(args[0]))),
         "you returned −ŷŷᵀ only; the diagonal also gets ŷ_i (from ∂e^(z_i)/∂z_i): J = diag(ŷ) − ŷŷᵀ"),
        (lambda a, e, args: _bp_same(a, -e),
         "the sign is flipped: you computed ŷŷᵀ − diag(ŷ); the diagonal entries ŷ_i(1 − ŷ_i) are positive"),
        (lambda a, e, args: _bp_same(a, np.diag(_softmax_1d(args[0])) - _softmax_1d(args[0]) @ _softmax_1d(args[0])),
         "you subtracted the number ŷᵀŷ (y @ y is an inner product); the Jacobian needs the k × k outer "
         "product ŷŷᵀ: np.outer(y, y)"),
        (lambda a, e, args: _bp_same(a, np.diag(_softmax_1d(args[0]) * (1 - _softmax_1d(args[0])))),
         "you kept only the diagonal ŷ_i(1 − ŷ_i), as if softmax were element-wise; the off-diagonal "
         "entries are −ŷ_i ŷ_j"),
        (lambda a, e, args: _bp_same(a, np.diag(args[0]) - np.outer(args[0], args[0])),
         "you used z where ŷ = softmax(z) belongs: J = diag(ŷ) − ŷŷᵀ"),
    ],
    diagnose_any_shape=True,
))


def _softmax_delta_cases(rng):
    k, m = 3, 4
    return [
        ("z = [0, ln 2, 0], true class 0 (δ = [−¾, ½, ¼])",
         (np.array([[0.0], [np.log(2.0)], [0.0]]), np.array([[1.0], [0.0], [0.0]]))),
        ("k = 3 classes, m = 4", (rng.normal(0, 2, size=(k, m)), _losses.one_hot(rng.integers(0, k, m), k))),
        ("k = 2 classes, m = 5", (rng.normal(0, 2, size=(2, 5)), _losses.one_hot(np.array([0, 1, 1, 0, 1]), 2))),
        ("z = ±1000, a confident wrong answer",
         (np.array([[1000.0, -1000.0], [-1000.0, 1000.0], [0.0, 0.0]]), _losses.one_hot(np.array([1, 1]), 3))),
    ]


def _softmax_delta_reference(z, Y):
    return _network.output_delta(act.softmax(z), Y, "multiclass")


register(Checker(
    "softmax_output_delta", _softmax_delta_reference, _softmax_delta_cases, ("z", "Y"), m_of=_bp_m,
    diagnoses=[
        (lambda a, e, args: _bp_same(a, -e),
         "the sign is flipped: you computed y − ŷ; δ^[N] = ŷ − y (it points to where the loss grows)"),
        (lambda a, e, args: _bp_same(a, -args[1] * (1 - act.softmax(args[0]))),
         "you treated softmax as element-wise: ∇_ŷL ∘ ŷ(1 − ŷ) uses only the diagonal of the Jacobian. "
         "Use the whole of J = diag(ŷ) − ŷŷᵀ: δ = Jᵀ ∇_ŷL, which simplifies to ŷ − y"),
        (lambda a, e, args: _bp_same(a, args[0] - args[1]),
         "you subtracted y from the logits z; apply softmax first: δ^[N] = softmax(z) − y"),
        (lambda a, e, args: _bp_same(a, -args[1] / act.softmax(args[0])),
         "you returned ∇_ŷL = −y/ŷ, the gradient with respect to ŷ; δ^[N] is the gradient with respect to z: "
         "multiply by the Jacobian, Jᵀ ∇_ŷL = ŷ − y"),
        (lambda a, e, args: _bp_same(a, act.softmax(args[0])),
         "you returned ŷ = softmax(z) and forgot to subtract y"),
        (lambda a, e, args: _bp_same(a, e / _bp_m(args)),
         "you divided by m: δ^[N] holds one column per example, ∇_z L of that example; the 1/m of the "
         "cost comes in later, in the parameter gradients (chapter 10)"),
    ],
    diagnose_any_shape=True,
))


def _sig_se_cases(rng):
    return [
        ("z = [0, 2, −4], y = [1, 0, 1]", (np.array([[0.0, 2.0, -4.0]]), np.array([[1.0, 0.0, 1.0]]))),
        ("3 outputs, m = 5", (rng.normal(0, 2, size=(3, 5)), rng.uniform(0, 1, size=(3, 5)))),
        ("one example (m = 1), 2 outputs", (np.array([[1.5], [-0.5]]), np.array([[0.0], [1.0]]))),
        ("z = ±1000 (saturated: δ ≈ 0)", (np.array([[1000.0, -1000.0, 0.5]]), np.array([[0.0, 1.0, 1.0]]))),
    ]


def _sig_se_reference(z, Y):
    return _network.output_delta_chain_rule(z, Y, "sigmoid", "squared_error")


register(Checker(
    "sigmoid_squared_error_delta", _sig_se_reference, _sig_se_cases, ("z", "Y"), m_of=_bp_m,
    diagnoses=[
        (lambda a, e, args: _bp_same(a, act.sigmoid(args[0]) - args[1]),
         "you returned ŷ − y, the shortcut of a matched pair; squared error on a sigmoid is mismatched, "
         "nothing cancels the factor σ′(z): δ = (ŷ − y) ∘ σ′(z)"),
        (lambda a, e, args: _bp_same(a, -e),
         "the sign is flipped: you computed (y − ŷ) ∘ σ′(z); ∇_ŷL = ŷ − y for L = ½(ŷ − y)²"),
        (lambda a, e, args: _bp_same(a, (act.sigmoid(args[0]) - args[1]) * act.sigmoid(args[0])),
         "you multiplied by σ(z); the chain rule needs the derivative σ′(z) = σ(z)(1 − σ(z))"),
        (lambda a, e, args: _bp_same(a, (args[0] - args[1]) * act.sigmoid_prime(args[0])),
         "you used z where ŷ = σ(z) belongs: δ = (σ(z) − y) ∘ σ′(z)"),
        (lambda a, e, args: _bp_same(a, (act.sigmoid(args[0]) - args[1]) * args[0] * (1 - args[0])),
         "you computed z(1 − z) for σ′; apply σ first: σ′(z) = σ(z)(1 − σ(z))"),
        (lambda a, e, args: _bp_same(a, act.sigmoid(args[0]) - args[1] + act.sigmoid_prime(args[0])),
         "you added σ′(z); the chain rule multiplies, entry by entry: (ŷ − y) ∘ σ′(z)"),
    ],
    diagnose_any_shape=True,
))


# --------------------------------------------------------------------------- chapter 9
def _hidden_delta_cases(rng):
    return [
        ("W_next (3, 3), m = 4", (rng.normal(size=(3, 3)), rng.normal(size=(3, 4)), rng.uniform(0, 1, size=(3, 4)))),
        ("one example by hand: W_next = [[1, 2]], δ = [[0.5]], g′ = [[1], [0]]",
         (np.array([[1.0, 2.0]]), np.array([[0.5]]), np.array([[1.0], [0.0]]))),
        ("W_next (2, 4): n_(l+1) = 2, n_l = 4, m = 5",
         (rng.normal(size=(2, 4)), rng.normal(size=(2, 5)), rng.uniform(0, 1, size=(4, 5)))),
        ("ReLU g′ (zeros and ones), W_next (4, 3), m = 3",
         (rng.normal(size=(4, 3)), rng.normal(size=(4, 3)), (rng.normal(size=(3, 3)) > 0).astype(float))),
    ]


register(Checker(
    "hidden_delta", _network.hidden_delta, _hidden_delta_cases, ("W_next", "delta_next", "g_prime_z"),
    diagnoses=[
        (lambda a, e, args: _bp_same(a, (args[0] @ args[1]) * args[2]),
         "you forgot to transpose W: W^[l+1] maps layer l to layer l + 1, so going back uses its transpose, "
         "W_next.T @ delta_next (a square W hides the mistake from the shapes, not from the numbers)"),
        (lambda a, e, args: _bp_same(a, args[0].T @ args[1]),
         "you forgot the factor g′(z^[l]): multiply element-wise by g_prime_z"),
        (lambda a, e, args: _bp_same(a, args[0].T @ args[1] + args[2]),
         "you added g′(z^[l]); the recursion multiplies, entry by entry: (W_nextᵀ δ) * g_prime_z"),
        (lambda a, e, args: _bp_same(a, args[0].T @ (args[1] * args[2])),
         "you multiplied δ^[l+1] by g′ before the product with Wᵀ; the g′ of layer l multiplies the result: "
         "(W_next.T @ delta_next) * g_prime_z"),
    ],
    diagnose_any_shape=True,
))


def _first_delta_cases(rng):
    cases = []
    for label, sizes, hidden, task, m in [
        ("sizes [2, 3, 3, 3], tanh, m = 4", [2, 3, 3, 3], "tanh", "regression", 4),
        ("sizes [2, 3, 3, 1], sigmoid, m = 5", [2, 3, 3, 1], "sigmoid", "binary", 5),
        ("sizes [3, 4, 2], relu, m = 6", [3, 4, 2], "relu", "multiclass", 6),
        ("sizes [2, 2]: one layer, δ^[1] = δ^[N]", [2, 2], "tanh", "regression", 3),
        ("sizes [1, 4, 4, 4, 2], tanh, m = 1", [1, 4, 4, 4, 2], "tanh", "multiclass", 1),
    ]:
        net = _network.Network(sizes, hidden=hidden, task=task, seed=int(rng.integers(1000)))
        X = rng.normal(size=(sizes[0], m))
        y_hat = net.forward(X)
        if task == "multiclass":
            Y = _losses.one_hot(rng.integers(0, sizes[-1], m), sizes[-1])
        elif task == "binary":
            Y = (rng.random((sizes[-1], m)) < 0.5).astype(float)
        else:
            Y = rng.normal(size=(sizes[-1], m))
        delta_N = _network.output_delta(y_hat, Y, task)
        cases.append((label, (list(net.W), list(net.z), delta_N, hidden)))
    return cases


def _first_layer_delta_reference(W, z, delta_N, hidden):
    return _network.backward_deltas(W, z, delta_N, hidden)[1]


def _alt_first_delta(W, z, delta_N, hidden, *, transpose=True, g=None, shift=0, last=1, start_at_N=False):
    """δ^[last] by a recursion with one deliberate mistake (for the diagnoses)."""
    N = len(W) - 1
    g = g or act.DERIVATIVES[hidden]
    delta = np.asarray(delta_N, dtype=np.float64)
    if start_at_N:
        delta = delta * g(z[N])
    for l in range(N - 1, last - 1, -1):
        back = (W[l + 1].T if transpose else W[l + 1]) @ delta
        delta = back * g(z[l + shift])
    return delta


register(Checker(
    "first_layer_delta", _first_layer_delta_reference, _first_delta_cases, ("W", "z", "delta_N", "hidden"),
    diagnoses=[
        (lambda a, e, args: _bp_same(a, _alt_first_delta(*args, transpose=False)),
         "you forgot to transpose W[l + 1]: going back from layer l + 1 to layer l uses W[l + 1].T"),
        (lambda a, e, args: _bp_same(a, _alt_first_delta(*args, shift=1)),
         "you multiplied by g′ of the wrong layer: δ^[l] needs g′(z^[l]), that is g′(z[l]), not g′(z[l + 1])"),
        (lambda a, e, args: _bp_same(a, _alt_first_delta(*args, g=act.ACTIVATIONS[args[3]])),
         "you used g instead of g′: multiply by the derivative, nnlib.DERIVATIVES[hidden](z[l])"),
        (lambda a, e, args: _bp_same(a, _alt_first_delta(*args, g=lambda zz: 1.0)),
         "you left out the factor g′(z^[l]): δ^[l] = (W^[l+1]ᵀ δ^[l+1]) ∘ g′(z^[l])"),
        (lambda a, e, args: _bp_same(a, _alt_first_delta(*args, start_at_N=True)),
         "you also multiplied δ^[N] by g′(z^[N]): δ^[N] is given and already complete; the recursion "
         "runs for l = N − 1, …, 1"),
        (lambda a, e, args: len(args[0]) > 2 and _bp_same(a, _alt_first_delta(*args, last=2)),
         "you stopped one layer too early: that is δ^[2]; the loop must run down to l = 1 (range(N - 1, 0, -1))"),
        (lambda a, e, args: len(args[0]) > 2 and _bp_same(a, np.asarray(args[2], dtype=np.float64)),
         "you returned δ^[N] unchanged: apply the recursion for l = N − 1, …, 1"),
    ],
    diagnose_any_shape=True,
))


# --------------------------------------------------------------------------- chapter 10
def _weight_gradient_cases(rng):
    return [
        ("by hand: δ (2, 2), a_prev (3, 2)",
         (np.array([[0.5, 1.0], [-1.0, 0.0]]), np.array([[1.0, 2.0], [2.0, 0.0], [1.0, 1.0]]))),
        ("a square layer: δ (4, 5), a_prev (4, 5)", (rng.normal(size=(4, 5)), rng.normal(size=(4, 5)))),
        ("one example (m = 1): δ (3, 1), a_prev (2, 1)", (rng.normal(size=(3, 1)), rng.normal(size=(2, 1)))),
        ("one output unit: δ (1, 6), a_prev (5, 6)", (rng.normal(size=(1, 6)), rng.normal(size=(5, 6)))),
    ]


register(Checker(
    "weight_gradient", _network.weight_gradient, _weight_gradient_cases, ("delta", "a_prev"), m_of=_bp_m,
    diagnoses=[
        (lambda a, e, args: _bp_m(args) > 1 and _bp_same(a, args[0] @ args[1].T),
         "you forgot the 1/m: the matrix product sums over the m examples, and ∇W^[l]J averages them: "
         "divide by m = delta.shape[1]"),
        (lambda a, e, args: _bp_same(a, args[1] @ args[0].T / _bp_m(args)),
         "you computed a_prev δᵀ, the transpose: ∇W^[l] must have W^[l]'s shape (n_l, n_(l−1)), "
         "so it is delta @ a_prev.T / m"),
        (lambda a, e, args: _bp_same(a, args[0] @ args[0].T / _bp_m(args)),
         "you multiplied δ by its own transpose (n_l × n_l); the weights of layer l connect to the "
         "activations of the layer below: delta @ a_prev.T / m"),
        (lambda a, e, args: _bp_same(a, args[0] @ args[1].T / np.shape(args[0])[0]),
         "you divided by n_l, the number of rows; the average is over the m examples, the columns"),
    ],
    diagnose_any_shape=True,
))


def _bias_cases(rng):
    return [
        ("by hand: δ = [[0.5, 1], [−1, 0]]", (np.array([[0.5, 1.0], [-1.0, 0.0]]),)),
        ("δ (4, 5)", (rng.normal(size=(4, 5)),)),
        ("one example (m = 1): δ (3, 1)", (rng.normal(size=(3, 1)),)),
        ("a square δ (3, 3)", (rng.normal(size=(3, 3)),)),
    ]


register(Checker(
    "bias_gradient", _network.bias_gradient, _bias_cases, ("delta",), m_of=_bp_m,
    diagnoses=[
        (lambda a, e, args: _bp_m(args) > 1 and (_bp_same(a, np.sum(args[0], axis=1, keepdims=True))
                                                 or _bp_same(a, np.sum(args[0], axis=1))),
         "you summed over the examples instead of averaging: ∇b^[l]J = (1/m) Σ_columns δ^[l], "
         "np.mean(delta, axis=1, keepdims=True)"),
        (lambda a, e, args: _bp_same(a, np.mean(args[0], axis=0, keepdims=True))
         or _bp_same(a, np.mean(args[0], axis=0))
         or _bp_same(a, np.mean(args[0], axis=0, keepdims=True).T),
         "you averaged over the wrong axis: axis 0 runs over the n_l units; the examples are the columns, "
         "so average with axis=1"),
        (lambda a, e, args: _bp_same(a, np.mean(args[0], axis=1)),
         "you returned shape (n_l,), a flat vector; b^[l] is a column of shape (n_l, 1): use keepdims=True "
         "or .reshape(-1, 1)"),
        (lambda a, e, args: _bp_m(args) > 1 and _bp_same(a, args[0]),
         "you returned δ^[l] itself: ∇b = δ holds for one example; over a batch average its columns"),
        (lambda a, e, args: _bp_same(a, np.full(np.shape(e), np.mean(args[0]))),
         "you averaged over every entry (np.mean(delta)); average each row over the examples: axis=1"),
    ],
    diagnose_any_shape=True,
))


def _layer_gradient_cases(rng):
    cases = []
    for label, sizes, l, m in [
        ("sizes [3, 4, 4, 2], l = 2 (a square layer), m = 5", [3, 4, 4, 2], 2, 5),
        ("sizes [3, 4, 4, 2], l = 1, m = 5", [3, 4, 4, 2], 1, 5),
        ("sizes [2, 3, 1], l = 2, m = 4", [2, 3, 1], 2, 4),
        ("sizes [2, 2], l = 1 (square, N = 1), m = 1", [2, 2], 1, 1),
    ]:
        net = _network.Network(sizes, hidden="tanh", task="regression", seed=int(rng.integers(1000)))
        net.forward(rng.normal(size=(sizes[0], m)))
        net.backward(rng.normal(size=(sizes[-1], m)))
        cases.append((label, (list(net.delta), list(net.a), l)))
    return cases


def _layer_weight_gradient_reference(delta, a, l):
    return _network.weight_gradient(delta[l], a[l - 1])


def _layer_m(args):
    return int(np.shape(args[1][0])[1])


register(Checker(
    "layer_weight_gradient", _layer_weight_gradient_reference, _layer_gradient_cases, ("delta", "a", "l"),
    m_of=_layer_m,
    diagnoses=[
        (lambda a, e, args: _bp_same(a, _network.misprinted_weight_gradient(args[0][args[2]], args[1][args[2]])),
         "you used a[l], the activations of layer l itself: that is the notes' misprint δ^[l] a^[l]ᵀ. "
         "W^[l] connects layer l − 1 to layer l, so use a[l - 1]"),
        (lambda a, e, args: _layer_m(args) > 1
         and _bp_same(a, args[0][args[2]] @ args[1][args[2]].T),
         "you used a[l], the activations of layer l itself (the notes' misprint), and forgot the 1/m: "
         "delta[l] @ a[l - 1].T / m"),
        (lambda a, e, args: _layer_m(args) > 1 and _bp_same(a, args[0][args[2]] @ args[1][args[2] - 1].T),
         "you forgot the 1/m: the matrix product sums over the m examples; divide by m"),
        (lambda a, e, args: _bp_same(a, _network.weight_gradient(args[0][args[2] + 1], args[1][args[2]])),
         "that is the gradient of W[l + 1]; for W[l] use delta[l] and a[l - 1]"),
        (lambda a, e, args: args[2] > 1 and _bp_same(a, _network.weight_gradient(args[0][args[2] - 1], args[1][args[2] - 2])),
         "that is the gradient of W[l − 1]; for W[l] use delta[l] and a[l - 1]"),
        (lambda a, e, args: _bp_same(a, args[1][args[2] - 1] @ args[0][args[2]].T / _layer_m(args)),
         "you computed a[l − 1] δᵀ, the transpose: ∇W^[l] has W^[l]'s shape, delta[l] @ a[l - 1].T / m"),
    ],
    diagnose_any_shape=True,
))


# ---- chapters 3 and 4 (forward propagation, output layers)
def _same(actual, alternative):
    """True when ``actual`` has the shape of ``alternative`` and the same numbers."""
    alternative = np.asarray(alternative, dtype=np.float64)
    return actual.shape == alternative.shape and bool(np.allclose(actual, alternative, rtol=1e-6, atol=1e-9))


def _same_nonfinite(actual, alternative):
    """True when ``alternative`` has inf/NaN and ``actual`` has them in exactly the same places."""
    bad = ~np.isfinite(np.asarray(alternative, dtype=np.float64))
    return actual.shape == bad.shape and bool(np.any(bad)) and bool(np.array_equal(~np.isfinite(actual), bad))


# --------------------------------------------------------------------------- chapter 3
def _forward_output(W, b, X, hidden, output):
    """ŷ = a^[N] of :func:`nnlib.network.forward_layers`: the reference of ``forward_pass``."""
    return _network.forward_layers(W, b, X, hidden, output)[1][-1]


def _forward_variant(W, b, X, hidden, output, *, g_hidden=None, g_output=None, transpose=False, bias=True):
    """The forward pass with one thing changed, for the diagnoses; returns the list a."""
    N = len(W) - 1
    g_hidden = g_hidden or act.ACTIVATIONS[hidden]
    g_output = g_output or act.ACTIVATIONS[output]
    a = [X]
    for l in range(1, N + 1):
        Wl = W[l].T if transpose else W[l]
        z = Wl @ a[l - 1] + (b[l] if bias else 0.0)
        a.append((g_output if l == N else g_hidden)(z))
    return a


def _network_case(rng, sizes, m, hidden, output):
    W = [None] + [rng.normal(0, 1 / np.sqrt(n_in), size=(n_out, n_in)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    b = [None] + [rng.normal(0, 0.5, size=(n, 1)) for n in sizes[1:]]
    X = rng.normal(size=(sizes[0], m))
    return (W, b, X, hidden, output)


def _forward_cases(rng):
    hand = ([None, np.array([[1.0, -1.0], [2.0, 1.0]]), np.array([[2.0, -1.0]])],
            [None, np.array([[0.0], [-1.0]]), np.array([[0.5]])],
            np.array([[1.0], [2.0]]), "relu", "identity")
    return [
        ("2 layers, sizes [2, 3, 2], relu → softmax, m = 4", _network_case(rng, [2, 3, 2], 4, "relu", "softmax")),
        ("the example of the chapter, sizes [2, 2, 1], relu → identity, one example", hand),
        ("3 layers, sizes [4, 5, 3, 3], tanh → sigmoid, m = 6", _network_case(rng, [4, 5, 3, 3], 6, "tanh", "sigmoid")),
        ("1 layer, sizes [3, 2]: the output layer only (identity), m = 3", _network_case(rng, [3, 2], 3, "relu", "identity")),
        ("4 square layers, sizes [3, 3, 3, 3, 3], sigmoid → identity, m = 5",
         _network_case(rng, [3, 3, 3, 3, 3], 5, "sigmoid", "identity")),
    ]


def _identity(z):
    return z


register(Checker(
    "forward_pass", _forward_output, _forward_cases, ("W", "b", "X", "hidden", "output"),
    raise_hints=[(fragment, "W[0] and b[0] are None, index 0 is unused: run the loop over l = 1 … N")
                 for fragment in ("NoneType", "(has 0, gufunc core")],
    diagnoses=[
        (lambda a, e, args: _same(a, _forward_variant(*args, g_output=_identity)[-1]),
         "your result is z[N], not a[N]: apply the output activation to the last layer's z as well"),
        (lambda a, e, args: _same(a, _forward_variant(*args, g_output=act.ACTIVATIONS[args[3]])[-1]),
         "you applied the hidden activation in the last layer too; layer N uses the output activation `output`, "
         "layers 1 … N−1 use `hidden`"),
        (lambda a, e, args: _same(a, _forward_variant(*args, g_hidden=act.ACTIVATIONS[args[4]])[-1]),
         "you applied the output activation in every layer; layers 1 … N−1 use the hidden activation `hidden`"),
        (lambda a, e, args: _same(a, _forward_variant(*args, g_hidden=_identity)[-1]),
         "you left out the hidden activations: a[l] = g(z[l]) in every layer l < N too "
         "(without them the whole network is one affine map)"),
        (lambda a, e, args: _same(a, _forward_variant(*args)[-2]),
         "you returned a[N−1]: the loop stopped one layer early; run l = 1 … N, e.g. range(1, len(W))"),
        (lambda a, e, args: _same(a, _forward_variant(*args, transpose=True)[-1]),
         "you multiplied by W[l].T; z[l] = W[l] @ a[l−1], with W[l] of shape (n_l, n_{l−1})"),
        (lambda a, e, args: _same(a, _forward_variant(*args, bias=False)[-1]),
         "you forgot the bias: z[l] = W[l] @ a[l−1] + b[l] in every layer"),
    ],
    diagnose_any_shape=True,
))


def _saturation_cases(rng):
    return [
        ("tanh, z of shape (4, 50)", (rng.normal(0, 2, size=(4, 50)), "tanh", 0.05)),
        ("sigmoid, z of shape (3, 40)", (rng.normal(0, 4, size=(3, 40)), "sigmoid", 0.05)),
        ("relu, z with entries exactly 0", (rng.integers(-3, 4, size=(5, 8)).astype(np.float64), "relu", 0.05)),
        ("identity, which never saturates", (rng.normal(0, 5, size=(2, 30)), "identity", 0.05)),
        ("tanh with threshold 0.5", (rng.normal(0, 1, size=(6, 25)), "tanh", 0.5)),
    ]


def _slope(args):
    return act.DERIVATIVES[args[1]](args[0])


register(Checker(
    "saturated_fraction", act.saturated_fraction, _saturation_cases, ("z", "name", "threshold"),
    diagnoses=[
        (lambda a, e, args: e != 0 and _same(a, np.sum(_slope(args) < args[2])),
         "you returned the number of saturated entries; divide by z.size to get the fraction"),
        (lambda a, e, args: _same(a, 100 * e), "you returned a percentage; return a fraction between 0 and 1"),
        (lambda a, e, args: args[1] == "relu" and np.any(args[0] == 0) and _same(a, np.mean(args[0] < 0)),
         "at z = 0 ReLU's slope is 0 (the book's convention), so z = 0 counts as well: use g′(z) < threshold"),
        (lambda a, e, args: _same(a, 1 - e),
         "you returned the fraction that is NOT saturated; count the entries with g′(z) < threshold"),
        (lambda a, e, args: _same(a, np.mean(act.ACTIVATIONS[args[1]](args[0]) < args[2])),
         "you compared g(z) with the threshold; saturation is about the slope: compare g′(z) "
         "(nnlib.DERIVATIVES[name](z))"),
        (lambda a, e, args: args[2] != 0.05 and _same(a, np.mean(_slope(args) < 0.05)),
         "you ignored the argument `threshold` and always used 0.05"),
    ],
    diagnose_any_shape=True,
))


# --------------------------------------------------------------------------- chapter 4
def _softmax_cases(rng):
    return [
        ("z of shape (3, 4)", (rng.normal(0, 2, size=(3, 4)),)),
        ("one example: z of shape (4, 1)", (rng.normal(0, 2, size=(4, 1)),)),
        ("z with entries ±1000", (np.array([[1000.0, -1000.0, 1000.0],
                                            [999.0, -1001.0, -1000.0],
                                            [990.0, -1000.5, 0.0]]),)),
        ("a single class: z of shape (1, 5)", (rng.normal(0, 2, size=(1, 5)),)),
        ("a 1-D z of shape (3,), one column", (np.array([3.0, 1.0, -2.0]),)),
    ]


def _exp_ratio(shifted, axis=0):
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


register(Checker(
    "stable_softmax", act.softmax, _softmax_cases, ("z",),
    diagnoses=[
        (lambda a, e, args: args[0].ndim == 2 and _same(a, act.softmax(args[0].T).T),
         "you normalised each row; one example is one column, so each column must sum to 1: use axis=0"),
        (lambda a, e, args: _same(a, np.exp(args[0] - np.max(args[0], axis=0, keepdims=True))),
         "you did not divide by the sum: each column of the result must sum to 1"),
        (lambda a, e, args: _same(a, np.exp(args[0] - np.max(args[0])) / np.sum(np.exp(args[0] - np.max(args[0])))),
         "you divided by the sum of the whole array; divide each column by its own sum (axis=0, keepdims=True)"),
        (lambda a, e, args: args[0].ndim == 2 and _same(a, _exp_ratio(args[0] - np.max(args[0], axis=1, keepdims=True))),
         "you subtracted each row's maximum; subtract each column's maximum (axis=0, keepdims=True)"),
        (lambda a, e, args: _same_nonfinite(a, _exp_ratio(args[0])),
         "your result has inf/nan for logits near ±1000: you did not subtract each column's maximum before exp. "
         "exp(1000) overflows to inf (inf/inf = nan), exp(−1000) underflows to 0 (0/0 = nan); "
         "softmax(z) = softmax(z − max z), and then every exponent is ≤ 0"),
        (lambda a, e, args: _same_nonfinite(a, _exp_ratio(args[0] - np.max(args[0]))),
         "you subtracted the maximum of the whole array, not of each column: a column far below it underflows "
         "to 0/0 = nan. Use np.max(z, axis=0, keepdims=True)"),
        (lambda a, e, args: _same_nonfinite(a, _exp_ratio(args[0] - np.min(args[0], axis=0, keepdims=True))),
         "you subtracted the minimum; subtract the maximum, so that every exponent is ≤ 0 and exp cannot overflow"),
    ],
    diagnose_any_shape=True,
))


def _labels_cases(rng):
    return [
        ("multiclass, y_hat of shape (3, 3)", (np.array([[0.7, 0.1, 0.2], [0.2, 0.3, 0.5], [0.1, 0.6, 0.3]]), "multiclass")),
        ("multiclass, y_hat of shape (4, 6)", (act.softmax(rng.normal(0, 2, size=(4, 6))), "multiclass")),
        ("binary, y_hat of shape (1, 5), one entry exactly 0.5",
         (np.array([[0.9, 0.5, 0.2, 0.51, 0.03]]), "binary")),
        ("binary with two sigmoid outputs, y_hat of shape (2, 4)",
         (np.array([[0.8, 0.4, 0.6, 0.1], [0.3, 0.7, 0.55, 0.2]]), "binary")),
    ]


register(Checker(
    "predict_labels", _network.predict_labels, _labels_cases, ("y_hat", "task"),
    diagnoses=[
        (lambda a, e, args: args[1] == "multiclass" and _same(a, np.argmax(args[0], axis=1)),
         "you took the argmax of each row (axis=1); one example is one column: np.argmax(y_hat, axis=0)"),
        (lambda a, e, args: args[1] == "multiclass" and _same(a, np.max(args[0], axis=0)),
         "you returned the largest probability of each column; the label is its row index: np.argmax"),
        (lambda a, e, args: _same(a, e + 1), "your labels start at 1; classes are numbered 0 … k−1, the row index of ŷ"),
        (lambda a, e, args: args[1] == "multiclass" and _same(a, _losses.one_hot(e.astype(int), args[0].shape[0])),
         "you returned one-hot columns; return one integer label per example, shape (m,)"),
        (lambda a, e, args: args[1] == "binary" and _same(a, np.argmax(args[0], axis=0)),
         "for a binary task each entry of ŷ is P(y = 1) of its own: threshold it, (y_hat >= 0.5), "
         "do not take an argmax"),
        (lambda a, e, args: args[1] == "binary" and np.any(args[0] == 0.5) and _same(a, args[0] > 0.5),
         "ŷ = 0.5 exactly counts as class 1 (it is z = 0 exactly): use y_hat >= 0.5, not >"),
        (lambda a, e, args: args[1] == "binary" and a.shape != e.shape and a.size == e.size and _same(a.reshape(e.shape), e),
         "the labels are right but the shape is not: keep the shape of y_hat, (n_N, m)"),
    ],
    diagnose_any_shape=True,
))
