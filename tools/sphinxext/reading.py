"""How the pages read in a browser's tab, in search results and on every screen (part of
``nnbook``).

* **Titles without TeX.**  A chapter title with math ("The output error
  $\\delta^{[N]}$") is typeset in the page and the navigation (MathJax), but the
  browser's tab and Sphinx's search results show the title as text, where TeX would stay
  raw: ``<title>`` and the search index get a plain version (``\\delta^{[N]}`` →
  ``δ^[N]``).
* **Search ranks the chapters first.**  ``search_scorer.js`` (Sphinx's
  ``html_search_scorer``): a heading that names the term is where the book teaches it,
  and counts above an API entry.
* **One copy of each inline script.**  Sphinx 7.4 writes an inline ``<script>`` that an
  extension registers after the builder started twice (once as registered, once again
  from the registry with an empty file name instead of None); for ``const`` declarations
  the second throws ("Identifier 'THEBE_JS_URL' has already been declared",
  sphinx-thebe's configuration).  Each page keeps the first of identical scripts.
* ``nnbook.css`` and ``nnbook-page.js``: equations that scroll in their own box on a
  phone, pictures the width of the screen there, print rules, and menu buttons that work
  at every width (see the files).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from docutils import nodes

HERE = Path(__file__).resolve().parent
SCORER = HERE / "search_scorer.js"

#: TeX commands of the book's titles, as text.
TEX_WORDS = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "eta": "η",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "pi": "π",
    "sigma": "σ",
    "tau": "τ",
    "phi": "φ",
    "omega": "ω",
    "Delta": "Δ",
    "Sigma": "Σ",
    "nabla": "∇",
    "partial": "∂",
    "cdot": "·",
    "times": "×",
    "circ": "∘",
    "le": "≤",
    "ge": "≥",
    "ne": "≠",
    "approx": "≈",
    "to": "→",
    "infty": "∞",
    "sum": "Σ",
    "prime": "′",
}
_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")
_FONT = re.compile(
    r"\\(?:mathcal|mathbf|mathrm|boldsymbol|operatorname|text)\s*\{([^{}]*)\}"
)
_HAT = re.compile(r"\\hat\s*\{?([A-Za-z])\}?")


def tex_as_text(tex):
    """Inline TeX as plain text: ``\\delta^{[N]}`` → ``δ^[N]``, ``g'`` → ``g′``,
    ``\\hat y`` → ``ŷ``."""
    text = _FONT.sub(r"\1", tex)
    text = _HAT.sub(lambda m: m.group(1) + "\u0302", text)
    text = _COMMAND.sub(lambda m: TEX_WORDS.get(m.group(1), m.group(1)), text)
    text = text.replace("'", "′").replace("{", "").replace("}", "").replace("\\", "")
    return re.sub(r"\s+", " ", text).strip()


def plain_title(node):
    """The text of a title node, its math written as text (see :func:`tex_as_text`)."""
    if node is None:
        return ""
    parts = []
    for child in node.children:
        if isinstance(child, nodes.math):
            parts.append(tex_as_text(child.astext()))
        elif isinstance(child, nodes.Element):
            parts.append(plain_title(child))
        else:
            parts.append(child.astext())
    return "".join(parts)


def page_title(app, pagename, templatename, context, doctree):
    """``<title>`` without TeX (the theme writes ``title|striptags``, which leaves
    ``\\(...\\)``)."""
    node = app.env.longtitles.get(pagename)
    if node is not None and node.next_node(nodes.math) is not None:
        context["title"] = html.escape(plain_title(node))


def one_copy_of_each_script(app, pagename, templatename, context, doctree):
    """Drop the second of two identical ``<script>``s (Sphinx 7.4 writes late inline
    ones twice)."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for js in scripts:
        key = (
            getattr(js, "filename", js) or "",
            getattr(js, "priority", 0),
            tuple(sorted(getattr(js, "attributes", {}).items())),
        )
        if key not in seen:
            seen.add(key)
            kept.append(js)
    context["script_files"] = kept


def search_titles(app, exception):
    """The search index's page and section titles without TeX (``searchindex.js``,
    rewritten in place)."""
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / "searchindex.js"
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    start, end = text.index("(") + 1, text.rindex(")")
    index = json.loads(text[start:end])
    for i, docname in enumerate(index["docnames"]):
        node = app.env.longtitles.get(docname)
        if node is not None and node.next_node(nodes.math) is not None:
            index["titles"][i] = html.escape(plain_title(node))
    index["alltitles"] = {
        (tex_as_text(t) if "\\" in t else t): where
        for t, where in index["alltitles"].items()
    }
    path.write_text(
        text[:start]
        + json.dumps(index, separators=(",", ":"), ensure_ascii=False)
        + text[end:],
        encoding="utf-8",
    )


def use_scorer(app, config):
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def setup(app):
    app.connect("config-inited", use_scorer)
    app.connect("html-page-context", page_title)
    app.connect("html-page-context", one_copy_of_each_script, priority=900)
    app.connect("build-finished", search_titles)
    app.add_js_file("nnbook-page.js")
    app.add_css_file("nnbook.css")
