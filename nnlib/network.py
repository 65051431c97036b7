"""Forward and backward propagation through N fully connected layers (chapters 1, 3, 4, 8–10).

The formulas live here once, in chapter order; :class:`Network` strings them together and
checks its arrays once per pass.  Lists are indexed as in the notes (index 0 unused).
"""
from __future__ import annotations

import numpy as np

from . import _validate
from .activations import ACTIVATIONS, DERIVATIVES
from .losses import LOSS_GRADIENTS, LOSSES, one_hot

#: The three tasks of the notes, each fixing the output activation g^[N] and the loss.
TASKS = _validate.Registry("task", {
    "regression": ("identity", "squared_error"),
    "binary": ("sigmoid", "binary_cross_entropy"),
    "multiclass": ("softmax", "cross_entropy"),
})


# --------------------------------------------------------------------------- chapter 1
def affine(W, a_prev, b):
    """The affine map of one layer: z^[l] = W^[l] a^[l−1] + b^[l] (eq. `eq-affine`).

    W: (n_l, n_{l−1}), a_prev: (n_{l−1}, m), b: (n_l, 1), broadcast over the m columns.
    """
    return W @ a_prev + b


def parameter_count(sizes):
    """The number of parameters of layers [n_0, …, n_N] (eq. `eq-parameter-count`).

    Layer l has n_l × n_{l−1} weights and n_l biases: Σ_l n_l (n_{l−1} + 1).
    """
    sizes = _validate.layer_sizes(sizes)
    return sum(n_l * (n_prev + 1) for n_prev, n_l in zip(sizes[:-1], sizes[1:]))


# --------------------------------------------------------------------------- chapters 3 and 4
def forward_layers(W, b, X, hidden="relu", output="softmax"):
    """Forward propagation through N = len(W) − 1 layers (eq. `eq-forward`).

    From a^[0] = X, layer l computes z^[l] = W^[l] a^[l−1] + b^[l] and a^[l] = g(z^[l]),
    g = ``hidden`` for l < N and ``output`` for l = N.  Returns the lists ``(z, a)``:
    backpropagation needs every z^[l] and a^[l].  ``z[0]`` is None, ``a[N]`` is ŷ.
    """
    N = len(W) - 1
    z, a = [None] * (N + 1), [X] + [None] * N
    for l in range(1, N + 1):
        z[l] = affine(W[l], a[l - 1], b[l])                    # z = W a + b
        a[l] = ACTIVATIONS[hidden if l < N else output](z[l])  # a = g(z)
    return z, a


def predict_labels(y_hat, task):
    """Class labels from ŷ = a^[N] (eq. `eq-predict-labels`).

    Multiclass: argmax_j ŷ_j per column, shape (m,); binary: 1 where ŷ ≥ 0.5 (z ≥ 0).
    """
    task = _validate.one_of(task, ("binary", "multiclass"), "task with class labels")
    if task == "multiclass":
        return np.argmax(y_hat, axis=0)
    return (np.asarray(y_hat) >= 0.5).astype(np.int64)


# --------------------------------------------------------------------------- chapter 8
def output_delta(y_hat, Y, task):
    """The output error δ^[N] = ŷ − y of a matched task (eq. `eq-output-delta`).

    Identity + squared error, sigmoid + binary cross-entropy and softmax +
    cross-entropy all give ŷ − y (chapter 8).  For ``multiclass``, Y may be labels.
    """
    _validate.one_of(task, TASKS, "task")
    if task == "multiclass" and np.ndim(Y) == 1:  # integer labels: one-hot columns
        Y = one_hot(Y, len(y_hat))
    return y_hat - Y


def output_delta_chain_rule(z, Y, output, loss):
    """δ^[N] = ∇_{z^[N]} L by the chain rule, for any output activation and loss.

    Element-wise ``output``: ∇_ŷ L ∘ g′(z^[N]) (`eq-output-delta-elementwise`); softmax:
    (∂ŷ/∂z)ᵀ ∇_ŷ L per column, ∂ŷ/∂z = diag(ŷ) − ŷŷᵀ (`eq-output-delta-jacobian`).  It
    serves a mismatched pair too (squared error on a sigmoid), where no factor cancels;
    for a matched pair it equals ŷ − y by a less stable route.  Not ÷ m.
    """
    g = ACTIVATIONS[output]
    grad = LOSS_GRADIENTS[loss](g(z), Y)  # ∇_ŷ L
    if g.jacobian is not None:  # softmax: column e gets (∂ŷ/∂z)ᵀ ∇_ŷ L by its Jacobian
        return np.einsum("eij,ie->je", g.jacobian(z), grad)
    return grad * g.derivative(z)  # ∇_ŷ L ∘ g′(z)


# --------------------------------------------------------------------------- chapter 9
def hidden_delta(W_next, delta_next, g_prime_z):
    """The backward recursion δ^[l] = (W^[l+1]ᵀ δ^[l+1]) ∘ g′(z^[l]).

    Eq. `eq-delta-recursion`: ``W_next`` is W^[l+1], ``delta_next`` is δ^[l+1] and
    ``g_prime_z`` is g′(z^[l]).
    """
    return (W_next.T @ delta_next) * g_prime_z


def backward_deltas(W, z, delta_N, hidden):
    """Every δ^[l] from δ^[N] down to δ^[1] by the recursion (eq. `eq-delta-recursion`).

    W and z are indexed like the notes; returns ``[None, δ^[1], …, δ^[N]]``.
    """
    g_prime = DERIVATIVES[hidden]
    N = len(W) - 1
    delta = [None] * N + [delta_N]
    for l in range(N - 1, 0, -1):
        delta[l] = hidden_delta(W[l + 1], delta[l + 1], g_prime(z[l]))
    return delta


def forward_from(net, l, z_l):
    """ŷ from the pre-activation z^[l] of layer l on (chapter 9): its loss's gradient is δ^[l]."""
    l = _validate.layer(net, l)
    z, a = forward_layers(net.W[l:], net.b[l:], net.g(l)(z_l), net.hidden, net.output)
    return a[-1]


# --------------------------------------------------------------------------- chapter 10
def weight_gradient(delta, a_prev):
    """∇_{W^[l]} J = (1/m) δ^[l] a^[l−1]ᵀ (eq. `eq-grad-W`).

    The matrix product sums over the m examples; 1/m averages.  The notes print
    a^[l]ᵀ, which is wrong (n_l × n_l instead of n_l × n_{l−1}).
    """
    m = delta.shape[1]
    return delta @ a_prev.T / m


def bias_gradient(delta):
    """∇_{b^[l]} J = (1/m) Σ_columns δ^[l] (eq. `eq-grad-b`)."""
    m = delta.shape[1]
    return delta.sum(axis=1, keepdims=True) / m


def misprinted_weight_gradient(delta, a_same_layer):
    """The notes' printed (1/m) δ^[l] a^[l]ᵀ: WRONG (n_l × n_l), kept to show how it fails."""
    return delta @ a_same_layer.T / delta.shape[1]


# --------------------------------------------------------------------------- the network
class Network:
    """A fully connected network of N layers, in the notation of the notes.

    ``sizes`` = [n_0, n_1, …, n_N]; ``hidden`` names the hidden layers' activation, a key
    of ``nnlib.DERIVATIVES``; ``task`` is ``"regression"`` (identity + squared error),
    ``"binary"`` (sigmoid + binary cross-entropy) or ``"multiclass"`` (softmax +
    cross-entropy).  The weights are drawn from N(0, gain / n_{l−1}) with the generator
    of ``seed``, with the hidden activation's gain (``ACTIVATIONS[hidden].gain``: 2 for
    ReLU, after He et al.; 1 for tanh, the sigmoid and the identity, after LeCun et
    al.); biases are 0.
    """

    def __init__(self, sizes, hidden="relu", task="multiclass", seed=0):
        self.sizes = _validate.layer_sizes(sizes)
        self.hidden = _validate.one_of(hidden, DERIVATIVES, "hidden activation")
        self.task = _validate.one_of(task, TASKS, "task")
        if task == "multiclass" and self.sizes[-1] < 2:
            raise ValueError(f"a multiclass network needs at least 2 output units, got n_N = {self.sizes[-1]}")
        rng = np.random.default_rng(_validate.integer(seed, "seed"))
        self.N = len(self.sizes) - 1  # layers with parameters (the input a^[0] is not counted)
        gain = ACTIVATIONS[self.hidden].gain
        self.output, self.loss = TASKS[task]
        self.W = [None] + [rng.normal(0.0, np.sqrt(gain / n_in), size=(n_out, n_in))
                           for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:])]
        self.b = [None] + [np.zeros((n, 1)) for n in self.sizes[1:]]
        self.z, self.a, self.delta = [None] * (self.N + 1), [None] * (self.N + 1), [None] * (self.N + 1)

    def __repr__(self):
        return f"Network(sizes={self.sizes}, hidden={self.hidden!r}, task={self.task!r})"

    def g(self, l):
        """The activation function of layer l."""
        return ACTIVATIONS[self.hidden if l < self.N else self.output]

    def forward(self, X):
        """Forward propagation (eq. `eq-forward`): ŷ = a^[N]; keeps all z^[l], a^[l]."""
        X = _validate.network_input(self, X)
        self.z, self.a = forward_layers(self.W, self.b, X, self.hidden, self.output)
        self.delta = [None] * (self.N + 1)
        return self.a[self.N]

    def cost(self, y_hat, Y):
        """The task's cost J = (1/m) Σ L(ŷ, y) (eq. `eq-cost`)."""
        return LOSSES[self.loss](y_hat, Y)

    def backward(self, Y):
        """Backpropagation: ``(dW, db)``, the gradient of J at the last forward pass.

        Eqs. `eq-output-delta`, `eq-delta-recursion`, `eq-grad-W` and `eq-grad-b`;
        ``dW`` and ``db`` are indexed like ``W`` and ``b``.  Keeps ``self.delta[l]``.
        """
        Y = _validate.backward_targets(self, Y)
        N, a, delta_N = self.N, self.a, output_delta(self.a[self.N], Y, self.task)
        self.delta = delta = backward_deltas(self.W, self.z, delta_N, self.hidden)
        dW = [None] + [weight_gradient(delta[l], a[l - 1]) for l in range(1, N + 1)]
        db = [None] + [bias_gradient(delta[l]) for l in range(1, N + 1)]
        return dW, db

    def loss_and_gradients(self, X, Y):
        """One forward pass, the cost and one backward pass: ``(cost, dW, db)``."""
        X, Y = _validate.batch(self, X, Y)
        J = self.cost(self.forward(X), Y)
        dW, db = self.backward(Y)
        return J, dW, db

    def predict(self, X):
        """Class labels (multiclass, binary) or values (regression) for the columns of X."""
        y_hat = self.forward(X)
        return y_hat if self.task == "regression" else predict_labels(y_hat, self.task)

    def copy(self):
        """An independent copy with the same parameters (and no stored pass)."""
        other = Network(self.sizes, self.hidden, self.task)
        other.W, other.b = [None] + [w.copy() for w in self.W[1:]], [None] + [v.copy() for v in self.b[1:]]
        return other
