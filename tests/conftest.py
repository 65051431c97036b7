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

import pytest

from nbtools import ROOT, book_command, one_blas_thread  # tools/ is on pytest's pythonpath (pyproject.toml)

os.environ.setdefault("MPLBACKEND", "Agg")
one_blas_thread()  # the kernels nbval and the book build start, as `make book` and `make notebooks` do


BOOK_BUILD_S = 1800
_build = {}  # the book's build, started in the background once the tests are collected


def _needs_the_book(item):
    """Whether a test reads the built book (through the ``built_book`` fixture, or the site's)."""
    if "built_book" in getattr(item, "fixturenames", ()):  # a notebook cell (nbval) has none
        return True
    if "BOOK_ROOT" in os.environ:  # the site tests then read that book's _build/html
        return False
    path = item.path.as_posix()
    return "/tests/browser/" in path or path.endswith("/tests/book/test_site.py")


def pytest_collection_modifyitems(session, config, items):
    """The tests of the built book run last, and the build starts now, in the background: the book
    builds (notebooks executed, explorer pictures drawn by two processes) while the other tests
    (nnlib, checkers, notebooks under nbval, tools) run, each on one core.  Same tests, same build
    as `make book`; only the waiting overlaps."""
    needs = [_needs_the_book(item) for item in items]
    items[:] = [item for item, n in zip(items, needs) if not n] + [item for item, n in zip(items, needs) if n]
    if any(needs) and not _build:
        cmd = book_command()
        log = tempfile.TemporaryFile("w+")  # a file, not a pipe: nobody reads a pipe until the end
        print("\nbuilding the book in the background:", " ".join(cmd), flush=True)
        _build.update(cmd=cmd, log=log, start=time.monotonic(),
                      proc=subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True))


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
    if not _build:  # collected without a test that needs it (a fixture asked for by name)
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
