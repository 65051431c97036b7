"""``make notebooks`` writes what a cell printed as one output per stream, whatever the kernel's timing."""
from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_output

from execute_notebooks import coalesce_streams


def test_consecutive_pieces_of_a_stream_become_one_output_and_nothing_else_moves():
    cell = new_code_cell("print(1); print(2)", outputs=[
        new_output("stream", name="stdout", text="a\n"),
        new_output("stream", name="stdout", text="b\n"),
        new_output("stream", name="stderr", text="warning\n"),
        new_output("stream", name="stdout", text="c\n"),
        new_output("display_data", data={"text/plain": "figure"}),
        new_output("stream", name="stdout", text="d\n"),
        new_output("stream", name="stdout", text="e"),
    ])
    coalesce_streams(cell)
    got = [(o.output_type, o.get("name"), o.get("text", o.get("data", {}).get("text/plain"))) for o in cell.outputs]
    assert got == [("stream", "stdout", "a\nb\n"), ("stream", "stderr", "warning\n"), ("stream", "stdout", "c\n"),
                   ("display_data", None, "figure"), ("stream", "stdout", "d\ne")]
    nbformat.validate(nbformat.v4.new_notebook(cells=[cell]))
