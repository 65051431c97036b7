"""The bibliography: every key the book cites exists, and every entry says where to find it."""
from __future__ import annotations

import re

from myst_plain import bib_entries, citations, page_text
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


def test_two_entries_never_print_the_same_author_year_label():
    """An author–year citation must lead to one entry: "Karpathy, 2016" twice could be either."""
    labels = {}
    for key, label in citations().items():
        labels.setdefault(label, []).append(key)
    twins = {label: keys for label, keys in labels.items() if len(keys) > 1}
    assert not twins, f"entries that cite alike: {twins}"


def test_titles_keep_their_capitals():
    """The bibliography style sentence-cases titles: a word with a capital inside it (ImageNet,
    BackProp, CS231n, ACM) or a proper noun must be braced, or it prints in lower case."""
    for key, fields in bib_entries().items():
        title = fields["title"]
        bare = re.sub(r"\{[^{}]*\}", "", title[1:-1] if title.startswith("{") and title.endswith("}") else title)
        unprotected = [w for w in re.findall(r"[\w']+", bare) if any(ch.isupper() for ch in w[1:])]
        assert not unprotected, f"{key}: brace {unprotected} in its title, or it prints in lower case"
    assert "{Nerual Networks}" in bib_entries()["notes"]["title"]  # the seed's own capitals, kept as written


def test_a_citation_that_names_its_authors_uses_the_textual_form():
    """"Alpaydin and Kaynak {cite}`digits`" prints the authors twice; {cite:t} prints them once."""
    for page in toc_files():
        path = page_path(page)
        if path is None:
            continue
        text = page_text(path)
        for key, label in citations().items():
            surname = label.split(" ")[0].strip("“")
            for match in re.finditer(rf"{re.escape(surname)}[^`\n]{{0,30}}\{{cite(?::p)?\}}`{re.escape(key)}`", text):
                raise AssertionError(f"{page}: {match.group(0)!r} names the authors twice; write {{cite:t}}`{key}`")
