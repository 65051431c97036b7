"""ruff (pinned in requirements.txt, configured in pyproject.toml) finds nothing, and nothing is silenced."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

RUFF = Path(sys.executable).parent / "ruff"
SILENCED = re.compile("no" + r"qa:?[^\n]*\b(E402|F401)\b")  # written in two parts, not to match itself


def test_ruff_finds_nothing():
    proc = subprocess.run([str(RUFF), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def test_no_import_order_or_unused_import_is_silenced():
    silenced = []
    for path in [*ROOT.glob("nnlib/**/*.py"), *ROOT.glob("tools/**/*.py"), *ROOT.glob("tests/**/*.py")]:
        if "node_modules" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SILENCED.search(line):
                silenced.append(f"{path.relative_to(ROOT)}:{number}")
    assert not silenced, silenced


def test_nnlib_and_tools_read_at_88_characters_a_line():
    """Their ruff.toml sets 88 (issue 17); this checks the lines themselves, whatever the config says."""
    cmd = [str(RUFF), "check", "--no-cache", "--select", "E501", "--line-length", "88", "nnlib", "tools"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
