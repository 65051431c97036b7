"""Show nnlib's own source in a chapter, so the book never carries a second copy; keep numbers for its text."""
from __future__ import annotations

import inspect

import numpy as np


def source(obj):
    """The source of an nnlib function or class, syntax-highlighted in a notebook."""
    from IPython.display import Code

    return Code(inspect.getsource(obj), language="python")


def glue(name, value):
    """Keep ``value`` under ``name`` for the chapter's text, ``{glue:text}`name:.3g```: the number in the
    text is then the number this cell computed (myst-nb's ``glue``).  Where myst-nb is not installed
    (Colab), there is no text to fill in, and nothing happens; the value is returned either way.
    A numpy number is kept as a Python one, so that ``{glue:text}`name:.3g``` can format it.
    """
    if isinstance(value, np.generic):
        value = value.item()
    try:
        from myst_nb import glue as keep
    except ImportError:
        return value
    keep(name, value, display=False)
    return value
