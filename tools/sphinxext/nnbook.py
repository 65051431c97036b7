"""The book's own small Sphinx extension (enabled by ``sphinx: local_extensions:`` in
_config.yml).

* On every chapter page ``chapters/NN_*``, a line under the title links to the chapter's
  learner notebook ``learners/NN_*.ipynb``: a download, and "open in Colab" (built, like
  the theme's launch buttons, from ``repository: url/branch/path_to_book`` and
  ``launch_buttons: colab_url``).  A chapter without its learner notebook is a build
  warning: run ``make learners``.
* Loads MathJax on every page, not only on pages with equations of their own: the
  navigation shows chapter titles with math ("One layer: $z = Wa + b$") on every page.
* Adds ``nnbook-a11y.js``: accessible names the theme and myst-nb get wrong, and list
  roles for the citations (see the file).  The explorers' controls and pictures are
  written by ``explorer_pages.py``, with their names and alt text.
* Derive exercises answered in the page, without a kernel: ``exercise_pages.py``.
* ``reading.py``: titles without TeX, the search's scores, menu buttons at every width,
  equations and pictures on a phone, print rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import exercise_pages
import explorer_pages
import reading
from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
CHAPTER = re.compile(r"^chapters/(\d\d_\w+)$")
GITHUB = re.compile(r"github\.com/([^/]+)/([^/]+?)(?:\.git)?/?$")


def github(config):
    """The repository of the theme's settings: (owner, name, branch, the book's
    folder in it with a trailing slash, or ""); None when it is not on GitHub."""
    opts = config.html_theme_options
    match = GITHUB.search(opts.get("repository_url", ""))
    if not match:
        return None
    book = opts.get("path_to_docs", "").strip("/")
    return (
        match.group(1),
        match.group(2),
        opts.get("repository_branch") or "main",
        f"{book}/" if book else "",
    )


def colab_url(config, path):
    """The Colab address of the file ``path`` (relative to the book) in the
    repository."""
    repo = github(config)
    if not repo:
        return None
    owner, name, branch, book = repo
    launch = config.html_theme_options.get("launch_buttons") or {}
    colab = launch.get("colab_url") or "https://colab.research.google.com"
    return f"{colab.rstrip('/')}/github/{owner}/{name}/blob/{branch}/{book}{path}"


def add_learner_links(app, doctree):
    match = CHAPTER.match(app.env.docname)
    if not match:
        return
    name = f"{match.group(1)}.ipynb"
    if not (Path(app.srcdir) / "learners" / name).exists():
        logger.warning(
            f"no learner notebook learners/{name} for this chapter: run `make "
            "learners`",
            location=app.env.docname,
        )
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    para = nodes.paragraph(classes=["learner-links"])
    para += nodes.strong(text="Exercises: ")
    para += nodes.Text("download the learner notebook ")
    # A download_reference is collected (copied to _downloads/) by Sphinx's own
    # collector, which runs after this handler (priority 400 < 500).
    download = addnodes.download_reference(
        "",
        "",
        reftarget=f"/learners/{name}",
        refdoc=app.env.docname,
        refexplicit=True,
        reftype="download",
        refdomain="",
    )
    download += nodes.literal(name, name, classes=["xref", "download"])
    para += download
    url = colab_url(app.config, f"learners/{name}")
    if url:
        para += nodes.Text(" or ")
        para += nodes.reference(
            "", "open it in Colab", refuri=url, classes=["learner-colab"]
        )
    para += nodes.Text(".")
    title_index = next(
        (
            i
            for i, child in enumerate(section.children)
            if isinstance(child, nodes.title)
        ),
        -1,
    )
    section.insert(title_index + 1, para)


def add_static_path(app, config):
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup(app):
    explorer_pages.setup(app)
    exercise_pages.setup(app)
    reading.setup(app)
    app.set_html_assets_policy("always")
    app.connect("config-inited", add_static_path)
    app.connect("doctree-read", add_learner_links, priority=400)
    app.add_js_file("nnbook-a11y.js")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
