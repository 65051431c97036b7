"""The Redrawer paints only the places that changed, and its pictures are those of a whole redraw.

Every explorer walks through states as a reader would (one control at a time, random
values of its grid); each picture drawn by painting only what changed must equal, pixel for
pixel, the picture of the same state drawn on the whole background.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from nnlib.explorers import EXPLORERS

STEPS = 10


def walk(explorer, seed):
    rng = random.Random(seed)
    state, states = explorer.defaults(), []
    for _ in range(STEPS):
        name = rng.choice(list(explorer.controls))
        state = {**state, name: rng.choice(explorer.book_values(name))}
        states.append(state)
    return states


@pytest.mark.filterwarnings("error:Glyph")  # a character the figures' font lacks is drawn as a box
@pytest.mark.parametrize("name", list(EXPLORERS))
def test_painting_what_changed_gives_the_whole_redraws_picture(name):
    explorer = EXPLORERS[name]()
    redrawer = explorer.redrawer
    for state in walk(explorer, 2026):
        redrawer.incremental = True
        changed_only = np.asarray(explorer.draw(**state).redrawer.image()).copy()
        redrawer.incremental = False
        whole = np.asarray(explorer.draw(**state).redrawer.image()).copy()
        differ = np.argwhere(np.any(changed_only != whole, axis=-1))
        assert not len(differ), f"{name} {state}: {len(differ)} pixels differ, rows and columns " \
                                f"{differ.min(0).tolist()} to {differ.max(0).tolist()}"


@pytest.mark.filterwarnings("error:Glyph")
def test_a_figure_of_many_labels_is_painted_in_part():
    """The reverse sweep moves one node at a time: most of its fifty labels are not drawn again."""
    explorer = EXPLORERS["reverse_sweep"]()
    before = explorer.redrawer.partial
    for step in range(1, 6):
        explorer.draw(step=step)
    assert explorer.redrawer.partial - before == 5


@pytest.mark.parametrize("height", [4.6, 3.0])  # 4.6 in: the saved background does not start at row 0
def test_labels_that_change_one_at_a_time_are_painted_where_they_were(height):
    from nnlib import plots

    fig, ax = plots.figure(height=height, width=5.5)
    labels = [ax.text(0.1 + 0.2 * k, 0.5, "", fontsize=9) for k in range(5)]

    def update(k=0, shift=0.0):
        for i, label in enumerate(labels):
            label.set_text(f"label {i}: {k if i == k else '·'}")
        labels[k].set_y(0.5 + shift)

    redrawer = plots.Redrawer(fig, update, [dict(k=0), dict(k=3, shift=0.2)])
    for k, shift in [(1, 0.0), (2, 0.1), (2, -0.3), (4, 0.0), (0, 0.2)]:
        update(k, shift)
        redrawer.incremental = True
        redrawer.draw()
        part = np.asarray(redrawer.image()).copy()
        redrawer.incremental = False
        redrawer.draw()
        assert np.array_equal(part, np.asarray(redrawer.image())), (height, k, shift)
    assert redrawer.partial == 5
