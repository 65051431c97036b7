"""The nnlib code the chapters print reads like the formulas: short lines, at most one check.

A chapter shows nnlib's own source with ``source(nnlib.<name>)``; this finds every such
call, and holds the printed functions to the rules of the design guide (§4): every line
at most 88 characters, and at most one line that validates (a call of ``_validate``)
before the math.
"""

from __future__ import annotations

import inspect

import nbformat
import pytest

from make_learners import SOURCE, resolve
from nbtools import chapter_paths


def printed_objects():
    names = set()
    for path in chapter_paths():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                names.update(SOURCE.findall(cell.source))
    return sorted(names)


PRINTED = printed_objects()


def test_the_chapters_print_nnlib_source():
    assert len(PRINTED) >= 30, PRINTED


@pytest.mark.parametrize("dotted", PRINTED)
def test_printed_lines_fit_the_page(dotted):
    lines = inspect.getsource(resolve(dotted)).splitlines()
    long = [f"{len(line)}: {line.strip()[:60]}" for line in lines if len(line) > 88]
    assert not long, f"{dotted} prints lines over 88 characters: {long}"


@pytest.mark.parametrize("dotted", PRINTED)
def test_printed_function_validates_in_at_most_one_line(dotted):
    obj = resolve(dotted)
    body = inspect.getsource(obj)
    doc = inspect.getdoc(obj) or ""
    code = body.replace(doc, "") if doc else body
    checks = [line.strip() for line in code.splitlines() if "_validate." in line]
    assert len(checks) <= 1, f"{dotted} validates in {len(checks)} lines: {checks}"
