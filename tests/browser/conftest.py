"""Browser tests: the built book in Debian's chromium, driven by Playwright, fully offline.

* ``_build/html`` is served on 127.0.0.1 by a threaded ``http.server`` on a free port.
* What the pages load from CDNs (MathJax, require.js, ``@jupyter-widgets/html-manager``)
  is answered from ``tests/browser/node_modules`` (``npm ci`` from the pinned
  package-lock.json, run by ``make test``), so the browser runs what an online reader's
  does; any other outside request is aborted and recorded.
* Each page is loaded once; what the checks need is gathered then (``collect.js``,
  axe-core, a full-page screenshot into ``_build/screenshots/``), and the tests of
  ``test_pages.py`` assert on it.  ``_build/browser-report.json`` records the counts.

Without chromium or the local CDN copies the tests skip, saying why; under ``CI=true``
they fail instead.  ``BOOK_ROOT=/path/to/book`` checks an already built book elsewhere
(its ``_build/html``) instead of building this one.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import io
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
#: Pages Sphinx writes besides those of the table of contents.
GENERATED = ["genindex", "search", "py-modindex"]

# A CDN address -> (npm package, file inside it, version asked for).
CDN = [
    re.compile(r"^https://cdn\.jsdelivr\.net/npm/(?P<pkg>(?:@[^/@]+/)?[^/@]+)@(?P<version>[^/]+)/(?P<file>[^?#]+)"),
    re.compile(
        r"^https://cdnjs\.cloudflare\.com/ajax/libs/(?P<pkg>require)\.js/(?P<version>[^/]+)/(?P<file>require)\.min\.js"
    ),
]
#: cdnjs names -> npm packages and files.
NPM_NAMES = {"require": ("requirejs", "require.js")}

# Console errors that come from upstream scripts and change nothing the reader sees: each
# with the reason.  Anything else on the console is a failure.
ALLOWED_ERRORS = [
    {
        "pattern": r"^Identifier 'THEBE_JS_URL' has already been declared",
        "reason": "Jupyter Book 1 writes sphinx-thebe's configuration <script> twice; the second, identical "
        "`const` declaration throws, the first has already set the same values (and thebe only "
        "runs after a click on a live-code button, which this book does not configure).",
    },
    {
        "pattern": r"^Got invalid theme mode: \. Resetting to auto\.",
        "reason": "pydata-sphinx-theme on a first visit (no colour mode saved in localStorage) logs this and "
        "uses 'auto', which is the default a reader gets anyway.",
    },
    {
        "pattern": r"^Cannot read properties of undefined \(reading 'Queue'\)",
        "widgets": True,
        "reason": "@jupyter-widgets/html-manager 1.0.6 typesets a widget's label with MathJax 2's "
        "MathJax.Hub.Queue, which the page's MathJax 3 lacks; it throws after the label's text is "
        "set, so only TeX inside a widget label would stay raw - and the math test checks every "
        "label for raw TeX.",
    },
    {
        "pattern": r"^(Failed to load resource: the server responded with a status of 404"
        r"|request failed: net::ERR_ABORTED)",
        "url": r"/@jupyter-widgets/html-manager/dist/[0-9a-f]{20}\.(woff2?|ttf|eot|svg)$",
        "widgets": True,
        "reason": "html-manager 1.0.6 looks for the Font Awesome fonts bundled in embed-amd.js next to the "
        "page (…/chapters/@jupyter-widgets/html-manager/dist/…), so they 404 on every host, "
        "online too; they draw only widget icons, and the widget test checks that no rendered "
        "widget has one.",
    },
]


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
    missing = [
        p
        for p in ("mathjax", "requirejs", "@jupyter-widgets/html-manager", "axe-core")
        if not (NODE_MODULES / p / "package.json").exists()
    ]
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
    """Serves the book; drops the SRI hash of scripts that the tests answer from local copies.

    require.js is pinned by cdnjs's hash of ``require.min.js``; npm's ``requirejs`` ships only
    the unminified file of the same version, whose hash differs, so the browser would refuse it.
    """

    stripped = []

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if not path.endswith(".html") or not os.path.isfile(path):
            return super().send_head()
        html = Path(path).read_text(encoding="utf-8")

        def drop(match):
            tag = match.group(0)
            src = re.search(r'src="([^"]+)"', tag)
            if src and any(p.match(src.group(1)) for p in CDN) and "integrity=" in tag:
                BookHandler.stripped.append(src.group(1))
                return re.sub(r'\s+integrity="[^"]*"', "", tag)
            return tag

        data = re.sub(r"<script\b[^>]*>", drop, html).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


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
        if pkg in NPM_NAMES:
            pkg, file = NPM_NAMES[pkg]
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
        self.collect = (HERE / "collect.js").read_text(encoding="utf-8")
        self.axe = NODE_MODULES / "axe-core" / "axe.min.js"
        SHOTS.mkdir(parents=True, exist_ok=True)

    def __getitem__(self, page):
        if page not in self.pages:
            try:
                self.pages[page] = self.visit(page)
            except Exception as exc:  # a page that times out fails its tests once, not the run
                self.pages[page] = {"page": page, "crash": f"{type(exc).__name__}: {exc}"}
        return self.pages[page]

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
        context.route("**/*", traffic)
        tab = context.new_page()
        console = []
        tab.on(
            "console",
            lambda m: m.type == "error" and console.append({"text": m.text, "url": m.location.get("url", "")}),
        )
        tab.on("pageerror", lambda e: console.append({"text": e.message, "url": ""}))
        tab.on("response", lambda r: r.status >= 400 and result["http"].append(f"{r.status} {r.url}"))
        tab.on(
            "requestfailed",
            lambda r: (
                r.url.startswith(self.base) and console.append({"text": f"request failed: {r.failure}", "url": r.url})
            ),
        )
        response = tab.goto(self.base + f"{page}.html", wait_until="load")
        result["status"] = response.status if response else None
        # MathJax done, every widget view rendered, then the DOM quiet (the Output widgets'
        # figures drawn, the book's a11y script run).
        tab.wait_for_function(
            "() => !window.MathJax || (window.MathJax.startup && window.MathJax.startup.promise)", timeout=20000
        )
        tab.evaluate("() => window.MathJax && window.MathJax.startup.promise")
        try:
            tab.wait_for_function(
                """() => [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
                .every(s => s.previousElementSibling && s.previousElementSibling.querySelector('.jupyter-widgets'))""",
                timeout=20000,
            )
        except Exception as exc:  # reported by the widget test, which sees what did render
            result["widget_timeout"] = str(exc).splitlines()[0]
        tab.evaluate(SETTLE)
        result.update(tab.evaluate(self.collect))
        tab.add_script_tag(path=str(self.axe))
        axe = tab.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))""")
        result["axe"] = axe
        shot = SHOTS / (page.replace("/", "__") + ".png")
        tab.screenshot(path=str(shot), full_page=True)
        result["screenshot"] = str(shot)
        has_widgets = bool(result["widgets"])
        for entry in console:
            rule = next(
                (
                    a
                    for a in ALLOWED_ERRORS
                    if re.search(a["pattern"], entry["text"])
                    and re.search(a.get("url", ""), entry["url"])
                    and (has_widgets or not a.get("widgets"))
                ),
                None,
            )
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
    write_report(s)


def write_report(site):
    pages = {k: v for k, v in site.pages.items() if "math" in v}
    if not pages:
        return
    summary = {
        "pages": len(pages),
        "equations": sum(p["math"]["inline"] + p["math"]["display"] for p in pages.values()),
        "display_equations": sum(p["math"]["display"] for p in pages.values()),
        "widgets": sum(len(p["widgets"]) for p in pages.values()),
        "widget_controls": sum(k["found"] for p in pages.values() for w in p["widgets"] for k in w["kinds"].values()),
        "images": sum(len(p["images"]) for p in pages.values()),
        "widget_images": sum(1 for p in pages.values() for i in p["images"] if i["in_widget"]),
        "links": sum(
            p.get("links_checked", {}).get("internal", 0) + p.get("links_checked", {}).get("anchors", 0)
            for p in pages.values()
        ),
        "internal_links": sum(p.get("links_checked", {}).get("internal", 0) for p in pages.values()),
        "anchor_links": sum(p.get("links_checked", {}).get("anchors", 0) for p in pages.values()),
        "external_links_not_followed": sum(p.get("links_checked", {}).get("external", 0) for p in pages.values()),
        "cdn_files_served_locally": sum(len(p["cdn_served"]) for p in pages.values()),
        "blocked_requests": sorted({u for p in pages.values() for u in p["blocked"]}),
        "console_errors_allowed": sum(len(p["allowed"]) for p in pages.values()),
        "console_errors_allowed_by_rule": {
            a["pattern"]: sum(1 for p in pages.values() for e in p["allowed"] if e["reason"] == a["reason"])
            for a in ALLOWED_ERRORS
        },
        "console_errors": sum(len(p["errors"]) for p in pages.values()),
        "axe_serious_or_critical": sum(
            len(v["nodes"]) for p in pages.values() for v in p["axe"] if v["impact"] in ("serious", "critical")
        ),
        "axe_minor_or_moderate": sorted(
            {
                f"{v['id']} ({v['impact']})"
                for p in pages.values()
                for v in p["axe"]
                if v["impact"] not in ("serious", "critical")
            }
        ),
        "integrity_attributes_dropped": sorted(set(BookHandler.stripped)),
        "screenshots": str(SHOTS),
        "seconds": round(sum(p["seconds"] for p in pages.values()), 1),
    }
    per_page = {
        k: {
            "status": p["status"],
            "seconds": p["seconds"],
            "equations": p["math"]["inline"] + p["math"]["display"],
            "widgets": len(p["widgets"]),
            "images": len(p["images"]),
            "links": p.get("links_checked", {}),
            "widget_image_alts": [i["alt"] for i in p["images"] if i["in_widget"]],
            "allowed_console_errors": [e["text"][:120] for e in p["allowed"]],
            "console_errors": [e["text"][:300] for e in p["errors"]],
            "http_errors": p["http"],
            "axe": [f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in p["axe"]],
        }
        for k, p in pages.items()
    }
    allowed = {a["pattern"]: a["reason"] for a in ALLOWED_ERRORS}
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        json.dumps(
            {"summary": summary, "allowed_console_errors": allowed, "pages": per_page}, indent=1, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    _LAST_SUMMARY.clear()
    _LAST_SUMMARY.update(summary)


_LAST_SUMMARY: dict = {}


def pytest_terminal_summary(terminalreporter):
    tr = terminalreporter
    outcomes = {
        key: sum(1 for r in tr.stats.get(key, []) if "tests/browser/" in getattr(r, "nodeid", ""))
        for key in ("passed", "failed", "skipped", "error")
    }
    if not any(outcomes.values()):
        return
    tr.write_sep("-", "browser tests")
    tr.write_line(
        f"browser tests: {outcomes['passed']} passed, {outcomes['failed']} failed, "
        f"{outcomes['skipped']} skipped, {outcomes['error']} errors"
    )
    s = _LAST_SUMMARY
    if not s:
        return
    tr.write_line(
        f"checked {s['pages']} pages in {s['seconds']} s: {s['equations']} equations "
        f"({s['display_equations']} displayed), {s['widgets']} widgets with {s['widget_controls']} controls, "
        f"{s['images']} images ({s['widget_images']} drawn by widgets), {s['links']} links "
        f"({s['internal_links']} to files, {s['anchor_links']} to anchors; "
        f"{s['external_links_not_followed']} external not followed)"
    )
    tr.write_line(
        f"{s['cdn_files_served_locally']} CDN files served from tests/browser/node_modules; "
        f"blocked: {', '.join(s['blocked_requests']) or 'nothing'}; "
        f"{s['console_errors_allowed']} allow-listed console errors, {s['console_errors']} others; "
        f"axe: {s['axe_serious_or_critical']} serious/critical"
    )
    tr.write_line(f"report: {REPORT}; screenshots: {SHOTS}")
