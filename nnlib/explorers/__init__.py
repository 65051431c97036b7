"""The book's explorers: controls, a figure, and the ``update`` that redraws it (no
ipywidgets).

An explorer is declared once, in a module of this package, and met in two ways.  In a
running notebook, :mod:`nnlib.widgets` turns its controls into ipywidgets and calls
``update`` on every move.  In the online book, where no kernel runs, the build draws the
same ``update`` for a bounded set of states (the explorer's ``book`` grid) and the page
swaps the pictures as a reader moves the controls
(``tools/sphinxext/explorer_pages.py``).

A grid is chosen for the reader: every setting the chapter's text and its questions
mention (``mentioned``) must be one of its states, and ``why`` says what was left out.
``book`` lists slices; each slice gives some controls a tuple of values (the others keep
their defaults), and the states are the union of the slices' products.

Every module of the package but ``base`` and ``_controls`` is imported here, so that a
new module's ``@explorer`` declarations register with no list to edit; ``EXPLORERS`` is
then put in the order of the book.
"""

from __future__ import annotations

import importlib
import pkgutil

from ._controls import Choice, Slider, Steps, sliders
from .base import EXPLORERS, Explorer, explorer, for_the_book

#: The modules that declare explorers (each part of the book's, and a new chapter's), by
#: name.
MODULES = tuple(
    m.name
    for m in pkgutil.iter_modules(__path__)
    if m.name != "base" and not m.name.startswith("_")
)
for _module in MODULES:
    importlib.import_module(f"{__name__}.{_module}")  # each registers its explorers
for _name in sorted(
    EXPLORERS, key=lambda name: EXPLORERS[name].chapter
):  # in the order of the book
    EXPLORERS[_name] = EXPLORERS.pop(_name)
del _module, _name

__all__ = [
    "EXPLORERS",
    "MODULES",
    "Choice",
    "Explorer",
    "Slider",
    "Steps",
    "explorer",
    "for_the_book",
    "sliders",
    *MODULES,
]
