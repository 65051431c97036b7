"""Every live explorer driven through its controls: minimum, maximum, middle, every option.

nbval cannot see inside a widget (an exception in a callback is swallowed into its
output area), so the explorers are tested here, apart from the notebooks.  What is
compared is what the learner sees: the PNG image under the controls.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from nnlib import explorers, plots, widgets


def settings(control):
    """The values to try for one control."""
    if hasattr(control, "options"):
        options = list(control.options)
        return [o[1] if isinstance(o, tuple) else o for o in options]
    lo, hi = control.min, control.max
    mid = lo + (hi - lo) / 2
    if hasattr(control, "step") and control.step and isinstance(control.value, (int, float)):
        mid = lo + round((mid - lo) / control.step) * control.step
    return [lo, hi, mid]


def shown(live):
    return np.asarray(Image.open(io.BytesIO(live.image.value)))


@pytest.mark.parametrize("name", sorted(explorers.EXPLORERS))
def test_widget_survives_every_control_and_redraws(name):
    live = widgets.explore(name)
    assert live.controls, f"{name} has no controls"
    assert not live.errors, live.errors
    for key, control in live.controls.items():
        changed = 0
        for value in settings(control):
            if value == control.value:
                continue
            before = shown(live)
            control.value = value
            assert not live.errors, f"{name}: setting {key} = {value!r} raised {live.errors[-1]!r}"
            after = shown(live)
            changed += before.shape != after.shape or bool(np.any(before != after))
        assert changed, f"{name}: moving {key} through its range never changed the picture"


def test_the_controls_are_the_declared_ones():
    live = widgets.explore("forward_stats")
    spec = live.explorer.controls
    assert list(live.controls) == list(spec)
    scale = live.controls["scale"]
    assert (scale.min, scale.max, scale.step, scale.value, scale.description) == (
        spec["scale"].lo, spec["scale"].hi, spec["scale"].step, spec["scale"].value, spec["scale"].label)
    assert [v for _, v in live.controls["hidden"].options] == list(explorers.base.HIDDEN)
    with pytest.raises(ValueError, match="unknown explorer 'forward'; choose one of affine, activation"):
        widgets.explore("forward")


def test_an_error_in_an_update_is_shown_and_kept():
    fig, ax = plots.figure()

    def update(x):
        if x > 0.5:
            raise ValueError("x too large")
        ax.set_title(str(x))

    explorer = explorers.Explorer(name="t", chapter="t", summary="t", fig=fig, update=update,
                                  controls={"x": explorers.Slider("x", 0.0, 1.0, 0.1, 0.0)})
    live = widgets.LiveExplorer(explorer)
    live.controls["x"].value = 1.0
    assert len(live.errors) == 1 and "x too large" in live.message.value
    live.controls["x"].value = 0.2  # and it recovers
    assert len(live.errors) == 1 and live.message.value == ""
