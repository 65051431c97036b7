"""Interactive explorers for the chapters: ipywidgets wiring only.

Every explorer is a row of controls and one figure drawn by a panel of
:mod:`nnlib.plots`.  Moving a control calls the panel's ``update`` (a plain function
of the control values) on the existing axes and shows the figure again: no new
figure per move.  An error in an update is shown under the controls, in words, and
kept in ``explorer.errors`` so that tests can see it (ipywidgets' own ``interact``
would swallow it).

``WIDGETS`` maps a name to a function that builds the explorer (registered with
:func:`register`), in chapter order; the test suite drives every one of them through
all its controls.  ipywidgets is imported as ``ipw``: ``W`` is the letter of the weights.
"""
from __future__ import annotations

import time

import ipywidgets as ipw
from IPython import get_ipython
from IPython.display import clear_output, display

from . import DERIVATIVES, plots
from .datasets import TOY_DATASETS
from .plots.style import SUBSCRIPTS


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
        self.out = ipw.Output()
        self.message = ipw.HTML()
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
        if get_ipython() is not None:
            with self.out:
                clear_output(wait=True)
                display(self.fig)
        self.redraw_times.append(time.perf_counter() - start)

    def widget(self):
        box = ipw.HBox(list(self.controls.values()), layout=ipw.Layout(flex_flow="row wrap"))
        return ipw.VBox([box, self.message, self.out])

    def _ipython_display_(self):
        display(self.widget())


WIDGETS: dict = {}


def register(name):
    """Decorator: add an explorer factory to ``WIDGETS`` under ``name``."""
    def deco(factory):
        WIDGETS[name] = factory
        return factory
    return deco


# --------------------------------------------------------------------------- controls
def _control(cls, description, **kwargs):
    """A control of class ``cls`` whose label is shown in full."""
    return cls(description=description, style={"description_width": "initial"}, **kwargs)


def slider(value, lo, hi, step, description):
    """A float slider that updates continuously."""
    return _control(ipw.FloatSlider, description, value=value, min=lo, max=hi, step=step,
                    continuous_update=True, readout_format=".2f")


def int_slider(value, lo, hi, description, *, step=1, continuous_update=True):
    """An integer slider; it updates continuously unless ``continuous_update=False`` (for slow updates)."""
    return _control(ipw.IntSlider, description, value=value, min=lo, max=hi, step=step,
                    continuous_update=continuous_update)


def sliders(lo, hi, step, **values):
    """Float sliders over one range, one per keyword: ``sliders(-5, 5, 0.25, z1=2.0, z2=-1.0)``.

    Each is labelled with its name, indices written as subscripts (``z1`` → z₁; ``w12`` →
    W₁₂, an entry of the matrix W).
    """
    def label(name):
        return name[0].replace("w", "W") + name[1:].translate(SUBSCRIPTS)

    return {name: slider(value, lo, hi, step, label(name)) for name, value in values.items()}


def selection_slider(options, value, description):
    """A slider over a list of values (such as batch sizes) that updates continuously."""
    return _control(ipw.SelectionSlider, description, options=list(options), value=value,
                    continuous_update=True)


def choice(options, value, description):
    """A drop-down menu; ``options`` are values or ``(label, value)`` pairs."""
    return _control(ipw.Dropdown, description, options=list(options), value=value)


def panel_explorer(panel_cls, controls, *, height, width, decorate=None, **figure_kwargs):
    """The usual explorer: one panel of :mod:`nnlib.plots` on a figure of its own, redrawn by its ``update``.

    ``controls`` is the dict of controls, or a function that makes it from the panel (when a
    range depends on the panel, such as its number of layers).  ``decorate(panel)`` adds
    what only the explorer shows (a legend, a colour bar) before the figure is laid out.
    """
    fig, ax = plots.figure(height=height, width=width, **figure_kwargs)
    panel = panel_cls(ax)
    if decorate is not None:
        decorate(panel)
    return Explorer(controls(panel) if callable(controls) else controls, fig, panel.update)


# --------------------------------------------------------------------------- chapter 1
@register("affine")
def affine_explorer():
    """Chapter 1: move the entries of W and b and watch the unit square map to z = Wa + b."""
    controls = sliders(-2, 2, 0.1, w11=1.0, w12=0.5, w21=0.0, w22=1.0, b1=0.0, b2=0.0)

    def legend(panel):
        panel.ax.legend(loc="upper left", fontsize=9)

    return panel_explorer(plots.AffinePanel, controls, height=4.6, width=5.5, decorate=legend)


# --------------------------------------------------------------------------- chapter 2
@register("activation")
def activation_explorer():
    """Chapter 2: pick g and a point z₀; see g, g′, the tangent and where g saturates."""
    controls = {"name": choice(DERIVATIVES, "sigmoid", "activation g"), "z0": slider(1.0, -6, 6, 0.25, "z₀")}
    return panel_explorer(plots.ActivationPanel, controls, height=3.8, width=6.5)


# --------------------------------------------------------------------------- chapter 3
@register("forward_stats")
def forward_stats_explorer():
    """Chapter 3: pick g, depth, width and a weight scale; each layer's activations and their saturation."""
    controls = {
        "hidden": choice(DERIVATIVES, "tanh", "hidden g"),
        "depth": int_slider(6, 1, 10, "layers"),
        "width": int_slider(50, 2, 100, "units per layer"),
        "scale": slider(1.0, 0.25, 3.0, 0.05, "weight scale"),
    }

    def legend(panel):
        panel.legend(panel.ax.figure, loc="outside lower center", ncol=4)

    return panel_explorer(plots.ForwardStatsPanel, controls, height=3.8, width=7.0, decorate=legend)


# --------------------------------------------------------------------------- chapter 4
@register("output_softmax")
def output_softmax_explorer():
    """Chapter 4: move four logits, a shift c added to all of them and a temperature T: softmax((z + c)/T)."""
    controls = {
        **sliders(-6.0, 6.0, 0.1, z0=2.0, z1=1.0, z2=0.1, z3=-1.0),
        "temperature": slider(1.0, 0.1, 5.0, 0.05, "temperature T"),
        "shift": slider(0.0, -1000.0, 1000.0, 10.0, "shift c"),
    }
    return panel_explorer(plots.SoftmaxPanel, controls, height=3.6, width=6.2)


# --------------------------------------------------------------------------- chapter 5
@register("squared_error")
def squared_error_explorer():
    """Chapter 5: move the line ŷ = wx + b; see each residual's square, its loss ½r² and the cost J."""
    controls = {
        "w": slider(0.5, -1.0, 2.0, 0.05, "slope w"),
        "b": slider(1.0, -1.0, 3.0, 0.05, "intercept b"),
    }
    return panel_explorer(plots.ResidualSquaresPanel, controls, height=4.4, width=7.0)


# --------------------------------------------------------------------------- chapter 6
@register("logit_loss")
def logit_loss_explorer():
    """Chapter 6: pick the target y and the logit z; binary cross-entropy against squared error on σ(z)."""
    controls = {"y": choice([1, 0], 1, "target y"), "z": slider(-3.0, -8.0, 8.0, 0.25, "logit z")}
    # the losses above, their slopes ∂L/∂z below
    return panel_explorer(plots.LogitLossPanel, controls, height=2.4, width=6.0, nrows=2, sharex=True)


# --------------------------------------------------------------------------- chapter 7
@register("cross_entropy")
def cross_entropy_explorer():
    """Chapter 7: move three logits and pick the true class; see softmax, the one-hot target and the loss."""
    controls = {
        **sliders(-5.0, 5.0, 0.25, z0=2.0, z1=1.0, z2=0.1),
        "label": choice([0, 1, 2], 0, "true class"),
    }
    return panel_explorer(plots.CrossEntropyPanel, controls, height=3.8, width=6.5)


# --------------------------------------------------------------------------- chapter 8
@register("output_delta")
def output_delta_explorer():
    """Chapter 8: pick an output activation + loss and the logits; compare δ^[N] with finite differences."""
    def controls(panel):
        return {
            "pair": choice(plots.OUTPUT_PAIRS, "softmax + cross-entropy", "output + loss"),
            **sliders(-5, 5, 0.25, z1=2.0, z2=-1.0, z3=0.5),
            "target": choice([(f"unit {j + 1}", j) for j in range(panel.k)], 1, "y = 1 at"),
        }

    return panel_explorer(plots.OutputDeltaPanel, controls, height=3.9, width=6.8)


# --------------------------------------------------------------------------- chapter 9
@register("backward_pass")
def backward_pass_explorer():
    """Chapter 9: step through the backward pass of a [2, 3, 3, 1] network, δ written on every node."""
    def controls(panel):
        return {
            "step": int_slider(1, 1, panel.N, "backward step"),
            "hidden": choice(DERIVATIVES, "tanh", "hidden g"),
            "seed": int_slider(0, 0, 9, "weights (seed)"),
        }

    def colorbar(panel):
        panel.ax.figure.colorbar(panel.mappable, ax=panel.ax, label="δ (one example)", shrink=0.85)

    return panel_explorer(plots.BackwardPanel, controls, height=3.6, width=plots.PAGE_WIDTH,
                          decorate=colorbar)


# --------------------------------------------------------------------------- chapter 10
@register("weight_slope")
def weight_slope_explorer():
    """Chapter 10: J along one weight W[l][i, j]; the tangent from δ a^[l−1]ᵀ against the notes' δ a^[l]ᵀ."""
    def controls(panel):
        sizes = panel.net.sizes
        layers = [(f"W[{l}] ({sizes[l]}×{sizes[l - 1]}{', square' if sizes[l] == sizes[l - 1] else ''})", l)
                  for l in range(1, panel.net.N + 1)]
        return {
            "layer": choice(layers, 2, "layer"),
            "i": int_slider(1, 0, max(sizes[1:]) - 1, "row i"),
            "j": int_slider(3, 0, max(sizes[:-1]) - 1, "column j"),
        }

    def legend(panel):
        panel.add_legend(panel.ax.figure)

    return panel_explorer(plots.WeightSlopePanel, controls, height=3.9, width=6.8, decorate=legend)


# --------------------------------------------------------------------------- chapter 11
@register("epsilon")
def epsilon_explorer():
    """Chapter 11: move the step ε of a finite difference; see truncation and round-off error trade places."""
    kinds = [(label, key) for key, label in plots.EPSILON_KINDS.items()]
    controls = {
        "kind": choice(kinds, "smooth", "function"),
        "log_eps": slider(-5.0, -12.0, -1.0, 0.25, "log₁₀ ε"),
    }
    return panel_explorer(plots.EpsilonErrorPanel, controls, height=4.2, width=7.0)


# --------------------------------------------------------------------------- chapter 12
@register("minibatch")
def minibatch_explorer():
    """Chapter 12: pick a batch size B; see how far mini-batch gradients scatter around the full one."""
    fig, axes = plots.figure(2, height=3.8)
    cloud = plots.MinibatchCloudPanel(axes[0])
    noise = plots.MinibatchNoisePanel(axes[1])
    axes[0].legend(loc="lower left", fontsize=7, framealpha=0.9)

    def update(batch_size, draw):
        cloud.update(batch_size=batch_size, draw=draw)
        noise.update(batch_size=batch_size)

    controls = {
        "batch_size": selection_slider(plots.MINIBATCH_SIZES, 8, "batch size B"),
        "draw": int_slider(0, 0, 19, "which mini-batch"),
    }
    return Explorer(controls, fig, update)


# --------------------------------------------------------------------------- chapter 13
@register("playground")
def playground_explorer():
    """Chapter 13: train a small network on a 2-D data set; its decision boundary and cost, epoch by epoch."""
    fig, (ax_boundary, ax_loss) = plots.figure(2, height=3.4, width=plots.PAGE_WIDTH)
    boundary = plots.DecisionBoundaryPanel(ax_boundary)
    loss = plots.LossCurvePanel(ax_loss)
    ax_boundary.legend(loc="lower right", fontsize=8, framealpha=0.9)

    def update(**values):
        boundary.update(**values)
        loss.update(**values)

    controls = {
        "dataset": choice(TOY_DATASETS, "moons", "data set"),
        # every value trains a network: update when the slider is let go
        "hidden": int_slider(8, 1, 16, "hidden units", continuous_update=False),
        "activation": choice(plots.PLAYGROUND_ACTIVATIONS, "tanh", "activation g"),
        "learning_rate": choice(plots.PLAYGROUND_LEARNING_RATES, 1.0, "learning rate α"),
        "epoch": int_slider(200, 0, plots.PLAYGROUND_EPOCHS, "epochs", step=plots.PLAYGROUND_SNAPSHOT_EVERY),
    }
    return Explorer(controls, fig, update)
