"""The derive exercises answered in the book's pages give the checkers' own verdicts (issue 18).

Every exercise whose checker has ``kind == "derive"`` (read from ``check.CHECKERS``, so that a new
one is tested as soon as it is declared) must be answerable in its chapter's page.  Each chapter
page is loaded once (``exercises.py``) and, for each of its exercises, the page must give:

* ✅ to the right answer (a value computed by the checker, or the formula of ``exercise_answers``);
* each declared Mistake's own message to that mistake (its value, or its formula);
* a clear message, never a crash, to a malformed entry;
* to random answers (``exercise_answers.random_values`` / ``random_formulas``) exactly the message
  ``check.<name>(answer)`` gives in Python.

It also checks the page at a phone's width, by keyboard, in print, and what is kept in localStorage.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

import numpy as np
import pytest

import exercise_answers as answers
from exercise_answers import exercise_data, exercise_pages
from nbtools import chapter_paths
from nnlib import check
from nnlib.check._messages import number_equations

from .conftest import NODE_MODULES, REPO
from .exercises import PHONE, visit

DERIVE = exercise_data.derive_checkers()
NAMES = list(DERIVE)
RANDOM_PER_EXERCISE = 12
HINT_PHRASE = "the “Show hint” button"  # what the page says for the notebook's check.hint('…')


def _source(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


CHAPTERS = {f"chapters/{p.stem}": _source(p) for p in chapter_paths()}


def page_of(name):
    """The chapter page whose exercise cell calls ``check.<name>(``."""
    call = re.compile(rf"\bcheck\.{name}\(")
    return next((page for page, cells in CHAPTERS.items() if any(call.search(c) for c in cells)), None)


PAGES = {}
for _name in NAMES:
    PAGES.setdefault(page_of(_name), []).append(_name)


def is_value(name):
    return isinstance(DERIVE[name], check.Answer)


def shown(message):
    """The engine's message as the page shows it: the notebook's check.hint('…') is the page's button."""
    return re.sub(r"check\.hint\('[^']*'\)", HINT_PHRASE, message)


# ------------------------------------------------------------------------------ the plans
MALFORMED_VALUES = [("2 +", "I cannot read your answer"), ("zz9 + 1", "is not a name this exercise knows"),
                    ("2,5", "decimals with a point"), ("foo(2)", "is not a function you can use"),
                    ("[[1, 2], [3]]", "rows of your array have different lengths"), ("", "is not answered yet")]
MALFORMED_FORMULAS = [("(", "I cannot read your formula"), ("zz9 + 1", "is not a name this exercise knows"),
                      ("foo(1)", "is not a function you can use"), ("a = 1", "enter one formula"),
                      ("[1, 2]", "no [ ] lists"), ("log(2, 3)", "takes one argument"), ("", "is not answered yet")]


def plan(name):
    """What to type into exercise ``name``, with what the page must say: [(what, texts, expected)]."""
    checker = DERIVE[name]
    rng = np.random.default_rng(sum(map(ord, name)))
    out = []
    if is_value(name):
        out.append(("right", [answers.typed(answers.right_value(checker))], None))
        for i, mistake in enumerate(checker.mistakes):
            out.append((f"mistake {i}", [answers.typed(mistake.fn())], number_equations(mistake.message)))
        out += [("special", [answers.typed(answers.decoded(sp["value"]))], sp["message"])
                for sp in exercise_data.specials(checker)]
        out += [("malformed", [text], want) for text, want in MALFORMED_VALUES]
        out += [("random", [t], None) for t in answers.random_values(rng, checker, RANDOM_PER_EXERCISE)]
        return out
    table = answers.FORMULAS.get(name)
    if table is None:
        return None
    right = answers.entry_texts(checker, table["right"])
    out.append(("right", right, None))
    for i, (formula, mistake) in enumerate(zip(table["mistakes"], checker.mistakes)):
        out.append((f"mistake {i}", answers.entry_texts(checker, formula), number_equations(mistake.message)))
    for text, want in MALFORMED_FORMULAS:
        out.append(("malformed", [text, *right[1:]], want))
    out += [("random", texts, None) for texts in answers.random_formulas(rng, checker, RANDOM_PER_EXERCISE)]
    return out


@pytest.fixture(scope="session")
def exercise_runs(browser, server, book_html):
    """Each chapter page with exercises, loaded once and driven (exercises.visit), by page."""
    runs = {}

    def get(page):
        if page not in runs:
            names = PAGES[page]
            plans = {n: plan(n) or [] for n in names}
            typed = [{"name": n, "texts": texts} for n in names for _, texts, _ in plans[n]]
            first = names[0]
            right = plans[first][0][1] if plans[first] else [""]
            progress = None
            if page == PROGRESS_PAGE:
                progress = [(names[0], plans[names[0]][0][1]), (names[1], ["123456789"])]
            numbers = FORMAT_NUMBERS if page == PROGRESS_PAGE else ()
            try:
                result = visit(browser, server, page, typed, (first, right), progress, numbers)
            except Exception as exc:  # a page that fails fails its own tests, not the others'
                result = {"crash": f"{type(exc).__name__}: {exc}"}
            result["plans"] = plans
            if "runs" in result:
                it = iter(result["runs"])
                result["by_name"] = {n: [(what, texts, want, next(it)) for what, texts, want in plans[n]]
                                     for n in names}
            runs[page] = result
        assert "crash" not in runs[page], runs[page]["crash"]
        return runs[page]

    return get


#: The page whose progress is checked by a reload: the first with two exercises.
PROGRESS_PAGE = next((p for p, names in PAGES.items() if p and len(names) > 1), None)


def attempts(exercise_runs, name, what=None):
    """What the page said to exercise ``name``'s planned entries (of one kind): [(what, texts, expected, got)]."""
    got = [a for a in exercise_runs(PAGES_OF[name])["by_name"][name] if what is None or a[0] == what]
    assert got or what not in ("right", "special", "malformed", "random"), f"{name}: nothing {what!r} was typed"
    return got


PAGES_OF = {n: page for page, names in PAGES.items() for n in names}

#: Numbers whose "%.6g" and "%.4g" the page must write as Python does: every magnitude, ties that round
#: half to even (1234565, 1234575), signed zero, the subnormal, the largest float.
_rng = np.random.default_rng(18)
FORMAT_NUMBERS = [0.0, -0.0, 1.0, -1.0, 0.5, 2.5, 1234565.0, 1234575.0, 12345.65, 0.00012345, 1e-5, 1e-4, 9.9999995,
                  999999.5, 123456.0, 1234567.0, 1e16, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, 2 ** -53,
                  *(_rng.normal(size=40) * 10.0 ** _rng.integers(-12, 12, size=40)).tolist(),
                  *_rng.integers(-10**9, 10**9, size=20).astype(float).tolist()]


# ------------------------------------------------------------------------------ static: the site
def test_every_chapter_has_an_exercise_answered_in_its_page(book_html):
    for page in CHAPTERS:
        html = (book_html / f"{page}.html").read_text(encoding="utf-8")
        found = re.findall(r'<section class="nn-exercise"[^>]*data-exercise="(\w+)"', html)
        assert found, f"{page} has no exercise answered in the page (a derive exercise: check.CHECKERS kind)"
        assert found == PAGES.get(page, []), f"{page}: the page has {found}, its source's derive exercises are " \
                                             f"{PAGES.get(page)}"


def test_every_derive_exercise_is_in_a_chapter():
    assert None not in PAGES, f"no chapter cell calls check.<name>( for {PAGES.get(None)}"


def test_scripts_load_only_where_there_are_exercises(book_html):
    for path in sorted(book_html.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        has = "data-exercise=" in text
        loads = [s for s in ("mathjs@", "nnbook-exercises.js", "nnbook-exercises-judge.js", "nnbook-exercises.css")
                 if s in text]
        if has:
            assert len(loads) == 4, f"{path.name} has exercises but loads only {loads}"
            assert not re.search(r"<script[^>]*mathjs@", text), "math.js is fetched when needed, not with the page"
            for section in re.findall(r'<section class="nn-exercise"[^>]*>', text):
                assert f'data-reader="{exercise_pages.MATHJS_URL}"' in section, section
                assert f'data-reader-integrity="{exercise_pages.MATHJS_INTEGRITY}"' in section, section
        else:
            assert not loads, f"{path.name} has no exercise but loads {loads}"


def test_mathjs_is_pinned_and_its_hash_is_the_npm_copy():
    pinned = json.loads((REPO / "tests/browser/package.json").read_text())["dependencies"]["mathjs"]
    assert pinned == exercise_pages.MATHJS_VERSION
    copy = NODE_MODULES / "mathjs" / "lib" / "browser" / "math.js"
    if not copy.exists():
        pytest.skip("no local copy of mathjs: run `npm ci` in tests/browser (make test does)")
    digest = base64.b64encode(hashlib.sha384(copy.read_bytes()).digest()).decode()
    assert exercise_pages.MATHJS_INTEGRITY == f"sha384-{digest}"
    assert exercise_pages.MATHJS_URL.endswith(f"mathjs@{pinned}/lib/browser/math.js")


@pytest.mark.parametrize("name", [n for n in NAMES if not is_value(n)])
def test_every_formula_exercise_has_its_test_formulas(name):
    table = answers.FORMULAS.get(name)
    assert table, f"{name} is a formula exercise: add its right formula and one per mistake to exercise_answers.py"
    assert len(table["mistakes"]) == len(DERIVE[name].mistakes), f"{name}: one formula per declared Mistake"


# ------------------------------------------------------------------------------ in the page
@pytest.mark.parametrize("name", NAMES)
def test_right_answer_passes(exercise_runs, name):
    for _, texts, _, got in attempts(exercise_runs, name, "right"):
        assert got["passed"], f"{texts}: {got['raw']}"
        assert got["raw"] == answers.verdict(DERIVE[name], texts)
        assert got["shown"] == got["raw"] and got["live"] == "polite" and got["role"] == "status"


@pytest.mark.parametrize("name", NAMES)
def test_every_mistake_gets_its_own_message(exercise_runs, name):
    got_all = attempts(exercise_runs, name)
    mistakes = [a for a in got_all if a[0].startswith("mistake")]
    assert len(mistakes) == len(DERIVE[name].mistakes)
    for what, texts, want, got in mistakes:
        assert not got["passed"], f"{what} {texts} passed"
        assert got["raw"].endswith(want), f"{what} {texts}: the page says {got['raw']!r}, not the mistake's {want!r}"
        assert got["raw"] == answers.verdict(DERIVE[name], texts)


@pytest.mark.parametrize("name", [n for n in NAMES if exercise_data.specials(DERIVE[n])])
def test_what_a_checkers_own_class_says_is_said_in_the_page(exercise_runs, name):
    for _, texts, want, got in attempts(exercise_runs, name, "special"):
        assert got["raw"] == want == answers.verdict(DERIVE[name], texts)


@pytest.mark.parametrize("name", NAMES)
def test_malformed_entries_get_a_clear_message(exercise_runs, name):
    for _, texts, want, got in attempts(exercise_runs, name, "malformed"):
        assert not got["passed"]
        assert want in got["raw"], f"{texts}: {got['raw']!r} does not say {want!r}"
        assert got["raw"].startswith((f"❌ {name}: ", f"⏳ {name} ")), got["raw"]


@pytest.mark.parametrize("name", NAMES)
def test_page_verdicts_equal_the_checkers_on_random_answers(exercise_runs, name):
    runs = attempts(exercise_runs, name, "random")
    assert len(runs) == RANDOM_PER_EXERCISE
    different = []
    for _, texts, _, got in runs:
        expected = answers.verdict(DERIVE[name], texts)
        if got["raw"] != expected:
            different.append(f"{texts}:\n  page:   {got['raw']}\n  python: {expected}")
        assert got["shown"] == shown(got["raw"])
    assert not different, "\n".join(different)
    verdicts = {got["passed"] for *_, got in runs}
    assert False in verdicts, "the random answers should include wrong ones"


@pytest.mark.parametrize("page", list(PAGES))
def test_page_with_exercises_loads_cleanly(exercise_runs, page):
    r = exercise_runs(page)
    assert not r["errors"], r["errors"]
    assert not r["blocked"] and not r["cdn_missing"], (r["blocked"], r["cdn_missing"])
    fetched = [u for u in r["cdn_served"] if "mathjs@" in u]
    assert fetched and set(fetched) == {exercise_pages.MATHJS_URL}, f"math.js is fetched pinned: {fetched}"
    assert not r["before"]["summaryHidden"], "the summary of the page's exercises is hidden"


@pytest.mark.parametrize("page", list(PAGES))
def test_legible_at_a_phones_width_and_in_print(exercise_runs, page):
    r = exercise_runs(page)
    for e in r["layout"]:
        assert e["width"] == PHONE["width"]
        assert e["left"] >= 0 and e["right"] <= e["width"] + 0.5, e
        assert e["overflow"] <= 0, f"{e['name']} scrolls sideways by {e['overflow']} px"
        assert all(x <= e["right"] + 0.5 for x in e["inputRight"] + e["buttonRight"]), e
        assert all(px >= 16 for px in e["fontPx"]), f"{e['name']}: inputs under 16 px make phones zoom"
        assert all(h >= 44 for h in e["buttonHeights"]), f"{e['name']}: buttons under 44 px"
        assert all(label.strip() for label in e["labels"]), f"{e['name']}: an input without its label"
        assert all("Functions:" in d for d in e["described"]), f"{e['name']}: the input is not described"
    for e in r["printed"]:
        assert e["section"] != "none" and all(d != "none" for d in e["inputs"]), e
        assert e["actions"] == "none", f"{e['name']}: buttons are printed"


@pytest.mark.parametrize("page", list(PAGES))
def test_answered_and_hinted_by_keyboard(exercise_runs, page):
    r = exercise_runs(page)
    k = r["keyboard"]
    name = PAGES[page][0]
    assert k["verdict"].startswith(f"✅ {name}"), k["verdict"]
    assert k["tab_order"] == ["nn-exercise-check", "nn-exercise-hint"], k["tab_order"]
    ladder, checker = k["ladder"], DERIVE[name]
    assert len(ladder) == len(checker.ladder), "the page's hint ladder has other levels than check.hint's"
    for level, step in enumerate(k["hints"], start=1):
        assert len(step["shown"]) == level and step["focused"] == "LI"
        text = ladder[level - 1]
        assert text == number_equations(checker.ladder[level - 1])
        assert step["shown"][-1] == f"Hint {level} of {len(ladder)}: {text.replace('`', '')}"
    assert k["hints"][-1]["disabled"], "the hint button stays active after the last level"


def test_numbers_are_written_as_python_writes_them(exercise_runs):
    """The messages' numbers (_answers.fmt's "%.6g", a factor's "%.4g") come out of the page as out of Python."""
    if PROGRESS_PAGE is None:
        pytest.skip("no chapter page has two exercises")
    got = exercise_runs(PROGRESS_PAGE)["formats"]
    want = [[f"{x:.6g}", f"{x:.4g}"] for x in FORMAT_NUMBERS]
    assert [(x, g) for x, g, w in zip(FORMAT_NUMBERS, got, want) if g != w] == []


def test_progress_is_kept_and_reset(exercise_runs):
    if PROGRESS_PAGE is None:
        pytest.skip("no chapter page has two exercises")
    p = exercise_runs(PROGRESS_PAGE)["progress"]
    first, second = PAGES[PROGRESS_PAGE][:2]
    restored = {e["name"]: e for e in p["restored"]["exercises"]}
    saved = {e["name"]: e for e in p["saved"]["exercises"]}
    for name in (first, second):
        assert restored[name]["inputs"] == saved[name]["inputs"] and restored[name]["verdict"] == saved[name]["verdict"]
    assert restored[first]["verdict"].startswith("✅") and restored[second]["verdict"].startswith("❌")
    assert p["restored"]["summary"].startswith("Right so far: 1 of 2 (1 tried)"), p["restored"]["summary"]
    assert restored[first]["hints"] == len(DERIVE[first].ladder), "the hints shown were not kept"
    stored = json.loads(p["restored"]["stored"])
    assert stored[first]["passed"] is True and stored[second]["passed"] is False
    cleared = p["cleared"]
    assert all(not any(e["inputs"]) and not e["verdict"] and not e["hints"] for e in cleared["exercises"])
    assert cleared["summary"].startswith("Right so far: 0 of 2") and "cleared" in cleared["note"]
    assert not set(json.loads(cleared["stored"] or "{}")) & {first, second}
