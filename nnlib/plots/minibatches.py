"""Figures of chapter 12 (mini-batches): clouds of mini-batch gradients, their noise
against B, and the timing of a vectorised pass against a loop."""

from __future__ import annotations

import numpy as np

from ..experiments import (
    MINIBATCH_DRAWS,
    MINIBATCH_SIZES,
    minibatch_cosines,
    minibatch_demo,
    minibatch_estimates,
    minibatch_noise_factor,
    minibatch_noise_measured,
    minibatch_noise_theory,
)
from .style import COLORS, SMALL, figure, legend_below


# --------------------------------------------------------------------------- chapter 12
def _param_label(name):
    """ "W[1]2,3" → the TeX label of ∂J/∂W^[1]_23."""
    kind, rest = name[0], name[1:]
    layer, entry = rest[1:].split("]")
    return f"$\\partial J/\\partial {kind}^{{[{layer}]}}_{{{entry.replace(',', '')}}}$"


class MinibatchCloudPanel:
    """Gradients of many random mini-batches of size B around the full one, two
    coordinates (chapter 12).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    """

    def __init__(self, ax):
        self.ax = ax
        d = minibatch_demo()
        p, q = d["pick"]
        self.p, self.q = p, q
        full = d["full"]
        sd = d["G"][:, [p, q]].std(axis=0)
        self.points = ax.scatter(
            full[[p]],
            full[[q]],
            s=8,
            color=COLORS["sky"],
            alpha=0.6,
            label="random mini-batches",
        )
        (self.ring,) = ax.plot(
            [],
            [],
            color=COLORS["blue"],
            lw=1.5,
            ls="--",
            label="±2 standard deviations",
        )
        (self.arrow,) = ax.plot([], [], color=COLORS["vermillion"], lw=2)
        (self.one,) = ax.plot(
            [],
            [],
            "o",
            color=COLORS["vermillion"],
            ms=8,
            mec="black",
            label="one mini-batch",
        )
        ax.plot(
            [full[p]],
            [full[q]],
            "*",
            color=COLORS["black"],
            ms=14,
            label="full batch, m = 512",
        )
        ax.set_xlim(full[p] - 2.5 * sd[0], full[p] + 2.5 * sd[0])
        ax.set_ylim(full[q] - 2.5 * sd[1], full[q] + 2.5 * sd[1])
        ax.set_xlabel(_param_label(d["names"][p]))
        ax.set_ylabel(_param_label(d["names"][q]))
        self.t = np.linspace(0, 2 * np.pi, 100)
        self.sd = sd

    def update(self, batch_size=8, draw=0):
        """Draw the mini-batch gradients of size ``batch_size``, one of them marked.

        Parameters
        ----------
        batch_size : int
            B, one of ``MINIBATCH_SIZES``.
        draw : int
            Which of the random mini-batches is marked.

        Returns
        -------
        MinibatchCloudPanel
            The panel itself.
        """
        d = minibatch_demo()
        est = minibatch_estimates(batch_size)[:, [self.p, self.q]]
        full = d["full"][[self.p, self.q]]
        self.points.set_offsets(est)
        r = 2 * self.sd * minibatch_noise_factor(float(batch_size), d["m"])
        self.ring.set_data(
            full[0] + r[0] * np.cos(self.t), full[1] + r[1] * np.sin(self.t)
        )
        k = int(draw) % len(est)
        one = est[k]
        self.arrow.set_data([full[0], one[0]], [full[1], one[1]])
        self.one.set_data([one[0]], [one[1]])
        # the direction over all the coordinates, which two of them cannot show
        cosines = minibatch_cosines(batch_size)
        angle = np.degrees(np.arccos(np.clip(cosines, -1.0, 1.0)))
        self.ax.set_title(
            f"B = {int(batch_size)}: {MINIBATCH_DRAWS} mini-batch gradients\n"
            f"{np.mean(cosines > 0):.0%} downhill, median angle "
            f"{np.median(angle):.0f}°\n"
            f"mini-batch {k}: {angle[k]:.0f}°",
            fontsize=SMALL,
        )
        return self


class MinibatchNoisePanel:
    """Distance of a mini-batch gradient from the full one against the batch size B,
    log–log (chapter 12).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    """

    def __init__(self, ax):
        self.ax = ax
        sizes = np.array(MINIBATCH_SIZES, dtype=float)
        rms = [minibatch_noise_measured(B) for B in MINIBATCH_SIZES]
        fine = np.geomspace(1, MINIBATCH_SIZES[-1], 100)
        # the fixed curves lie under the marker that moves (zorder): a redraw keeps them
        # in its background, and never paints a dotted line again in part (its dashes
        # would start anew)
        ax.plot(
            fine,
            minibatch_noise_theory(fine),
            color=COLORS["blue"],
            lw=2,
            label=r"theory $\sigma\sqrt{(m-B)\,/\,B(m-1)}$",
            zorder=1.7,
        )
        ax.plot(
            fine,
            minibatch_noise_theory(1) / np.sqrt(fine),
            color=COLORS["grey"],
            lw=1,
            ls=":",
            label="∝ 1/√B",
            zorder=1.7,
        )
        ax.plot(
            sizes,
            rms,
            "o",
            color=COLORS["orange"],
            ms=6,
            label=f"measured ({MINIBATCH_DRAWS} draws)",
            zorder=1.8,
        )
        (self.now,) = ax.plot(
            [],
            [],
            "o",
            color=COLORS["vermillion"],
            ms=12,
            mfc="none",
            mew=2.5,
            zorder=3,
        )
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xlabel("mini-batch size B")
        ax.set_ylabel(r"rms $\|\nabla J_B - \nabla J\|$")
        ax.legend(loc="lower left", fontsize=SMALL)
        self.rms = dict(zip(MINIBATCH_SIZES, rms))

    def update(self, batch_size=8, draw=0):
        """Mark batch size ``batch_size`` on the noise curve.

        Parameters
        ----------
        batch_size : int or None
            B, one of ``MINIBATCH_SIZES`` (None: no marker).
        draw : int
            Which of the random mini-batches is marked.

        Returns
        -------
        MinibatchNoisePanel
            The panel itself.
        """
        if batch_size is None:
            self.now.set_data([], [])
            self.ax.set_title("noise of the estimate", fontsize=SMALL)
            return self
        self.now.set_data([batch_size], [self.rms[int(batch_size)]])
        self.ax.set_title(
            f"B = {int(batch_size)}:\nnoise {self.rms[int(batch_size)]:.3f}",
            fontsize=SMALL,
        )
        return self


def minibatch_figure(batch_sizes=(2, 16, 128)):
    """Static companion of the mini-batch explorer: clouds for three batch sizes and the
    noise curve.

    Parameters
    ----------
    batch_sizes : sequence of int
        The three batch sizes of the clouds.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, axes = figure(2, 2, height=3.3)
    for ax, B in zip(axes.flat, batch_sizes):
        MinibatchCloudPanel(ax).update(batch_size=B, draw=0)
    MinibatchNoisePanel(axes.flat[3]).update(batch_size=None)
    axes.flat[3].get_legend().remove()
    legend_below(
        fig, [axes.flat[0], axes.flat[3]]
    )  # one legend under the panels: inside, it covers data
    return fig


def timing_figure(batch_sizes, t_batch, t_loop):
    """Time for one gradient of m examples: vectorised pass against a loop over the
    examples (chapter 12).

    Parameters
    ----------
    batch_sizes : sequence of int
        m.
    t_batch, t_loop : sequence of float
        Seconds per gradient, vectorised and looped.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, axes = figure(2, height=3.3)
    ms = np.asarray(batch_sizes, dtype=float)
    t_batch, t_loop = np.asarray(t_batch) * 1e3, np.asarray(t_loop) * 1e3
    ax = axes[0]
    ax.plot(ms, t_loop, "o-", color=COLORS["orange"], lw=2, label="loop over examples")
    ax.plot(
        ms, t_batch, "s-", color=COLORS["blue"], lw=2, label="one pass over m columns"
    )
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("number of examples m")
    ax.set_ylabel("time for forward + backward (ms)")
    ax.set_title("time per gradient", fontsize=10)
    ax.legend(loc="upper left", fontsize=SMALL)
    ax = axes[1]
    ax.plot(ms, t_loop / t_batch, "o-", color=COLORS["green"], lw=2)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("number of examples m")
    ax.set_ylabel("loop time / vectorised time")
    ax.set_title(
        f"speed-up: {t_loop[-1] / t_batch[-1]:.0f}× at m = {int(ms[-1])}", fontsize=10
    )
    return fig
