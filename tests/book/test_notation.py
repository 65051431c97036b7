"""One notation across the book: a letter means one thing (chapters/intro.md, section Notation).

The introduction fixes the index i for examples (x^(i), column i of a batch) and J for the cost;
units, classes and entries are counted by other letters (j, k, c, ...).  Where the markdown of a
page shows a letter in a role the introduction gives to another, or in two roles at once, this
test names the page and quotes both uses.  What it can tell apart from the math alone:

* i for an example (x^(i), a sum from i = 1 to m, column :,i) against i for a unit, class or
  entry (z_i, W_{ij}, a sum from i = 1 to n, "unit i", [i = j]): the latter is never allowed;
* J for the cost against J for a Jacobian or any matrix with entries (J_{jc}, Jᵀ ∇, "Jacobian
  J"): the latter is never allowed;
* k for a count (k classes, k × k, ℝ^k, a sum up to k, ε^k) against k for an index (z_k, W_{jk},
  a sum over k): a page may use one or the other, not both.
"""
from __future__ import annotations

import re

import pytest

from myst_plain import page_text
from nbtools import page_path, toc_files

ROLES = {
    "i": {
        "an example": r"\(i\)|\\sum_\{i\s*=\s*1\}\^\{?m\b|_\{:,\s*i\}|i \\in \\mathcal B|example \$i\$",
        "a unit, class or entry": r"(?<!\\sum)(?<!\\prod)(?<!\\max)_i(?![\w=])|(?<!\\sum)_\{i[a-z]?\}"
                                  r"|_\{i\s*=\s*1\}\^\{?n|(?:unit|units|class|row|entry) \$i\$|\[i = j\]|\[j = i\]",
    },
    "J": {
        "a Jacobian or a matrix": r"J_\{[a-z]{1,2}\}|(?<!\\nabla )\bJ\^\{?T\}?|Jacobian,? \$J|\$J\$ of the check"
                                  r"|\bJ = \\operatorname\{diag|(?<!\\bar )(?<!\\dot )\bJ = \\frac\{\\partial [^J]",
    },
    "k": {
        "a count": r"\$k\$ (?:classes|outputs|outcomes|terms|zeros)|\\mathbb\{R\}\^\{?k\b|k \\times k|k\s*-\s*1\b"
                   r"|=\s*[01]\}\^\{?k\b|length \$k\$|\\varepsilon\^\{?k\b|slope \$k\$",
        "an index": r"(?<!\^)_k(?![\w])|_\{[a-z]?k[a-z]?\}|\\sum_k\b|\\sum_\{k\s*=|(?:unit|class|column) \$k\$",
    },
}
#: Roles a letter never has anywhere in the book, whatever else the page does with it.
NEVER = {("i", "a unit, class or entry"), ("J", "a Jacobian or a matrix")}


def pages():
    out = []
    for page in toc_files():
        path = page_path(page)
        if path is not None:
            out.append((page, page_text(path)))
    return out


PAGES = pages()


def uses(text, pattern):
    text = re.sub(r"(\{[\w:-]+\})?`[^`]*`", "", text)  # roles ({glue:text}`name`) and code are not notation
    return [text[max(m.start() - 25, 0):m.end() + 10].replace("\n", " ") for m in re.finditer(pattern, text)]


@pytest.mark.parametrize("page,text", PAGES, ids=[p for p, _ in PAGES])
def test_a_letter_keeps_one_meaning_on_a_page(page, text):
    problems = []
    for letter, roles in ROLES.items():
        found = {role: uses(text, pattern) for role, pattern in roles.items()}
        for role, where in found.items():
            if where and (letter, role) in NEVER:
                problems.append(f"{letter} as {role}, which the introduction gives another letter: {where[:2]}")
        both = [role for role, where in found.items() if where]
        if len(both) > 1:
            problems.append(f"{letter} as {both[0]} ({found[both[0]][0]!r}) and as {both[1]} "
                            f"({found[both[1]][0]!r})")
    assert not problems, f"{page}: " + "; ".join(problems)


def test_the_patterns_see_what_they_look_for():
    """Each pattern finds its own examples, so that a clean page is clean and not unseen."""
    samples = {
        ("i", "an example"): r"$x^{(i)}$, $\sum_{i=1}^{m}$, $\hat y_{:,i}$",
        ("i", "a unit, class or entry"): r"$z_i$, $W_{ij}$, unit $i$, $\sum_{i=1}^{n_l}$, $[i = j]$",
        ("J", "a Jacobian or a matrix"): r"$J_{jc}$, $J^T \nabla$, the Jacobian $J$, "
                                         r"$J = \frac{\partial \hat y}{\partial z}$",
        ("k", "a count"): r"$k$ classes, $k \times k$, $\mathbb{R}^k$, $\sum_{j=1}^{k}$, $\varepsilon^k$",
        ("k", "an index"): r"$z_k$, $W_{jk}$, $\sum_k$, $\sum_{k=1}^{n}$",
    }
    for (letter, role), sample in samples.items():
        assert uses(sample, ROLES[letter][role]), (letter, role)
    clean = (r"$J = \frac1m \sum_{i=1}^{m} \mathcal L^{(i)}$, $\nabla_{W} J$, $J_{\mathcal B}$, $z^{[l]}_j$, "
             r"$\bar J = \frac{\partial J}{\partial J} = 1$")
    for (letter, role) in NEVER:
        assert not uses(clean, ROLES[letter][role]), (letter, role)
    assert not uses(r"$\sum_i \mathcal L^{(i)}$, $\sum_{i} \delta^{(i)}$", ROLES["i"]["a unit, class or entry"])
    assert not uses(r"$\nabla J^T \Delta$", ROLES["J"]["a Jacobian or a matrix"])
