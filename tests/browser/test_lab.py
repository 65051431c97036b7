"""A learner's first minutes in JupyterLab, in chromium: `make lab`, open a chapter, Run All, move a slider.

JupyterLab is started by the Makefile's own target (``make_lab`` in tests/conftest.py) with
settings of the test's own, in a temporary folder: every cell kept in the page (no windowing,
so that all outputs can be read), no autosave (nothing is written into learners/), no news.
Checkpoints go to the temporary folder too.  The notebook is opened, run with Run → Run All
Cells, and read: every exercise's checker must say its stub is not done yet, and the progress
cell must list every exercise as not done.  Then the first slider of the first explorer is
moved with the keyboard and the explorer's picture must change: a new image, other bytes.  The
notebook is never saved; learners/ must be byte for byte what it was.  A screenshot of the
moved explorer goes to ``_build/screenshots/lab-<chapter>.png``.

The exercises are read from the notebook itself: the code cells that call ``check.<name>(...)``.
"""

from __future__ import annotations

import ast
import json
import re
import time

import pytest

from conftest import ROOT, make_lab

from .conftest import SHOTS, VIEWPORT

LEARNERS = ROOT / "learners"
# A quick chapter with an explorer of six sliders and functions to write; one with values derived on
# paper, planted bugs to fix and the end-to-end backward pass.
NOTEBOOKS = ["01_one_layer.ipynb", "10_parameter_gradients.ipynb"]
WAIT_S = 180  # a chapter runs in ~10 s on a quiet machine; a loaded one may take far longer
NOT_CHECKS = {"progress", "hint", "report_gradients", "try_it"}  # check's functions that are no checker
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}
NOT_YET = re.compile(r"⏳ (\w+) is not (?:implemented|answered|fixed) yet")  # a stub's message (nnlib/check/engine.py)

CELLS = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')].map(cell => ({
    prompt: cell.querySelector('.jp-InputPrompt')?.textContent.trim() ?? '',
    outputs: [...cell.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText),
    errors: [...cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
        .map(o => o.innerText),
}))"""
# Run All has finished: no cell waits, and every code cell has run (or one failed, which stops the rest).
RAN = """() => {
    const prompts = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')]
        .map(p => p.textContent.trim());
    const failed = document.querySelector('.jp-NotebookPanel [data-mime-type="application/vnd.jupyter.stderr"]');
    return prompts.length > 0 && !prompts.includes('[*]:') && (failed || prompts.every(p => /^\\[\\d+\\]:$/.test(p)));
}"""
SHOWN = "img => img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0"
PICTURE = """async img => {
    const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return {src: img.src, bytes: bytes.length, png: String.fromCharCode(...bytes.slice(1, 4)) === 'PNG',
            sha256: [...digest].map(b => b.toString(16).padStart(2, '0')).join(''),
            width: img.naturalWidth, height: img.naturalHeight};
}"""


def exercises(notebook):
    """(cell index, name) of every exercise's checker call, and the names the progress cell lists."""
    checks, progress = [], None
    for i, cell in enumerate(json.loads(notebook.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "check"):
                continue
            if node.func.attr == "progress":
                progress = (i, ast.literal_eval(node.args[0]))
            elif node.func.attr not in NOT_CHECKS:
                checks.append((i, node.func.attr))
    return checks, progress


def snapshot(folder):
    """Every file below ``folder`` (hidden ones too) and its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def write_settings(folder):
    for plugin, values in SETTINGS.items():
        path = folder / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    return folder


def run_notebook(tab, url, token, notebook, n_cells):
    """Open the notebook, wait for its kernel, Run All; the cells as the page shows them."""
    tab.goto(f"{url}/lab/tree/{notebook}?token={token}")
    tab.wait_for_function(f"() => document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell').length"
                          f" === {n_cells}", timeout=WAIT_S * 1000)
    tab.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"\| Idle$")).wait_for(timeout=WAIT_S * 1000)
    tab.get_by_role("menuitem", name="Run", exact=True).click()
    tab.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    tab.wait_for_function(RAN, timeout=WAIT_S * 1000)
    return tab.evaluate(CELLS)


def move_slider(tab, notebook):
    """Move the first slider of the first explorer one step; its value and picture before and after."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # not at import: without it, tests skip
    explorer = tab.locator(".jp-NotebookPanel .widget-vbox:has(> .widget-image)").first
    image = explorer.locator(":scope > .widget-image")
    image.wait_for(timeout=WAIT_S * 1000)
    tab.wait_for_function(SHOWN, arg=image.element_handle(), timeout=WAIT_S * 1000)
    slider = explorer.locator(".widget-slider").first
    handle = slider.locator("[role=slider]")
    moved = {"label": slider.locator(".widget-label").inner_text(), "value_before": handle.get_attribute(
        "aria-valuenow"), "before": image.evaluate(PICTURE)}
    at_max = moved["value_before"] == handle.get_attribute("aria-valuemax")
    handle.focus()
    handle.press("ArrowLeft" if at_max else "ArrowRight")
    try:
        tab.wait_for_function(f"img => img.src !== {json.dumps(moved['before']['src'])} && ({SHOWN})(img)",
                              arg=image.element_handle(), timeout=WAIT_S * 1000)
    except PlaywrightTimeout as exc:  # the test says what did not happen
        moved["timeout"] = str(exc).splitlines()[0]
    moved["value_after"] = handle.get_attribute("aria-valuenow")
    moved["after"] = image.evaluate(PICTURE)
    moved["message"] = explorer.locator(":scope > .widget-html").inner_text()
    explorer.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    moved["screenshot"] = SHOTS / f"lab-{notebook.removesuffix('.ipynb')}.png"
    tab.screenshot(path=str(moved["screenshot"]))
    return moved


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=[n.removesuffix(".ipynb") for n in NOTEBOOKS])
def lab_run(browser, tmp_path_factory, request):
    """The notebook run all in JupyterLab and its explorer moved: what the page showed, and learners/ after."""
    start = time.perf_counter()
    notebook = request.param
    tmp = tmp_path_factory.mktemp("lab")
    checks, progress = exercises(LEARNERS / notebook)
    n_cells = len(json.loads((LEARNERS / notebook).read_text(encoding="utf-8"))["cells"])
    before = snapshot(LEARNERS)
    args = (f"--LabApp.user_settings_dir={write_settings(tmp / 'settings')}",
            f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
            f"--FileCheckpoints.checkpoint_dir={tmp / 'checkpoints'}")  # an absolute path: not in learners/
    run = {"notebook": notebook, "checks": checks, "progress": progress, "page_errors": []}
    with make_lab(*args) as (url, token, _):
        context = browser.new_context(viewport=VIEWPORT)
        try:
            tab = context.new_page()
            tab.on("pageerror", lambda e: run["page_errors"].append(e.message))
            run["cells"] = run_notebook(tab, url, token, notebook, n_cells)
            run["ran_at"] = round(time.perf_counter() - start, 1)
            run["moved"] = move_slider(tab, notebook)
        finally:
            context.close()  # unsaved, as a learner who closes the tab
    after = snapshot(LEARNERS)
    run["learners_changed"] = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    run["seconds"] = round(time.perf_counter() - start, 1)
    print(f"\nlab: {notebook}: Run All done at {run['ran_at']} s, JupyterLab stopped at {run['seconds']} s")
    return run


def test_run_all_runs_every_cell(lab_run):
    cells = lab_run["cells"]
    errors = [(i, e) for i, c in enumerate(cells) for e in c["errors"]]
    assert not errors, f"cells wrote errors: {errors}"
    not_run = [i for i, c in enumerate(cells) if c["prompt"] and not re.fullmatch(r"\[\d+\]:", c["prompt"])]
    assert not not_run, f"cells {not_run} did not run"
    assert not lab_run["page_errors"], lab_run["page_errors"]


def test_every_stub_says_it_is_not_done_yet(lab_run):
    checks, cells = lab_run["checks"], lab_run["cells"]
    assert checks, f"{lab_run['notebook']} has no exercise (no cell calls check.<name>(...))"
    shown = [(i, m.group(1)) for i, c in enumerate(cells) for o in c["outputs"] if (m := NOT_YET.match(o))]
    missing = [(i, name) for i, name in checks if (i, name) not in shown]
    assert not missing, "no 'not implemented/answered yet' message under " + "; ".join(
        f"cell {i} ({name}): {cells[i]['outputs']}" for i, name in missing)
    assert sorted(shown) == sorted(checks), shown  # one message per exercise, under its own cell, and no other
    print(f"\nlab: {len(shown)} stub messages for {len(checks)} exercises of {lab_run['notebook']}")


def test_progress_lists_every_exercise_as_not_done(lab_run):
    assert lab_run["progress"], f"{lab_run['notebook']} has no check.progress([...]) cell"
    i, names = lab_run["progress"]
    assert sorted(names) == sorted(name for _, name in lab_run["checks"])  # the progress cell lists them all
    lines = "".join(lab_run["cells"][i]["outputs"]).strip().splitlines()
    assert lines == [*(f"⏳ {name}: not done yet" for name in names), f"0 of {len(names)} exercises passed."]


def test_moving_a_slider_redraws_the_picture(lab_run):
    moved = lab_run["moved"]
    before, after = moved["before"], moved["after"]
    where = f"slider {moved['label']!r} of the first explorer in {lab_run['notebook']}"
    assert moved["value_after"] != moved["value_before"], f"{where}: the key did not move it"
    assert "timeout" not in moved, f"{where} moved from {moved['value_before']} to {moved['value_after']}, " \
                                   f"but the picture stayed {before['src']}: {moved['timeout']}"
    assert before["png"] and after["png"] and after["width"] > 0, (before, after)
    assert after["sha256"] != before["sha256"], f"{where}: a new image, but the same picture"
    assert not moved["message"].strip(), f"{where}: {moved['message']}"
    assert moved["screenshot"].stat().st_size > 0


def test_the_learners_folder_is_left_as_it_was(lab_run):
    assert not lab_run["learners_changed"], f"JupyterLab wrote into learners/: {lab_run['learners_changed']}"
