"""Chapter 2 (activations): σ′, tanh′, ReLU′ and leaky ReLU′; where σ and tanh
saturate."""

from __future__ import annotations

import numpy as np

import nnlib

from .engine import Checker, Mistake


def _z_cases(rng):
    return [
        ("z of shape (3, 4)", (rng.normal(0, 2, size=(3, 4)),)),
        ("z of shape (1, 7)", (rng.normal(0, 2, size=(1, 7)),)),
        (
            "z with entries ±1000",
            (np.array([[-1000.0, -1.0, 0.0], [1.0, 1000.0, 0.5]]),),
        ),
    ]


sigmoid_prime = Checker(
    "sigmoid_prime",
    nnlib.sigmoid_prime,
    _z_cases,
    mistakes=[
        Mistake(
            "you returned σ(z) itself; the derivative is σ(z)(1 − σ(z))",
            lambda z: nnlib.sigmoid(z),
        ),
        Mistake(
            "you returned σ(z)²; the derivative is σ(z)(1 − σ(z))",
            lambda z: nnlib.sigmoid(z) ** 2,
        ),
        Mistake(
            "you computed z(1 − z); apply σ first: σ(z)(1 − σ(z))",
            lambda z: z * (1 - z),
        ),
        Mistake(
            "you computed σ(z)(1 + σ(z)); the derivative is σ(z)(1 − σ(z))",
            lambda z: nnlib.sigmoid(z) * (1 + nnlib.sigmoid(z)),
        ),
        Mistake(
            "e^(−z) overflows for z = −1000 (inf / inf = nan): the form σ(z)(1 − σ(z)) "
            "needs σ(z) only, and nnlib's sigmoid computes it without overflow",
            lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2,
        ),
    ],
    ladder=[
        "Which equation writes σ′ with σ alone, and "
        "how many times do you need to compute σ(z)?",
        "eq-sigmoid-prime writes σ′(z) = σ(z)(1 − σ(z)): only σ(z) is needed, twice. "
        "Compute it once with nnlib.sigmoid (stable for z = ±1000), keep it in a "
        "variable, and combine; writing e^(−z) yourself overflows for z = −1000.",
        "Two lines: `s = nnlib.sigmoid(z)`, then return `s` times one minus `s`.",
    ],
)

relu_prime = Checker(
    "relu_prime",
    nnlib.relu_prime,
    _z_cases,
    mistakes=[
        Mistake(
            "you returned ReLU(z) itself; its "
            "derivative is 1 where z > 0 and 0 elsewhere",
            lambda z: nnlib.relu(z),
        ),
        Mistake(
            "at z = 0 the slope is 0 by the book's "
            "convention (eq-relu); you gave 1 there",
            lambda z: (z >= 0).astype(float),
        ),
        Mistake(
            "you returned 1 where z < 0; ReLU is flat "
            "(slope 0) for z < 0 and has slope 1 for z > 0",
            lambda z: (z < 0).astype(float),
        ),
        Mistake(
            "you returned the sign of z; the slope of ReLU is 0, not −1, where z < 0",
            lambda z: np.sign(z),
        ),
    ],
    ladder=[
        "What is the slope of max(0, z) left of 0, right "
        "of 0, and at 0 by the book's convention (eq-relu)?",
        "ReLU is flat (slope 0) left of 0 and has slope 1 right of 0; at 0 the book "
        "uses 0. A comparison of the array z with 0 gives True/False entry by entry; "
        "the checker wants floats, 1.0 and 0.0.",
        "One line: compare, then convert: `(z > 0).astype(float)`.",
    ],
)

tanh_prime = Checker(
    "tanh_prime",
    nnlib.tanh_prime,
    _z_cases,
    mistakes=[
        Mistake(
            "you computed 1 − z²; apply tanh first: 1 − tanh²(z)", lambda z: 1 - z**2
        ),
        Mistake(
            "you returned tanh(z) itself; the derivative is 1 − tanh²(z)",
            lambda z: np.tanh(z),
        ),
        Mistake(
            "you computed 1 − tanh(z); square it: 1 − tanh²(z)",
            lambda z: 1 - np.tanh(z),
        ),
        Mistake(
            "you computed 1 − tanh(z²): the square belongs to tanh(z), not to z",
            lambda z: 1 - np.tanh(z**2),
        ),
    ],
    ladder=[
        "Which equation gives tanh′ through tanh itself?",
        "eq-tanh-prime gives tanh′ through tanh itself: one minus "
        "its square. np.tanh is already stable (it returns ±1 for "
        "large |z|), so no care about overflow is needed here.",
        "One line: `1 - np.tanh(z) ** 2`.",
    ],
)


# ------------------------------------------------------------------ variant: leaky ReLU
def _leaky_cases(rng):
    return [
        ("z of shape (3, 4), c = 0.01", (rng.normal(0, 2, size=(3, 4)), 0.01)),
        (
            "z of shape (2, 6) with entries exactly 0, c = 0.1",
            (rng.integers(-2, 3, size=(2, 6)).astype(np.float64), 0.1),
        ),
        (
            "z with entries ±1000, c = 0.2",
            (np.array([[-1000.0, -1.0, 0.0], [1.0, 1000.0, -0.5]]), 0.2),
        ),
        ("z of shape (1, 7), c = 0.5", (rng.normal(0, 2, size=(1, 7)), 0.5)),
    ]


leaky_relu_prime = Checker(
    "leaky_relu_prime",
    nnlib.leaky_relu_prime,
    _leaky_cases,
    kind="variant",
    mistakes=[
        Mistake(
            "you returned ReLU's derivative; left of 0 "
            "leaky ReLU is cz, whose slope is c, not 0",
            lambda z, c: (z > 0).astype(float),
        ),
        Mistake(
            "you returned leaky ReLU itself, max(cz, z); "
            "its derivative is a slope per entry, 1 or c",
            lambda z, c: np.where(z > 0, z, c * z),
        ),
        Mistake(
            "you swapped the slopes: right of 0 leaky ReLU is "
            "z itself (slope 1), left of 0 it is cz (slope c)",
            lambda z, c: np.where(z > 0, c, 1.0),
        ),
        Mistake(
            "at z = 0 the exercise takes the slope on the left, c, as the book takes 0 "
            "for ReLU; you gave 1 there",
            lambda z, c: np.where(z >= 0, 1.0, c),
        ),
        Mistake(
            "you ignored the argument `c` and always used 0.01",
            lambda z, c: np.where(z > 0, 1.0, 0.01),
        ),
    ],
    ladder=[
        "Leaky ReLU is made of two straight lines: what is the slope of each, and "
        "which one holds at z = 0?",
        "Leaky ReLU is two straight lines that meet at 0: z for z > 0 and cz for z < "
        "0. Each line has one slope; pick one of the two slopes per entry (np.where "
        "chooses between two values by a condition), and use the left slope at z = 0.",
        "One line: `np.where(z > 0, 1.0, c)`: 1 "
        "where z > 0, c elsewhere (z = 0 included).",
    ],
)


# ------------------------------------------------------------------- derive: saturation
def _sigmoid_edge(threshold):
    """σ(1 − σ) = τ: the root σ > ½, then z = log(σ / (1 − σ))."""
    s = (1 + np.sqrt(1 - 4 * threshold)) / 2
    return float(np.log(s / (1 - s)))


def _tanh_edge(threshold):
    """1 − tanh² = τ: tanh z = √(1 − τ)."""
    return float(np.arctanh(np.sqrt(1 - threshold)))


#: Each activation's edge, derived on paper (the exercise's own content, by name).
_EDGES = {"sigmoid": _sigmoid_edge, "tanh": _tanh_edge}


def _saturation_edge(name, threshold):
    """Reference: the z > 0 at which g′(z) = threshold, for the sigmoid and tanh."""
    return _EDGES[name](threshold)


def _edge_cases(rng):
    return [
        ("sigmoid, threshold 0.05", ("sigmoid", 0.05)),
        ("tanh, threshold 0.05", ("tanh", 0.05)),
        ("sigmoid, threshold 0.025 (a tenth of its peak)", ("sigmoid", 0.025)),
        ("tanh, threshold 0.5", ("tanh", 0.5)),
        ("sigmoid, threshold 0.2", ("sigmoid", 0.2)),
        ("tanh, threshold 0.001", ("tanh", 0.001)),
    ]


def _value_at_edge(name, threshold):
    """σ or tanh at the edge: what a learner who forgot to invert g returns."""
    return float(
        nnlib.ACTIVATIONS[name](np.array([_saturation_edge(name, threshold)]))[0]
    )


def _log_ratio(t):
    """ln((1 + √(1 − t)) / (1 − √(1 − t))): σ's edge without the 4 under the root,
    tanh's without the ½."""
    return float(np.log((1 + np.sqrt(1 - t)) / (1 - np.sqrt(1 - t))))


def _only_for(which, wrong):
    """A slip in the derivation for one activation: ``wrong`` there, the right edge for
    the other."""
    return lambda name, threshold: {**_EDGES, which: wrong}[name](threshold)


saturation_edge = Checker(
    "saturation_edge",
    _saturation_edge,
    _edge_cases,
    kind="derive",
    asks=(),
    mistakes=[
        Mistake(
            "your edge is negative: you took the root below ½ "
            "(for σ) or below 0 (for tanh); g′ is symmetric about "
            "0, and the edge asked for is the one with z > 0",
            lambda name, threshold: -_saturation_edge(name, threshold),
        ),
        Mistake(
            "you returned g at the edge (the value of σ or tanh there), not z: the "
            "last step undoes g, from s = σ(z) or t = tanh(z) back to z",
            lambda name, threshold: _value_at_edge(name, threshold),
        ),
        Mistake(
            "for the sigmoid, σ(1 − σ) = τ is the quadratic σ² − σ + τ = 0, whose "
            "roots are (1 ± √(1 − 4τ)) / 2: the 4 is missing under your square root",
            _only_for("sigmoid", _log_ratio),
        ),
        Mistake(
            "for tanh, 1 − tanh²(z) = τ gives tanh²(z) = 1 − τ, so tanh(z) = √(1 − τ): "
            "you forgot the square root",
            _only_for("tanh", lambda t: float(np.arctanh(1 - t))),
        ),
        Mistake(
            "for tanh, artanh(t) = ½ ln((1 + t) / (1 − t)): you left out the ½",
            _only_for("tanh", _log_ratio),
        ),
        Mistake(
            "you used log10; undoing σ takes the natural logarithm",
            _only_for("sigmoid", lambda t: _saturation_edge("sigmoid", t) / np.log(10)),
        ),
    ],
    ladder=[
        "With s = σ(z), which quadratic equation does eq-sigmoid-prime = threshold "
        "give for s, and which root belongs to z > 0? For tanh, what is tanh(z) where "
        "eq-tanh-prime equals the threshold? Then: which z has that σ or tanh?",
        "Write the slope through g itself (eq-sigmoid-prime, eq-tanh-prime) and set it "
        "equal to the threshold: that is an equation for s = σ(z) (a quadratic) or for "
        "t = tanh(z). Keep the root on the side z > 0, then undo g: σ(z) = s and "
        "tanh(z) = t each have one z.",
        "Sigmoid: s(1 − s) = τ has the root s = (1 + √(1 − 4τ))/2 "
        "above ½, and σ(z) = s gives `np.log(s / (1 - s))`. Tanh: "
        "1 − t² = τ gives t = √(1 − τ), and z = `np.arctanh(t)`.",
    ],
)
