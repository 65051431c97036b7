"""Moving the book's static explorers in the browser, as a reader does (used by conftest.Site).

Each explorer (``div.nn-explorer``, written by ``tools/sphinxext/explorer_pages.py`` and run
by ``nnbook-explorers.js``) is described before any move, screenshot, then every control is
moved: each option of a ``<select>``; each range input by keyboard (ArrowRight, ArrowLeft,
Home, End) and by one drag of its thumb.  After each move the explorer is described again
(``explorer_probe.js``, installed before the page's scripts) once its picture is on screen,
with the time from the picture's arrival to its display.  ``test_explorers.py`` asserts on
what is recorded here.
"""

from __future__ import annotations

import json
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROBE = HERE / "explorer_probe.js"
KEYS = ("ArrowRight", "ArrowLeft", "Home", "End")
#: Chromium's range thumb is 16 px wide: the track a thumb's centre runs along is 16 px shorter.
THUMB = 16
SETTLE_MS = 5000
IDLE_AFTER_LOAD = 2.0


def install(context):
    context.add_init_script(path=str(PROBE))


def explore(tab, html, shots, loaded_at, responses):
    """Move every explorer of the page; returns what the tests check."""
    ids = tab.evaluate("() => [...document.querySelectorAll('.nn-explorer')].map(e => e.id)")
    wait = IDLE_AFTER_LOAD - (time.perf_counter() - loaded_at)
    if ids and wait > 0:
        time.sleep(wait)
    opening = [r for r in list(responses) if "/_static/explorers/" in r["url"]]
    sizes = [r["size"] for r in opening]
    result = {
        "ids": ids,
        "opening_bytes": None if None in sizes else sum(sizes),
        "opening_files": len(opening),
        "explorers": [],
    }
    for explorer_id in ids:
        result["explorers"].append(Explorer(tab, explorer_id, html, shots).run())
    return result


class Explorer:
    def __init__(self, tab, explorer_id, html, shots):
        self.tab, self.id, self.html, self.shots = tab, explorer_id, html, shots
        self.name = explorer_id.removeprefix("explorer-")
        self.moves, self.disabled = [], []
        self.root = tab.locator(f"#{explorer_id}")

    def snapshot(self):
        return self.tab.evaluate("id => window.__nnProbe.snapshot(id)", self.id)

    def settle(self):
        self.tab.wait_for_function("id => window.__nnProbe.settled(id)", arg=self.id, timeout=SETTLE_MS)

    def alts(self, snap):
        """The alt texts the build wrote next to the pictures (alts.json), or None."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(snap["base"]).path).lstrip("/")
        file = self.html / path / "alts.json"
        return json.loads(file.read_text(encoding="utf-8")) if file.is_file() else None

    def shot(self, when):
        path = self.shots / f"explorer-{self.name}-{when}.png"
        self.root.screenshot(path=str(path))
        return str(path)

    def run(self):
        out = {"id": self.id, "name": self.name}
        try:
            self.settle()
            before = self.snapshot()
            out["before"] = before
            out["alts"] = self.alts(before)
            self.tab.evaluate("([id, alts]) => window.__nnProbe.expectAlts(id, alts)", [self.id, out["alts"]])
            out["screenshot_before"] = self.shot("before")
            for control in before["controls"]:
                if control["disabled"]:
                    self.try_disabled(control)
                elif control["tag"] == "select":
                    self.move_select(control)
                else:
                    self.move_range(control)
            out["after"] = self.snapshot()
            out["screenshot_after"] = self.shot("after")
            out["axe"] = self.axe()
        except Exception as exc:  # reported by the tests, with the moves done so far
            out["crash"] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        out["moves"], out["disabled"] = self.moves, self.disabled
        return out

    # -- moves
    def move(self, control, action, expected, do):
        """Do one move; record the explorer before and after, and how long the picture took."""
        before = self.tab.evaluate("id => window.__nnProbe.begin(id)", self.id)
        record = {"control": control["k"], "label": control["label"], "action": action, "before": before}
        try:
            extra = do()
            extra = extra if isinstance(extra, dict) else {}
            record.update(extra)
            if "expected" in extra:
                expected = extra["expected"]
            try:  # the picture on screen, and its alt text once alts.json is in
                done = "([id, before]) => window.__nnProbe.done(id, before)"
                self.tab.wait_for_function(done, arg=[self.id, before["shown"]], timeout=SETTLE_MS)
            except Exception as exc:  # the tests report what the explorer shows then
                record["timeout"] = str(exc).splitlines()[0]
            end = self.tab.evaluate("id => window.__nnProbe.finish(id)", self.id)
            timing = end["timing"] if end["snapshot"]["src"] != before["src"] else None
            record.update(after=end["snapshot"], expected=expected, timing=timing)
        except Exception as exc:
            record.update(error=f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
            record.setdefault("after", None)
        self.moves.append(record)
        return record

    def move_select(self, control):
        """Each option in turn, from the one after the selected one round to it."""
        options = [o["value"] for o in control["options"]]
        start = options.index(control["value"]) if control["value"] in options else 0
        select = self.tab.locator(f"#{control['id']}")
        for n in range(1, len(options) + 1):
            i = (start + n) % len(options)
            # By index: Playwright matches a string against option labels too ("1" is the label of value "0").
            self.move(control, f"select {options[i]}", int(options[i]), lambda i=i: select.select_option(index=i))

    def move_range(self, control):
        el = self.tab.locator(f"#{control['id']}")
        el.focus()
        for key in KEYS:
            now = self.snapshot()["state"][control["k"]]
            last = len(control["positions"]) - 1
            expected = {"ArrowRight": min(now + 1, last), "ArrowLeft": max(now - 1, 0), "Home": 0, "End": last}[key]
            self.move(control, key, expected, lambda k=key: el.press(k))
        self.move(control, "drag", None, lambda: self.drag(control, el))

    def drag(self, control, el):
        """Press the thumb, move it to (near) another drawn value, let go; returns the value expected."""
        snap = self.snapshot()
        c = snap["controls"][control["k"]]
        positions, now = c["positions"], snap["state"][control["k"]]
        last = len(positions) - 1
        target = last // 2 if last // 2 != now else max(0, last // 2 - 1)
        if last == 0:
            target = 0
        el.scroll_into_view_if_needed()
        box = el.bounding_box()
        span = c["max"] - c["min"]

        def x_of(value):
            return box["x"] + THUMB / 2 + (value - c["min"]) / span * (box["width"] - THUMB)

        aim = positions[target]
        # Aim a quarter of the way towards the next drawn value when they are far apart in pixels:
        # the control must snap back to the nearest one.
        if target < last and x_of(positions[target + 1]) - x_of(aim) >= 12:
            aim += 0.25 * (positions[target + 1] - aim)
        y = box["y"] + box["height"] / 2
        mouse = self.tab.mouse
        mouse.move(x_of(positions[now]), y)
        mouse.down()
        mouse.move(x_of(aim), y, steps=6)
        mouse.up()
        # The control must end at the drawn value nearest the pointer (`target`).  The last input
        # event may come from an earlier step of the move: once the control has snapped to the
        # value under the pointer, moving on to it changes nothing and fires none.
        event = self.tab.evaluate("() => window.__nnProbe.lastInput()")
        moved = bool(event) and event["id"] == control["id"]
        return {"expected": target if moved else None, "aimed": aim, "last_input": event["raw"] if moved else None}

    def try_disabled(self, control):
        """A disabled control: click, drag and keys must change nothing."""
        before = self.snapshot()
        el = self.tab.locator(f"#{control['id']}")
        # Keys go to the control only if it can take the focus (a disabled one cannot).
        el.evaluate("el => { if (document.activeElement) document.activeElement.blur(); el.focus(); }")
        box = el.bounding_box()
        if box:
            y = box["y"] + box["height"] / 2
            self.tab.mouse.click(box["x"] + box["width"] / 2, y)
            self.tab.mouse.move(box["x"] + 4, y)
            self.tab.mouse.down()
            self.tab.mouse.move(box["x"] + box["width"] - 4, y, steps=4)
            self.tab.mouse.up()
        for key in KEYS + ("ArrowDown",):
            self.tab.keyboard.press(key)
        time.sleep(0.2)
        after = self.snapshot()
        self.disabled.append({"control": control["k"], "label": control["label"], "before": before, "after": after})

    def axe(self):
        """axe-core on the explorer alone, after the moves: violations, and the rules that passed on it."""
        return self.tab.evaluate(
            """async (id) => {
                const r = await axe.run({include: [['#' + CSS.escape(id)]]});
                const pack = (list) => list.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' '))}));
                return {violations: pack(r.violations), passes: pack(r.passes)};
            }""",
            self.id,
        )
