"""Derive exercises answered in the online book, without a kernel (part of the
``nnbook`` extension).

Every exercise whose checker in ``nnlib.check`` has ``kind == "derive"`` (a value or a
formula found on paper) gets, under its exercise cell (the code cell that calls
``check.<name>(…)``):

* an input for each thing to type (labelled), a Check button (Enter works too), a "Show
  hint" button that climbs the checker's hint ladder, and a verdict announced to screen
  readers;
* the exercise as JSON, exported at build time by ``exercise_data.py`` from the checker
  itself: its cases, right values, tolerances, mistakes' outcomes and messages.  The
  page never retypes a number or a message; ``nnbook-exercises-judge.js`` ports the
  engine's logic.

Under the chapter's title, a summary lists the page's exercises, the reader's progress
(kept in localStorage) and a control that clears it.  Only pages with such exercises
load the scripts and the style; math.js (pinned, from the same CDN as MathJax, with its
integrity hash) is fetched when a reader first focuses an input there (or comes back to
answers kept), not with every page.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

from docutils import nodes
from notebook_cells import code_cells
from sphinx.errors import ExtensionError
from sphinx.util import logging

HERE = Path(__file__).resolve().parent
NNLIB = HERE.parent.parent / "nnlib"
CALL = re.compile(r"\bcheck\.(\w+)\(")
TITLE = re.compile(r"^(Exercise\s+\d+\.\d+[^(]*?)\s*(?:\([^)]*\))?[\s.]*$")

#: math.js, pinned (tests/browser/package.json pins the same version, and
#: test_exercises.py checks the hash).
MATHJS_VERSION = "15.2.0"
MATHJS_URL = f"https://cdn.jsdelivr.net/npm/mathjs@{MATHJS_VERSION}/lib/browser/math.js"
MATHJS_INTEGRITY = (
    "sha384-LpGn2lk7TOLDOAQyf9Cu2w4SbGlD90sKeqiB5fOIRGdb46dR4SDki4prCSrx5OUl"
)

VARIABLE_NOTES = {
    "m": "m (the number of examples)",
    "l": "l (the layer, 1 … N)",
    "N": "N (the number of layers)",
    "n_l": "n_l (the units of layer l)",
    "n_prev": "n_prev (the units of layer l − 1)",
}

logger = logging.getLogger(__name__)


def code_hash():
    """A hash of what the exported exercises are computed from: nnlib (checkers and
    references) and this code."""
    h = hashlib.sha256()
    for path in [
        *sorted(NNLIB.rglob("*.py")),
        HERE / "exercise_data.py",
        HERE / "exercise_pages.py",
    ]:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _exercise_title(cell, name):
    """The exercise's title as HTML, "Exercise 4.3 — how much more probable?": the
    bold start of the nearest paragraph before the cell, its math left for MathJax as
    Sphinx leaves it."""
    parent = cell.parent
    for sibling in reversed(parent.children[: parent.index(cell)]):
        if isinstance(sibling, nodes.section):
            break
        for para in (
            sibling.findall(nodes.paragraph)
            if not isinstance(sibling, nodes.paragraph)
            else [sibling]
        ):
            strong = next(iter(para.findall(nodes.strong)), None)
            match = TITLE.match(strong.astext()) if strong is not None else None
            if match:
                return _title_html(strong, len(match.group(1).rstrip(" .")))
    return html.escape(f"The exercise {name}")


def _title_html(strong, length):
    """The first ``length`` characters of ``strong``'s text as HTML, inline math as
    Sphinx writes it."""
    out, used = [], 0
    for child in strong.children:
        text = child.astext()
        if used + len(text) > length:
            text = text[: length - used]
        if isinstance(child, nodes.math):
            out.append(
                '<span class="math notranslate '
                f'nohighlight">\\({html.escape(child.astext())}\\)</span>'
            )
        else:
            out.append(html.escape(text))
        used += len(text)
        if used >= length:
            break
    return "".join(out)


def _short(title):
    """ "exercise 4.3" for "Exercise 4.3 — how much more probable?"."""
    match = re.match(r"Exercise\s+(\d+\.\d+)", title)
    return f"exercise {match.group(1)}" if match else "this exercise"


def _help(ex):
    functions = ", ".join(ex["function_texts"])
    if ex["kind"] == "value":
        return (
            "A number, or an expression of numbers such as <code>-log(2)/3</code> or "
            "<code>3*2^-53</code>; an array as <code>[a, b]</code> or <code>[[a, b], "
            f"[c, d]]</code>. Functions: {html.escape(functions)}; constants: pi, e."
        )
    names = ", ".join(VARIABLE_NOTES.get(v, v) for v in ex["variables"])
    return (
        f"Variables: {html.escape(names)}. Functions: {html.escape(functions)}; "
        "constants: pi, e. Operators: + − * / ^ and parentheses. Your formula is "
        f"evaluated entry by entry at the checker's own {len(ex['cases'])} cases."
    )


def exercise_html(ex, title):
    """The in-page exercise that follows the exercise cell ``check.<name>(…)``."""
    name = html.escape(ex["name"])
    base = f"answer-{ex['name']}"
    inputs = []
    for k, entry in enumerate(ex["entries"]):
        inputs.append(
            '<div class="nn-exercise-entry"><label '
            f'for="{base}-{k}">{html.escape(entry["label"])}</label><input '
            f'class="nn-exercise-input" id="{base}-{k}" type="text" autocomplete="off" '
            'autocapitalize="off" autocorrect="off" spellcheck="false" '
            f'enterkeyhint="done" aria-describedby="{base}-help"></div>'
        )
    if len(inputs) > 1:
        inputs = [
            f"<fieldset><legend>{html.escape(ex['prompt'])}</legend>",
            *inputs,
            "</fieldset>",
        ]
    levels = len(ex["ladder"])
    data = json.dumps(ex, ensure_ascii=False, separators=(",", ":")).replace(
        "</", "<\\/"
    )
    return "\n".join(
        [
            f'<section class="nn-exercise" id="{base}" data-exercise="{name}" '
            f'aria-labelledby="{base}-title" data-reader="{MATHJS_URL}" '
            f'data-reader-integrity="{MATHJS_INTEGRITY}">',
            f'<p class="nn-exercise-title" id="{base}-title"><strong>Answer '
            f'{html.escape(_short(title))} here</strong>, '
            f"without Python: the same checks as <code>check.{name}</code> in the "
            "notebook.</p>",
            '<form class="nn-exercise-form" novalidate hidden>',
            *inputs,
            f'<p class="nn-exercise-help" id="{base}-help">{_help(ex)}</p>',
            '<div class="nn-exercise-actions"><button type="submit" '
            'class="nn-exercise-check">Check</button><button type="button" '
            f'class="nn-exercise-hint">Show hint 1 of {levels}</button></div>',
            f'<p class="nn-exercise-verdict" id="{base}-verdict" role="status" '
            'aria-live="polite"></p>',
            f'<ol class="nn-exercise-hints" aria-label="hints for {name}"></ol>',
            "</form>",
            '<noscript><p class="nn-exercise-help">Answering here needs JavaScript; '
            'the learner notebook checks it '
            "too.</p></noscript>",
            f'<script type="application/json" class="nn-exercise-data">{data}</script>',
            "</section>",
        ]
    )


def summary_html(found):
    links = ", ".join(
        f'<a href="#answer-{html.escape(name)}">{title}</a>' for name, title in found
    )
    count = f"{len(found)} exercise{'s' * (len(found) != 1)}"
    return (
        '<div class="nn-exercise-summary" hidden><p>'
        f"<strong>Answer in the page:</strong> {count} of this chapter can be answered "
        "here, without Python "
        f"({links}); what you type is kept in this browser only. "
        '<span class="nn-exercise-progress"></span> '
        '<button type="button" class="nn-exercise-reset">Clear my answers in this '
        'page</button> '
        '<span class="nn-exercise-reset-note" role="status"></span></p></div>'
    )


def add_exercises(app, doctree):
    """Put an in-page exercise under each derive exercise's cell, and the summary
    under the title."""
    import exercise_data

    checkers = exercise_data.derive_checkers()
    found = []
    for cell, source, _ in code_cells(doctree):
        if source is None:
            continue
        text = source.astext()
        names = [
            n
            for n in dict.fromkeys(CALL.findall(text))
            if n in checkers and n not in dict(found)
        ]
        for name in names:
            try:
                ex = exercise_data.export(checkers[name])
            except exercise_data.ExportError as exc:
                raise ExtensionError(
                    f"{app.env.docname}: the exercise {name} cannot be answered in the "
                    f"page: {exc}"
                ) from exc
            title = _exercise_title(cell, name)
            cell.parent.insert(
                cell.parent.index(cell) + 1,
                nodes.raw("", exercise_html(ex, title), format="html"),
            )
            found.append((name, title))
    _pages(app.env)[app.env.docname] = (code_hash(), [n for n, _ in found])
    if not found:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    after = next(
        (
            i
            for i, c in enumerate(section.children)
            if "learner-links" in c.get("classes", [])
        ),
        None,
    )
    if after is None:
        after = next(
            (i for i, c in enumerate(section.children) if isinstance(c, nodes.title)),
            -1,
        )
    section.insert(after + 1, nodes.raw("", summary_html(found), format="html"))


def _pages(env):
    """Every page read: the hash of the code its exercises were exported with, and
    their names."""
    if not hasattr(env, "nnbook_exercise_pages"):
        env.nnbook_exercise_pages = {}
    return env.nnbook_exercise_pages


def outdated_pages(app, env, added, changed, removed):
    """Pages read before this code (or nnlib) changed: their exercises, or lack of
    them, may differ."""
    now = code_hash()
    return [
        doc
        for doc in env.found_docs
        if _pages(env).get(doc, (None,))[0] != now and doc not in removed
    ]


def purge_page(app, env, docname):
    _pages(env).pop(docname, None)


def merge_pages(app, env, docnames, other):
    _pages(env).update({d: v for d, v in _pages(other).items() if d in docnames})


def add_assets(app, pagename, templatename, context, doctree):
    """The scripts and the style, on the pages with exercises only (math.js comes
    when a reader starts typing)."""
    if not _pages(app.env).get(pagename, (None, []))[1]:
        return
    app.builder.add_js_file("nnbook-exercises-judge.js", defer="defer")
    app.builder.add_js_file("nnbook-exercises.js", defer="defer")
    app.builder.add_css_file("nnbook-exercises.css")


def setup(app):
    app.connect("doctree-read", add_exercises, priority=600)
    app.connect("env-get-outdated", outdated_pages)
    app.connect("env-purge-doc", purge_page)
    app.connect("env-merge-info", merge_pages)
    app.connect("html-page-context", add_assets)
