"""Chapter 2 (activations): the derivatives σ′, ReLU′ and tanh′."""
from __future__ import annotations

import numpy as np

import nnlib

from .engine import Checker, Mistake


def _z_cases(rng):
    return [
        ("z of shape (3, 4)", (rng.normal(0, 2, size=(3, 4)),)),
        ("z of shape (1, 7)", (rng.normal(0, 2, size=(1, 7)),)),
        ("z with entries ±1000", (np.array([[-1000.0, -1.0, 0.0], [1.0, 1000.0, 0.5]]),)),
    ]


sigmoid_prime = Checker(
    "sigmoid_prime", nnlib.sigmoid_prime, _z_cases, ("z",),
    mistakes=[
        Mistake("you returned σ(z) itself; the derivative is σ(z)(1 − σ(z))", lambda z: nnlib.sigmoid(z)),
        Mistake("you returned σ(z)²; the derivative is σ(z)(1 − σ(z))", lambda z: nnlib.sigmoid(z) ** 2),
        Mistake("you computed z(1 − z); apply σ first: σ(z)(1 − σ(z))", lambda z: z * (1 - z)),
        Mistake("you computed σ(z)(1 + σ(z)); the derivative is σ(z)(1 − σ(z))",
                lambda z: nnlib.sigmoid(z) * (1 + nnlib.sigmoid(z))),
        Mistake("e^(−z) overflows for z = −1000 (inf / inf = nan): compute s = nnlib.sigmoid(z), "
                "which never overflows, and return s(1 − s)",
                lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),
    ],
)

relu_prime = Checker(
    "relu_prime", nnlib.relu_prime, _z_cases, ("z",),
    mistakes=[
        Mistake("you returned ReLU(z) itself; its derivative is 1 where z > 0 and 0 elsewhere",
                lambda z: nnlib.relu(z)),
        Mistake("at z = 0 use 0 (the convention of the book): use z > 0, not z >= 0",
                lambda z: (z >= 0).astype(float)),
        Mistake("you returned 1 where z < 0; ReLU is flat (slope 0) for z < 0 and has slope 1 for z > 0",
                lambda z: (z < 0).astype(float)),
        Mistake("you returned np.sign(z); the slope of ReLU is 0, not −1, where z < 0",
                lambda z: np.sign(z)),
    ],
)

tanh_prime = Checker(
    "tanh_prime", nnlib.tanh_prime, _z_cases, ("z",),
    mistakes=[
        Mistake("you computed 1 − z²; apply tanh first: 1 − tanh²(z)", lambda z: 1 - z ** 2),
        Mistake("you returned tanh(z) itself; the derivative is 1 − tanh²(z)", lambda z: np.tanh(z)),
        Mistake("you computed 1 − tanh(z); square it: 1 − tanh²(z)", lambda z: 1 - np.tanh(z)),
        Mistake("you computed 1 − tanh(z²); square after tanh: 1 − tanh(z)²", lambda z: 1 - np.tanh(z ** 2)),
    ],
)
