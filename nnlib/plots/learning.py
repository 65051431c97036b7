"""Figures of chapters 8–9, backpropagation: output error and backward pass (chapter
10's: ``slopes``)."""
from __future__ import annotations

import numpy as np
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize, to_rgba
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import offset_copy

from .. import (
    DERIVATIVES,
    output_delta,
    output_delta_chain_rule,
    relative_error,
    sigmoid,
)
from ..experiments import backward_example, output_delta_three_ways
from .style import COLORS, DELTA_CMAP, SMALL, SUBSCRIPTS, figure, nice_ceiling


# --------------------------------------------------------------------------- chapter 8
class OutputDeltaPanel:
    """Bars of δ^[N] for three output units: ŷ − y, the chain rule and finite
    differences (chapter 8).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    k : int
        The number of output units.
    """

    KINDS = (("numeric", "finite differences", "grey"),
             ("chain", "chain rule", "blue"),
             ("shortcut", "shortcut ŷ − y", "orange"))

    def __init__(self, ax, k=3):
        self.ax = ax
        self.k = k
        x = np.arange(k)
        self.bars = {}
        for offset, (key, label, color) in zip((-0.27, 0.0, 0.27), self.KINDS):
            self.bars[key] = ax.bar(x + offset, np.zeros(k), width=0.26,
                                    color=COLORS[color], label=label,
                                    edgecolor="white",
                                    hatch="//" if key == "numeric" else None)
        ax.axhline(0.0, color=COLORS["black"], lw=0.8)
        # the unit under each group is fixed; its ŷ and y, the lines under it, change:
        # texts of their own
        ax.set_xticks(x, [f"unit {j + 1}\n\n" for j in range(k)], fontsize=SMALL)
        below = offset_copy(ax.get_xaxis_transform(), ax.figure, y=-7 - 1.2 * SMALL,
                            units="points")
        self.targets = [ax.text(j, 0, "", transform=below, ha="center", va="top",
                                fontsize=SMALL) for j in x]
        ax.set_xlim(-0.6, k - 0.4)
        ax.set_ylabel(r"$\delta_j = \partial\mathcal{L}/\partial z_j$")
        ax.grid(axis="x", visible=False)
        ax.legend(loc="upper center", ncol=3, fontsize=SMALL, framealpha=0.9,
                  handlelength=1.2,
                  columnspacing=0.8, handletextpad=0.4)
        self._locator = MaxNLocator(5)

    def update(self, pair="softmax + cross-entropy", z1=2.0, z2=-1.0, z3=0.5, target=1,
               title=None):
        """Draw δ^[N] three ways for one output pair and these logits.

        Parameters
        ----------
        pair : str
            The output activation and loss, a key of ``OUTPUT_PAIRS``.
        z1, z2, z3 : float
            The logits z^[N].
        target : int
            The right class (the target of each unit, for the binary pairs).
        title : str, optional
            The panel's title (default: the values it shows).

        Returns
        -------
        OutputDeltaPanel
            The panel itself.
        """
        r = output_delta_three_ways(pair, [z1, z2, z3][: self.k], target)
        for key, bars in self.bars.items():
            for bar, h in zip(bars, r[key].ravel()):
                bar.set_height(h)
        top = nice_ceiling(1.1 * max(float(np.max(np.abs(r[key])))
                                     for key in self.bars), least=1.0)
        self.ax.set_ylim(-top, 1.75 * top)  # the band above the bars holds the legend
        ticks = self._locator.tick_values(-top, top)
        self.ax.set_yticks(ticks[np.abs(ticks) <= top])
        for j, text in enumerate(self.targets):
            text.set_text(f"ŷ = {r['y_hat'][j, 0]:.2f}\ny = {r['y'][j, 0]:g}")
        err_chain = relative_error(r["chain"], r["numeric"])
        err_short = relative_error(r["shortcut"], r["numeric"])
        self.ax.set_title(f"{title or pair}\nerror: chain rule {err_chain:.0e}, "
                          f"ŷ − y {err_short:.0e}", fontsize=SMALL)
        return self


def mismatch_delta_plot(ax, zmax=8.0):
    """δ of one sigmoid output with target y = 1, for a matched and a mismatched loss
    (chapter 8).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    zmax : float
        z runs from −zmax to zmax.

    Returns
    -------
    matplotlib.axes.Axes
    """
    z = np.linspace(-zmax, zmax, 401)[None, :]
    y = np.ones_like(z)
    ax.plot(z[0], output_delta(sigmoid(z), y, "binary")[0], color=COLORS["blue"],
            lw=2.5,
            label="binary cross-entropy: δ = ŷ − y")
    ax.plot(z[0], output_delta_chain_rule(z, y, "sigmoid", "squared_error")[0],
            color=COLORS["vermillion"],
            lw=2.5, ls="--", label="squared error: δ = (ŷ − y) σ′(z)")
    ax.axvspan(-zmax, -3.0, color=COLORS["grey"], alpha=0.2, lw=0)
    ax.text(-zmax + 0.3, -0.55, "confidently wrong:\nσ′ ≈ 0 stalls\nsquared error",
            fontsize=SMALL, va="center")
    ax.set_xlim(-zmax, zmax)
    ax.set_ylim(-1.1, 0.15)
    ax.set_xlabel("logit z (the target is y = 1)")
    ax.set_ylabel(r"$\delta = \partial\mathcal{L}/\partial z$")
    ax.legend(loc="lower right", fontsize=SMALL, framealpha=0.9)
    return ax


# --------------------------------------------------------------------------- chapter 9
class BackwardPanel:
    """A network as nodes and edges; the δ of each computed layer written on its nodes
    (chapter 9).

    Step 1 computes δ^[N] = ŷ − y at the output; step k computes δ^[N−k+1] from the
    layer above by eq. `eq-delta-recursion`.  Nodes are coloured by δ (diverging map,
    one scale for the whole network); an edge is as wide as its weight is large, blue
    for a positive weight and orange for a negative one, and the edges used in the
    current step are drawn strong.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    sizes : sequence of int
        The network's layer sizes.
    seeds : iterable of int
        The seeds of the weights it can show.
    """

    PENDING = "#e6e6e6"

    def __init__(self, ax, sizes=(2, 3, 3, 1), seeds=range(10)):
        self.ax = ax
        self.sizes, self.seeds, self._ranges = list(sizes), tuple(seeds), {}
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
        xs = np.concatenate([np.full(n, l, dtype=float)
                             for l, n in enumerate(self.sizes)])
        ys = np.concatenate([p[1] for p in self.pos])
        self.nodes = ax.scatter(xs, ys, s=420, facecolors="white",
                                edgecolors=COLORS["black"], linewidths=1.0,
                                zorder=3)
        self.texts = [ax.text(x + 0.11, y + 0.02, "", fontsize=SMALL, va="center",
                              ha="left", zorder=4,
                              bbox=dict(boxstyle="round,pad=0.15", fc="white",
                                        ec="none", alpha=0.85))
                      for x, y in zip(xs, ys)]
        ax.text(0.0, 1.0, "edge width: |W|\nblue W > 0, orange W < 0",
                transform=ax.transAxes, ha="left",
                va="top", fontsize=SMALL, color=COLORS["grey"])
        top = (max(self.sizes) - 1) / 2.0
        ax.set_xlim(-0.3, self.N + 0.75)
        ax.set_ylim(-top - 0.6, top + 0.6)
        ax.set_xticks(range(self.N + 1),
                      ["input x"] + [f"layer {l}" for l in range(1, self.N)]
                      + [f"output (layer {self.N})"])
        ax.set_yticks([])
        ax.grid(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="x", length=0)

    def _node_labels(self, net, current, g_prime):
        """The face colour, edge width and text of every node, input layer first."""
        faces, widths, labels = [], [], []
        for l, n in enumerate(self.sizes):
            for i in range(n):
                if l == 0:
                    faces.append("white")
                    name = f"x{str(i + 1).translate(SUBSCRIPTS)}"
                    labels.append(f"{name} = {net.a[0][i, 0]:.2f}".replace("-", "−"))
                elif l >= current:
                    d = float(net.delta[l][i, 0])
                    faces.append(self.cmap(self.norm(d)))
                    if l < self.N:
                        extra = f"\ng′ = {float(g_prime(net.z[l])[i, 0]):.2f}"
                    else:
                        extra = f"\nŷ = {net.a[l][i, 0]:.2f}, y = 1"
                    labels.append(f"δ = {_delta_text(d)}{extra}".replace("-", "−"))
                else:
                    faces.append(self.PENDING)
                    labels.append("δ = ?")
                widths.append(2.8 if l == current else 1.0)
        return faces, widths, labels

    def _colour_range(self, hidden):
        """One colour scale for every seed of this activation, so that the colours
        compare across seeds."""
        if hidden not in self._ranges:
            nets = [backward_example(self.sizes, hidden, s) for s in self.seeds]
            v = max(float(np.max(np.abs(net.delta[l]))) for net in nets
                    for l in range(1, self.N + 1)) or 1.0
            self._ranges[hidden] = (-v, v)
        return self._ranges[hidden]

    def update(self, step=1, hidden="tanh", seed=0, title=None):
        """Draw the network after ``step`` steps of the backward pass.

        Parameters
        ----------
        step : int
            How many layers' δ are computed (1: the output's).
        hidden : str
            The hidden activation.
        seed : int
            The seed of the weights, one of ``seeds``.
        title : str, optional
            The panel's title (default: the values it shows).

        Returns
        -------
        BackwardPanel
            The panel itself.
        """
        step = int(min(max(step, 1), self.N))
        net = backward_example(self.sizes, hidden, seed)
        current = self.N - step + 1  # the layer whose δ this step computes
        self.mappable.set_clim(*self._colour_range(hidden))
        faces, widths, labels = self._node_labels(net, current, DERIVATIVES[hidden])
        self.nodes.set_facecolors(faces)
        self.nodes.set_linewidths(widths)
        for text, label in zip(self.texts, labels):
            text.set_text(label)
        wmax = max(float(np.max(np.abs(net.W[l]))) for l in range(1, self.N + 1))
        lw, colors = [], []
        for l, i, j in self.edge_layer:
            w = net.W[l][i, j]
            lw.append(0.4 + 4.0 * abs(w) / wmax)
            used = step > 1 and l == current + 1
            colors.append(to_rgba(COLORS["blue"] if w >= 0 else COLORS["vermillion"],
                                  0.95 if used else 0.3))
        self.edges.set_linewidths(lw)
        self.edges.set_colors(colors)
        if step == 1:
            default = f"step 1: δ[{self.N}] = ŷ − y at the output"
        else:
            default = (
                f"step {step}: δ[{current}] = (W[{current + 1}]ᵀ δ[{current + 1}]) ∘ "
                f"g′(z[{current}])"
            )
        self.ax.set_title(title or default)
        return self


    def colorbar(self, axes=None, **kwargs):
        """The colour bar of δ beside ``axes`` (default: the panel's), titled δ above
        it.  Its tick labels all have one width, so that no state's labels reach past
        the layout of the first.

        Parameters
        ----------
        axes : Axes or list of Axes, optional
            Beside which (default: the panel's).
        **kwargs
            For ``Figure.colorbar``.

        Returns
        -------
        matplotlib.colorbar.Colorbar
        """
        bar = self.ax.figure.colorbar(self.mappable,
                                      ax=axes if axes is not None else self.ax,
                                      **kwargs)
        bar.ax.set_title("δ", fontsize=SMALL + 1)
        bar.locator = MaxNLocator(5, symmetric=True)
        bar.formatter = FuncFormatter(lambda v, _: f"{v:+.2f}".replace("-", "−"))
        bar.update_ticks()
        return bar


def _delta_text(d):
    """δ as the figure writes it: 0 when it is exactly 0, its sign and two digits when
    tiny, else 3 decimals."""
    if d == 0:
        return "0"
    return f"{d:+.1e}" if abs(d) < 5e-4 else f"{d:+.3f}"


def backward_steps_figure(sizes=(2, 3, 3, 1), hidden="tanh", seed=0, height=2.35):
    """Every step of the backward pass, one row each, with one colour bar (chapter 9's
    static figure).

    Parameters
    ----------
    sizes : sequence of int
        The layer sizes.
    hidden : str
        The hidden activation.
    seed : int
        The seed of the weights.
    height : float
        Inches per row.

    Returns
    -------
    matplotlib.figure.Figure
    """
    n_steps = len(sizes) - 1
    fig, axes = figure(1, n_steps, height=height, squeeze=False)
    panels = [BackwardPanel(ax, sizes).update(step=k, hidden=hidden, seed=seed)
              for k, ax in zip(range(1, n_steps + 1), axes[:, 0])]
    panels[0].colorbar(axes[:, 0].tolist(), shrink=0.6)
    return fig
