"""The bibliography: every key the book cites exists, and every entry says where to find it."""
from __future__ import annotations

import re

import nbformat

from conftest import ROOT
from nbtools import toc_files

BIB = ROOT / "chapters" / "references.bib"
FINDABLE = ("url", "doi", "isbn", "howpublished")


def entries():
    """{key: {field: value}} of chapters/references.bib."""
    out = {}
    for key, body in re.findall(r"@\w+\{([^,\s]+),(.*?)\n\}", BIB.read_text(encoding="utf-8"), re.S):
        out[key] = {f.lower(): v for f, v in re.findall(r"(\w+)\s*=\s*\{(.*?)\},?\s*$", body, re.S | re.M)}
    return out


def cited():
    """{key: [pages]} of every {cite} in the book's pages."""
    keys = {}
    for page in toc_files():
        for ext in (".ipynb", ".md"):
            path = ROOT / f"{page}{ext}"
            if not path.exists():
                continue
            if ext == ".ipynb":
                text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
            else:
                text = path.read_text(encoding="utf-8")
            for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", text):
                for key in group.split(","):
                    keys.setdefault(key.strip(), []).append(page)
    return keys


def test_every_cited_key_is_in_the_bibliography():
    known, used = entries(), cited()
    assert len(used) >= 8
    missing = {key: pages for key, pages in used.items() if key not in known}
    assert not missing, f"cited but not in references.bib: {missing}"


def test_every_entry_says_where_to_find_it():
    for key, fields in entries().items():
        assert "title" in fields, key
        if "author" not in fields:  # an unsigned source: the entry must say so, and how to find it
            assert "note" in fields and "no author" in fields["note"].lower(), key
        where = [f for f in FINDABLE if f in fields] + (["publisher"] if "publisher" in fields else [])
        assert where or "journal" in fields or "school" in fields, f"{key}: no URL, DOI, ISBN or publisher"


def test_the_seed_notes_are_cited_as_what_they_are():
    notes = entries()["notes"]
    assert "Nerual Networks" in notes["title"] and "sic" in notes["title"]
    assert "author" not in notes and "year" not in notes
