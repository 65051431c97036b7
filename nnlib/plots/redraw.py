"""Fast redraws for the explorers: matplotlib's blitting recipe (``Redrawer``).

A live explorer redraws its figure on every move of a control, and the book draws a
picture for every state of its grid; both go through :class:`Redrawer`.  It follows the
recipe of matplotlib's guide *Faster rendering by using blitting*: the artists an update
changes are *animated*, a full draw (which leaves them out) is saved as the background,
and a redraw puts the background back and draws the animated artists on it.  What the
recipe leaves to its user is found here: which artists are animated (by probing the
update), and when a background must be drawn again (one is kept per set of axis limits).

One addition is kept where it was measured to win (``make bench``, widgets section):
with ``repaint_changes``, only the places where an animated artist changed are painted
again.  That pays on a figure of many labels of which few change at a time (the reverse
sweep of chapter 14, some fifty), and costs on the others.
"""
from __future__ import annotations

import math

import matplotlib
from matplotlib.collections import Collection
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox
from PIL import Image

# pixels around an artist's extent: antialiasing, and a margin for the estimate
PAD = 3.0


def _children(fig):
    """The artists a redraw may touch: every child of every Axes, and the figure's own
    legends and texts."""
    out = []
    for ax in fig.axes:
        out += [a for a in ax.get_children() if a is not ax.patch
                and a not in ax.spines.values()]
    return out + list(fig.legends) + list(fig.texts)


def _axis_key(axis):
    """What an axis draws besides its limits: the label, and the labels of its ticks, as
    formatted."""
    formatter, locs = axis.get_major_formatter(), axis.get_majorticklocs()
    return [axis.label.get_text(), tuple(locs), tuple(formatter.format_ticks(locs)),
            formatter.get_offset()]


def _limits(fig):
    """Everything the static part of a figure depends on: each axes' limits, scales and
    tick labels."""
    return [(tuple(ax.viewLim.bounds), ax.get_xscale(), ax.get_yscale(),
             _axis_key(ax.xaxis), _axis_key(ax.yaxis))
            for ax in fig.axes]


def _is_axis(artist):
    return isinstance(artist, matplotlib.axis.Axis)


def _text_state(text):
    """Everything that decides how a Text looks: a text set to what it already shows has
    not changed."""
    patch = text.get_bbox_patch()
    return (text.get_text(), text.get_position(), text.get_color(), text.get_alpha(),
            text.get_fontsize(), text.get_fontweight(), text.get_fontstyle(),
            tuple(text.get_fontfamily()), text.get_rotation(), text.get_ha(),
            text.get_va(), text.get_linespacing(), text.get_zorder(),
            id(text.get_transform()),
            None if patch is None else (patch.get_facecolor(), patch.get_edgecolor(),
                                        patch.get_alpha(),
                                        repr(patch.get_boxstyle())))


def _extent(artist, renderer):
    """The pixels an artist may paint, a little generously: ``(x0, y0, x1, y1)`` of
    Agg's buffer, inclusive.

    Agg's rows run down from the top; these boxes are both what a redraw compares (does
    an artist meet a changed place?) and what it puts the background back in.
    """
    if isinstance(artist, Text):
        bbox = artist.get_window_extent(renderer)
        if artist.get_bbox_patch() is not None:
            artist.update_bbox_position_size(renderer)
            bbox = Bbox.union([bbox,
                               artist.get_bbox_patch().get_window_extent(renderer)])
        pad = PAD
    elif isinstance(artist, (Line2D, Patch)):
        bbox = artist.get_window_extent(renderer)
        edge = max(artist.get_linewidth(),
                   artist.get_markeredgewidth() if isinstance(artist, Line2D) else 0.0)
        # a marker's edge reaches past the extent matplotlib gives
        pad = PAD + edge * renderer.dpi / 72.0
    else:  # collections, images, legends, …: wherever they are allowed to paint
        whole = Bbox.from_bounds(0, 0, renderer.width, renderer.height)
        bbox = (artist.get_clip_box()
                if artist.get_clip_on() and artist.get_clip_box() is not None
                else whole)
        pad = PAD
    clip = artist.get_clip_box() if artist.get_clip_on() else None
    if clip is not None:
        bbox = Bbox.intersection(bbox, clip.padded(PAD)) or Bbox.from_bounds(0, 0, 0, 0)
    bbox = bbox.padded(pad)
    width, height = int(renderer.width), int(renderer.height)
    x0, x1 = max(math.floor(bbox.x0), 0), min(math.ceil(bbox.x1), width - 1)
    y0, y1 = max(math.floor(height - bbox.y1), 0), min(math.ceil(height - bbox.y0),
                                                       height - 1)
    return (x0, y0, max(x0, x1), max(y0, y1))


def _meet(a, b):
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _merged(boxes):
    """Boxes that overlap joined into the box around them, until none overlap."""
    boxes = list(boxes)
    joined = True
    while joined:
        joined = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                if _meet(boxes[i], boxes[j]):
                    a, b = boxes[i], boxes.pop(j)
                    boxes[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]),
                                max(a[3], b[3]))
                    joined = True
                    break
            if joined:
                break
    return boxes


def _clippable(artist):
    """Whether a clip box set on the artist clips everything it draws (a legend's parts
    keep their own)."""
    return (isinstance(artist, (Text, Line2D, Patch, Collection, AxesImage))
            and not isinstance(artist, Annotation))


class Redrawer:
    """Redraws a figure after an update by the blitting recipe: a saved background, and
    on it the artists the update changes.

    At the start, ``update`` runs for each of ``probes`` (dicts of its arguments; the
    first is the state to start from and to end in): every artist it creates or changes
    is *dynamic*, and so is every artist drawn above one of those.  The dynamic artists
    are marked animated; a full draw of the rest (axes, ticks, labels, fixed curves) is
    the background, one per set of axis limits met.  When an update changes an artist
    that no probe touched, the whole figure is drawn.  Either way the picture depends on
    the current state alone, not on the states before (``tests/book/test_redraw.py``).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, drawn with the Agg canvas.
    update : callable
        ``update(**values)`` changes the figure's artists for a state.
    probes : list of dict
        States to run ``update`` for at the start (the first is the state drawn first).
    repaint_changes : bool
        Between two states with the same background, paint again only the boxes where an
        animated artist changed (measured to pay only on figures of many labels).
    """

    BACKGROUNDS = 16  # pictures of the static part kept, one per set of axis limits

    def __init__(self, fig, update, probes, repaint_changes=False):
        self.fig, canvas = fig, fig.canvas
        before = set(_children(fig))
        update(**probes[0])
        canvas.draw()
        fig.set_layout_engine("none")  # keep the layout of this first draw
        dynamic = set(_children(fig)) - before
        for values in [*probes[1:], probes[0]]:
            canvas.draw()
            update(**values)
            dynamic |= {a for a in _children(fig) if (a.stale and not _is_axis(a))
                        or a not in before}
        # what lies above a dynamic artist is drawn after it, every time
        for ax in fig.axes:
            kids = [a for a in ax.get_children() if (a in dynamic or a not in before)
                    # the background's own
                    and a is not ax.patch and a not in ax.spines.values()]
            lowest = min((a.get_zorder() for a in kids), default=None)
            if lowest is not None:
                dynamic |= {a for a in ax.get_children() if a in before
                            and a.get_zorder() >= lowest
                            and a is not ax.patch and a not in ax.spines.values()
                            # an axis turned off is not drawn
                            and not (_is_axis(a) and not ax.axison)}
        self.static = before - dynamic
        self.backgrounds = {}
        self.full = 0  # redraws that drew the whole figure (for tests and benchmarks)
        self.partial = 0  # redraws that painted only what changed
        # False: every redraw puts the whole background back
        self.repaint_changes = repaint_changes
        # the last picture's key and its dynamic artists: {artist: (state, extent)}
        self._drawn = None
        self.draw()

    def _in_order(self):
        """The visible dynamic artists in the order a redraw draws them: each Axes by
        z-order, then the figure's."""
        out = []
        for ax in self.fig.axes:
            out += sorted((a for a in ax.get_children() if a.get_visible()
                           and a not in self.static
                           and a is not ax.patch and a not in ax.spines.values()),
                           key=lambda a: a.get_zorder())
        return out + [a for a in [*self.fig.legends, *self.fig.texts]
                      if a.get_visible() and a not in self.static]

    def draw(self):
        """Draw the figure as the last update left it.

        Returns
        -------
        None
            The canvas holds the picture; ``full`` counts the full draws.
        """
        fig, canvas = self.fig, self.fig.canvas
        if any(a.stale and a in self.static and not _is_axis(a)
               for a in _children(fig)):
            for a in _children(fig):
                a.set_animated(False)
            canvas.draw()
            self.full += 1
            self._drawn = None
            return
        # the recipe's mark; an update may have made new artists
        for a in _children(fig):
            a.set_animated(a not in self.static)
        key = repr(_limits(fig))
        if key not in self.backgrounds:
            self._background(key)
        artists = self._in_order()
        if not self.repaint_changes:
            canvas.restore_region(self.backgrounds[key])
            for a in artists:
                self._paint(a)
            self._drawn = None
            return
        renderer = canvas.get_renderer()
        now = {a: (_text_state(a) if type(a) is Text else None, _extent(a, renderer))
               for a in artists}
        regions = self._changed_regions(key, now)
        if regions is None:
            canvas.restore_region(self.backgrounds[key])
            for a in artists:
                self._paint(a)
        else:
            self._repaint(key, regions, now)
        for a in artists:
            a.stale = False  # from here on, stale means: changed since this picture
        self._drawn = (key, now)

    def _changed_regions(self, key, now):
        """Where the picture changes since the last one, as disjoint boxes; None if all
        must be drawn."""
        if self._drawn is None or self._drawn[0] != key:
            return None
        before = self._drawn[1]
        changed = [a for a, (state, _) in now.items()
                   if a not in before
                   or (a.stale if state is None else state != before[a][0])]
        boxes = [extent for a, (_, extent) in before.items()
                 if a not in now or a in changed]
        boxes = _merged(boxes + [now[a][1] for a in changed])
        meeting = [a for a, (_, extent) in now.items()
                   if any(_meet(extent, box) for box in boxes)]
        if any(not _clippable(a) for a in meeting):
            return None
        return boxes

    def _repaint(self, key, boxes, now):
        """Put the background back in each box and draw, clipped to it, every artist
        that meets it."""
        canvas, height = self.fig.canvas, self.fig.canvas.get_renderer().height
        background = self.backgrounds[key]
        # where the saved picture starts: then box is where it goes
        corner = background.get_extents()[:2]
        for box in boxes:  # (x0, y0, x1, y1) of Agg's buffer, inclusive
            canvas.restore_region(background, bbox=box, xy=corner)
            # display coordinates
            clip = Bbox([[box[0], height - box[3] - 1], [box[2] + 1, height - box[1]]])
            for a, (_, extent) in now.items():
                if _meet(extent, box):
                    self._paint_clipped(a, clip)
        self.partial += 1

    def _paint(self, artist):
        (artist.axes or self.fig).draw_artist(artist)

    def _paint_clipped(self, artist, clip):
        on, own = artist.get_clip_on(), artist.get_clip_box()
        if on and own is not None:
            clip = Bbox.intersection(own, clip)
            if clip is None:
                return
        artist.set_clip_box(clip)
        artist.set_clip_on(True)
        self._paint(artist)
        artist.set_clip_box(own)
        artist.set_clip_on(on)

    def _background(self, key):
        """Draw everything but the animated artists, and keep the picture (the recipe's
        background)."""
        canvas = self.fig.canvas
        canvas.draw()
        if len(self.backgrounds) >= self.BACKGROUNDS:
            self.backgrounds.pop(next(iter(self.backgrounds)))
        self.backgrounds[key] = canvas.copy_from_bbox(self.fig.bbox)
        self._drawn = None  # the canvas now holds the background alone

    def image(self):
        """The figure as last drawn.

        Returns
        -------
        PIL.Image.Image
            An RGBA image of the canvas's pixels.
        """
        width, height = self.fig.canvas.get_width_height(physical=True)
        return Image.frombuffer("RGBA", (width, height), self.fig.canvas.buffer_rgba(),
                                "raw", "RGBA", 0, 1)
