"""One style for every figure of the book, and the helpers that lay figures out.

The colours are the Okabe–Ito palette (``COLORS``), which stays distinguishable
with every common colour-vision deficiency.  Figures are made without pyplot
(:func:`figure`), so that nothing accumulates as widgets redraw.

Sizes are chosen for every screen.  A figure is at most ``PAGE_WIDTH`` inches wide,
shown 100 CSS pixels per inch on a laptop (650 px in the book's 688-px column); the
book's pictures are drawn at ``BOOK_DPI``, twice that, so they stay sharp on
high-resolution screens.  On a phone 390 px wide a picture takes the whole width of the
screen, and its smallest text is still ``MIN_TEXT_PX`` CSS pixels tall when no font is
smaller than :func:`smallest_font` of the figure's width (``SMALL`` for a figure of the
page's width).  The tests check every figure and every explorer picture of the book
against that rule, and the browser tests measure it.
"""

from __future__ import annotations

import re

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.figure import Figure
from matplotlib.text import Text

#: Okabe–Ito colour-blind-safe palette.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}
CYCLE = [
    COLORS[k]
    for k in (
        "blue",
        "orange",
        "green",
        "vermillion",
        "purple",
        "sky",
        "yellow",
        "black",
    )
]

#: Matplotlib settings shared by every figure of the book.
STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "axes.prop_cycle": matplotlib.cycler(color=CYCLE),
    "axes.grid": True,
    # grid and ticks under the data: a redraw can keep them as they are
    "axes.axisbelow": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.constrained_layout.use": True,
    "image.cmap": "viridis",
    "svg.hashsalt": "nnlib",
}

#: Width of a figure that fills the text column of the book, in inches.
PAGE_WIDTH = 6.5

#: The resolution of the book's pictures (its figures and the explorers' pictures):
#: twice the ``figure.dpi`` they are shown at, as IPython's "retina" figures are.
BOOK_DPI = 2 * STYLE["figure.dpi"]

#: A phone's screen width in CSS pixels, and the smallest text a picture may show there.
PHONE_WIDTH_PX = 390
MIN_TEXT_PX = 8


def smallest_font(width):
    """The smallest font size (points) a figure ``width`` inches wide may use: shown
    ``PHONE_WIDTH_PX`` CSS pixels wide, that text is ``MIN_TEXT_PX`` pixels tall.

    Parameters
    ----------
    width : float
        The figure's width in inches.

    Returns
    -------
    float
        Points.
    """
    return MIN_TEXT_PX * 72.0 * width / PHONE_WIDTH_PX


#: The type of legends, notes and labels inside the axes: the smallest the book's
#: figures use.
SMALL = 10


def smallest_text(fig):
    """The size in points of the smallest text ``fig`` shows (visible, not empty), or
    None.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.

    Returns
    -------
    float or None
        Points.
    """
    sizes = [t.get_fontsize() for t in _shown_texts(fig) if t.get_text().strip()]
    return min(sizes) if sizes else None


def _shown_texts(artist):
    if not artist.get_visible():
        return
    if isinstance(artist, Text):
        yield artist
    for child in artist.get_children():
        yield from _shown_texts(child)


def _lighten(color, amount):
    """``color`` mixed with white: amount 0 keeps it, 1 gives white."""
    rgb = np.array(to_rgb(color))
    return tuple(rgb + (1.0 - rgb) * amount)


#: The colour map of the probability of class 1, from blue (class 0) through white to
#: vermillion (class 1), in Okabe–Ito hues lightened so that the data points stay
#: visible.
PROBABILITY_CMAP = LinearSegmentedColormap.from_list(
    "nnlib_class_probability",
    [_lighten(COLORS["blue"], 0.55), "white", _lighten(COLORS["vermillion"], 0.55)],
)

#: A diverging colour map that stays readable with every common colour-vision
#: deficiency.
DELTA_CMAP = "PuOr"

#: ``str.translate`` table that writes digits as subscripts: "y2" → "y₂".
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def nice_ceiling(x, least=0.0):
    """The smallest of 1, 2, 5, 10, 20, 50, … (times a power of ten) that is at least
    ``x`` and ``least``.

    Axis limits taken from it stay the same while the data move a little, so that a
    redraw can keep the axes it has already drawn.
    """
    x = max(float(x), least)
    if x <= 0:
        return 0.0
    power = 10.0 ** np.floor(np.log10(x))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= x * (1 - 1e-12))


def use_style():
    """Apply ``STYLE`` globally, for figures made with pyplot.

    Returns
    -------
    None
    """
    matplotlib.rcParams.update(STYLE)


def figure(ncols=1, nrows=1, *, height=3.0, width=PAGE_WIDTH, **kwargs):
    """A new figure of the book's size and style, with its axes.

    The figure is not registered with pyplot: it appears where a cell returns it, and
    only there, and nothing accumulates in memory as widgets redraw.

    Parameters
    ----------
    ncols, nrows : int
        The grid of axes.
    height : float
        Inches per row.
    width : float
        Inches (at most ``PAGE_WIDTH``).
    **kwargs
        For ``Figure.subplots``.

    Returns
    -------
    fig : matplotlib.figure.Figure
    axes : Axes or array of Axes
    """
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, height * nrows))
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, **kwargs)
    return fig, axes


def grid_of_axes(n, ncols, *, height, width=PAGE_WIDTH, **kwargs):
    """A figure with ⌈n / ncols⌉ rows of ``ncols`` axes; the axes after the first ``n``
    are hidden.

    Returns the figure and the first ``n`` axes, in reading order.
    """
    nrows = int(np.ceil(n / ncols))
    fig, axes = figure(
        ncols, nrows, height=height, width=width, squeeze=False, **kwargs
    )
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat)[:n]


def small_multiples(
    panel_cls, settings, *, ncols=None, height=2.8, width=PAGE_WIDTH, sharey=False
):
    """Draw ``panel_cls`` once per dict in ``settings``, side by side; returns the
    figure.

    The panels' own legends become one legend below them: inside panels this narrow they
    would cover the data, and they say the same thing in every panel.

    Parameters
    ----------
    panel_cls : type
        A panel class: ``panel_cls(ax).update(**values)``.
    settings : list of dict
        One panel's ``update`` values each.
    ncols : int, optional
        Panels per row (default: all in one row).
    height : float
        Inches per row.
    width : float
        Inches.
    sharey : bool
        One y-axis for all panels.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, axes = grid_of_axes(
        len(settings), ncols or len(settings), height=height, width=width, sharey=sharey
    )
    for ax, values in zip(axes, settings):
        panel_cls(ax).update(**values)
    if any(ax.get_legend() is not None for ax in axes):
        for ax in axes:
            if ax.get_legend() is not None:
                ax.get_legend().remove()
        legend_below(fig, axes)
    return fig


def stacked_multiples(panel_cls, settings, *, nrows=2, height=2.4, width=PAGE_WIDTH):
    """Like :func:`small_multiples` for a panel drawn on a column of ``nrows`` axes.

    ``panel_cls(axes_column)`` gets the column's axes (top to bottom); one column per
    dict in ``settings``.

    Parameters
    ----------
    panel_cls : type
        A panel class drawn on a column of axes.
    settings : list of dict
        One column's ``update`` values each.
    nrows : int
        Axes per column.
    height : float
        Inches per row.
    width : float
        Inches.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, axes = figure(
        len(settings), nrows, height=height, width=width, sharex="col", squeeze=False
    )
    for j, values in enumerate(settings):
        panel_cls(axes[:, j]).update(**values)
    return fig


def legend_below(fig, axes, *, ncol=None, **kwargs):
    """One legend for the whole figure, below its axes: every distinct label of ``axes``
    once.

    Without ``ncol``, as many columns as the labels fit side by side in the figure's
    width.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    axes : sequence of Axes
        Whose labels it gathers.
    ncol : int, optional
        Columns of the legend.
    **kwargs
        For ``Figure.legend``.

    Returns
    -------
    matplotlib.legend.Legend
    """
    handles, labels = [], []
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            if label not in labels:
                handles.append(handle)
                labels.append(label)
    kwargs = {"fontsize": SMALL, "frameon": False, **kwargs}
    if ncol is None:
        size = kwargs["fontsize"]
        shown = [
            re.sub(r"\\[A-Za-z]+|[${}\\]", "", label) for label in labels
        ]  # mathtext, roughly as drawn
        widest = (
            max((len(label) for label in shown), default=1) * 0.6 * size + 3.5 * size
        )  # points
        ncol = max(1, min(len(labels), int(0.95 * fig.get_figwidth() * 72 // widest)))
    return fig.legend(handles, labels, loc="outside lower center", ncol=ncol, **kwargs)
