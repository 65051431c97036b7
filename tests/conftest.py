"""Shared fixtures: paths, a headless matplotlib, the book built once per test run, `make lab` started."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from nbtools import ROOT, book_command, one_blas_thread  # tools/ is on pytest's pythonpath (pyproject.toml)

os.environ.setdefault("MPLBACKEND", "Agg")
one_blas_thread()  # the kernels nbval and the book build start, as `make book` and `make notebooks` do


BOOK_BUILD_S = 1800
_build = {}  # the book's build, started in the background once the tests are collected


#: The test files that read the built book: pytest-xdist gives them to one worker, which builds it.
BOOK_FILES = ("tests/book/test_book.py", "tests/book/test_explorer_frames.py", "tests/book/test_site.py",
              "tests/browser/")
BOOK_GROUP = "the built book"


def _reads_the_book(nodeid):
    return nodeid.split("::", 1)[0].startswith(BOOK_FILES)


def pytest_collection_modifyitems(session, config, items):
    """The tests of the built book are kept together, and the build overlaps the other tests.

    Under pytest-xdist (``make test``: two workers), the files that read the built book are one
    group, which one worker takes first: it builds the book (the ``built_book`` fixture) and then
    runs them, with the one browser, while the other worker runs every other test file, a file at
    a time (a notebook's cells in order, in one kernel): ``pytest_xdist_make_scheduler``.

    In one process (plain ``pytest``), they run last, and the build starts now, in the background
    (notebooks shown as committed, explorer pictures drawn by two processes), while the other
    tests run.  Same tests, same build as `make book`; only the waiting overlaps.
    """
    stray = [item.nodeid for item in items if "built_book" in getattr(item, "fixturenames", ())
             and not _reads_the_book(item.nodeid)]
    if stray:
        raise pytest.UsageError(f"{stray[0]} reads the built book: put it in one of {BOOK_FILES} (conftest.py)")
    book = [item for item in items if _reads_the_book(item.nodeid)]
    rest = [item for item in items if not _reads_the_book(item.nodeid)]
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: the book's group first
        items[:] = book + rest
        return
    items[:] = rest + book
    needed = any("built_book" in getattr(item, "fixturenames", ()) for item in book) or (
        book and "BOOK_ROOT" not in os.environ)  # the site's tests read BOOK_ROOT's book if it is set
    if needed and not _build:
        cmd = book_command()
        log = tempfile.TemporaryFile("w+")  # a file, not a pipe: nobody reads a pipe until the end
        print("\nbuilding the book in the background:", " ".join(cmd), flush=True)
        _build.update(cmd=cmd, log=log, start=time.monotonic(),
                      proc=subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With ``--dist loadscope``: a work unit is a test file, and all the files that read the built
    book are one unit (one worker, one build, one browser).  Its tests come first in the
    collection, so with ``--no-loadscope-reorder`` the first worker takes it first."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling  # only under pytest-xdist

    class BookFirst(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return BOOK_GROUP if _reads_the_book(nodeid) else nodeid.split("::", 1)[0]

    return BookFirst(config, log)


_STARTED = time.time()


def pytest_terminal_summary(terminalreporter, config):
    """Under pytest-xdist, the browser tests' summary (tests/browser/report.py) is printed here, by
    the process that reports: the workers that ran them wrote it to the report file."""
    if config.pluginmanager.hasplugin("dsession"):  # pytest-xdist's controller (its workers report nothing)
        from browser import report  # only a run with the browser tests needs it

        book = Path(os.environ.get("BOOK_ROOT", ROOT)).resolve() / "_build"
        report.terminal_summary(terminalreporter, book / "browser-report.json", book / "screenshots", since=_STARTED)


def pytest_unconfigure(config):
    proc = _build.get("proc")
    if proc is not None and proc.poll() is None:  # the run stopped before a test needed the book
        proc.kill()
        proc.wait()
    if _build and not _build["log"].closed:
        _build["log"].close()


@pytest.fixture(scope="session")
def built_book():
    """The book built with every warning an error (started when the tests were collected);
    returns (returncode, output)."""
    if not _build:  # a pytest-xdist worker, or no test collected needs it (a fixture asked for by name)
        print("building the book:", " ".join(book_command()), flush=True)
        proc = subprocess.run(book_command(), cwd=ROOT, capture_output=True, text=True, timeout=BOOK_BUILD_S)
        return proc.returncode, proc.stdout + proc.stderr
    proc, log = _build["proc"], _build["log"]
    try:
        proc.wait(timeout=max(1, BOOK_BUILD_S - (time.monotonic() - _build["start"])))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.seek(0)
    output = log.read()
    log.close()
    return proc.returncode, output


# ------------------------------------------------------------------------- `make lab`
LAB_START_S = 120  # JupyterLab takes a few seconds on a quiet machine; a loaded one may take far longer


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lab_api(url, token, path):
    """GET JupyterLab's REST API at ``url`` + ``path``, with the token: the answer's JSON."""
    request = urllib.request.Request(url + path, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


@contextlib.contextmanager
def make_lab(*args):
    """`make lab` (the Makefile's own recipe) on a free port with a token of its own, ``args`` added to
    LAB_ARGS: yields (url, token, status) once the server answers, then stops make and the server."""
    port, token = free_port(), secrets.token_hex(16)
    lab_args = " ".join([f"--no-browser --ip=127.0.0.1 --port={port} --ServerApp.token={token}",
                         "--ServerApp.port_retries=0", *args])
    with tempfile.TemporaryFile("w+") as log:  # a file, not a pipe: a pipe nobody reads fills and stops the server
        proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={lab_args}"], cwd=ROOT,
                                stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + LAB_START_S
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    pytest.fail(f"`make lab` exited with {proc.returncode}:\n{log.read()[-3000:]}")
                try:
                    status = lab_api(url, token, "/api/status")
                    break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    if time.monotonic() > deadline:
                        pytest.fail(f"JupyterLab did not answer on {url}/api/status within {LAB_START_S} s")
                    time.sleep(0.5)
            yield url, token, status
        finally:
            os.killpg(proc.pid, signal.SIGTERM)  # make and the server it started (which stops its kernels)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
