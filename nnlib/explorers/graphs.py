"""The explorer of chapter 14: the reverse sweep through a computational graph."""

from __future__ import annotations

from .. import plots
from ._controls import Choice, Slider
from .base import HIDDEN, every, explorer, one_panel


# --------------------------------------------------------------------------- chapter 14
@explorer("reverse_sweep", "14_reverse_mode")
def reverse_sweep():
    """Chapter 14: step the reverse sweep through the graph of a [2, 2, 1] network, node
    by node."""
    fig, panel = one_panel(plots.ReverseSweepPanel, 5.0, plots.PAGE_WIDTH)
    n_nodes = len(panel.pos)
    controls = {
        "step": Slider("nodes reached", 0, n_nodes, 1, 0, integer=True),
        "hidden": Choice("hidden g", HIDDEN, "tanh"),
        "task": Choice("task", plots.SWEEP_TASKS, "regression"),
    }
    return dict(
        summary=f"The computational graph of a [2, 2, 1] network's cost, {n_nodes} "
        f"nodes ({n_nodes - 1} for binary, whose output and loss are one node); the "
        "reverse sweep colours the nodes it has reached and writes their adjoints "
        "∂J/∂v.",
        controls=controls,
        fig=fig,
        update=panel.update,
        book=[every(controls, "step", "hidden", "task")],
        why=f"Every state: each of the {n_nodes + 1} steps of the sweep (0 = the "
        "forward pass only), each of the four hidden activations and both tasks of a "
        "one-output network.",
        mentioned=[
            dict(step=8),
            dict(step=n_nodes, hidden="relu"),
            dict(step=n_nodes),
            dict(step=2, task="binary"),
        ],
        # some fifty labels, a few of which change per step: measured to pay here only
        repaint_changes=True,
    )
