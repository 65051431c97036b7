"""Section ``widgets``: how long a live explorer takes to redraw when a control moves,
and how ``nnlib.plots.Redrawer`` compares with matplotlib's documented blitting recipe.

Every explorer of ``nnlib.explorers.EXPLORERS`` is built live (``widgets.explore``) and
its controls are moved across their range; one redraw is what a move costs in a
notebook: the update of the figure, the redraw of what changed and the PNG the image
shows (``LiveExplorer.redraw``).

Then each explorer draws the same states (a reader's walk, one control at a time, and
the book's grid in order) four ways, the update included and the PNG left out: a full
``canvas.draw()``; the recipe of matplotlib's guide *Faster rendering by using blitting*
as the guide writes it (:class:`Blitter`: animated artists, ``copy_from_bbox``,
``restore_region``, ``draw_artist``), given the Redrawer's set of changing artists; the
Redrawer as each explorer uses it; and the Redrawer painting only what changed
(``repaint_changes``), which an explorer uses only where it wins.
"""

from __future__ import annotations

import os
import time

import numpy as np

from .common import fmt_ms, log, verdict_max

TARGET_MS = 50.0  # median redraw, at most


def control_values(control, n):
    """Values to move one control through: every option, or n points across its
    range."""
    if hasattr(control, "options"):
        return [o[1] if isinstance(o, tuple) else o for o in control.options]
    if isinstance(control.value, bool):
        return [not control.value, control.value]
    if hasattr(control, "min") and hasattr(control, "max"):
        lo, hi = control.min, control.max
        values = np.linspace(lo, hi, n)
        step = getattr(control, "step", None)
        if step:
            values = lo + np.round((values - lo) / step) * step
        if isinstance(control.value, (int, np.integer)) and not isinstance(
            control.value, bool
        ):
            values = np.round(values).astype(int)
        return [v.item() for v in values]
    return []


def measure(quick):
    os.environ.setdefault("MPLBACKEND", "Agg")
    from nnlib import explorers, widgets

    points = 6 if quick else 15
    rows = [
        measure_widget(
            name, lambda name=name: widgets.explore(name), points, 1 if quick else 2
        )
        for name in sorted(explorers.EXPLORERS)
    ]
    blitting = [
        compare_with_blitting(name, 12 if quick else 40) for name in explorers.EXPLORERS
    ]
    return {"rows": rows, "blitting": blitting}


class Blitter:
    """matplotlib's blitting recipe as its guide writes it, for a figure whose changing
    artists are known.

    The artists not in ``static`` are marked animated; ``canvas.draw()`` leaves them
    out, and its picture is saved with ``copy_from_bbox`` (one per set of axis limits);
    each frame puts it back with ``restore_region`` and draws the animated artists with
    ``draw_artist``.
    """

    def __init__(self, fig, static):
        from nnlib.plots import redraw

        self.fig, self.static, self.backgrounds, self.redraw = fig, static, {}, redraw

    def draw(self):
        fig, canvas, children = (
            self.fig,
            self.fig.canvas,
            self.redraw._children(self.fig),
        )
        for a in children:
            a.set_animated(a not in self.static)
        key = repr(self.redraw._limits(fig))
        if key not in self.backgrounds:
            canvas.draw()
            self.backgrounds[key] = canvas.copy_from_bbox(fig.bbox)
        else:
            canvas.restore_region(self.backgrounds[key])
        for ax in fig.axes:
            for a in sorted(
                (a for a in ax.get_children() if a.get_animated() and a.get_visible()),
                key=lambda a: a.get_zorder(),
            ):
                ax.draw_artist(a)
        for a in [*fig.legends, *fig.texts]:
            if a.get_animated() and a.get_visible():
                fig.draw_artist(a)


def walk(explorer, n, seed=1):
    """A reader's walk: n states, each one control moved to a random value of the
    book's grid."""
    import random

    rng = random.Random(seed)
    state, states = explorer.defaults(), []
    for _ in range(n):
        name = rng.choice(list(explorer.controls))
        state = {**state, name: rng.choice(explorer.book_values(name))}
        states.append(state)
    return states


def _ms_per_picture(explorer, states, draw):
    times = []
    for values in states:
        t0 = time.perf_counter()
        explorer.update(**{**explorer.defaults(), **values})
        draw()
        np.asarray(explorer.fig.canvas.buffer_rgba())
        times.append(time.perf_counter() - t0)
    return 1e3 * float(np.median(times))


def compare_with_blitting(name, n):
    """Median ms per picture, four ways, on a walk of n states and on the book's
    first n states."""
    from nnlib import explorers

    row = {"name": name}
    for way in ("full", "recipe", "redrawer", "in_part"):
        explorer = explorers.for_the_book(name)
        redrawer = explorer.redrawer
        if way == "full":
            draw = explorer.fig.canvas.draw
        elif way == "recipe":
            draw = Blitter(explorer.fig, redrawer.static).draw
        else:
            row["uses_in_part"] = redrawer.repaint_changes
            redrawer.repaint_changes = way == "in_part" or (
                way == "redrawer" and redrawer.repaint_changes
            )
            draw = redrawer.draw
        walked, book = walk(explorer, n), explorer.states()[:n]
        _ms_per_picture(explorer, walked[:3], draw)  # warm up
        row[way] = {
            "walk": _ms_per_picture(explorer, walked, draw),
            "book": _ms_per_picture(explorer, book, draw),
        }
    log(
        f"  {name}: full {row['full']['walk']:.1f}, recipe "
        f"{row['recipe']['walk']:.1f}, Redrawer {row['redrawer']['walk']:.1f}, in part "
        f"{row['in_part']['walk']:.1f} ms per picture (walk)"
    )
    return row


def measure_widget(name, make, points, sweeps):
    start = time.perf_counter()
    row = {"name": name}
    try:
        explorer = make()
        row["build_ms"] = 1e3 * (time.perf_counter() - start)
        times, errors = [], len(explorer.errors)
        for _ in range(sweeps):
            for control in explorer.controls.values():
                for value in control_values(control, points):
                    if value == control.value:
                        continue
                    t0 = time.perf_counter()
                    control.value = value  # redraws, and shows the new picture
                    times.append(time.perf_counter() - t0)
        if len(explorer.errors) > errors:
            row["error"] = (
                f"{len(explorer.errors) - errors} redraws raised, e.g. "
                f"{explorer.errors[-1]!r}"
            )
        ms = 1e3 * np.array(times)
        row.update(
            moves=len(ms),
            median_ms=float(np.median(ms)) if ms.size else None,
            p95_ms=float(np.percentile(ms, 95)) if ms.size else None,
            max_ms=float(ms.max()) if ms.size else None,
        )
        log(
            f"  {name}: median {fmt_ms(row['median_ms'])}, 95th percentile "
            f"{fmt_ms(row['p95_ms'])} over {row['moves']} moves"
        )
    except Exception as exc:  # report it, carry on with the others
        row["error"] = f"{type(exc).__name__}: {exc}"
        log(f"  {name}: FAILED {row['error']}")
    return row


def render(sec):
    missed = []
    out = [
        "Each live explorer is built and its controls are moved across their whole "
        "range; one redraw is what a move costs in a notebook: the update of the "
        "figure, the redraw of what changed (the rest is kept as a picture, "
        "`nnlib.plots.Redrawer`) and the PNG the explorer shows. A move that trains a "
        f"network (the playground) counts too. Measured {sec['measured']}.",
        "",
        f"| widget | moves | median, target ≤ {TARGET_MS:g} ms | 95th percentile | "
        "slowest |",
        "|---|---|---|---|---|",
    ]
    for r in sec["rows"]:
        if r.get("median_ms") is None:
            out.append(
                f"| {r['name']} | — | ❌ failed: {r.get('error', '?')} | — | — |"
            )
            missed.append(f"widget {r['name']}: failed ({r.get('error', '?')})")
            continue
        v = verdict_max(r["median_ms"], TARGET_MS, " ms")
        if not v.startswith("✅"):
            missed.append(
                f"widget {r['name']}: median redraw {r['median_ms']:.1f} ms (target ≤ "
                f"{TARGET_MS:g} ms)"
            )
        err = f" — {r['error']}" if r.get("error") else ""
        out.append(
            f"| {r['name']} | {r['moves']} | {fmt_ms(r['median_ms'])} {v}{err} | "
            f"{fmt_ms(r['p95_ms'])} | {fmt_ms(r['max_ms'])} |"
        )
    if sec.get("blitting"):
        out += ["", blitting_table(sec["blitting"])]
    return out, missed


def blitting_table(rows):
    """The four ways of drawing, as ratios to matplotlib's recipe (walk / book's
    grid)."""

    def ratio(r, way):
        return (
            f"{r[way]['walk'] / r['recipe']['walk']:.2f} / "
            f"{r[way]['book'] / r['recipe']['book']:.2f}"
        )

    lines = [
        "Each explorer's pictures drawn four ways, as the time per picture (update "
        "included, PNG left out) relative to matplotlib's documented blitting recipe; "
        "each cell is a reader's walk / the book's grid, one run. The Redrawer is the "
        "recipe, with the changing artists found by probing and one background per set "
        "of axis limits; painting only what changed is used where it wins (✔).",
        "",
        "| explorer | recipe, ms | full draw | Redrawer as used | painting only what "
        "changed |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        used = " ✔" if r.get("uses_in_part") else ""
        lines.append(
            f"| {r['name']} | {r['recipe']['walk']:.1f} / {r['recipe']['book']:.1f} | "
            f"{ratio(r, 'full')} | {ratio(r, 'redrawer')} | "
            f"{ratio(r, 'in_part')}{used} |"
        )
    return "\n".join(lines)
