"""Section ``size``: how large nnlib's layers are, in lines (what a reader has to hold
in their head).

Every module stays under ``MAX_MODULE`` lines (``tests/tools/test_architecture.py``
holds it there); the layers' totals are reported, not capped: a cap on the total made
authors pack lines to stay under it, which is the opposite of what a book that prints
its code needs. A layer that grows shows here, and in review, with its reason.
"""

from __future__ import annotations

from pathlib import Path

from .common import log

NNLIB = Path(__file__).resolve().parents[2] / "nnlib"
MAX_MODULE = 400

#: The layers of nnlib/README.md, each a list of paths relative to nnlib/ (a folder:
#: every module in it).
LAYERS = {
    "numpy core": [
        "activations.py",
        "losses.py",
        "forward.py",
        "backprop.py",
        "network.py",
        "gradcheck.py",
        "training.py",
        "datasets.py",
        "_validate",
    ],
    "autodiff/ (chapter 14)": ["autodiff"],
    "experiments/": ["experiments"],
    "check/ (exercise checkers)": ["check"],
    "plots/ (figures)": ["plots"],
    "explorers/": ["explorers"],
    "widgets, display, package": ["widgets.py", "display.py", "__init__.py"],
}


def modules(entries):
    out = []
    for entry in entries:
        path = NNLIB / entry
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def lines(path):
    return len(path.read_text(encoding="utf-8").splitlines())


def measure(quick):
    rows = []
    for layer, entries in LAYERS.items():
        sizes = {str(p.relative_to(NNLIB)): lines(p) for p in modules(entries)}
        largest = max(sizes, key=sizes.get)
        rows.append(
            {
                "layer": layer,
                "modules": len(sizes),
                "lines": sum(sizes.values()),
                "largest": largest,
                "largest_lines": sizes[largest],
            }
        )
        log(
            f"  {layer}: {sum(sizes.values())} lines in {len(sizes)} modules (largest "
            f"{largest}, {sizes[largest]})"
        )
    return {"rows": rows}


def render(sec):
    missed = [
        f"{r['largest']} has {r['largest_lines']} lines (at most {MAX_MODULE})"
        for r in sec["rows"]
        if r["largest_lines"] > MAX_MODULE
    ]
    out = [
        "Lines of code per layer of nnlib (docstrings included), and its largest "
        f"module: no module over {MAX_MODULE} lines. The totals are reported, not "
        f"capped. Measured {sec['measured']}.",
        "",
        f"| layer | modules | lines | largest module, ≤ {MAX_MODULE} lines |",
        "|---|---|---|---|",
    ]
    for r in sec["rows"]:
        mark = "✅" if r["largest_lines"] <= MAX_MODULE else "❌"
        out.append(
            f"| {r['layer']} | {r['modules']} | {r['lines']:,} | `{r['largest']}`, "
            f"{r['largest_lines']} {mark} |"
        )
    return out, missed
