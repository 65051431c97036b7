"""Section ``weight``: the bytes a reader's browser fetches on opening each page of the
built book.

Every page of ``_build/html`` (built first if there is none) is opened in chromium, as
the browser tests open it (``tests/browser/conftest.py``: the site served on 127.0.0.1,
what the pages load from CDNs answered from ``tests/browser/node_modules``), and every
response is counted by what it is:

* **ours**: the page itself, the book's figures (``_images/``), the explorers' pictures
  and the book's own scripts and styles (``nnbook*``);
* **MathJax**: the typesetting script and its fonts, from its CDN;
* **theme and Sphinx**: everything else (pydata-sphinx-theme, sphinx-book-theme,
  Bootstrap, FontAwesome, the search index and Sphinx's scripts, the extensions'
  styles).

On a slow connection (1.6 Mbit/s, a weak mobile signal) every megabyte takes 5 s.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import time
import urllib.parse

from nbtools import ONE_BLAS_THREAD, ROOT, book_command, toc_files

from .common import log, verdict_max

# the heaviest page, at most (the issue that added this section measured 4-4.5 MB)
PAGE_MB = 4.5
KINDS = ("ours", "MathJax", "theme and Sphinx")


def kind(url, base):
    """Which of KINDS a fetched address is."""
    if not url.startswith(base):
        return "MathJax" if "mathjax" in url else "theme and Sphinx"
    path = urllib.parse.urlsplit(url).path
    if (
        path.endswith(".html")
        or "/_images/" in path
        or "/_static/explorers/" in path
        or "/nnbook" in path
    ):
        return "ours"
    return "theme and Sphinx"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure(quick):
    sys.path.insert(0, str(ROOT))
    from tests.browser.conftest import (
        CHROMIUM_ARGS,
        Traffic,
        browser_problem,
        chromium_path,
    )

    problem = browser_problem()
    if problem:
        log(f"  not measured: {problem}")
        return {"skipped": problem}
    html = ROOT / "_build" / "html"
    if not (html / "index.html").exists():
        log("  building the book first (`make book`)")
        subprocess.run(
            book_command(), cwd=ROOT, check=True, env={**os.environ, **ONE_BLAS_THREAD}
        )
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(html))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    pages = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
            )
            for page in toc_files():
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.route("**/*", Traffic(base))
                tab = context.new_page()
                sizes = {k: 0 for k in KINDS}
                tab.on(
                    "requestfinished",
                    lambda r, sizes=sizes: sizes.__setitem__(
                        kind(r.url, base),
                        sizes[kind(r.url, base)] + (r.sizes()["responseBodySize"] or 0),
                    ),
                )
                tab.goto(base + f"{page}.html", wait_until="load")
                tab.wait_for_function(
                    "() => !window.MathJax || (MathJax.startup && "
                    "MathJax.startup.promise)"
                )
                tab.evaluate("() => window.MathJax && MathJax.startup.promise")
                time.sleep(1.5)  # the explorers fetch their next pictures ahead
                pages[page] = sizes
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    heaviest = max(pages, key=lambda k: sum(pages[k].values()))
    log(
        f"  heaviest page {heaviest}: "
        + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in pages[heaviest].items())
    )
    return {"pages": pages, "heaviest": heaviest}


def render(sec):
    if "skipped" in sec:
        return [f"Not measured ({sec['measured']}): {sec['skipped']}."], [
            "page weight: not measured"
        ]
    pages, heaviest = sec["pages"], sec["heaviest"]
    mb = {
        k: {kind_: v / 1e6 for kind_, v in sizes.items()} for k, sizes in pages.items()
    }
    mean = {k: sum(m[k] for m in mb.values()) / len(mb) for k in KINDS}
    total = sum(mb[heaviest].values())
    v = verdict_max(total, PAGE_MB, " MB")
    out = [
        f"The bytes chromium fetches on opening each of the {len(pages)} pages (at "
        "1280 × 900, waiting for the explorers' next pictures). Measured "
        f"{sec['measured']}.",
        "",
        "| page | ours | MathJax | theme and Sphinx | total |",
        "|---|---|---|---|---|",
        f"| the heaviest, `{heaviest}` | "
        + " | ".join(f"{mb[heaviest][k]:.2f} MB" for k in KINDS)
        + f" | {total:.2f} MB |",
        "| the mean of all pages | "
        + " | ".join(f"{mean[k]:.2f} MB" for k in KINDS)
        + f" | {sum(mean.values()):.2f} MB |",
        "",
        f"The heaviest page: {total:.2f} MB (target ≤ {PAGE_MB:g} MB) {v}.",
    ]
    missed = (
        []
        if v.startswith("✅")
        else [f"page weight: {total:.2f} MB (target ≤ {PAGE_MB:g} MB)"]
    )
    return out, missed
