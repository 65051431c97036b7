"""The book builds with every warning an error, and holds every page of the table of contents."""

from __future__ import annotations

import re

from conftest import ROOT
from nbtools import book_config, toc_files


def test_book_builds_without_warnings(built_book):
    code, output = built_book
    warnings = [
        line
        for line in output.splitlines()
        if re.search(r"WARNING|ERROR", line) and "Kernel is running over TCP" not in line
    ]
    assert code == 0, output[-3000:]
    assert not warnings, "\n".join(warnings)


def test_every_toc_page_is_built(built_book):
    for f in toc_files():
        page = ROOT / "_build" / "html" / f"{f}.html"
        assert page.exists(), f"{page} was not built"


def test_config_pins_the_essentials():
    config = book_config()
    assert config["execute"]["execute_notebooks"] == "off", (
        "the pages show the committed outputs, which nbval (make test) proves are a fresh run's"
    )
    assert config["execute"]["raise_on_error"] is True
    assert config["launch_buttons"]["binderhub_url"] and config["launch_buttons"]["colab_url"]
    requirements = (ROOT / "requirements.txt").read_text()
    match = re.search(r"^jupyter-book==(\d+)\.", requirements, re.MULTILINE)
    assert match and match.group(1) == "1", "jupyter-book must be pinned below 2"


def test_the_equation_numbers_of_the_learners_are_the_books(built_book):
    """The generator numbers equations as Sphinx does: compare with the built pages."""
    from docutils.nodes import make_id

    from myst_plain import equation_numbers

    code, output = built_book
    assert code == 0, output[-2000:]
    numbers = equation_numbers()
    checked = 0
    for label, (number, page) in numbers.items():
        html = (ROOT / "_build" / "html" / f"{page}.html").read_text(encoding="utf-8")
        anchor = make_id(f"equation-{label}")  # the id Sphinx writes, and the learners' links point to
        shown = re.search(rf'id="{re.escape(anchor)}".*?<span class="eqno">\((\d+)\)', html, re.S)
        assert shown and int(shown.group(1)) == number, f"{label}: the book shows {shown and shown.group(1)}, " \
                                                       f"the learners' notebooks {number}"
        checked += 1
    assert checked >= 60
