"""The machinery of the explorers: the :class:`Explorer`, and the registry (the
controls: ``_controls``).

The declarations are in the other modules of this package, one per part of the book
(``computing``, ``scoring``, ``learning``, ``checking``, ``training``, ``graphs``) or
per new chapter (``make chapter``); the package imports every one of them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from .. import plots
from ._controls import Slider

#: The hidden activations the explorers offer, named here so that an activation
#: registered later does not add its states (and pictures) to every explorer of the
#: book.
HIDDEN = ("identity", "sigmoid", "tanh", "relu")


# ------------------------------------------------------------------------- the explorer
@dataclass
class Explorer:
    """A figure, the ``update(**values)`` that redraws it, its controls and the book's
    grid of states.

    Parameters
    ----------
    name, chapter : str
        Its name and its chapter's notebook stem (given by :func:`explorer`).
    summary : str
        One sentence of what the figure shows; the start of every picture's alt text.
    controls : dict
        ``update``'s keywords → :class:`Slider`, :class:`Steps` or :class:`Choice`.
    fig : matplotlib.figure.Figure
        The figure ``update`` redraws.
    update : callable
        ``update(**values)``.
    book : list of dict
        The grid of states the book draws: slices of control → values.
    why : str
        How the grid was chosen (shown under the book's explorer).
    mentioned : list of dict
        The settings the chapter's text refers to; each must be a state of the grid.
    repaint_changes : bool
        Paint only what changed between pictures (see :class:`nnlib.plots.Redrawer`).
    """

    name: str
    chapter: str
    summary: str
    controls: dict
    fig: object
    update: object
    book: list = field(default_factory=list)
    why: str = ""
    mentioned: list = field(default_factory=list)
    repaint_changes: bool = False

    def __post_init__(self):
        self._start_redrawer()

    def _start_redrawer(self):
        states = self.states()
        probes = [self.defaults()] + [
            states[k] for k in np.linspace(0, len(states) - 1, 4).astype(int)[1:]
        ]
        self.redrawer = plots.Redrawer(
            self.fig,
            lambda **v: self.update(**{**self.defaults(), **v}),
            probes,
            repaint_changes=self.repaint_changes,
        )

    def use_dpi(self, dpi):
        """Draw at ``dpi`` from now on (the book's pictures: ``nnlib.plots.BOOK_DPI``,
        twice the resolution they are shown at).  The layout, in inches, is that of the
        first drawing.

        Parameters
        ----------
        dpi : float
            Dots per inch.

        Returns
        -------
        Explorer
            Itself.
        """
        if dpi != self.fig.dpi:
            self.fig.set_dpi(dpi)
            self._start_redrawer()
        return self

    def defaults(self):
        """Every control's default value.

        Returns
        -------
        dict
            Control name → value.
        """
        return {name: c.value for name, c in self.controls.items()}

    def draw(self, **values):
        """Redraw the figure for ``values`` (the controls not given keep their
        defaults).

        Parameters
        ----------
        **values
            Control values.

        Returns
        -------
        Explorer
            Itself.
        """
        self.update(**{**self.defaults(), **values})
        self.redrawer.draw()
        return self

    def png(self, **values):
        """The figure for ``values`` as PNG bytes, fast to make: what the live explorer
        shows.

        Parameters
        ----------
        **values
            Control values.

        Returns
        -------
        bytes
        """
        return plots.encode_png(self.draw(**values).redrawer.image())

    def frame(self, **values):
        """The figure for ``values`` as the book's picture: a palette PNG (at most 256
        colours).

        Painted whole, never only where it changed since the last picture: a picture's
        pixels do not depend on which picture was drawn before it (a clipped repaint can
        differ by a pixel).

        Parameters
        ----------
        **values
            Control values.

        Returns
        -------
        bytes
        """
        repaint, self.redrawer.repaint_changes = self.redrawer.repaint_changes, False
        try:
            return plots.encode_png(self.draw(**values).redrawer.image(), palette=True)
        finally:
            self.redrawer.repaint_changes = repaint

    def states(self):
        """The states the book precomputes, in order: dicts of every control's value.

        Returns
        -------
        list of dict
        """
        slices = self.book or [{}]
        seen, states = set(), []
        for piece in slices:
            names = list(self.controls)
            grids = [piece.get(n, (self.controls[n].value,)) for n in names]
            for combo in itertools.product(*grids):
                if combo not in seen:
                    seen.add(combo)
                    states.append(dict(zip(names, combo)))
        return states

    def book_values(self, name):
        """The values of one control that occur in the book's states.

        Parameters
        ----------
        name : str
            A control.

        Returns
        -------
        list
        """
        spec, used = self.controls[name], {s[name] for s in self.states()}
        return (
            sorted(used)
            if isinstance(spec, Slider)
            else [v for v in spec.values() if v in used]
        )

    def alt(self, **values):
        """Alt text of the picture for ``values``: the settings and what the figure's
        titles say.

        Parameters
        ----------
        **values
            Control values.

        Returns
        -------
        str
        """
        values = {**self.defaults(), **values}
        settings = ", ".join(
            f"{c.label} = {c.text(values[n])}" for n, c in self.controls.items()
        )
        titles = [t for ax in self.fig.axes for t in (ax.get_title(),) if t]
        said = " ".join(" ".join(t.split()) for t in titles)
        return f"{self.summary} Settings: {settings}. {said}".strip()


EXPLORERS: dict = {}


def for_the_book(name):
    """Explorer ``name`` as the book draws it: at ``nnlib.plots.BOOK_DPI``."""
    return EXPLORERS[name]().use_dpi(plots.BOOK_DPI)


def explorer(name, chapter):
    """Decorator: register an explorer's factory under ``name`` (its chapter's notebook
    stem).

    Parameters
    ----------
    name : str
        The explorer's name: a chapter shows it with ``widgets.explore(name)``.
    chapter : str
        The chapter's notebook stem, ``"03_forward"``.

    Returns
    -------
    callable
        The decorator.  The factory it decorates returns the keywords of
        :class:`Explorer` (all but ``name`` and ``chapter``); it is registered in
        ``EXPLORERS[name]``, and calling it builds the Explorer.
    """

    def deco(factory):
        def build():
            return Explorer(name=name, chapter=chapter, **factory())

        build.__doc__ = factory.__doc__
        build.__name__ = factory.__name__
        build.chapter = chapter
        EXPLORERS[name] = build
        return build

    return deco


def one_panel(panel_cls, height, width, decorate=None, **figure_kwargs):
    """A figure with one panel of :mod:`nnlib.plots`; returns the figure and the
    panel."""
    fig, ax = plots.figure(height=height, width=width, **figure_kwargs)
    panel = panel_cls(ax)
    if decorate is not None:
        decorate(panel)
    return fig, panel


def every(control_values, *names):
    """One slice: every value of the named controls (a helper for small explorers)."""
    return {name: tuple(control_values[name].values()) for name in names}


def value_grid(lo, hi, step, *extra):
    """The values lo, lo + step, …, hi, and the ``extra`` ones, sorted."""
    return tuple(
        sorted(
            {round(lo + k * step, 10) for k in range(int(round((hi - lo) / step)) + 1)}
            | set(extra)
        )
    )
