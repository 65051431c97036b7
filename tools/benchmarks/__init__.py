"""The sections of ``tools/bench.py`` (``make bench``): one module per section, each
with ``measure(quick) -> dict`` and ``render(section) -> (lines, missed)``, and
``common`` for what they share.  The table that lists them, the command line and the
results files are in ``tools/bench.py``.
"""
