"""The network (chapters 3 and 8–10): :class:`Network` strings the formulas together.

``nnlib.forward`` and ``nnlib.backprop`` hold the formulas; a Network keeps its
parameters, draws them at the start with its hidden activation's gain, and checks its
arrays once per pass before it runs them.
"""
from __future__ import annotations

import numpy as np

from . import _validate
from .activations import ACTIVATIONS, DERIVATIVES
from .backprop import backward_deltas, bias_gradient, output_delta, weight_gradient
from .forward import TASKS, forward_layers, predict_labels
from .losses import LOSSES


# -------------------------------------------------------------------------- the network
class Network:
    """A fully connected network of N layers, in the notation of the notes.

    ``sizes`` = [n_0, n_1, …, n_N]; ``hidden`` names the hidden layers' activation, a
    key of ``nnlib.DERIVATIVES``; ``task`` is ``"regression"`` (identity + squared
    error), ``"binary"`` (sigmoid + binary cross-entropy) or ``"multiclass"`` (softmax +
    cross-entropy).  The weights are drawn from N(0, gain / n_{l−1}) with the generator
    of ``seed``, with the hidden activation's gain (``ACTIVATIONS[hidden].gain``: 2 for
    ReLU, after He et al.; 1 for tanh, the sigmoid and the identity, after LeCun et
    al.); biases are 0.

    Parameters
    ----------
    sizes : sequence of int
        [n_0, n_1, …, n_N], at least two sizes.
    hidden : str
        The hidden activation, a key of ``DERIVATIVES``.
    task : str
        A key of ``TASKS``: it fixes the output activation and the loss.
    seed : int
        The seed of the initial weights.

    Attributes
    ----------
    W, b : list of ndarray
        The parameters, indexed like the notes (index 0 unused).
    z, a, delta : list
        What the last forward and backward passes computed.
    N, output, loss : int, str, str
        The number of layers, the output activation and the loss.
    """

    def __init__(self, sizes, hidden="relu", task="multiclass", seed=0):
        self.sizes = _validate.layer_sizes(sizes)
        self.hidden = _validate.one_of(hidden, DERIVATIVES, "hidden activation")
        self.task = _validate.one_of(task, TASKS, "task")
        if task == "multiclass" and self.sizes[-1] < 2:
            raise ValueError("a multiclass network needs at least 2 output units, got "
                             f"n_N = {self.sizes[-1]}")
        rng = np.random.default_rng(_validate.integer(seed, "seed"))
        # layers with parameters (the input a^[0] is not counted)
        self.N = len(self.sizes) - 1
        gain = ACTIVATIONS[self.hidden].gain
        self.output, self.loss = TASKS[task]
        self.W = [None] + [rng.normal(0.0, np.sqrt(gain / n_in), size=(n_out, n_in))
                           for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:])]
        self.b = [None] + [np.zeros((n, 1)) for n in self.sizes[1:]]
        self.z = [None] * (self.N + 1)
        self.a = [None] * (self.N + 1)
        self.delta = [None] * (self.N + 1)

    def __repr__(self):
        return (f"Network(sizes={self.sizes}, hidden={self.hidden!r}, "
                f"task={self.task!r})")

    def g(self, l):
        """The activation function of layer l.

        Parameters
        ----------
        l : int
            A layer, 1 … N.

        Returns
        -------
        Activation
            The record of its activation, called like g.
        """
        return ACTIVATIONS[self.hidden if l < self.N else self.output]

    def forward(self, X):
        """Forward propagation (eq. `eq-forward`): ŷ = a^[N]; keeps all z^[l], a^[l].

        Parameters
        ----------
        X : array_like
            The input, shape (n_0, m).

        Returns
        -------
        ndarray
            ŷ = a^[N], shape (n_N, m).
        """
        X = _validate.network_input(self, X)
        self.z, self.a = forward_layers(self.W, self.b, X, self.hidden, self.output)
        self.delta = [None] * (self.N + 1)
        return self.a[self.N]

    def cost(self, y_hat, Y):
        """The task's cost J = (1/m) Σ L(ŷ, y) (eq. `eq-cost`).

        Parameters
        ----------
        y_hat : ndarray
            ŷ, shape (n_N, m).
        Y : array_like
            The targets, as the task's loss takes them.

        Returns
        -------
        float
            J.
        """
        return LOSSES[self.loss](y_hat, Y)

    def backward(self, Y):
        """Backpropagation: ``(dW, db)``, the gradient of J at the last forward pass.

        Eqs. `eq-output-delta`, `eq-delta-recursion`, `eq-grad-W` and `eq-grad-b`;
        ``dW`` and ``db`` are indexed like ``W`` and ``b``.  Keeps ``self.delta[l]``.

        Parameters
        ----------
        Y : array_like
            The targets of the last forward pass (multiclass: labels (m,) or
            one-hot (n_N, m)).

        Returns
        -------
        dW, db : list of ndarray
            ∇_{W^[l]} J and ∇_{b^[l]} J for l = 1 … N (index 0 is None).
        """
        Y = _validate.backward_targets(self, Y)
        N, a, delta_N = self.N, self.a, output_delta(self.a[self.N], Y, self.task)
        self.delta = delta = backward_deltas(self.W, self.z, delta_N, self.hidden)
        dW = [None] + [weight_gradient(delta[l], a[l - 1]) for l in range(1, N + 1)]
        db = [None] + [bias_gradient(delta[l]) for l in range(1, N + 1)]
        return dW, db

    def loss_and_gradients(self, X, Y):
        """One forward pass, the cost and one backward pass: ``(cost, dW, db)``.

        Parameters
        ----------
        X : array_like
            The input, shape (n_0, m).
        Y : array_like
            The targets.

        Returns
        -------
        cost : float
            J.
        dW, db : list of ndarray
            Its gradients, as ``backward`` returns them.
        """
        X, Y = _validate.batch(self, X, Y)
        J = self.cost(self.forward(X), Y)
        dW, db = self.backward(Y)
        return J, dW, db

    def predict(self, X):
        """Class labels (multiclass, binary) or values (regression) for X's columns.

        Parameters
        ----------
        X : array_like
            The input, shape (n_0, m).

        Returns
        -------
        ndarray
            Labels (m,) for multiclass, 0/1 (n_N, m) for binary, ŷ for regression.
        """
        y_hat = self.forward(X)
        return y_hat if self.task == "regression" else predict_labels(y_hat, self.task)

    def copy(self):
        """An independent copy with the same parameters (and no stored pass).

        Returns
        -------
        Network
            A new network with copies of W and b.
        """
        other = Network(self.sizes, self.hidden, self.task)
        other.W = [None] + [w.copy() for w in self.W[1:]]
        other.b = [None] + [v.copy() for v in self.b[1:]]
        return other
