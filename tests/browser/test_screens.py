"""Every reader, every screen: the book on a phone (390 × 844, touch), a tablet (768 × 1024), a laptop
(1280 × 900), in dark mode and on paper (issue 14).

Each page is loaded once per screen (``Site.on_screen``: screen.js gathers the facts, a full-page
screenshot goes to ``_build/screenshots/<screen>/``); the checks of one thing on one page
(the menu, print, search, the loading cue) load that page once more, in a context of their own.
"""

from __future__ import annotations

import json
import math
import re
import urllib.parse
from pathlib import Path

import pytest
from PIL import Image

from nnlib import plots

from .conftest import SCREENS, toc_pages
from .test_pages import PAGES

CHAPTERS = [p for p in toc_pages() if re.search(r"/\d\d_", p)]
FIRST_CHAPTER = CHAPTERS[0]
WITH_ANSWERS = "chapters/09_backward"  # an explorer, its questions and their folded answers
SEARCHED = "softmax"  # a term one chapter teaches in a section of its own, and the API names


def on(site, page, screen):
    r = site.on_screen(page, screen)
    assert not r.get("crash"), f"the page could not be checked on a {screen}: {r['crash']}"
    return r


def local_file(site, url):
    """The file of the built site that answers ``url``."""
    return Path(site.html) / urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")


def smallest_text_px(site, url):
    """How tall the smallest text of a picture is in the picture's own pixels: a figure's PNG says it
    (``nnlib.plots.png_bytes``), an explorer's pictures have it in their manifest."""
    path = local_file(site, url)
    manifest = path.parent / "manifest.json"
    if manifest.exists():
        return json.loads(manifest.read_text(encoding="utf-8"))["smallest_text_px"]
    with Image.open(path) as picture:
        said = picture.text.get("smallest text px")
    return float(said) if said else None


# ------------------------------------------------------------------------------- every page, every screen
@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("page", PAGES)
def test_nothing_scrolls_the_page_sideways_and_nothing_errs(site, page, screen):
    r = on(site, page, screen)
    width = SCREENS[screen]["viewport"]["width"]  # a mobile browser widens window.innerWidth to a page too wide
    assert r["page_width"] <= width, f"the page is {r['page_width']} px wide on a {width}-px screen"
    assert not r["errors"], "console errors:\n" + "\n".join(e["text"][:300] for e in r["errors"])
    shot = Path(r["screenshot"])
    # The width from the PNG's header: a full-page screenshot of the API page is over 100 million
    # pixels, which Pillow's opening would warn about.
    with shot.open("rb") as png:
        header = png.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", shot
    assert int.from_bytes(header[16:20], "big") == SCREENS[screen]["viewport"]["width"], shot


@pytest.mark.parametrize("page", PAGES)
def test_every_equation_fits_the_column_of_a_laptop_and_a_tablet(site, page):
    for screen in ("laptop", "tablet"):
        r = on(site, page, screen)
        wide = [f"({e['label']}) {e['width']} px in {e['room']} px: {e['text']}" for e in r["equations"]
                if e["width"] is not None and e["width"] > e["room"] + 1]
        assert not wide, f"on a {screen}, equations wider than their column:\n" + "\n".join(wide)


@pytest.mark.parametrize("page", PAGES)
def test_a_wide_equation_scrolls_in_its_own_box_on_a_phone(site, page):
    r = on(site, page, "phone")
    assert all(e["width"] is not None for e in r["equations"]), "an equation was not typeset"
    for e in r["equations"]:
        if e["width"] > e["room"] + 1:
            where = f"({e['label']}) {e['width']} px in {e['room']} px"
            assert e["overflow_x"] in ("auto", "scroll") and e["scrolls"], f"{where}: cut, not scrolled"
            assert e["cue"], f"{where}: its box shows no sign that it scrolls"


@pytest.mark.parametrize("page", PAGES)
def test_pictures_are_sharp_on_high_resolution_screens(site, page):
    """At 1280 px every figure and explorer picture has at least twice the pixels of the CSS width it
    takes, and no picture is wider than the text column."""
    r = on(site, page, "laptop")
    for p in r["pictures"]:
        if p["hidden"]:
            continue
        assert p["natural_width"] >= 2 * p["width"] - 1, (
            f"{p['src']}: {p['natural_width']} pixels shown {p['width']:.0f} CSS px wide")
        assert p["width"] <= r["column"] + 1, f"{p['src']}: {p['width']:.0f} px in a {r['column']}-px column"


@pytest.mark.parametrize("page", PAGES)
def test_text_in_pictures_is_legible_on_a_phone(site, page):
    """On a 390-px phone a picture takes the screen's width, and its smallest text is 8 CSS px or more."""
    r = on(site, page, "phone")
    for p in r["pictures"]:
        if p["hidden"]:
            continue
        screen = SCREENS["phone"]["viewport"]["width"]
        assert p["left"] >= -0.5 and p["right"] <= screen + 0.5, f"{p['src']} runs off the screen"
        natural_px = smallest_text_px(site, p["src"])
        assert natural_px, f"{p['src']} does not say how small its text is"
        css_px = natural_px * p["width"] / p["natural_width"]
        assert css_px >= plots.MIN_TEXT_PX, f"{p['src']}: its smallest text is {css_px:.1f} CSS px tall on a phone"


# ------------------------------------------------------------------------------- the menu
def sidebar_links_shown(tab):
    return tab.evaluate("""() => [...document.querySelectorAll(
        '#pst-primary-sidebar-modal a.reference, #pst-primary-sidebar a.reference')].filter(a => {
        const r = a.getBoundingClientRect();
        return r.width > 0 && r.right > 0 && r.left < innerWidth && getComputedStyle(a).visibility !== 'hidden'; })
        .length""")


def visible_toggle(tab, kind="primary"):
    return tab.locator(f".{kind}-toggle:visible").first


def test_the_menu_opens_the_chapter_list_on_a_phone_and_closes_again(site):
    context = site.context("phone")
    tab = context.new_page()
    tab.goto(site.base + f"{FIRST_CHAPTER}.html")
    dialog = tab.locator("#pst-primary-sidebar-modal")
    assert sidebar_links_shown(tab) == 0, "the chapter list shows before the menu is opened"
    visible_toggle(tab).tap()
    tab.wait_for_timeout(300)
    assert dialog.evaluate("d => d.open"), "a tap on the menu button does not open the chapter list"
    assert sidebar_links_shown(tab) >= len(CHAPTERS), "the open menu does not list the chapters"
    tab.mouse.click(385, 800)  # a tap outside the list, on the dimmed page
    tab.wait_for_timeout(300)
    assert not dialog.evaluate("d => d.open"), "a tap outside the list does not close it"
    visible_toggle(tab).tap()
    tab.wait_for_timeout(300)
    tab.keyboard.press("Escape")
    tab.wait_for_timeout(300)
    assert not dialog.evaluate("d => d.open"), "Escape does not close the list"
    assert tab.locator("#pst-primary-sidebar a.reference").count() >= len(CHAPTERS), "the list did not go back"
    visible_toggle(tab, "secondary").tap()
    tab.wait_for_timeout(300)
    assert tab.locator("#pst-secondary-sidebar-modal").evaluate("d => d.open"), "'on this page' does not open"
    tab.screenshot(path=str(Path(site.html).parent / "screenshots" / "phone" / "menu-on-this-page.png"))
    context.close()


def test_the_menu_opens_the_chapter_list_on_a_tablet(site):
    context = site.context("tablet")
    tab = context.new_page()
    tab.goto(site.base + f"{FIRST_CHAPTER}.html")
    visible_toggle(tab).click()
    tab.wait_for_timeout(300)
    assert tab.locator("#pst-primary-sidebar-modal").evaluate("d => d.open")
    assert sidebar_links_shown(tab) >= len(CHAPTERS)
    tab.screenshot(path=str(Path(site.html).parent / "screenshots" / "tablet" / "menu.png"))
    context.close()


def test_the_menu_button_hides_and_shows_the_sidebar_on_a_laptop(site):
    context = site.context("laptop")
    tab = context.new_page()
    tab.goto(site.base + f"{FIRST_CHAPTER}.html")
    article = tab.locator("article.bd-article")
    shown = sidebar_links_shown(tab)
    width = article.evaluate("a => a.getBoundingClientRect().width")
    assert shown >= len(CHAPTERS), "the laptop's sidebar does not list the chapters"
    visible_toggle(tab).click()
    tab.wait_for_timeout(700)  # the theme slides the sidebar away
    assert sidebar_links_shown(tab) == 0, "the menu button does not hide the sidebar"
    assert article.evaluate("a => a.getBoundingClientRect().width") >= width, "the text did not get the room"
    visible_toggle(tab).click()
    tab.wait_for_timeout(700)
    assert sidebar_links_shown(tab) == shown, "the menu button does not show the sidebar again"
    context.close()


# ------------------------------------------------------------------------------- dark mode and paper
def test_dark_mode_applies_to_the_page_and_its_explorers(site):
    context = site.context("laptop", color_scheme="dark")
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(e.message))
    tab.goto(site.base + f"{WITH_ANSWERS}.html")
    tab.wait_for_function("() => document.documentElement.dataset.theme === 'dark'", timeout=10000)
    background = tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
    channels = [int(v) for v in re.findall(r"\d+", background)[:3]]
    assert sum(channels) / 3 < 80, f"the dark page's background is {background}"
    tab.locator(".nn-explorer").first.screenshot(path=str(Path(site.html).parent / "screenshots" / "dark-explorer.png"))
    tab.screenshot(path=str(Path(site.html).parent / "screenshots" / "dark.png"), full_page=True)
    assert not errors, errors
    context.close()


#: The height of what each answer dropdown shows besides its title (0 while it is folded).
ANSWER_HEIGHTS = """[...document.querySelectorAll('details.sd-dropdown')].map(d => [...d.children]
    .filter(c => c.tagName !== 'SUMMARY' && c.checkVisibility())
    .reduce((h, c) => h + c.getBoundingClientRect().height, 0))"""


def test_a_printed_chapter_shows_its_answers_its_picture_and_no_focus_ring(site):
    context = site.context("laptop")
    tab = context.new_page()
    tab.goto(site.base + f"{WITH_ANSWERS}.html")
    tab.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    answers_on_screen = tab.evaluate(f"() => {ANSWER_HEIGHTS}")
    assert answers_on_screen and not any(answers_on_screen), "the answers are open before printing"
    tab.emulate_media(media="print")
    tab.set_viewport_size({"width": 680, "height": 1009})  # an A4 page within 15 mm margins, in CSS px
    tab.locator(".nn-explorer select").first.focus()  # a reader who printed after choosing in it
    printed = tab.evaluate("""() => ({
        answers: """ + ANSWER_HEIGHTS + """,
        picture: [...document.querySelectorAll('img.nn-explorer-frame')].map(i => i.getBoundingClientRect().height),
        focused: (() => { const e = document.activeElement, s = getComputedStyle(e);
                          return {tag: e.tagName, outline: s.outlineStyle, shadow: s.boxShadow}; })(),
        height: document.documentElement.scrollHeight,
    })""")
    assert all(h > 0 for h in printed["answers"]), f"answers folded on paper: {printed['answers']}"
    assert all(h > 50 for h in printed["picture"]), "the explorer's picture does not print"
    focused = printed["focused"]
    assert focused["tag"] == "SELECT" and focused["outline"] == "none" and focused["shadow"] == "none", focused
    pdf = tab.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    needed = math.ceil(printed["height"] / 1009)  # pages without a single forced break
    assert pages <= 1.25 * needed + 1, f"{pages} printed pages for {printed['height']} px of print layout"
    (Path(site.html).parent / "screenshots" / "print.pdf").write_bytes(pdf)
    context.close()


# ------------------------------------------------------------------------------- search, weight, loading
def test_search_shows_titles_without_tex_and_the_teaching_chapter_first(site):
    context = site.context("laptop")
    tab = context.new_page()
    tab.goto(site.base + f"search.html?q={SEARCHED}")
    tab.wait_for_function("() => document.querySelectorAll('#search-results li').length > 0", timeout=15000)
    tab.wait_for_timeout(500)
    results = tab.evaluate("""() => [...document.querySelectorAll('#search-results li > a')]
        .map(a => ({href: a.getAttribute('href'), text: a.textContent}))""")
    context.close()
    assert not [r for r in results if re.search(r"\\\(|\\\)|\\[a-z]+|\$", r["text"])], results
    first = results[0]["href"]
    assert re.search(r"chapters/\d\d_", first), f"the first result is {results[0]}"
    api = next((i for i, r in enumerate(results) if "chapters/api" in r["href"]), None)
    assert api is not None and api > 0, "the API entries are missing or first"


def test_a_slow_picture_shows_that_it_is_loading(site):
    """On a connection with 600 ms of latency, a move's picture is marked as loading after 150 ms,
    and the mark goes once the picture is shown."""
    context = site.context("laptop")
    tab = context.new_page()
    tab.goto(site.base + f"{WITH_ANSWERS}.html")
    tab.wait_for_function("() => document.querySelector('.nn-explorer.nn-explorer-ready')")
    tab.wait_for_timeout(1000)  # the neighbours fetched ahead have arrived
    cdp = context.new_cdp_session(tab)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 600, "downloadThroughput": 200_000,
                                                  "uploadThroughput": 200_000})
    explorer = tab.locator(".nn-explorer").first
    control = explorer.locator("input[type=range]").last
    control.focus()
    control.press("End")
    tab.wait_for_timeout(350)
    assert "nn-explorer-waiting" in explorer.get_attribute("class"), "no loading cue 350 ms after the move"
    assert explorer.locator(".nn-explorer-loading").is_visible()
    tab.wait_for_function("e => !e.classList.contains('nn-explorer-waiting')", arg=explorer.element_handle(),
                          timeout=10000)
    assert explorer.evaluate("e => e.querySelector('img').complete")
    context.close()
