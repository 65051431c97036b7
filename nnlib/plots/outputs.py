"""Figures of chapter 4 (and chapter 2's softmax bars): the softmax of a column of
logits, stable and naive."""

from __future__ import annotations

import numpy as np
from matplotlib.transforms import offset_copy

from .. import softmax
from .style import COLORS, CYCLE, SMALL


def softmax_bars(ax, z, title=None):
    """Bar chart of softmax(z) for one column of logits (chapters 2 and 4).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    z : array_like
        One column of logits.
    title : str, optional
        The panel's title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    z = np.asarray(z, dtype=float)
    p = softmax(z)
    ax.bar(
        np.arange(z.size),
        p,
        color=CYCLE[: z.size] if z.size <= len(CYCLE) else COLORS["blue"],
    )
    ax.set_ylim(0, 1)
    for j, v in enumerate(p):
        ax.text(j, v + 0.02, f"{v:.2f}", ha="center", va="bottom", fontsize=SMALL)
    ax.set_xticks(np.arange(z.size), [str(j) for j in range(z.size)])
    ax.set_xlabel("class j")
    ax.set_ylabel("probability ŷⱼ")
    ax.set_ylim(0, 1.12)
    ax.set_title(
        title or "z = (" + ", ".join(f"{v:g}" for v in z) + ")", fontsize=SMALL + 1
    )
    return ax


# --------------------------------------------------------------------------- chapter 4
class SoftmaxPanel:
    """softmax((z + c) / T) for four logits as bars, the naive form as open markers
    (chapter 4).

    The naive form exp(z) / Σ exp(z) is computed without the shift by the maximum: where
    it overflows (inf / inf = nan) its markers disappear and the title says so.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    k : int
        The number of logits.
    """

    def __init__(self, ax, k=4):
        self.ax, self.k = ax, k
        idx = np.arange(k)
        self.bars = ax.bar(
            idx, np.zeros(k), width=0.6, color=CYCLE[:k], label="stable softmax (nnlib)"
        )
        (self.naive,) = ax.plot(
            [],
            [],
            "o",
            ms=7,
            mfc="none",
            mec=COLORS["black"],
            mew=1.5,
            label="naive exp(z)/Σexp(z)",
        )
        self.values = [
            ax.text(j, 0, "", ha="center", va="bottom", fontsize=SMALL) for j in idx
        ]
        ax.set_ylim(0, 1.35)
        ax.set_xlim(-0.6, k - 0.4)
        ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.set_ylabel("probability ŷⱼ")
        ax.set_xlabel("class j  /  scaled logit (zⱼ + c)/T", fontsize=SMALL)
        ax.legend(loc="upper right", fontsize=SMALL, ncol=2, framealpha=0.9)
        # the class under each bar is fixed; its logit, the line under it, changes: a
        # text of its own, so that a redraw keeps the axes it has drawn
        ax.set_xticks(idx, [f"{j}\n" for j in idx], fontsize=SMALL)
        below = offset_copy(
            ax.get_xaxis_transform(), ax.figure, y=-7 - 1.2 * SMALL, units="points"
        )
        self.logits = [
            ax.text(j, 0, "", transform=below, ha="center", va="top", fontsize=SMALL)
            for j in idx
        ]

    def update(
        self, z0=2.0, z1=1.0, z2=0.1, z3=-1.0, temperature=1.0, shift=0.0, title=None
    ):
        """Draw softmax((z + c) / T) for these logits.

        Parameters
        ----------
        z0, z1, z2, z3 : float
            The logits.
        temperature : float
            T, positive.
        shift : float
            c, added to every logit (softmax does not change).
        title : str, optional
            The panel's title (default: the values it shows).

        Returns
        -------
        SoftmaxPanel
            The panel itself.
        """
        if temperature <= 0:
            raise ValueError(f"the temperature T must be positive, got {temperature}")
        z = (np.array([z0, z1, z2, z3][: self.k]) + shift) / temperature
        p = softmax(z)
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            e = np.exp(z)
            naive = e / np.sum(e)
        for j, (bar, text) in enumerate(zip(self.bars, self.values)):
            bar.set_height(p[j])
            text.set_position((j, p[j] + 0.05))
            text.set_text(f"{p[j]:.3f}")
        self.naive.set_data(np.arange(self.k), naive)
        for text, v in zip(self.logits, z):
            text.set_text(f"{v:.4g}")
        if title is None:
            verdict = (
                "naive form agrees"
                if np.all(np.isfinite(naive))
                else "naive form gives nan"
            )
            title = f"c = {shift:g}, T = {temperature:g}: {verdict}"
        self.ax.set_title(title, fontsize=11)
        return self
