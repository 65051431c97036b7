"""Figures of the book: pure functions and small panel classes that return matplotlib figures.

One style for every figure lives here (:data:`COLORS`, :data:`STYLE`): the Okabe–Ito
palette, which stays distinguishable with every common colour-vision deficiency, and
fonts large enough to read at the width of a book page.

A *panel* draws one formula on one ``Axes`` and can update its artists in place:
``panel = ActivationPanel(ax); panel.update(name="tanh", z0=1.0)``.  The widgets of
:mod:`nnlib.widgets` drive one panel; :func:`small_multiples` draws the same panel for
several settings side by side — the static figure a reader sees without a kernel.
"""
from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import activations as act

#: Okabe–Ito colour-blind-safe palette.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}
CYCLE = [COLORS[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow", "black")]

#: Matplotlib settings shared by every figure of the book.
STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "axes.prop_cycle": matplotlib.cycler(color=CYCLE),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.constrained_layout.use": True,
    "image.cmap": "viridis",
    "svg.hashsalt": "nnlib",
}

#: Width of a figure that fills the text column of the book, in inches.
PAGE_WIDTH = 7.5


def use_style():
    """Apply :data:`STYLE` globally, for figures made with pyplot."""
    matplotlib.rcParams.update(STYLE)


def figure(ncols=1, nrows=1, *, height=3.0, width=PAGE_WIDTH, **kwargs):
    """A new figure of the book's size and style, with its axes.

    The figure is not registered with pyplot: it appears where a cell returns it, and
    only there, and nothing accumulates in memory as widgets redraw.
    """
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, height * nrows))
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, **kwargs)
    return fig, axes


def small_multiples(panel_cls, settings, *, ncols=None, height=2.8, width=PAGE_WIDTH, sharey=False):
    """Draw ``panel_cls`` once per dict in ``settings``, side by side; returns the figure."""
    n = len(settings)
    ncols = ncols or n
    nrows = int(np.ceil(n / ncols))
    fig, axes = figure(ncols, nrows, height=height, width=width, sharey=sharey, squeeze=False)
    for ax, values in zip(axes.flat, settings):
        panel_cls(ax).update(**values)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    return fig


# --------------------------------------------------------------------------- chapter 1
class AffinePanel:
    """z = W a + b for 2-D inputs: the unit grid a and its image z (chapter 1)."""

    def __init__(self, ax, lim=4.0):
        self.ax = ax
        u = np.linspace(-1, 1, 9)
        gx, gy = np.meshgrid(u, u)
        self.a = np.vstack([gx.ravel(), gy.ravel()])  # (2, 81): one point per column
        self.square = np.array([[-1, 1, 1, -1, -1], [-1, -1, 1, 1, -1]], dtype=float)
        ax.plot(*self.square, color=COLORS["grey"], lw=1.5, ls="--", label="inputs a (square)")
        ax.scatter(*self.a, s=6, color=COLORS["grey"])
        (self.edge,) = ax.plot([], [], color=COLORS["blue"], lw=2, label="outputs z = Wa + b")
        self.points = ax.scatter(self.a[0], self.a[1], s=10, color=COLORS["blue"])
        (self.e1,) = ax.plot([], [], color=COLORS["vermillion"], lw=2.5, label="W's column 1")
        (self.e2,) = ax.plot([], [], color=COLORS["green"], lw=2.5, label="W's column 2")
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.set_aspect("equal")
        ax.set_xlabel("first coordinate")
        ax.set_ylabel("second coordinate")

    def update(self, w11=1.0, w12=0.0, w21=0.0, w22=1.0, b1=0.0, b2=0.0, title=None):
        from .network import affine

        W = np.array([[w11, w12], [w21, w22]])
        b = np.array([[b1], [b2]])
        z = affine(W, self.a, b)
        edge = affine(W, self.square, b)
        self.edge.set_data(edge[0], edge[1])
        self.points.set_offsets(z.T)
        self.e1.set_data([b1, b1 + w11], [b2, b2 + w21])
        self.e2.set_data([b1, b1 + w12], [b2, b2 + w22])
        det = np.linalg.det(W)
        self.ax.set_title(title or f"W = [[{w11:g}, {w12:g}], [{w21:g}, {w22:g}]], det W = {det:.2g}")
        return self


# --------------------------------------------------------------------------- chapter 2
class ActivationPanel:
    """g(z) and g'(z) with the tangent at z0 (chapter 2)."""

    def __init__(self, ax, zmax=6.0):
        self.ax = ax
        self.zs = np.linspace(-zmax, zmax, 401)
        (self.g_line,) = ax.plot([], [], color=COLORS["blue"], lw=2.5, label="g(z)")
        (self.dg_line,) = ax.plot([], [], color=COLORS["orange"], lw=2, ls="--", label="g′(z)")
        (self.tangent,) = ax.plot([], [], color=COLORS["vermillion"], lw=2, ls=":", label="tangent at z₀")
        (self.dot,) = ax.plot([], [], "o", color=COLORS["vermillion"], ms=7)
        self.sat = None
        ax.set_xlim(-zmax, zmax)
        ax.set_ylim(-1.6, 3.6)
        ax.set_xlabel("pre-activation z")
        ax.set_ylabel("value")

    def update(self, name="sigmoid", z0=1.0):
        g = act.ACTIVATIONS[name]
        dg = act.DERIVATIVES[name]
        gz, dgz = g(self.zs), dg(self.zs)
        self.g_line.set_data(self.zs, gz)
        self.dg_line.set_data(self.zs, dgz)
        g0 = float(g(np.array([z0]))[0])
        d0 = float(dg(np.array([z0]))[0])
        span = np.array([z0 - 1.5, z0 + 1.5])
        self.tangent.set_data(span, g0 + d0 * (span - z0))
        self.dot.set_data([z0], [g0])
        if self.sat is not None:
            self.sat.remove()
        self.sat = self.ax.fill_between(self.zs, -1.6, 3.6, where=dgz < 0.05, color=COLORS["grey"], alpha=0.2,
                                        lw=0, label="saturated: g′ < 0.05")
        self.ax.legend(loc="upper left", fontsize=8, ncol=2, framealpha=0.9)
        self.ax.set_title(f"{name}: g({z0:g}) = {g0:.3g}, g′({z0:g}) = {d0:.3g}")
        return self


def softmax_bars(ax, z, title=None):
    """Bar chart of softmax(z) for one column of logits (chapters 2 and 4)."""
    z = np.asarray(z, dtype=float)
    p = act.softmax(z)
    ax.bar(np.arange(z.size), p, color=CYCLE[: z.size] if z.size <= len(CYCLE) else COLORS["blue"])
    ax.set_ylim(0, 1)
    ax.set_xticks(np.arange(z.size), [f"class {j}" for j in range(z.size)])
    ax.set_ylabel("probability ŷⱼ")
    ax.set_title(title or "softmax(z) = " + ", ".join(f"{v:.2f}" for v in p))
    return ax


def png_bytes(fig):
    """The figure as PNG bytes, as a notebook shows it."""
    import io

    buf = io.BytesIO()
    fig.canvas.print_png(buf)
    return buf.getvalue()


def _show_figures_in_notebooks():
    """Let a notebook display the book's figures (made without pyplot) as PNG images."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, png_bytes)


_show_figures_in_notebooks()


def rgba(fig):
    """The figure rendered to an RGBA array: what a reader would see (for tests and benchmarks)."""
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


# ---- chapter 11: the error of finite differences against the step ε
import functools as _functools  # noqa: E402

#: Unit round-off of float64, u = 2⁻⁵³ ≈ 1.1e-16.
UNIT_ROUNDOFF = np.finfo(np.float64).eps / 2
EPSILON_KINDS = {"smooth": "tanh network (smooth)", "kinked": "ReLU network, kink 10⁻³ away"}
_KINK_DISTANCE = 1e-3


def epsilon_demo_network(kind="smooth"):
    """The fixed example of chapter 11's figures: ``(net, X, Y)``.

    A [3, 4, 3] softmax network (seed 0) on 5 fixed examples.  ``"smooth"`` uses tanh in
    the hidden layer; ``"kinked"`` uses ReLU, with b[1]₁ moved so that hidden unit 1 of
    example 1 sits exactly on its kink when W[1]₁₁ grows by 10⁻³.
    """
    from .network import Network

    if kind not in EPSILON_KINDS:
        raise ValueError(f"kind must be one of {list(EPSILON_KINDS)}, got {kind!r}")
    net = Network([3, 4, 3], hidden="tanh" if kind == "smooth" else "relu", task="multiclass", seed=0)
    rng = np.random.default_rng(1)
    X = 2.0 * rng.normal(size=(3, 5))
    Y = rng.integers(0, 3, 5)
    if kind == "kinked":
        net.forward(X)
        net.b[1][0, 0] -= net.z[1][0, 0] + _KINK_DISTANCE * X[0, 0]
    return net, X, Y


@_functools.lru_cache(maxsize=None)
def epsilon_curves(kind="smooth"):
    """Errors of the one-sided and centred differences of J(W[1]₁₁) for log10 ε = −12, −11.75, …, −1.

    Returns a dict with ``log_eps``, ``one_sided``, ``centred`` (the measured errors
    ``|D(ε) − ∂J/∂θ|``), the models ``model_one_sided`` = ``ε|f''|/2 + 2u|f|/ε`` and
    ``model_centred`` = ``ε²|f'''|/6 + u|f|/ε`` (eq. `eq-gradcheck-total-error`), and the
    function ``f``, ``theta`` and ``derivative``.  f'' and f''' are centred differences of
    backprop's derivative.
    """
    from .gradcheck import cost_of_one_parameter, difference_quotients

    net, X, Y = epsilon_demo_network(kind)
    f, theta, derivative = cost_of_one_parameter(net, X, Y, "W", 1, (0, 0))
    h = 1e-4
    slopes = []
    for t in (theta - h, theta, theta + h):
        net.W[1][0, 0] = t
        net.forward(X)
        slopes.append(net.backward(Y)[0][1][0, 0])
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


class EpsilonErrorPanel:
    """Error of the one-sided and centred differences against ε, log–log, with a marker at ε (chapter 11)."""

    FLOOR = 1e-16

    def __init__(self, ax):
        self.ax = ax
        (self.one_line,) = ax.plot([], [], "o-", color=COLORS["orange"], lw=1.5, ms=3, label="one-sided difference")
        (self.cen_line,) = ax.plot([], [], "o-", color=COLORS["blue"], lw=1.5, ms=3, label="centred difference")
        (self.one_model,) = ax.plot([], [], "--", color=COLORS["orange"], lw=1, alpha=0.8, label="dashed: error models")
        (self.cen_model,) = ax.plot([], [], "--", color=COLORS["blue"], lw=1, alpha=0.8)
        self.now = ax.axvline(1e-5, color=COLORS["grey"], lw=1.5)
        (self.one_dot,) = ax.plot([], [], "o", color=COLORS["orange"], ms=10, mec="black")
        (self.cen_dot,) = ax.plot([], [], "o", color=COLORS["blue"], ms=10, mec="black")
        self.kink = ax.axvline(_KINK_DISTANCE, color=COLORS["vermillion"], lw=1.5, ls=":")
        self.kink_text = ax.text(_KINK_DISTANCE * 0.7, 1e-13, "ReLU kink", rotation=90, ha="right", va="bottom",
                                 fontsize=9, color=COLORS["vermillion"])
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(10 ** -12.3, 10 ** -0.7)
        ax.set_ylim(1e-14, 1.0)
        ax.set_xlabel("step ε")
        ax.set_ylabel("|difference − backprop|")
        ax.text(0.03, 0.86, "round-off wins", transform=ax.transAxes, va="top", fontsize=9, color=COLORS["grey"])
        ax.text(0.97, 0.03, "truncation wins", transform=ax.transAxes, va="bottom", ha="right", fontsize=9,
                color=COLORS["grey"])
        self.kind_text = ax.text(0.03, 0.97, "", transform=ax.transAxes, va="top", fontsize=9)
        ax.legend(loc="lower left", fontsize=8, framealpha=0.9, handlelength=1.5)

    def update(self, kind="smooth", log_eps=-5.0):
        from .gradcheck import difference_quotients

        c = epsilon_curves(kind)
        floor = self.FLOOR
        self.one_line.set_data(c["eps"], np.maximum(c["one_sided"], floor))
        self.cen_line.set_data(c["eps"], np.maximum(c["centred"], floor))
        self.one_model.set_data(c["eps"], c["model_one_sided"])
        self.cen_model.set_data(c["eps"], c["model_centred"])
        eps = 10.0 ** float(log_eps)
        one, cen = difference_quotients(c["f"], c["theta"], eps)
        e_one, e_cen = abs(one - c["derivative"]), abs(cen - c["derivative"])
        self.now.set_xdata([eps, eps])
        self.one_dot.set_data([eps], [max(e_one, floor)])
        self.cen_dot.set_data([eps], [max(e_cen, floor)])
        self.kink.set_visible(kind == "kinked")
        self.kink_text.set_visible(kind == "kinked")
        self.kind_text.set_text(EPSILON_KINDS[kind])
        self.ax.set_title(f"ε = 1e{float(log_eps):+.3g}: one-sided {e_one:.0e}, centred {e_cen:.0e}", fontsize=10)
        return self


# ---- chapter 13: training
import functools  # noqa: E402

from matplotlib import ticker as _ticker  # noqa: E402

from . import datasets as _datasets  # noqa: E402
from .network import Network as _Network  # noqa: E402
from .training import train as _train  # noqa: E402


def _lighten(color, amount):
    """``color`` mixed with white: amount 0 keeps it, 1 gives white."""
    rgb = np.array(matplotlib.colors.to_rgb(color))
    return tuple(rgb + (1.0 - rgb) * amount)


#: The colour map of the probability of class 1, from blue (class 0) through white to
#: vermillion (class 1), in Okabe–Ito hues lightened so that the data points stay visible.
PROBABILITY_CMAP = matplotlib.colors.LinearSegmentedColormap.from_list(
    "nnlib_class_probability", [_lighten(COLORS["blue"], 0.55), "white", _lighten(COLORS["vermillion"], 0.55)])

#: The playground trains for this many epochs and keeps the parameters every SNAPSHOT_EVERY epochs.
PLAYGROUND_EPOCHS = 400
PLAYGROUND_SNAPSHOT_EVERY = 10
PLAYGROUND_LEARNING_RATES = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
PLAYGROUND_ACTIVATIONS = ("tanh", "relu", "sigmoid", "identity")


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
def playground_run(dataset="moons", hidden=8, activation="tanh", learning_rate=1.0, epochs=PLAYGROUND_EPOCHS, seed=0):
    """Train a [2, hidden, 1] binary classifier on a toy data set once, and remember the run.

    Full-batch gradient descent (eq. `eq-gradient-descent`) for ``epochs`` epochs,
    keeping W and b every ``PLAYGROUND_SNAPSHOT_EVERY`` epochs.  The result is
    cached, so that moving the epoch slider only picks a snapshot.  A run that diverges
    stops there (``diverged_at`` is its epoch).
    """
    X, y = _datasets.TOY_DATASETS[dataset]()
    net = _Network([2, int(hidden), 1], hidden=activation, task="binary", seed=seed)
    costs, snapshots = [], {}

    def keep(epoch, net, cost):
        costs.append(cost)
        if epoch % PLAYGROUND_SNAPSHOT_EVERY == 0 or epoch == epochs:
            snapshots[epoch] = (list(net.W), list(net.b))  # the step replaces arrays: references suffice

    diverged_at = None
    try:
        _train(net, X, y[None, :].astype(float), learning_rate=float(learning_rate), epochs=int(epochs), callback=keep)
    except FloatingPointError:
        diverged_at = len(costs)
    return PlaygroundRun(dataset, X, y, net, costs, snapshots, diverged_at)


class DecisionBoundaryPanel:
    """The classifier's P(class 1) over the plane (filled contours), its 0.5 boundary and the data (chapter 13)."""

    def __init__(self, ax, lim=1.8, resolution=81):
        self.ax = ax
        u = np.linspace(-lim, lim, resolution)
        self.gx, self.gy = np.meshgrid(u, u)
        self.grid = np.vstack([self.gx.ravel(), self.gy.ravel()])  # (2, resolution²): one point per column
        self.fill = None
        self.line = None
        style = dict(s=22, linewidths=0.5, edgecolors=COLORS["black"], zorder=3)
        self.points0 = ax.scatter([], [], marker="o", color=COLORS["blue"], label="class 0", **style)
        self.points1 = ax.scatter([], [], marker="^", color=COLORS["vermillion"], label="class 1", **style)
        ax.plot([], [], color=COLORS["black"], lw=1.5, label="ŷ = 0.5")  # legend entry of the boundary
        self.dataset = None
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")

    def update(self, dataset="moons", hidden=8, activation="tanh", learning_rate=1.0, epoch=PLAYGROUND_EPOCHS,
               title=None):
        run = playground_run(dataset, int(hidden), activation, float(learning_rate))
        if dataset != self.dataset:
            self.points0.set_offsets(run.X[:, run.y == 0].T)
            self.points1.set_offsets(run.X[:, run.y == 1].T)
            self.dataset = dataset
        net = run.network(int(epoch))
        p = net.forward(self.grid)[0].reshape(self.gx.shape)
        for artist in (self.fill, self.line):
            if artist is not None:
                artist.remove()
        self.fill = self.ax.contourf(self.gx, self.gy, p, levels=np.linspace(0, 1, 11), cmap=PROBABILITY_CMAP,
                                     vmin=0, vmax=1, zorder=0)
        self.line = None
        if p.min() < 0.5 < p.max():
            self.line = self.ax.contour(self.gx, self.gy, p, levels=[0.5], colors=COLORS["black"], linewidths=1.5,
                                        zorder=2)
        shown = run.last_epoch(int(epoch))
        right = float(np.mean(np.ravel(net.predict(run.X)) == run.y))
        self.ax.set_title(title or f"{dataset}, epoch {shown}: {right:.0%} right")
        return self


class LossCurvePanel:
    """The playground's cost J per epoch on a log scale, with the chosen epoch marked (chapter 13)."""

    def __init__(self, ax, epochs=PLAYGROUND_EPOCHS):
        self.ax = ax
        (self.curve,) = ax.plot([], [], color=COLORS["blue"], lw=2, label="cost J (training set)")
        (self.dot,) = ax.plot([], [], "o", color=COLORS["vermillion"], ms=7, zorder=3)
        self.marker = ax.axvline(0, color=COLORS["vermillion"], lw=1, ls=":")
        ax.set_xlim(0, epochs)
        ax.set_yscale("log")
        ax.set_ylim(1e-4, 40)
        # fixed ticks, no minor ticks: the log axis then costs little to redraw
        ax.yaxis.set_major_locator(_ticker.FixedLocator([1e-4, 1e-3, 1e-2, 1e-1, 1, 10]))
        ax.yaxis.set_minor_locator(_ticker.NullLocator())
        ax.xaxis.set_major_locator(_ticker.FixedLocator(np.linspace(0, epochs, 5)))
        ax.set_xlabel("epoch")
        ax.set_ylabel("cost J")

    def update(self, dataset="moons", hidden=8, activation="tanh", learning_rate=1.0, epoch=PLAYGROUND_EPOCHS,
               title=None):
        run = playground_run(dataset, int(hidden), activation, float(learning_rate))
        costs = np.maximum(run.costs, 1e-4)
        self.curve.set_data(np.arange(costs.size), costs)
        shown = min(int(epoch), costs.size - 1)
        self.dot.set_data([shown], [costs[shown]])
        self.marker.set_xdata([shown, shown])
        note = f", diverged in epoch {run.diverged_at}" if run.diverged_at is not None else ""
        self.ax.set_title(title or f"α = {learning_rate:g}: J = {run.costs[shown]:.3g} at epoch {shown}{note}")
        return self


class QuadraticDescentPanel:
    """Gradient descent on J(w) = ½ λ w²: the iterates w_t = (1 − αλ)ᵗ w₀ on the parabola (chapter 13)."""

    def __init__(self, ax, wmax=3.0):
        self.ax = ax
        self.ws = np.linspace(-wmax, wmax, 201)
        (self.parabola,) = ax.plot([], [], color=COLORS["grey"], lw=2, label="J(w) = ½λw²")
        (self.path,) = ax.plot([], [], "-o", color=COLORS["blue"], lw=1.2, ms=4, label="w₀, w₁, …")
        (self.start,) = ax.plot([], [], "s", color=COLORS["vermillion"], ms=7, label="start w₀")
        ax.set_xlim(-wmax, wmax)
        ax.set_xlabel("w")
        ax.set_ylabel("J(w)")

    def update(self, alpha=0.1, curvature=4.0, w0=1.0, steps=8, title=None):
        from .training import gradient_descent_update

        J = 0.5 * curvature * self.ws ** 2
        self.parabola.set_data(self.ws, J)
        w = [np.array([[w0]])]
        for _ in range(int(steps)):
            w.append(gradient_descent_update(w[-1], curvature * w[-1], alpha))  # dJ/dw = λw
        w = np.array([float(v[0, 0]) for v in w])
        shown = np.abs(w) <= self.ws[-1]
        self.path.set_data(w[shown], 0.5 * curvature * w[shown] ** 2)
        self.start.set_data([w0], [0.5 * curvature * w0 ** 2])
        self.ax.set_ylim(-0.05 * J.max(), 1.05 * J.max())
        factor = 1 - alpha * curvature
        self.ax.set_title(title or f"α = {alpha:g}, λ = {curvature:g}\nfactor 1 − αλ = {factor:g}".replace("-", "−"))
        return self


def plot_costs(ax, curves, *, xlabel="epoch", title=None, log=True):
    """Several cost curves on one axes: ``curves`` maps a label to the costs per epoch."""
    styles = ["-", "--", "-.", ":"]
    for i, (label, costs) in enumerate(curves.items()):
        costs = np.asarray(costs, dtype=float)
        ax.plot(np.arange(costs.size), costs, styles[i % len(styles)], color=CYCLE[i % len(CYCLE)], lw=2, label=label)
    if log:
        ax.set_yscale("log")
    ax.xaxis.set_major_locator(_ticker.MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    ax.set_ylabel("cost J (training set)")
    ax.legend(fontsize=9)
    if title:
        ax.set_title(title)
    return ax


def confusion_matrix_plot(ax, C, *, title=None, cmap="cividis"):
    """The confusion matrix C (rows: true class, columns: predicted class) with the count in each cell."""
    C = np.asarray(C)
    k = C.shape[0]
    image = ax.imshow(C, cmap=cmap, vmin=0, vmax=max(int(C.max()), 1))
    cm = image.get_cmap()
    for i in range(k):
        for j in range(k):
            if C[i, j] == 0:
                continue
            r, g, b, _ = cm(image.norm(C[i, j]))
            light = 0.299 * r + 0.587 * g + 0.114 * b > 0.5
            ax.text(j, i, str(int(C[i, j])), ha="center", va="center", fontsize=9,
                    color="black" if light else "white", fontweight="bold" if i == j else "normal")
    ax.set_xticks(range(k))
    ax.set_yticks(range(k))
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.grid(False)
    ax.set_title(title or f"confusion matrix: {int(np.trace(C))} of {int(C.sum())} right")
    return ax


def digit_images(X, titles, *, ncols=10, height=1.25, width=PAGE_WIDTH, colors=None):
    """A grid of 8×8 digit images, one per column of ``X`` (64, n), each with its title; returns the figure."""
    X = np.asarray(X)
    n = X.shape[1]
    nrows = int(np.ceil(n / ncols))
    fig, axes = figure(ncols, nrows, height=height, width=width, squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if k < n:
            ax.imshow(X[:, k].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
            ax.set_title(titles[k], fontsize=9, color=(colors[k] if colors else COLORS["black"]))
    return fig


# ---- chapters 5–7: losses
from matplotlib.patches import Rectangle  # noqa: E402

from . import losses as _losses  # noqa: E402

#: The tiny regression set of chapter 5: five examples (x, y), one per column.
SQUARED_ERROR_DATA = (np.array([[0.5, 1.0, 2.0, 3.0, 3.5]]), np.array([[1.2, 1.0, 2.4, 2.6, 3.7]]))


def stacked_multiples(panel_cls, settings, *, nrows=2, height=2.4, width=PAGE_WIDTH):
    """Like :func:`small_multiples` for a panel drawn on a column of ``nrows`` axes.

    ``panel_cls(axes_column)`` gets the column's axes (top to bottom); one column per
    dict in ``settings``.
    """
    fig, axes = figure(len(settings), nrows, height=height, width=width, sharex="col", squeeze=False)
    for j, values in enumerate(settings):
        panel_cls(axes[:, j]).update(**values)
    return fig


class ResidualSquaresPanel:
    """Chapter 5: a line ŷ = wx + b through five points; each residual drawn as a square.

    The square on residual r = ŷ − y has area r², so the example's loss ½r² is half
    its area and the cost J is half the mean area.  The dotted grey line is the
    least-squares line, the one with the smallest J.
    """

    def __init__(self, ax, data=SQUARED_ERROR_DATA, legend=True):
        self.ax = ax
        self.X, self.Y = data
        self.x, self.y = self.X[0], self.Y[0]
        self.xs = np.array([-0.5, 5.0])
        slope, intercept = np.polyfit(self.x, self.y, 1)
        best = _losses.squared_error_cost(slope * self.X + intercept, self.Y)
        ax.plot(self.xs, slope * self.xs + intercept, color=COLORS["grey"], lw=1.5, ls=":",
                label=f"least squares (J = {best:.3f})")
        self.squares = [Rectangle((0, 0), 0, 0, facecolor=COLORS["orange"], alpha=0.35,
                                  edgecolor=COLORS["orange"], lw=1) for _ in self.x]
        for sq in self.squares:
            ax.add_patch(sq)
        self.squares[0].set_label("square on ŷ − y: area 2L")
        self.residuals = [ax.plot([], [], color=COLORS["vermillion"], lw=2)[0] for _ in self.x]
        (self.line,) = ax.plot([], [], color=COLORS["blue"], lw=2.5, label="ŷ = wx + b")
        ax.scatter(self.x, self.y, s=40, color=COLORS["black"], zorder=5, label="examples (x, y)")
        ax.set_xlim(-0.2, 5.2)
        ax.set_ylim(-0.5, 5.0)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xlabel("input x")
        ax.set_ylabel("target y, prediction ŷ")
        if legend:
            ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9, frameon=False)

    def update(self, w=0.5, b=1.0, title=None, losses=True):
        y_hat = w * self.X + b
        r = (y_hat - self.Y)[0]
        for i, (xi, yi, ri) in enumerate(zip(self.x, self.y, r)):
            side = abs(ri)
            self.squares[i].set_bounds(xi, min(yi, yi + ri), side, side)
            self.residuals[i].set_data([xi, xi], [yi, yi + ri])
        self.line.set_data(self.xs, w * self.xs + b)
        J = _losses.squared_error_cost(y_hat, self.Y)
        head = title or f"w = {w:.2f}, b = {b:.2f}"
        if losses:
            each = ", ".join(f"{0.5 * ri * ri:.2f}" for ri in r)
            self.ax.set_title(f"{head}\nL = ½(ŷ − y)² = ({each}),  J = {J:.3f}", fontsize=10)
        else:
            self.ax.set_title(f"{head}\nJ = {J:.3f}", fontsize=10)
        return self


def residual_squares_multiples(settings, *, height=3.0, width=PAGE_WIDTH):
    """:class:`ResidualSquaresPanel` once per dict in ``settings``, side by side, with one legend below."""
    fig, axes = figure(len(settings), height=height, width=width, squeeze=False)
    for ax, values in zip(axes.flat, settings):
        ResidualSquaresPanel(ax, legend=False).update(**{"losses": False, **values})
        if ax is not axes.flat[0]:
            ax.set_ylabel("")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=2, fontsize=9, frameon=False)
    return fig


def _per_example(cost, *arrays):
    """Evaluate a cost J on one-example columns: the loss L of each entry of 1-D arrays."""
    return np.array([cost(*(np.array([[v]]) for v in values)) for values in zip(*arrays)])


class LogitLossPanel:
    """Chapter 6: binary cross-entropy and squared error of ŷ = σ(z), and their ∂L/∂z.

    Drawn on two axes, the losses above and their derivatives by the logit z below,
    for target y ∈ {0, 1} and a marked logit z.  The shaded band is where the sigmoid
    is confidently wrong: ŷ is more than 0.9 away from y.
    """

    def __init__(self, axes, zmax=8.0):
        self.ax_loss, self.ax_grad = axes
        zs = np.linspace(-zmax, zmax, 321)
        self.zs = zs
        p = act.sigmoid(zs)
        self.curves = {}
        for y in (0, 1):
            t = np.full_like(zs, float(y))
            self.curves[y] = {
                "bce": _per_example(_losses.binary_cross_entropy_from_logits, zs, t),
                "se": _per_example(_losses.squared_error_cost, p, t),
                "dbce": _losses.bce_grad_logit(zs[None], t[None])[0],
                "dse": (_losses.squared_error_grad(p[None], t[None]) * act.sigmoid_prime(zs[None]))[0],
            }
        ymax = 1.06 * max(c["bce"].max() for c in self.curves.values())
        self.bands = {}
        for y in (0, 1):
            wrong = np.abs(p - y) > 0.9
            self.bands[y] = [ax.fill_between(zs, lo, hi, where=wrong, color=COLORS["vermillion"], alpha=0.12, lw=0,
                                             label="confidently wrong: |ŷ − y| > 0.9" if y == 1 else None)
                             for ax, lo, hi in ((self.ax_loss, 0, ymax), (self.ax_grad, -1.15, 1.15))]
        (self.bce,) = self.ax_loss.plot([], [], color=COLORS["blue"], lw=2.5, label="binary cross-entropy")
        (self.se,) = self.ax_loss.plot([], [], color=COLORS["orange"], lw=2.5, ls="--", label="squared error ½(ŷ − y)²")
        (self.dbce,) = self.ax_grad.plot([], [], color=COLORS["blue"], lw=2.5)
        (self.dse,) = self.ax_grad.plot([], [], color=COLORS["orange"], lw=2.5, ls="--")
        self.dots = [ax.plot([], [], "o", color=c, ms=7, zorder=5)[0]
                     for ax, c in ((self.ax_loss, COLORS["blue"]), (self.ax_loss, COLORS["orange"]),
                                   (self.ax_grad, COLORS["blue"]), (self.ax_grad, COLORS["orange"]))]
        self.ax_grad.axhline(0, color=COLORS["black"], lw=0.8)
        self.ax_loss.set_xlim(-zmax, zmax)
        self.ax_loss.set_ylim(0, ymax)
        self.ax_grad.set_ylim(-1.15, 1.15)
        # few fixed ticks: fewer labels to lay out on every redraw
        self.ax_loss.set_xticks([-8, -4, 0, 4, 8] if zmax == 8.0 else np.linspace(-zmax, zmax, 5))
        self.ax_loss.set_yticks([0, 2, 4, 6, 8])
        self.ax_grad.set_yticks([-1, 0, 1])
        self.ax_loss.set_ylabel("loss L")
        self.ax_grad.set_ylabel("∂L/∂z")
        self.ax_grad.set_xlabel("logit z  (ŷ = σ(z))")

    def update(self, y=1, z=-3.0, legend=True):
        y = int(y)
        c = self.curves[y]
        for k, visible in ((0, y == 0), (1, y == 1)):
            for band in self.bands[k]:
                band.set_visible(visible)
        self.bce.set_data(self.zs, c["bce"])
        self.se.set_data(self.zs, c["se"])
        self.dbce.set_data(self.zs, c["dbce"])
        self.dse.set_data(self.zs, c["dse"])
        Z, T = np.array([[z]]), np.array([[float(y)]])
        p = float(act.sigmoid(Z)[0, 0])
        L_bce = _losses.binary_cross_entropy_from_logits(Z, T)
        L_se = _losses.squared_error_cost(act.sigmoid(Z), T)
        g_bce = float(_losses.bce_grad_logit(Z, T)[0, 0])
        g_se = float((_losses.squared_error_grad(act.sigmoid(Z), T) * act.sigmoid_prime(Z))[0, 0])
        for dot, value in zip(self.dots, (L_bce, L_se, g_bce, g_se)):
            dot.set_data([z], [value])
        self.ax_loss.set_title(f"y = {y}, z = {z:.2f}: ŷ = {p:.3f}\nL: BCE {L_bce:.3f}, squared {L_se:.3f}", fontsize=10)
        self.ax_grad.set_title(f"∂L/∂z: BCE {g_bce:+.3f}\nsquared {g_se:+.4f}", fontsize=10)
        if legend and self.ax_loss.get_legend() is None:
            # one legend for both rows: the colours mean the same loss above and below
            self.ax_loss.legend(loc="upper center", fontsize=8, framealpha=0.9)
        return self


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def logit_loss_multiples(settings, *, height=2.5, width=PAGE_WIDTH):
    """:class:`LogitLossPanel` once per dict in ``settings`` (columns), with one legend below."""
    fig = stacked_multiples(LogitLossPanel, [{"legend": False, **values} for values in settings],
                            height=height, width=width)
    axes = np.array(fig.axes).reshape(2, len(settings))
    for ax in axes[:, 1:].flat:
        ax.set_ylabel("")
    handles, labels = [], []
    for ax in axes[:, 0]:
        for h, label in zip(*ax.get_legend_handles_labels()):
            if label not in labels:
                handles.append(h)
                labels.append(label)
    fig.legend(handles, labels, loc="outside lower center", ncol=3, fontsize=9, frameon=False)
    return fig


class CrossEntropyPanel:
    """Chapter 7: softmax probabilities ŷ of k classes, the one-hot target y, and the loss.

    Filled bars are ŷ_j = softmax(z)_j; the outlined bar is y_j (1 for the true class);
    under each class its loss if it were the true one, −log ŷ_j.
    """

    def __init__(self, ax, k=3):
        self.ax, self.k = ax, k
        idx = np.arange(k)
        self.bars = ax.bar(idx, np.zeros(k), width=0.6, color=COLORS["sky"], label="prediction ŷⱼ = softmax(z)ⱼ")
        self.target = ax.bar(idx, np.zeros(k), width=0.8, facecolor="none", edgecolor=COLORS["black"], lw=2,
                             ls="--", label="one-hot target yⱼ")
        self.values = [ax.text(j, 0, "", ha="center", va="bottom", fontsize=9) for j in idx]
        ax.set_ylim(0, 1.25)
        ax.set_xlim(-0.6, k - 0.4)
        ax.set_xticks(idx)
        ax.set_ylabel("probability")
        ax.legend(loc="upper right", fontsize=8, framealpha=0.9)

    def update(self, z0=2.0, z1=1.0, z2=0.1, label=0, title=None, **more):
        z = np.array([z0, z1, z2] + [more[f"z{j}"] for j in range(3, self.k)])[:, None]
        label = int(label)
        p = act.softmax(z)[:, 0]
        Y = _losses.one_hot(np.array([label]), self.k)[:, 0]
        for j, (bar, box, text) in enumerate(zip(self.bars, self.target, self.values)):
            bar.set_height(p[j])
            bar.set_color(COLORS["blue"] if j == label else COLORS["sky"])
            box.set_height(Y[j])
            text.set_position((j, p[j] + 0.02))
            text.set_text(f"{p[j]:.3f}")
        self.ax.set_xticks(np.arange(self.k),
                           [f"class {j}\n−log ŷ{str(j).translate(_SUBSCRIPTS)} = {-np.log(max(p[j], _losses.EPS)):.2f}"
                            for j in range(self.k)], fontsize=8.5)
        L = _losses.cross_entropy_cost(p[:, None], np.array([label]))
        zs = ", ".join(f"{v:.2g}" for v in z[:, 0])
        sub = str(label).translate(_SUBSCRIPTS)
        self.ax.set_title(title or f"z = ({zs}), true class {label}\nL = −log ŷ{sub} = {L:.3f}", fontsize=10)
        return self


# ---- chapter 3: the activations of every layer in one forward pass
#: The fixed input batch of chapter 3's figures: n_0 = 20 features, m = 200 examples, N(0, 1) entries.
FORWARD_DEMO_INPUT = dict(n_0=20, m=200, seed=0)


def forward_demo(hidden="tanh", depth=6, width=50, scale=1.0):
    """A forward pass of the fixed input batch through ``depth`` hidden layers of ``width`` units.

    The network is ``Network([20, width, …, width, 1], hidden, task="regression", seed=0)``
    with nnlib's default initialisation, every W^[l] then multiplied by ``scale``.
    Returns the network, whose ``z`` and ``a`` hold every layer.
    """
    from .network import Network

    spec = FORWARD_DEMO_INPUT
    X = np.random.default_rng(spec["seed"]).normal(size=(spec["n_0"], spec["m"]))
    net = Network([spec["n_0"]] + [int(width)] * int(depth) + [1], hidden=hidden, task="regression", seed=0)
    net.W = [None] + [w * scale for w in net.W[1:]]
    net.forward(X)
    return net


class ForwardStatsPanel:
    """How the activations a^[1] … a^[depth] of a batch are spread, layer by layer (chapter 3).

    For each hidden layer: a light bar from the 5th to the 95th percentile of its entries,
    a dark bar from the 25th to the 75th, a tick at the median, and above it (red) the
    percentage of entries with g'(z) < 0.05 (:func:`nnlib.activations.saturated_fraction`): saturated
    for sigmoid and tanh, exactly zero for ReLU.  Dashed lines mark where g flattens.
    """

    def __init__(self, ax, max_depth=10):
        self.ax = ax
        self.max_depth = max_depth
        x = np.arange(1, max_depth + 1)
        zeros = np.zeros(max_depth)
        self.outer = ax.bar(x, zeros, width=0.6, color=COLORS["sky"], alpha=0.55, label="5–95 % of entries")
        self.inner = ax.bar(x, zeros, width=0.6, color=COLORS["blue"], label="25–75 %")
        (self.median,) = ax.plot([], [], "_", color=COLORS["black"], ms=16, mew=2.5, label="median")
        self.bounds = [ax.axhline(0.0, color=COLORS["vermillion"], ls="--", lw=1.2, label="where g is flat"),
                       ax.axhline(1.0, color=COLORS["vermillion"], ls="--", lw=1.2)]
        self.percent = [ax.text(xi, 0.97, "", transform=ax.get_xaxis_transform(), ha="center", va="top",
                                fontsize=9, color=COLORS["vermillion"]) for xi in x]
        self.hidden = self.depth = None
        ax.grid(False, axis="x")
        ax.set_xlabel("layer l   (red: % of entries with g′(z) < 0.05)")
        ax.set_ylabel("activation a[l]")

    def legend(self, ax_or_fig=None, **kwargs):
        """A legend for the bars, the median and the bounds (on the axes, or on a figure)."""
        handles = [self.outer, self.inner, self.median, self.bounds[0]]
        target = ax_or_fig or self.ax
        return target.legend(handles=handles, **{"fontsize": 9, "framealpha": 0.9, **kwargs})

    def _set_scale(self, hidden, top):
        ax = self.ax
        if hidden != self.hidden:
            ax.set_yscale("linear" if hidden in ("sigmoid", "tanh") else "symlog", **(
                {} if hidden in ("sigmoid", "tanh") else {"linthresh": 1.0}))
            self.hidden = hidden
        flat = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, None), "identity": (None, None)}[hidden]
        for line, y in zip(self.bounds, flat):
            line.set_visible(y is not None)
            if y is not None:
                line.set_ydata([y, y])
        if hidden == "sigmoid":
            ax.set_ylim(-0.1, 1.3)
        elif hidden == "tanh":
            ax.set_ylim(-1.3, 1.6)
        elif hidden == "relu":
            ax.set_ylim(-0.3, max(4.0, 6.0 * top))
        else:
            ax.set_ylim(-max(4.0, 6.0 * top), max(4.0, 40.0 * top))

    def update(self, hidden="tanh", depth=6, width=50, scale=1.0, title=None):
        from .activations import saturated_fraction

        depth = int(depth)
        if not 1 <= depth <= self.max_depth:
            raise ValueError(f"depth must be between 1 and {self.max_depth}, got {depth}")
        net = forward_demo(hidden, depth, width, scale)
        q = np.array([np.percentile(net.a[l], (5, 25, 50, 75, 95)) for l in range(1, depth + 1)])
        fractions = [saturated_fraction(net.z[l], hidden) for l in range(1, depth + 1)]
        fig = self.ax.figure
        points_per_layer = self.ax.get_position().width * fig.get_figwidth() * 72 / depth
        fontsize = 9 if points_per_layer > 40 else 7
        for i in range(self.max_depth):
            shown = i < depth
            for bar, (lo, hi) in ((self.outer[i], (0, 4)), (self.inner[i], (1, 3))):
                bar.set_visible(shown)
                if shown:
                    bar.set_y(q[i, lo])
                    bar.set_height(q[i, hi] - q[i, lo])
            self.percent[i].set_text(f"{100 * fractions[i]:.0f}%" if shown else "")
            self.percent[i].set_fontsize(fontsize)
        self.median.set_data(np.arange(1, depth + 1), q[:, 2])
        self._set_scale(hidden, float(np.max(np.abs(q))))
        if depth != self.depth:
            self.ax.set_xlim(0.4, depth + 0.6)
            self.ax.set_xticks(np.arange(1, depth + 1))
            self.depth = depth
        if title is None:
            title = f"{hidden}: {depth} layers × {int(width)} units, weights × {scale:g}"
            if hidden == "relu":
                dead = sum(int(np.sum(np.all(net.z[l] <= 0, axis=1))) for l in range(1, depth + 1))
                title += f"; dead units: {dead} of {depth * int(width)}"
        self.ax.set_title(title, fontsize=11)
        return self


def forward_stats_figure(settings, *, ncols=3, height=2.9, width=PAGE_WIDTH):
    """Small multiples of :class:`ForwardStatsPanel` (one dict of ``update`` values each), one legend below."""
    nrows = int(np.ceil(len(settings) / ncols))
    fig, axes = figure(ncols, nrows, height=height, width=width, squeeze=False)
    panels = [ForwardStatsPanel(ax).update(**values) for ax, values in zip(axes.flat, settings)]
    for ax in list(axes.flat)[len(settings):]:
        ax.set_visible(False)
    for panel in panels:
        panel.ax.set_xlabel("layer l")
    panels[0].legend(fig, loc="outside lower center", ncol=4)
    fig.suptitle("red: % of a layer's entries with g′(z) < 0.05 (saturated; for ReLU, a = 0)", fontsize=10,
                 color=COLORS["vermillion"])
    return fig


# ---- chapter 4: from logits to probabilities
class SoftmaxPanel:
    """softmax((z + c) / T) for four logits as bars, the naive form as open markers (chapter 4).

    The naive form exp(z) / Σ exp(z) is computed without the shift by the maximum: where
    it overflows (inf / inf = nan) its markers disappear and the title says so.
    """

    def __init__(self, ax, k=4):
        self.ax, self.k = ax, k
        idx = np.arange(k)
        self.bars = ax.bar(idx, np.zeros(k), width=0.6, color=CYCLE[:k], label="stable softmax (nnlib)")
        (self.naive,) = ax.plot([], [], "o", ms=7, mfc="none", mec=COLORS["black"], mew=1.5,
                                label="naive exp(z)/Σexp(z)")
        self.values = [ax.text(j, 0, "", ha="center", va="bottom", fontsize=9) for j in idx]
        ax.set_ylim(0, 1.35)
        ax.set_xlim(-0.6, k - 0.4)
        ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.set_ylabel("probability ŷⱼ")
        ax.set_xlabel("class j  /  scaled logit (zⱼ + c)/T", fontsize=9)
        ax.legend(loc="upper right", fontsize=8, ncol=2, framealpha=0.9)

    def update(self, z0=2.0, z1=1.0, z2=0.1, z3=-1.0, temperature=1.0, shift=0.0, title=None):
        if temperature <= 0:
            raise ValueError(f"the temperature T must be positive, got {temperature}")
        z = (np.array([z0, z1, z2, z3][: self.k]) + shift) / temperature
        p = act.softmax(z)
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            e = np.exp(z)
            naive = e / np.sum(e)
        for j, (bar, text) in enumerate(zip(self.bars, self.values)):
            bar.set_height(p[j])
            text.set_position((j, p[j] + 0.05))
            text.set_text(f"{p[j]:.3f}")
        self.naive.set_data(np.arange(self.k), naive)
        self.ax.set_xticks(np.arange(self.k), [f"{j}\n{v:.4g}" for j, v in enumerate(z)], fontsize=9)
        if title is None:
            verdict = "naive form agrees" if np.all(np.isfinite(naive)) else "naive form gives nan"
            title = f"c = {shift:g}, T = {temperature:g}: {verdict}"
        self.ax.set_title(title, fontsize=11)
        return self


# ---- chapter 12: mini-batches
#: Batch sizes of chapter 12's explorer; the data set has MINIBATCH_M examples.
MINIBATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256)
MINIBATCH_M = 512
MINIBATCH_DRAWS = 200


@_functools.lru_cache(maxsize=None)
def minibatch_demo():
    """Chapter 12's fixed example: one gradient per example of a [2, 8, 3] tanh network on 512 points.

    Returns a dict with ``G`` (m, P): row i holds example i's ∇L for every parameter
    (W[1], b[1], W[2], b[2] flattened), so that a mini-batch's gradient is the mean of
    its rows and the full gradient ``full`` the mean of all rows (eq. `eq-batch-average`);
    ``names`` of the P parameters and ``pick``, the two shown in the scatter plots.
    """
    from .network import Network, per_example_weight_gradients

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
    assert np.allclose(full, np.concatenate([np.concatenate([dW[l].ravel(), db[l].ravel()]) for l in range(1, net.N + 1)]))
    n_w1 = net.sizes[1] * net.sizes[0]  # the first n_w1 columns are the entries of W[1]
    pick = tuple(int(i) for i in np.sort(np.argsort(G[:, :n_w1].var(axis=0))[-2:]))
    return {"G": G, "full": full, "names": names, "pick": pick, "m": m,
            "spread": float(np.mean(np.sum((G - full) ** 2, axis=1)))}


@_functools.lru_cache(maxsize=None)
def minibatch_estimates(batch_size):
    """Gradients of MINIBATCH_DRAWS random mini-batches of ``batch_size`` examples (drawn without replacement)."""
    d = minibatch_demo()
    rng = np.random.default_rng(1000 + int(batch_size))
    idx = np.array([rng.choice(d["m"], int(batch_size), replace=False) for _ in range(MINIBATCH_DRAWS)])
    return d["G"][idx].mean(axis=1)


def minibatch_noise_theory(batch_size):
    """Root-mean-square distance of a mini-batch gradient from the full one (eq. `eq-minibatch-noise`)."""
    d = minibatch_demo()
    B, m = np.asarray(batch_size, dtype=float), d["m"]
    return np.sqrt(d["spread"] / B * (m - B) / (m - 1))


def _param_label(name):
    kind, rest = name[0], name[1:]
    layer, entry = rest[1:].split("]")
    return f"$\\partial J/\\partial {kind}^{{[{layer}]}}_{{{entry.replace(',', '')}}}$"


class MinibatchCloudPanel:
    """Gradients of many random mini-batches of size B around the full gradient, two coordinates (chapter 12)."""

    def __init__(self, ax):
        self.ax = ax
        d = minibatch_demo()
        p, q = d["pick"]
        self.p, self.q = p, q
        full = d["full"]
        sd = d["G"][:, [p, q]].std(axis=0)
        self.points = ax.scatter(full[[p]], full[[q]], s=8, color=COLORS["sky"], alpha=0.6,
                                 label="random mini-batches")
        (self.ring,) = ax.plot([], [], color=COLORS["blue"], lw=1.5, ls="--", label="±2 standard deviations")
        (self.arrow,) = ax.plot([], [], color=COLORS["vermillion"], lw=2)
        (self.one,) = ax.plot([], [], "o", color=COLORS["vermillion"], ms=8, mec="black", label="one mini-batch")
        ax.plot([full[p]], [full[q]], "*", color=COLORS["black"], ms=14, label="full batch, m = 512")
        ax.set_xlim(full[p] - 2.5 * sd[0], full[p] + 2.5 * sd[0])
        ax.set_ylim(full[q] - 2.5 * sd[1], full[q] + 2.5 * sd[1])
        ax.set_xlabel(_param_label(d["names"][p]))
        ax.set_ylabel(_param_label(d["names"][q]))
        self.t = np.linspace(0, 2 * np.pi, 100)
        self.sd = sd

    def update(self, batch_size=8, draw=0):
        d = minibatch_demo()
        est = minibatch_estimates(batch_size)[:, [self.p, self.q]]
        full = d["full"][[self.p, self.q]]
        self.points.set_offsets(est)
        m, B = d["m"], float(batch_size)
        r = 2 * self.sd * np.sqrt((m - B) / (B * (m - 1)))
        self.ring.set_data(full[0] + r[0] * np.cos(self.t), full[1] + r[1] * np.sin(self.t))
        one = est[int(draw) % len(est)]
        self.arrow.set_data([full[0], one[0]], [full[1], one[1]])
        self.one.set_data([one[0]], [one[1]])
        self.ax.set_title(f"B = {int(batch_size)}: {MINIBATCH_DRAWS} mini-batch gradients", fontsize=10)
        return self


class MinibatchNoisePanel:
    """Distance of a mini-batch gradient from the full gradient against the batch size B, log–log (chapter 12)."""

    def __init__(self, ax):
        self.ax = ax
        d = minibatch_demo()
        sizes = np.array(MINIBATCH_SIZES, dtype=float)
        rms = [np.sqrt(np.mean(np.sum((minibatch_estimates(B) - d["full"]) ** 2, axis=1))) for B in MINIBATCH_SIZES]
        fine = np.geomspace(1, MINIBATCH_SIZES[-1], 100)
        ax.plot(fine, minibatch_noise_theory(fine), color=COLORS["blue"], lw=2,
                label=r"theory $\sigma\sqrt{(m-B)\,/\,B(m-1)}$")
        ax.plot(fine, minibatch_noise_theory(1) / np.sqrt(fine), color=COLORS["grey"], lw=1, ls=":",
                label="∝ 1/√B")
        ax.plot(sizes, rms, "o", color=COLORS["orange"], ms=6, label=f"measured ({MINIBATCH_DRAWS} draws)")
        (self.now,) = ax.plot([], [], "o", color=COLORS["vermillion"], ms=12, mfc="none", mew=2.5)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xlabel("mini-batch size B")
        ax.set_ylabel(r"rms $\|\nabla J_B - \nabla J\|$")
        ax.legend(loc="lower left", fontsize=8)
        self.rms = dict(zip(MINIBATCH_SIZES, rms))

    def update(self, batch_size=8, draw=0):
        if batch_size is None:
            self.now.set_data([], [])
            self.ax.set_title("noise of the estimate", fontsize=10)
            return self
        self.now.set_data([batch_size], [self.rms[int(batch_size)]])
        self.ax.set_title(f"B = {int(batch_size)}: noise {self.rms[int(batch_size)]:.3f}", fontsize=10)
        return self


def minibatch_figure(batch_sizes=(2, 16, 128)):
    """Static companion of the mini-batch explorer: clouds for three batch sizes and the noise curve."""
    fig, axes = figure(2, 2, height=3.3)
    for ax, B in zip(axes.flat, batch_sizes):
        MinibatchCloudPanel(ax).update(batch_size=B, draw=0)
    axes.flat[0].legend(loc="lower left", fontsize=7, framealpha=0.9)
    MinibatchNoisePanel(axes.flat[3]).update(batch_size=None)
    return fig


def timing_figure(batch_sizes, t_batch, t_loop):
    """Time for one gradient of m examples: vectorised pass against a loop over the examples (chapter 12)."""
    fig, axes = figure(2, height=3.3)
    ms = np.asarray(batch_sizes, dtype=float)
    t_batch, t_loop = np.asarray(t_batch) * 1e3, np.asarray(t_loop) * 1e3
    ax = axes[0]
    ax.plot(ms, t_loop, "o-", color=COLORS["orange"], lw=2, label="loop over examples")
    ax.plot(ms, t_batch, "s-", color=COLORS["blue"], lw=2, label="one pass over m columns")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("number of examples m")
    ax.set_ylabel("time for forward + backward (ms)")
    ax.set_title("time per gradient", fontsize=10)
    ax.legend(loc="upper left", fontsize=8)
    ax = axes[1]
    ax.plot(ms, t_loop / t_batch, "o-", color=COLORS["green"], lw=2)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("number of examples m")
    ax.set_ylabel("loop time / vectorised time")
    ax.set_title(f"speed-up: {t_loop[-1] / t_batch[-1]:.0f}× at m = {int(ms[-1])}", fontsize=10)
    return fig


# ---- chapters 8–10: backpropagation (output δ, the backward recursion, parameter gradients)
#: The output-activation + loss pairs of chapter 8: the three matched ones of the notes and two mismatched.
OUTPUT_PAIRS = {
    "identity + squared error": ("identity", "squared_error"),
    "sigmoid + binary cross-entropy": ("sigmoid", "binary_cross_entropy"),
    "softmax + cross-entropy": ("softmax", "cross_entropy"),
    "sigmoid + squared error (mismatched)": ("sigmoid", "squared_error"),
    "softmax + squared error (mismatched)": ("softmax", "squared_error"),
}


def output_delta_three_ways(pair, z, target):
    """δ^[N] of one example three ways: the shortcut ŷ − y, the chain rule, finite differences (chapter 8).

    ``z`` is a column of logits (k, 1), ``target`` the index of the unit whose y is 1 (the
    others are 0).  Returns a dict with ``y_hat``, ``y``, ``shortcut``, ``chain``, ``numeric``.
    """
    from .gradcheck import numerical_gradient
    from .losses import LOSSES
    from .network import output_delta_chain_rule

    output, loss = OUTPUT_PAIRS[pair]
    z = np.asarray(z, dtype=np.float64).reshape(-1, 1)
    y = np.zeros_like(z)
    y[int(target)] = 1.0
    y_hat = act.ACTIVATIONS[output](z)

    def loss_of(zz):
        return LOSSES[loss](act.ACTIVATIONS[output](zz), y)

    return dict(y_hat=y_hat, y=y, shortcut=y_hat - y, chain=output_delta_chain_rule(z, y, output, loss),
                numeric=numerical_gradient(loss_of, z.copy()))


class OutputDeltaPanel:
    """Bars of δ^[N] for three output units: ŷ − y, the chain rule and finite differences (chapter 8)."""

    KINDS = (("numeric", "finite differences", "grey"),
             ("chain", "chain rule", "blue"),
             ("shortcut", "shortcut ŷ − y", "orange"))

    def __init__(self, ax, k=3):
        self.ax = ax
        self.k = k
        x = np.arange(k)
        self.bars = {}
        for offset, (key, label, color) in zip((-0.27, 0.0, 0.27), self.KINDS):
            self.bars[key] = ax.bar(x + offset, np.zeros(k), width=0.26, color=COLORS[color], label=label,
                                    edgecolor="white", hatch="//" if key == "numeric" else None)
        ax.axhline(0.0, color=COLORS["black"], lw=0.8)
        ax.set_xticks(x, [f"unit {j + 1}" for j in range(k)])
        ax.set_xlim(-0.6, k - 0.4)
        ax.set_ylabel("δⱼ = ∂L/∂zⱼ")
        ax.grid(axis="x", visible=False)
        ax.legend(loc="upper center", ncol=3, fontsize=7.5, framealpha=0.9, handlelength=1.2, columnspacing=0.8,
                  handletextpad=0.4)
        from matplotlib.ticker import MaxNLocator

        self._locator = MaxNLocator(5)

    def update(self, pair="softmax + cross-entropy", z1=2.0, z2=-1.0, z3=0.5, target=1, title=None):
        from .gradcheck import relative_error

        r = output_delta_three_ways(pair, [z1, z2, z3][: self.k], target)
        for key, bars in self.bars.items():
            for bar, h in zip(bars, r[key].ravel()):
                bar.set_height(h)
        top = max(1.0, 1.1 * max(float(np.max(np.abs(r[key]))) for key in self.bars))
        self.ax.set_ylim(-top, 1.75 * top)  # the band above the bars holds the legend
        ticks = self._locator.tick_values(-top, top)
        self.ax.set_yticks(ticks[np.abs(ticks) <= top])
        self.ax.set_xticks(np.arange(self.k), [f"unit {j + 1}\nŷ = {r['y_hat'][j, 0]:.2f}\ny = {r['y'][j, 0]:g}"
                                               for j in range(self.k)], fontsize=9)
        err_chain = relative_error(r["chain"], r["numeric"])
        err_short = relative_error(r["shortcut"], r["numeric"])
        self.ax.set_title(f"{title or pair}\nrel. error: chain rule {err_chain:.0e}, ŷ − y {err_short:.0e}",
                          fontsize=9.5)
        return self


def mismatch_delta_plot(ax, zmax=8.0):
    """δ of one sigmoid output with target y = 1, for a matched and a mismatched loss (chapter 8)."""
    z = np.linspace(-zmax, zmax, 401)
    s = act.sigmoid(z)
    ax.plot(z, s - 1.0, color=COLORS["blue"], lw=2.5, label="binary cross-entropy: δ = ŷ − y")
    ax.plot(z, (s - 1.0) * s * (1.0 - s), color=COLORS["vermillion"], lw=2.5, ls="--",
            label="squared error: δ = (ŷ − y) σ′(z)")
    ax.axvspan(-zmax, -3.0, color=COLORS["grey"], alpha=0.2, lw=0)
    ax.text(-zmax + 0.3, -0.55, "confidently wrong:\nσ′ ≈ 0 stalls\nsquared error", fontsize=9, va="center")
    ax.set_xlim(-zmax, zmax)
    ax.set_ylim(-1.1, 0.15)
    ax.set_xlabel("logit z (the target is y = 1)")
    ax.set_ylabel("δ = ∂L/∂z")
    ax.legend(loc="lower right", fontsize=9, framealpha=0.9)
    return ax


#: A diverging colour map that stays readable with every common colour-vision deficiency.
DELTA_CMAP = "PuOr"


def _backward_example(sizes, hidden, seed):
    """A small binary network, one example x with target y = 1, after forward and backward."""
    from .network import Network

    net = Network(list(sizes), hidden=hidden, task="binary", seed=int(seed))
    x = np.random.default_rng(int(seed) + 100).normal(0.0, 1.5, size=(sizes[0], 1))
    net.forward(x)
    net.backward(np.ones((sizes[-1], 1)))
    return net


class BackwardPanel:
    """A network as nodes and edges; the δ of each computed layer written on its nodes (chapter 9).

    Step 1 computes δ^[N] = ŷ − y at the output; step k computes δ^[N−k+1] from the
    layer above by eq. `eq-delta-recursion`.  Nodes are coloured by δ (diverging map,
    one scale for the whole network), edges are as wide as the weights are large, and the edges used in
    the current step are dark.
    """

    PENDING = "#e6e6e6"

    def __init__(self, ax, sizes=(2, 3, 3, 1)):
        from matplotlib import colormaps
        from matplotlib.cm import ScalarMappable
        from matplotlib.collections import LineCollection
        from matplotlib.colors import Normalize

        self.ax = ax
        self.sizes = list(sizes)
        self.N = len(sizes) - 1
        self.cmap = colormaps[DELTA_CMAP]
        self.norm = Normalize(-1.0, 1.0)
        self.mappable = ScalarMappable(norm=self.norm, cmap=self.cmap)
        self.pos = [(l, (n - 1) / 2.0 - np.arange(n)) for l, n in enumerate(self.sizes)]
        segments, self.edge_layer = [], []
        for l in range(1, self.N + 1):
            for i, yi in enumerate(self.pos[l][1]):
                for j, yj in enumerate(self.pos[l - 1][1]):
                    segments.append([(l - 1, yj), (l, yi)])
                    self.edge_layer.append((l, i, j))
        self.edges = LineCollection(segments, colors=COLORS["grey"], zorder=1)
        ax.add_collection(self.edges)
        xs = np.concatenate([np.full(n, l, dtype=float) for l, n in enumerate(self.sizes)])
        ys = np.concatenate([p[1] for p in self.pos])
        self.nodes = ax.scatter(xs, ys, s=420, facecolors="white", edgecolors=COLORS["black"], linewidths=1.0, zorder=3)
        self.texts = [ax.text(x + 0.11, y + 0.02, "", fontsize=8.5, va="center", ha="left", zorder=4,
                              bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
                      for x, y in zip(xs, ys)]
        top = (max(self.sizes) - 1) / 2.0
        ax.set_xlim(-0.3, self.N + 0.75)
        ax.set_ylim(-top - 0.6, top + 0.6)
        ax.set_xticks(range(self.N + 1), ["input x"] + [f"layer {l}" for l in range(1, self.N)] + [f"output (layer {self.N})"])
        ax.set_yticks([])
        ax.grid(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="x", length=0)

    def update(self, step=1, hidden="tanh", seed=0, title=None):
        step = int(min(max(step, 1), self.N))
        net = _backward_example(self.sizes, hidden, seed)
        current = self.N - step + 1  # the layer whose δ this step computes
        v = max(float(np.max(np.abs(net.delta[l]))) for l in range(1, self.N + 1)) or 1.0
        self.mappable.set_clim(-v, v)
        g_prime = act.DERIVATIVES[hidden]
        faces, widths, labels = [], [], []
        for l, n in enumerate(self.sizes):
            for i in range(n):
                if l == 0:
                    faces.append("white")
                    labels.append(f"x{'₁₂₃₄₅₆₇₈₉'[i] if i < 9 else i + 1} = {net.a[0][i, 0]:.2f}".replace("-", "−"))
                elif l >= current:
                    d = float(net.delta[l][i, 0])
                    faces.append(self.cmap(self.norm(d)))
                    extra = f"\ng′ = {float(g_prime(net.z[l])[i, 0]):.2f}" if l < self.N else f"\nŷ = {net.a[l][i, 0]:.2f}, y = 1"
                    labels.append(f"δ = {d:+.3f}{extra}".replace("-", "−"))
                else:
                    faces.append(self.PENDING)
                    labels.append("δ = ?")
                widths.append(2.8 if l == current else 1.0)
        self.nodes.set_facecolors(faces)
        self.nodes.set_linewidths(widths)
        for text, label in zip(self.texts, labels):
            text.set_text(label)
        wmax = max(float(np.max(np.abs(net.W[l]))) for l in range(1, self.N + 1))
        lw, colors = [], []
        for l, i, j in self.edge_layer:
            lw.append(0.4 + 4.0 * abs(net.W[l][i, j]) / wmax)
            used = step > 1 and l == current + 1
            colors.append((0.0, 0.0, 0.0, 0.85) if used else (0.6, 0.6, 0.6, 0.45))
        self.edges.set_linewidths(lw)
        self.edges.set_colors(colors)
        if step == 1:
            default = f"step 1: δ[{self.N}] = ŷ − y at the output"
        else:
            default = f"step {step}: δ[{current}] = (W[{current + 1}]ᵀ δ[{current + 1}]) ∘ g′(z[{current}])"
        self.ax.set_title(title or default)
        return self


def backward_steps_figure(sizes=(2, 3, 3, 1), hidden="tanh", seed=0, height=2.35):
    """Every step of the backward pass, one row each, with one colour bar (chapter 9's static figure)."""
    n_steps = len(sizes) - 1
    fig, axes = figure(1, n_steps, height=height, squeeze=False)
    panels = [BackwardPanel(ax, sizes).update(step=k, hidden=hidden, seed=seed) for k, ax in zip(range(1, n_steps + 1), axes[:, 0])]
    fig.colorbar(panels[0].mappable, ax=axes[:, 0].tolist(), label="δ (one example)", shrink=0.6)
    return fig


class WeightSlopePanel:
    """J as one weight W[l][i, j] varies, with the tangents of the right and of the misprinted gradient (chapter 10).

    The slope of the tangent from ∇W = (1/m) δ^[l] a^[l−1]ᵀ (eq. `eq-grad-W`) touches the
    curve; the one from the notes' δ^[l] a^[l]ᵀ does not, or has no entry [i, j] at all.
    """

    def __init__(self, ax, sizes=(3, 4, 4, 2), seed=1, m=8, half_width=3.0):
        from .network import Network

        self.ax = ax
        self.net = Network(list(sizes), hidden="tanh", task="multiclass", seed=seed)
        rng = np.random.default_rng(7)
        self.X = rng.normal(size=(sizes[0], m))
        self.labels = rng.integers(0, sizes[-1], m)
        self.offsets = np.linspace(-half_width, half_width, 121)
        (self.curve,) = ax.plot([], [], color=COLORS["blue"], lw=2.5, label="J along the weight")
        (self.right,) = ax.plot([], [], color=COLORS["green"], lw=2.5, label="slope δ[l] a[l−1]ᵀ (right)")
        (self.wrong,) = ax.plot([], [], color=COLORS["vermillion"], lw=2.2, ls="--",
                                label="slope δ[l] a[l]ᵀ (misprint)")
        (self.dot,) = ax.plot([], [], "o", color=COLORS["black"], ms=6, zorder=4)
        ax.set_ylabel("cost J")
        ax.yaxis.set_major_formatter("{x:.2f}")  # same width for every weight: the widget's layout is fixed
        self.info = ax.text(0.02, 0.97, "", transform=ax.transAxes, fontsize=8.5, va="top", ha="left",
                            bbox=dict(boxstyle="round", fc="white", ec=COLORS["grey"], alpha=0.9))

    def add_legend(self, fig):
        """One legend for the figure, below its axes (the curves need the whole of each panel)."""
        fig.legend(handles=[self.curve, self.right, self.wrong], loc="outside lower center", ncol=3, fontsize=9,
                   frameon=False, handlelength=1.8, columnspacing=1.2)

    def cost_along(self, l, i, j, values):
        """J with W[l][i, j] set to each of ``values`` in turn (restored afterwards)."""
        W = self.net.W[l]
        old = W[i, j]
        out = np.empty(len(values))
        try:
            for k, v in enumerate(values):
                W[i, j] = v
                out[k] = self.net.cost(self.net.forward(self.X), self.labels)
        finally:
            W[i, j] = old
        return out

    def update(self, layer=2, i=1, j=3, title=None):
        from .gradcheck import numerical_gradient
        from .network import misprinted_weight_gradient

        net, l = self.net, int(layer)
        n_l, n_prev = net.sizes[l], net.sizes[l - 1]
        i, j = int(min(i, n_l - 1)), int(min(j, n_prev - 1))
        J0 = net.cost(net.forward(self.X), self.labels)
        dW, _ = net.backward(self.labels)
        right = float(dW[l][i, j])
        printed = misprinted_weight_gradient(net.delta[l], net.a[l])
        w0 = float(net.W[l][i, j])
        ts = w0 + self.offsets
        Js = self.cost_along(l, i, j, ts)
        w = np.array([w0])
        fd = float(numerical_gradient(lambda v: self.cost_along(l, i, j, v)[0], w)[0])
        self.curve.set_data(ts, Js)
        self.dot.set_data([w0], [J0])
        span = np.array([w0 - 1.2, w0 + 1.2])
        self.right.set_data(span, J0 + right * (span - w0))
        has_entry = j < printed.shape[1]
        shapes = f"W[{l}] is {n_l}×{n_prev}; δ[{l}] a[{l}]ᵀ is {n_l}×{n_l}"
        shapes += ": same shape" if n_l == n_prev else ": shapes differ"
        if has_entry:
            wrong = float(printed[i, j])
            self.wrong.set_data(span, J0 + wrong * (span - w0))
            wrong_text = f"δ[{l}] a[{l}]ᵀ  → {wrong:+.4f}"
        else:
            self.wrong.set_data([], [])
            wrong_text = f"δ[{l}] a[{l}]ᵀ  has no entry [{i}, {j}]"
        self.info.set_text(f"{shapes}\nslope ∂J/∂W[{l}][{i}, {j}]:\n"
                           f"finite difference → {fd:+.4f}\nδ[{l}] a[{l - 1}]ᵀ → {right:+.4f}\n{wrong_text}")
        lo, hi = float(np.min(Js)), float(np.max(Js))
        pad = max(0.1 * (hi - lo), 0.02)
        self.ax.set_xlim(ts[0], ts[-1])
        self.ax.set_ylim(lo - pad, hi + 2.2 * pad + 0.45 * (hi - lo))
        self.ax.set_xlabel(f"weight W[{l}][{i}, {j}]")
        self.ax.set_title(title or f"layer {l}, weight [{i}, {j}]")
        return self


def weight_slope_figure(settings, *, ncols=2, height=3.2):
    """:class:`WeightSlopePanel` for several weights side by side, with one legend (chapter 10's static figure)."""
    nrows = int(np.ceil(len(settings) / ncols))
    fig, axes = figure(ncols, nrows, height=height, squeeze=False)
    panels = [WeightSlopePanel(ax).update(**values) for ax, values in zip(axes.flat, settings)]
    for ax in list(axes.flat)[len(settings):]:
        ax.set_visible(False)
    panels[0].add_legend(fig)
    return fig
