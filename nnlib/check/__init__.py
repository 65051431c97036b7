"""Exercise checkers: ``check.<exercise>(your_function)``, one module per chapter.

A checker calls your function on several inputs, edge cases included, compares with
nnlib's reference, and answers in one line: what passed, or the first thing that is
wrong, in your terms (shape and transposition, the first wrong entry, a factor of m, a
changed input, an exception, a missing ``return``) or, for a known mistake, what it is.

Layout: :mod:`.engine` compares and explains (:class:`Checker`, :class:`Mistake`,
:class:`Hint`, :class:`Result`; its general messages in ``_general.py``, their words in
``_messages.py``), :mod:`.answer` checks a value derived on paper (:class:`Answer`);
``chNN_<chapter>.py`` holds the checkers of chapter NN, each with its cases and its
known mistakes.  Adding an exercise is declaring its
``Checker`` in its chapter's module: :func:`._declared.declared` finds it there, and it
is ``check.<name>`` and ``CHECKERS[name]``.
"""

from ._declared import declared
from ._diagnose import report_gradients, try_it
from ._messages import hint_message
from .answer import Answer
from .engine import RECORD, TIME_LIMIT, Checker, Hint, Mistake, Result

#: Every checker by exercise name, in the order of the chapters and of the exercises in
#: them.
CHECKERS = declared(__path__, __name__)
globals().update(CHECKERS)

#: The highest level of each exercise's hint ladder shown in this Python session.
SHOWN = {}


def hint(name, level=None):
    """Print the next level of exercise ``name``'s hint ladder (or level ``level``),
    saying which of how many.

    Level 1 is the question in the exercise's cell; the first call shows the next one,
    and each call one more. Only the last level may show code.
    """
    checker = CHECKERS.get(name)
    if checker is None:
        print(
            f"There is no exercise {name!r}; the exercises are: {', '.join(CHECKERS)}"
        )
        return
    ladder = checker.ladder
    if not ladder:
        print(f"{name} has no hints: re-read the equation its exercise points to.")
        return
    if level is None:
        # a stub shows level 1; a planted bug shows none
        start = 1 if checker.kind == "bug" else 2
        level = min(max(SHOWN.get(name, start - 1) + 1, start), len(ladder))
    if not isinstance(level, int) or not 1 <= level <= len(ladder):
        print(
            f"{name} has hint levels 1 to {len(ladder)}; check.hint({name!r}) "
            "shows the next one"
        )
        return
    SHOWN[name] = max(SHOWN.get(name, 0), level)
    print(hint_message(name, ladder, level))


def progress(names):
    """Print how the exercises ``names`` stand in this session: passed, failed (and
    why), or not tried."""
    for name in names:
        result = RECORD.get(name)
        if result is None:
            print(f"·  {name}: not tried yet")
        elif result.passed:
            print(f"✅ {name}: passed")
        elif result.message.startswith("⏳"):
            print(f"⏳ {name}: not done yet")
        else:
            first_line = result.message.split("\n")[0].split(": ", 1)[-1]
            print(f"❌ {name}: failed: {first_line}")
    done = sum(1 for n in names if n in RECORD and RECORD[n].passed)
    print(f"{done} of {len(names)} exercises passed.")


__all__ = [
    "CHECKERS",
    "RECORD",
    "TIME_LIMIT",
    "Answer",
    "Checker",
    "Hint",
    "Mistake",
    "Result",
    "hint",
    "progress",
    "report_gradients",
    "try_it",
    *CHECKERS,
]
