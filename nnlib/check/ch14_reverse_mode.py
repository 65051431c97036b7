"""Chapter 14 (reverse mode): an adjoint by hand, the cost of the two modes, and a backward rule's bug."""
from __future__ import annotations

import numpy as np

import nnlib
from nnlib import autodiff

from .engine import Answer, Checker, Mistake

# --------------------------------------------------------------------------- exercise 14.1
#: The graph of exercise 14.1: u = w x, z = u + b, a = ReLU(z), v = w a, J = ½(v − y)².
SHARED = dict(w=-2.0, x=1.5, b=4.0, y=1.0)


def _shared_weight_dJ_dw():
    """∂J/∂w of exercise 14.1 by nnlib's reverse sweep."""
    w, x, b = (autodiff.Node([[SHARED[k]]]) for k in "wxb")
    a = autodiff.activation(autodiff.add_bias(autodiff.matmul(w, x), b), "relu")
    J = autodiff.cost(autodiff.matmul(w, a), np.array([[SHARED["y"]]]), "squared_error")
    autodiff.backward(J)
    return w.grad.item()


def _paths(sign=1.0, use_x=True, use_w=True):
    """The two terms of ∂J/∂w, from v = w a and from u = w x, with a usual slip or none."""
    w, x, b, y = SHARED.values()
    a = max(w * x + b, 0.0)
    v_bar = sign * (w * a - y)
    a_bar = v_bar * (w if use_w else 1.0)
    u_bar = a_bar * float(w * x + b > 0)
    return v_bar * a, u_bar * (x if use_x else 1.0)


dJ_dw = Answer(
    "dJ_dw", _shared_weight_dJ_dw,
    mistakes=[
        Mistake("that is only the term from v = w·a, w's second use; w has two children, and "
                "∂J/∂w is the sum of the terms from both", lambda: _paths()[0]),
        Mistake("that is only the term from u = w·x, w's first use; w has two children, and "
                "∂J/∂w is the sum of the terms from both", lambda: _paths()[1]),
        Mistake("you multiplied the two terms; the chain rule adds one term per child",
                lambda: _paths()[0] * _paths()[1]),
        Mistake("check the sign: ∂J/∂v = v − y for J = ½(v − y)², not y − v",
                lambda: sum(_paths(sign=-1.0))),
        Mistake("in the term from u = w·x you left out ∂u/∂w = x", lambda: sum(_paths(use_x=False))),
        Mistake("on the way from v back to a you left out ∂v/∂a = w", lambda: sum(_paths(use_w=False))),
    ],
    hint="Sweep backwards: ∂J/∂v first, then v = w·a gives terms for w (times a) and for a (times w); "
         "carry the one for a back through ReLU and the bias to u, and u = w·x gives w a second term.",
)


# --------------------------------------------------------------------------- exercise 14.2
#: The digits network of chapter 13: 64 pixels in, 10 class probabilities out.
DIGITS_SIZES = [64, 32, 10]


def _passes(forward, reverse):
    return np.array([float(forward), float(reverse)])


jacobian_passes = Answer(
    "jacobian_passes", lambda: _passes(DIGITS_SIZES[0], DIGITS_SIZES[-1]),
    mistakes=[
        Mistake("you swapped the two: a forward-mode pass follows one input direction (one column of "
                "the Jacobian), a reverse sweep starts from one output (one row)",
                lambda: _passes(DIGITS_SIZES[-1], DIGITS_SIZES[0])),
        Mistake("you counted for ∇_θ J, the gradient of one number with respect to the parameters; "
                "here it is the Jacobian of the 10 outputs with respect to the 64 inputs x",
                lambda: _passes(nnlib.parameter_count(DIGITS_SIZES), 1)),
        Mistake("one reverse sweep gives the gradient of ONE number; ŷ has 10, so the Jacobian needs "
                "one sweep per output", lambda: _passes(DIGITS_SIZES[0], 1)),
        Mistake("one forward-mode pass gives the derivative along ONE input direction; x has 64 "
                "entries, so the Jacobian needs one pass per input", lambda: _passes(1, DIGITS_SIZES[-1])),
    ],
    hint="The Jacobian ∂ŷ/∂x has 10 rows (outputs) and 64 columns (inputs). Which of them does one "
         "forward-mode pass fill in, and which one reverse sweep?",
)


# --------------------------------------------------------------------------- exercise 14.3
def _log_softmax_backward(z, grad):
    """∂J/∂z for log ŷ = log softmax(z): grad − ŷ Σ_j grad_j, per column."""
    return grad - nnlib.softmax(z) * np.sum(grad, axis=0, keepdims=True)


def _log_softmax_cases(rng):
    z = rng.normal(size=(4, 3))
    one_hot = -nnlib.one_hot(np.array([0, 2, 3]), 4) / 3
    return [
        ("z (4, 3), the gradient −y/m of the cross-entropy", (z, one_hot)),
        ("z (3, 5), any incoming gradient", (rng.normal(size=(3, 5)), rng.normal(size=(3, 5)))),
        ("z (2, 1): one example, two classes", (np.array([[2.0], [-1.0]]), np.array([[0.5], [-1.5]]))),
        ("z with entries ±1000", (np.array([[1000.0, -1000.0], [0.0, 1000.0], [-1000.0, 0.0]]),
                                  rng.normal(size=(3, 2)))),
    ]


log_softmax_backward = Checker(
    "log_softmax_backward", _log_softmax_backward, _log_softmax_cases, ("z", "grad"),
    mistakes=[
        Mistake("not fixed yet: your rule still disagrees with finite differences; run the gradient "
                "check below the exercise and look at which entries are off",
                lambda z, grad: grad - nnlib.softmax(z) * grad),
        Mistake("you summed over the examples (axis=1); log-softmax mixes the entries of one column, "
                "the classes of one example: sum over axis=0",
                lambda z, grad: grad - nnlib.softmax(z) * np.sum(grad, axis=1, keepdims=True)),
        Mistake("that is softmax's backward rule, ŷ ∘ (g − ŷᵀg); log-softmax's Jacobian is different: "
                "∂(log ŷ_j)/∂z_k = [j = k] − ŷ_k",
                lambda z, grad: autodiff.softmax_node(autodiff.Node(z)).rule(grad)[0]),
        Mistake("you multiplied by the Jacobian, not by its transpose: the term for z_k sums over the "
                "outputs j of g_j · ∂(log ŷ_j)/∂z_k",
                lambda z, grad: grad - np.sum(nnlib.softmax(z) * grad, axis=0, keepdims=True)),
        Mistake("check the sign of the ŷ term: log ŷ_j = z_j − log Σ_i e^(z_i), and the log-sum-exp "
                "is subtracted", lambda z, grad: grad + nnlib.softmax(z) * np.sum(grad, axis=0, keepdims=True)),
    ],
    hint="Differentiate log ŷ_j = z_j − log Σ_i e^(z_i) by z_k: one part is 1 only when j = k, the other "
         "is the same for every j. Then sum g_j times it over j: z_k is a parent of every output j.",
    kind="bug",
)
