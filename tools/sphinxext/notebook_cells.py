"""The notebook cells of a page as myst-nb puts them in the doctree: the one walk
that the explorers (``explorer_pages``) and the in-page exercises
(``exercise_pages``) both take."""

from __future__ import annotations

from docutils import nodes


def code_cells(doctree):
    """Each cell of the page: ``(cell, source, output)``, the cell's container and its
    code and output nodes (None where the cell has none)."""
    for cell in list(doctree.findall(nodes.container)):
        if "cell" not in cell.get("classes", []):
            continue
        parts = {c.get("nb_element"): c for c in reversed(cell.children)}
        yield cell, parts.get("cell_code_source"), parts.get("cell_code_output")
