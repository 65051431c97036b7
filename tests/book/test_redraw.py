"""The Redrawer's pictures: painting only the places that changed gives the picture of a whole redraw.

Every explorer walks through states as a reader would (one control at a time, random
values of its grid); each picture drawn by painting only what changed (``repaint_changes``,
which the reverse sweep uses) must equal, pixel for pixel, the picture of the same state
drawn on the whole background by the blitting recipe; and the recipe's picture must be the
one a full draw of the figure gives.
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


#: The explorer that paints only what changed, and another with many texts that change.
PAINTED_IN_PART = ["reverse_sweep", "backward_pass"]


@pytest.mark.filterwarnings("error:Glyph")  # a character the figures' font lacks is drawn as a box
@pytest.mark.parametrize("name", PAINTED_IN_PART)
def test_painting_what_changed_gives_the_whole_redraws_picture(name):
    in_part, whole = EXPLORERS[name](), EXPLORERS[name]()
    in_part.redrawer.repaint_changes, whole.redrawer.repaint_changes = True, False
    before = in_part.redrawer.partial
    for state in walk(in_part, 2026):
        changed_only = np.asarray(in_part.draw(**state).redrawer.image()).copy()
        everything = np.asarray(whole.draw(**state).redrawer.image()).copy()
        differ = np.argwhere(np.any(changed_only != everything, axis=-1))
        assert not len(differ), f"{name} {state}: {len(differ)} pixels differ, rows and columns " \
                                f"{differ.min(0).tolist()} to {differ.max(0).tolist()}"
    assert in_part.redrawer.partial > before, f"{name}: no redraw was painted in part"


def test_only_the_reverse_sweep_paints_in_part():
    """Measured (make bench, widgets): painting only what changed pays on the reverse sweep alone."""
    from pathlib import Path

    import nnlib.explorers

    said = [p.name for p in Path(nnlib.explorers.__file__).parent.glob("*.py")
            if "repaint_changes=True" in p.read_text(encoding="utf-8")]
    assert said == ["graphs.py"] and EXPLORERS["reverse_sweep"].__name__ == "reverse_sweep"


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

    def drawn(repaint_changes):
        fig, ax = plots.figure(height=height, width=5.5)
        labels = [ax.text(0.1 + 0.2 * k, 0.5, "", fontsize=9) for k in range(5)]

        def update(k=0, shift=0.0):
            for i, label in enumerate(labels):
                label.set_text(f"label {i}: {k if i == k else '·'}")
            labels[k].set_y(0.5 + shift)

        redrawer = plots.Redrawer(fig, update, [dict(k=0), dict(k=3, shift=0.2)], repaint_changes=repaint_changes)
        pictures = []
        for k, shift in [(1, 0.0), (2, 0.1), (2, -0.3), (4, 0.0), (0, 0.2)]:
            update(k, shift)
            redrawer.draw()
            pictures.append(np.asarray(redrawer.image()).copy())
        return pictures, redrawer.partial

    in_part, painted = drawn(True)
    whole, none = drawn(False)
    assert painted == 5 and none == 0
    assert all(np.array_equal(a, b) for a, b in zip(in_part, whole)), height
