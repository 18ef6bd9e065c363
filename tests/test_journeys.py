"""A journalist's day in the web UI, in Debian's Chromium (Playwright), on
desktop (1366x900) and phone (390x844), over the corpus sample index
(seeds, 400 vietnews releases two thirds dated, 40 ntrex releases):
completion, keyboard, filters and dates, watching and exporting, every
page type free of axe-core violations, light and dark.  Screenshots go to
screenshots/ (kept out of git) for a person to look at."""

from __future__ import annotations

import urllib.parse

import pytest
from axe import violations
from conftest import ROOT, SEED_A, chromium, live_server

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SHOTS = ROOT / "screenshots"
NOT_FOUND = "/doc/no-such-release"  # asked for on purpose: its 404 is no error of the page


@pytest.fixture(scope="module")
def site(sample_index):
    with live_server(sample_index, threads=8) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(params=["desktop", "phone"])
def page(request, browser):
    size = DESKTOP if request.param == "desktop" else PHONE
    context = browser.new_context(viewport=size, is_mobile=request.param == "phone",
                                  has_touch=request.param == "phone")
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("console", lambda m: errors.append(f"{m.text} ({m.location.get('url')})")
         if m.type == "error" and not m.location.get("url", "").endswith(NOT_FOUND) else None)
    p.device = request.param  # type: ignore[attr-defined]
    yield p
    context.close()
    assert not errors, errors


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{page.device}.png"), full_page=True)


def _args(page) -> dict:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(page.url).query))


def test_completion_restores_diacritics_and_searches(site, page):
    page.goto(site + "/")
    box = page.locator("#q")
    box.type("le quoc h", delay=30)
    option = page.locator("#q-suggestions [role=option]").first
    option.wait_for()
    assert "Lê Quốc Hùng" in option.inner_text()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "q-suggestion-0"
    box.press("Enter")
    page.wait_for_url("**/search?**")
    assert _args(page)["q"] == "Lê Quốc Hùng"
    assert SEED_A in page.locator("ol.hits").inner_html()
    assert page.locator("h1").count() == 1


def test_results_come_first_in_tab_order(site, page):
    page.goto(site + "/search?q=c%C3%B4ng+an")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.className")
    assert skip == "skip"
    page.keyboard.press("Enter")
    for _ in range(12):  # past the header's form and links, to the first result
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('ol.hits')"):
            break
    else:
        pytest.fail("the first result is more than 12 Tabs past the skip link")
    assert page.evaluate("!document.activeElement.closest('aside')")


def test_filters_dates_and_clearing_keep_the_sort(site, page):
    page.goto(site + "/search?q=c%C3%B4ng+an&sort=date")
    total = int(page.locator(".summary strong").first.inner_text())
    if page.device == "phone":  # one control at the top reaches the filters
        toggle = page.locator(".filters-toggle")
        assert toggle.is_visible() and toggle.bounding_box()["y"] < 400
        toggle.click()
        page.wait_for_function("location.hash === '#filters'")
    form = page.locator("form.range")
    form.locator("input[name=from]").fill("2018")
    form.locator("input[name=to]").fill("2020")
    form.locator("button").click()
    page.wait_for_url("**from=2018**")
    narrowed = int(page.locator(".summary strong").first.inner_text())
    assert 0 < narrowed < total
    chips = page.locator(".active-filters .chip-active")
    assert chips.count() == 1 and "2018" in chips.first.inner_text()
    assert chips.first.bounding_box()["y"] < 500  # the active filter shows at the top, on a phone too
    assert page.locator("svg.year-chart rect.bar").count() >= 3
    page.locator("aside .facet-lang a", has_text="Tiếng Việt").click()
    page.wait_for_url("**lang=vi**")
    assert page.locator(".active-filters .chip-active").count() == 2
    page.locator(".active-filters .clear-all").click()
    page.wait_for_load_state()
    args = _args(page)
    assert args == {"q": "công an", "sort": "date"}, args
    _shot(page, "results")


def test_watch_and_export_links_carry_the_search(site, page):
    page.goto(site + "/search?q=c%C3%B4ng+an&lang=vi&from=2019")
    feed = page.locator(".watch a[type='application/atom+xml']").get_attribute("href")
    csv = page.locator(".watch a", has_text="CSV").get_attribute("href")
    for href in (feed, csv):
        args = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(href).query))
        assert args["q"] == "công an" and args["lang"] == "vi" and args["from"] == "2019"
    response = page.request.get(site + feed)
    assert response.ok and "<feed" in response.text()


def test_tap_targets_are_large_enough_on_a_phone(site, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site + "/search?q=c%C3%B4ng+an&lang=vi")
    small = page.evaluate("""() => [...document.querySelectorAll('a, button, summary, input')]
        .filter(el => el.offsetParent !== null && !el.closest('.snippet'))
        .map(el => [el.outerHTML.slice(0, 80), el.getBoundingClientRect().height])
        .filter(([_, h]) => h > 0 && h < 24)""")
    context.close()
    assert not small, small


def test_the_release_page_keeps_the_search_on_its_translation(site, browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site + "/search?q=police")
    twin = page.locator("ol.hits a.twin").first
    if twin.count():
        twin.click()
        page.wait_for_url("**/doc/**")
        link = page.locator("p.translation a")
        assert "q=police" in (link.get_attribute("href") or "")
        assert page.locator("p.back a").get_attribute("href").startswith("/search?")
    context.close()


PAGES = {
    "home": "/",
    "results": "/search?q=c%C3%B4ng+an",
    "filtered": "/search?q=c%C3%B4ng+an&lang=vi&from=2018&to=2021",
    "empty": "/search?q=zzqxw&lang=en",
    "release": f"/doc/{SEED_A}?q=L%C3%AA+Qu%E1%BB%91c+H%C3%B9ng",
    "official": "/official/L%C3%AA%20Qu%E1%BB%91c%20H%C3%B9ng",
    "not-found": NOT_FOUND,
    "english": "/search?q=police&ui=en",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_has_no_axe_violations(site, page, scheme):
    page.emulate_media(color_scheme=scheme)
    found = {}
    for name, path in PAGES.items():
        page.goto(site + path)
        problems = violations(page)
        if problems:
            found[name] = problems
        if name == "results":
            _shot(page, f"results-{scheme}")
    assert not found, found
