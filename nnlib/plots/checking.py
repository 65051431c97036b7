"""Figures of chapter 11, gradient checking: the error of finite differences against the
step ε."""

from __future__ import annotations

import numpy as np

from .. import difference_quotients
from ..experiments import EPSILON_KINDS, KINK_DISTANCE, epsilon_curves
from .style import COLORS, SMALL


# --------------------------------------------------------------------------- chapter 11
class EpsilonErrorPanel:
    """Error of the one-sided and centred differences against ε, log–log, with a marker
    at ε (chapter 11).

    The curves and their error models come from ``nnlib.experiments.epsilon_curves``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    """

    FLOOR = 1e-16

    def __init__(self, ax):
        self.ax = ax
        (self.one_line,) = ax.plot(
            [],
            [],
            "o-",
            color=COLORS["orange"],
            lw=1.5,
            ms=3,
            label="one-sided difference",
        )
        (self.cen_line,) = ax.plot(
            [], [], "o-", color=COLORS["blue"], lw=1.5, ms=3, label="centred difference"
        )
        (self.one_model,) = ax.plot(
            [],
            [],
            "--",
            color=COLORS["orange"],
            lw=1,
            alpha=0.8,
            label="dashed: error models",
        )
        (self.cen_model,) = ax.plot([], [], "--", color=COLORS["blue"], lw=1, alpha=0.8)
        self.now = ax.axvline(1e-5, color=COLORS["grey"], lw=1.5)
        (self.one_dot,) = ax.plot(
            [], [], "o", color=COLORS["orange"], ms=10, mec="black"
        )
        (self.cen_dot,) = ax.plot([], [], "o", color=COLORS["blue"], ms=10, mec="black")
        self.kink = ax.axvline(
            KINK_DISTANCE, color=COLORS["vermillion"], lw=1.5, ls=":"
        )
        self.kink_text = ax.text(
            KINK_DISTANCE * 0.7,
            1e-13,
            "ReLU kink",
            rotation=90,
            ha="right",
            va="bottom",
            fontsize=SMALL,
            color=COLORS["vermillion"],
        )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(10**-12.3, 10**-0.7)
        ax.set_ylim(1e-14, 1.0)
        ax.set_xlabel("step ε")
        ax.set_ylabel("|difference − backprop|")
        ax.text(
            0.03,
            0.86,
            "round-off wins",
            transform=ax.transAxes,
            va="top",
            fontsize=SMALL,
            color=COLORS["grey"],
        )
        ax.text(
            0.97,
            0.03,
            "truncation wins",
            transform=ax.transAxes,
            va="bottom",
            ha="right",
            fontsize=SMALL,
            color=COLORS["grey"],
        )
        self.kind_text = ax.text(
            0.03, 0.97, "", transform=ax.transAxes, va="top", fontsize=SMALL
        )
        ax.legend(loc="lower left", fontsize=SMALL, framealpha=0.9, handlelength=1.5)

    def update(self, kind="smooth", log_eps=-5.0):
        """Draw both errors against ε and mark the step ``10 ** log_eps``.

        Parameters
        ----------
        kind : str
            ``"smooth"`` (a tanh network) or ``"kinked"`` (ReLU), a key of
            ``EPSILON_KINDS``.
        log_eps : float
            log₁₀ of the step marked.

        Returns
        -------
        EpsilonErrorPanel
            The panel itself.
        """
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
        self.ax.set_title(
            f"ε = 1e{float(log_eps):+.3g}\none-sided error {e_one:.0e}\ncentred error "
            f"{e_cen:.0e}",
            fontsize=SMALL,
        )
        return self
