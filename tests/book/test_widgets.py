"""Every widget driven through its controls: minimum, maximum, middle, every option.

nbval cannot see inside a widget (an exception in a callback is swallowed into its
output area), so the explorers are tested here, apart from the notebooks.
"""

from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib import plots, widgets


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


@pytest.mark.parametrize("name", sorted(widgets.WIDGETS))
def test_widget_survives_every_control_and_redraws(name):
    explorer = widgets.WIDGETS[name]()
    assert explorer.controls, f"{name} has no controls"
    assert not explorer.errors, explorer.errors
    for key, control in explorer.controls.items():
        if hasattr(control, "options") and all(v in nnlib.ACTIVATIONS for v in settings(control)):
            offered = set(settings(control))
            assert offered == set(nnlib.DERIVATIVES), f"{name}: {key} must offer every hidden activation"
        changed = 0
        for value in settings(control):
            if value == control.value:
                continue
            before = plots.rgba(explorer.fig)
            control.value = value
            assert not explorer.errors, f"{name}: setting {key} = {value!r} raised {explorer.errors[-1]!r}"
            after = plots.rgba(explorer.fig)
            changed += before.shape != after.shape or bool(np.any(before != after))
        assert changed, f"{name}: moving {key} through its range never changed the figure"


def test_an_error_in_an_update_is_shown_and_kept():
    fig, ax = plots.figure()

    def update(x):
        if x > 0.5:
            raise ValueError("x too large")
        ax.set_title(str(x))

    explorer = widgets.Explorer({"x": widgets.slider(0.0, 0.0, 1.0, 0.1, "x")}, fig, update)
    explorer.controls["x"].value = 1.0
    assert len(explorer.errors) == 1 and "x too large" in explorer.message.value
