"""Diagnostics a learner runs on their own attempt, which say what went wrong instead of
stopping the cell.

A find-the-bug exercise is solved with a tool: the gradient check
(``nnlib.check_network``) or a call on an input whose answer is known.  A plausible
wrong fix can make that tool raise (a gradient of the wrong shape, a typo in the fixed
line); then the cell would stop before its checker runs, and the learner would see a
traceback from inside nnlib instead of a message. These wrappers print the same lines as
the tool when it works, and otherwise one line that says what is wrong and where, in the
learner's code.
"""

from __future__ import annotations

import numpy as np

import nnlib

from ._answers import raised_where
from ._backprop import gradient_vector
from ._parts import Misfit


def report_gradients(net, X, Y, backward):
    """Print nnlib's gradient check of ``backward(net, X, Y) -> (dW, db)``: one relative
    error per W[l] and b[l].

    The lines are those of ``for name, err in nnlib.check_network(net, X, Y,
    backward=backward).items(): print(f"{name}: relative error {err:.1e}")``.  If
    ``backward`` raises, or returns arrays of the wrong shapes, that is printed instead
    (with the line of ``backward`` that raised), and nothing is raised: the exercise's
    checker in the same cell still runs.  Returns the errors, or None.
    """
    try:
        net.forward(X)
        value = backward(net, X, Y)
    except Exception as exc:  # noqa: BLE001 - the learner's code may raise anything
        print(
            "The gradient check could not run: your function "
            f"raised {raised_where(exc)}"
        )
        return None
    finally:
        net.forward(X)
    form = gradient_vector(value, net)
    if isinstance(form, Misfit) or not isinstance(form, np.ndarray):
        what = (
            form
            if isinstance(form, Misfit)
            else f"it returned a {type(value).__name__}"
        )
        print(
            f"The gradient check could not run: {what}; it compares arrays of "
            "the shapes of W[l] and b[l]"
        )
        return None
    try:
        errors = nnlib.check_network(net, X, Y, backward=backward)
    # a second call that fails where the first did not
    except Exception as exc:  # noqa: BLE001
        print(f"The gradient check could not run: {raised_where(exc)}")
        return None
    for name, err in errors.items():
        print(f"{name}: relative error {err:.1e}")
    return errors


def try_it(fn, *args):
    """``fn(*args)``, or None after printing what it raised and where, so that the cell
    goes on to its checker."""
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - the learner's code may raise anything
        print(f"Your function raised {raised_where(exc)}")
        return None
