"""Figures as pictures: PNG bytes drawn at ``BOOK_DPI`` for the book and the notebooks,
the explorers' fast or palette PNGs, and an array of a figure's pixels."""

from __future__ import annotations

import io
import sys

import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from .style import BOOK_DPI, STYLE, smallest_text


def png_bytes(fig):
    """The figure as the book shows it: PNG bytes drawn at ``BOOK_DPI``.  The PNG says,
    in its text chunk ``smallest text px``, how tall the figure's smallest text is in
    its own pixels (the browser tests divide by the scale the picture is shown at).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.

    Returns
    -------
    bytes
    """
    buf = io.BytesIO()
    size = smallest_text(fig)
    meta = {"smallest text px": f"{size * BOOK_DPI / 72:.2f}"} if size else {}
    fig.canvas.print_figure(buf, format="png", dpi=BOOK_DPI, metadata=meta)
    return buf.getvalue()


def png_for_notebooks(fig):
    """The figure for IPython's display: :func:`png_bytes` and the size to show it at,
    in CSS pixels (half its pixels): sharp on high-resolution screens, as large as at
    ``figure.dpi`` (myst-nb writes the width into the book's page).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.

    Returns
    -------
    data : bytes
        The PNG.
    metadata : dict
        ``{"width": CSS pixels}``.
    """
    data = png_bytes(fig)
    width = round(fig.get_figwidth() * STYLE["figure.dpi"])
    return data, {"width": width}


def encode_png(image, *, palette=False):
    """A PIL image as PNG bytes: fast (``compress_level`` 1) for a live explorer, or,
    with ``palette``, reduced to at most 256 colours and compressed harder, for the
    pictures of the book.  The reduction (fast octree, no dithering) is deterministic:
    the same picture always gives the same bytes, so a picture drawn again can be
    compared with one saved earlier.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture.
    palette : bool
        Reduce to 256 colours (the book's pictures).

    Returns
    -------
    bytes
    """
    image, buf = image.convert("RGB"), io.BytesIO()
    if palette:
        image.quantize(
            256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
        ).save(buf, "png", compress_level=6)
    else:
        image.save(buf, "png", compress_level=1)
    return buf.getvalue()


def rgba(fig):
    """The figure rendered to an RGBA array: what a reader would see (for tests and
    benchmarks).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.

    Returns
    -------
    ndarray
        Shape (height, width, 4), uint8.
    """
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def show_figures_in_notebooks():
    """Let a running IPython display the book's figures (made without pyplot) as PNG
    images.

    Without IPython loaded there is no notebook to show them in, and nothing to do.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(
            Figure, png_for_notebooks
        )
