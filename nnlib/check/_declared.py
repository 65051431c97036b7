"""Where the checkers are found: declared at the top level of their chapter's module.

A checker needs no list of checkers: ``sigmoid_prime = Checker("sigmoid_prime", …)`` in
``nnlib/check/ch02_activations.py`` is all it takes for ``check.sigmoid_prime`` and
``check.CHECKERS["sigmoid_prime"]`` to exist, in the order of the chapters and of the
declarations in each.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from .engine import Checker

#: A chapter's module: ``ch`` and the chapter's notebook stem (``ch02_activations``).
CHAPTER_MODULE = re.compile(r"ch(\d\d_\w+)")


def declared(path, package):
    """Every :class:`Checker` at the top level of the chapter modules of ``package``, by
    name.

    Parameters
    ----------
    path : list of str
        The package's ``__path__``.
    package : str
        Its dotted name, ``"nnlib.check"``.

    Returns
    -------
    dict
        name → checker, chapter by chapter, each chapter's in the order they are
        declared. Each checker's ``chapter`` is set to its chapter's notebook stem.
    """
    found = {}
    for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        match = CHAPTER_MODULE.fullmatch(info.name)
        if not match:
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        for variable, value in vars(module).items():
            if not isinstance(value, Checker) or found.get(value.name) is value:
                continue
            if variable != value.name:
                raise ValueError(
                    f"{info.name}: the checker {value.name!r} is declared as "
                    f"{variable!r}; give the variable the exercise's name"
                )
            if value.name in found:
                raise ValueError(
                    f"{info.name}: a second exercise named {value.name!r} "
                    f"(the first is in chapter {found[value.name].chapter})"
                )
            value.chapter = match.group(1)
            found[value.name] = value
    return found
