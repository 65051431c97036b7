"""The explorers of the built book: the pictures the build wrote are what nnlib draws, within budget.

* every explorer cell of a chapter became a static explorer whose pictures exist, one per state;
* three random states of every explorer, drawn again in a fresh process, give the very pixels
  of the pictures the build wrote (same code, same dpi: the page shows what the notebook shows);
* the pictures stay within the budgets of issue 9: at most 1,000 per explorer, 40 MB in all,
  and the whole site at most 80 MB.
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
for name, states, out in jobs:
    explorer = explorers.EXPLORERS[name]()
    every = explorer.states()
    for i in states:
        Path(out, f"{i}.png").write_bytes(explorer.frame(**every[i]))
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
            assert all((folder / f"{i}.png").exists() for i in range(len(manifest["states"])))
            found.append(manifest["name"])
    assert sorted(found) == sorted(frames), f"pages show {sorted(found)}, pictures exist for {sorted(frames)}"


def test_pictures_drawn_again_in_a_fresh_process_are_identical(frames, tmp_path):
    rng = np.random.default_rng(2026)
    jobs = []
    for name, folder in frames.items():
        n = len(json.loads((folder / "manifest.json").read_text())["states"])
        out = tmp_path / name
        out.mkdir()
        jobs.append((name, sorted(int(i) for i in rng.choice(n, size=min(3, n), replace=False)), str(out)))
    subprocess.run([sys.executable, "-c", DRAW, json.dumps(jobs)], check=True, cwd=ROOT, timeout=600)
    for name, states, out in jobs:
        for i in states:
            built = np.asarray(Image.open(frames[name] / f"{i}.png").convert("RGB"))
            again = np.asarray(Image.open(f"{out}/{i}.png").convert("RGB"))
            assert built.shape == again.shape and np.array_equal(built, again), f"{name}, state {i} differs"


def test_the_pictures_stay_within_their_budgets(frames):
    total = 0
    for name, folder in frames.items():
        manifest = json.loads((folder / "manifest.json").read_text())
        assert len(manifest["states"]) <= 1000, name
        total += sum(p.stat().st_size for p in folder.glob("*.png"))
    site = sum(p.stat().st_size for p in (ROOT / "_build" / "html").rglob("*") if p.is_file())
    assert total <= 40e6, f"the explorers' pictures take {total / 1e6:.1f} MB"
    assert site <= 80e6, f"the site takes {site / 1e6:.1f} MB"
