"""Explorers of the part *Computing* (chapters 1–4)."""

from __future__ import annotations

from .. import plots
from ._controls import Choice, Slider, sliders
from .base import HIDDEN, explorer, one_panel, value_grid


# --------------------------------------------------------------------------- chapter 1
@explorer("affine", "01_one_layer")
def affine():
    """Chapter 1: move the entries of W and b and watch the square of inputs map to
    z = Wa + b."""
    fig, panel = one_panel(
        plots.AffinePanel,
        4.6,
        5.5,
        decorate=lambda p: p.ax.legend(loc="upper left", fontsize=plots.SMALL),
    )
    controls = sliders(-2, 2, 0.1, w11=1.0, w12=0.5, w21=0.0, w22=1.0, b1=0.0, b2=0.0)
    return dict(
        summary="The square of inputs (grey) and its image z = Wa + b (blue), with the "
        "columns of W as arrows.",
        controls=controls,
        fig=fig,
        update=panel.update,
        book=[
            {"w11": (0.0, 0.5, 0.7, 1.0, 2.0), "w12": (-0.7, 0.0, 0.5, 1.0, 2.0)},
            {"w21": (0.0, 0.5, 0.7, 1.0), "w22": (0.0, 0.5, 0.7, 1.0, 2.0)},
            {
                "w11": (0.7, 1.0),
                "w12": (-0.7, 2.0),
                "w21": (0.5, 0.7),
                "w22": (0.7, 1.0),
            },
            {"b1": (-1.0, 0.0, 1.0), "b2": (-1.0, 0.0, 1.0)},
        ],
        why="Six sliders of 41 values each are 4.75 billion states. The book varies "
        "the first row of W together, the second row together, and b on its own, each "
        "from the default, plus the rotation and the singular matrix of the text.",
        mentioned=[
            dict(w11=1.0, w12=0.5, w21=0.0, w22=1.0),
            dict(w11=1.0, w12=1.0, w21=0.0, w22=1.0),
            dict(w11=0.7, w12=-0.7, w21=0.7, w22=0.7),
            dict(w11=1.0, w12=2.0, w21=0.5, w22=1.0),
            dict(b1=1.0, b2=-1.0),
            dict(b1=-1.0, b2=1.0),
        ],
    )


# --------------------------------------------------------------------------- chapter 2
@explorer("activation", "02_activations")
def activation():
    """Chapter 2: pick g and a point z₀; see g, g′, the tangent and where g
    saturates."""
    fig, panel = one_panel(plots.ActivationPanel, 3.8, 6.5)
    controls = {
        "name": Choice("activation g", HIDDEN, "sigmoid"),
        "z0": Slider("z₀", -6, 6, 0.25, 1.0),
    }
    return dict(
        summary="An activation g (blue), its derivative g′ (orange), the tangent at z₀ "
        "and the saturated bands.",
        controls=controls,
        fig=fig,
        update=panel.update,
        book=[{"name": HIDDEN, "z0": value_grid(-6, 6, 0.5, 1.0)}],
        why="The four activations of the text; z₀ in steps of 0.5 (and the default "
        "1.0), enough to find where a slope falls below a tenth of its peak.",
        mentioned=[
            dict(name="sigmoid", z0=0.0),
            dict(name="tanh", z0=0.0),
            dict(name="relu", z0=-2.0),
            dict(name="sigmoid", z0=3.5),
            dict(name="sigmoid", z0=4.0),  # a tenth of the peak
            dict(name="sigmoid", z0=2.5),
            dict(name="sigmoid", z0=3.0),  # where the bands begin
            dict(name="tanh", z0=2.0),
            dict(name="tanh", z0=2.5),
        ],
    )


# --------------------------------------------------------------------------- chapter 3
@explorer("forward_stats", "03_forward")
def forward_stats():
    """Chapter 3: pick g, depth, width and a weight scale; each layer's activations and
    their saturation."""
    fig, panel = one_panel(
        plots.ForwardStatsPanel,
        3.8,
        plots.PAGE_WIDTH,
        decorate=lambda p: p.legend(p.ax.figure, loc="outside lower center", ncol=4),
    )
    controls = {
        "hidden": Choice("hidden g", HIDDEN, "tanh"),
        "depth": Slider("layers", 1, 10, 1, 6, integer=True),
        "width": Slider("units per layer", 2, 100, 1, 50, integer=True),
        "scale": Slider("weight scale", 0.25, 4.0, 0.05, 1.0),
    }
    scales = (0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)
    return dict(
        summary="The spread of each hidden layer's activations (bars) and the share of "
        "saturated units (the percentages above the bars).",
        controls=controls,
        fig=fig,
        update=panel.update,
        book=[
            {
                "hidden": HIDDEN,
                "depth": (1, 3, 6, 10),
                "width": (4, 50),
                "scale": scales,
            }
        ],
        why="Depth 1, 3, 6 and 10 and widths 4 and 50 for each of the four activations "
        "of the text and seven weight scales from 0.25 to 4: 224 states. Other widths "
        "change the picture little (the statistics are per unit).",
        mentioned=[
            dict(hidden="tanh", scale=1.0),
            dict(hidden="tanh", scale=3.0),
            dict(hidden="tanh", scale=4.0),
            dict(hidden="relu", scale=1.0),
            dict(hidden="relu", scale=2.0),
            dict(hidden="relu", width=4, depth=10),
            dict(hidden="sigmoid", scale=1.0),
            dict(hidden="sigmoid", scale=4.0),
        ],
    )


# --------------------------------------------------------------------------- chapter 4
@explorer("output_softmax", "04_outputs")
def output_softmax():
    """Chapter 4: four logits, a shift c added to all of them and a temperature T:
    softmax((z + c)/T)."""
    fig, panel = one_panel(plots.SoftmaxPanel, 3.6, 6.2)
    controls = {
        **sliders(-6.0, 6.0, 0.1, z0=2.0, z1=1.0, z2=0.1, z3=-1.0),
        "temperature": Slider("temperature T", 0.1, 5.0, 0.05, 1.0),
        "shift": Slider("shift c", -1000.0, 1000.0, 10.0, 0.0),
    }
    temperatures = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0)
    shifts = (
        -1000.0,
        -750.0,
        -740.0,
        -100.0,
        -70.0,
        -60.0,
        0.0,
        60.0,
        70.0,
        100.0,
        700.0,
        710.0,
        1000.0,
    )
    return dict(
        summary="softmax((z + c)/T) as bars, and the naive formula e^z / Σe^z as open "
        "circles.",
        controls=controls,
        fig=fig,
        update=panel.update,
        book=[
            {"z0": (1.0, 2.0, 3.0), "temperature": temperatures, "shift": shifts},
            {
                "z0": (-1.0, 1.0, 2.0, 3.0),
                "z1": (-1.0, 1.0),
                "z2": (-1.0, 0.1, 1.0),
                "z3": (-1.0, 1.0),
            },
        ],
        why="The shift c and the temperature T vary with z₀ (the questions raise it by "
        "1) around the points where the naive formula overflows (c ≈ 707 at T = 1, "
        "c ≈ 69 at T = 0.1) and underflows (c ≈ −747); the logits z₁ … z₃ vary "
        "together with z₀ at c = 0 and T = 1, enough to make all four equal.",
        mentioned=[
            dict(shift=700.0),
            dict(shift=710.0),
            dict(shift=-740.0),
            dict(shift=-750.0),
            dict(z0=3.0),
            dict(z0=1.0, z2=1.0, z3=1.0),
            dict(temperature=0.1),
            dict(temperature=5.0),
            dict(temperature=0.1, shift=60.0),
            dict(temperature=0.1, shift=70.0),
        ],
    )
