"""Figures of chapter 13, training: gradient descent, the playground, digits (chapter
12's: ``minibatches``)."""
from __future__ import annotations

import numpy as np
from matplotlib import ticker
from matplotlib.colors import BoundaryNorm

from .. import accuracy
from ..experiments import (
    PLAYGROUND_EPOCHS,
    playground_run,
    quadratic_descent,
)
from .style import COLORS, CYCLE, PAGE_WIDTH, PROBABILITY_CMAP, SMALL, figure


# --------------------------------------------------------------------------- chapter 13
class QuadraticDescentPanel:
    """Gradient descent on J(w) = ½ λ w²: the iterates w_t = (1 − αλ)ᵗ w₀ on the
    parabola (chapter 13).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    wmax : float
        w runs from −wmax to wmax.
    """

    def __init__(self, ax, wmax=3.0):
        self.ax = ax
        self.ws = np.linspace(-wmax, wmax, 201)
        (self.parabola,) = ax.plot([], [], color=COLORS["grey"], lw=2,
                                   label="J(w) = ½λw²")
        (self.path,) = ax.plot([], [], "-o", color=COLORS["blue"], lw=1.2, ms=4,
                               label="w₀, w₁, …")
        (self.start,) = ax.plot([], [], "s", color=COLORS["vermillion"], ms=7,
                                label="start w₀")
        ax.set_xlim(-wmax, wmax)
        ax.set_xlabel("w")
        ax.set_ylabel("J(w)")

    def update(self, alpha=0.1, curvature=4.0, w0=1.0, steps=8, title=None):
        """Draw ``steps`` steps of gradient descent from ``w0``.

        Parameters
        ----------
        alpha : float
            The learning rate α.
        curvature : float
            λ, the parabola's J''.
        w0 : float
            The start.
        steps : int
            How many steps.
        title : str, optional
            The panel's title (default: the values it shows).

        Returns
        -------
        QuadraticDescentPanel
            The panel itself.
        """
        J = 0.5 * curvature * self.ws ** 2
        self.parabola.set_data(self.ws, J)
        w = quadratic_descent(alpha, curvature, w0, steps)
        shown = np.abs(w) <= self.ws[-1]
        self.path.set_data(w[shown], 0.5 * curvature * w[shown] ** 2)
        self.start.set_data([w0], [0.5 * curvature * w0 ** 2])
        self.ax.set_ylim(-0.05 * J.max(), 1.05 * J.max())
        factor = 1 - alpha * curvature
        default = (f"α = {alpha:g}, λ = {curvature:g}\nfactor 1 − αλ = {factor:g}"
                   .replace("-", "−"))
        self.ax.set_title(title or default)
        return self


class DecisionBoundaryPanel:
    """The classifier's P(class 1) over the plane, its 0.5 boundary and the data
    (chapter 13).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    lim : float
        The plane shown, [−lim, lim]².
    resolution : int
        Points per side of the probability image.
    """

    def __init__(self, ax, lim=1.8, resolution=81):
        self.ax = ax
        u = np.linspace(-lim, lim, resolution)
        self.gx, self.gy = np.meshgrid(u, u)
        # (2, resolution²): one point per column
        self.grid = np.vstack([self.gx.ravel(), self.gy.ravel()])
        # ten bands of probability, as a contour fill would draw them, but one image
        # that each update refills: interpolated between the grid's points before it is
        # coloured, so the bands' edges are smooth
        bands = BoundaryNorm(np.linspace(0, 1, 11), PROBABILITY_CMAP.N)
        self.fill = ax.imshow(np.zeros_like(self.gx), extent=(-lim, lim, -lim, lim),
                              origin="lower", cmap=PROBABILITY_CMAP, norm=bands,
                              interpolation="bilinear",
                              # above the ticks (0.5): they stay drawn
                              interpolation_stage="data", zorder=0.6)
        self.line = None
        style = dict(s=22, linewidths=0.5, edgecolors=COLORS["black"], zorder=3)
        self.points0 = ax.scatter([], [], marker="o", color=COLORS["blue"],
                                  label="class 0", **style)
        self.points1 = ax.scatter([], [], marker="^", color=COLORS["vermillion"],
                                  label="class 1", **style)
        # legend entry of the boundary
        ax.plot([], [], color=COLORS["black"], lw=1.5, label="ŷ = 0.5")
        self.dataset = None
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")

    def update(self, dataset="moons", hidden=8, activation="tanh", learning_rate=1.0,
               epoch=PLAYGROUND_EPOCHS,
               title=None):
        """Draw the playground's classifier after ``epoch`` epochs of this run.

        Parameters
        ----------
        dataset : str
            A key of ``nnlib.datasets.TOY_DATASETS``.
        hidden : int
            The hidden layer's units.
        activation : str
            The hidden activation.
        learning_rate : float
            α.
        epoch : int
            The epoch shown, a multiple of ``PLAYGROUND_SNAPSHOT_EVERY``.
        title : str, optional
            The panel's title (default: the values it shows).

        Returns
        -------
        DecisionBoundaryPanel
            The panel itself.
        """
        run = playground_run(dataset, int(hidden), activation, float(learning_rate))
        if dataset != self.dataset:
            self.points0.set_offsets(run.X[:, run.y == 0].T)
            self.points1.set_offsets(run.X[:, run.y == 1].T)
            self.dataset = dataset
        net = run.network(int(epoch))
        p = net.forward(self.grid)[0].reshape(self.gx.shape)
        if self.line is not None:
            self.line.remove()
        self.fill.set_data(p)
        self.line = None
        if p.min() < 0.5 < p.max():
            self.line = self.ax.contour(self.gx, self.gy, p, levels=[0.5],
                                        colors=COLORS["black"],
                                        linewidths=1.5, zorder=2)
        shown = run.last_epoch(int(epoch))
        right = accuracy(net, run.X, run.y)
        self.ax.set_title(title or f"{dataset}, epoch {shown}: {right:.0%} right")
        return self


class LossCurvePanel:
    """The playground's cost J per epoch on a log scale, with the chosen epoch marked
    (chapter 13).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    epochs : int
        The last epoch shown.
    """

    def __init__(self, ax, epochs=PLAYGROUND_EPOCHS):
        self.ax = ax
        (self.curve,) = ax.plot([], [], color=COLORS["blue"], lw=2,
                                label="cost J (training set)")
        (self.dot,) = ax.plot([], [], "o", color=COLORS["vermillion"], ms=7, zorder=3)
        self.marker = ax.axvline(0, color=COLORS["vermillion"], lw=1, ls=":")
        ax.set_xlim(0, epochs)
        ax.set_yscale("log")
        ax.set_ylim(1e-4, 40)
        # fixed ticks, no minor ticks: the log axis then costs little to redraw
        ax.yaxis.set_major_locator(ticker.FixedLocator([1e-4, 1e-3, 1e-2, 1e-1, 1, 10]))
        ax.yaxis.set_minor_locator(ticker.NullLocator())
        ax.xaxis.set_major_locator(ticker.FixedLocator(np.linspace(0, epochs, 5)))
        ax.set_xlabel("epoch")
        ax.set_ylabel("cost J")

    def update(self, dataset="moons", hidden=8, activation="tanh", learning_rate=1.0,
               epoch=PLAYGROUND_EPOCHS,
               title=None):
        """Draw this run's cost curve and mark ``epoch``.

        Parameters
        ----------
        dataset : str
            A key of ``nnlib.datasets.TOY_DATASETS``.
        hidden : int
            The hidden layer's units.
        activation : str
            The hidden activation.
        learning_rate : float
            α.
        epoch : int
            The epoch marked.
        title : str, optional
            The panel's title (default: the values it shows).

        Returns
        -------
        LossCurvePanel
            The panel itself.
        """
        run = playground_run(dataset, int(hidden), activation, float(learning_rate))
        costs = np.maximum(run.costs, 1e-4)
        self.curve.set_data(np.arange(costs.size), costs)
        shown = min(int(epoch), costs.size - 1)
        self.dot.set_data([shown], [costs[shown]])
        self.marker.set_xdata([shown, shown])
        note = (f", diverged in epoch {run.diverged_at}" if run.diverged_at is not None
                else "")
        default = (f"α = {learning_rate:g}: J = {run.costs[shown]:.3g} "
                   f"at epoch {shown}{note}")
        self.ax.set_title(title or default)
        return self


def plot_costs(ax, curves, *, xlabel="epoch", title=None, log=True,
               ylabel="cost J (training set)"):
    """Several curves per epoch on one axes (costs by default): ``curves`` maps a label
    to the values.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    curves : dict
        Label → values per epoch.
    xlabel, ylabel : str
        The axes' labels.
    title : str, optional
        The title.
    log : bool
        A log scale for the values.

    Returns
    -------
    matplotlib.axes.Axes
    """
    styles = ["-", "--", "-.", ":"]
    for i, (label, costs) in enumerate(curves.items()):
        costs = np.asarray(costs, dtype=float)
        ax.plot(np.arange(costs.size), costs, styles[i % len(styles)],
                color=CYCLE[i % len(CYCLE)], lw=2,
                label=label)
    if log:
        ax.set_yscale("log")
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=SMALL)
    if title:
        ax.set_title(title)
    return ax


def digit_images(X, titles, *, ncols=10, height=1.25, width=PAGE_WIDTH, colors=None):
    """A grid of 8×8 digit images, one per column of ``X`` (64, n), each with its title;
    the figure.

    Parameters
    ----------
    X : ndarray
        Shape (64, n), one image per column.
    titles : sequence of str
        One per image.
    ncols : int
        Images per row.
    height : float
        Inches per row.
    width : float
        Inches.
    colors : sequence, optional
        The titles' colours.

    Returns
    -------
    matplotlib.figure.Figure
    """
    X = np.asarray(X)
    n = X.shape[1]
    nrows = int(np.ceil(n / ncols))
    fig, axes = figure(ncols, nrows, height=height, width=width, squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if k < n:
            ax.imshow(X[:, k].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
            ax.set_title(titles[k], fontsize=SMALL,
                         color=(colors[k] if colors else COLORS["black"]))
    return fig


def confusion_matrix_plot(ax, C, *, title=None, cmap="cividis"):
    """The confusion matrix C (rows: true class, columns: predicted class) with the
    count in each cell.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    C : ndarray of int
        Shape (k, k).
    title : str, optional
        The title.
    cmap : str
        The colour map.

    Returns
    -------
    matplotlib.axes.Axes
    """
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
            ax.text(j, i, str(int(C[i, j])), ha="center", va="center", fontsize=SMALL,
                    color="black" if light else "white",
                    fontweight="bold" if i == j else "normal")
    ax.set_xticks(range(k))
    ax.set_yticks(range(k))
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.grid(False)
    ax.set_title(title
                 or f"confusion matrix: {int(np.trace(C))} of {int(C.sum())} right")
    return ax
