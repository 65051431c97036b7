"""`make lab` starts JupyterLab on the learners' notebooks, as the README and the introduction say.

The test runs the Makefile's own target (so a broken recipe fails here), on a free port with
a token of its own (``make_lab`` in tests/conftest.py), waits for the server's status API,
asks it for the learners' folder and the lab page, then stops it.  Running the notebooks in
it is the browser suite's part (tests/browser/test_lab.py).
"""

from __future__ import annotations

import urllib.request

import pytest

from conftest import ROOT, lab_api, make_lab


@pytest.fixture(scope="module")
def lab():
    with make_lab() as running:
        yield running


def test_make_lab_serves_the_learners_notebooks(lab):
    url, token, status = lab
    assert "started" in status, status
    listing = lab_api(url, token, "/api/contents")  # the server's root is learners/
    names = {item["name"] for item in listing["content"]}
    expected = {p.name for p in (ROOT / "learners").glob("*.ipynb")}
    assert expected and expected <= names, expected - names
    assert "01_one_layer.ipynb" in names
    page = urllib.request.urlopen(urllib.request.Request(f"{url}/lab", headers={"Authorization": f"token {token}"}),
                                  timeout=10).read().decode()
    assert "JupyterLab" in page  # the lab application, not only the server
