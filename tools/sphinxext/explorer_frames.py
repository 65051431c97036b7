"""The pictures of the book's explorers: every state of each explorer's grid, drawn
once.

    python tools/sphinxext/explorer_frames.py CACHE NAME [NAME ...]

writes, for each explorer NAME of ``nnlib.explorers.EXPLORERS``, the folder
``CACHE/NAME-KEY/`` with one picture per state (``0.png``, ``1.png``, …, in the order of
``Explorer.states()``; at most 256 colours, drawn at ``nnlib.plots.BOOK_DPI`` for
high-resolution screens), ``alts.json`` (the alt text of each picture) and, last,
``manifest.json`` (with the size the page shows a picture at, and the height of its
smallest text in the picture's own pixels, which the browser tests measure on a phone).
KEY hashes everything the pictures depend on (nnlib's code, the explorer's declaration,
the versions of numpy, matplotlib and Pillow), so a folder that exists is up to date and
is reused: a rebuild with nothing changed draws nothing.

The build (``explorer_pages.py``) runs this in the background while the notebooks
execute.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

import matplotlib
import numpy as np
import PIL

import nnlib
from nnlib import explorers, plots

NNLIB = Path(nnlib.__file__).resolve().parent
#: The pictures' file type (``Explorer.frame``: palette PNG; lossless WebP was a third
#: smaller but took three times as long to encode, and the cold build has a budget of
#: 150 s).
EXT = "png"


def code_hash():
    """A hash of nnlib's code that the pictures run (the checkers and the ipywidgets
    wiring aside).

    The explorers' declarations are part of it (``nnlib/explorers/``), and so are the
    versions of numpy, matplotlib and Pillow, which draw and encode the pictures.
    """
    h = hashlib.sha256()
    for path in sorted(NNLIB.rglob("*.py")):
        rel = path.relative_to(NNLIB).as_posix()
        if rel.startswith("check/") or rel == "widgets.py":
            continue
        h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    for module in (np, matplotlib, PIL):
        h.update(f"{module.__name__} {module.__version__}\0".encode())
    return h.hexdigest()


def frame_key(name):
    """The key of an explorer's pictures: its name and :func:`code_hash`."""
    return hashlib.sha256(f"{code_hash()} {name}".encode()).hexdigest()[:16]


def describe_controls(explorer):
    """The controls as the page shows them: label, kind, range, the values in the
    book, the default."""
    out = []
    for name, spec in explorer.controls.items():
        values = explorer.book_values(name)
        entry = {
            "name": name,
            "label": spec.label,
            "values": [_json(v) for v in values],
            "texts": [spec.text(v) for v in values],
            "default": values.index(spec.value),
        }
        if isinstance(spec, explorers.Choice):
            entry.update(
                kind="select",
                options=[label for label, _ in spec.pairs()],
                all_values=[_json(v) for v in spec.values()],
            )
        elif isinstance(spec, explorers.Steps):
            all_values = spec.values()
            entry.update(
                kind="steps",
                min=0,
                max=len(all_values) - 1,
                positions=[all_values.index(v) for v in values],
            )
        else:
            entry.update(
                kind="range",
                min=spec.lo,
                max=spec.hi,
                step=spec.step,
                integer=spec.integer,
                positions=[float(v) for v in values],
            )
        out.append(entry)
    return out


def _json(value):
    return value.item() if isinstance(value, np.generic) else value


def state_indices(explorer):
    """Each state as the index of each control's value among that control's book
    values."""
    names = list(explorer.controls)
    values = {n: explorer.book_values(n) for n in names}
    return [[values[n].index(s[n]) for n in names] for s in explorer.states()]


def export(name, cache):
    """Draw every state of explorer ``name`` into ``cache/name-key/``; returns that
    folder."""
    key = frame_key(name)
    final = Path(cache) / f"{name}-{key}"
    if (final / "manifest.json").exists():
        return final
    explorer = explorers.for_the_book(name)
    work = Path(cache) / f".{name}-{key}.{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    start, alts, sizes, smallest = time.perf_counter(), [], [], []
    for i, state in enumerate(explorer.states()):
        data = explorer.frame(**state)
        (work / f"{i}.{EXT}").write_bytes(data)
        alts.append(explorer.alt(**state))
        sizes.append(len(data))
        smallest.append(plots.smallest_text(explorer.fig))
    width, height = explorer.fig.canvas.get_width_height(physical=True)
    shown = (
        plots.STYLE["figure.dpi"] / plots.BOOK_DPI
    )  # the page shows a picture at half its pixels
    (work / "alts.json").write_text(
        json.dumps(alts, ensure_ascii=False), encoding="utf-8"
    )
    manifest = {
        "name": name,
        "key": key,
        "chapter": explorer.chapter,
        "summary": explorer.summary,
        "why": explorer.why,
        "width": width,
        "height": height,
        "css_width": round(width * shown),
        "css_height": round(height * shown),
        "format": EXT,
        "smallest_text_px": round(min(smallest) * plots.BOOK_DPI / 72, 2),
        "controls": describe_controls(explorer),
        "states": state_indices(explorer),
        "bytes": sum(sizes),
        "largest": max(sizes),
        "seconds": round(time.perf_counter() - start, 2),
    }
    (work / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False), encoding="utf-8"
    )
    for old in Path(cache).glob(
        f"{name}-*"
    ):  # pictures of an older version of this explorer
        if old.name != final.name:
            shutil.rmtree(old, ignore_errors=True)
    if final.exists():  # another process finished the same pictures first
        shutil.rmtree(work, ignore_errors=True)
    else:
        work.rename(final)
    return final


def main(argv):
    cache, names = Path(argv[0]), argv[1:]
    cache.mkdir(parents=True, exist_ok=True)
    for name in names:
        start = time.perf_counter()
        folder = export(name, cache)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        print(
            f"explorer {name}: {len(manifest['states'])} pictures, "
            f"{manifest['bytes'] / 1e6:.1f} MB, {time.perf_counter() - start:.1f} s",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
