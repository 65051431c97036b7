"""The chapter scaffold (``make chapter``, tools/new_chapter.py) in a temporary copy of the repository.

It writes a chapter 15 into a copy of the repository's files, and there: the notebook
follows every rule of tools/chapter_rules.py that holds before it runs, the checkers pass
nnlib's references and name a declared mistake, the explorer is registered and draws, the
new files pass ruff, and the architecture and core tests pass (with the scaffold's own
test of its formula against finite differences).  A few seconds: no notebook is executed
and no book is built.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import new_chapter
from nbtools import ROOT

NAME, N = "scaled_line", 15
STEM = f"{N:02d}_{NAME}"


def repository_files():
    """The repository's files as a fresh clone would have them (and new files not yet committed)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return [f for f in out.split("\0") if f and (ROOT / f).is_file()]


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    for name in repository_files():
        if name.startswith(("learners/", "tests/browser/")):  # generated, or the browser's packages
            continue
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, root / name)
    assert new_chapter.main([str(N), NAME, "--title", "A scaled line", "--root", str(root)]) == 0
    return root


def run(root, *args):
    env = dict(os.environ, PYTHONPATH=str(root), OPENBLAS_NUM_THREADS="1", MPLBACKEND="Agg")
    return subprocess.run([sys.executable, *args], cwd=root, capture_output=True, text=True, env=env, timeout=300)


def test_the_scaffold_writes_every_place_and_refuses_to_overwrite(copy):
    for path in (f"chapters/{STEM}.ipynb", f"nnlib/check/ch{STEM}.py", f"nnlib/explorers/{NAME}.py",
                 f"nnlib/plots/{NAME}.py", f"nnlib/experiments/{NAME}.py", f"tests/core/test_ch{STEM}.py"):
        assert (copy / path).is_file(), path
    assert f"- file: chapters/{STEM}\n" in (copy / "_toc.yml").read_text()
    assert f"def {NAME}(z, c=1.0):" in (copy / "nnlib" / "training.py").read_text()
    before = (copy / "_toc.yml").read_text()
    with pytest.raises(SystemExit, match="taken"):
        new_chapter.main([str(N), NAME, "--root", str(copy)])
    with pytest.raises(SystemExit, match="taken"):
        new_chapter.main([str(N + 1), NAME, "--root", str(copy)])
    with pytest.raises(SystemExit, match="lowercase"):
        new_chapter.main([str(N + 1), "Bad-Name", "--root", str(copy)])
    assert (copy / "_toc.yml").read_text() == before


def test_in_the_copy_the_notebook_follows_the_rules_and_the_pieces_work(copy):
    script = f"""
import nbformat, numpy as np
import nnlib, chapter_rules
from nnlib import check, explorers
from nbtools import chapter_paths
assert nnlib.__file__.startswith({str(copy)!r}), nnlib.__file__
assert chapter_paths()[-1].stem == {STEM!r}, chapter_paths()[-1]
nb = nbformat.read("chapters/{STEM}.ipynb", as_version=4)
problems = chapter_rules.source_problems(nb, check.CHECKERS)
assert not problems, problems
for name in ("{NAME}_prime", "{NAME}_value"):
    checker = check.CHECKERS[name]
    assert checker.chapter == {STEM!r}
    answer = (lambda z, c: c * np.ones_like(z)) if name.endswith("prime") else 6.0  # the notebook's solutions
    assert check.CHECKERS[name](answer).passed, name
    wrong = checker.mistakes[0].fn if name.endswith("prime") else checker.mistakes[0].fn()
    verdict = check.CHECKERS[name](wrong)
    assert not verdict.passed and checker.mistakes[0].message in verdict.message, verdict.message
live = explorers.EXPLORERS["{NAME}"]()
assert live.chapter == {STEM!r} and live.png(c=2.0)[:4] == b"\\x89PNG"
print("ok")
"""
    done = run(copy, "-c", "import sys; sys.path[:0] = ['tools']\n" + script)
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stdout + done.stderr


def test_in_the_copy_the_architecture_and_core_tests_pass(copy):
    done = run(copy, "-m", "pytest", "-q", "-x", "-p", "no:randomly", "tests/tools/test_architecture.py",
               "tests/core", f"tests/core/test_ch{STEM}.py")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_the_new_files_pass_ruff(copy):
    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.exists():
        pytest.skip("ruff is not installed beside this Python")
    files = [f"nnlib/check/ch{STEM}.py", f"nnlib/explorers/{NAME}.py", f"nnlib/plots/{NAME}.py",
             f"nnlib/experiments/{NAME}.py", f"tests/core/test_ch{STEM}.py", "nnlib/__init__.py", "nnlib/training.py",
             f"chapters/{STEM}.ipynb"]
    done = subprocess.run([str(ruff), "check", *files], cwd=copy, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
