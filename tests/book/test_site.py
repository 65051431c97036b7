"""The built pages without a browser: static figures, launch buttons, learner links, the look.

``BOOK_ROOT=/path/to/book`` checks that book's ``_build/html`` instead of building this one.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT
from nbtools import book_config, chapter_paths

BOOK = Path(os.environ.get("BOOK_ROOT", ROOT)).resolve()
HTML = BOOK / "_build" / "html"
CHAPTERS = chapter_paths(BOOK)
IDS = [p.stem for p in CHAPTERS]
CONFIG = book_config(BOOK)
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
HIDDEN_OUTPUT_TAGS = {"remove-output", "remove-cell"}


@pytest.fixture(scope="module")
def html(request):
    if "BOOK_ROOT" not in os.environ:
        request.getfixturevalue("built_book")
    return HTML


class Page(HTMLParser):
    """The parts of a page these tests read: images (and whether in a cell output), links."""

    def __init__(self, path):
        super().__init__()
        self.stack, self.images, self.links, self.head_links = [], [], [], []
        self.text = path.read_text(encoding="utf-8")
        self.feed(self.text)

    VOID = {
        "img",
        "br",
        "hr",
        "meta",
        "link",
        "input",
        "source",
        "wbr",
        "col",
        "area",
        "base",
        "embed",
        "param",
        "track",
    }

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if tag == "img":
            self.images.append({**attrs, "in_output": any("cell_output" in c for c in self.stack)})
        elif tag == "a" and attrs.get("href"):
            self.links.append({**attrs, "classes": classes})
        elif tag == "link":
            self.head_links.append(attrs)
        if tag not in self.VOID:
            self.stack.append(classes)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()


def repository():
    repo = CONFIG["repository"]
    org, name = re.search(r"github\.com/([^/]+)/([^/]+?)(?:\.git)?/?$", repo["url"]).groups()
    book = (repo.get("path_to_book") or "").strip("/")
    return org, name, repo.get("branch", "main"), (book + "/" if book else "")


def image_outputs(cell):
    if cell.cell_type != "code" or HIDDEN_OUTPUT_TAGS & set(cell.metadata.get("tags", [])):
        return 0
    return sum(1 for o in cell.outputs if any(k.startswith("image/") for k in o.get("data", {})))


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_chapter_shows_its_static_figures_without_a_kernel(html, path):
    executed = BOOK / "_build" / "jupyter_execute" / "chapters" / path.name
    nb = nbformat.read(executed if executed.exists() else path, as_version=4)
    expected = sum(image_outputs(c) for c in nb.cells)
    page = Page(html / "chapters" / f"{path.stem}.html")
    # An explorer's picture replaces its widget output (tests/book/test_explorer_frames.py checks those).
    figures = [i for i in page.images if i["in_output"] and "/_static/explorers/" not in i["src"]]
    assert expected >= 1, f"{path.name} has no static figure"
    assert len(figures) == expected, f"{len(figures)} figures in the page, {expected} image outputs in the notebook"
    for img in figures:
        assert (html / "chapters" / img["src"]).resolve().is_file(), f"missing image file {img['src']}"
        assert len(img.get("alt") or "") >= 40, f"figure without meaningful alt text: {img['src']}"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_binder_and_colab_buttons(html, path):
    org, name, branch, book = repository()
    launch = CONFIG["launch_buttons"]
    hrefs = {a["href"] for a in Page(html / "chapters" / f"{path.stem}.html").links}
    binder = (
        f"{launch['binderhub_url'].rstrip('/')}/v2/gh/{org}/{name}/{branch}?urlpath=tree/{book}chapters/{path.name}"
    )
    colab = f"{launch['colab_url'].rstrip('/')}/github/{org}/{name}/blob/{branch}/{book}chapters/{path.name}"
    assert binder in hrefs, f"no Binder button to {binder}"
    assert colab in hrefs, f"no Colab button to {colab}"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_learner_notebook_links_near_the_top(html, path):
    org, name, branch, book = repository()
    page = Page(html / "chapters" / f"{path.stem}.html")
    top = re.search(r'<p class="learner-links">(.*?)</p>', page.text, re.DOTALL)
    assert top, "no learner-links line (tools/sphinxext/nnbook.py)"
    first_h2 = page.text.find("<h2", page.text.find("<article"))
    assert first_h2 == -1 or top.start() < first_h2, "the learner links are not under the title"
    download = [
        a
        for a in page.links
        if "download" in a["classes"] and a["href"].endswith(f"/{path.name}") and "_downloads/" in a["href"]
    ]
    assert download, "no download link to the learner notebook"
    for a in download:
        served = (html / "chapters" / a["href"]).resolve().read_bytes()
        assert served == (BOOK / "learners" / path.name).read_bytes(), f"{a['href']} is not learners/{path.name}"
    colab_root = CONFIG["launch_buttons"]["colab_url"].rstrip("/")
    colab = f"{colab_root}/github/{org}/{name}/blob/{branch}/{book}learners/{path.name}"
    assert colab in {a["href"] for a in page.links}, f"no link to {colab}"


def test_favicon_and_logo_are_svg_and_used(html):
    for key in (CONFIG["html"]["favicon"], CONFIG["logo"]):
        root = ET.parse(BOOK / key).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox"), (
            f"{key} is not an SVG with a viewBox"
        )
        assert (html / "_static" / Path(key).name).read_bytes() == (BOOK / key).read_bytes()
    page = Page(html / "chapters" / "intro.html")
    assert any("icon" in (l.get("rel") or "") and l["href"].endswith("_static/favicon.svg") for l in page.head_links)
    assert any(i["src"].endswith("_static/logo.svg") and i.get("alt") for i in page.images)


def test_one_colour_blind_safe_figure_style():
    from nnlib import plots

    cycle = [c.upper() for c in plots.STYLE["axes.prop_cycle"].by_key()["color"]]
    assert set(cycle) <= OKABE_ITO, f"colours outside the Okabe–Ito palette: {set(cycle) - OKABE_ITO}"
    assert {c.upper() for c in plots.COLORS.values()} <= OKABE_ITO | {"#999999"}
    assert plots.STYLE["image.cmap"] in {"viridis", "cividis"}, "colour maps must be perceptually uniform and CVD-safe"
    assert min(plots.STYLE[k] for k in ("font.size", "axes.labelsize", "xtick.labelsize", "legend.fontsize")) >= 9
    for svg in ("favicon.svg", "logo.svg"):
        colours = {
            c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", (BOOK / "chapters" / "images" / svg).read_text())
        }
        assert colours <= OKABE_ITO | {"#FFFFFF", "#999999"}, f"{svg}: {colours - OKABE_ITO}"
