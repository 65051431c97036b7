"""Forward and backward propagation through N fully connected layers (chapters 1, 3, 8–12).

The formulas of the book live here once, as small functions; :class:`Network` strings
them together and keeps every layer's z, a and δ for inspection.  Lists are indexed as
in the notes: ``W[1]`` is W^[1], ``a[0]`` is the input x, and index 0 of ``W``, ``b``,
``z`` and ``delta`` is unused (``None``).
"""
from __future__ import annotations

import numpy as np

from . import activations as act
from . import losses
from ._validate import as_float_array, check_name

#: The three tasks of the notes, each fixing the output activation g^[N] and the loss.
TASKS = {
    "regression": ("identity", "squared_error"),
    "binary": ("sigmoid", "binary_cross_entropy"),
    "multiclass": ("softmax", "cross_entropy"),
}


# --------------------------------------------------------------------------- formulas
def affine(W, a_prev, b):
    """The affine map of one layer: z^[l] = W^[l] a^[l−1] + b^[l] (eq. `eq-affine`).

    ``W`` is (n_l, n_{l−1}), ``a_prev`` is (n_{l−1}, m) and ``b`` is (n_l, 1); the bias
    column is broadcast across the m examples.
    """
    return W @ a_prev + b


def output_delta(y_hat, Y, task):
    """The output error δ^[N] = ŷ − y of a matched task (eq. `eq-output-delta`).

    Identity + squared error, sigmoid + binary cross-entropy and softmax +
    cross-entropy all give ŷ − y; the book derives this in chapter 8.  For
    ``multiclass`` the targets may be integer labels, which are turned one-hot first.
    """
    check_name(task, tuple(TASKS), "task")
    if task == "multiclass":
        Y = losses.as_one_hot(Y, *np.shape(y_hat))
    return y_hat - Y


def hidden_delta(W_next, delta_next, g_prime_z):
    """The backward recursion δ^[l] = (W^[l+1]ᵀ δ^[l+1]) ∘ g'(z^[l]) (eq. `eq-delta-recursion`)."""
    return (W_next.T @ delta_next) * g_prime_z


def weight_gradient(delta, a_prev):
    """∇_{W^[l]} J = (1/m) δ^[l] a^[l−1]ᵀ (eq. `eq-grad-W`).

    The notes print a^[l]ᵀ; that is wrong (the shapes give n_l × n_l, not
    n_l × n_{l−1}).  The matrix product sums over the m examples; 1/m averages.
    """
    m = delta.shape[1]
    return delta @ a_prev.T / m


def bias_gradient(delta):
    """∇_{b^[l]} J = (1/m) Σ_columns δ^[l] (eq. `eq-grad-b`)."""
    return np.mean(delta, axis=1, keepdims=True)


def parameter_count(sizes):
    """Number of parameters of a network with layer sizes [n_0, …, n_N] (eq. `eq-parameter-count`).

    Each layer l has n_l × n_{l−1} weights and n_l biases: Σ_l n_l (n_{l−1} + 1).
    """
    sizes = list(sizes)
    if len(sizes) < 2 or any(isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1 for n in sizes):
        raise ValueError(f"sizes must be at least two positive integers [n_0, …, n_N], got {sizes!r}")
    return int(sum(n_l * (n_prev + 1) for n_prev, n_l in zip(sizes[:-1], sizes[1:])))


# --------------------------------------------------------------------------- network
class Network:
    """A fully connected network of N layers, in the notation of the notes.

    Parameters
    ----------
    sizes : sequence of int
        ``[n_0, n_1, …, n_N]``: input size, hidden sizes, output size.
    hidden : str
        Activation g of the hidden layers: ``"relu"``, ``"tanh"``, ``"sigmoid"`` or
        ``"identity"``.
    task : str
        ``"regression"`` (identity + squared error), ``"binary"`` (sigmoid + binary
        cross-entropy) or ``"multiclass"`` (softmax + cross-entropy).
    seed : int
        Seed of the generator that draws the initial weights (He initialisation for
        ReLU, Xavier otherwise); biases start at zero.
    """

    def __init__(self, sizes, hidden="relu", task="multiclass", seed=0):
        sizes = list(sizes) if isinstance(sizes, (list, tuple, np.ndarray)) else sizes
        if not isinstance(sizes, list) or len(sizes) < 2:
            raise ValueError(f"sizes must list at least two layer sizes [n_0, …, n_N], got {sizes!r}")
        for i, n in enumerate(sizes):
            if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
                raise ValueError(f"sizes[{i}] = {n!r}: every layer size must be a positive integer")
        check_name(hidden, act.HIDDEN_ACTIVATIONS, "hidden activation")
        check_name(task, tuple(TASKS), "task")
        if task == "multiclass" and sizes[-1] < 2:
            raise ValueError(f"a multiclass network needs at least 2 output units, got n_N = {sizes[-1]}")
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
            raise TypeError(f"seed must be an integer, got {type(seed).__name__}")
        self.sizes = [int(n) for n in sizes]
        self.hidden = hidden
        self.task = task
        self.output, self.loss = TASKS[task]
        rng = np.random.default_rng(seed)
        gain = 2.0 if hidden == "relu" else 1.0
        self.W = [None] + [
            rng.normal(0.0, np.sqrt(gain / n_in), size=(n_out, n_in))
            for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:])
        ]
        self.b = [None] + [np.zeros((n, 1)) for n in self.sizes[1:]]
        self.z = [None] * (self.N + 1)
        self.a = [None] * (self.N + 1)
        self.delta = [None] * (self.N + 1)

    @property
    def N(self):
        """Number of layers with parameters (the input layer a^[0] is not counted)."""
        return len(self.sizes) - 1

    def __repr__(self):
        return f"Network(sizes={self.sizes}, hidden={self.hidden!r}, task={self.task!r})"

    def g(self, l):
        """The activation function of layer l."""
        return act.ACTIVATIONS[self.output if l == self.N else self.hidden]

    # ---------------------------------------------------------------- checks
    def _checked_parameters(self):
        """Validate W and b (lengths, types, shapes, finiteness) and return float64 copies-or-views."""
        N = self.N
        for name, params in (("W", self.W), ("b", self.b)):
            if not isinstance(params, (list, tuple)) or len(params) != N + 1:
                got = len(params) if isinstance(params, (list, tuple)) else type(params).__name__
                raise ValueError(
                    f"{name} must be a list of N + 1 = {N + 1} entries ({name}[0] unused, {name}[1] … {name}[{N}]), got {got}"
                )
        W, b = [None], [None]
        for l in range(1, N + 1):
            n_l, n_prev = self.sizes[l], self.sizes[l - 1]
            Wl = as_float_array(self.W[l], f"layer {l}: W[{l}]")
            bl = as_float_array(self.b[l], f"layer {l}: b[{l}]")
            if Wl.shape != (n_l, n_prev):
                hint = " (it is transposed)" if Wl.shape == (n_prev, n_l) else ""
                raise ValueError(f"layer {l}: W[{l}] has shape {Wl.shape} but must be (n_{l}, n_{l - 1}) = {(n_l, n_prev)}{hint}")
            if bl.shape != (n_l, 1):
                raise ValueError(f"layer {l}: b[{l}] has shape {bl.shape} but must be (n_{l}, 1) = {(n_l, 1)}")
            W.append(Wl)
            b.append(bl)
        return W, b

    def _checked_input(self, X):
        X = as_float_array(X, "X (= a[0])")
        if X.ndim != 2:
            hint = f"; for one example use X.reshape({X.size}, 1)" if X.ndim == 1 and X.size == self.sizes[0] else ""
            raise ValueError(f"X (= a[0]) must have shape (n_0, m) = ({self.sizes[0]}, m), got shape {X.shape}{hint}")
        if X.shape[0] != self.sizes[0]:
            hint = " (it is transposed: one example per column, please)" if X.shape[1] == self.sizes[0] else ""
            raise ValueError(f"layer 1: W[1] has shape {(self.sizes[1], self.sizes[0])} but a[0] = X has {X.shape[0]} rows{hint}")
        if X.shape[1] == 0:
            raise ValueError("X has no columns: the batch is empty (m = 0)")
        return X

    # ---------------------------------------------------------------- passes
    def forward(self, X):
        """Forward propagation (eq. `eq-forward`): returns ŷ = a^[N] of shape (n_N, m).

        Keeps ``self.z[l]`` and ``self.a[l]`` for l = 0 … N (``a[0]`` is X).
        """
        X = self._checked_input(X)
        W, b = self._checked_parameters()
        z = [None] * (self.N + 1)
        a = [X] + [None] * self.N
        for l in range(1, self.N + 1):
            z[l] = affine(W[l], a[l - 1], b[l])
            a[l] = self.g(l)(z[l])
        self.z, self.a = z, a
        self.delta = [None] * (self.N + 1)
        return a[self.N]

    def _checked_targets(self, Y, m):
        n_N = self.sizes[-1]
        if self.task == "multiclass":
            return losses.as_one_hot(Y, n_N, m)
        Y = as_float_array(Y, "Y")
        if Y.shape != (n_N, m):
            raise ValueError(f"Y has shape {Y.shape} but the network's output y_hat has shape {(n_N, m)}")
        if self.task == "binary":
            losses._check_binary_targets(Y)
        return Y

    def cost(self, y_hat, Y):
        """The task's cost J = (1/m) Σ L(ŷ, y) (eq. `eq-cost`)."""
        y_hat = as_float_array(y_hat, "y_hat", ndim=2)
        if y_hat.shape[0] != self.sizes[-1]:
            raise ValueError(f"y_hat has shape {y_hat.shape} but the network has n_N = {self.sizes[-1]} outputs")
        Y = self._checked_targets(Y, y_hat.shape[1])
        return losses.LOSSES[self.loss](y_hat, Y)

    def backward(self, Y):
        """Backpropagation (eqs. `eq-output-delta`, `eq-delta-recursion`, `eq-grad-W`, `eq-grad-b`).

        Returns ``(dW, db)``, lists indexed like ``W`` and ``b``: the gradient of the cost
        at the last forward pass.  Keeps ``self.delta[l]`` for l = 1 … N.
        """
        if self.a[self.N] is None:
            raise ValueError("call forward(X) before backward(Y): there is no forward pass to differentiate")
        W, _ = self._checked_parameters()
        m = self.a[0].shape[1]
        Y = self._checked_targets(Y, m)
        N = self.N
        delta = [None] * (N + 1)
        delta[N] = output_delta(self.a[N], Y, self.task)
        g_prime = act.DERIVATIVES[self.hidden]
        for l in range(N - 1, 0, -1):
            delta[l] = hidden_delta(W[l + 1], delta[l + 1], g_prime(self.z[l]))
        dW = [None] + [weight_gradient(delta[l], self.a[l - 1]) for l in range(1, N + 1)]
        db = [None] + [bias_gradient(delta[l]) for l in range(1, N + 1)]
        self.delta = delta
        return dW, db

    def loss_and_gradients(self, X, Y):
        """One forward pass, the cost and one backward pass: ``(cost, dW, db)``."""
        y_hat = self.forward(X)
        J = self.cost(y_hat, Y)
        dW, db = self.backward(Y)
        return J, dW, db

    def predict(self, X):
        """Class labels (multiclass, binary) or values (regression) for the columns of X."""
        y_hat = self.forward(X)
        if self.task == "multiclass":
            return np.argmax(y_hat, axis=0)
        if self.task == "binary":
            return (y_hat >= 0.5).astype(np.int64)
        return y_hat

    def copy(self):
        """An independent copy with the same parameters."""
        other = Network.__new__(Network)
        other.__dict__.update(self.__dict__)
        other.sizes = list(self.sizes)
        other.W = [None] + [w.copy() for w in self.W[1:]]
        other.b = [None] + [v.copy() for v in self.b[1:]]
        other.z = [None] * (self.N + 1)
        other.a = [None] * (self.N + 1)
        other.delta = [None] * (self.N + 1)
        return other


def per_example_gradients(net, X, Y):
    """The same gradient as ``net.backward`` but one example at a time (chapter 12).

    Runs forward and backward on each column separately and averages: the slow loop
    that the vectorised batch replaces.  Returns ``(cost, dW, db)``.
    """
    X = net._checked_input(X)
    m = X.shape[1]
    Y_full = net._checked_targets(Y, m)
    cost = 0.0
    dW = [None] + [np.zeros_like(w, dtype=np.float64) for w in net.W[1:]]
    db = [None] + [np.zeros_like(v, dtype=np.float64) for v in net.b[1:]]
    for i in range(m):
        y_hat = net.forward(X[:, i : i + 1])
        cost += net.cost(y_hat, Y_full[:, i : i + 1]) / m
        gW, gb = net.backward(Y_full[:, i : i + 1])
        for l in range(1, net.N + 1):
            dW[l] += gW[l] / m
            db[l] += gb[l] / m
    return cost, dW, db
