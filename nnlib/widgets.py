"""The explorers of :mod:`nnlib.explorers` as live ipywidgets: wiring only.

A chapter shows one with ``widgets.explore("forward_stats")``.

Each control of an explorer becomes an ipywidgets control with the same label, range,
step and default; every move redraws the explorer's figure (only what changed, see
``nnlib.plots.Redrawer``) and shows it as a PNG image.  An error in an update is shown
under the controls, in words, and kept in ``errors`` so that tests can see it
(ipywidgets' own ``interact`` would swallow it).  ipywidgets is imported as ``ipw``:
``W`` is the letter of the weights.
"""

from __future__ import annotations

import time

import ipywidgets as ipw
from IPython.display import display

from . import explorers
from .explorers import Choice, Steps

_STYLE = {"description_width": "initial"}


def control(spec):
    """The ipywidgets control of one control of an explorer.

    Parameters
    ----------
    spec : Slider, Steps or Choice
        The explorer's control.

    Returns
    -------
    ipywidgets.Widget
    """
    if isinstance(spec, Choice):
        return ipw.Dropdown(
            options=spec.pairs(), value=spec.value, description=spec.label, style=_STYLE
        )
    if isinstance(spec, Steps):
        return ipw.SelectionSlider(
            options=list(spec.options),
            value=spec.value,
            description=spec.label,
            continuous_update=True,
            style=_STYLE,
        )
    cls, extra = (
        (ipw.IntSlider, {})
        if spec.integer
        else (ipw.FloatSlider, {"readout_format": ".2f"})
    )
    return cls(
        value=spec.value,
        min=spec.lo,
        max=spec.hi,
        step=spec.step,
        description=spec.label,
        continuous_update=spec.continuous,
        style=_STYLE,
        **extra,
    )


class LiveExplorer:
    """An explorer of :mod:`nnlib.explorers` with ipywidgets controls, redrawn on every
    move.

    Parameters
    ----------
    explorer : nnlib.explorers.Explorer
        The explorer to wire.
    """

    def __init__(self, explorer):
        self.explorer = explorer
        self.fig = explorer.fig
        self.controls = {
            name: control(spec) for name, spec in explorer.controls.items()
        }
        self.image = ipw.Image(format="png")
        self.message = ipw.HTML()
        self.errors, self.redraw_times = [], []
        for c in self.controls.values():
            c.observe(lambda change: self.redraw(), names="value")
        self.redraw()

    def values(self):
        """The controls' current values.

        Returns
        -------
        dict
            Control name → value, the keywords of the explorer's ``update``.
        """
        return {name: c.value for name, c in self.controls.items()}

    def redraw(self):
        """Redraw the figure for the current control values and show it.

        Returns
        -------
        None
            An error is shown under the controls and kept in ``errors``.
        """
        start = time.perf_counter()
        try:
            self.image.value = self.explorer.png(**self.values())
            self.message.value = ""
        except Exception as exc:  # shown to the learner, kept for the tests
            self.errors.append(exc)
            self.message.value = f"<b>Could not redraw:</b> {type(exc).__name__}: {exc}"
            return
        self.redraw_times.append(time.perf_counter() - start)

    def widget(self):
        """The controls, the error message and the picture, in one box.

        Returns
        -------
        ipywidgets.VBox
        """
        row = ipw.HBox(
            list(self.controls.values()), layout=ipw.Layout(flex_flow="row wrap")
        )
        return ipw.VBox([row, self.message, self.image])

    def _ipython_display_(self):
        display(self.widget())


def explore(name):
    """The live explorer ``name`` of ``nnlib.explorers.EXPLORERS``, shown by a chapter's
    cell.

    A chapter shows each of its explorers with a cell ``widgets.explore("<name>")``; the
    book finds these cells by the names in the registry and serves the explorer's
    pictures.

    Parameters
    ----------
    name : str
        An explorer's name, e.g. ``"forward_stats"``.

    Returns
    -------
    LiveExplorer
        Its controls and picture; shown when it is the value of a notebook cell.
    """
    if name not in explorers.EXPLORERS:
        raise ValueError(
            f"unknown explorer {name!r}; choose one of {', '.join(explorers.EXPLORERS)}"
        )
    return LiveExplorer(explorers.EXPLORERS[name]())


__all__ = ["LiveExplorer", "control", "explore"]
