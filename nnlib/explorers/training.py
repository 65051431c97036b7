"""Explorers of the part *Training* (chapters 12 and 13): mini-batches, the playground,
descent."""

from __future__ import annotations

from .. import plots
from ..datasets import TOY_DATASETS
from ._controls import Choice, Slider, Steps
from .base import every, explorer


# --------------------------------------------------------------------------- chapter 12
@explorer("minibatch", "12_minibatches")
def minibatch():
    """Chapter 12: pick a batch size B; see how far mini-batch gradients scatter around
    the full one."""
    fig, axes = plots.figure(2, height=4.4)
    cloud, noise = (
        plots.MinibatchCloudPanel(axes[0]),
        plots.MinibatchNoisePanel(axes[1]),
    )
    noise.ax.get_legend().remove()
    plots.legend_below(
        fig, axes
    )  # one legend under both panels: inside, it would cover the data

    def update(batch_size, draw):
        cloud.update(batch_size=batch_size, draw=draw)
        noise.update(batch_size=batch_size)

    controls = {
        "batch_size": Steps("batch size B", plots.MINIBATCH_SIZES, 8),
        "draw": Slider("which mini-batch", 0, 19, 1, 0, integer=True),
    }
    return dict(
        summary="Left: 200 mini-batch gradients around the full gradient (star); "
        "right: their error against B.",
        controls=controls,
        fig=fig,
        update=update,
        book=[every(controls, "batch_size", "draw")],
        why="Every state: each batch size, and each of the twenty mini-batches the "
        "second slider picks.",
        mentioned=[
            dict(batch_size=1),
            dict(batch_size=4),
            dict(batch_size=16),
            dict(batch_size=256),
            dict(batch_size=4, draw=5),
        ],
    )


# --------------------------------------------------------------------------- chapter 13
@explorer("playground", "13_training")
def playground():
    """Chapter 13: train a small network on a 2-D data set; its decision boundary and
    cost, epoch by epoch."""
    fig, (ax_boundary, ax_loss) = plots.figure(2, height=3.4, width=plots.PAGE_WIDTH)
    boundary, loss = (
        plots.DecisionBoundaryPanel(ax_boundary),
        plots.LossCurvePanel(ax_loss),
    )
    plots.legend_below(
        fig, [ax_boundary]
    )  # under both panels: inside, it would cover points

    def update(**values):
        boundary.update(**values)
        loss.update(**values)

    epochs = plots.PLAYGROUND_EPOCHS
    controls = {
        "dataset": Choice("data set", tuple(TOY_DATASETS), "moons"),
        "hidden": Slider(
            "hidden units", 1, 16, 1, 8, integer=True, continuous=False
        ),  # each value trains
        "activation": Choice("activation g", plots.PLAYGROUND_ACTIVATIONS, "tanh"),
        "learning_rate": Choice(
            "learning rate α", plots.PLAYGROUND_LEARNING_RATES, 1.0
        ),
        "epoch": Slider(
            "epochs", 0, epochs, plots.PLAYGROUND_SNAPSHOT_EVERY, 200, integer=True
        ),
    }
    shown = (
        0,
        20,
        50,
        100,
        150,
        200,
        300,
        400,
    )  # multiples of PLAYGROUND_SNAPSHOT_EVERY: the epochs kept
    return dict(
        summary="Left: the plane coloured by the predicted probability of class 1, "
        "with the data; right: the cost.",
        controls=controls,
        fig=fig,
        update=update,
        book=[
            {
                "dataset": tuple(TOY_DATASETS),
                "activation": plots.PLAYGROUND_ACTIVATIONS,
                "epoch": shown,
            },
            {"learning_rate": plots.PLAYGROUND_LEARNING_RATES, "epoch": shown},
            {
                "dataset": tuple(TOY_DATASETS),
                "hidden": (1, 2, 3, 4, 16),
                "epoch": shown,
            },
            {"activation": ("relu",), "learning_rate": (10.0,), "epoch": shown},
        ],
        why="Eight epoch counts from 0 to 400 for: every data set with every "
        "activation (8 hidden units, α = 1); every learning rate on the moons; 1, 2, "
        "3, 4 and 16 hidden units on every data set; and ReLU with α = 10. Other "
        "combinations need a running kernel.",
        mentioned=[
            dict(learning_rate=0.03, epoch=400),
            dict(learning_rate=0.3, epoch=400),
            dict(learning_rate=3.0, epoch=50),
            dict(activation="identity", dataset="moons", epoch=400),
            dict(activation="identity", dataset="xor", epoch=400),
            dict(activation="identity", dataset="circles", epoch=400),
            dict(dataset="circles", hidden=1, epoch=400),
            dict(dataset="circles", hidden=2, epoch=400),
            dict(dataset="circles", hidden=3, epoch=400),
            dict(activation="relu", learning_rate=10.0),
            dict(activation="relu", learning_rate=10.0, epoch=400),
            dict(dataset="spiral", hidden=3),
            dict(dataset="spiral", epoch=400),
            dict(dataset="spiral", hidden=16, epoch=400),
        ],
    )
