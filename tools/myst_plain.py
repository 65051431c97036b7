"""Markdown the book writes in MyST, rewritten for plain Jupyter (JupyterLab, Colab).

The learners' notebooks are read outside the book, where MyST's roles and directives
show as raw text.  :class:`Plain` rewrites a chapter's markdown cells:

* ``{eq}`eq-x``` → the equation's number, linked to the equation in the online book;
* ``$$ … $$ (eq-x)`` → the same equation, numbered with ``\\tag{n}``;
* ``{cite}`key``` → author–year text from ``chapters/references.bib``;
* ``{doc}``, ``{ref}``, ``{download}`` → a link to the online book, or the text alone;
* ``(label)=`` targets → removed;
* admonitions (``:::{note}``, ```` ```{admonition} ````) → block quotes with a bold
  title;
  ``:::{dropdown}`` → an HTML ``<details>`` block (folded in JupyterLab and Colab too);
* ``{glue:}`name``` → the value the chapter's cell glued under that name.

Equation numbers are the book's: numbered equations count up through the pages of
``_toc.yml``, as Sphinx numbers them.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from docutils.nodes import make_id

from nbtools import ROOT, book_config, page_path, toc_files
from nnlib.check._messages import number_equations

EQ_LABEL = re.compile(r"\$\$\s*\((eq-[\w-]+)\)")
EQ_BLOCK = re.compile(
    r"\$\$(.*?)\$\$([ \t]*\((eq-[\w-]+)\))?", re.S
)  # every display, in order
#: Targets of ``{ref}`` that have a page of their own among the learners' notebooks.
LEARNER_PAGES = {"notation": "notation.ipynb"}
LINK = re.compile(
    r"(?<![!^{])\[([^\]]*)\]\(([^)\s]*[./:#][^)\s]*)\)"
)  # [text](target): no image, no math's
# superscript a^{[l](i)}; a target is a path, a URL or an anchor
BIB = ROOT / "chapters" / "references.bib"
ROLE = re.compile(
    r"\{(eq|cite|cite:p|cite:t|doc|ref|download|glue|glue:|glue:text)\}`([^`]*)`"
)
DIRECTIVE = re.compile(
    r"^(?P<fence>:{3,}|`{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<title>.*)$"
)


def book_url():
    """The online book's address (``html: baseurl:`` in _config.yml), ending in a
    slash."""
    return book_config()["html"]["baseurl"].rstrip("/") + "/"


def page_text(path):
    """The markdown of a page of the book: a notebook's markdown cells, or a .md
    file."""
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return path.read_text(encoding="utf-8")


def equation_numbers(root=ROOT):
    """{label: (number, page)}: the book numbers its labelled equations 1, 2, … in
    the order of the pages."""
    numbers = {}
    for page in toc_files(root):
        path = page_path(page, root)
        if path is None:
            continue
        for label in EQ_LABEL.findall(page_text(path)):
            numbers[label] = (len(numbers) + 1, page)
    return numbers


def equation_sources(root=ROOT):
    """{label: LaTeX} of every labelled display equation of the book (the text
    between its ``$$``)."""
    sources = {}
    for page in toc_files(root):
        path = page_path(page, root)
        if path is not None:
            sources.update(
                {
                    label: latex.strip()
                    for latex, _, label in EQ_BLOCK.findall(page_text(path))
                    if label
                }
            )
    return sources


def page_titles(root=ROOT):
    """{page: its H1 title} for every page of the table of contents."""
    titles = {}
    for page in toc_files(root):
        path = page_path(page, root)
        if path is not None:
            found = re.search(r"^# (.+)$", page_text(path), re.M)
            titles[page] = found.group(1).strip() if found else page
    return titles


def bib_entries(bibfile=BIB):
    """{key: {field: value}} of every entry of a BibTeX file (its values in braces,
    as references.bib writes them)."""
    text = bibfile.read_text(encoding="utf-8")
    return {
        key: {
            f.lower(): v
            for f, v in re.findall(r"(\w+)\s*=\s*\{(.*?)\},?\s*$", body, re.S | re.M)
        }
        for key, body in re.findall(r"@\w+\{([^,\s]+),(.*?)\n\}", text, re.S)
    }


def citations(bibfile=BIB):
    """{key: "Author (year)"} for every entry of the bibliography, as the book's
    author-year style shows it."""
    out = {}
    for key, fields in bib_entries(bibfile).items():
        if "author" in fields:
            names = [
                a.strip() for a in re.sub(r"[{}]", "", fields["author"]).split(" and ")
            ]
            last = [
                n.split(",")[0].strip() if "," in n else n.split()[-1] for n in names
            ]
            who = (
                last[0]
                if len(last) == 1
                else f"{last[0]} and {last[1]}"
                if len(last) == 2
                else f"{last[0]} et al."
            )
        else:  # no author given: the title, as the book's references show it
            who = (
                f"“{re.sub(r'[{}]', '', fields['title'])}”"
                if "title" in fields
                else key
            )
        year = re.match(r"\d{4}", fields.get("year", ""))
        out[key] = f"{who} ({year.group(0) if year else 'n.d.'})"
    return out


def glued(nb):
    """{name: text} of every value a chapter's cells glued (myst-nb's ``glue``)."""
    values = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook", {})
            if record.get("name"):
                prefix = record.get("mime_prefix", "")
                values[record["name"]] = (
                    output.get("data", {}).get(f"{prefix}text/plain", "").strip("'\"")
                )
    return values


class Plain:
    """Rewrites the markdown of one chapter (``docname``, e.g.
    ``chapters/02_activations``)."""

    def __init__(self, docname, glue=None, numbers=None, cites=None, url=None):
        self.docname = docname
        self.glue = glue or {}
        self.numbers = numbers if numbers is not None else equation_numbers()
        self.cites = cites if cites is not None else citations()
        self.url = url or book_url()

    def table(self):
        """The equation numbers as ``nnlib.check``'s messages read them
        (``nnlib/data/equations.json``)."""
        return {
            label: {"number": number, "page": page}
            for label, (number, page) in self.numbers.items()
        }

    def code(self, source):
        """A code cell's equation labels (``eq-x``, ``eq. (eq-x)`` in comments and
        hints) as ``eq. (n)``."""
        return number_equations(source, self.table())

    def link(self, page, anchor=""):
        return f"{self.url}{page}.html" + (f"#{anchor}" if anchor else "")

    def role(self, match):
        kind, text = match.group(1), match.group(2)
        label, target = (text, text)
        angled = re.match(r"(.*?)\s*<([^>]+)>$", text, re.S)
        if angled:
            label, target = angled.group(1), angled.group(2)
        if kind == "eq":
            number, page = self.numbers[target]
            # Sphinx's id: lower case
            return f"[({number})]({self.link(page, make_id('equation-' + target))})"
        if kind.startswith("cite"):
            return "; ".join(
                self.cites.get(k.strip(), k.strip()) for k in target.split(",")
            )
        if kind == "doc":
            page = str((Path(self.docname).parent / target).as_posix()).removesuffix(
                ".md"
            )
            return f"[{label if angled else target}]({self.link(page)})"
        if kind.startswith(
            "glue"
        ):  # {glue:text}`name:.2f`: the glued value, formatted as in the book
            name, _, spec = target.partition(":")
            value = self.glue[name]
            return format(float(value), spec) if spec else value
        if (
            kind == "ref" and target in LEARNER_PAGES
        ):  # a page the learners' folder has too
            return f"[{label}]({LEARNER_PAGES[target]})"
        return label  # {ref}, {download}: the text alone

    def directive(self, lines, i):
        """The lines of one directive block starting at ``lines[i]``, rewritten; and
        the index after it."""
        m = DIRECTIVE.match(lines[i])
        fence, name, title = m.group("fence"), m.group("name"), m.group("title").strip()
        body, j = [], i + 1
        while j < len(lines) and lines[j].strip() != fence:
            if not re.match(
                r"^:\w[\w-]*:", lines[j]
            ):  # directive options such as :class: warning
                body.append(lines[j])
            j += 1
        body = self.lines(body)
        if name == "dropdown":
            return [
                "<details>",
                f"<summary>{title or 'More'}</summary>",
                "",
                *body,
                "",
                "</details>",
            ], j + 1
        head = title or name.capitalize()
        return [
            f"> **{head}**",
            ">",
            *(f"> {line}" if line else ">" for line in body),
        ], j + 1

    def lines(self, lines):
        out, i = [], 0
        while i < len(lines):
            line = lines[i]
            if DIRECTIVE.match(line):
                block, i = self.directive(lines, i)
                out += block
                continue
            if re.match(r"^\([\w-]+\)=\s*$", line):  # a target: nothing to show
                i += 1
                continue
            out.append(line)
            i += 1
        return out

    def relink(self, match):
        """A link between pages: a chapter stays a link to its learner notebook,
        beside this one; any other page of the book (``intro.md``) becomes a link to
        the online book."""
        text, target = match.group(1), match.group(2)
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            return match.group(0)
        path, _, anchor = target.partition("#")
        if path.endswith(".ipynb") and re.match(r"^\d\d_", Path(path).name):
            return match.group(0)
        page = str((Path(self.docname).parent / path).as_posix())
        page = re.sub(r"\.(md|ipynb)$", "", page)
        return f"[{text}]({self.link(page, anchor)})"

    def __call__(self, text):
        text = "\n".join(self.lines(text.split("\n")))
        text = re.sub(
            r"\$\$\s*\((eq-[\w-]+)\)",
            lambda m: f"\\tag{{{self.numbers[m.group(1)][0]}}} $$",
            text,
        )
        text = LINK.sub(self.relink, text)
        return ROLE.sub(self.role, text)
