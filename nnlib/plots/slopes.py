"""The figure of chapter 10 (parameter gradients): J along one weight, and the slopes of
the right and of the misprinted gradient."""

from __future__ import annotations

import numpy as np

from ..experiments import weight_slope, weight_slope_example
from .style import COLORS, SMALL, grid_of_axes


# --------------------------------------------------------------------------- chapter 10
class WeightSlopePanel:
    """J as one weight W[l][i, j] varies; tangents of the right and of the misprinted
    gradient (chapter 10).

    The slope of the tangent from ∇W = (1/m) δ^[l] a^[l−1]ᵀ (eq. `eq-grad-W`) touches
    the curve; the one from the notes' δ^[l] a^[l]ᵀ does not, or has no entry [i, j] at
    all.  The numbers come from ``nnlib.experiments.weight_slope``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    sizes : sequence of int
        The layer sizes of the example.
    seed : int
        Its seed.
    m : int
        Its number of examples.
    half_width : float
        How far the weight moves each way.
    """

    def __init__(self, ax, sizes=(3, 4, 4, 2), seed=1, m=8, half_width=3.0):
        self.ax = ax
        self.net, self.X, self.labels = weight_slope_example(sizes, seed, m)
        self.offsets = np.linspace(-half_width, half_width, 121)
        self._range = {}
        (self.curve,) = ax.plot(
            [], [], color=COLORS["blue"], lw=2.5, label="J along the weight"
        )
        (self.right,) = ax.plot(
            [], [], color=COLORS["green"], lw=2.5, label="slope δ[l] a[l−1]ᵀ (right)"
        )
        (self.wrong,) = ax.plot(
            [],
            [],
            color=COLORS["vermillion"],
            lw=2.2,
            ls="--",
            label="slope δ[l] a[l]ᵀ (misprint)",
        )
        (self.dot,) = ax.plot([], [], "o", color=COLORS["black"], ms=6, zorder=4)
        ax.set_ylabel("cost J")
        ax.set_xlabel("change Δ of the weight")
        ax.set_xlim(-half_width, half_width)
        ax.yaxis.set_major_formatter(
            "{x:.2f}"
        )  # same width for every weight: the widget's layout is fixed
        self.info = ax.text(
            0.02,
            0.97,
            "",
            transform=ax.transAxes,
            fontsize=SMALL,
            va="top",
            ha="left",
            bbox=dict(boxstyle="round", fc="white", ec=COLORS["grey"], alpha=0.9),
        )

    def _limits(self, l):
        """One range of J for all the weights of layer l, so that the curves of a layer
        compare."""
        if l not in self._range:
            n_l, n_prev = self.net.sizes[l], self.net.sizes[l - 1]
            Js = np.concatenate(
                [
                    weight_slope(self.net, self.X, self.labels, l, i, j, self.offsets)[
                        "Js"
                    ]
                    for i in range(n_l)
                    for j in range(n_prev)
                ]
            )
            lo, hi = float(np.min(Js)), float(np.max(Js))
            pad = max(0.1 * (hi - lo), 0.02)
            self._range[l] = (lo - pad, hi + 2.2 * pad + 0.45 * (hi - lo))
        return self._range[l]

    def add_legend(self, fig):
        """One legend for the figure, below its axes (the curves need the whole of each
        panel).

        Parameters
        ----------
        fig : matplotlib.figure.Figure
            The figure.

        Returns
        -------
        matplotlib.legend.Legend
        """
        fig.legend(
            handles=[self.curve, self.right, self.wrong],
            loc="outside lower center",
            ncol=3,
            fontsize=SMALL,
            frameon=False,
            handlelength=1.8,
            columnspacing=1.2,
        )

    def update(self, layer=2, i=1, j=3, title=None):
        """Draw J along the weight W[layer][i, j], with both tangents.

        Parameters
        ----------
        layer : int
            The layer l.
        i, j : int
            The row and column of the weight (1-based, as in the notes).
        title : str, optional
            The panel's title (default: the values it shows).

        Returns
        -------
        WeightSlopePanel
            The panel itself.
        """
        net, l = self.net, int(layer)
        n_l, n_prev = net.sizes[l], net.sizes[l - 1]
        past = [
            f"row {int(i)}" if i >= n_l else "",
            f"column {int(j)}" if j >= n_prev else "",
        ]
        past = " and ".join(p for p in past if p)
        i, j = int(min(i, n_l - 1)), int(min(j, n_prev - 1))
        s = weight_slope(net, self.X, self.labels, l, i, j, self.offsets)
        w0, J0, Js = s["w0"], s["J0"], s["Js"]
        self.curve.set_data(
            self.offsets, Js
        )  # against the change Δ of the weight: one x axis for all
        self.dot.set_data([0.0], [J0])
        span = np.array([-1.2, 1.2])
        self.right.set_data(span, J0 + s["right"] * span)
        has_entry = j < s["printed"].shape[1]
        shapes = f"W[{l}]: {n_l}×{n_prev}, δ[{l}] a[{l}]ᵀ: {n_l}×{n_l}"
        shapes += "\n(same shape)" if n_l == n_prev else "\n(shapes differ)"
        if has_entry:
            wrong = float(s["printed"][i, j])
            self.wrong.set_data(span, J0 + wrong * span)
            wrong_text = f"δ[{l}] a[{l}]ᵀ  → {wrong:+.4f}"
        else:
            self.wrong.set_data([], [])
            wrong_text = f"δ[{l}] a[{l}]ᵀ  has no entry [{i}, {j}]"
        self.info.set_text(
            f"{shapes}\nslope ∂J/∂W[{l}][{i}, {j}]:\n"
            f"finite difference → {s['fd']:+.4f}\n"
            f"δ[{l}] a[{l - 1}]ᵀ → {s['right']:+.4f}\n{wrong_text}"
        )
        self.ax.set_ylim(*self._limits(l))
        if (
            title is None
        ):  # two lines always: the layout stays that of the first picture
            title = f"layer {l}: W[{l}][{i}, {j}] = {w0:.2f} + Δ\n".replace("-", "−")
            title += (
                f"{past} is past W[{l}] ({n_l}×{n_prev}): its last"
                if past
                else f"row {i} of 0–{n_l - 1}, column {j} of 0–{n_prev - 1}"
            )
        self.ax.set_title(title, fontsize=SMALL)
        return self


def weight_slope_figure(settings, *, ncols=2, height=3.2):
    """:class:`WeightSlopePanel` for several weights side by side, one legend (chapter
    10's static figure).

    Parameters
    ----------
    settings : list of dict
        One panel's ``update`` values each.
    ncols : int
        Panels per row.
    height : float
        Inches per row.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, axes = grid_of_axes(len(settings), ncols, height=height)
    panels = [
        WeightSlopePanel(ax).update(**values) for ax, values in zip(axes, settings)
    ]
    panels[0].add_legend(fig)
    return fig
