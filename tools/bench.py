"""Measure the course's speed against its targets: `make bench` (not part of
`make test`).

    python tools/bench.py              # every section (~10 min)
    python tools/bench.py --quick      # fewer repetitions (~3 min with the book)
    python tools/bench.py --skip-book  # any section: --skip-step, --skip-checks, ...
    python tools/bench.py --only checks,step
    python tools/bench.py --no-write   # print the tables, leave the results files alone

The sections are the rows of SECTIONS below; each is a module of tools/benchmarks/ with
``measure(quick) -> dict`` and ``render(section) -> (markdown lines, targets missed)``.
Adding a section is adding its module and one row: the command line, the run and the
report follow from the table.  What each measures, and its targets, are in the module's
docstring and on the book's Performance page (chapters/performance.md).

The results go to ``chapters/performance_results.json`` and, as markdown tables that the
Performance page includes, ``chapters/performance_results.md``.  A section that is not
run keeps its previous results (with their date).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import execute_notebooks
import make_learners
from benchmarks import (
    book,
    checks,
    explorers,
    notebooks,
    redraws,
    size,
    step,
    timing,
    weight,
)
from benchmarks.common import log, machine, now
from nbtools import CHAPTERS, ROOT

RESULTS_JSON = CHAPTERS / "performance_results.json"
RESULTS_MD = CHAPTERS / "performance_results.md"


@dataclass(frozen=True)
class Section:
    name: str  # the key in the results, and the command line's --only NAME, --skip-NAME
    title: str  # the heading on the Performance page
    measure: Callable[[bool], dict]  # measure(quick) -> the section's results
    render: Callable[
        [dict], tuple
    ]  # render(results) -> (markdown lines, the targets missed)
    # chapters that draw these results: executed again after a new measurement
    readers: tuple = ()


SECTIONS = (
    Section("step", "Training step", step.measure, step.render),
    Section(
        "timing",
        "Vectorised against a loop (chapter 12's figure)",
        timing.measure,
        timing.render,
        readers=("12_minibatches",),
    ),
    Section("checks", "The cost of the checks", checks.measure, checks.render),
    Section("widgets", "Widget redraws", redraws.measure, redraws.render),
    Section("explorers", "Explorers in the book", explorers.measure, explorers.render),
    Section("notebooks", "Notebooks", notebooks.measure, notebooks.render),
    Section("book", "Book build", book.measure, book.render),
    Section("weight", "Page weight", weight.measure, weight.render),
    Section("size", "Size of the library", size.measure, size.render),
)


# --------------------------------------------------------------------------- the report
def machine_line(m):
    return (
        f"Measured on a machine with {m.get('cores', '?')} cores "
        f"({m.get('cpu', '?')}), {m.get('system', '')}, Python {m.get('python', '?')}, "
        f"numpy {m.get('numpy', '?')}"
        + (f", PyTorch {m['torch']}" if m.get("torch") else ", without PyTorch")
        + "."
    )


def render(results, sections=None):
    """The markdown of the Performance page's results, and the list of targets
    missed."""
    body, missed, unmeasured = [], [], []
    for section in sections or SECTIONS:
        body += [f"## {section.title}", ""]
        if results.get(section.name):
            lines, section_missed = section.render(results[section.name])
            body += lines
            missed += section_missed
        else:
            body.append(
                "Not measured yet: run `make bench` (or `python tools/bench.py --only "
                f"{section.name}`)."
            )
            unmeasured.append(section.name)
        body.append("")
    not_yet = f"not measured yet: {', '.join(unmeasured)}" if unmeasured else ""
    if missed:
        summary = (
            "**Targets missed:** "
            + "; ".join(missed)
            + (f"; {not_yet}" if not_yet else "")
            + "."
        )
    elif not_yet:
        summary = f"Every target measured is met; {not_yet}."
    else:
        summary = "**Every target is met.**"
    page = [machine_line(results.get("machine", {})), "", summary, "", *body]
    return "\n".join(page).rstrip() + "\n", missed


def load_results():
    try:
        return json.loads(RESULTS_JSON.read_text())
    except (OSError, ValueError):
        return {}


# --------------------------------------------------------------------- the command line
def parser(sections=None):
    sections = sections or SECTIONS
    names = ", ".join(s.name for s in sections)
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="sections: " + "; ".join(f"{s.name} ({s.title})" for s in sections),
    )
    p.add_argument("--quick", action="store_true", help="fewer repetitions")
    p.add_argument(
        "--only", metavar="A,B", help=f"comma-separated sections to run, of: {names}"
    )
    for s in sections:
        p.add_argument(
            f"--skip-{s.name}", action="store_true", help=f"do not measure: {s.title}"
        )
    p.add_argument(
        "--no-write",
        action="store_true",
        help="print the tables but do not update the results files",
    )
    return p


def chosen_sections(argv=None, sections=None):
    """The sections to run, in the table's order, and the parsed arguments."""
    sections = sections or SECTIONS
    p = parser(sections)
    args = p.parse_args(argv)
    chosen = [
        s for s in sections if not getattr(args, f"skip_{s.name.replace('-', '_')}")
    ]
    if args.only:
        wanted = [name.strip() for name in args.only.split(",") if name.strip()]
        unknown = [name for name in wanted if name not in {s.name for s in sections}]
        if unknown:
            p.error(
                f"unknown section(s) {', '.join(unknown)}; choose from "
                f"{', '.join(s.name for s in sections)}"
            )
        chosen = [s for s in chosen if s.name in wanted]
    return chosen, args


def save(results, sections):
    RESULTS_JSON.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    RESULTS_MD.write_text(render(results, sections)[0])


def main(argv=None, sections=None):
    sections = sections or SECTIONS
    chosen, args = chosen_sections(argv, sections)
    results = load_results()
    results["machine"] = machine()
    total = time.perf_counter()
    for i, section in enumerate(chosen, 1):
        log(f"==> [{i}/{len(chosen)}] {section.title}")
        start = time.perf_counter()
        results[section.name] = section.measure(args.quick)
        results[section.name]["measured"] = now() + (
            " (quick run)" if args.quick else ""
        )
        log(f"    ({time.perf_counter() - start:.0f} s)")
        if (
            not args.no_write
        ):  # after every section: a later one that fails keeps what was measured
            save(results, sections)
            for chapter in (
                section.readers
            ):  # its committed outputs must match a fresh run (nbval)
                log(
                    f"    {chapter} draws these results: executing it again, and its "
                    "learner notebook"
                )
                execute_notebooks.execute(CHAPTERS / f"{chapter}.ipynb")
            if section.readers:
                make_learners.main(
                    []
                )  # the learners' text quotes the chapter's numbers
    table, _ = render(results, sections)
    log("")
    log(table)
    if not args.no_write:
        save(results, sections)
        log(
            f"wrote {os.path.relpath(RESULTS_MD, ROOT)} and "
            f"{os.path.relpath(RESULTS_JSON, ROOT)} ({time.perf_counter() - total:.0f} "
            "s in all)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
