"""Browse the landscape, open a stage, then narrow the catalog with its filters."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.browsing import assert_fits, screenshot

STAGE = "Monitoring & observability"


def count_in(label: str) -> int:
    return int(re.search(r"(\d+)\s*$", label.strip()).group(1))


def test_browse_the_landscape_and_filter_the_catalog(page: Page, device: str) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", name="The MLOps landscape")).to_be_visible()
    expect(page.locator(".landscape .stage-block")).to_have_count(24)
    assert_fits(page)

    block = page.locator(".stage-block", has=page.get_by_role("heading", name=re.compile(f"^{re.escape(STAGE)}")))
    in_stage = int(block.locator("h2 .count").inner_text())
    block.get_by_role("link", name=STAGE, exact=True).click()
    expect(page).to_have_url(re.compile(r"/stages/monitoring/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(STAGE)
    assert_fits(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Tools").click()
    panel = page.locator("details.facet-panel")
    if device == "phone":  # results first on a phone: the person opens the filters
        expect(panel).not_to_have_attribute("open", "")
        panel.locator("summary").click()
    expect(panel).to_have_attribute("open", "")
    assert_fits(page)

    stage_box = page.get_by_role("checkbox", name=re.compile(f"^{re.escape(STAGE)} \\d+$"))
    assert count_in(page.locator("label", has=stage_box).inner_text()) == in_stage
    stage_box.check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"stage=monitoring"))
    results = page.locator("section.results")
    expect(results.locator("p.muted").first).to_have_text(re.compile(f"^{in_stage} tools, showing 1–"))

    if device == "phone":
        page.locator("details.facet-panel summary").click()
    open_source = page.get_by_role("checkbox", name=re.compile(r"^Open source \d+$"))
    open_in_stage = count_in(page.locator("label", has=open_source).inner_text())
    assert 0 < open_in_stage < in_stage
    open_source.check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"open_source=true"))
    expect(results.locator("p.muted").first).to_have_text(re.compile(f"^{open_in_stage} tools?(, |$)"))
    cards = results.locator(".tool-card")
    expect(cards).to_have_count(min(open_in_stage, 24))
    expect(cards.filter(has_not=page.locator(".badge.oss"))).to_have_count(0)
    expect(page.locator("details.facet-panel summary")).to_have_text("Filters (active)")
    if device == "phone":
        page.locator("details.facet-panel summary").click()
    expect(page.get_by_role("checkbox", name=re.compile(f"^{re.escape(STAGE)} \\d+$"))).to_be_checked()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Open source \d+$"))).to_be_checked()
    assert_fits(page)
    screenshot(page, "landscape-filter")
