"""The explorers of the built book: the pictures the build wrote are what nnlib draws, within budget.

* every explorer cell of a chapter became a static explorer whose pictures exist, one per state;
* three random states of every explorer, drawn again in a fresh process, give the very pixels
  of the pictures the build wrote (same code: the page shows what the notebook shows, drawn at
  twice the resolution for high-resolution screens);
* the pictures stay within their budgets: at most 1,000 per explorer, 70 MB in all, and the
  whole site at most 100 MB (issue 14).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from conftest import ROOT

DRAW = """
import json, sys
from pathlib import Path
from nnlib import explorers
jobs = json.loads(sys.argv[1])
for name, states, out, ext in jobs:
    explorer = explorers.for_the_book(name)
    every = explorer.states()
    for i in states:
        Path(out, f"{i}.{ext}").write_bytes(explorer.frame(**every[i]))
"""


@pytest.fixture(scope="module")
def frames(built_book):
    code, output = built_book
    assert code == 0, output[-2000:]
    folders = sorted((ROOT / "_build" / "html" / "_static" / "explorers").glob("*-*"))
    return {json.loads((f / "manifest.json").read_text())["name"]: f for f in folders}


def test_every_explorer_cell_became_a_static_explorer(frames):
    pages = sorted((ROOT / "_build" / "html" / "chapters").glob("[0-9][0-9]_*.html"))
    found = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget-view+json" not in text, f"{page.name} still embeds a widget"
        for base, states in re.findall(r'data-base="\.\./_static/explorers/([^"]+)/"[^>]*data-states=\'([^\']+)\'',
                                       text):
            folder = ROOT / "_build" / "html" / "_static" / "explorers" / base
            manifest = json.loads((folder / "manifest.json").read_text())
            assert json.loads(states) == manifest["states"], f"{page.name}: the page and its pictures disagree"
            ext = manifest["format"]
            assert all((folder / f"{i}.{ext}").exists() for i in range(len(manifest["states"])))
            found.append(manifest["name"])
    assert sorted(found) == sorted(frames), f"pages show {sorted(found)}, pictures exist for {sorted(frames)}"


def test_pictures_drawn_again_in_a_fresh_process_are_identical(frames, tmp_path):
    rng = np.random.default_rng(2026)
    jobs = []
    for name, folder in frames.items():
        manifest = json.loads((folder / "manifest.json").read_text())
        n = len(manifest["states"])
        out = tmp_path / name
        out.mkdir()
        jobs.append((name, sorted(int(i) for i in rng.choice(n, size=min(3, n), replace=False)), str(out),
                     manifest["format"]))
    subprocess.run([sys.executable, "-c", DRAW, json.dumps(jobs)], check=True, cwd=ROOT, timeout=600)
    for name, states, out, ext in jobs:
        for i in states:
            built = np.asarray(Image.open(frames[name] / f"{i}.{ext}").convert("RGB"))
            again = np.asarray(Image.open(f"{out}/{i}.{ext}").convert("RGB"))
            assert built.shape == again.shape and np.array_equal(built, again), f"{name}, state {i} differs"


def test_the_pictures_stay_within_their_budgets(frames):
    total = 0
    for name, folder in frames.items():
        manifest = json.loads((folder / "manifest.json").read_text())
        assert len(manifest["states"]) <= 1000, name
        total += sum(p.stat().st_size for p in folder.glob(f"*.{manifest['format']}"))
    site = sum(p.stat().st_size for p in (ROOT / "_build" / "html").rglob("*") if p.is_file())
    assert total <= 70e6, f"the explorers' pictures take {total / 1e6:.1f} MB"
    assert site <= 100e6, f"the site takes {site / 1e6:.1f} MB"


def test_pictures_are_drawn_for_high_resolution_screens_with_legible_text(frames):
    """Twice as many pixels as the page shows; the smallest text at least MIN_TEXT_PX CSS pixels tall
    when the picture is shown PHONE_WIDTH_PX wide (nnbook.css gives it the phone's whole width)."""
    from nnlib import plots

    for name, folder in frames.items():
        m = json.loads((folder / "manifest.json").read_text())
        assert m["width"] >= 2 * m["css_width"] and m["height"] >= 2 * m["css_height"], name
        with Image.open(folder / f"0.{m['format']}") as picture:
            assert picture.size == (m["width"], m["height"]), name
        on_a_phone = m["smallest_text_px"] * plots.PHONE_WIDTH_PX / m["width"]
        assert on_a_phone >= plots.MIN_TEXT_PX, f"{name}: its smallest text is {on_a_phone:.1f} px on a phone"
