"""Interactive explorers for the chapters: ipywidgets wiring only.

Every explorer is a row of controls and one figure drawn by a panel of
:mod:`nnlib.plots`.  Moving a control calls the panel's ``update`` (a plain function
of the control values) on the existing axes and shows the figure again: no new
figure per move.  An error in an update is shown under the controls, in words, and
kept in ``explorer.errors`` so that tests can see it (ipywidgets' own ``interact``
would swallow it).

``WIDGETS`` maps a name to a function that builds the explorer (registered with
:func:`register`); the test suite drives every one of them through all its controls.
"""
from __future__ import annotations

import time

import ipywidgets as W
import numpy as np

from . import plots


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    return get_ipython()


class Explorer:
    """Controls plus a figure that ``update(**values)`` redraws in place.

    Parameters
    ----------
    controls : dict
        ``{name: ipywidgets control}``; the names are the keyword arguments of ``update``.
    fig : matplotlib Figure
        The figure the update draws on.
    update : callable
        ``update(**values)`` changes the figure's artists.
    """

    def __init__(self, controls, fig, update, *, description=""):
        self.controls = dict(controls)
        self.fig = fig
        self.update = update
        self.description = description
        self.errors = []
        self.redraw_times = []
        self.out = W.Output()
        self.message = W.HTML()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.redraw()
        # Lay the figure out once, then keep the layout: a constrained-layout pass on
        # every move would double the redraw time.
        self.fig.canvas.draw()
        self.fig.set_layout_engine("none")

    def values(self):
        return {name: c.value for name, c in self.controls.items()}

    def _on_change(self, change):
        self.redraw()

    def redraw(self):
        """Update the figure for the current control values and show it."""
        start = time.perf_counter()
        try:
            self.update(**self.values())
            self.message.value = ""
        except Exception as exc:  # shown to the learner, kept for the tests
            self.errors.append(exc)
            self.message.value = f"<b>Could not redraw:</b> {type(exc).__name__}: {exc}"
            return
        if _shell() is not None:
            from IPython.display import clear_output, display

            with self.out:
                clear_output(wait=True)
                display(self.fig)
        self.redraw_times.append(time.perf_counter() - start)

    def widget(self):
        box = W.HBox(list(self.controls.values()), layout=W.Layout(flex_flow="row wrap"))
        return W.VBox([box, self.message, self.out])

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget())


WIDGETS: dict = {}


def register(name):
    """Decorator: add an explorer factory to ``WIDGETS`` under ``name``."""
    def deco(factory):
        WIDGETS[name] = factory
        return factory
    return deco


def slider(value, lo, hi, step, description):
    """A float slider that updates continuously."""
    return W.FloatSlider(value=value, min=lo, max=hi, step=step, description=description, continuous_update=True,
                         readout_format=".2f", style={"description_width": "initial"})


def int_slider(value, lo, hi, description):
    """An integer slider that updates continuously."""
    return W.IntSlider(value=value, min=lo, max=hi, step=1, description=description, continuous_update=True,
                       style={"description_width": "initial"})


def choice(options, value, description):
    return W.Dropdown(options=list(options), value=value, description=description,
                      style={"description_width": "initial"})


# --------------------------------------------------------------------------- chapter 1
@register("affine")
def affine_explorer():
    """Chapter 1: move the entries of W and b and watch the unit square map to z = Wa + b."""
    fig, ax = plots.figure(height=4.6, width=5.5)
    panel = plots.AffinePanel(ax)
    ax.legend(loc="upper left", fontsize=9)
    controls = {
        "w11": slider(1.0, -2, 2, 0.1, "W₁₁"), "w12": slider(0.5, -2, 2, 0.1, "W₁₂"),
        "w21": slider(0.0, -2, 2, 0.1, "W₂₁"), "w22": slider(1.0, -2, 2, 0.1, "W₂₂"),
        "b1": slider(0.0, -2, 2, 0.1, "b₁"), "b2": slider(0.0, -2, 2, 0.1, "b₂"),
    }
    return Explorer(controls, fig, panel.update)


# --------------------------------------------------------------------------- chapter 2
@register("activation")
def activation_explorer():
    """Chapter 2: pick g and a point z₀; see g, g′, the tangent and where g saturates."""
    fig, ax = plots.figure(height=3.8, width=6.5)
    panel = plots.ActivationPanel(ax)
    controls = {
        "name": choice(["sigmoid", "tanh", "relu", "identity"], "sigmoid", "activation g"),
        "z0": slider(1.0, -6, 6, 0.25, "z₀"),
    }
    return Explorer(controls, fig, panel.update)



# --------------------------------------------------------------------------- chapter 13
@register("playground")
def playground_explorer():
    """Chapter 13: train a small network on a 2-D data set; see its decision boundary and cost epoch by epoch."""
    from .datasets import TOY_DATASETS

    fig, (ax_boundary, ax_loss) = plots.figure(2, height=3.4, width=plots.PAGE_WIDTH)
    boundary = plots.DecisionBoundaryPanel(ax_boundary)
    loss = plots.LossCurvePanel(ax_loss)
    ax_boundary.legend(loc="lower right", fontsize=8, framealpha=0.9)

    def update(**values):
        boundary.update(**values)
        loss.update(**values)

    controls = {
        "dataset": choice(list(TOY_DATASETS), "moons", "data set"),
        "hidden": W.IntSlider(value=8, min=1, max=16, step=1, description="hidden units", continuous_update=False,
                              style={"description_width": "initial"}),
        "activation": choice(plots.PLAYGROUND_ACTIVATIONS, "tanh", "activation g"),
        "learning_rate": choice(plots.PLAYGROUND_LEARNING_RATES, 1.0, "learning rate α"),
        "epoch": W.IntSlider(value=200, min=0, max=plots.PLAYGROUND_EPOCHS, step=plots.PLAYGROUND_SNAPSHOT_EVERY,
                             description="epochs", continuous_update=True, style={"description_width": "initial"}),
    }
    return Explorer(controls, fig, update)


# --------------------------------------------------------------------------- chapter 11
@register("epsilon")
def epsilon_explorer():
    """Chapter 11: move the step ε of a finite difference; see truncation and round-off error trade places."""
    fig, ax = plots.figure(height=4.2, width=7.0)
    panel = plots.EpsilonErrorPanel(ax)
    controls = {
        "kind": choice([(label, key) for key, label in plots.EPSILON_KINDS.items()], "smooth", "function"),
        "log_eps": slider(-5.0, -12.0, -1.0, 0.25, "log₁₀ ε"),
    }
    return Explorer(controls, fig, panel.update)


# --------------------------------------------------------------------------- chapters 5–7
@register("squared_error")
def squared_error_explorer():
    """Chapter 5: move the line ŷ = wx + b; see each residual's square, its loss ½r² and the cost J."""
    fig, ax = plots.figure(height=4.4, width=7.0)
    panel = plots.ResidualSquaresPanel(ax)
    controls = {"w": slider(0.5, -1.0, 2.0, 0.05, "slope w"), "b": slider(1.0, -1.0, 3.0, 0.05, "intercept b")}
    return Explorer(controls, fig, panel.update)


@register("logit_loss")
def logit_loss_explorer():
    """Chapter 6: pick the target y and the logit z; compare binary cross-entropy with squared error on σ(z)."""
    fig, axes = plots.figure(1, 2, height=2.4, width=6.0, sharex=True)
    panel = plots.LogitLossPanel(axes)
    controls = {"y": choice([1, 0], 1, "target y"), "z": slider(-3.0, -8.0, 8.0, 0.25, "logit z")}
    return Explorer(controls, fig, panel.update)


@register("cross_entropy")
def cross_entropy_explorer():
    """Chapter 7: move three logits and pick the true class; see softmax, the one-hot target and the loss."""
    fig, ax = plots.figure(height=3.8, width=6.5)
    panel = plots.CrossEntropyPanel(ax)
    controls = {
        "z0": slider(2.0, -5.0, 5.0, 0.25, "z₀"), "z1": slider(1.0, -5.0, 5.0, 0.25, "z₁"),
        "z2": slider(0.1, -5.0, 5.0, 0.25, "z₂"), "label": choice([0, 1, 2], 0, "true class"),
    }
    return Explorer(controls, fig, panel.update)


# ---- chapter 3
@register("forward_stats")
def forward_stats_explorer():
    """Chapter 3: pick g, depth, width and a weight scale; see each layer's activations and where they saturate."""
    fig, ax = plots.figure(height=3.8, width=7.0)
    panel = plots.ForwardStatsPanel(ax)
    panel.legend(fig, loc="outside lower center", ncol=4)
    controls = {
        "hidden": choice(["tanh", "sigmoid", "relu", "identity"], "tanh", "hidden g"),
        "depth": int_slider(6, 1, 10, "layers"),
        "width": int_slider(50, 2, 100, "units per layer"),
        "scale": slider(1.0, 0.25, 3.0, 0.05, "weight scale"),
    }
    return Explorer(controls, fig, panel.update)


# ---- chapter 4
@register("output_softmax")
def output_softmax_explorer():
    """Chapter 4: move four logits, a shift c added to all of them and a temperature T; see softmax((z + c)/T)."""
    fig, ax = plots.figure(height=3.6, width=6.2)
    panel = plots.SoftmaxPanel(ax)
    controls = {
        "z0": slider(2.0, -6.0, 6.0, 0.1, "z₀"), "z1": slider(1.0, -6.0, 6.0, 0.1, "z₁"),
        "z2": slider(0.1, -6.0, 6.0, 0.1, "z₂"), "z3": slider(-1.0, -6.0, 6.0, 0.1, "z₃"),
        "temperature": slider(1.0, 0.1, 5.0, 0.05, "temperature T"),
        "shift": slider(0.0, -1000.0, 1000.0, 10.0, "shift c"),
    }
    return Explorer(controls, fig, panel.update)


# --------------------------------------------------------------------------- chapter 12
@register("minibatch")
def minibatch_explorer():
    """Chapter 12: pick a batch size B; see how far random mini-batch gradients scatter around the full one."""
    fig, axes = plots.figure(2, height=3.8)
    cloud = plots.MinibatchCloudPanel(axes[0])
    noise = plots.MinibatchNoisePanel(axes[1])
    axes[0].legend(loc="lower left", fontsize=7, framealpha=0.9)

    def update(batch_size, draw):
        cloud.update(batch_size=batch_size, draw=draw)
        noise.update(batch_size=batch_size)

    controls = {
        "batch_size": W.SelectionSlider(options=list(plots.MINIBATCH_SIZES), value=8, description="batch size B",
                                        continuous_update=True, style={"description_width": "initial"}),
        "draw": W.IntSlider(value=0, min=0, max=19, step=1, description="which mini-batch",
                            continuous_update=True, style={"description_width": "initial"}),
    }
    return Explorer(controls, fig, update)


# --------------------------------------------------------------------------- chapters 8–10: backpropagation
@register("output_delta")
def output_delta_explorer():
    """Chapter 8: pick an output activation + loss and the logits; compare δ^[N] with finite differences."""
    fig, ax = plots.figure(height=3.9, width=6.8)
    panel = plots.OutputDeltaPanel(ax)
    controls = {
        "pair": choice(list(plots.OUTPUT_PAIRS), "softmax + cross-entropy", "output + loss"),
        "z1": slider(2.0, -5, 5, 0.25, "z₁"), "z2": slider(-1.0, -5, 5, 0.25, "z₂"),
        "z3": slider(0.5, -5, 5, 0.25, "z₃"),
        "target": choice([("unit 1", 0), ("unit 2", 1), ("unit 3", 2)], 1, "y = 1 at"),
    }
    return Explorer(controls, fig, panel.update)


@register("backward_pass")
def backward_pass_explorer():
    """Chapter 9: step through the backward pass of a [2, 3, 3, 1] network, δ written on every node."""
    fig, ax = plots.figure(height=3.6, width=plots.PAGE_WIDTH)
    panel = plots.BackwardPanel(ax)
    fig.colorbar(panel.mappable, ax=ax, label="δ (one example)", shrink=0.85)
    controls = {
        "step": int_slider(1, 1, panel.N, "backward step"),
        "hidden": choice(["tanh", "sigmoid", "relu"], "tanh", "hidden g"),
        "seed": int_slider(0, 0, 9, "weights (seed)"),
    }
    return Explorer(controls, fig, panel.update)


@register("weight_slope")
def weight_slope_explorer():
    """Chapter 10: J along one weight W[l][i, j]; the tangent from δ a^[l−1]ᵀ against the notes' δ a^[l]ᵀ."""
    fig, ax = plots.figure(height=3.9, width=6.8)
    panel = plots.WeightSlopePanel(ax)
    panel.add_legend(fig)
    sizes = panel.net.sizes
    layers = [(f"W[{l}] ({sizes[l]}×{sizes[l - 1]}{', square' if sizes[l] == sizes[l - 1] else ''})", l)
              for l in range(1, panel.net.N + 1)]
    controls = {
        "layer": choice(layers, 2, "layer"),
        "i": int_slider(1, 0, max(sizes[1:]) - 1, "row i"),
        "j": int_slider(3, 0, max(sizes[:-1]) - 1, "column j"),
    }
    return Explorer(controls, fig, panel.update)
