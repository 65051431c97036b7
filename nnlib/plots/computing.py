"""Figures of the part *Computing* (chapters 1–3): the affine map, activations, the
forward pass.  Chapter 4's softmax is in :mod:`nnlib.plots.outputs`."""

from __future__ import annotations

import numpy as np

from .. import (
    ACTIVATIONS,
    DERIVATIVES,
    SATURATION_THRESHOLD,
    affine,
    saturated_fraction,
)
from ..experiments import flat_ends, forward_demo
from .style import COLORS, PAGE_WIDTH, SMALL, grid_of_axes, nice_ceiling


# --------------------------------------------------------------------------- chapter 1
class AffinePanel:
    """z = W a + b for 2-D inputs: the unit grid a and its image z (chapter 1).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    lim : float
        The axes run from −lim to lim.
    """

    def __init__(self, ax, lim=4.0):
        self.ax = ax
        u = np.linspace(-1, 1, 9)
        gx, gy = np.meshgrid(u, u)
        self.a = np.vstack([gx.ravel(), gy.ravel()])  # (2, 81): one point per column
        self.square = np.array([[-1, 1, 1, -1, -1], [-1, -1, 1, 1, -1]], dtype=float)
        ax.plot(
            *self.square,
            color=COLORS["grey"],
            lw=1.5,
            ls="--",
            label="inputs a (square)",
        )
        ax.scatter(*self.a, s=6, color=COLORS["grey"])
        (self.edge,) = ax.plot(
            [], [], color=COLORS["blue"], lw=2, label="outputs z = Wa + b"
        )
        self.points = ax.scatter(self.a[0], self.a[1], s=10, color=COLORS["blue"])
        (self.e1,) = ax.plot(
            [], [], color=COLORS["vermillion"], lw=2.5, label="W's column 1"
        )
        (self.e2,) = ax.plot(
            [], [], color=COLORS["green"], lw=2.5, label="W's column 2"
        )
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.set_aspect("equal")
        ax.set_xlabel("first coordinate")
        ax.set_ylabel("second coordinate")

    def update(self, w11=1.0, w12=0.0, w21=0.0, w22=1.0, b1=0.0, b2=0.0, title=None):
        """Draw the image z = W a + b of the unit grid for these entries.

        Parameters
        ----------
        w11, w12, w21, w22 : float
            The entries of W, row by row.
        b1, b2 : float
            The entries of b.
        title : str, optional
            The panel's title (default: the values it shows).

        Returns
        -------
        AffinePanel
            The panel itself.
        """
        W = np.array([[w11, w12], [w21, w22]])
        b = np.array([[b1], [b2]])
        z = affine(W, self.a, b)
        edge = affine(W, self.square, b)
        self.edge.set_data(edge[0], edge[1])
        self.points.set_offsets(z.T)
        self.e1.set_data([b1, b1 + w11], [b2, b2 + w21])
        self.e2.set_data([b1, b1 + w12], [b2, b2 + w22])
        det = np.linalg.det(W)
        self.ax.set_title(
            title or f"W = [[{w11:g}, {w12:g}], [{w21:g}, {w22:g}]], det W = {det:.2g}"
        )
        return self


# --------------------------------------------------------------------------- chapter 2
class ActivationPanel:
    """g(z) and g'(z) with the tangent at z0, and where g saturates (chapter 2).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    zmax : float
        z runs from −zmax to zmax.
    """

    def __init__(self, ax, zmax=6.0):
        self.ax, self.zs = ax, np.linspace(-zmax, zmax, 401)
        (self.g_line,) = ax.plot([], [], color=COLORS["blue"], lw=2.5, label="g(z)")
        (self.dg_line,) = ax.plot(
            [], [], color=COLORS["orange"], lw=2, ls="--", label="g′(z)"
        )
        (self.tangent,) = ax.plot(
            [], [], color=COLORS["vermillion"], lw=2, ls=":", label="tangent at z₀"
        )
        (self.dot,) = ax.plot([], [], "o", color=COLORS["vermillion"], ms=7)
        self.sat = None
        ax.set_xlim(-zmax, zmax)
        ax.set_ylim(-1.6, 3.6)
        ax.set_xlabel("pre-activation z")
        ax.set_ylabel("value")

    def update(self, name="sigmoid", z0=1.0):
        """Draw activation ``name`` with its tangent at ``z0``.

        Parameters
        ----------
        name : str
            An element-wise activation, a key of ``ACTIVATIONS``.
        z0 : float
            Where the tangent touches g.

        Returns
        -------
        ActivationPanel
            The panel itself.
        """
        g = ACTIVATIONS[name]
        dg = DERIVATIVES[name]
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
        self.sat = self.ax.fill_between(
            self.zs,
            -1.6,
            3.6,
            where=dgz < SATURATION_THRESHOLD,
            color=COLORS["grey"],
            alpha=0.2,
            lw=0,
            label=f"saturated: g′ < {SATURATION_THRESHOLD:g}",
        )
        self.ax.legend(loc="upper left", fontsize=SMALL, ncol=2, framealpha=0.9)
        self.ax.set_title(f"{name}: g({z0:g}) = {g0:.3g}, g′({z0:g}) = {d0:.3g}")
        return self


# --------------------------------------------------------------------------- chapter 3
#: The note of chapter 3's figures: what the (orange) percentages above the layers
#: count.
_SATURATED = f"g′(z) < {SATURATION_THRESHOLD:g}"


class ForwardStatsPanel:
    """How the activations a^[1] … a^[depth] of a batch are spread, layer by layer
    (chapter 3).

    For each hidden layer: a light bar from the 5th to the 95th percentile of its
    entries, a dark bar from the 25th to the 75th, a tick at the median, and above it
    (orange) the percentage of entries with g'(z) below the saturation threshold
    (:func:`nnlib.forward.saturated_fraction`): saturated for sigmoid and tanh,
    exactly zero for ReLU.  Dashed lines mark where g flattens
    (``nnlib.experiments.flat_ends``).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    max_depth : int
        The most layers it shows.
    """

    def __init__(self, ax, max_depth=10):
        self.ax = ax
        self.max_depth = max_depth
        x = np.arange(1, max_depth + 1)
        zeros = np.zeros(max_depth)
        self.outer = ax.bar(
            x,
            zeros,
            width=0.6,
            color=COLORS["sky"],
            alpha=0.55,
            label="5–95 % of entries",
        )
        self.inner = ax.bar(x, zeros, width=0.6, color=COLORS["blue"], label="25–75 %")
        (self.median,) = ax.plot(
            [], [], "_", color=COLORS["black"], ms=16, mew=2.5, label="median"
        )
        self.bounds = [
            ax.axhline(
                0.0,
                color=COLORS["vermillion"],
                ls="--",
                lw=1.2,
                label="where g is flat",
            ),
            ax.axhline(1.0, color=COLORS["vermillion"], ls="--", lw=1.2),
        ]
        self.percent = [
            ax.text(
                xi,
                0.97,
                "",
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="top",
                fontsize=SMALL,
                color=COLORS["vermillion"],
            )
            for xi in x
        ]
        self.hidden = self.depth = None
        ax.grid(False, axis="x")
        ax.set_xlabel(f"layer l   (above: % of entries with {_SATURATED})")
        ax.set_ylabel("activation a[l]")

    def legend(self, ax_or_fig=None, **kwargs):
        """A legend for the bars, the median and the bounds (on the axes, or on a
        figure).

        Parameters
        ----------
        ax_or_fig : Axes or Figure, optional
            Where the legend goes (default: the panel's axes).
        **kwargs
            For ``legend``.

        Returns
        -------
        matplotlib.legend.Legend
        """
        handles = [self.outer, self.inner, self.median, self.bounds[0]]
        target = ax_or_fig or self.ax
        return target.legend(
            handles=handles, **{"fontsize": SMALL, "framealpha": 0.9, **kwargs}
        )

    def _set_scale(self, hidden, top):
        """A linear axis around a bounded g, a symmetric-log one where g grows without
        bound."""
        ax = self.ax
        low, high = flat_ends(hidden)
        bounded = low is not None and high is not None
        if hidden != self.hidden:
            ax.set_yscale(
                "linear" if bounded else "symlog",
                **({} if bounded else {"linthresh": 1.0}),
            )
            self.hidden = hidden
        for line, y in zip(self.bounds, (low, high)):
            line.set_visible(y is not None)
            if y is not None:
                line.set_ydata([y, y])
        if bounded:  # room above the bars for the percentages
            span = high - low
            ax.set_ylim(low - 0.15 * span, high + 0.3 * span)
        elif low is not None:
            ax.set_ylim(low - 0.3, nice_ceiling(6.0 * top, least=4.0))
        else:
            ax.set_ylim(
                -nice_ceiling(6.0 * top, least=4.0), nice_ceiling(40.0 * top, least=4.0)
            )

    def update(self, hidden="tanh", depth=6, width=50, scale=1.0, title=None):
        """Draw the spread of each layer's activations for this network.

        Parameters
        ----------
        hidden : str
            The hidden activation.
        depth, width : int
            The number of hidden layers and their units.
        scale : float
            The factor on every initial weight.
        title : str, optional
            The panel's title (default: the values it shows).

        Returns
        -------
        ForwardStatsPanel
            The panel itself.
        """
        depth = int(depth)
        if not 1 <= depth <= self.max_depth:
            raise ValueError(
                f"depth must be between 1 and {self.max_depth}, got {depth}"
            )
        net = forward_demo(hidden, depth, width, scale)
        q = np.array(
            [np.percentile(net.a[l], (5, 25, 50, 75, 95)) for l in range(1, depth + 1)]
        )
        fractions = [saturated_fraction(net.z[l], hidden) for l in range(1, depth + 1)]
        for i in range(self.max_depth):
            shown = i < depth
            for bar, (lo, hi) in ((self.outer[i], (0, 4)), (self.inner[i], (1, 3))):
                bar.set_visible(shown)
                if shown:
                    bar.set_y(q[i, lo])
                    bar.set_height(q[i, hi] - q[i, lo])
            self.percent[i].set_text(f"{100 * fractions[i]:.0f}%" if shown else "")
        self.median.set_data(np.arange(1, depth + 1), q[:, 2])
        self._set_scale(hidden, float(np.max(np.abs(q))))
        if depth != self.depth:
            self.ax.set_xlim(0.4, depth + 0.6)
            self.ax.set_xticks(np.arange(1, depth + 1))
            self.depth = depth
        if title is None:
            title = (
                f"{hidden}: {depth} layers × {int(width)} units, weights × {scale:g}"
            )
            if ACTIVATIONS[hidden].can_die:  # units with z ≤ 0 for every example
                dead = sum(
                    int(np.sum(np.all(net.z[l] <= 0, axis=1)))
                    for l in range(1, depth + 1)
                )
                title += f"; dead units: {dead} of {depth * int(width)}"
        self.ax.set_title(title, fontsize=11)
        return self


def forward_stats_figure(settings, *, ncols=3, height=2.9, width=PAGE_WIDTH):
    """Small multiples of :class:`ForwardStatsPanel`, one dict of ``update`` values
    each; one legend below.

    Parameters
    ----------
    settings : list of dict
        One panel's ``update`` values each.
    ncols : int
        Panels per row.
    height : float
        Inches per row.
    width : float
        Inches.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, axes = grid_of_axes(len(settings), ncols, height=height, width=width)
    panels = [
        ForwardStatsPanel(ax).update(**values) for ax, values in zip(axes, settings)
    ]
    for panel in panels:
        panel.ax.set_xlabel("layer l")
    panels[0].legend(fig, loc="outside lower center", ncol=4)
    fig.suptitle(
        f"above the bars: % of a layer's entries with {_SATURATED}\n"
        "(saturated; for ReLU, a = 0)",
        fontsize=SMALL,
        color=COLORS["vermillion"],
    )
    return fig
