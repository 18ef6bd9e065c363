"""End-to-end in a real browser: Debian's Chromium driven by Playwright
against `searcher serve`-style waitress serving the seed index.

Needs /usr/bin/chromium (tests/run.sh installs it with apt when missing);
the test fails, never skips, without it.  A screenshot of the results page
is written to screenshots/ (kept out of git) for a person to look at.
"""

import pytest
from conftest import ROOT, SEED_A, SEED_B, chromium, live_server


@pytest.fixture(scope="module")
def server(seed_index):
    with live_server(seed_index) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def test_search_facet_open_and_back(server, browser):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/")
    box = page.locator("#q")
    assert box.evaluate("el => el === document.activeElement")  # autofocus
    box.type("bo cong an")
    box.press("Enter")
    page.wait_for_url("**/search?**")
    assert page.locator("ol.hits > li").count() == 2  # both seeds name the ministry
    assert page.locator("ol.hits mark").count() > 0
    shots = ROOT / "screenshots"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / "results.png"), full_page=True)

    page.locator("aside.facets .years a", has_text="2025").first.click()
    page.wait_for_url("**from=2025**")
    assert page.locator("ol.hits > li").count() == 1
    assert SEED_B in page.locator("ol.hits").inner_html()
    assert page.locator(".chip-active").count() >= 1

    page.go_back()
    page.wait_for_url("**q=bo+cong+an")
    page.locator(f"ol.hits > li h2 a[href*='{SEED_A}']").click()
    page.wait_for_url(f"**/doc/{SEED_A}**")
    assert page.locator("article.release mark").count() > 0
    assert "Lê Quốc Hùng" in page.locator("h1").inner_text()
    page.go_back()
    page.wait_for_url("**/search?**")
    assert page.locator("ol.hits > li").count() == 2

    page.set_viewport_size({"width": 390, "height": 800})  # a phone
    page.screenshot(path=str(shots / "results-phone.png"), full_page=True)
    assert not errors
    page.close()
