"""Every page of the built book, as a reader's browser shows it (see conftest.py for the set-up)."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from nnlib import plots

from .conftest import BOOK, VIEWPORT, all_pages, toc_pages
from .report import SERIOUS

PAGES = all_pages()
#: A figure's pixels: PAGE_WIDTH inches at BOOK_DPI, twice the CSS pixels it is shown at.
MAX_FIGURE_WIDTH = round(plots.PAGE_WIDTH * plots.BOOK_DPI)
SHOWN = plots.STYLE["figure.dpi"] / plots.BOOK_DPI
# alt texts that say nothing: empty, a file name, a bare word, matplotlib's repr.
VACUOUS_ALT = re.compile(
    r"^\s*$|\.(png|jpe?g|svg|gif|webp)$|^(image|img|figure|fig|plot|graph|chart|picture|photo|"
    r"logo|icon|output|untitled)\s*\d*$|^<Figure size",
    re.IGNORECASE,
)


def loaded(site, page):
    result = site[page]
    assert not result.get("missing"), f"{page}.html was not built"
    assert not result.get("crash"), f"the page could not be checked: {result.get('crash')}"
    return result


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_without_console_errors(site, page):
    r = loaded(site, page)
    assert r["status"] == 200, f"HTTP {r['status']}"
    assert not r["cdn_missing"], "\n".join(r["cdn_missing"])
    assert not r["errors"], "console errors:\n" + "\n".join(f"{e['text'][:400]}  [{e['url']}]" for e in r["errors"])


@pytest.mark.parametrize("page", PAGES)
def test_every_equation_is_typeset(site, page):
    math = loaded(site, page)["math"]
    assert not math["untypeset"], f"not typeset by MathJax: {math['untypeset'][:5]}"
    assert not math["merrors"], f"MathJax errors: {math['merrors'][:5]}"
    assert not math["raw_tex"], f"raw TeX left in the text: {math['raw_tex'][:5]}"


@pytest.mark.parametrize("page", PAGES)
def test_every_image_has_alt_text_and_renders(site, page):
    r = loaded(site, page)
    for img in r["images"]:
        assert img["alt"] is not None and not VACUOUS_ALT.search(img["alt"]), (
            f"image without meaningful alt text ({img['alt']!r}): {img['src']}"
        )
        assert img["natural_width"] > 0, f"image does not render: {img['src']}"


@pytest.mark.parametrize("page", PAGES)
def test_figures_are_sized_for_the_page(site, page):
    """nnlib.plots draws figures PAGE_WIDTH inches wide at BOOK_DPI; shown at (nearly) the size they
    were drawn for, half their pixels, their text stays as large as the page's."""
    r = loaded(site, page)
    for img in r["images"]:
        if not img["figure"]:
            continue
        assert img["natural_width"] <= MAX_FIGURE_WIDTH, (
            f"figure {img['natural_width']} px wide, more than nnlib.plots.PAGE_WIDTH "
            f"({MAX_FIGURE_WIDTH} px): {img['src']}"
        )
        if not img["hidden"]:
            assert img["width"] >= 0.85 * SHOWN * img["natural_width"], (
                f"figure shrunk from {SHOWN * img['natural_width']:.0f} to {img['width']} px to fit the column "
                f"({img['column']} px): its text is too small: {img['src']}"
            )


@pytest.mark.parametrize("page", PAGES)
def test_every_internal_link_and_anchor_resolves(site, page):
    r = loaded(site, page)
    assert not r["link_problems"], "\n".join(r["link_problems"])


@pytest.mark.parametrize("page", PAGES)
def test_no_serious_accessibility_violation(site, page):
    r = loaded(site, page)
    bad = [v for v in r["axe"] if v["impact"] in SERIOUS]
    assert not bad, "\n".join(f"{v['id']} ({v['impact']}): {v['help']}: {v['nodes'][:4]}" for v in bad)


@pytest.mark.parametrize("page", PAGES)
def test_full_page_screenshot_is_written(site, page):
    shot = Path(loaded(site, page)["screenshot"])
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == VIEWPORT["width"] and height >= VIEWPORT["height"], (width, height)


def test_every_built_page_is_checked(book_html):
    built = {
        p.relative_to(book_html).with_suffix("").as_posix()
        for p in book_html.rglob("*.html")
        if not p.relative_to(book_html).parts[0].startswith(("_", "."))
    }
    assert built - {"index"} <= set(PAGES), f"pages nobody checks: {sorted(built - {'index'} - set(PAGES))}"


def test_index_leads_to_the_first_page(site):
    context = site.browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site.base) else route.abort())
    tab = context.new_page()
    response = tab.goto(site.base + "index.html")
    tab.wait_for_url(f"**/{toc_pages()[0]}.html", timeout=10000)
    assert response.status == 200
    context.close()


def test_favicon_and_logo_render(site):
    r = loaded(site, toc_pages()[0])
    assert r["favicon"] and r["favicon"]["href"].endswith(".svg"), r["favicon"]
    assert r["favicon"]["natural_width"] > 0, "the favicon does not render"
    logos = [i for i in r["images"] if "/_static/logo" in i["src"]]
    assert logos and all(i["natural_width"] > 0 for i in logos), logos
    assert any(not i["hidden"] for i in logos), "no logo is shown"
    for name in ("favicon.svg", "logo.svg"):
        assert (BOOK / "_build" / "html" / "_static" / name).read_bytes() == (
            BOOK / "chapters" / "images" / name
        ).read_bytes()
