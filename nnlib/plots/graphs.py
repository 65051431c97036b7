"""Figures of chapter 14, reverse-mode differentiation: the computational graph of a small network.

:class:`ReverseSweepPanel` draws the graph that ``nnlib.autodiff.network_graph`` builds for a
[2, 2, 1] network and one example, and steps the reverse sweep through it: the nodes the
sweep has reached show their adjoint ∂J/∂v under their value, the node it reaches now is
highlighted, and the edges from its children, whose terms it sums, are drawn in colour.
"""
from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .. import Network, autodiff
from .style import COLORS, PAGE_WIDTH, _lighten, figure

#: The example of chapter 14: the network, its weights' seed, the input x and the target y.
SWEEP_EXAMPLE = dict(sizes=(2, 2, 1), seed=7, x=(1.0, -2.0), y=1.0)
#: The tasks a one-output network can have.
SWEEP_TASKS = ("regression", "binary")

_BOX_W, _BOX_H, _TOP = 0.78, 0.42, 1.55  # node boxes and the row of the parameters (data units)
_LINE = 0.2  # the height of a line of the small texts (data units, at the panel's height)


def sweep_example(hidden="tanh", task="regression"):
    """The graph of chapter 14's example after the reverse sweep: ``(order, nodes by name)``."""
    spec = SWEEP_EXAMPLE
    net = Network(list(spec["sizes"]), hidden=hidden, task=task, seed=spec["seed"])
    J, nodes = autodiff.network_graph(net, np.array(spec["x"])[:, None], np.array([[spec["y"]]]))
    return autodiff.backward(J), nodes


def _restyle(artist, **props):
    """Set the properties that differ from the artist's own (a set marks it changed, even to the same value)."""
    def same(name, value):
        if name == "visible":
            return artist.get_visible() == value
        have = {"facecolor": artist.get_facecolor, "edgecolor": artist.get_edgecolor,
                "color": artist.get_edgecolor, "linewidth": artist.get_linewidth}[name]()
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
    """How the sweep sums the adjoint of ``node`` from its children, as text (eq. `eq-adjoint-sum`)."""
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
            terms.append("∇_ŷℒ / m")  # ℒ: the figures' font has no 𝓛
        elif child.op.endswith("cross-entropy"):  # an output fused with its loss
            terms.append("(ŷ − y) / m")
        elif child.op == "softmax":
            terms.append(f"(diag ŷ − ŷŷᵀ) {up}")
        else:
            terms.append(f"{up} ∘ {child.op}′({node.name})")
    return f"{_adjoint(node.name)} = " + " + ".join(terms)


class ReverseSweepPanel:
    """The graph of a [2, 2, 1] network's cost, one box per node, and the reverse sweep (chapter 14).

    ``update(step=k)`` shows the sweep after it has reached k nodes (0: the forward pass
    only).  Each box shows its value (grey) and, once reached, its adjoint ∂J/∂v (black).
    Reached nodes are blue and numbered in the order reached; the node reached at step k
    is orange, and the edges to its children, along which its terms arrive, are vermillion.
    """

    def __init__(self, ax):
        self.ax = ax
        graphs = [sweep_example(task=task)[1] for task in SWEEP_TASKS]  # binary fuses ŷ into J
        nodes = {name: node for graph in graphs for name, node in graph.items()}
        self.N = len(SWEEP_EXAMPLE["sizes"]) - 1
        self.pos = {"a[0]": (0.0, 0.0), "J": (3.0 * self.N + 1, 0.0)}
        for l in range(1, self.N + 1):
            self.pos.update({f"W[{l}]a[{l - 1}]": (3.0 * l - 2, 0.0), f"z[{l}]": (3.0 * l - 1, 0.0),
                             f"a[{l}]": (3.0 * l, 0.0), f"W[{l}]": (3.0 * l - 2, _TOP),
                             f"b[{l}]": (3.0 * l - 1, _TOP)})
        self.boxes, self.labels, self.badges, self.values, self.adjoints, self.edges = {}, {}, {}, {}, {}, {}
        for name, (x, y) in self.pos.items():
            self.boxes[name] = FancyBboxPatch((x - _BOX_W / 2, y - _BOX_H / 2), _BOX_W, _BOX_H,
                                              boxstyle="round,pad=0.02", zorder=3)
            ax.add_patch(self.boxes[name])
            self.labels[name] = ax.text(x, y, self._label(name), ha="center", va="center", fontsize=10,
                                        zorder=4)
            corner = y - _BOX_H / 2 if y > 0 else y + _BOX_H / 2  # the side away from the texts
            self.badges[name] = ax.text(x - _BOX_W / 2, corner, "", fontsize=7, ha="center",
                                        va="center", zorder=5, color="white", fontweight="bold",
                                        bbox=dict(boxstyle="circle,pad=0.2", fc=COLORS["blue"], ec="none"))
            up = 1.0 if y > 0 else -1.0  # texts above the parameters, below the chain
            value = nodes[name].value
            rows = value.shape[0] if value.ndim == 2 and value.shape[1] > 1 else 1
            where = dict(ha="center", va="bottom" if up > 0 else "top", fontsize=7.5, zorder=4)
            y_value = y + up * (_BOX_H / 2 + 0.06)
            self.values[name] = ax.text(x, y_value, "", color=COLORS["grey"], **where)
            self.adjoints[name] = ax.text(x, y_value + up * (rows * _LINE + 0.04), "", **where)
        edges = {(p.name, c.name) for graph in graphs for c in graph.values() for p in c.parents}
        for parent, child in sorted(edges):  # both tasks' edges; update() shows the task's own
            (x0, y0), (x1, y1) = self.pos[parent], self.pos[child]
            start = (x0 + _BOX_W / 2, y0) if y0 == y1 else (x0, y0 - _BOX_H / 2)
            end = (x1 - _BOX_W / 2, y1) if y0 == y1 else (x1, y1 + _BOX_H / 2)
            edge = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=10, zorder=2,
                                   shrinkA=0, shrinkB=0)
            self.edges[parent, child] = ax.add_patch(edge)
        ax.text(-0.5, -1.15, "next to each box: its value (grey) and its adjoint ∂J/∂v (black; "
                "? until the sweep reaches it). Arrows point forward, from a node to its children.",
                fontsize=7.5, color=COLORS["grey"], va="bottom")
        ax.set_xlim(-0.55, 3.0 * self.N + 1.55)
        ax.set_ylim(-1.2, 2.85)
        ax.set_axis_off()

    def _label(self, name):
        """A node's name as mathtext: "W[2]a[1]" → W^[2] a^[1]; the last a is ŷ."""
        text = name.replace("[", "^{[").replace("]", "]}")
        return "$" + ("\\hat{y} = " if name == f"a[{self.N}]" else "") + text + "$"

    def update(self, step=0, hidden="tanh", task="regression", title=None):
        order, nodes = sweep_example(hidden, task)
        step = int(min(max(step, 0), len(order)))
        reached = {v.name: k + 1 for k, v in enumerate(order[:step])}
        current = order[step - 1].name if step else None
        for name in self.boxes:  # binary: ŷ is inside the fused node J and has no box of its own
            for artist in (self.boxes[name], self.labels[name], self.values[name], self.adjoints[name]):
                _restyle(artist, visible=name in nodes)
            if name not in nodes:
                _restyle(self.badges[name], visible=False)
        for name, node in nodes.items():  # only what differs is set: a redraw skips what was not
            done = name in reached
            _restyle(self.boxes[name], facecolor=COLORS["orange"] if name == current else
                     _lighten(COLORS["sky"], 0.5) if done else "white",
                     edgecolor=COLORS["black"] if done else COLORS["grey"],
                     linewidth=2.5 if name == current else 1.0)
            self.badges[name].set_text(str(reached.get(name, "")))
            _restyle(self.badges[name], visible=done)
            self.values[name].set_text(array_text(node.value))
            self.adjoints[name].set_text(array_text(node.grad) if done else "?")
        present = {(p.name, c.name) for c in nodes.values() for p in c.parents}
        for (parent, child), edge in self.edges.items():
            _restyle(edge, visible=(parent, child) in present,
                     color=COLORS["vermillion"] if parent == current else COLORS["grey"],
                     linewidth=2.5 if parent == current else 1.0)
        if step == 0:
            default = f"{hidden}, {task}: the forward pass has run; the reverse sweep starts at J"
        else:
            children = [c for c in nodes.values() if any(p.name == current for p in c.parents)]
            default = f"step {step} of {len(order)}: " + rule_text(nodes[current], children)
        self.ax.set_title(title or default, fontsize=10)
        return self


def reverse_sweep_figure(steps=(8, 12), hidden="relu", task="regression", height=3.3):
    """The reverse sweep of chapter 14's example after ``steps`` nodes, one panel each, stacked."""
    fig, axes = figure(1, len(steps), height=height, width=PAGE_WIDTH, squeeze=False)
    for ax, step in zip(axes[:, 0], steps):
        ReverseSweepPanel(ax).update(step=step, hidden=hidden, task=task)
    return fig
