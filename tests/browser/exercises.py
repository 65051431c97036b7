"""Driving the book's in-page derive exercises in the browser (used by test_exercises.py).

Each chapter page with exercises is loaded once, at a phone's width, in a context of its own
(the session's one browser and server; CDN files answered from tests/browser/node_modules as
for every page).  Then, in one go:

* every planned entry of every exercise of the page is typed through the page's own form (the
  inputs' values set, the form submitted as Enter submits it), and the page's verdict read:
  the engine's raw message, the text shown, whether it passed;
* the first exercise is answered with the keyboard (typed, Enter), its hint ladder climbed by
  keyboard, and the order of Tab stops recorded;
* the layout is measured (at 390 px) and the print style looked at.

The plans (what to type, and the checkers' own verdicts) come from ``exercise_answers.py``.

MathJax is answered with an empty script here: the exercises do not use it, and typesetting a
chapter's equations holds the page's scripts back by 1–2 s (test_pages.py checks the equations,
the summary's among them, on every page).
"""

from __future__ import annotations

import re
import time

from .conftest import ALLOWED_ERRORS, Traffic

PHONE = {"width": 390, "height": 844}
NO_MATHJAX = {"Content-Type": "text/javascript", "Access-Control-Allow-Origin": "*"}
READY = """() => { const all = [...document.querySelectorAll("section.nn-exercise")];
                   return all.length > 0 && all.every(e => e.matches(".nn-exercise-ready")); }"""

# Type every planned entry through the form; returns what the page said to each (math.js is loaded by then:
# the keyboard run fetched it).
RUN = """(plans) => plans.map(({name, texts}) => {
  const root = document.querySelector(`section.nn-exercise[data-exercise="${name}"]`);
  const inputs = [...root.querySelectorAll("input.nn-exercise-input")];
  texts.forEach((t, k) => { inputs[k].value = t; });
  root.querySelector("form").requestSubmit();
  const out = root.querySelector(".nn-exercise-verdict");
  return {raw: root.nnLast.message, passed: root.nnLast.passed, shown: out.textContent,
          live: out.getAttribute("aria-live"), role: out.getAttribute("role")};
})"""

# What a reader's eye and screen reader get: sizes at this width, labels, the print style.
LAYOUT = """() => [...document.querySelectorAll("section.nn-exercise")].map(root => {
  const box = root.getBoundingClientRect();
  const inputs = [...root.querySelectorAll("input.nn-exercise-input")];
  const buttons = [...root.querySelectorAll("button")].filter(b => b.offsetParent);
  return {
    name: root.dataset.exercise, right: box.right, left: box.left, width: innerWidth,
    overflow: root.scrollWidth - root.clientWidth,
    labels: inputs.map(i => (document.querySelector(`label[for="${i.id}"]`) || {}).textContent || ""),
    described: inputs.map(i => (document.getElementById(i.getAttribute("aria-describedby")) || {}).textContent || ""),
    fontPx: inputs.map(i => parseFloat(getComputedStyle(i).fontSize)),
    inputRight: inputs.map(i => i.getBoundingClientRect().right),
    buttonHeights: buttons.map(b => b.getBoundingClientRect().height),
    buttonRight: buttons.map(b => b.getBoundingClientRect().right),
  };
})"""

PRINTED = """() => [...document.querySelectorAll("section.nn-exercise")].map(root => ({
  name: root.dataset.exercise,
  section: getComputedStyle(root).display,
  inputs: [...root.querySelectorAll("input.nn-exercise-input")].map(i => getComputedStyle(i).display),
  actions: getComputedStyle(root.querySelector(".nn-exercise-actions")).display,
  verdict: getComputedStyle(root.querySelector(".nn-exercise-verdict")).display,
}))"""

STATE = """() => ({
  summary: (document.querySelector(".nn-exercise-summary .nn-exercise-progress") || {}).textContent,
  summaryHidden: (document.querySelector(".nn-exercise-summary") || {}).hidden,
  exercises: [...document.querySelectorAll("section.nn-exercise")].map(root => ({
    name: root.dataset.exercise,
    inputs: [...root.querySelectorAll("input.nn-exercise-input")].map(i => i.value),
    verdict: root.querySelector(".nn-exercise-verdict").textContent,
    hints: root.querySelectorAll(".nn-exercise-hints li").length,
  })),
  stored: localStorage.getItem("nnbook-exercises"),
})"""


def _errors(console):
    return [e for e in console if not any(re.search(a["pattern"], e["text"]) and re.search(a.get("url", ""), e["url"])
                                          for a in ALLOWED_ERRORS)]


def visit(browser, base, page, plans, keyboard, progress=None, numbers=()):
    """Load ``page`` once and drive its exercises: see the module's docstring.

    ``plans``: [{"name", "texts"}] to type; ``keyboard``: (name, texts of the right answer) for the
    keyboard run; ``progress``: None, or [(name, texts)] to enter before a reload that checks what is kept.
    """
    start = time.perf_counter()
    context = browser.new_context(viewport=PHONE)
    traffic = Traffic(base)
    context.route(lambda url: not url.startswith(base), lambda route: (
        route.fulfill(status=200, body="", headers=NO_MATHJAX) if "/mathjax@" in route.request.url else traffic(route)))
    console = []
    try:
        tab = context.new_page()
        tab.on("console", lambda m: m.type == "error" and console.append({"text": m.text,
                                                                             "url": m.location.get("url", "")}))
        tab.on("pageerror", lambda e: console.append({"text": e.message, "url": ""}))
        tab.goto(base + f"{page}.html", wait_until="commit")
        tab.wait_for_function(READY, timeout=20000)
        result = {"page": page, "layout": tab.evaluate(LAYOUT), "before": tab.evaluate(STATE)}
        result["keyboard"] = _keyboard(tab, *keyboard)
        result["runs"] = tab.evaluate(RUN, plans)
        result["formats"] = tab.evaluate("""xs => xs.map(x => {
            const j = window.nnExerciseJudge, v = j.decode(x);
            return [j.fmtG(v, 6), j.fmtG(v, 4)];
        })""", list(numbers))
        tab.emulate_media(media="print")
        result["printed"] = tab.evaluate(PRINTED)
        tab.emulate_media(media="screen")
        if progress:
            result["progress"] = _progress(tab, progress)
        result.update(cdn_served=traffic.served, blocked=traffic.blocked, cdn_missing=traffic.missing)
        result["errors"] = _errors(console)
        result["seconds"] = round(time.perf_counter() - start, 2)
        return result
    finally:
        context.close()


def _keyboard(tab, name, texts):
    """Answer exercise ``name`` with the keyboard alone, then climb its hint ladder with it."""
    root = f'section.nn-exercise[data-exercise="{name}"]'
    out = {"tab_order": []}
    tab.focus(f"{root} input.nn-exercise-input")
    for k, text in enumerate(texts):
        if k:
            tab.keyboard.press("Tab")
        tab.keyboard.type(text)
    tab.keyboard.press("Enter")  # the first check waits for math.js, fetched when the input got focus
    tab.wait_for_function(f"() => /^[✅❌⏳]/.test(document.querySelector('{root} .nn-exercise-verdict').textContent)",
                          timeout=20000)
    out["verdict"] = tab.text_content(f"{root} .nn-exercise-verdict")
    for _ in range(2):
        tab.keyboard.press("Tab")
        out["tab_order"].append(tab.evaluate("() => document.activeElement.className"))
    out["ladder"] = tab.evaluate(f"() => JSON.parse(document.querySelector('{root} script.nn-exercise-data')"
                                 ".textContent).ladder")
    out["hints"] = []
    for _ in out["ladder"]:
        tab.focus(f"{root} .nn-exercise-hint")
        tab.keyboard.press("Enter")
        out["hints"].append(tab.evaluate(f"""() => ({{
            shown: [...document.querySelectorAll('{root} .nn-exercise-hints li')].map(li => li.textContent),
            focused: document.activeElement.tagName,
            button: document.querySelector('{root} .nn-exercise-hint').textContent,
            disabled: document.querySelector('{root} .nn-exercise-hint').disabled}})"""))
    return out


def _progress(tab, entries):
    """Enter answers, reload (localStorage stays), read what the page restored, then reset it."""
    tab.evaluate(RUN, [{"name": n, "texts": t} for n, t in entries])
    saved = tab.evaluate(STATE)
    tab.reload(wait_until="commit")
    tab.wait_for_function(READY, timeout=20000)
    tab.wait_for_function("""() => [...document.querySelectorAll('section.nn-exercise .nn-exercise-verdict')]
        .every(v => /^[✅❌⏳]/.test(v.textContent))""", timeout=20000)  # kept answers are judged again
    restored = tab.evaluate(STATE)
    tab.click(".nn-exercise-summary .nn-exercise-reset")
    cleared = tab.evaluate(STATE)
    cleared["note"] = tab.text_content(".nn-exercise-summary .nn-exercise-reset-note")
    return {"saved": saved, "restored": restored, "cleared": cleared}
