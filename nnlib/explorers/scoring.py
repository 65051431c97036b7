"""Explorers of the part *Scoring* (chapters 5–7)."""

from __future__ import annotations

import numpy as np

from .. import plots
from ._controls import Choice, Slider, sliders
from .base import explorer, one_panel, value_grid


# --------------------------------------------------------------------------- chapter 5
def _least_squares():
    x, y = (a.ravel() for a in plots.SQUARED_ERROR_DATA)
    w, b = np.polyfit(x, y, 1)
    return round(float(w), 2), round(float(b), 2), round(float(np.mean(y)), 2)


@explorer("squared_error", "05_squared_error")
def squared_error():
    """Chapter 5: move the line ŷ = wx + b; see each residual's square, its loss 𝓛 = ½r²
    and the cost J."""
    fig, panel = one_panel(plots.ResidualSquaresPanel, 4.4, plots.PAGE_WIDTH)
    controls = {
        "w": Slider("slope w", -1.0, 2.0, 0.05, 0.5),
        "b": Slider("intercept b", -1.0, 3.0, 0.05, 1.0),
    }
    w_star, b_star, mean = _least_squares()
    ws = value_grid(-1.0, 2.0, 0.5, w_star)
    bs = value_grid(-1.0, 3.0, 0.25, b_star, mean)
    return dict(
        summary="Five examples, the line ŷ = wx + b, and each residual drawn as a "
        "square of area (ŷ − y)².",
        controls=controls,
        fig=fig,
        update=panel.update,
        book=[{"w": ws, "b": bs}],
        why="w in steps of 0.5 and b in steps of 0.25, plus the least-squares line "
        "and, for w = 0, the mean of the targets.",
        mentioned=[dict(w=0.0, b=mean), dict(w=0.0, b=1.0), dict(w=w_star, b=b_star)],
    )


# --------------------------------------------------------------------------- chapter 6
@explorer("logit_loss", "06_binary_cross_entropy")
def logit_loss():
    """Chapter 6: pick the target y and the logit z; binary cross-entropy against
    squared error on σ(z)."""
    fig, panel = one_panel(plots.LogitLossPanel, 2.4, 6.0, nrows=2, sharex=True)
    controls = {
        "y": Choice("target y", (1, 0), 1),
        "z": Slider("logit z", -8.0, 8.0, 0.25, -3.0),
    }
    return dict(
        summary="Above, the binary cross-entropy (blue) and the squared error (orange) "
        "of σ(z); below, their slopes.",
        controls=controls,
        fig=fig,
        update=panel.update,
        book=[{"y": (1, 0), "z": value_grid(-8.0, 8.0, 0.5, -3.0, -0.75)}],
        why="Both targets, with the logit z in steps of 0.5 from −8 to 8 (the slider's "
        "quarter steps add nothing the eye can see), and z = −0.75, nearest to where "
        "the squared error's slope is steepest.",
        mentioned=[
            dict(y=1, z=0.0),
            dict(y=1, z=-8.0),
            dict(y=1, z=-0.75),
            dict(y=1, z=-3.0),
            dict(y=0, z=3.0),
        ],
    )


# --------------------------------------------------------------------------- chapter 7
@explorer("cross_entropy", "07_cross_entropy")
def cross_entropy():
    """Chapter 7: move three logits and pick the true class; see softmax, the one-hot
    target and the loss."""
    fig, panel = one_panel(plots.CrossEntropyPanel, 3.8, 6.5)
    controls = {
        **sliders(-5.0, 5.0, 0.25, z0=2.0, z1=1.0, z2=0.1),
        "label": Choice("true class", (0, 1, 2), 0),
    }
    return dict(
        summary="softmax of three logits as bars (the true class dark), the one-hot "
        "target, and −log ŷ under each class.",
        controls=controls,
        fig=fig,
        update=panel.update,
        book=[
            {"z0": (-5.0, -2.0, 0.0, 1.0, 2.0, 3.0, 5.0), "label": (0, 1, 2)},
            {
                "z0": (2.0, 3.0, 4.0),
                "z1": (1.0, 2.0, 3.0),
                "z2": (0.1, 1.1, 2.1),
                "label": (0, 1, 2),
            },
            {
                "z1": (-5.0, -3.0, -1.0, 1.0, 5.0),
                "z2": (-5.0, -3.0, 0.1, 5.0),
                "label": (0, 1, 2),
            },
            {"z0": (-5.0,), "z1": (5.0,), "z2": (5.0,), "label": (0,)},
        ],
        why="z₀ over its range for each true class; all three logits raised together "
        "by 1 and 2; z₁, z₂ large and small, enough for a true class leading by 2 or 5 "
        "and a wrong class far ahead; and the largest loss the sliders reach, z = (−5, "
        "5, 5) with class 0 true.",
        mentioned=[
            dict(z0=3.0, z1=2.0, z2=1.1),
            dict(z0=4.0, z1=3.0, z2=2.1),
            dict(z0=3.0),
            dict(z1=-3.0, z2=-3.0),
            dict(z1=5.0, z2=-5.0),
            dict(z1=-5.0, z2=5.0),
            dict(z0=-5.0, z1=5.0, z2=5.0),
        ],
    )
