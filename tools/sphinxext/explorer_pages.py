"""Explorers that move in the online book, without a kernel (part of the ``nnbook``
extension).

A chapter shows an explorer with a code cell ``widgets.explore("<name>")``, where
``<name>`` is the name the explorer is registered under in ``nnlib.explorers.EXPLORERS``
(declared with ``@explorer(name, chapter)``).  In a running notebook that is a live
ipywidgets explorer; in the built page its saved widget state could only show controls
that move and change nothing.  So, for every such cell:

* ``builder-inited``: the pictures of every explorer's grid of states are drawn in the
  background, two processes at a time, into ``_build/.explorer-frames`` (reused while
  nothing they depend on changes: ``explorer_frames.py``), while Sphinx executes the
  notebooks;
* ``doctree-read``: the cell's output is replaced by the static explorer: native HTML
  controls with the explorer's labels and ranges, the picture of the default state (with
  its alt text) and a note on what the grid holds; the page no longer loads the widget
  state and the ipywidgets JavaScript;
* ``build-finished``: the pictures are copied to ``_static/explorers/<name>-<key>/``,
  where ``nnbook-explorers.js`` swaps them as the reader moves a control (snapping to
  the nearest value drawn, saying so when other controls move with it, and showing that
  a picture is loading when it takes more than 150 ms).  The pictures are drawn at twice
  the size the page shows them (``width``/``height`` of the ``<img>``), for
  high-resolution screens.
"""

from __future__ import annotations

import ast
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from docutils import nodes
from notebook_cells import code_cells
from sphinx.errors import ExtensionError
from sphinx.util import logging

HERE = Path(__file__).resolve().parent
CHAPTER = re.compile(r"^chapters/\d\d_\w+$")
WORKERS = 2

logger = logging.getLogger(__name__)
_explorers = {}  # name -> (explorer, key): built once per build, in the main process


def _explorer(name):
    if name not in _explorers:
        # imports matplotlib and nnlib: only when a page has an explorer
        import explorer_frames

        from nnlib import explorers

        _explorers[name] = (
            explorers.EXPLORERS[name](),
            explorer_frames.frame_key(name),
        )
    return _explorers[name]


def shown_explorer(source):
    """The name in a cell that is just ``widgets.explore("<name>")``, else None."""
    try:
        tree = ast.parse(source.strip())
    except SyntaxError:
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    call = tree.body[0].value
    if (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "explore"
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "widgets"
        and len(call.args) == 1
        and not call.keywords
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    ):
        return call.args[0].value
    return None


def registered(docname):
    """The explorers registered for the chapter ``docname``
    (``chapters/03_forward``): their names."""
    from nnlib.explorers import EXPLORERS

    stem = docname.rsplit("/", 1)[-1]
    return [name for name, build in EXPLORERS.items() if build.chapter == stem]


def _cache(app):
    return Path(app.outdir).parent / ".explorer-frames"


def start_export(app):
    """Draw the pictures of every explorer in the background (two processes)."""
    from nnlib.explorers import EXPLORERS

    names = sorted(EXPLORERS, key=lambda n: -_drawing_seconds(_cache(app), n))
    groups, loads = [[] for _ in range(WORKERS)], [0.0] * WORKERS
    for name in names:  # the longest first, each to the process with the least to do
        k = loads.index(min(loads))
        groups[k].append(name)
        loads[k] += _drawing_seconds(_cache(app), name)
    app.nnbook_exports = []
    for group in groups:
        if not group:
            continue
        log = open(
            _cache(app).parent / f"explorer-frames-{len(app.nnbook_exports)}.log", "w"
        )
        cmd = [
            sys.executable,
            str(HERE / "explorer_frames.py"),
            str(_cache(app)),
            *group,
        ]
        path = os.pathsep.join(
            filter(None, [str(HERE), os.environ.get("PYTHONPATH")])
        )  # the caller's nnlib
        proc = subprocess.Popen(
            cmd,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=app.srcdir,
            env={**os.environ, "PYTHONPATH": path},
        )
        app.nnbook_exports.append((proc, log, group))


def _drawing_seconds(cache, name):
    """How long the explorer's pictures took to draw the last time (its manifest
    says), else 1 s."""
    for manifest in sorted(Path(cache).glob(f"{name}-*/manifest.json")):
        try:
            return float(
                json.loads(manifest.read_text(encoding="utf-8")).get("seconds", 1.0)
            )
        except (OSError, ValueError):
            pass
    return 1.0


def _control_html(c, k, page_id):
    cid = f"{page_id}-{c['name']}"
    label = f'<label for="{cid}">{html.escape(c["label"])}</label>'
    fixed = len(c["values"]) < 2
    disabled = " disabled" if fixed else ""
    text = html.escape(c["texts"][c["default"]])
    if c["kind"] == "select":
        options = []
        for value, option in zip(c["all_values"], c["options"]):
            if value in c["values"]:
                index = c["values"].index(value)
                selected = " selected" if index == c["default"] else ""
                options.append(
                    f'<option value="{index}"{selected}>{html.escape(option)}</option>'
                )
        widget = (
            f'<select id="{cid}" data-control="{k}"{disabled}>'
            f'{"".join(options)}</select>'
        )
        readout = ""
    else:
        positions = c["positions"]
        step = "1" if c["kind"] == "steps" else "any"
        widget = (
            f'<input type="range" id="{cid}" data-control="{k}" min="{c["min"]}" '
            f'max="{c["max"]}" '
            f'step="{step}" value="{positions[c["default"]]}" aria-valuetext="{text}"'
            f" data-positions='{json.dumps(positions)}' "
            f"data-texts='{html.escape(json.dumps(c['texts']))}'"
            f"{disabled}>"
        )
        readout = f'<output for="{cid}" aria-hidden="true">{text}</output>'
    note = (
        '<span class="nn-explorer-fixed">needs a running kernel</span>' if fixed else ""
    )
    return f'<div class="nn-explorer-control">{label}{widget}{readout}{note}</div>'


def launch_links(config, docname):
    """Links that open the chapter's notebook with a kernel: Colab and Binder (from
    _config.yml's settings)."""
    from nnbook import colab_url, github

    repo, links = github(config), []
    colab = colab_url(config, f"{docname}.ipynb")
    if colab:
        links.append(f'<a href="{colab}">Colab</a>')
    binder = (config.html_theme_options.get("launch_buttons") or {}).get(
        "binderhub_url"
    )
    if repo and binder:
        owner, name, branch, book = repo
        links.append(
            f'<a href="{binder.rstrip("/")}/v2/gh/{owner}/{name}/{branch}'
            f'?urlpath=tree/{book}{docname}.ipynb">Binder</a>'
        )
    return " or ".join(links)


def explorer_html(name, docname, config):
    """The static explorer that replaces the output of ``widgets.explore("<name>")``."""
    import explorer_frames

    explorer, key = _explorer(name)
    controls = explorer_frames.describe_controls(explorer)
    states = explorer_frames.state_indices(explorer)
    current = states.index([c["default"] for c in controls])
    base = "../" * docname.count("/") + f"_static/explorers/{name}-{key}/"
    page_id = f"explorer-{name}"
    width, height = explorer.fig.canvas.get_width_height(physical=True)
    alt = html.escape(explorer.alt())
    ext = explorer_frames.EXT
    parts = [
        f'<div class="nn-explorer" id="{page_id}" data-base="{base}" data-ext="{ext}" '
        f'data-current="{current}" '
        f"data-states='{json.dumps(states, separators=(',', ':'))}'>",
        '<div class="nn-explorer-controls" role="group" aria-label="controls of the '
        'explorer">',
        *(_control_html(c, k, page_id) for k, c in enumerate(controls)),
        "</div>",
        # said when a move takes other controls along (to the nearest setting drawn in
        # advance)
        '<p class="nn-explorer-moved" role="status" aria-live="polite"></p>',
        '<div class="nn-explorer-picture">',
        f'<img class="nn-explorer-frame" src="{base}{current}.{ext}" alt="{alt}" '
        f'width="{width}" height="{height}" decoding="async">',
        '<span class="nn-explorer-loading" aria-hidden="true">loading the '
        'picture…</span>',
        "</div>",
        f'<p class="nn-explorer-note">{len(states)} settings of this explorer are '
        'drawn in advance, '
        "so it works here without Python: a control snaps to the nearest one. "
        f"{html.escape(explorer.why)} "
        "Every setting is live in a running notebook: open this chapter on "
        f"{launch_links(config, docname)}.</p>",
        "</div>",
    ]
    return "\n".join(parts)


def replace_outputs(app, doctree):
    """Put a static explorer in place of each explorer cell's output (and drop the
    widget state).

    The explorers of a page are those registered for its chapter: each must be shown by
    a cell ``widgets.explore("<name>")``, and such a cell must name one of them.
    """
    docname, expected, found = app.env.docname, None, []
    for _, source, output in code_cells(doctree):
        name = shown_explorer(source.astext()) if source is not None else None
        if name is None or output is None:
            continue
        expected = registered(docname) if expected is None else expected
        if name not in expected:
            raise ExtensionError(
                f"{docname}: widgets.explore({name!r}) names no explorer registered "
                f"for this chapter ({', '.join(expected) or 'none'}); see "
                "nnlib/explorers/"
            )
        output.children = [
            nodes.raw("", explorer_html(name, docname, app.config), format="html")
        ]
        found.append(name)
    missing = (
        [n for n in registered(docname) if n not in found]
        if CHAPTER.match(docname)
        else []
    )
    if missing:
        logger.warning(
            f"{docname}: the explorers {', '.join(missing)} are registered for this "
            "chapter but no cell shows them (widgets.explore(...))"
        )
    if found:
        data = getattr(app.env, "nb_metadata", {}).get(docname, {})
        data.get("js_files", {}).pop("ipywidgets_state", None)
        _pages(app.env)[docname] = _code_hash()


def _pages(env):
    """The pages with an explorer, and the hash of nnlib's code their HTML was
    written with."""
    if not hasattr(env, "nnbook_explorer_pages"):
        env.nnbook_explorer_pages = {}
    return env.nnbook_explorer_pages


def _code_hash():
    import explorer_frames

    return explorer_frames.code_hash()


def outdated_pages(app, env, added, changed, removed):
    """Pages whose explorers were written with other code: their controls, grid or
    pictures may differ."""
    now = _code_hash()
    return [
        doc
        for doc, written in _pages(env).items()
        if written != now and doc not in removed
    ]


def purge_page(app, env, docname):
    _pages(env).pop(docname, None)


def merge_pages(app, env, docnames, other):
    _pages(env).update({d: k for d, k in _pages(other).items() if d in docnames})


def finish_export(app, exception):
    """Wait for the pictures and copy them next to the pages."""
    exports = getattr(app, "nnbook_exports", [])
    failed = []
    for proc, log, group in exports:
        code = proc.wait()
        log.close()
        if code:
            failed.append(f"{', '.join(group)} (exit code {code}; see {log.name})")
    if exception is not None or app.builder.format != "html":
        return
    if failed:
        raise ExtensionError(
            "drawing the explorers' pictures failed: " + "; ".join(failed)
        )
    target = Path(app.outdir) / "_static" / "explorers"
    target.mkdir(parents=True, exist_ok=True)
    wanted = {
        folder.name
        for folder in _cache(app).glob("*-*")
        if (folder / "manifest.json").exists()
    }
    for old in target.iterdir():
        if old.name not in wanted:
            shutil.rmtree(old, ignore_errors=True)
    for name in wanted:
        if not (target / name / "manifest.json").exists():
            shutil.copytree(_cache(app) / name, target / name, dirs_exist_ok=True)
    check_pages(app, target)


def check_pages(app, target):
    """Every explorer a page shows has its pictures (not so when nnlib was edited
    during the build)."""
    missing = []
    for doc in sorted(_pages(app.env)):
        page = Path(app.builder.get_outfilename(doc))
        text = page.read_text(encoding="utf-8") if page.exists() else ""
        for folder in re.findall(r'data-base="[^"]*_static/explorers/([^/"]+)/"', text):
            if not (target / folder / "manifest.json").exists():
                missing.append(f"{doc} ({folder})")
    if missing:
        raise ExtensionError(
            "pages show explorers whose pictures were not drawn (was nnlib edited "
            "while the "
            "book was built? build it again): " + ", ".join(missing)
        )


def setup(app):
    app.connect("builder-inited", start_export)
    app.connect("doctree-read", replace_outputs, priority=600)
    app.connect("env-get-outdated", outdated_pages)
    app.connect("env-purge-doc", purge_page)
    app.connect("env-merge-info", merge_pages)
    app.connect("build-finished", finish_export)
    app.add_js_file("nnbook-explorers.js")
    app.add_css_file("nnbook-explorers.css")
