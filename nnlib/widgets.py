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

