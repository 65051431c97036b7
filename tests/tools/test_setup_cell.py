"""A learner notebook opened where nnlib is missing (Colab) installs it with its first cell.

The first cell of learners/*.ipynb is run, as it stands in the notebook, by the Python of a
fresh virtual environment, with NNLIB_SOURCE pointing at a copy of this repository's
package (instead of the git URL of _config.yml); then ``import nnlib`` must work in the
same process, as in a notebook's kernel.  numpy, matplotlib and ipywidgets come from the
package index, as on Colab (pip's cache makes a second run take ~20 s).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import nbformat
import pytest

from conftest import ROOT
from nbtools import SETUP_TAG, setup_source

NETWORK_TROUBLE = (
    "NewConnectionError",
    "Temporary failure in name resolution",
    "No matching distribution",
    "Could not find a version",
    "ConnectTimeout",
    "Network is unreachable",
)


def first_code_cell(path):
    nb = nbformat.read(path, as_version=4)
    return next(c for c in nb.cells if c.cell_type == "code")


def test_setup_cell_installs_nnlib_in_a_clean_environment(tmp_path):
    learners = sorted((ROOT / "learners").glob("[0-9][0-9]_*.ipynb"))
    assert learners, "no learner notebooks: run `make learners`"
    cell = first_code_cell(learners[0])
    assert SETUP_TAG in cell.metadata.get("tags", []) and cell.source == setup_source()

    # A copy of the package's sources: pip builds a local directory in place, which would leave
    # build/ and egg-info files in the repository.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "nnlib", source / "nnlib", ignore=shutil.ignore_patterns("__pycache__"))

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["NNLIB_SOURCE"] = source.as_uri()
    env["MPLBACKEND"] = "Agg"
    script = cell.source + "\nimport nnlib, nnlib.plots, nnlib.widgets\nprint('imported', nnlib.__file__)\n"

    run = subprocess.run(
        [str(python), "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900
    )
    output = run.stdout + run.stderr
    if run.returncode and any(t in output for t in NETWORK_TROUBLE) and os.environ.get("CI") != "true":
        pytest.skip("the package index cannot be reached: " + output.strip().splitlines()[-1])
    assert run.returncode == 0, output[-3000:]
    assert f"Installing nnlib from {source.as_uri()}" in run.stdout
    imported = run.stdout.strip().splitlines()[-1]
    assert imported.startswith("imported ") and str(venv) in imported and str(ROOT) not in imported, imported

    # Run again, nnlib now present: the cell does nothing.
    again = subprocess.run(
        [str(python), "-c", cell.source], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0 and again.stdout == "", again.stdout + again.stderr
