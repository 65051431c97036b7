"""The machinery of the explorers: controls, the :class:`Explorer`, and the registry.

The declarations, one per chapter, are in the modules of this package named like the
book's parts (``computing``, ``scoring``, ``learning``, ``checking``, ``training``).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from .. import plots
from ..plots.style import SUBSCRIPTS

#: The hidden activations the explorers offer, named here so that an activation registered
#: later does not add its states (and pictures) to every explorer of the book.
HIDDEN = ("identity", "sigmoid", "tanh", "relu")


# --------------------------------------------------------------------------- controls
@dataclass(frozen=True)
class Slider:
    """A number from ``lo`` to ``hi`` in steps of ``step``; ``integer`` for whole numbers.

    Parameters
    ----------
    label : str
        What the control is called on the screen.
    lo, hi, step : float
        Its range and step.
    value : float
        The default.
    integer : bool
        Whole numbers only.
    continuous : bool
        Redraw while dragging (False: when let go).
    """

    label: str
    lo: float
    hi: float
    step: float
    value: float
    integer: bool = False
    continuous: bool = True  # redraw while dragging (False: when let go, for slow updates)

    def values(self):
        n = int(round((self.hi - self.lo) / self.step))
        values = [self.lo + k * self.step for k in range(n + 1)]
        return [int(round(v)) if self.integer else round(float(v), 10) for v in values]

    def text(self, value):
        return f"{int(value)}" if self.integer else f"{value:.2f}"


@dataclass(frozen=True)
class Steps:
    """A slider over a list of values (such as batch sizes).

    Parameters
    ----------
    label : str
        What the control is called on the screen.
    options : tuple
        The values, in order.
    value : object
        The default, one of ``options``.
    """

    label: str
    options: tuple
    value: object

    def values(self):
        return list(self.options)

    def text(self, value):
        return str(value)


@dataclass(frozen=True)
class Choice:
    """A drop-down menu; ``options`` are values or ``(label, value)`` pairs.

    Parameters
    ----------
    label : str
        What the control is called on the screen.
    options : tuple
        Values, or ``(label, value)`` pairs.
    value : object
        The default value.
    """

    label: str
    options: tuple
    value: object

    def pairs(self):
        return [o if isinstance(o, tuple) else (str(o), o) for o in self.options]

    def values(self):
        return [value for _, value in self.pairs()]

    def text(self, value):
        return next(label for label, v in self.pairs() if v == value)


def sliders(lo, hi, step, **values):
    """Sliders over one range, one per keyword, labelled with subscripts: ``w12`` → W₁₂, ``z1`` → z₁."""
    def label(name):
        return name[0].replace("w", "W") + name[1:].translate(SUBSCRIPTS)

    return {name: Slider(label(name), lo, hi, step, value) for name, value in values.items()}


# --------------------------------------------------------------------------- the explorer
@dataclass
class Explorer:
    """A figure, the ``update(**values)`` that redraws it, its controls and the book's grid of states.

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
        probes = [self.defaults()] + [states[k] for k in np.linspace(0, len(states) - 1, 4).astype(int)[1:]]
        self.redrawer = plots.Redrawer(self.fig, lambda **v: self.update(**{**self.defaults(), **v}), probes,
                                       repaint_changes=self.repaint_changes)

    def use_dpi(self, dpi):
        """Draw at ``dpi`` from now on (the book's pictures: ``nnlib.plots.BOOK_DPI``, twice the
        resolution they are shown at).  The layout, in inches, is that of the first drawing.

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
        return {name: c.value for name, c in self.controls.items()}

    def draw(self, **values):
        """Redraw the figure for ``values`` (the controls not given keep their defaults).

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
        """The figure for ``values`` as PNG bytes, fast to make: what the live explorer shows.

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
        """The figure for ``values`` as the book's picture: a palette PNG (at most 256 colours).

        Parameters
        ----------
        **values
            Control values.

        Returns
        -------
        bytes
        """
        return plots.encode_png(self.draw(**values).redrawer.image(), palette=True)

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
        return sorted(used) if isinstance(spec, Slider) else [v for v in spec.values() if v in used]

    def alt(self, **values):
        """Alt text of the picture for ``values``: the settings and what the figure's titles say.

        Parameters
        ----------
        **values
            Control values.

        Returns
        -------
        str
        """
        values = {**self.defaults(), **values}
        settings = ", ".join(f"{c.label} = {c.text(values[n])}" for n, c in self.controls.items())
        titles = [t for ax in self.fig.axes for t in (ax.get_title(),) if t]
        said = " ".join(" ".join(t.split()) for t in titles)
        return f"{self.summary} Settings: {settings}. {said}".strip()


EXPLORERS: dict = {}


def for_the_book(name):
    """Explorer ``name`` as the book draws it: at ``nnlib.plots.BOOK_DPI``."""
    return EXPLORERS[name]().use_dpi(plots.BOOK_DPI)


def explorer(name, chapter):
    """Decorator: register an explorer's factory under ``name`` (its chapter's notebook stem).

    Parameters
    ----------
    name : str
        The explorer's name: a chapter shows it with ``widgets.explore(name)``.
    chapter : str
        The chapter's notebook stem, ``"03_forward"``.

    Returns
    -------
    callable
        The decorator.  The factory it decorates returns the keywords of :class:`Explorer`
        (all but ``name`` and ``chapter``); it is registered in ``EXPLORERS[name]``, and
        calling it builds the Explorer.
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
    """A figure with one panel of :mod:`nnlib.plots`; returns the figure and the panel."""
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
    return tuple(sorted({round(lo + k * step, 10) for k in range(int(round((hi - lo) / step)) + 1)} | set(extra)))
