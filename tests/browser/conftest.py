"""Browser tests: the built book in Debian's chromium, driven by Playwright, fully offline.

* ``_build/html`` is served on 127.0.0.1 by a threaded ``http.server`` on a free port.
* What the pages load from CDNs (MathJax) is answered from ``tests/browser/node_modules``
  (``npm ci`` from the pinned package-lock.json, run by ``make test``), so the browser runs
  what an online reader's does; any other outside request is aborted and recorded.
* Each page is loaded once; what the checks need is gathered then (``collect.js``,
  axe-core, a full-page screenshot into ``_build/screenshots/``); then every control of the
  page's explorers is moved (``explorers.py``).  The tests of ``test_pages.py`` and
  ``test_explorers.py`` assert on what was gathered; ``_build/browser-report.json`` records
  the counts (``report.py``).

Without chromium or the local CDN copies the tests skip, saying why; under ``CI=true``
they fail instead.  ``BOOK_ROOT=/path/to/book`` checks an already built book elsewhere
(its ``_build/html``) instead of building this one.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import re
import shutil
import threading
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

from nbtools import toc_files

from . import explorers, report

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BOOK = Path(os.environ.get("BOOK_ROOT", REPO)).resolve()
HTML = BOOK / "_build" / "html"
NODE_MODULES = HERE / "node_modules"
SHOTS = BOOK / "_build" / "screenshots"
REPORT = BOOK / "_build" / "browser-report.json"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
#: The screens every page is also checked on (test_screens.py): a phone held upright (touch), a tablet,
#: and the laptop of the explorer tests.  Each gets its screenshots in _build/screenshots/<name>/.
SCREENS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "tablet": {"viewport": {"width": 768, "height": 1024}},
    "laptop": {"viewport": VIEWPORT},
}
#: Pages Sphinx writes besides those of the table of contents.
GENERATED = ["genindex", "search", "py-modindex"]

# A CDN address -> (npm package, file inside it, version asked for).
CDN = [
    re.compile(r"^https://cdn\.jsdelivr\.net/npm/(?P<pkg>(?:@[^/@]+/)?[^/@]+)@(?P<version>[^/]+)/(?P<file>[^?#]+)"),
]
#: The npm packages of tests/browser/package.json: what the pages load from CDNs, and axe-core.
LOCAL_PACKAGES = ("mathjax", "mathjs", "axe-core")

# Console errors that come from upstream scripts and change nothing the reader sees: each
# with the reason.  Anything else on the console is a failure.
ALLOWED_ERRORS = [
    {
        "pattern": r"^Got invalid theme mode: \. Resetting to auto\.",
        "reason": "pydata-sphinx-theme on a first visit (no colour mode saved in localStorage) logs this and "
        "uses 'auto', which is the default a reader gets anyway.",
    },
    {
        "pattern": r"^request failed: net::ERR_ABORTED$",
        "url": r"/_static/explorers/[^/]+/\d+\.png$",
        "reason": "a drag passes an explorer through states faster than their pictures arrive; asked for the "
        "next picture, the browser cancels the one it will no longer show.  The picture of the state "
        "where the drag stops is checked to load (test_explorers.py).",
    },
]


def allowed(entry):
    """The rule of ALLOWED_ERRORS that allows a console error ``{text, url}``, or None."""
    return next((a for a in ALLOWED_ERRORS
                 if re.search(a["pattern"], entry["text"]) and re.search(a.get("url", ""), entry["url"])), None)


def toc_pages(book=BOOK):
    """The pages of the table of contents, in order (without extension)."""
    return toc_files(book)


def all_pages():
    return toc_pages() + GENERATED


def browser_problem():
    """Why the browser tests cannot run here, or None."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright for Python is not installed (it is in requirements.txt)"
    if not chromium_path():
        return "no chromium: install it with `apt-get install -y chromium` (make test does, as root)"
    missing = [p for p in LOCAL_PACKAGES if not (NODE_MODULES / p / "package.json").exists()]
    if missing:
        return f"no local copies of {', '.join(missing)}: run `npm ci` in tests/browser (make test does)"
    return None


def chromium_path():
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


# ---------------------------------------------------------------------------- the server
class BookHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the book's files, quietly."""

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def book_html(request):
    """The built book's html folder: this repository's, built once (the built_book fixture)."""
    if "BOOK_ROOT" not in os.environ:
        request.getfixturevalue("built_book")
    if not (HTML / "index.html").exists():
        pytest.fail(f"{HTML} holds no built book")
    return HTML


@pytest.fixture(scope="session")
def server(book_html):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(BookHandler, directory=str(book_html)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()


# ------------------------------------------------------------------ local CDN and blocking
def npm_version(pkg):
    return json.loads((NODE_MODULES / pkg / "package.json").read_text())["version"]


def local_copy(url):
    """(file, problem) for a CDN url: the local file answering it, or why there is none."""
    for pattern in CDN:
        m = pattern.match(url)
        if not m:
            continue
        pkg, file = m.group("pkg"), m.group("file")
        if not (NODE_MODULES / pkg / "package.json").exists():
            return None, f"{url}: no local copy of {pkg}; add it to tests/browser/package.json"
        have, want = npm_version(pkg), m.group("version")
        if not (have == want or have.startswith(want + ".")):
            return None, f"{url}: the page asks for {pkg}@{want}, tests/browser pins {have}"
        path = (NODE_MODULES / pkg / file).resolve()
        if not path.is_file() or NODE_MODULES.resolve() not in path.parents:
            return None, f"{url}: {pkg}@{have} has no file {file}"
        return path, None
    return None, None


def response_size(response):
    """A response's size as its Content-Length says (None without one)."""
    length = response.headers.get("content-length", "")
    return int(length) if length.isdigit() else None


class Traffic:
    """What one page asked for outside 127.0.0.1: served locally, blocked, or missing."""

    def __init__(self, origin):
        self.origin = origin
        self.served, self.blocked, self.missing = [], [], []

    def __call__(self, route):
        url = route.request.url
        if url.startswith(self.origin):
            return route.continue_()
        path, problem = local_copy(url)
        if path is not None:
            self.served.append(url)
            return route.fulfill(path=str(path), headers={"Access-Control-Allow-Origin": "*"})
        if problem:
            self.missing.append(problem)
            return route.fulfill(status=404, body="no local copy", headers={"Access-Control-Allow-Origin": "*"})
        self.blocked.append(url)
        return route.abort("blockedbyclient")


# --------------------------------------------------------------------------- the browser
@pytest.fixture(scope="session")
def browser():
    problem = browser_problem()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run under CI: {problem}")
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Resolves once the page's DOM has not changed for 300 ms (at most 10 s).
SETTLE = """() => new Promise(resolve => {
    let timer;
    const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 300); });
    function done() { observer.disconnect(); resolve(); }
    observer.observe(document.body, {childList: true, subtree: true, attributes: true, characterData: true});
    timer = setTimeout(done, 300);
    setTimeout(done, 10000);
})"""


class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == "id" or (tag == "a" and k == "name"):
                self.ids.add(v)


@functools.cache
def static_ids(path):
    parser = IdCollector()
    parser.feed(Path(path).read_text(encoding="utf-8", errors="replace"))
    return frozenset(parser.ids)


class Site:
    """Loads each page once and keeps what the tests check."""

    def __init__(self, browser, base, html):
        self.browser, self.base, self.html = browser, base, html
        self.pages = {}
        self.screens, self._contexts = {}, {}
        self.collect = (HERE / "collect.js").read_text(encoding="utf-8")
        self.measure_screen = (HERE / "screen.js").read_text(encoding="utf-8")
        self.axe = NODE_MODULES / "axe-core" / "axe.min.js"
        SHOTS.mkdir(parents=True, exist_ok=True)

    def __getitem__(self, page):
        if page not in self.pages:
            try:
                self.pages[page] = self.visit(page)
            except Exception as exc:  # a page that times out fails its tests once, not the run
                self.pages[page] = {"page": page, "crash": f"{type(exc).__name__}: {exc}"}
        return self.pages[page]

    def context(self, screen, **extra):
        """A browser context for one of SCREENS (``extra``: colour scheme, …), with the CDN copies served."""
        context = self.browser.new_context(**SCREENS[screen], **extra)
        context.route(self.outside, Traffic(self.base))
        return context

    @functools.cached_property
    def outside(self):
        """The addresses that are not the book's: only they go through Python (``Traffic``); the
        book's own files come straight from its server."""
        return re.compile("^(?!" + re.escape(self.base) + ")")

    def on_screen(self, page, screen):
        """The page as ``screen`` shows it (screen.js; a full-page screenshot), measured once per screen."""
        key = (page, screen)
        if screen == "laptop":  # the page as the explorer tests load it (Site.visit)
            r = self[page]
            if r.get("crash") or r.get("missing"):
                return {"crash": r.get("crash") or "not built"}
            return {**r["screen"], "errors": r["errors"], "screenshot": r["screenshot"]}
        if key not in self.screens:
            if screen not in self._contexts:
                self._contexts[screen] = self.context(screen)
            tab = self._contexts[screen].new_page()
            errors = []
            tab.on("pageerror", lambda e: errors.append({"text": e.message, "url": ""}))
            tab.on("console", lambda m: m.type == "error" and errors.append({"text": m.text,
                                                                              "url": m.location.get("url", "")}))
            try:
                tab.goto(self.base + f"{page}.html", wait_until="load")
                tab.wait_for_function("() => !window.MathJax || (MathJax.startup && MathJax.startup.promise)",
                                      timeout=20000)
                tab.evaluate("() => window.MathJax && window.MathJax.startup.promise")
                result = tab.evaluate(self.measure_screen)
                shot = SHOTS / screen / (page.replace("/", "__") + ".png")
                shot.parent.mkdir(parents=True, exist_ok=True)
                tab.screenshot(path=str(shot), full_page=True)
                result.update(screenshot=str(shot), errors=[e for e in errors if not allowed(e)])
            except Exception as exc:  # a page that times out fails its tests once, not the run
                result = {"crash": f"{type(exc).__name__}: {exc}"}
            finally:
                tab.close()
            self.screens[key] = result
        return self.screens[key]

    def close(self):
        for context in self._contexts.values():
            context.close()

    def remeasure(self, page):
        """Load and move the page again (for a slow picture); what goes wrong then counts as well."""
        try:
            again = self.visit(page)
        except Exception as exc:
            again = {"page": page, "crash": f"{type(exc).__name__}: {exc}"}
        first = self[page]
        first["remeasured"] = again
        for key in ("errors", "blocked", "cdn_missing", "http"):
            first.setdefault(key, []).extend(again.get(key, []))
        return again

    def visit(self, page):
        start = time.perf_counter()
        result = {"page": page, "errors": [], "allowed": [], "http": []}
        if not (self.html / f"{page}.html").exists():
            result["missing"] = True
            return result
        context = self.browser.new_context(viewport=VIEWPORT)
        try:
            return self._visit(context, page, result, start)
        finally:
            context.close()

    def _visit(self, context, page, result, start):
        traffic = Traffic(self.base)
        context.route(self.outside, traffic)
        explorers.install(context)
        tab = context.new_page()
        console, responses = [], []
        tab.on(
            "console",
            lambda m: m.type == "error" and console.append({"text": m.text, "url": m.location.get("url", "")}),
        )
        tab.on("pageerror", lambda e: console.append({"text": e.message, "url": ""}))
        tab.on("response", lambda r: r.status >= 400 and result["http"].append(f"{r.status} {r.url}"))
        tab.on("response", lambda r: responses.append({"url": r.url, "size": response_size(r)}))
        tab.on(
            "requestfailed",
            lambda r: (
                r.url.startswith(self.base) and console.append({"text": f"request failed: {r.failure}", "url": r.url})
            ),
        )
        response = tab.goto(self.base + f"{page}.html", wait_until="load")
        loaded_at = time.perf_counter()
        result["status"] = response.status if response else None
        # MathJax done, the explorers started, then the DOM quiet (the book's a11y script run).
        tab.wait_for_function(
            "() => !window.MathJax || (window.MathJax.startup && window.MathJax.startup.promise)", timeout=20000
        )
        tab.evaluate("() => window.MathJax && window.MathJax.startup.promise")
        tab.wait_for_function(
            "() => [...document.querySelectorAll('.nn-explorer')].every(e => e.matches('.nn-explorer-ready'))",
            timeout=20000,
        )
        tab.evaluate(SETTLE)
        result.update(tab.evaluate(self.collect))
        result["screen"] = tab.evaluate(self.measure_screen)
        tab.add_script_tag(path=str(self.axe))
        axe = tab.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))""")
        result["axe"] = axe
        shot = SHOTS / (page.replace("/", "__") + ".png")
        tab.screenshot(path=str(shot), full_page=True)
        result["screenshot"] = str(shot)
        # The explorers last: console errors and outside requests of their moves count too.
        result["explorers"] = explorers.explore(tab, self.html, SHOTS, loaded_at, responses)
        for entry in console:
            rule = allowed(entry)
            (result["allowed"] if rule else result["errors"]).append(
                {**entry, **({"reason": rule["reason"]} if rule else {})}
            )
        result["cdn_served"] = traffic.served
        result["cdn_missing"] = traffic.missing
        result["blocked"] = traffic.blocked
        self.check_links(result)
        result["seconds"] = round(time.perf_counter() - start, 2)
        return result

    # -- links
    def check_links(self, result):
        """Resolve every link of the page: files must exist, anchors must name an element."""
        problems, counts = [], {"internal": 0, "anchors": 0, "external": 0, "other": 0}
        page_path = urllib.parse.urlsplit(result["url"]).path
        for link in result["links"]:
            href = link["href"]
            if not href.startswith(self.base):
                counts["external" if href.startswith(("http:", "https:")) else "other"] += 1
                continue
            parts = urllib.parse.urlsplit(href)
            same_page = parts.path == page_path
            counts["anchors" if same_page and parts.fragment else "internal"] += 1
            path = urllib.parse.unquote(parts.path)
            target = self.html / path.lstrip("/")
            if path.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{link['raw']} ({link['text']!r}): no file {path}")
                continue
            if not parts.fragment:
                continue
            fragment = urllib.parse.unquote(parts.fragment)
            if target.suffix != ".html":
                problems.append(f"{link['raw']} ({link['text']!r}): an anchor into a file that is not a page")
                continue
            ids = set(result["ids"]) if same_page else static_ids(str(target))
            if fragment not in ids:
                problems.append(f"{link['raw']} ({link['text']!r}): no element with id {fragment!r} in {path}")
        result["links_checked"] = counts
        result["link_problems"] = problems


@pytest.fixture(scope="session")
def site(browser, server, book_html):
    s = Site(browser, server, book_html)
    yield s
    s.close()
    report.write(s.pages, ALLOWED_ERRORS, REPORT, SHOTS)


def pytest_terminal_summary(terminalreporter):
    report.terminal_summary(terminalreporter, REPORT, SHOTS)
