"""The layers of nnlib, as nnlib/README.md draws them, hold: checked in fresh interpreters.

* the numpy core and the checkers load no matplotlib, ipywidgets or IPython;
* the figures (``nnlib.plots``) and the explorers (``nnlib.explorers``) load no ipywidgets,
  and the figures never import the explorers;
* every module stays small enough to hold in your head (at most 400 lines); the layers'
  totals are reported by ``make bench`` (``tools/benchmarks/size.py``), not capped;
* the core, autodiff and display read at 88 characters a line;
* every equation label an nnlib docstring cites is defined in a chapter;
* ``nnlib/__init__.py`` is one import block, and the version is stated once.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from myst_plain import EQ_LABEL
from nbtools import CHAPTERS

NNLIB = ROOT / "nnlib"
CORE = ["activations", "losses", "forward", "backprop", "network", "gradcheck", "training", "datasets", "_validate"]
SCREEN = ("matplotlib", "ipywidgets", "IPython")


def loaded_after(statement):
    """The top-level packages that ``statement`` loads, in a fresh interpreter."""
    code = f"import sys; {statement}; print(sorted({{m.split('.')[0] for m in sys.modules}}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(ast.literal_eval(out.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "statement",
    [
        "import nnlib",
        "import nnlib.check",
        "import nnlib.experiments",
        'import nnlib; nnlib.Network([2, 3, 1], task="binary").forward([[1.0], [2.0]])',
    ],
)
def test_the_core_and_the_checkers_load_no_screen(statement):
    loaded = loaded_after(statement)
    assert not loaded & set(SCREEN), f"{statement!r} loads {sorted(loaded & set(SCREEN))}"


@pytest.mark.parametrize("statement", ["import nnlib.plots", "import nnlib.explorers"])
def test_the_figures_and_the_explorers_load_no_widgets(statement):
    loaded = loaded_after(statement)
    assert "matplotlib" in loaded  # the test can see what it looks for
    assert "ipywidgets" not in loaded


def test_no_module_imports_against_the_layers():
    """Figures never import explorers or checkers; checkers never import figures."""
    rules = {
        "plots": ("widgets", "explorers", "check"),
        "check": ("plots", "widgets", "explorers"),
        "experiments": ("plots", "widgets", "explorers", "check"),
        "explorers": ("widgets", "check"),
    }
    for path in NNLIB.rglob("*.py"):
        rel = path.relative_to(NNLIB).parts
        banned = rules.get(rel[0].removesuffix(".py"), ())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [alias.name for alias in node.names]
                hits = [n for n in names if n.split(".")[0] in banned]
                assert not hits, f"{path.relative_to(ROOT)} imports {hits}"


def test_modules_stay_small_and_every_one_is_in_a_reported_layer():
    from benchmarks import size

    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in NNLIB.rglob("*.py")}
    assert len(sizes) >= 10
    big = {p: n for p, n in sizes.items() if n > size.MAX_MODULE}
    assert not big, f"modules over {size.MAX_MODULE} lines: {big}"
    reported = {str(p.relative_to(ROOT)) for entries in size.LAYERS.values() for p in size.modules(entries)}
    assert reported == set(sizes), f"modules in no layer of the size report: {set(sizes) - reported}"
    assert [entry.removesuffix(".py") for entry in size.LAYERS["numpy core"]] == CORE


#: The code a reader of the book reads: the numpy core, autodiff, display and the package.
READ_AT_88 = [*(f"{name}.py" for name in CORE if name != "_validate"), "_validate", "autodiff", "display.py",
              "__init__.py"]


def test_the_core_reads_at_88_characters_a_line():
    """The modules the chapters print from hold every line to 88 characters (PEP 8's and
    ruff's default), not only the printed functions; the other layers are held to ruff's 120."""
    from benchmarks import size

    long = [f"{p.relative_to(ROOT)}:{i}" for p in size.modules(READ_AT_88)
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if len(line) > 88]
    assert len(size.modules(READ_AT_88)) >= 14
    assert not long, f"lines over 88 characters: {long}"


def test_every_equation_label_cited_in_nnlib_exists_in_a_chapter():
    defined = set()
    for path in list(CHAPTERS.glob("*.ipynb")) + list(CHAPTERS.glob("*.md")):
        defined |= set(EQ_LABEL.findall(path.read_text(encoding="utf-8")))
    cited = {}
    for path in NNLIB.rglob("*.py"):
        for label in re.findall(r"`(eq-[\w-]+)`", path.read_text(encoding="utf-8")):
            cited.setdefault(label, str(path.relative_to(ROOT)))
    assert len(defined) >= 40 and len(cited) >= 30
    missing = {label: where for label, where in cited.items() if label not in defined}
    assert not missing, f"labels cited in nnlib but defined in no chapter: {missing}"


def test_the_package_init_is_one_import_block_and_states_the_version_once():
    tree = ast.parse((NNLIB / "__init__.py").read_text(encoding="utf-8"))
    kinds = [type(node).__name__ for node in tree.body[1:]]  # after the docstring
    first_other = next(i for i, k in enumerate(kinds) if k not in ("Import", "ImportFrom"))
    assert all(k not in ("Import", "ImportFrom") for k in kinds[first_other:]), kinds
    import nnlib

    assert set(nnlib.__all__) <= set(dir(nnlib)) and len(nnlib.__all__) == len(set(nnlib.__all__))
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and not re.search(r'^version\s*=\s*"', pyproject, re.MULTILINE)
