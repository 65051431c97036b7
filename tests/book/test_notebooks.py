"""The chapters' anatomy and hygiene: committed executed, widgets tagged, figures with alt text.

nbval itself (strict mode) runs through pytest's --nbval on chapters/; these tests
check what nbval does not.
"""

from __future__ import annotations

import nbformat
import pytest

from nbtools import SETUP_TAG, chapter_paths, setup_source

CHAPTERS = chapter_paths()
WIDGET_CALL = "widgets."


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_committed_executed_top_to_bottom(path):
    nb = nbformat.read(path, as_version=4)
    counts = [c.execution_count for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: execution counts {counts}; run `make notebooks`"
    errors = [
        c
        for c in code_cells(nb)
        if any(o.output_type == "error" for o in c.outputs) and "raises-exception" not in c.metadata.get("tags", [])
    ]
    assert not errors
    assert "widgets" in nb.metadata, f"{path.name}: no saved widget state; execute it with `make notebooks`"


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_anatomy(path):
    nb = nbformat.read(path, as_version=4)
    md = [c.source for c in nb.cells if c.cell_type == "markdown"]
    h1 = [line for s in md for line in s.split("\n") if line.startswith("# ")]
    assert len(h1) == 1, f"{path.name}: one H1 title, found {h1}"
    text = "\n".join(md)
    assert "$$ (eq-" in text, f"{path.name}: no labelled equation"
    assert "source(" in "\n".join(c.source for c in code_cells(nb)), f"{path.name}: shows no nnlib source"
    assert "## Summary" in text and ".ipynb)" in text.split("## Summary")[-1], (
        f"{path.name}: summary with a link onward"
    )
    assert "learners/" in text, f"{path.name}: no link to its learner notebook"


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_widgets_tagged_and_nothing_else(path):
    nb = nbformat.read(path, as_version=4)
    widget_cells = 0
    for cell in code_cells(nb):
        is_widget = cell.source.strip().startswith(WIDGET_CALL) and "explorer(" in cell.source
        ignored = "nbval-ignore-output" in cell.metadata.get("tags", [])
        assert is_widget == ignored, (
            f"{path.name}: nbval-ignore-output belongs on widget cells only: {cell.source[:60]!r}"
        )
        widget_cells += is_widget
    assert widget_cells >= 1, f"{path.name} has no widget"


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_static_figure_has_alt_text(path):
    nb = nbformat.read(path, as_version=4)
    figures = 0
    for cell in code_cells(nb):
        has_image = any("image/png" in o.get("data", {}) for o in cell.outputs)
        if has_image and "nbval-ignore-output" not in cell.metadata.get("tags", []):
            figures += 1
            alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
            assert len(alt) >= 40, f"{path.name}: a figure without meaningful alt text: {cell.source[:60]!r}"
    assert figures >= 1, f"{path.name}: no static figure beside its widget"


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_setup_cell_is_current(path):
    nb = nbformat.read(path, as_version=4)
    setup = [c for c in nb.cells if SETUP_TAG in c.metadata.get("tags", [])]
    assert len(setup) == 1 and setup[0].source == setup_source()


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_static_figure_is_sharp_and_legible_on_a_phone(path):
    """Drawn at twice the CSS width it is shown at (the output's width), and its smallest text, which the PNG
    records, is MIN_TEXT_PX CSS pixels or more when the figure takes a 390-px phone's width."""
    import base64
    import io

    from PIL import Image

    from nnlib import plots

    nb = nbformat.read(path, as_version=4)
    for cell in code_cells(nb):
        for out in cell.outputs:
            if "image/png" not in out.get("data", {}):
                continue
            with Image.open(io.BytesIO(base64.b64decode(out["data"]["image/png"]))) as picture:
                width, said = picture.width, picture.text.get("smallest text px")
            shown = out.get("metadata", {}).get("image/png", {}).get("width")
            where = f"{path.name}: {cell.source[:50]!r}"
            assert shown and width >= 2 * shown - 1, f"{where}: {width} pixels shown {shown} px wide"
            assert said, f"{where}: the PNG does not say how small its text is (made without nnlib.plots?)"
            on_a_phone = float(said) * plots.PHONE_WIDTH_PX / width
            assert on_a_phone >= plots.MIN_TEXT_PX, f"{where}: its smallest text is {on_a_phone:.1f} px on a phone"
