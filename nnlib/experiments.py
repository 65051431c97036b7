"""The numbers behind the book's figures and explorers, computed with numpy alone.

Each function here is one small experiment of a chapter: a fixed network on fixed
data, run through nnlib's own formulas.  ``nnlib.plots`` draws the results, and
the tests check them without a screen; nothing here imports matplotlib.  Functions
are in chapter order; the expensive ones are cached (``functools.lru_cache``), so that
moving a widget's control only looks a result up.
"""
from __future__ import annotations

import functools
import json
import time
from pathlib import Path

import numpy as np

from . import (
    ACTIVATIONS,
    DERIVATIVES,
    LOSSES,
    SATURATION_THRESHOLD,
    TASKS,
    Network,
    cost_of_one_parameter,
    datasets,
    descend,
    difference_quotients,
    misprinted_weight_gradient,
    numerical_gradient,
    output_delta,
    output_delta_chain_rule,
    per_example_gradients,
    per_example_weight_gradients,
    train,
)

# --------------------------------------------------------------------------- chapter 3
#: The fixed input batch of chapter 3's figures: n_0 = 20 features, m = 200 examples, N(0, 1) entries.
FORWARD_DEMO_INPUT = dict(n_0=20, m=200, seed=0)


def forward_demo(hidden="tanh", depth=6, width=50, scale=1.0):
    """A forward pass of the fixed input batch through ``depth`` hidden layers of ``width`` units.

    The network is ``Network([20, width, …, width, 1], hidden, task="regression", seed=0)``
    with nnlib's default initialisation, every W^[l] then multiplied by ``scale``.
    Returns the network, whose ``z`` and ``a`` hold every layer.
    """
    spec = FORWARD_DEMO_INPUT
    X = np.random.default_rng(spec["seed"]).normal(size=(spec["n_0"], spec["m"]))
    net = Network([spec["n_0"]] + [int(width)] * int(depth) + [1], hidden=hidden, task="regression", seed=0)
    net.W = [None] + [w * scale for w in net.W[1:]]
    net.forward(X)
    return net


def flat_ends(name, far=1e3):
    """Where the element-wise activation ``name`` is flat: ``(low, high)``, its values at z → ∓∞.

    An end counts as flat when the slope g′ there is below the saturation threshold
    (``nnlib.activations.SATURATION_THRESHOLD``); it is ``None`` where g keeps
    rising.  sigmoid gives (0, 1), tanh (−1, 1), ReLU (0, None), the identity (None, None).
    """
    ends = np.array([-far, far])
    g, slope = ACTIVATIONS[name](ends), DERIVATIVES[name](ends)
    return tuple(float(v) if s < SATURATION_THRESHOLD else None for v, s in zip(g, slope))


# --------------------------------------------------------------------------- chapter 5
#: The tiny regression set of chapter 5: five examples (x, y), one per column.
SQUARED_ERROR_DATA = (np.array([[0.5, 1.0, 2.0, 3.0, 3.5]]), np.array([[1.2, 1.0, 2.4, 2.6, 3.7]]))


# --------------------------------------------------------------------------- chapter 8
#: The output-activation + loss pairs of chapter 8: the three matched ones of the notes and two mismatched.
OUTPUT_PAIRS = {
    "identity + squared error": ("identity", "squared_error"),
    "sigmoid + binary cross-entropy": ("sigmoid", "binary_cross_entropy"),
    "softmax + cross-entropy": ("softmax", "cross_entropy"),
    "sigmoid + squared error (mismatched)": ("sigmoid", "squared_error"),
    "softmax + squared error (mismatched)": ("softmax", "squared_error"),
}

#: The task whose output activation is each of the notes' three outputs.
_TASK_OF_OUTPUT = {output: task for task, (output, _) in TASKS.items()}


def output_delta_three_ways(pair, z, target):
    """δ^[N] of one example three ways: the shortcut ŷ − y, the chain rule, finite differences (chapter 8).

    ``z`` is a column of logits (k, 1), ``target`` the index of the unit whose y is 1 (the
    others are 0).  Returns a dict with ``y_hat``, ``y``, ``shortcut``
    (``nnlib.output_delta``), ``chain`` (``nnlib.output_delta_chain_rule``) and
    ``numeric`` (``nnlib.numerical_gradient`` of the loss as a function of z).
    """
    output, loss = OUTPUT_PAIRS[pair]
    z = np.asarray(z, dtype=np.float64).reshape(-1, 1)
    y = np.zeros_like(z)
    y[int(target)] = 1.0
    y_hat = ACTIVATIONS[output](z)

    def loss_of(zz):
        return LOSSES[loss](ACTIVATIONS[output](zz), y)

    return dict(y_hat=y_hat, y=y, shortcut=output_delta(y_hat, y, _TASK_OF_OUTPUT[output]),
                chain=output_delta_chain_rule(z, y, output, loss),
                numeric=numerical_gradient(loss_of, z.copy()))


# --------------------------------------------------------------------------- chapter 9
def backward_example(sizes, hidden, seed):
    """A small binary network, one example x with target y = 1, after forward and backward."""
    net = Network(list(sizes), hidden=hidden, task="binary", seed=int(seed))
    x = np.random.default_rng(int(seed) + 100).normal(0.0, 1.5, size=(sizes[0], 1))
    net.forward(x)
    net.backward(np.ones((sizes[-1], 1)))
    return net


# --------------------------------------------------------------------------- chapter 10
def weight_slope_example(sizes=(3, 4, 4, 2), seed=1, m=8):
    """Chapter 10's fixed example: a tanh multiclass network and m examples, ``(net, X, labels)``."""
    net = Network(list(sizes), hidden="tanh", task="multiclass", seed=seed)
    rng = np.random.default_rng(7)
    X = rng.normal(size=(sizes[0], m))
    labels = rng.integers(0, sizes[-1], m)
    return net, X, labels


def weight_slope(net, X, labels, l, i, j, offsets):
    """The cost J along the weight W[l][i, j] and three slopes of it there (chapter 10).

    Returns a dict with ``w0`` (the weight), ``J0`` (the cost), ``ts = w0 + offsets`` and
    ``Js`` (J with the weight set to each of them, by ``nnlib.cost_of_one_parameter``),
    ``right`` (backprop's slope from δ^[l] a^[l−1]ᵀ, eq. `eq-grad-W`), ``printed`` (the
    notes' whole matrix δ^[l] a^[l]ᵀ) and ``fd`` (the finite-difference slope).
    """
    f, w0, right = cost_of_one_parameter(net, X, labels, "W", l, (i, j))
    printed = misprinted_weight_gradient(net.delta[l], net.a[l])  # before f runs other forward passes
    ts = w0 + np.asarray(offsets, dtype=np.float64)
    fd = float(numerical_gradient(lambda v: f(v[0]), np.array([w0]))[0])
    return dict(w0=w0, J0=f(w0), ts=ts, Js=np.array([f(t) for t in ts]), right=right, printed=printed, fd=fd)


# --------------------------------------------------------------------------- chapter 11
#: Unit round-off of float64, u = 2⁻⁵³ ≈ 1.1e-16.
UNIT_ROUNDOFF = np.finfo(np.float64).eps / 2
EPSILON_KINDS = {"smooth": "tanh network (smooth)", "kinked": "ReLU network, kink 10⁻³ away"}
#: How far W[1]₁₁ of the kinked example is from the ReLU kink.
KINK_DISTANCE = 1e-3


def epsilon_demo_network(kind="smooth"):
    """The fixed example of chapter 11's figures: ``(net, X, Y)``.

    A [3, 4, 3] softmax network (seed 0) on 5 fixed examples.  ``"smooth"`` uses tanh in
    the hidden layer; ``"kinked"`` uses ReLU, with b[1]₁ moved so that hidden unit 1 of
    example 1 sits exactly on its kink when W[1]₁₁ grows by 10⁻³.
    """
    if kind not in EPSILON_KINDS:
        raise ValueError(f"kind must be one of {list(EPSILON_KINDS)}, got {kind!r}")
    net = Network([3, 4, 3], hidden="tanh" if kind == "smooth" else "relu", task="multiclass", seed=0)
    rng = np.random.default_rng(1)
    X = 2.0 * rng.normal(size=(3, 5))
    Y = rng.integers(0, 3, 5)
    if kind == "kinked":
        net.forward(X)
        net.b[1][0, 0] -= net.z[1][0, 0] + KINK_DISTANCE * X[0, 0]
    return net, X, Y


@functools.cache
def epsilon_curves(kind="smooth"):
    """Errors of the one-sided and centred differences of J(W[1]₁₁) for log10 ε = −12, −11.75, …, −1.

    Returns a dict with ``log_eps``, ``one_sided``, ``centred`` (the measured errors
    ``|D(ε) − ∂J/∂θ|``), the models ``model_one_sided`` = ``ε|f''|/2 + 2u|f|/ε`` and
    ``model_centred`` = ``ε²|f'''|/6 + u|f|/ε`` (eq. `eq-gradcheck-total-error`), and the
    function ``f``, ``theta`` and ``derivative``.  f'' and f''' are centred differences of
    backprop's derivative.
    """
    net, X, Y = epsilon_demo_network(kind)
    f, theta, derivative = cost_of_one_parameter(net, X, Y, "W", 1, (0, 0))

    def backprop_slope(t):
        net.W[1][0, 0] = t
        return cost_of_one_parameter(net, X, Y, "W", 1, (0, 0))[2]

    h = 1e-4
    slopes = [backprop_slope(t) for t in (theta - h, theta, theta + h)]
    net.W[1][0, 0] = theta
    f2 = (slopes[2] - slopes[0]) / (2 * h)
    f3 = (slopes[2] - 2 * slopes[1] + slopes[0]) / h ** 2
    log_eps = np.arange(-12.0, -1.0 + 1e-9, 0.25)
    eps = 10.0 ** log_eps
    quotients = np.array([difference_quotients(f, theta, e) for e in eps])
    fval = abs(f(theta))
    u = UNIT_ROUNDOFF
    return {
        "log_eps": log_eps, "eps": eps,
        "one_sided": np.abs(quotients[:, 0] - derivative), "centred": np.abs(quotients[:, 1] - derivative),
        "model_one_sided": eps * abs(f2) / 2 + 2 * u * fval / eps,
        "model_centred": eps ** 2 * abs(f3) / 6 + u * fval / eps,
        "f": f, "theta": theta, "derivative": derivative,
    }


# --------------------------------------------------------------------------- chapter 12
#: Batch sizes of chapter 12's explorer; the data set has MINIBATCH_M examples.
MINIBATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256)
MINIBATCH_M = 512
MINIBATCH_DRAWS = 200


@functools.cache
def minibatch_demo():
    """Chapter 12's fixed example: one gradient per example of a [2, 8, 3] tanh network on 512 points.

    Returns a dict with ``G`` (m, P): row i holds example i's ∇𝓛 for every parameter
    (W[1], b[1], W[2], b[2] flattened), so that a mini-batch's gradient is the mean of
    its rows and the full gradient ``full`` the mean of all rows (eq. `eq-batch-average`);
    ``names`` of the P parameters and ``pick``, the two shown in the scatter plots.
    """
    m = MINIBATCH_M
    net = Network([2, 8, 3], hidden="tanh", task="multiclass", seed=0)
    rng = np.random.default_rng(12)
    X = rng.normal(size=(2, m))
    labels = ((np.arctan2(X[1], X[0]) + np.pi) // (2 * np.pi / 3)).astype(int) % 3
    noisy = rng.random(m) < 0.1
    labels[noisy] = rng.integers(0, 3, int(noisy.sum()))
    net.forward(X)
    dW, db = net.backward(labels)
    blocks, names = [], []
    for l in range(1, net.N + 1):
        blocks.append(per_example_weight_gradients(net.delta[l], net.a[l - 1]).reshape(m, -1))
        names += [f"W[{l}]{i + 1},{j + 1}" for i in range(net.sizes[l]) for j in range(net.sizes[l - 1])]
        blocks.append(net.delta[l].T)
        names += [f"b[{l}]{i + 1}" for i in range(net.sizes[l])]
    G = np.hstack(blocks)
    full = G.mean(axis=0)
    backprop = np.concatenate([np.concatenate([dW[l].ravel(), db[l].ravel()]) for l in range(1, net.N + 1)])
    assert np.allclose(full, backprop), "the mean of the per-example gradients must be backprop's gradient"
    n_w1 = net.sizes[1] * net.sizes[0]  # the first n_w1 columns are the entries of W[1]
    pick = tuple(int(i) for i in np.sort(np.argsort(G[:, :n_w1].var(axis=0))[-2:]))
    return {"G": G, "full": full, "names": names, "pick": pick, "m": m,
            "spread": float(np.mean(np.sum((G - full) ** 2, axis=1)))}


@functools.cache
def minibatch_estimates(batch_size):
    """Gradients of MINIBATCH_DRAWS random mini-batches of ``batch_size`` examples (without replacement)."""
    d = minibatch_demo()
    rng = np.random.default_rng(1000 + int(batch_size))
    idx = np.array([rng.choice(d["m"], int(batch_size), replace=False) for _ in range(MINIBATCH_DRAWS)])
    return d["G"][idx].mean(axis=1)


def minibatch_cosines(batch_size):
    """The cosine of the angle between each mini-batch gradient and the full one, over all coordinates."""
    estimates, full = minibatch_estimates(batch_size), minibatch_demo()["full"]
    return estimates @ full / (np.linalg.norm(estimates, axis=1) * np.linalg.norm(full))


def minibatch_noise_factor(batch_size, m=MINIBATCH_M):
    """√((m − B) / (B (m − 1))): how a standard deviation shrinks for a batch of B of m examples."""
    B = np.asarray(batch_size, dtype=float)
    return np.sqrt((m - B) / (B * (m - 1)))


def minibatch_noise_theory(batch_size):
    """Root-mean-square distance of a mini-batch gradient from the full one (eq. `eq-minibatch-noise`)."""
    d = minibatch_demo()
    return np.sqrt(d["spread"]) * minibatch_noise_factor(batch_size, d["m"])


def minibatch_noise_measured(batch_size):
    """The root-mean-square distance of the MINIBATCH_DRAWS estimates from the full gradient."""
    error = minibatch_estimates(batch_size) - minibatch_demo()["full"]
    return float(np.sqrt(np.mean(np.sum(error ** 2, axis=1))))


#: The batch sizes of chapter 12's timing figure; its network is [20, 64, 64, 10] with ReLU.
TIMING_SIZES = (1, 4, 16, 64, 256)


def time_gradients(sizes=TIMING_SIZES, repeats=7, seed=0, clock=time.perf_counter):
    """Seconds for the gradient of m examples: one pass over m columns, and a loop over them.

    For each m, the fastest of ``repeats`` runs (the least disturbed by other programs), by
    ``clock`` (``time.process_time`` counts only this process's work, in one BLAS thread).
    """
    net = Network([20, 64, 64, 10], hidden="relu", task="multiclass", seed=seed)
    rng = np.random.default_rng(seed)
    X, labels = rng.normal(size=(20, max(sizes))), rng.integers(0, 10, max(sizes))

    def fastest(gradient, m):
        times = []
        for _ in range(repeats):
            start = clock()
            gradient(X[:, :m], labels[:m])
            times.append(clock() - start)
        return min(times)

    t_batch = [fastest(net.loss_and_gradients, m) for m in sizes]
    t_loop = [fastest(lambda X, labels: per_example_gradients(net, X, labels), m) for m in sizes]
    return {"sizes": list(sizes), "t_batch": t_batch, "t_loop": t_loop}


def gradient_timing(results="performance_results.json"):
    """:func:`time_gradients` as ``make bench`` keeps it (``"timing"``, one BLAS thread), else now."""
    path = Path(results)
    measured = json.loads(path.read_text(encoding="utf-8")).get("timing") if path.exists() else None
    return measured or {**time_gradients(), "measured": "just now, on this computer", "threads": None}


# --------------------------------------------------------------------------- chapter 13
def quadratic_descent(alpha, curvature, w0, steps):
    """Gradient descent on J(w) = ½ λ w² (eq. `eq-training-quadratic`): the iterates w_0 … w_steps.

    Each step is ``nnlib.descend`` with the gradient dJ/dw = λw.
    """
    w = [np.array([[float(w0)]])]
    for _ in range(int(steps)):
        w.append(descend(w[-1], curvature * w[-1], alpha))
    return np.array([float(v[0, 0]) for v in w])


#: The playground trains for this many epochs and keeps the parameters every SNAPSHOT_EVERY epochs.
PLAYGROUND_EPOCHS = 400
PLAYGROUND_SNAPSHOT_EVERY = 10
PLAYGROUND_LEARNING_RATES = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
#: The hidden activations the playground offers, named so that one registered later does
#: not add its runs (and pictures) to the book.
PLAYGROUND_ACTIVATIONS = ("identity", "sigmoid", "tanh", "relu")


class PlaygroundRun:
    """One training run of the playground: the data, the costs per epoch, and snapshots of W and b."""

    def __init__(self, dataset, X, y, net, costs, snapshots, diverged_at):
        self.dataset, self.X, self.y = dataset, X, y
        self.net = net
        self.costs = np.asarray(costs)
        self.snapshots = snapshots  # {epoch: (W, b)}
        self.diverged_at = diverged_at

    def last_epoch(self, epoch):
        """The latest snapshot epoch that is not after ``epoch``."""
        kept = [e for e in self.snapshots if e <= epoch]
        return max(kept) if kept else 0

    def network(self, epoch):
        """The network as it was after ``epoch`` epochs (the nearest snapshot at or before it)."""
        W, b = self.snapshots[self.last_epoch(epoch)]
        net = self.net.copy()
        net.W, net.b = list(W), list(b)
        return net


@functools.lru_cache(maxsize=64)
def playground_run(dataset="moons", hidden=8, activation="tanh", learning_rate=1.0, epochs=PLAYGROUND_EPOCHS,
                   seed=0):
    """Train a [2, hidden, 1] binary classifier on a toy data set once, and remember the run.

    Full-batch gradient descent (``nnlib.train``, eq. `eq-gradient-descent`) for
    ``epochs`` epochs, keeping W and b every ``PLAYGROUND_SNAPSHOT_EVERY`` epochs.  The
    result is cached, so that moving the epoch slider only picks a snapshot.  A run that
    diverges stops there (``diverged_at`` is its epoch).
    """
    X, y = datasets.TOY_DATASETS[dataset]()
    net = Network([2, int(hidden), 1], hidden=activation, task="binary", seed=seed)
    costs, snapshots = [], {}

    def keep(epoch, net, cost):
        costs.append(cost)
        if epoch % PLAYGROUND_SNAPSHOT_EVERY == 0 or epoch == epochs:
            snapshots[epoch] = (list(net.W), list(net.b))  # the step replaces arrays: references suffice

    diverged_at = None
    try:
        train(net, X, y[None, :].astype(float), learning_rate=float(learning_rate), epochs=int(epochs),
              callback=keep)
    except FloatingPointError:
        diverged_at = len(costs)
    return PlaygroundRun(dataset, X, y, net, costs, snapshots, diverged_at)
