"""Chapter 14 (reverse mode): an adjoint by hand, the passes a Jacobian takes, a tangent
pass, a backward rule's bug, and a backward rule that keeps only the output."""
from __future__ import annotations

import numpy as np

import nnlib
from nnlib import autodiff

from .answer import Answer
from .engine import RECORD, Checker, Mistake, Result

# ------------------------------------------------------------------------ exercise 14.1
#: The graph of exercise 14.1: u = w x, z = u + b, a = σ(z), v = w a, J = ½(v − y)².
SHARED = dict(w=-2.0, x=1.5, b=3.0, y=1.0)


def _shared_weight_dJ_dw():
    """∂J/∂w of exercise 14.1 by nnlib's reverse sweep."""
    w, x, b = (autodiff.Node([[SHARED[k]]]) for k in "wxb")
    a = autodiff.activation(w * x + b, "sigmoid")
    J = autodiff.cost(w * a, np.array([[SHARED["y"]]]), "squared_error")
    autodiff.backward(J)
    return w.grad.item()


def _paths(sign=1.0, use_x=True, use_w=True, slope="right"):
    """The two terms of ∂J/∂w, from v = w a and from u = w x, with a usual slip or
    none."""
    w, x, b, y = SHARED.values()
    z = w * x + b
    a = nnlib.sigmoid(z)
    v_bar = sign * (w * a - y)
    a_bar = v_bar * (w if use_w else 1.0)
    factor = {"right": a * (1 - a), "skipped": 1.0, "sigma": a,
              "at a": nnlib.sigmoid_prime(a)}[slope]
    u_bar = a_bar * factor
    return v_bar * a, u_bar * (x if use_x else 1.0)


_BOTH = ("w has two children, v = w·a and u = w·x, and ∂J/∂w is the sum of the terms "
         "from both")

dJ_dw = Answer(
    "dJ_dw", _shared_weight_dJ_dw,
    mistakes=[
        Mistake("that is only the term from v = w·a, w's second use; " + _BOTH,
                lambda: _paths()[0]),
        Mistake("that is only the term from u = w·x, w's first use; " + _BOTH,
                lambda: _paths()[1]),
        Mistake("you multiplied the two terms; the chain rule adds one term per child",
                lambda: _paths()[0] * _paths()[1]),
        Mistake("check the sign of ∂J/∂v: J = ½(v − y)² grows when v moves away from y",
                lambda: sum(_paths(sign=-1.0))),
        Mistake("in the term from u = w·x you left out the local derivative ∂u/∂w",
                lambda: sum(_paths(use_x=False))),
        Mistake("on the way from v back to a you left out the local derivative ∂v/∂a",
                lambda: sum(_paths(use_w=False))),
        Mistake("you went from ∂J/∂a to ∂J/∂z without the sigmoid's slope: "
                "the activation node has a backward rule too, ∂J/∂z = ∂J/∂a · σ′(z)",
                lambda: sum(_paths(slope="skipped"))),
        Mistake("you multiplied by σ(z) where the rule needs the slope σ′(z)",
                lambda: sum(_paths(slope="sigma"))),
        Mistake("you took the sigmoid's slope at a = σ(z); the rule needs "
                "it at the node's input z",
                lambda: sum(_paths(slope="at a"))),
    ],
    ladder=[
        "Which two nodes are children of w, and what does each of "
        "them add to the sum for w?",
        "Run the forward pass first and keep every value. Then sweep backwards from "
        "∂J/∂v: the node v = w·a sends one term to w and one to a; carry the one "
        "for a through the sigmoid (its slope at z) and the bias back to u, and u = "
        "w·x sends w its second term.",
    ],
)


# ------------------------------------------------------------------------ exercise 14.2
#: The digits network of chapter 13: 64 pixels in, 64 hidden units, 10 class
#: probabilities out.
DIGITS_SIZES = [64, 64, 10]


def _passes(forward, reverse):
    return np.array([float(forward), float(reverse)])


class _JacobianPasses(Answer):
    """The count of exercise 14.2; 9 reverse sweeps are right too, and said why."""

    def __call__(self, value):
        fewer = _passes(DIGITS_SIZES[0], DIGITS_SIZES[-1] - 1)
        try:
            sharper = (np.shape(value) == fewer.shape
                       and np.array_equal(np.asarray(value, float), fewer))
        except (TypeError, ValueError):
            sharper = False
        if not sharper:
            return super().__call__(value)
        result = Result(True, f"✅ {self.name}: right, and one sweep fewer than the "
                              "plain count: the 10 probabilities always sum to 1, "
                              "so the rows of ∂ŷ/∂x sum to 0 and the last row is "
                              "minus the sum of the other nine")
        RECORD[self.name] = result
        return result


jacobian_passes = _JacobianPasses(
    "jacobian_passes", lambda: _passes(DIGITS_SIZES[0], DIGITS_SIZES[-1]),
    mistakes=[
        Mistake("you swapped the two: a forward-mode pass is seeded at the input, "
                "one direction of x at a time; a reverse sweep is seeded at the "
                "output, one ŷ_j at a time",
                lambda: _passes(DIGITS_SIZES[-1], DIGITS_SIZES[0])),
        Mistake("you counted for ∇_θ J, the gradient of one number with respect to "
                "the parameters; here it is the derivatives of the 10 outputs with "
                "respect to the 64 inputs x",
                lambda: _passes(nnlib.parameter_count(DIGITS_SIZES), 1)),
        Mistake("one reverse sweep gives the gradient of ONE number; ŷ has 10 of them",
                lambda: _passes(DIGITS_SIZES[0], 1)),
        Mistake("one forward-mode pass gives the derivatives along ONE direction "
                "of x; x has 64 entries",
                lambda: _passes(1, DIGITS_SIZES[-1])),
        Mistake("the hidden layer's size does not enter: the table is "
                "∂ŷ/∂x, outputs against inputs",
                lambda: _passes(DIGITS_SIZES[1], DIGITS_SIZES[1])),
    ],
    ladder=[
        "Seeded with one pixel's direction, what does a forward pass give? "
        "Seeded at one ŷ_j, a sweep?",
        "Seed a forward pass with the direction of one pixel: which derivatives "
        "come out at the end, and of how many outputs? Seed a reverse sweep at "
        "one output ŷ_j: which derivatives reach x? Count the seeds of each kind "
        "that the whole table needs.",
    ],
)


# ------------------------------------------------------------------------ exercise 14.3
def _input_tangent(W, b, X, X_dot, hidden, output):
    """ŷ̇ = (∂ŷ/∂x) ẋ by forward mode on the graph nnlib records (eq.
    `eq-forward-mode`)."""
    x = autodiff.Node(X)
    a = x
    for l in range(1, len(W)):
        g = hidden if l < len(W) - 1 else output
        z = autodiff.Node(W[l]) @ a + autodiff.Node(b[l])
        a = (autodiff.activation(z, g) if g in nnlib.DERIVATIVES
             else autodiff.softmax_node(z))
    return autodiff.forward_sweep(a, {x: X_dot})


def _tangent_slip(W, b, X, X_dot, hidden, output, slope="z", softmax="jacobian",
                  bias=False, seed="x_dot", returns="tangent"):
    """A layer-by-layer tangent pass with one of the usual slips."""
    a, a_dot = X, (X_dot if seed == "x_dot" else X)
    for l in range(1, len(W)):
        g = hidden if l < len(W) - 1 else output
        z, z_dot = W[l] @ a + b[l], W[l] @ a_dot + (b[l] if bias else 0.0)
        a = nnlib.ACTIVATIONS[g](z)
        if g in nnlib.DERIVATIVES:
            at = {"z": z, "a": a}.get(slope)
            a_dot = z_dot if at is None else nnlib.DERIVATIVES[g](at) * z_dot
        else:  # softmax
            a_dot = (a * (z_dot - np.sum(a * z_dot, axis=0, keepdims=True))
                     if softmax == "jacobian" else a * (1 - a) * z_dot)
    return a if returns == "value" else a_dot


def _net_arrays(sizes, hidden, task, rng):
    """A network's W, b (biases not 0: a tangent must not pick them up), and its
    activations."""
    net = nnlib.Network(sizes, hidden=hidden, task=task, seed=int(rng.integers(100)))
    return (net.W, [None] + [rng.normal(size=v.shape) for v in net.b[1:]], net.hidden,
            net.output)


def _tangent_cases(rng):
    cases = []
    for label, sizes, hidden, task, m, brightness in [
        ("[3, 4, 1] tanh, binary, one example", [3, 4, 1], "tanh", "binary", 1, False),
        ("[4, 5, 3] relu, multiclass (softmax), 3 examples",
         [4, 5, 3], "relu", "multiclass", 3, False),
        ("[2, 3, 3, 2] sigmoid, regression, 2 examples",
         [2, 3, 3, 2], "sigmoid", "regression", 2, False),
        ("[64, 8, 10] tanh, multiclass, the brightness direction ẋ = x",
         [64, 8, 10], "tanh", "multiclass", 2, True),
    ]:
        W, b, hidden, output = _net_arrays(sizes, hidden, task, rng)
        X = rng.normal(size=(sizes[0], m))
        X_dot = X.copy() if brightness else rng.normal(size=(sizes[0], m))
        cases.append((label, (W, b, X, X_dot, hidden, output)))
    return cases


def _slip(**how):
    """A mistaken tangent pass, taking the exercise's arguments by name."""
    def wrong(W, b, X, X_dot, hidden, output):
        return _tangent_slip(W, b, X, X_dot, hidden, output, **how)
    return wrong


input_tangent = Checker(
    "input_tangent", _input_tangent, _tangent_cases,
    mistakes=[
        Mistake("you returned ŷ itself; the exercise asks how fast ŷ moves along ẋ, "
                "the tangent that the pass carries beside it", _slip(returns="value")),
        Mistake("your tangent skips the activations' slopes: a = g(z) moves by "
                "its slope times the move of z",
                _slip(slope=None)),
        Mistake("you took g′ at a, the activation's output; its slope "
                "belongs at its input z",
                _slip(slope="a")),
        Mistake("softmax is not element-wise: every ŷ_j moves when any z_c does, so "
                "its tangent needs the whole Jacobian, not ŷ(1 − ŷ) entry by entry",
                _slip(softmax="diagonal")),
        Mistake("the bias does not move with x: ḃ = 0, so ż has no bias term",
                _slip(bias=True)),
        Mistake("you started the tangent from x; it starts from the direction X_dot",
                _slip(seed="x")),
    ],
    ladder=[
        "With W and b held still, what are ż and ȧ of a layer, given a "
        "and ȧ of the layer below?",
        "Carry two arrays through the layers, a and ȧ, starting from X and X_dot. With "
        "the weights held still, what is ż when z = W a + b? Then ȧ follows from ż "
        "through the layer's activation, as in directional_derivative.",
    ],
    kind="variant",
)


# ------------------------------------------------------------------------ exercise 14.4
def _log_softmax_backward(z, grad):
    """∂J/∂z for log ŷ = log softmax(z): nnlib's rule, per column."""
    return autodiff.log_softmax_rule(z, grad)


def _log_softmax_cases(rng):
    z = rng.normal(size=(4, 3))
    one_hot = -nnlib.one_hot(np.array([0, 2, 3]), 4) / 3
    return [
        ("z (4, 3), the gradient −y/m of the cross-entropy", (z, one_hot)),
        ("z (3, 5), any incoming gradient",
         (rng.normal(size=(3, 5)), rng.normal(size=(3, 5)))),
        ("z (2, 1): one example, two classes",
         (np.array([[2.0], [-1.0]]), np.array([[0.5], [-1.5]]))),
        ("z with entries ±1000",
         (np.array([[1000.0, -1000.0], [0.0, 1000.0], [-1000.0, 0.0]]),
          rng.normal(size=(3, 2)))),
    ]


log_softmax_backward = Checker(
    "log_softmax_backward", _log_softmax_backward, _log_softmax_cases,
    mistakes=[
        Mistake("not fixed yet: your rule still disagrees with finite "
                "differences; run the gradient check below the exercise and "
                "look at which entries are off",
                lambda z, grad: grad - nnlib.softmax(z) * grad),
        Mistake("you summed over the examples, along a row; log-softmax mixes the "
                "entries of one column, the classes of one example",
                lambda z, grad: grad
                - nnlib.softmax(z) * np.sum(grad, axis=1, keepdims=True)),
        Mistake("that is softmax's own backward rule; log-softmax's Jacobian "
                "is a different matrix: differentiate log ŷ_j = z_j − "
                "log Σ_c e^(z_c) by each z_c",
                lambda z, grad: autodiff.softmax_node(autodiff.Node(z)).rule(grad)[0]),
        Mistake("you multiplied by the Jacobian, not by its transpose: the term "
                "for z_c collects one piece from every output j, weighted by that "
                "output's incoming gradient",
                lambda z, grad: grad
                - np.sum(nnlib.softmax(z) * grad, axis=0, keepdims=True)),
        Mistake("check the sign of the ŷ term: in log ŷ_j = z_j − log Σ_c e^(z_c) "
                "the log-sum-exp is subtracted",
                lambda z, grad: grad
                + nnlib.softmax(z) * np.sum(grad, axis=0, keepdims=True)),
    ],
    ladder=[
        "Which of the outputs log ŷ_j depend on z_c, and what does each "
        "of them send back to z_c?",
        "Differentiate log ŷ_j = z_j − log Σ_c e^(z_c) by z_c: one part is 1 only when "
        "j = c, the other is the same for every j. Then add up grad_j times it over j: "
        "z_c is a parent of every output j.",
    ],
    kind="bug", asks=(autodiff.log_softmax_rule,),
)


# ------------------------------------------------------------------------ exercise 14.5
_OUTPUT_ONLY = ("tanh", "sigmoid", "relu", "identity")


def _rule_from_output(a, grad, g):
    """∂J/∂z from a = g(z) alone: z is recovered from a, and g′ taken there."""
    inverse = {"tanh": np.arctanh,
               "sigmoid": lambda p: np.log(p) - np.log1p(-p)}.get(g, lambda p: p)
    # a saturated output (±1, 0, 1) has an infinite z: g′ = 0
    with np.errstate(divide="ignore"):
        return grad * nnlib.DERIVATIVES[g](inverse(a))


#: Entries of z set by hand, where an activation's rule is delicate: ReLU′ is taken as 0
#: at z = 0, and a saturated sigmoid gives a = 1 or 0 to the last digit.
_DELICATE = {"relu": {(0, 0): 0.0, (0, 1): 0.0},
             "sigmoid": {(1, 0): 40.0, (1, 1): -800.0}}


def _output_cases(rng):
    cases = []
    for g in _OUTPUT_ONLY:
        z = rng.normal(0, 2, size=(3, 4))
        for where, value in _DELICATE.get(g, {}).items():
            z[where] = value
        cases.append((f"g = {g!r}, a (3, 4) = g(z)",
                      (nnlib.ACTIVATIONS[g](z), rng.normal(size=(3, 4)), g)))
    return cases


def _from_output_slip(a, grad, g, slip):
    right = _rule_from_output(a, grad, g)
    if slip == "applied again":
        return grad * nnlib.DERIVATIVES[g](a)
    if slip == "no grad":
        return right / np.where(grad == 0, 1.0, grad)
    # the activations a slip concerns; the others are right
    wrong_slope = _SLOPE_SLIPS[slip].get(g)
    return right if wrong_slope is None else grad * wrong_slope(a)


#: Each slip of the slope read from a, for the activations it concerns.
_SLOPE_SLIPS = {
    "no square": {"tanh": lambda a: 1 - a},
    "swapped": {"tanh": lambda a: a * (1 - a), "sigmoid": lambda a: 1 - a * a},
    "times a": {"relu": lambda a: a},
}


activation_rule_from_output = Checker(
    "activation_rule_from_output", _rule_from_output, _output_cases,
    mistakes=[
        Mistake("you applied g′ to a as if a were z: a is already g(z), so a formula "
                "for g′(z) in terms of g(z) takes a as it is",
                lambda a, grad, g: _from_output_slip(a, grad, g, "applied again")),
        Mistake("you returned the slope g′(z) alone; the rule multiplies "
                "the incoming gradient by it",
                lambda a, grad, g: _from_output_slip(a, grad, g, "no grad")),
        Mistake("tanh′(z) = 1 − tanh²(z): the output is squared",
                lambda a, grad, g: _from_output_slip(a, grad, g, "no square")),
        Mistake("you swapped the two: σ′ = σ(1 − σ) belongs to the "
                "sigmoid and 1 − tanh² to tanh",
                lambda a, grad, g: _from_output_slip(a, grad, g, "swapped")),
        Mistake("ReLU's slope is 1 where the unit is on and 0 where it is "
                "off, not the output a itself",
                lambda a, grad, g: _from_output_slip(a, grad, g, "times a")),
    ],
    ladder=[
        "Chapter 2 wrote σ′ with σ itself and tanh′ with tanh itself: what "
        "are they in terms of a?",
        "Chapter 2 wrote each derivative with the function itself: σ′(z) in terms of "
        "σ(z), tanh′(z) in terms of tanh(z). Put a where g(z) stands. For ReLU: when "
        "is a unit on, seen from its output?",
    ],
    kind="variant",
)
