"""Figures of the part *Scoring* (chapters 5–7): squared error, binary cross-entropy,
cross-entropy."""
from __future__ import annotations

import numpy as np
from matplotlib.patches import Rectangle

from .. import (
    bce_grad_logit,
    binary_cross_entropy_from_logits,
    cross_entropy_cost,
    one_hot,
    output_delta_chain_rule,
    sigmoid,
    softmax,
    squared_error_cost,
)
from ..experiments import SQUARED_ERROR_DATA
from ..losses import CLIP
from .style import (
    COLORS,
    PAGE_WIDTH,
    SMALL,
    SUBSCRIPTS,
    figure,
    legend_below,
    stacked_multiples,
)


# --------------------------------------------------------------------------- chapter 5
class ResidualSquaresPanel:
    """Chapter 5: a line ŷ = wx + b through five points; each residual drawn as a
    square.

    The square on residual r = ŷ − y has area r², so the example's loss 𝓛 = ½r² is half
    its area and the cost J is half the mean area.  The dotted grey line is the
    least-squares line, the one with the smallest J.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    data : tuple of ndarray
        ``(x, y)``, each (1, m).
    legend : bool
        Draw a legend on the axes.
    """

    def __init__(self, ax, data=SQUARED_ERROR_DATA, legend=True):
        self.ax = ax
        self.X, self.Y = data
        self.x, self.y = self.X[0], self.Y[0]
        self.xs = np.array([-0.5, 5.0])
        slope, intercept = np.polyfit(self.x, self.y, 1)
        best = squared_error_cost(slope * self.X + intercept, self.Y)
        ax.plot(self.xs, slope * self.xs + intercept, color=COLORS["grey"], lw=1.5,
                ls=":",
                label=f"least squares (J = {best:.3f})")
        self.squares = [Rectangle((0, 0), 0, 0, facecolor=COLORS["orange"], alpha=0.35,
                                  edgecolor=COLORS["orange"], lw=1) for _ in self.x]
        for sq in self.squares:
            ax.add_patch(sq)
        self.squares[0].set_label("square on ŷ − y: area 2ℒ")
        self.residuals = [ax.plot([], [], color=COLORS["vermillion"], lw=2)[0]
                          for _ in self.x]
        (self.line,) = ax.plot([], [], color=COLORS["blue"], lw=2.5, label="ŷ = wx + b")
        ax.scatter(self.x, self.y, s=40, color=COLORS["black"], zorder=5,
                   label="examples (x, y)")
        ax.set_xlim(-0.2, 5.2)
        ax.set_ylim(-0.5, 5.0)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xlabel("input x")
        ax.set_ylabel("target y, prediction ŷ")
        if legend:
            ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=SMALL,
                      frameon=False)

    def update(self, w=0.5, b=1.0, title=None, losses=True):
        """Draw the line ŷ = wx + b, its residuals and their squares.

        Parameters
        ----------
        w, b : float
            The line's slope and intercept.
        title : str, optional
            The panel's title (default: the values it shows).
        losses : bool
            Write each example's loss in the title, not only J.

        Returns
        -------
        ResidualSquaresPanel
            The panel itself.
        """
        y_hat = w * self.X + b
        r = (y_hat - self.Y)[0]
        for i, (xi, yi, ri) in enumerate(zip(self.x, self.y, r)):
            side = abs(ri)
            self.squares[i].set_bounds(xi, min(yi, yi + ri), side, side)
            self.residuals[i].set_data([xi, xi], [yi, yi + ri])
        self.line.set_data(self.xs, w * self.xs + b)
        J = squared_error_cost(y_hat, self.Y)
        head = title or f"w = {w:.2f}, b = {b:.2f}"
        if losses:
            each = ", ".join(f"{0.5 * ri * ri:.2f}" for ri in r)
            self.ax.set_title(f"{head}\nℒ = ½(ŷ − y)² = ({each}),  J = {J:.3f}",
                              fontsize=10)
        else:
            self.ax.set_title(f"{head}\nJ = {J:.3f}", fontsize=10)
        return self


def residual_squares_multiples(settings, *, height=3.0, width=PAGE_WIDTH):
    """:class:`ResidualSquaresPanel` once per dict in ``settings``, side by side, with
    one legend below.

    Parameters
    ----------
    settings : list of dict
        One panel's ``update`` values each.
    height : float
        Inches.
    width : float
        Inches.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, axes = figure(len(settings), height=height, width=width, squeeze=False)
    for ax, values in zip(axes.flat, settings):
        ResidualSquaresPanel(ax, legend=False).update(**{"losses": False, **values})
        if ax is not axes.flat[0]:
            ax.set_ylabel("")
    legend_below(fig, [axes.flat[0]], ncol=2)
    return fig


# --------------------------------------------------------------------------- chapter 6
def _per_example(cost, *arrays):
    """Evaluate a cost J on one-example columns: the loss 𝓛 of each entry of 1-D
    arrays."""
    return np.array([cost(*(np.array([[v]]) for v in values))
                     for values in zip(*arrays)])


class LogitLossPanel:
    """Chapter 6: binary cross-entropy and squared error of ŷ = σ(z), and their ∂𝓛/∂z.

    Drawn on two axes, the losses above and their derivatives by the logit z below,
    for target y ∈ {0, 1} and a marked logit z.  The shaded band is where the sigmoid
    is confidently wrong: ŷ is more than 0.9 away from y.  ∂𝓛/∂z of the squared error
    is the chain rule of a mismatched pair (``nnlib.output_delta_chain_rule``).

    Parameters
    ----------
    axes : sequence of Axes
        Two axes, one above the other: the losses and their slopes.
    zmax : float
        z runs from −zmax to zmax.
    """

    def __init__(self, axes, zmax=8.0):
        self.ax_loss, self.ax_grad = axes
        zs = np.linspace(-zmax, zmax, 321)
        self.zs = zs
        p = sigmoid(zs)
        self.curves = {}
        for y in (0, 1):
            t = np.full_like(zs, float(y))
            self.curves[y] = {
                "bce": _per_example(binary_cross_entropy_from_logits, zs, t),
                "se": _per_example(squared_error_cost, p, t),
                "dbce": bce_grad_logit(zs[None], t[None])[0],
                "dse": output_delta_chain_rule(zs[None], t[None], "sigmoid",
                                               "squared_error")[0],
            }
        ymax = 1.06 * max(c["bce"].max() for c in self.curves.values())
        self.bands = {}
        for y in (0, 1):
            wrong = np.abs(p - y) > 0.9
            label = "confidently wrong: |ŷ − y| > 0.9" if y == 1 else None
            self.bands[y] = [ax.fill_between(zs, lo, hi, where=wrong,
                                             color=COLORS["vermillion"], alpha=0.12,
                                             lw=0, label=label)
                             for ax, lo, hi in ((self.ax_loss, 0, ymax),
                                                (self.ax_grad, -1.15, 1.15))]
        (self.bce,) = self.ax_loss.plot([], [], color=COLORS["blue"], lw=2.5,
                                        label="binary cross-entropy")
        (self.se,) = self.ax_loss.plot([], [], color=COLORS["orange"], lw=2.5, ls="--",
                                       label="squared error ½(ŷ − y)²")
        (self.dbce,) = self.ax_grad.plot([], [], color=COLORS["blue"], lw=2.5)
        (self.dse,) = self.ax_grad.plot([], [], color=COLORS["orange"], lw=2.5, ls="--")
        self.dots = [ax.plot([], [], "o", color=c, ms=7, zorder=5)[0]
                     for ax, c in ((self.ax_loss, COLORS["blue"]),
                                   (self.ax_loss, COLORS["orange"]),
                                   (self.ax_grad, COLORS["blue"]),
                                   (self.ax_grad, COLORS["orange"]))]
        self.ax_grad.axhline(0, color=COLORS["black"], lw=0.8)
        self.ax_loss.set_xlim(-zmax, zmax)
        self.ax_loss.set_ylim(0, ymax)
        self.ax_grad.set_ylim(-1.15, 1.15)
        # few fixed ticks: fewer labels to lay out on every redraw
        self.ax_loss.set_xticks([-8, -4, 0, 4, 8]
                                if zmax == 8.0 else np.linspace(-zmax, zmax, 5))
        self.ax_loss.set_yticks([0, 2, 4, 6, 8])
        self.ax_grad.set_yticks([-1, 0, 1])
        self.ax_loss.set_ylabel("loss ℒ")
        self.ax_grad.set_ylabel("∂ℒ/∂z")
        self.ax_grad.set_xlabel("logit z  (ŷ = σ(z))")

    def update(self, y=1, z=-3.0, legend=True):
        """Draw both losses of ŷ = σ(z) for target ``y``, marked at ``z``.

        Parameters
        ----------
        y : int
            The target, 0 or 1.
        z : float
            The logit marked.
        legend : bool
            Show the legend.

        Returns
        -------
        LogitLossPanel
            The panel itself.
        """
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
        p = float(sigmoid(Z)[0, 0])
        L_bce = binary_cross_entropy_from_logits(Z, T)
        L_se = squared_error_cost(sigmoid(Z), T)
        g_bce = float(bce_grad_logit(Z, T)[0, 0])
        g_se = float(output_delta_chain_rule(Z, T, "sigmoid", "squared_error")[0, 0])
        for dot, value in zip(self.dots, (L_bce, L_se, g_bce, g_se)):
            dot.set_data([z], [value])
        self.ax_loss.set_title(f"y = {y}, z = {z:.2f}: ŷ = {p:.3f}\n"
                               f"ℒ: BCE {L_bce:.3f}, squared {L_se:.3f}", fontsize=10)
        self.ax_grad.set_title(f"∂ℒ/∂z: BCE {g_bce:+.3f}\nsquared {g_se:+.4f}",
                               fontsize=10)
        if legend and self.ax_loss.get_legend() is None:
            # one legend for both rows: the colours mean the same loss above and below
            self.ax_loss.legend(loc="upper center", fontsize=SMALL, framealpha=0.9)
        return self


def logit_loss_multiples(settings, *, height=2.5, width=PAGE_WIDTH):
    """:class:`LogitLossPanel` once per dict in ``settings`` (columns), with one legend
    below.

    Parameters
    ----------
    settings : list of dict
        One column's ``update`` values each.
    height : float
        Inches per row.
    width : float
        Inches.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig = stacked_multiples(LogitLossPanel,
                            [{"legend": False, **values} for values in settings],
                            height=height, width=width)
    axes = np.array(fig.axes).reshape(2, len(settings))
    for ax in axes[:, 1:].flat:
        ax.set_ylabel("")
    legend_below(fig, axes[:, 0])
    return fig


# --------------------------------------------------------------------------- chapter 7
class CrossEntropyPanel:
    """Chapter 7: softmax probabilities ŷ of k classes, the one-hot target y, and the
    loss.

    Filled bars are ŷ_j = softmax(z)_j; the outlined bar is y_j (1 for the true class);
    under each class its loss if it were the true one, −log ŷ_j.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    k : int
        The number of classes.
    """

    def __init__(self, ax, k=3):
        self.ax, self.k = ax, k
        idx = np.arange(k)
        self.bars = ax.bar(idx, np.zeros(k), width=0.6, color=COLORS["sky"],
                           label="prediction ŷⱼ = softmax(z)ⱼ")
        self.target = ax.bar(idx, np.zeros(k), width=0.8, facecolor="none",
                             edgecolor=COLORS["black"], lw=2,
                             ls="--", label="one-hot target yⱼ")
        self.values = [ax.text(j, 0, "", ha="center", va="bottom", fontsize=SMALL)
                       for j in idx]
        ax.set_ylim(0, 1.25)
        ax.set_xlim(-0.6, k - 0.4)
        ax.set_xticks(idx)
        ax.set_ylabel("probability")
        ax.legend(loc="upper right", fontsize=SMALL, framealpha=0.9)

    def update(self, z0=2.0, z1=1.0, z2=0.1, label=0, title=None, **more):
        """Draw softmax(z) against the one-hot target of ``label``.

        Parameters
        ----------
        z0, z1, z2 : float
            The first three logits.
        label : int
            The right class.
        title : str, optional
            The panel's title (default: the values it shows).
        **more : float
            ``z3``, … for a panel of more than three classes.

        Returns
        -------
        CrossEntropyPanel
            The panel itself.
        """
        z = np.array([z0, z1, z2] + [more[f"z{j}"] for j in range(3, self.k)])[:, None]
        label = int(label)
        p = softmax(z)[:, 0]
        Y = one_hot(np.array([label]), self.k)[:, 0]
        for j, (bar, box, text) in enumerate(zip(self.bars, self.target, self.values)):
            bar.set_height(p[j])
            bar.set_color(COLORS["blue"] if j == label else COLORS["sky"])
            box.set_height(Y[j])
            text.set_position((j, p[j] + 0.02))
            text.set_text(f"{p[j]:.3f}")
        self.ax.set_xticks(np.arange(self.k),
                           [f"class {j}\n−log ŷ{str(j).translate(SUBSCRIPTS)}\n"
                            f"= {-np.log(max(p[j], CLIP)):.2f}" for j in range(self.k)],
                           fontsize=SMALL)
        L = cross_entropy_cost(p[:, None], np.array([label]))
        zs = ", ".join(f"{v:.2g}" for v in z[:, 0])
        sub = str(label).translate(SUBSCRIPTS)
        self.ax.set_title(title or f"z = ({zs}), true class {label}\n"
                          f"ℒ = −log ŷ{sub} = {L:.3f}", fontsize=10)
        return self
