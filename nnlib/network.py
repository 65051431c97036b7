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


def forward_layers(W, b, X, hidden="relu", output="softmax"):
    """Forward propagation through N layers (eq. `eq-forward`): returns the lists ``(z, a)``.

    ``W`` and ``b`` are indexed as in the notes (``W[0]``, ``b[0]`` unused), so there are
    N = len(W) − 1 layers.  From a^[0] = X, layer l computes z^[l] = W^[l] a^[l−1] + b^[l]
    (eq. `eq-affine`) and a^[l] = g(z^[l]), with g = ``hidden`` for l < N and g = ``output``
    for l = N.  ``z[0]`` is None, ``a[0]`` is X and ``a[N]`` is ŷ; every z^[l] and a^[l]
    is returned because backpropagation needs them.
    """
    if not isinstance(W, (list, tuple)) or not isinstance(b, (list, tuple)) or len(W) < 2 or len(W) != len(b):
        raise ValueError("W and b must be lists of the same length N + 1 >= 2, indexed like the notes "
                         "(W[0] and b[0] unused, W[1] ... W[N])")
    check_name(hidden, act.HIDDEN_ACTIVATIONS, "hidden activation")
    check_name(output, tuple(act.ACTIVATIONS), "output activation")
    N = len(W) - 1
    z = [None] * (N + 1)
    a = [as_float_array(X, "X (= a[0])", ndim=2)] + [None] * N
    for l in range(1, N + 1):
        Wl = as_float_array(W[l], f"layer {l}: W[{l}]", ndim=2)
        bl = as_float_array(b[l], f"layer {l}: b[{l}]", ndim=2)
        if Wl.shape[1] != a[l - 1].shape[0]:
            raise ValueError(f"layer {l}: W[{l}] has shape {Wl.shape} but a[{l - 1}] has {a[l - 1].shape[0]} rows")
        if bl.shape != (Wl.shape[0], 1):
            raise ValueError(f"layer {l}: b[{l}] has shape {bl.shape} but must be (n_{l}, 1) = {(Wl.shape[0], 1)}")
        z[l] = affine(Wl, a[l - 1], bl)
        a[l] = act.ACTIVATIONS[output if l == N else hidden](z[l])
    return z, a


def predict_labels(y_hat, task):
    """Class labels from the output ŷ = a^[N] (eq. `eq-predict-labels`).

    ``"multiclass"``: the most probable class of each column, argmax_j ŷ_j, an integer
    array of shape (m,).  ``"binary"``: 1 where ŷ ≥ 0.5 (that is, where the logit
    z ≥ 0) and 0 elsewhere, an integer array of the shape of ``y_hat``.
    """
    if task == "regression":
        raise ValueError("a regression network predicts values, not labels: y_hat itself is the prediction")
    check_name(task, ("binary", "multiclass"), "task")
    y_hat = np.asarray(y_hat, dtype=np.float64)
    if y_hat.ndim != 2:
        raise ValueError(f"y_hat must have shape (n_N, m), one column per example, got shape {y_hat.shape}")
    if task == "multiclass":
        return np.argmax(y_hat, axis=0)
    return (y_hat >= 0.5).astype(np.int64)


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
        self.z, self.a = forward_layers(W, b, X, self.hidden, self.output)
        self.delta = [None] * (self.N + 1)
        return self.a[self.N]

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
        """One forward pass, the cost and one backward pass: ``(cost, dW, db)``.

        Y is checked (and labels are turned one-hot) once, before the forward pass, so
        that a bad Y leaves the network as it was.
        """
        Y = self._checked_targets(Y, self._checked_input(X).shape[1])
        y_hat = self.forward(X)
        J = losses.LOSSES[self.loss](y_hat, Y)  # y_hat and Y are checked already: no need for self.cost
        dW, db = self.backward(Y)
        return J, dW, db

    def predict(self, X):
        """Class labels (multiclass, binary) or values (regression) for the columns of X."""
        y_hat = self.forward(X)
        if self.task == "regression":
            return y_hat
        return predict_labels(y_hat, self.task)

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


# --------------------------------------------------------------------------- chapter 12: mini-batches
def per_example_weight_gradients(delta, a_prev):
    """One gradient per example: ∇_{W^[l]} L^(i) = δ^[l](i) a^[l−1](i)ᵀ, stacked (eq. `eq-batch-grad-W`).

    ``delta`` is (n_l, m) and ``a_prev`` is (n_{l−1}, m); returns an array of shape
    (m, n_l, n_{l−1}) whose i-th matrix is the outer product of column i of ``delta``
    and column i of ``a_prev``.  Its mean over the first axis is :func:`weight_gradient`.
    """
    delta = np.asarray(delta, dtype=np.float64)
    a_prev = np.asarray(a_prev, dtype=np.float64)
    if delta.ndim != 2 or a_prev.ndim != 2 or delta.shape[1] != a_prev.shape[1]:
        raise ValueError(f"delta (n_l, m) and a_prev (n_(l-1), m) must have the same m columns, "
                         f"got shapes {delta.shape} and {a_prev.shape}")
    return np.einsum("im,jm->mij", delta, a_prev)


def minibatch_columns(A, perm, k, batch_size):
    """Mini-batch number ``k`` (from 0) of an epoch: the columns ``perm[k·B : (k+1)·B]`` of ``A``.

    ``A`` holds one example per column (X of shape (n_0, m), or Y; integer labels of
    shape (m,) work too); ``perm`` is a permutation of 0 … m−1 and B = ``batch_size``.
    The last batch of an epoch holds the m − k·B remaining columns when B does not
    divide m (eq. `eq-minibatch-cost`).
    """
    cols = np.asarray(perm)[k * batch_size:(k + 1) * batch_size]
    return np.asarray(A)[..., cols]


def minibatches(X, Y, batch_size, rng):
    """The mini-batches of one epoch: a list of ``(X_batch, Y_batch)`` pairs (chapter 12).

    The m columns are shuffled with ``rng`` (a ``np.random.Generator`` or an integer
    seed) and cut into ⌈m / B⌉ batches of B = ``batch_size`` consecutive shuffled
    columns; the last batch may be smaller.  Every example is in exactly one batch.
    ``Y`` may be (n_N, m) targets or (m,) integer labels.
    """
    m = np.shape(X)[-1]
    if np.shape(Y)[-1] != m:
        raise ValueError(f"X has {m} columns (examples) but Y has {np.shape(Y)[-1]}")
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
    if not isinstance(rng, (np.random.Generator, int, np.integer)) or isinstance(rng, bool):
        raise TypeError(f"rng must be a numpy Generator or an integer seed, got {type(rng).__name__}")
    perm = np.random.default_rng(rng).permutation(m)
    n_batches = -(-m // batch_size)
    return [(minibatch_columns(X, perm, k, batch_size), minibatch_columns(Y, perm, k, batch_size))
            for k in range(n_batches)]


# --------------------------------------------------------------------------- chapters 8–10: backpropagation, piece by piece
def output_delta_chain_rule(z, Y, output, loss):
    """δ^[N] = ∇_{z^[N]} L by the chain rule, for any output activation and loss (chapter 8).

    For an element-wise ``output`` it is ∇_ŷ L ∘ g'(z^[N]) (eq. `eq-output-delta-elementwise`);
    for softmax it is Jᵀ ∇_ŷ L with the Jacobian J = diag(ŷ) − ŷŷᵀ of each column
    (eqs. `eq-softmax-jacobian`, `eq-output-delta-jacobian`).  Unlike :func:`output_delta`
    it also serves a *mismatched* pair such as squared error on a sigmoid, where no
    factor cancels.  For a matched pair it equals ŷ − y, but it is the less stable route:
    ∇_ŷ L divides by ŷ, which the shortcut never does.  One column per example, not
    divided by m.
    """
    check_name(output, tuple(act.ACTIVATIONS), "output activation")
    check_name(loss, tuple(losses.LOSS_GRADIENTS), "loss")
    z = as_float_array(z, "z", ndim=2)
    y_hat = act.ACTIVATIONS[output](z)
    grad = losses.LOSS_GRADIENTS[loss](y_hat, Y)  # ∇_ŷ L, (n_N, m)
    if output == "softmax":
        J = act.softmax_jacobian(z)  # (m, k, k): J[e, i, j] = ∂ŷ_i/∂z_j for example e
        return np.einsum("eij,ie->je", J, grad)  # column e: J_eᵀ ∇_ŷ L
    return grad * act.DERIVATIVES[output](z)


def forward_from(net, l, z_l):
    """ŷ computed from the pre-activation z^[l] of layer l onwards (chapter 9).

    Runs a^[l] = g(z^[l]) and then layers l + 1 … N of ``net``; the loss as a function
    of z^[l] alone, whose gradient (per example) is δ^[l].  ``net`` is not changed.
    """
    if not (isinstance(l, (int, np.integer)) and 1 <= l <= net.N):
        raise ValueError(f"l must be a layer 1 … {net.N}, got {l!r}")
    z_l = as_float_array(z_l, f"z[{l}]", ndim=2)
    if z_l.shape[0] != net.sizes[l]:
        raise ValueError(f"z[{l}] must have n_{l} = {net.sizes[l]} rows, got shape {z_l.shape}")
    a = net.g(l)(z_l)
    for k in range(l + 1, net.N + 1):
        a = net.g(k)(affine(net.W[k], a, net.b[k]))
    return a


def backward_deltas(W, z, delta_N, hidden):
    """Every δ^[l], from δ^[N] down to δ^[1], by the recursion (eq. `eq-delta-recursion`).

    ``W`` and ``z`` are lists indexed like the notes (index 0 unused), ``delta_N`` is
    δ^[N] of shape (n_N, m) and ``hidden`` names the hidden activation, whose derivative
    g' is applied at layers N − 1 … 1.  Returns ``[None, δ^[1], …, δ^[N]]``.
    """
    check_name(hidden, tuple(act.DERIVATIVES), "hidden activation")
    N = len(W) - 1
    g_prime = act.DERIVATIVES[hidden]
    delta = [None] * (N + 1)
    delta[N] = np.asarray(delta_N, dtype=np.float64)
    for l in range(N - 1, 0, -1):
        delta[l] = hidden_delta(W[l + 1], delta[l + 1], g_prime(z[l]))
    return delta


def misprinted_weight_gradient(delta, a_same_layer):
    """The notes' printed formula (1/m) δ^[l] a^[l]ᵀ, which is WRONG (chapter 10).

    Kept only to show how it fails: its shape is n_l × n_l instead of W^[l]'s
    n_l × n_{l−1}, and where the two agree (a square layer) a finite-difference check
    rejects its numbers.  The right formula is :func:`weight_gradient` (eq. `eq-grad-W`).
    """
    m = delta.shape[1]
    return delta @ a_same_layer.T / m
