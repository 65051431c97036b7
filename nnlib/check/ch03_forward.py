"""Chapter 3 (forward propagation): the forward pass through N layers, saturation, the
variance of z^[1]."""

from __future__ import annotations

import numpy as np

import nnlib

from ._cases import each_layer
from .engine import Checker, Hint, Mistake


def _random_layers(rng, sizes, m, hidden, output):
    """Arguments of forward_pass: random W[l], b[l] (biases too, so that a missing b
    shows) and X."""
    W = [None] + [
        rng.normal(0, 1 / np.sqrt(n_in), size=(n_out, n_in))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]
    b = [None] + [rng.normal(0, 0.5, size=(n, 1)) for n in sizes[1:]]
    X = rng.normal(size=(sizes[0], m))
    return (W, b, X, hidden, output)


def _forward_cases(rng):
    hand = (
        [None, np.array([[1.0, -1.0], [2.0, 1.0]]), np.array([[2.0, -1.0]])],
        [None, np.array([[0.0], [-1.0]]), np.array([[0.5]])],
        np.array([[1.0], [2.0]]),
        "relu",
        "identity",
    )
    return [
        (
            "2 layers, sizes [2, 3, 2], relu → softmax, m = 4",
            _random_layers(rng, [2, 3, 2], 4, "relu", "softmax"),
        ),
        (
            "the example of the chapter, sizes [2, 2, 1], relu → identity, one example",
            hand,
        ),
        (
            "3 layers, sizes [4, 5, 3, 3], tanh → sigmoid, m = 6",
            _random_layers(rng, [4, 5, 3, 3], 6, "tanh", "sigmoid"),
        ),
        (
            "1 layer, sizes [3, 2]: the output layer only (identity), m = 3",
            _random_layers(rng, [3, 2], 3, "relu", "identity"),
        ),
        (
            "4 square layers, sizes [3, 3, 3, 3, 3], sigmoid → identity, m = 5",
            _random_layers(rng, [3, 3, 3, 3, 3], 5, "sigmoid", "identity"),
        ),
    ]


def _y_hat(W, b, X, hidden, output):
    """ŷ = a^[N] of :func:`nnlib.forward_layers`: the reference."""
    return nnlib.forward_layers(W, b, X, hidden, output)[1][-1]


forward_pass = Checker(
    "forward_pass",
    _y_hat,
    _forward_cases,
    asks=(nnlib.forward_layers,),
    ladder=[
        "Which two steps does the forward equation (eq-forward) repeat for l = 1 … N, "
        "and which activation does the last layer use?",
        "Keep one array a, the input X to begin with, and overwrite it layer by layer: "
        "the affine map of chapter 1, then g. W[0] and b[0] are None, so the layers "
        "are l = 1 … N with N = len(W) − 1; nnlib.ACTIVATIONS turns a name into g: "
        "`hidden` before the last layer, `output` in it.",
        "The loop: `a = X`, then `for l in range(1, N + 1):` compute "
        "`z = W[l] @ a + b[l]` and `a = nnlib.ACTIVATIONS[output if "
        "l == N else hidden](z)`; return `a`.",
    ],
    mistakes=[
        Mistake(
            "your result is z[N], not a[N]: apply the "
            "output activation to the last layer's z as well",
            lambda W, b, X, hidden, output: nnlib.forward_layers(
                W, b, X, hidden, output
            )[0][-1],
        ),
        Mistake(
            "you applied the hidden activation in the last layer too; layer N uses the "
            "output activation `output`, layers 1 … N−1 use `hidden`",
            lambda W, b, X, hidden, output: _y_hat(W, b, X, hidden, hidden),
        ),
        Mistake(
            "you applied the output activation in every layer; layers 1 … N−1 use the "
            "hidden activation `hidden`",
            lambda W, b, X, hidden, output: _y_hat(W, b, X, output, output),
        ),
        Mistake(
            "you left out the hidden activations: a[l] = g(z[l]) in every layer l < N "
            "too (without them the whole network is one affine map)",
            lambda W, b, X, hidden, output: _y_hat(W, b, X, "identity", output),
        ),
        Mistake(
            "you returned a[N−1]: the loop stopped one layer early; it must run "
            "through l = N, the output layer",
            lambda W, b, X, hidden, output: nnlib.forward_layers(
                W, b, X, hidden, output
            )[1][-2],
        ),
        Mistake(
            "you multiplied by the transpose of W[l]: W[l], of shape (n_l, n_(l−1)), "
            "maps layer l − 1 to layer l as it stands",
            lambda W, b, X, hidden, output: _y_hat(
                each_layer(np.transpose, W), b, X, hidden, output
            ),
        ),
        Mistake(
            "you forgot the bias: every layer adds its b[l] to the product (eq-affine)",
            lambda W, b, X, hidden, output: _y_hat(
                W, each_layer(np.zeros_like, b), X, hidden, output
            ),
        ),
    ],
    hints=[
        # The error of a loop that starts at l = 0 depends on how the product is written
        # (@, np.dot, np.matmul): a Hint on the text, not a Mistake.
        Hint(
            "W[0] and b[0] are None, index 0 is unused: run the loop over l = 1 … N",
            lambda args, problem: (
                problem.startswith("your function raised")
                and ("NoneType" in problem or "(has 0, gufunc core" in problem)
            ),
        ),
    ],
)


def _saturation_cases(rng):
    return [
        ("tanh, z of shape (4, 50)", (rng.normal(0, 2, size=(4, 50)), "tanh", 0.05)),
        (
            "sigmoid, z of shape (3, 40)",
            (rng.normal(0, 4, size=(3, 40)), "sigmoid", 0.05),
        ),
        (
            "relu, z with entries exactly 0",
            (rng.integers(-3, 4, size=(5, 8)).astype(np.float64), "relu", 0.05),
        ),
        (
            "identity, which never saturates",
            (rng.normal(0, 5, size=(2, 30)), "identity", 0.05),
        ),
        ("tanh with threshold 0.5", (rng.normal(0, 1, size=(6, 25)), "tanh", 0.5)),
    ]


def _slope(z, name):
    return nnlib.DERIVATIVES[name](z)


saturated_fraction = Checker(
    "saturated_fraction",
    nnlib.saturated_fraction,
    _saturation_cases,
    mistakes=[
        Mistake(
            "you returned the number of saturated entries; the fraction divides it by "
            "the number of entries of z",
            lambda z, name, threshold: np.sum(_slope(z, name) < threshold),
        ),
        Mistake(
            "you returned a percentage; return a fraction between 0 and 1",
            lambda z, name, threshold: (
                100 * nnlib.saturated_fraction(z, name, threshold)
            ),
        ),
        Mistake(
            "at z = 0 ReLU's slope is 0 (the book's convention), so an entry z = 0 is "
            "saturated too: decide by the slope g′(z), not by the sign of z",
            lambda z, name, threshold: np.mean(
                np.where(z == 0, 1.0, _slope(z, name)) < threshold
            ),
        ),
        Mistake(
            "you returned the fraction that is NOT saturated; "
            "count the entries with g′(z) < threshold",
            lambda z, name, threshold: np.mean(_slope(z, name) >= threshold),
        ),
        Mistake(
            "you compared g(z) with the threshold; saturation is about the slope g′(z)",
            lambda z, name, threshold: np.mean(nnlib.ACTIVATIONS[name](z) < threshold),
        ),
        Mistake(
            "you ignored the argument `threshold` and always used 0.05",
            lambda z, name, threshold: nnlib.saturated_fraction(
                z, name, nnlib.SATURATION_THRESHOLD
            ),
        ),
    ],
    ladder=[
        "Which equation defines the fraction, and what "
        "is the mean of an array of True and False?",
        "nnlib.DERIVATIVES maps a name to g′; applied to z it gives one "
        "slope per entry. Comparing those slopes with the threshold gives "
        "True/False per entry, and the mean of an array of booleans is "
        "the fraction of True entries: a float between 0 and 1.",
        "Two lines: `slopes = nnlib.DERIVATIVES[name](z)`, then "
        "`return float(np.mean(slopes < threshold))`.",
    ],
)


# ------------------------------------------------------------------- derive: Var(z^[1])
def _gain(hidden):
    """nnlib's initialisation gain, read from the activation's record: 2 for ReLU, 1 for
    the others here."""
    return nnlib.ACTIVATIONS[hidden].gain


def _first_layer_variance(n_in, hidden, scale, x_mean, x_var):
    """Reference: Var(z^[1]) = n_in · (scale² gain / n_in) · E[x²], with
    E[x²] = Var(x) + mean²."""
    return scale**2 * _gain(hidden) * (x_var + x_mean**2)


def _variance_cases(rng):
    return [
        (
            "the explorer's input: n_0 = 20, tanh, scale 1, x ~ N(0, 1)",
            (20, "tanh", 1.0, 0.0, 1.0),
        ),
        ("n_0 = 20, relu, scale 1, x ~ N(0, 1)", (20, "relu", 1.0, 0.0, 1.0)),
        (
            "n_0 = 784, relu, scale 1, inputs of mean 0.5 and variance 0.25",
            (784, "relu", 1.0, 0.5, 0.25),
        ),
        (
            "n_0 = 10, sigmoid, scale 2, inputs of mean 1 and variance 3",
            (10, "sigmoid", 2.0, 1.0, 3.0),
        ),
        (
            "n_0 = 50, tanh, scale 0.5, inputs of mean −2 and variance 0.5",
            (50, "tanh", 0.5, -2.0, 0.5),
        ),
        (
            "n_0 = 3, relu, scale 3, inputs of mean 0.2 and variance 0.01",
            (3, "relu", 3.0, 0.2, 0.01),
        ),
    ]


first_layer_variance = Checker(
    "first_layer_variance",
    _first_layer_variance,
    _variance_cases,
    kind="derive",
    asks=(),
    mistakes=[
        Mistake(
            "you used Var(x) where eq-forward-variance has E[x²]: for inputs that are "
            "not centred, E[x²] = Var(x) + (mean of x)²",
            lambda n_in, hidden, scale, x_mean, x_var: scale**2 * _gain(hidden) * x_var,
        ),
        Mistake(
            "your answer grows with n_in: the weights' variance is scale² · gain / "
            "n_in, and the sum over the n_in inputs cancels the 1/n_in",
            lambda n_in, hidden, scale, x_mean, x_var: (
                n_in * _first_layer_variance(n_in, hidden, scale, x_mean, x_var)
            ),
        ),
        Mistake(
            "your answer shrinks with n_in: the sum in eq-forward-variance has n_in "
            "terms, each with the weights' variance scale² · gain / n_in",
            lambda n_in, hidden, scale, x_mean, x_var: (
                _first_layer_variance(n_in, hidden, scale, x_mean, x_var) / n_in
            ),
        ),
        Mistake(
            "multiplying every weight by the scale s "
            "multiplies their variance by s², not by s",
            lambda n_in, hidden, scale, x_mean, x_var: (
                scale * _gain(hidden) * (x_var + x_mean**2)
            ),
        ),
        Mistake(
            "nnlib's gain is 2 for ReLU (He et al.) and 1 for the other activations",
            lambda n_in, hidden, scale, x_mean, x_var: scale**2 * (x_var + x_mean**2),
        ),
        Mistake(
            "E[x²] = Var(x) + (mean of x)², not Var(x) + mean: square the mean",
            lambda n_in, hidden, scale, x_mean, x_var: (
                scale**2 * _gain(hidden) * (x_var + x_mean)
            ),
        ),
    ],
    ladder=[
        "In eq-forward-variance with a^[0] = x, what is E[x²] for inputs of mean μ and "
        "variance v? What variance does nnlib give the weights, with which gain, "
        "before they are scaled by s?",
        "eq-forward-variance for layer 1, where a^[0] = x: n_in terms, each the "
        "weights' variance (the scale squared times gain / n_in) times E[x²]. The "
        "inputs are not centred, so E[x²] is not Var(x): expand E[x²] with the mean "
        "and the variance. The gain depends on `hidden`.",
        "Var z^[1] = n_in · (s² · gain / n_in) · (v + μ²): `scale**2 * gain * "
        "(x_var + x_mean**2)`, with `gain = nnlib.ACTIVATIONS[hidden].gain` "
        "(2 for ReLU, 1 for tanh and the sigmoid).",
    ],
)
