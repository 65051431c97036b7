"""The authors' documentation is true where a test can tell: README.md and nnlib/README.md.

Every path they name exists (a path with a placeholder, ``chNN_<name>.py``, is a pattern
and is left out), every ``nnlib.<name>`` they mention imports, and every ``make <target>``
is a target of the Makefile.
"""

from __future__ import annotations

import importlib
import re

import pytest

from nbtools import ROOT

DOCS = [ROOT / "README.md", ROOT / "nnlib" / "README.md"]
SUFFIXES = (".py", ".md", ".yml", ".json", ".ipynb", ".js", ".sh", ".cfg", ".toml", ".txt", ".gz")
PLACEHOLDER = re.compile(r"[<>*…]|NN|\bname\b|_name\b|15_dropout")
CODE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
DOTTED = re.compile(r"\bnnlib(?:\.[A-Za-z_]\w*)+")
MAKE = re.compile(r"(?:`|^)make ([a-z][\w-]*)", re.MULTILINE)


def named_paths(text):
    """The file and folder paths a document names: in code spans and in links."""
    found = set()
    for token in CODE.findall(text) + [t for t in LINK.findall(text) if "://" not in t and not t.startswith("#")]:
        token = token.strip().rstrip(",.;:")
        if " " in token or "(" in token or "=" in token or token.startswith(("nnlib.", "-")):
            continue
        if ("/" in token or token.endswith(SUFFIXES)) and not PLACEHOLDER.search(token):
            found.add(token)
    return sorted(found)


def exists(doc, path):
    """A path exists relative to the repository, to the document's folder, or to nnlib/ (the layers' modules)."""
    return any((base / path.rstrip("/")).exists() for base in (ROOT, doc.parent, ROOT / "nnlib"))


def resolve(dotted):
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attr in parts[i:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(dotted)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_path_a_readme_names_exists(doc):
    paths = named_paths(doc.read_text(encoding="utf-8"))
    assert len(paths) >= 5, paths  # the test sees what it looks for
    missing = [p for p in paths if not exists(doc, p)]
    assert not missing, f"{doc.relative_to(ROOT)} names paths that do not exist: {missing}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_nnlib_name_a_readme_mentions_imports(doc):
    names = sorted(set(DOTTED.findall(doc.read_text(encoding="utf-8"))))
    assert doc != DOCS[1] or len(names) >= 3, names  # nnlib's README names its API
    broken = []
    for name in names:
        try:
            resolve(name)
        except (ImportError, AttributeError) as error:
            broken.append(f"{name} ({error})")
    assert not broken, f"{doc.relative_to(ROOT)} mentions names that do not import: {broken}"


def test_every_make_target_a_readme_mentions_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.MULTILINE))
    mentioned = {t for doc in DOCS for t in MAKE.findall(doc.read_text(encoding="utf-8"))}
    assert {"book", "test", "chapter"} <= mentioned
    assert not mentioned - targets, f"make targets that the Makefile lacks: {sorted(mentioned - targets)}"


def test_the_checks_see_a_wrong_path_and_a_wrong_name():
    """The path and name checks can fail: a made-up path and a made-up nnlib name are caught."""
    text = "see `nnlib/no_such_module.py` and `nnlib.no_such_function`"
    assert named_paths(text) == ["nnlib/no_such_module.py"]
    assert not exists(DOCS[1], "nnlib/no_such_module.py")
    with pytest.raises(AttributeError):
        resolve(DOTTED.findall(text)[0])


# ------------------------------------------------------------------------------ the API page
def api_objects():
    """Every function, class and public method the API page (chapters/api.md) documents."""
    import inspect

    api = (ROOT / "chapters" / "api.md").read_text(encoding="utf-8")
    found = []
    for module_name, members in re.findall(r"automodule:: ([\w.]+)\n\s+:members:(.*)", api):
        module = importlib.import_module(module_name)
        own = [n for n, o in vars(module).items()
               if not n.startswith("_") and getattr(o, "__module__", "") == module_name]
        names = [n.strip() for n in members.split(",") if n.strip()] or getattr(module, "__all__", None) or own
        for name in names:
            obj = getattr(module, name)
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            found.append((f"{module_name}.{name}", obj))
            if inspect.isclass(obj):
                found += [(f"{module_name}.{name}.{k}", v) for k, v in vars(obj).items()
                          if not k.startswith("_") and inspect.isfunction(v)]
    return found


def missing_sections(obj):
    """The numpydoc sections ``obj``'s docstring lacks: Parameters (when it takes any), Returns (a function)."""
    import inspect

    doc = inspect.getdoc(obj) or ""
    try:
        params = [p for p in inspect.signature(obj).parameters if p not in ("self", "cls")]
    except (TypeError, ValueError):
        params = []
    missing = [] if not params or "Parameters\n----------" in doc else ["Parameters"]
    if inspect.isfunction(obj) and "Returns\n-------" not in doc and "Yields\n------" not in doc:
        missing.append("Returns")
    return missing


def test_what_the_api_page_shows_has_numpydoc_parameters_and_returns():
    objects = api_objects()
    assert len(objects) >= 150, len(objects)
    lacking = {name: missing_sections(obj) for name, obj in objects if missing_sections(obj)}
    assert not lacking, f"docstrings without numpydoc sections: {lacking}"


def test_a_docstring_without_sections_is_seen():
    def undocumented(x):
        """Does something."""
        return x

    assert missing_sections(undocumented) == ["Parameters", "Returns"]
