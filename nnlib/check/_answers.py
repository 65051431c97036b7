"""Calling a learner's function safely and reading what it returned (for
:mod:`.engine`).

Nothing here knows an exercise: a call with a time limit, the learner's return value
turned into a float array (or a message saying why it cannot be), the outcome of a
declared mistake on a case, small helpers for messages, and :class:`Attempt`, which
keeps what the learner's function and the reference give on each case of one check.
"""

from __future__ import annotations

import copy
import inspect
import linecache
import os
import re
import signal
import sys
import sysconfig
import threading
import time
import warnings

import numpy as np


class TimedOut(BaseException):
    """Raised into a learner's function when its time is up.

    A BaseException, like KeyboardInterrupt, so that a learner's ``except Exception:``
    inside a loop cannot swallow it and keep the loop (and the checker) running.
    """


def call_with_time_limit(fn, args, seconds):
    """Call fn(*args) with a time limit; returns (value, exception, elapsed)."""
    start = time.perf_counter()
    main = threading.current_thread() is threading.main_thread()
    if main and hasattr(signal, "setitimer"):

        def on_alarm(signum, frame):
            raise TimedOut()

        old = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return fn(*args), None, time.perf_counter() - start
        # the learner's code may raise anything
        except (Exception, SystemExit, TimedOut) as exc:
            return None, exc, time.perf_counter() - start
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    box = {}

    # no alarm outside the main thread: run in a daemon thread and stop waiting
    def target():
        try:
            box["value"] = fn(*args)
        except (Exception, SystemExit) as exc:
            box["exc"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        return None, TimedOut(), time.perf_counter() - start
    return box.get("value"), box.get("exc"), time.perf_counter() - start


def short(exc, limit=300):
    """The text of an exception, cut to ``limit`` characters (an error may carry a huge
    array)."""
    try:
        text = str(exc)
    except Exception:  # an exception whose str() fails
        text = "(its message could not be shown)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def raised(exc):
    """How an exception is named in messages and compared with a mistake's: ``"Type:
    text"``."""
    return f"{type(exc).__name__}: {short(exc)}"


def fmt(x):
    """A number for a message: 6 significant digits for floats."""
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.6g}"
    return repr(x)


def signature_problem(fn, n_args, name, arg_names):
    """A message when fn cannot take the exercise's arguments, else None."""
    try:
        signature = inspect.signature(fn)
    # no signature to read (a builtin, say): just call it
    except (TypeError, ValueError):
        return None
    try:
        signature.bind(*range(n_args))
    except TypeError as exc:
        call = f"{name}({', '.join(arg_names)})"
        takes = [
            p.name
            for p in signature.parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        count = f"{len(takes)} argument{'s' * (len(takes) != 1)}"
        have = f"takes {count} ({', '.join(takes)})" if takes else "takes no arguments"
        return (
            f"your function {have}, but the exercise calls it with {n_args}: `{call}` "
            f"({exc}); define it as `def {call}:`"
        )
    return None


def same_inputs(before, after):
    """True when an argument is as it was before the learner's function ran."""
    if isinstance(before, np.ndarray):
        return (
            isinstance(after, np.ndarray)
            and before.shape == after.shape
            and np.array_equal(before, after, equal_nan=True)
        )
    if isinstance(before, (list, tuple)):
        return len(before) == len(after) and all(
            same_inputs(x, y) for x, y in zip(before, after)
        )
    try:
        return bool(before == after)
    except Exception:  # something that cannot be compared: assume it is unchanged
        return True


def as_array(value, expected):
    """The learner's return value as a float array, or ``(None, message)`` when it is
    not one.

    Only the type is judged here (None, a list, a generator, complex numbers, ...);
    whether a number was expected and an array came back is the engine's to say, after
    the declared mistakes have had their turn.
    """
    expected = np.asarray(expected)
    wanted = (
        "a single number"
        if expected.ndim == 0
        else f"a numpy array of shape {expected.shape}"
    )
    if value is None:
        return None, "returned None: did you forget the `return` statement?"
    if isinstance(value, (complex, np.complexfloating)) or (
        isinstance(value, np.ndarray) and np.iscomplexobj(value)
    ):
        return None, (
            "returned complex numbers; expected real ones "
            "(look for a square root or a log of a negative number)"
        )
    if inspect.isgenerator(value):
        return None, (
            "returned a generator; use `return`, not `yield`, and build an array, not "
            "a generator expression: np.array([...]) converts a list"
        )
    if isinstance(value, (list, tuple)):
        kind = type(value).__name__
        if expected.ndim == 0:
            return None, f"returned a {kind}; expected a single number"
        return (
            None,
            f"returned a {kind}; return {wanted} instead (np.array(...) converts it)",
        )
    if isinstance(value, (bool, np.bool_)) and expected.dtype != bool:
        kind = "a number" if expected.ndim == 0 else "an array"
        return None, f"returned {value!r}, a truth value; expected {kind}"
    if isinstance(value, (int, float, np.number)):
        try:
            return np.asarray(value, dtype=np.float64), None
        except (OverflowError, ValueError, TypeError):
            return (
                None,
                f"returned {short(repr(value), 60)}, which does not fit in a float",
            )
    if isinstance(value, np.ndarray):
        if value.dtype == object or not (
            np.issubdtype(value.dtype, np.number) or value.dtype == bool
        ):
            return None, f"returned an array of dtype {value.dtype}; expected numbers"
        return value.astype(np.float64), None
    return None, f"returned a {type(value).__name__}; expected {wanted}"


def outcome(fn, args, read=None):
    """What ``fn(*args)`` gives, for comparing a mistake with the learner's answer.

    A float array, or the text ``"Type: message"`` of the exception it raises, or None
    when it returns something that is not numbers.  Runs on a copy of ``args`` with
    numpy's warnings silenced.  ``read(value, args)``, if given, turns the value into
    numbers first, or into a string that says what is wrong with it (returned as it is).
    """
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = fn(*copy.deepcopy(args))
        except Exception as exc:
            return raised(exc)
        if read is not None:
            value = read(value, args)
            if isinstance(value, str):
                return value
        try:
            return np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            return None


# -------------------------------------------------------------------- where it happened
def _library_folders():
    """Folders whose code is not the learner's: nnlib, numpy, the standard library,
    installed packages."""
    folders = {
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        os.path.dirname(np.__file__),
    }
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            folders.add(path)
    return tuple(os.path.normcase(os.path.abspath(f)) + os.sep for f in folders)


LIBRARY_FOLDERS = _library_folders()
#: The file names Jupyter gives the code of a cell (ipykernel, older IPython), and ours
#: in tests.
CELL_FILE = re.compile(r"(ipykernel_\d+[/\\]\d+\.py$)|(^<ipython-input-)|(^<cell)")


def is_learners(filename):
    """True for code the learner wrote: a notebook cell or a file outside nnlib, numpy
    and the installed packages."""
    if CELL_FILE.search(filename) or filename.startswith("<"):
        return True
    return not os.path.normcase(os.path.abspath(filename)).startswith(LIBRARY_FOLDERS)


def learner_line(exc):
    """Where in the learner's code ``exc`` was raised: " at line 7 of its cell (in f):
    `source`", or ""."""
    tb, mine, deepest = exc.__traceback__, None, None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if is_learners(filename):
            mine = tb
        # not the time limit's alarm, which is the checker's own
        if filename != __file__:
            deepest = tb
        tb = tb.tb_next
    if mine is None:
        return ""
    code, lineno = mine.tb_frame.f_code, mine.tb_lineno
    text = linecache.getline(code.co_filename, lineno, mine.tb_frame.f_globals).strip()
    place = (
        "its cell"
        if CELL_FILE.search(code.co_filename)
        else os.path.basename(code.co_filename)
    )
    inside = ""
    if deepest is not mine:  # raised in a library function the learner's line called
        called = deepest.tb_frame.f_code
        module = deepest.tb_frame.f_globals.get("__name__", "")
        inside = (
            f", inside {module.split('.')[0] + '.' if module else ''}{called.co_name}"
        )
        inside = inside.replace("nnlib._validate.", "nnlib.")
    shown = f": `{short(text, 120)}`" if text else ""
    return f" at line {lineno} of {place} (in {code.co_name}{inside}){shown}"


def raised_where(exc):
    """``"Type: text, at line 7 of its cell (in f): `source`"``: an exception and the
    learner's line that raised it."""
    where = learner_line(exc)
    return raised(exc) + ("," + where if where else "")


# ----------------------------------------------------------------------- what it called
def called_any(fn, args, targets, seconds):
    """Call fn(*args) and return the first of ``targets`` (functions) it called,
    directly or not, or None.

    Watches every Python call while fn runs (``sys.setprofile``), so that a call through
    an alias (``from nnlib import softmax``), a method or another nnlib function is seen
    too.
    """
    if any(fn is t for t in targets):
        return fn
    codes = {
        id(getattr(t, "__code__", None)): t for t in targets if hasattr(t, "__code__")
    }
    seen = []

    def profile(frame, event, arg):
        if event == "call" and not seen and id(frame.f_code) in codes:
            seen.append(codes[id(frame.f_code)])

    def watched(*a):
        old = sys.getprofile()
        sys.setprofile(profile)
        try:
            return fn(*a)
        finally:
            sys.setprofile(old)

    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        call_with_time_limit(watched, copy.deepcopy(args), seconds)
    return seen[0] if seen else None


class Attempt:
    """One check of one learner's function: its cases, and what it and the reference
    give on each, once."""

    def __init__(self, checker, fn, cases, limit):
        self.checker, self.fn, self.cases, self.limit = checker, fn, cases, limit
        self._theirs, self._right = {}, {}

    def right(self, i):
        if i not in self._right:
            args = self.cases[i][1]
            self._right[i] = np.asarray(
                self.checker.reference(*copy.deepcopy(args)), dtype=np.float64
            )
        return self._right[i]

    def theirs(self, i):
        """The learner's outcome on case i: an array, the text of an exception, or None
        (not numbers)."""
        if i not in self._theirs:
            args = self.cases[i][1]
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value, exc, _ = call_with_time_limit(
                    self.fn, copy.deepcopy(args), self.limit
                )
            if exc is not None:
                self._theirs[i] = raised(exc) if not isinstance(exc, TimedOut) else None
            else:
                self._theirs[i] = self.checker._read(value, args, self.right(i))
        return self._theirs[i]
