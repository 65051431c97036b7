"""Figures of the book: pure functions and small panel classes that return matplotlib figures.

One style for every figure lives here (:data:`COLORS`, :data:`STYLE`): the Okabe–Ito
palette, which stays distinguishable with every common colour-vision deficiency, and
fonts large enough to read at the width of a book page.

A *panel* draws one formula on one ``Axes`` and can update its artists in place:
``panel = ActivationPanel(ax); panel.update(name="tanh", z0=1.0)``.  The widgets of
:mod:`nnlib.widgets` drive one panel; :func:`small_multiples` draws the same panel for
several settings side by side — the static figure a reader sees without a kernel.
"""
from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import activations as act

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
CYCLE = [COLORS[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow", "black")]

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
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.constrained_layout.use": True,
    "image.cmap": "viridis",
    "svg.hashsalt": "nnlib",
}

#: Width of a figure that fills the text column of the book, in inches.
PAGE_WIDTH = 7.5


def use_style():
    """Apply :data:`STYLE` globally, for figures made with pyplot."""
    matplotlib.rcParams.update(STYLE)


def figure(ncols=1, nrows=1, *, height=3.0, width=PAGE_WIDTH, **kwargs):
    """A new figure of the book's size and style, with its axes.

    The figure is not registered with pyplot: it appears where a cell returns it, and
    only there, and nothing accumulates in memory as widgets redraw.
    """
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, height * nrows))
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, **kwargs)
    return fig, axes


def small_multiples(panel_cls, settings, *, ncols=None, height=2.8, width=PAGE_WIDTH, sharey=False):
    """Draw ``panel_cls`` once per dict in ``settings``, side by side; returns the figure."""
    n = len(settings)
    ncols = ncols or n
    nrows = int(np.ceil(n / ncols))
    fig, axes = figure(ncols, nrows, height=height, width=width, sharey=sharey, squeeze=False)
    for ax, values in zip(axes.flat, settings):
        panel_cls(ax).update(**values)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    return fig


# --------------------------------------------------------------------------- chapter 1
class AffinePanel:
    """z = W a + b for 2-D inputs: the unit grid a and its image z (chapter 1)."""

    def __init__(self, ax, lim=4.0):
        self.ax = ax
        u = np.linspace(-1, 1, 9)
        gx, gy = np.meshgrid(u, u)
        self.a = np.vstack([gx.ravel(), gy.ravel()])  # (2, 81): one point per column
        self.square = np.array([[-1, 1, 1, -1, -1], [-1, -1, 1, 1, -1]], dtype=float)
        ax.plot(*self.square, color=COLORS["grey"], lw=1.5, ls="--", label="inputs a (square)")
        ax.scatter(*self.a, s=6, color=COLORS["grey"])
        (self.edge,) = ax.plot([], [], color=COLORS["blue"], lw=2, label="outputs z = Wa + b")
        self.points = ax.scatter(self.a[0], self.a[1], s=10, color=COLORS["blue"])
        (self.e1,) = ax.plot([], [], color=COLORS["vermillion"], lw=2.5, label="W's column 1")
        (self.e2,) = ax.plot([], [], color=COLORS["green"], lw=2.5, label="W's column 2")
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.set_aspect("equal")
        ax.set_xlabel("first coordinate")
        ax.set_ylabel("second coordinate")

    def update(self, w11=1.0, w12=0.0, w21=0.0, w22=1.0, b1=0.0, b2=0.0, title=None):
        from .network import affine

        W = np.array([[w11, w12], [w21, w22]])
        b = np.array([[b1], [b2]])
        z = affine(W, self.a, b)
        edge = affine(W, self.square, b)
        self.edge.set_data(edge[0], edge[1])
        self.points.set_offsets(z.T)
        self.e1.set_data([b1, b1 + w11], [b2, b2 + w21])
        self.e2.set_data([b1, b1 + w12], [b2, b2 + w22])
        det = np.linalg.det(W)
        self.ax.set_title(title or f"W = [[{w11:g}, {w12:g}], [{w21:g}, {w22:g}]], det W = {det:.2g}")
        return self


# --------------------------------------------------------------------------- chapter 2
class ActivationPanel:
    """g(z) and g'(z) with the tangent at z0 (chapter 2)."""

    def __init__(self, ax, zmax=6.0):
        self.ax = ax
        self.zs = np.linspace(-zmax, zmax, 401)
        (self.g_line,) = ax.plot([], [], color=COLORS["blue"], lw=2.5, label="g(z)")
        (self.dg_line,) = ax.plot([], [], color=COLORS["orange"], lw=2, ls="--", label="g′(z)")
        (self.tangent,) = ax.plot([], [], color=COLORS["vermillion"], lw=2, ls=":", label="tangent at z₀")
        (self.dot,) = ax.plot([], [], "o", color=COLORS["vermillion"], ms=7)
        self.sat = None
        ax.set_xlim(-zmax, zmax)
        ax.set_ylim(-1.6, 3.6)
        ax.set_xlabel("pre-activation z")
        ax.set_ylabel("value")

    def update(self, name="sigmoid", z0=1.0):
        g = act.ACTIVATIONS[name]
        dg = act.DERIVATIVES[name]
        gz, dgz = g(self.zs), dg(self.zs)
        self.g_line.set_data(self.zs, gz)
        self.dg_line.set_data(self.zs, dgz)
        g0 = float(g(np.array([z0]))[0])
        d0 = float(dg(np.array([z0]))[0])
        span = np.array([z0 - 1.5, z0 + 1.5])
        self.tangent.set_data(span, g0 + d0 * (span - z0))
        self.dot.set_data([z0], [g0])
        if self.sat is not None:
            self.sat.remove()
        self.sat = self.ax.fill_between(self.zs, -1.6, 3.6, where=dgz < 0.05, color=COLORS["grey"], alpha=0.2,
                                        lw=0, label="saturated: g′ < 0.05")
        self.ax.legend(loc="upper left", fontsize=8, ncol=2, framealpha=0.9)
        self.ax.set_title(f"{name}: g({z0:g}) = {g0:.3g}, g′({z0:g}) = {d0:.3g}")
        return self


def softmax_bars(ax, z, title=None):
    """Bar chart of softmax(z) for one column of logits (chapters 2 and 4)."""
    z = np.asarray(z, dtype=float)
    p = act.softmax(z)
    ax.bar(np.arange(z.size), p, color=CYCLE[: z.size] if z.size <= len(CYCLE) else COLORS["blue"])
    ax.set_ylim(0, 1)
    ax.set_xticks(np.arange(z.size), [f"class {j}" for j in range(z.size)])
    ax.set_ylabel("probability ŷⱼ")
    ax.set_title(title or "softmax(z) = " + ", ".join(f"{v:.2f}" for v in p))
    return ax


def png_bytes(fig):
    """The figure as PNG bytes, as a notebook shows it."""
    import io

    buf = io.BytesIO()
    fig.canvas.print_png(buf)
    return buf.getvalue()


def _show_figures_in_notebooks():
    """Let a notebook display the book's figures (made without pyplot) as PNG images."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, png_bytes)


_show_figures_in_notebooks()


def rgba(fig):
    """The figure rendered to an RGBA array: what a reader would see (for tests and benchmarks)."""
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()
