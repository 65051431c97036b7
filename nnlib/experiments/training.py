"""The numbers behind the figures of chapter 13, training: descent on a parabola and the
playground (chapter 12's, mini-batch noise and timing, are in ``minibatches``)."""

from __future__ import annotations

import functools

import numpy as np

from .. import (
    Network,
    datasets,
    descend,
    train,
)


# --------------------------------------------------------------------------- chapter 13
def quadratic_descent(alpha, curvature, w0, steps):
    """Gradient descent on J(w) = ½ λ w² (eq. `eq-training-quadratic`): the iterates w_0
    … w_steps.

    Each step is ``nnlib.descend`` with the gradient dJ/dw = λw.

    Parameters
    ----------
    alpha : float
        The learning rate α.
    curvature : float
        λ.
    w0 : float
        The start.
    steps : int
        The number of steps.

    Returns
    -------
    ndarray
        Shape (steps + 1,).
    """
    w = [np.array([[float(w0)]])]
    for _ in range(int(steps)):
        w.append(descend(w[-1], curvature * w[-1], alpha))
    return np.array([float(v[0, 0]) for v in w])


#: The playground trains for this many epochs and keeps the parameters every
#: SNAPSHOT_EVERY epochs.
PLAYGROUND_EPOCHS = 400
PLAYGROUND_SNAPSHOT_EVERY = 10
PLAYGROUND_LEARNING_RATES = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
#: The hidden activations the playground offers, named so that one registered later does
#: not add its runs (and pictures) to the book.
PLAYGROUND_ACTIVATIONS = ("identity", "sigmoid", "tanh", "relu")


class PlaygroundRun:
    """One training run of the playground: the data, the costs per epoch, and snapshots
    of W and b.

    Parameters
    ----------
    dataset : str
        A key of ``nnlib.datasets.TOY_DATASETS``.
    X, y : ndarray
        The data and its labels.
    net : Network
        The network as trained.
    costs : sequence of float
        J after each epoch, epoch 0 first.
    snapshots : dict
        Epoch → ``(W, b)``.
    diverged_at : int or None
        The epoch where training diverged, if it did.
    """

    def __init__(self, dataset, X, y, net, costs, snapshots, diverged_at):
        self.dataset, self.X, self.y = dataset, X, y
        self.net = net
        self.costs = np.asarray(costs)
        self.snapshots = snapshots  # {epoch: (W, b)}
        self.diverged_at = diverged_at

    def last_epoch(self, epoch):
        """The latest snapshot epoch that is not after ``epoch``.

        Parameters
        ----------
        epoch : int
            An epoch, 0 … the run's last.

        Returns
        -------
        int
        """
        kept = [e for e in self.snapshots if e <= epoch]
        return max(kept) if kept else 0

    def network(self, epoch):
        """The network as it was after ``epoch`` epochs (the nearest snapshot at or
        before it).

        Parameters
        ----------
        epoch : int
            An epoch.

        Returns
        -------
        Network
            A copy with that snapshot's W and b.
        """
        W, b = self.snapshots[self.last_epoch(epoch)]
        net = self.net.copy()
        net.W, net.b = list(W), list(b)
        return net


@functools.lru_cache(maxsize=64)
def playground_run(
    dataset="moons",
    hidden=8,
    activation="tanh",
    learning_rate=1.0,
    epochs=PLAYGROUND_EPOCHS,
    seed=0,
):
    """Train a [2, hidden, 1] binary classifier on a toy data set once, and remember the
    run.

    Full-batch gradient descent (``nnlib.train``, eq. `eq-gradient-descent`) for
    ``epochs`` epochs, keeping W and b every ``PLAYGROUND_SNAPSHOT_EVERY`` epochs.  The
    result is cached, so that moving the epoch slider only picks a snapshot.  A run that
    diverges stops there (``diverged_at`` is its epoch).

    Parameters
    ----------
    dataset : str
        A key of ``nnlib.datasets.TOY_DATASETS``.
    hidden : int
        Units in the hidden layer.
    activation : str
        The hidden activation.
    learning_rate : float
        α.
    epochs : int
        The number of epochs.
    seed : int
        The seed of the weights.

    Returns
    -------
    PlaygroundRun
    """
    X, y = datasets.TOY_DATASETS[dataset]()
    net = Network([2, int(hidden), 1], hidden=activation, task="binary", seed=seed)
    costs, snapshots = [], {}

    def keep(epoch, net, cost):
        costs.append(cost)
        if epoch % PLAYGROUND_SNAPSHOT_EVERY == 0 or epoch == epochs:
            snapshots[epoch] = (
                list(net.W),
                list(net.b),
            )  # the step replaces arrays: references suffice

    diverged_at = None
    try:
        train(
            net,
            X,
            y[None, :].astype(float),
            learning_rate=float(learning_rate),
            epochs=int(epochs),
            callback=keep,
        )
    except FloatingPointError:
        diverged_at = len(costs)
    return PlaygroundRun(dataset, X, y, net, costs, snapshots, diverged_at)
