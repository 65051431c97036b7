"""Build the book (``make book``): ``jupyter-book build`` with every warning an error.

    python tools/build_book.py

The command itself is defined once, in ``tools/nbtools.py``.  Prints where to open the
book, or exits with the build's own exit code.
"""

from __future__ import annotations

import subprocess
import sys

from nbtools import ROOT, book_command, one_blas_thread


def main():
    one_blas_thread()
    print(
        "==> building the book (chapters as committed; explorer pictures drawn once, "
        "then reused)",
        flush=True,
    )
    code = subprocess.call(book_command(), cwd=ROOT)
    if code == 0:
        print(f"\nThe book is ready: open file://{ROOT}/_build/html/index.html")
    return code


if __name__ == "__main__":
    sys.exit(main())
