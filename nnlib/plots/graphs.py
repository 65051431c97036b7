"""Figures of chapter 14, reverse-mode differentiation: the computational graph of a
small network.

:class:`ReverseSweepPanel` draws the graph that ``nnlib.autodiff.network_graph`` builds
for a [2, 2, 1] network and one example as a tape, one node a row, and steps the reverse
sweep through it: the nodes the sweep has reached show their adjoint ∂J/∂v beside their
value, the node it reaches now is highlighted, and its children, whose terms it sums,
are outlined in colour.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .. import Network, autodiff
from .style import COLORS, PAGE_WIDTH, SMALL, _lighten, figure

#: The example of chapter 14: the network, its weights' seed, the input x and the target
#: y.
SWEEP_EXAMPLE = dict(sizes=(2, 2, 1), seed=7, x=(1.0, -2.0), y=1.0)
#: The tasks a one-output network can have.
SWEEP_TASKS = ("regression", "binary")

_BOX_W, _BOX_H = 1.5, 0.62  # node boxes (data units: one line of text is 0.5 high)
_LINE = 0.5
_VALUE_X, _ADJOINT_X = 1.0, 3.35  # where the columns of values and adjoints start
_RIGHT = 5.7  # the right edge of the panel


def sweep_example(hidden="tanh", task="regression"):
    """The graph of chapter 14's example after the reverse sweep:
    ``(order, nodes by name)``."""
    spec = SWEEP_EXAMPLE
    net = Network(list(spec["sizes"]), hidden=hidden, task=task, seed=spec["seed"])
    J, nodes = autodiff.network_graph(
        net, np.array(spec["x"])[:, None], np.array([[spec["y"]]])
    )
    return autodiff.backward(J), nodes


def _restyle(artist, **props):
    """Set the properties that differ from the artist's own (a set marks it changed,
    even to the same value)."""

    def same(name, value):
        if name == "visible":
            return artist.get_visible() == value
        have = {
            "facecolor": artist.get_facecolor,
            "edgecolor": artist.get_edgecolor,
            "color": artist.get_edgecolor,
            "linewidth": artist.get_linewidth,
        }[name]()
        return have == value if name == "linewidth" else to_rgba(have) == to_rgba(value)

    changed = {k: v for k, v in props.items() if not same(k, v)}
    if changed:
        artist.set(**changed)


def _number(v):
    return "0" if v == 0 else f"{v:.2f}".replace("-", "−")


def array_text(A):
    """A small array as text: a number, a column (a, b), or one line per row."""
    A = np.asarray(A)
    if A.size == 1:
        return _number(A.item())
    if A.shape[1] == 1:
        return "(" + ", ".join(_number(v) for v in A[:, 0]) + ")"
    return "\n".join("[" + "  ".join(_number(v) for v in row) + "]" for row in A)


def _adjoint(name):
    return f"∂J/∂({name})" if "]a[" in name else f"∂J/∂{name}"


def rule_text(node, children):
    """How the sweep sums the adjoint of ``node`` from its children, as text (eq.
    `eq-adjoint-sum`)."""
    if not children:
        return f"{_adjoint(node.name)} = 1"
    terms = []
    for child in children:
        k = next(i for i, p in enumerate(child.parents) if p is node)
        up = _adjoint(child.name)
        if child.op == "matmul":
            A, B = (p.name for p in child.parents)
            terms.append(f"{up} {B}ᵀ" if k == 0 else f"{A}ᵀ {up}")
        elif child.op == "add":
            terms.append(up if k == 0 else f"row sums of {up}")
        elif child.op == "cost":
            terms.append("(1/m) ∂ℒ/∂ŷ")  # ℒ: the figures' font has no 𝓛
        elif child.op.endswith("cross-entropy"):  # an output fused with its loss
            terms.append("(1/m)(ŷ − y)")
        elif child.op == "softmax":
            terms.append(f"(diag ŷ − ŷŷᵀ) {up}")
        else:
            terms.append(f"{up} ∘ {child.op}′({node.name})")
    return f"{_adjoint(node.name)} = " + " + ".join(terms)


class ReverseSweepPanel:
    """The graph of a [2, 2, 1] network's cost as a tape, and the reverse sweep along it
    (chapter 14).

    One row per node, in the order the forward pass computes them (parameters just
    before the node that uses them), so that the panel reads top to bottom on any
    screen: the node's box, its value (grey) and, once reached, its adjoint ∂J/∂v
    (black).  Arrows on the left join each node to its children.  ``update(step=k)``
    shows the sweep after it has reached k nodes (0: the forward pass only): reached
    boxes are blue and numbered in the order reached, the box reached at step k is
    orange, and its children, whose terms it sums, are outlined in vermillion.  The
    arrows never change: a redraw paints only boxes and numbers.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    """

    def __init__(self, ax):
        self.ax = ax
        graphs = [
            sweep_example(task=task)[1] for task in SWEEP_TASKS
        ]  # binary fuses ŷ into J
        nodes = {name: node for graph in graphs for name, node in graph.items()}
        self.N = len(SWEEP_EXAMPLE["sizes"]) - 1
        names = ["a[0]"]
        for l in range(1, self.N + 1):
            names += [f"W[{l}]", f"W[{l}]a[{l - 1}]", f"b[{l}]", f"z[{l}]", f"a[{l}]"]
        names.append("J")
        self.pos, bottom = {}, 0.0
        for name in names:  # a matrix of k rows takes k lines
            value = nodes[name].value
            lines = value.shape[0] if value.ndim == 2 and value.shape[1] > 1 else 1
            bottom -= _LINE * (lines - 1) / 2 + 0.42
            self.pos[name] = (0.0, bottom)
            bottom -= _LINE * (lines - 1) / 2 + 0.42
        self.boxes, self.labels, self.badges, self.values, self.adjoints, self.edges = (
            {},
            {},
            {},
            {},
            {},
            {},
        )
        for name, (x, y) in self.pos.items():
            self.boxes[name] = FancyBboxPatch(
                (x - _BOX_W / 2, y - _BOX_H / 2),
                _BOX_W,
                _BOX_H,
                boxstyle="round,pad=0.02",
                zorder=3,
            )
            ax.add_patch(self.boxes[name])
            self.labels[name] = ax.text(
                x,
                y,
                self._label(name),
                ha="center",
                va="center",
                fontsize=SMALL + 1,
                zorder=4,
            )
            self.badges[name] = ax.text(
                x - _BOX_W / 2 + 0.2,
                y,
                "",
                fontsize=SMALL,
                ha="center",
                va="center",
                zorder=5,
                color="white",
                fontweight="bold",
                bbox=dict(boxstyle="circle,pad=0.2", fc=COLORS["blue"], ec="none"),
            )
            where = dict(
                ha="left", va="center", fontsize=SMALL, zorder=4, linespacing=1.05
            )
            self.values[name] = ax.text(_VALUE_X, y, "", color=COLORS["grey"], **where)
            self.adjoints[name] = ax.text(_ADJOINT_X, y, "", **where)
        each = [
            {(p.name, c.name) for c in graph.values() for p in c.parents}
            for graph in graphs
        ]
        for parent, child in sorted(
            set.union(*each)
        ):  # both tasks' edges; update() shows the task's own
            (_, y0), (_, y1) = self.pos[parent], self.pos[child]
            bend = min(0.35 + 0.12 * (y0 - y1), 0.9)  # farther rows, wider arcs
            # An edge of one task only is shown and hidden, so it is redrawn: on top
            # (nothing above it is redrawn with it) and without antialiasing (painted in
            # part, its pixels stay the same).
            own = not all((parent, child) in edges for edges in each)
            edge = FancyArrowPatch(
                (-_BOX_W / 2, y0),
                (-_BOX_W / 2, y1),
                arrowstyle="-|>",
                mutation_scale=10,
                zorder=6 if own else 0.5,
                shrinkA=2,
                shrinkB=2,
                connectionstyle=f"arc3,rad={bend}",
                color=COLORS["grey"],
                linewidth=1.0,
                antialiased=not own,
            )
            self.edges[parent, child] = ax.add_patch(edge)
        top = 0.25
        ax.text(
            _VALUE_X, top, "value", color=COLORS["grey"], fontsize=SMALL, va="bottom"
        )
        ax.text(_ADJOINT_X, top, "adjoint ∂J/∂v", fontsize=SMALL, va="bottom")
        ax.set_xlim(-_BOX_W / 2 - 1.4, _RIGHT)
        ax.set_ylim(bottom + 0.05, top + 0.45)
        ax.set_axis_off()

    def _label(self, name):
        """A node's name as mathtext: "W[2]a[1]" → W^[2] a^[1]; the last a is ŷ."""
        text = name.replace("[", "^{[").replace("]", "]}")
        return "$" + ("\\hat{y} = " if name == f"a[{self.N}]" else "") + text + "$"

    def update(self, step=0, hidden="tanh", task="regression", title=None):
        """Draw the sweep after it has reached ``step`` nodes.

        Parameters
        ----------
        step : int
            Nodes reached, 0 to all of them.
        hidden : str
            The hidden activation.
        task : str
            The task, a key of ``SWEEP_TASKS``.
        title : str, optional
            The panel's title (default: the values it shows).

        Returns
        -------
        ReverseSweepPanel
            The panel itself.
        """
        order, nodes = sweep_example(hidden, task)
        step = int(min(max(step, 0), len(order)))
        reached = {v.name: k + 1 for k, v in enumerate(order[:step])}
        current = order[step - 1].name if step else None
        children = {
            c.name for c in nodes.values() if any(p.name == current for p in c.parents)
        }
        for name in (
            self.boxes
        ):  # binary: ŷ is inside the fused node J and has no box of its own
            for artist in (
                self.boxes[name],
                self.labels[name],
                self.values[name],
                self.adjoints[name],
            ):
                _restyle(artist, visible=name in nodes)
            if name not in nodes:
                _restyle(self.badges[name], visible=False)
        present = {(p.name, c.name) for c in nodes.values() for p in c.parents}
        for edge_key, edge in self.edges.items():
            _restyle(edge, visible=edge_key in present)
        for (
            name,
            node,
        ) in nodes.items():  # only what differs is set: a redraw skips what was not
            done = name in reached
            _restyle(
                self.boxes[name],
                facecolor=COLORS["orange"]
                if name == current
                else _lighten(COLORS["sky"], 0.5)
                if done
                else "white",
                edgecolor=COLORS["vermillion"]
                if name in children
                else COLORS["black"]
                if done
                else COLORS["grey"],
                linewidth=2.5 if name == current or name in children else 1.0,
            )
            self.badges[name].set_text(str(reached.get(name, "")))
            _restyle(self.badges[name], visible=done)
            self.values[name].set_text(array_text(node.value))
            self.adjoints[name].set_text(array_text(node.grad) if done else "?")
        if step == 0:
            default = (
                f"{hidden}, {task}: the forward pass has run;\nthe reverse sweep "
                "starts at J"
            )
        else:
            children = [
                c for c in nodes.values() if any(p.name == current for p in c.parents)
            ]
            default = f"step {step} of {len(order)}:\n" + rule_text(
                nodes[current], children
            )
        self.ax.set_title(title or default, fontsize=SMALL + 1)
        return self


def reverse_sweep_figure(steps=(8, 12), hidden="relu", task="regression", height=4.6):
    """The reverse sweep of chapter 14's example after ``steps`` nodes, one panel each,
    stacked.

    Parameters
    ----------
    steps : sequence of int
        Nodes reached, one panel each.
    hidden : str
        The hidden activation.
    task : str
        ``"regression"`` or ``"binary"``.
    height : float
        Inches per panel.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, axes = figure(1, len(steps), height=height, width=PAGE_WIDTH, squeeze=False)
    for ax, step in zip(axes[:, 0], steps):
        ReverseSweepPanel(ax).update(step=step, hidden=hidden, task=task)
    return fig
