"""Explorers of the part *Learning* (chapters 8–10)."""

from __future__ import annotations

from .. import plots
from ._controls import Choice, Slider, sliders
from .base import HIDDEN, every, explorer, one_panel


# --------------------------------------------------------------------------- chapter 8
@explorer("output_delta", "08_output_delta")
def output_delta():
    """Chapter 8: pick an output activation + loss and the logits; compare δ^[N] with
    finite differences."""
    fig, panel = one_panel(plots.OutputDeltaPanel, 3.9, plots.PAGE_WIDTH)
    controls = {
        "pair": Choice(
            "output + loss", tuple(plots.OUTPUT_PAIRS), "softmax + cross-entropy"
        ),
        **sliders(-5, 5, 0.25, z1=2.0, z2=-1.0, z3=0.5),
        "target": Choice(
            "y = 1 at", tuple((f"unit {j + 1}", j) for j in range(panel.k)), 1
        ),
    }
    pairs = tuple(plots.OUTPUT_PAIRS)
    return dict(
        summary="δ^[N] of each output unit three ways: finite differences (hatched), "
        "the chain rule and ŷ − y.",
        controls=controls,
        fig=fig,
        update=panel.update,
        book=[
            {"pair": pairs, "target": (0, 1, 2)},
            {
                "pair": pairs,
                "z1": (-5.0, -2.0, 0.0, 2.0, 5.0),
                "z2": (-5.0, -1.0, 2.0, 5.0),
            },
            {"pair": pairs, "z2": (-5.0, -1.0, 5.0), "z3": (-5.0, 0.5, 5.0)},
        ],
        why="Every pair with every target, and the logits moved in pairs for each "
        "output + loss, including a confidently wrong unit (z = −5) with target 1.",
        # the chapter's questions and their answers: every pair; the confidently wrong
        # unit 2 of the mismatched sigmoid pair; softmax with z1 raised from 2 to 5
        mentioned=[dict(pair=p) for p in pairs]
        + [
            dict(pair="sigmoid + squared error (mismatched)", z2=-5.0),
            dict(pair="softmax + cross-entropy", z1=5.0),
        ],
    )


# --------------------------------------------------------------------------- chapter 9
@explorer("backward_pass", "09_backward")
def backward_pass():
    """Chapter 9: step through the backward pass of a [2, 3, 3, 1] network, δ written on
    every node."""
    fig, panel = one_panel(
        plots.BackwardPanel,
        3.6,
        plots.PAGE_WIDTH,
        decorate=lambda p: p.colorbar(shrink=0.85),
    )
    controls = {
        "step": Slider("backward step", 1, panel.N, 1, 1, integer=True),
        "hidden": Choice("hidden g", HIDDEN, "tanh"),
        "seed": Slider("weights (seed)", 0, 9, 1, 0, integer=True),
    }
    return dict(
        summary="A [2, 3, 3, 1] network; each backward step colours one more layer by "
        "its error δ.",
        controls=controls,
        fig=fig,
        update=panel.update,
        book=[
            {
                "step": tuple(range(1, panel.N + 1)),
                "hidden": HIDDEN,
                "seed": tuple(range(10)),
            }
        ],
        why="Every state: each backward step, each hidden activation and each of the "
        "ten sets of weights.",
        # the answers: each step's weights; sigmoid and relu at seed 0 (layer 1 against
        # the output, the units that are off); the sign of layer 2's errors at every
        # seed (seed 5 by name)
        mentioned=[dict(step=s) for s in range(1, panel.N + 1)]
        + [dict(step=3, hidden="sigmoid", seed=0), dict(step=3, hidden="relu", seed=0)]
        + [dict(step=2, hidden="tanh", seed=s) for s in range(10)],
    )


# --------------------------------------------------------------------------- chapter 10
@explorer("weight_slope", "10_parameter_gradients")
def weight_slope():
    """Chapter 10: J along one weight W[l][i, j]; the tangent from δ a^[l−1]ᵀ against
    the notes' δ a^[l]ᵀ."""
    fig, panel = one_panel(
        plots.WeightSlopePanel,
        3.9,
        plots.PAGE_WIDTH,
        decorate=lambda p: p.add_legend(p.ax.figure),
    )
    sizes = panel.net.sizes
    layers = tuple(
        (
            f"W[{l}] ({sizes[l]}×{sizes[l - 1]}"
            f"{', square' if sizes[l] == sizes[l - 1] else ''})",
            l,
        )
        for l in range(1, panel.net.N + 1)
    )
    controls = {
        "layer": Choice("layer", layers, 2),
        # the book writes this weight W^[l]_jk (i counts examples): the labels say so; i
        # and j stay numpy's names
        "i": Slider("row j", 0, max(sizes[1:]) - 1, 1, 1, integer=True),
        "j": Slider("column k", 0, max(sizes[:-1]) - 1, 1, 3, integer=True),
    }
    return dict(
        summary="The cost J as one weight moves (blue), the slope from δ a^[l−1]ᵀ "
        "(green) and the notes' δ a^[l]ᵀ (dashed, orange).",
        controls=controls,
        fig=fig,
        update=panel.update,
        book=[every(controls, "layer", "i", "j")],
        why="Every state: each weight of each layer (rows and columns past a layer's "
        "size show its last one).",
        # the answers: every weight (the green tangent), W[2][1, 3] and the rest of
        # layer 2 (the red slope's sign), layer 3's columns 2 and 3 (no entry in the
        # misprint) and 0 and 1
        mentioned=[dict(layer=2, i=i, j=j) for i in range(4) for j in range(4)]
        + [dict(layer=3, i=i, j=j) for i in range(2) for j in range(4)],
    )
