"""The bibliography: every key the book cites exists, and every entry says where to find it."""
from __future__ import annotations

import re

from myst_plain import bib_entries, page_text
from nbtools import page_path, toc_files

FINDABLE = ("url", "doi", "isbn", "howpublished")


def cited():
    """{key: [pages]} of every {cite} in the book's pages."""
    keys = {}
    for page in toc_files():
        path = page_path(page)
        if path is None:
            continue
        for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", page_text(path)):
            for key in group.split(","):
                keys.setdefault(key.strip(), []).append(page)
    return keys


def test_every_cited_key_is_in_the_bibliography():
    known, used = bib_entries(), cited()
    assert len(used) >= 8
    missing = {key: pages for key, pages in used.items() if key not in known}
    assert not missing, f"cited but not in references.bib: {missing}"


def test_every_entry_says_where_to_find_it():
    for key, fields in bib_entries().items():
        assert "title" in fields, key
        if "author" not in fields:  # an unsigned source: the entry must say so, and how to find it
            assert "note" in fields and "no author" in fields["note"].lower(), key
        where = [f for f in FINDABLE if f in fields] + (["publisher"] if "publisher" in fields else [])
        assert where or "journal" in fields or "school" in fields, f"{key}: no URL, DOI, ISBN or publisher"


def test_the_seed_notes_are_cited_as_what_they_are():
    notes = bib_entries()["notes"]
    assert "Nerual Networks" in notes["title"] and "sic" in notes["title"]
    assert "author" not in notes and "year" not in notes
