"""The chapters' anatomy and hygiene: committed executed, widgets tagged, figures with alt text.

nbval itself (strict mode) runs through pytest's --nbval on chapters/; these tests
check what nbval does not.  The rules themselves are in tools/chapter_rules.py, which the
chapter scaffold (tools/new_chapter.py) follows too.
"""

from __future__ import annotations

import nbformat
import pytest

import chapter_rules
from chapter_rules import code_cells
from nbtools import chapter_paths

CHAPTERS = chapter_paths()


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_committed_executed_top_to_bottom_with_figures_described(path):
    """chapter_rules.output_problems: counts 1, 2, 3, …, no error, widget state, alt text on every figure."""
    problems = chapter_rules.output_problems(nbformat.read(path, as_version=4))
    assert not problems, f"{path.name}: {problems}"


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_anatomy_explorer_and_setup_cell(path):
    """chapter_rules: title and objectives, equation, source, summary, learners' link; the explorer's tag;
    the current setup cell."""
    nb = nbformat.read(path, as_version=4)
    problems = (chapter_rules.anatomy_problems(nb) + chapter_rules.widget_problems(nb)
                + chapter_rules.setup_problems(nb))
    assert not problems, f"{path.name}: {problems}"


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
