"""The book's explorers: controls, a figure, and the ``update`` that redraws it (no ipywidgets).

An explorer is declared once, here, and met in two ways.  In a running notebook,
:mod:`nnlib.widgets` turns its controls into ipywidgets and calls ``update`` on every
move.  In the online book, where no kernel runs, the build draws the same ``update`` for
a bounded set of states (the explorer's ``book`` grid) and the page swaps the pictures
as a reader moves the controls (``tools/sphinxext/explorer_pages.py``).

A grid is chosen for the reader: every setting the chapter's text and its questions
mention (``mentioned``) must be one of its states, and ``why`` says what was left out.
``book`` lists slices; each slice gives some controls a tuple of values (the others keep
their defaults), and the states are the union of the slices' products.
"""
from __future__ import annotations

from . import checking, computing, graphs, learning, scoring, training  # each registers its explorers
from .base import EXPLORERS, Choice, Explorer, Slider, Steps, explorer, for_the_book, sliders

for _name in sorted(EXPLORERS, key=lambda name: EXPLORERS[name].chapter):  # in the order of the book
    EXPLORERS[_name] = EXPLORERS.pop(_name)
del _name

__all__ = ["EXPLORERS", "Choice", "Explorer", "Slider", "Steps", "explorer", "for_the_book", "sliders",
           "computing", "scoring", "learning", "checking", "training", "graphs"]
