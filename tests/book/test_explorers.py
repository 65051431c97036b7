"""The explorers' declarations and pictures (nnlib/explorers/), without a browser or a built book.

* every grid is bounded and holds the default state and every setting its chapter mentions;
* each explorer keeps its main control enabled, and two thirds of all controls are enabled;
* a picture depends on its state alone: drawn after other states, or first in a new explorer,
  it is the same picture (which is what lets the book draw it in advance);
* the alt text of a picture says its settings and what its titles say.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from nnlib import explorers

NAMES = list(explorers.EXPLORERS)
MAX_STATES = 1000


@pytest.fixture(scope="module")
def built():
    return {name: explorers.EXPLORERS[name]() for name in NAMES}


def pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.parametrize("name", NAMES)
def test_the_grid_is_bounded_and_reaches_what_the_chapter_mentions(name, built):
    explorer = built[name]
    states = explorer.states()
    assert 2 <= len(states) <= MAX_STATES, f"{name}: {len(states)} states"
    assert len({tuple(s.items()) for s in states}) == len(states), f"{name}: a state twice"
    assert explorer.defaults() in states, f"{name}: the default state is not drawn"
    assert explorer.mentioned, f"{name}: declare the settings its chapter mentions"
    for setting in explorer.mentioned:
        state = {**explorer.defaults(), **setting}
        assert state in states, f"{name}: the chapter mentions {setting}, which the book cannot show"
    assert len(explorer.why) > 40, f"{name}: say why the grid is what it is"
    for said in re.findall(r"([\d,]+) states\b", explorer.why):  # a count in the text is the grid's
        if said.replace(",", "").isdigit() and "billion" not in explorer.why:
            assert int(said.replace(",", "")) == len(states), f"{name}: why says {said} states, not {len(states)}"
    for state in states:  # every value drawn is one the control can take
        for control, value in state.items():
            spec = explorer.controls[control]
            if isinstance(spec, explorers.Slider):
                assert spec.lo <= value <= spec.hi, (name, control, value)
            else:
                assert value in spec.values(), (name, control, value)


def test_the_explorers_name_their_activations(built):
    """A menu of activations lists its names: an activation registered later is for the notebooks,
    and does not add its states (hundreds of pictures) to the book."""
    import nnlib
    from nnlib import plots

    menus = [(name, c) for name, e in built.items() for c in e.controls.values()
             if isinstance(c, explorers.Choice) and set(c.values()) <= set(nnlib.ACTIVATIONS)]
    assert len(menus) >= 5
    for name, menu in menus:
        assert tuple(menu.values()) in (explorers.base.HIDDEN, plots.PLAYGROUND_ACTIVATIONS), name
        assert "leaky_relu" not in menu.values(), name
    for path in (Path(explorers.__file__).parent).glob("*.py"):  # no menu read from the registries
        assert not re.search(r"\b(ACTIVATIONS|DERIVATIVES)\b", path.read_text(encoding="utf-8")), path.name


def test_main_controls_and_two_thirds_of_all_controls_are_enabled(built):
    enabled = total = 0
    for name, explorer in built.items():
        counts = {c: len(explorer.book_values(c)) for c in explorer.controls}
        main = next(iter(explorer.controls))
        assert counts[main] >= 2, f"{name}: its main control {main!r} has one value in the book"
        enabled += sum(n >= 2 for n in counts.values())
        total += len(counts)
    assert total >= 40 and enabled >= 2 * total / 3, f"{enabled} of {total} controls enabled"


@pytest.mark.parametrize("name", NAMES)
def test_a_picture_depends_on_its_state_alone(name, built):
    explorer = built[name]
    states = explorer.states()
    rng = np.random.default_rng(1)
    picks = [states[i] for i in rng.choice(len(states), size=min(4, len(states)), replace=False)]
    seen = [explorer.frame(**s) for s in picks]          # one after another
    fresh = explorers.EXPLORERS[name]()
    for state, picture in zip(reversed(picks), reversed(seen)):  # in the other order, in a new explorer
        assert np.array_equal(pixels(fresh.frame(**state)), pixels(picture)), f"{name}: {state}"
    assert not np.array_equal(pixels(seen[0]), pixels(seen[1])), f"{name}: two states, one picture"


@pytest.mark.parametrize("name", NAMES)
def test_the_alt_text_says_the_settings_and_the_titles(name, built):
    explorer = built[name]
    state = explorer.states()[-1]
    explorer.draw(**state)
    alt = explorer.alt(**state)
    assert len(alt) >= 80 and alt.startswith(explorer.summary)
    for control, spec in explorer.controls.items():
        assert f"{spec.label} = {spec.text(state[control])}" in alt, (name, control, alt)
    title = next(t for ax in explorer.fig.axes for t in [ax.get_title()] if t)
    assert " ".join(title.split()) in alt


@pytest.mark.parametrize("name", NAMES)
def test_the_figure_fits_a_page_and_its_text_a_phone(name, built):
    """At most PAGE_WIDTH wide, and no text under smallest_font(width): 8 CSS px on a 390-px phone."""
    from nnlib import plots

    explorer = built[name]
    width = explorer.fig.get_figwidth()
    assert width <= plots.PAGE_WIDTH + 1e-9, f"{name}: {width} in wide"
    for state in (explorer.defaults(), explorer.states()[-1]):
        explorer.draw(**state)
        assert plots.smallest_text(explorer.fig) >= plots.smallest_font(width) - 1e-9, (name, state)


def test_the_live_picture_and_the_book_picture_show_the_same_drawing(built):
    explorer = built["activation"]
    state = explorer.states()[7]
    live, book = pixels(explorer.png(**state)), pixels(explorer.frame(**state))
    assert live.shape == book.shape
    assert np.mean(np.abs(live.astype(int) - book.astype(int))) < 2.0  # only the palette differs
