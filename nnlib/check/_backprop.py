"""What the backward-pass exercises of chapters 9 and 10 share: their cases, reference
and reader.

A learner's backward pass is a function ``fn(net, X, Y) -> (dW, db)``, the signature
``nnlib.check_network(net, X, Y, backward=fn)`` checks.  Its checker is a plain
:class:`~nnlib.check.engine.Checker` with :func:`backprop` (nnlib's backpropagation,
which agrees with finite differences to 1e-9:
``tests/check/test_backprop_exercises.py``), the networks of :func:`network_cases`, and
the reader :data:`GRADIENTS`: it reads ``dW`` and ``db`` (lists indexed like ``net.W``
and ``net.b``) as one vector, says which array has the wrong form, and names the wrong
arrays and the right ones.

:func:`slipped_backward` is a backward pass with the usual slips as switches: the
mistakes of the exercises are declared with it, most through :func:`slip`.
"""

from __future__ import annotations

import numpy as np

import nnlib

from ._cases import random_targets
from ._parts import Misfit, Reader, constant_factor
from .engine import named_factor


class CaseNetwork(nnlib.Network):
    """A Network that compares equal to another with the same parameters.

    The engine asks whether a learner's function changed its inputs by comparing them
    before and after the call; for a network that means its weights and biases.
    """

    __hash__ = None

    def __eq__(self, other):
        return (
            isinstance(other, nnlib.Network)
            and len(self.W) == len(other.W)
            and all(
                np.array_equal(p, q)
                for p, q in zip(self.W[1:] + self.b[1:], other.W[1:] + other.b[1:])
            )
        )


def network_cases(rng, specs):
    """``(label, (net, X, Y))`` for each ``(label, sizes, hidden, task, m)``, after a
    forward pass.

    Biases are random (a fresh Network's are 0, which would hide a slip in ∇b); the
    targets Y are one-hot columns for multiclass, 0/1 for binary, numbers for
    regression.
    """
    cases = []
    for label, sizes, hidden, task, m in specs:
        net = CaseNetwork(sizes, hidden=hidden, task=task, seed=int(rng.integers(1000)))
        net.b = [None] + [rng.normal(0.0, 0.5, size=(n, 1)) for n in sizes[1:]]
        X = rng.normal(size=(sizes[0], m))
        Y = random_targets(rng, task, sizes[-1], m)
        net.forward(X)
        cases.append((label, (net, X, Y)))
    return cases


def _named_arrays(net):
    """``(name, array)`` of the parameters in the order of ``nnlib.check_network``:
    W[1], b[1], W[2], …"""
    return [
        (f"{p}[{l}]", getattr(net, p)[l]) for l in range(1, net.N + 1) for p in "Wb"
    ]


def gradient_vector(value, net):
    """``(dW, db)`` as one vector ``[dW[1], db[1], dW[2], …]`` (raveled), or what is
    wrong with it.

    Anything that is not a list or a tuple is returned as it is: the engine names it
    (None, an array, …).
    """
    if not isinstance(value, (tuple, list)):
        return value
    if len(value) != 2:
        return Misfit(
            f"returned a {type(value).__name__} of {len(value)} entries; return the "
            "pair dW, db: two lists indexed like net.W and net.b"
        )
    N, pieces = net.N, {}
    for name, grads, params in (("dW", value[0], net.W), ("db", value[1], net.b)):
        if not isinstance(grads, (list, tuple)):
            return Misfit(
                f"{name} is a {type(grads).__name__}; return dW and db as lists "
                f"indexed like net.W and net.b: [None, {name}[1], …, {name}[{N}]]"
            )
        if len(grads) != N + 1:
            return Misfit(
                f"{name} has {len(grads)} entries; index it like "
                f"net.{name[1].upper()}: [None, {name}[1], …, {name}[{N}]], {N + 1} "
                f"entries for N = {N} layers"
            )
        for l in range(1, N + 1):
            if grads[l] is None:
                return Misfit(
                    f"{name}[{l}] is None; every layer l = 1, …, {N} needs its array"
                )
            try:
                g = np.asarray(grads[l], dtype=np.float64)
            except (TypeError, ValueError):
                return Misfit(
                    f"{name}[{l}] is not an array of numbers (it is "
                    f"{type(grads[l]).__name__})"
                )
            want = params[l].shape
            if g.shape != want:
                turned = " (the transpose's shape)" if g.shape == want[::-1] else ""
                return Misfit(
                    f"{name}[{l}] has shape {g.shape} but {name[1]}[{l}] "
                    f"has shape {want}{turned}"
                )
            pieces[(name[1], l)] = g
    return np.concatenate(
        [pieces[(p, l)].ravel() for l in range(1, N + 1) for p in "Wb"]
    )


def backprop(net, X, Y):
    """nnlib's backpropagation, as one vector [dW[1], db[1], …]: the right answer."""
    dW, db = net.backward(Y)
    return gradient_vector((dW, db), net)


def batch_size(args):
    """m, the number of examples of a case ``(net, X, Y)``."""
    return int(args[1].shape[1])


class Gradients(Reader):
    """Reads a backward pass's ``(dW, db)`` as one vector, and names the wrong
    arrays."""

    def read(self, value, args):
        return gradient_vector(value, args[0])

    def wrong_entries(self, checker, actual, expected, args):
        net, m, wrong, right, start = args[0], checker.m_of(args), [], [], 0
        named = {
            "m": f"m = {m} times too large",
            "1/m": f"m = {m} times too small",
            "-1": "the wrong sign",
        }
        for name, array in _named_arrays(net):
            a, e = (
                actual[start : start + array.size],
                expected[start : start + array.size],
            )
            start += array.size
            if np.allclose(a, e, rtol=checker.rtol, atol=checker.atol):
                right.append(name)
                continue
            c = constant_factor(a, e)
            said = named.get(named_factor(c, m)) if c is not None else None
            wrong.append(
                f"{name} ({said or f'relative error {nnlib.relative_error(a, e):.2g}'})"
            )
        agree = f"; right: {', '.join(right)}" if right else "; none is right"
        return f"wrong gradients for {', '.join(wrong)}{agree}"


#: The reader of every backward-pass exercise: ``Checker(name, backprop, cases,
#: reader=GRADIENTS, m_of=batch_size, …)``.
GRADIENTS = Gradients()


def slipped_backward(
    net,
    Y,
    *,
    transpose=True,
    g_layer=0,
    g=None,
    a_layer=-1,
    mean_W=True,
    mean_b=True,
    output_slope=False,
    sign=1.0,
):
    """A backward pass with the usual slips as switches; all defaults give the right
    one.

    ``transpose``: W[l + 1].T (or W[l + 1]) in the recursion; ``g_layer``: g′ of z[l +
    g_layer]; ``g``: the function used for g′ (default the derivative); ``a_layer``:
    ∇W[l] from a[l + a_layer] (−1 is right, 0 the notes' misprint, ``"T"`` for a[l − 1]
    δᵀ); ``mean_W``, ``mean_b``: divide by m; ``output_slope``: δ^[N] also times
    g′(z^[N]); ``sign``: of δ^[N].
    """
    N, m = net.N, net.a[0].shape[1]
    slope = g or nnlib.DERIVATIVES[net.hidden]
    delta = [None] * (N + 1)
    delta[N] = sign * (net.a[N] - Y)
    if output_slope:
        delta[N] = delta[N] * nnlib.DERIVATIVES[net.hidden](net.z[N])
    for l in range(N - 1, 0, -1):
        W = net.W[l + 1].T if transpose else net.W[l + 1]
        delta[l] = (W @ delta[l + 1]) * slope(net.z[l + g_layer])
    if a_layer == "T":
        dW = [None] + [net.a[l - 1] @ delta[l].T for l in range(1, N + 1)]
    else:
        dW = [None] + [delta[l] @ net.a[l + a_layer].T for l in range(1, N + 1)]
    dW = [None] + [w / m if mean_W else w for w in dW[1:]]
    db = [None] + [
        np.sum(delta[l], axis=1, keepdims=True) / (m if mean_b else 1)
        for l in range(1, N + 1)
    ]
    return dW, db


def slip(**switches):
    """A learner's backward pass ``fn(net, X, Y)`` that makes the slips ``switches`` of
    :func:`slipped_backward`."""
    return lambda net, X, Y: slipped_backward(net, Y, **switches)
