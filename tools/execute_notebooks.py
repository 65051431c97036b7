"""Execute chapter notebooks in place, top to bottom in a fresh kernel, and save them.

    python tools/execute_notebooks.py                 # every chapter
    python tools/execute_notebooks.py chapters/02_*   # some

Before running, the setup cell is put in place (tools/nbtools.py).  Widget state is
stored, so that the book shows the widgets without a kernel.  Prints the time each
notebook took.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from nbtools import CHAPTERS, ONE_BLAS_THREAD, chapter_paths, ensure_setup_cell


def run(nb, kernel=None, **options):
    """Execute ``nb`` top to bottom, in place, in a fresh python3 kernel started in
    chapters/ with one BLAS thread, as the book build and nbval run them.
    ``options`` go to ``NotebookClient``, ``kernel`` (a dict) to the start of the
    kernel's process."""
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(CHAPTERS)}},
        **options,
    )
    client.execute(env=dict(os.environ, **ONE_BLAS_THREAD), **(kernel or {}))


def coalesce_streams(cell):
    """Join a cell's consecutive outputs to the same stream: how a kernel splits what
    one cell prints depends on timing, and the book shows each piece as an output of
    its own."""
    outputs = []
    for out in cell.get("outputs", []):
        last = outputs[-1] if outputs else None
        if (
            out.output_type == "stream"
            and last is not None
            and last.output_type == "stream"
            and last.name == out.name
        ):
            last.text += out.text
        else:
            outputs.append(out)
    cell.outputs = outputs


def execute(path):
    nb = nbformat.read(path, as_version=4)
    ensure_setup_cell(nb)
    for cell in nb.cells:
        cell.metadata.pop(
            "execution", None
        )  # timings of the last run: noise in every diff
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    start = time.perf_counter()
    run(nb, store_widget_state=True, record_timing=False)
    elapsed = time.perf_counter() - start
    for cell in nb.cells:
        if cell.cell_type == "code":
            coalesce_streams(cell)
    nbformat.write(nb, path)
    return elapsed


def main(argv):
    paths = [Path(p) for p in argv] or chapter_paths()
    total = 0.0
    for i, path in enumerate(paths, 1):
        print(f"[{i}/{len(paths)}] {path.name} ...", end=" ", flush=True)
        elapsed = execute(path)
        total += elapsed
        print(f"{elapsed:.1f} s", flush=True)
    print(f"executed {len(paths)} notebooks in {total:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
