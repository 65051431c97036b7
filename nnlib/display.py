"""Show nnlib's own source in a chapter, so the book never carries a second copy; keep
numbers for its text."""
from __future__ import annotations

import inspect
import re

import numpy as np

#: A numpydoc section of a docstring, from the blank line before its header up to the
#: docstring's closing quotes (kept), and the closing quotes' indentation.
_SECTIONS = re.compile(r'\n\n(?P<indent>[ \t]*)'
                       r'(?:Parameters|Returns|Yields|Raises|Attributes)\n'
                       r'(?P=indent)-{3,}\n'
                       r'.*?\n(?P=indent)(?=""")', re.DOTALL)


def formula_source(obj):
    """The source of an nnlib function or class as a chapter prints it: its docstrings
    without their Parameters and Returns sections, which the API page shows.  A
    docstring left with its
    summary line alone closes on that line, as if it never had them."""
    text, out, at = inspect.getsource(obj), [], 0
    for match in _SECTIONS.finditer(text):
        opening = text.rfind('"""', 0, match.start())
        one_line = "\n" not in text[opening + 3:match.start()]
        closing = "" if one_line else "\n" + match.group("indent")
        out.append(text[at:match.start()] + closing)
        at = match.end()
    return "".join(out) + text[at:]


def source(obj):
    """The source of an nnlib function or class, syntax-highlighted in a notebook
    (:func:`formula_source`)."""
    from IPython.display import Code

    return Code(formula_source(obj), language="python")


def glue(name, value):
    """Keep ``value`` under ``name`` for the chapter's text, ``{glue:text}`name:.3g```:
    the number in the text is then the number this cell computed (myst-nb's ``glue``).
    Where myst-nb is not installed (Colab), there is no text to fill in, and nothing
    happens; the value is returned either way. A numpy number is kept as a Python one,
    so that ``{glue:text}`name:.3g``` can format it."""
    if isinstance(value, np.generic):
        value = value.item()
    try:
        from myst_nb import glue as keep
    except ImportError:
        return value
    keep(name, value, display=False)
    return value
