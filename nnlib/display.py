"""Show nnlib's own source in a chapter, so the book never carries a second copy."""
from __future__ import annotations

import inspect


def source(obj):
    """The source of an nnlib function or class, syntax-highlighted in a notebook."""
    from IPython.display import Code

    return Code(inspect.getsource(obj), language="python")
