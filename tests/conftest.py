"""Shared fixtures: paths, a headless matplotlib, and the book built once per test run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nbtools import book_command  # tools/ is on pytest's pythonpath (pyproject.toml)

os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def built_book():
    """Build the book with every warning an error; returns (returncode, output)."""
    cmd = book_command()
    print("building the book:", " ".join(cmd), flush=True)
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    return proc.returncode, proc.stdout + proc.stderr
