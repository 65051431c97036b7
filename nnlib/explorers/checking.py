"""The explorer of chapter 11: gradient checking."""

from __future__ import annotations

from .. import plots
from ._controls import Choice, Slider
from .base import every, explorer, one_panel


# --------------------------------------------------------------------------- chapter 11
@explorer("epsilon", "11_gradient_checking")
def epsilon():
    """Chapter 11: move the step ε of a finite difference; see truncation and round-off
    error trade places."""
    fig, panel = one_panel(plots.EpsilonErrorPanel, 4.2, plots.PAGE_WIDTH)
    kinds = tuple((label, key) for key, label in plots.EPSILON_KINDS.items())
    controls = {
        "kind": Choice("function", kinds, "smooth"),
        "log_eps": Slider("log₁₀ ε", -12.0, -1.0, 0.25, -5.0),
    }
    return dict(
        summary="How far the one-sided and the centred difference quotient are from "
        "the true derivative, against ε.",
        controls=controls,
        fig=fig,
        update=panel.update,
        book=[every(controls, "kind", "log_eps")],
        why="Every state: both functions, and every step ε the slider offers, from "
        "10⁻¹² to 10⁻¹.",
        mentioned=[
            dict(kind="smooth", log_eps=-5.0),
            dict(kind="smooth", log_eps=-5.25),
            dict(kind="smooth", log_eps=-12.0),
            dict(kind="smooth", log_eps=-1.0),
            dict(kind="kinked", log_eps=-4.0),
            dict(kind="kinked", log_eps=-2.0),
        ],
    )
