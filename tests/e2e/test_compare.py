"""Compare three tools: add them one by one through the add-a-tool box, which suggests names as you type."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.browsing import assert_fits, screenshot

TOOLS = [("MLfl", "MLflow"), ("Weights", "Weights & Biases"), ("Neptu", "Neptune")]


def test_compare_three_tools(page: Page) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Compare").click()
    expect(page.get_by_role("heading", name="Compare tools")).to_be_visible()
    assert_fits(page)

    for typed, name in TOOLS:
        box = page.get_by_label("Add a tool (name or slug)")
        box.press_sequentially(typed, delay=40)
        # htmx fills the box's suggestion list from the catalog while the person types.
        expect(page.locator(f'#tool-suggestions option[value="{name}"]')).to_have_count(1)
        box.fill(name)
        box.press("Enter")
        expect(page).to_have_url(re.compile(r"/compare/\?tools="))

    table = page.locator("table.compare")
    expect(table.locator("thead th")).to_have_count(1 + len(TOOLS))
    for _, name in TOOLS:
        expect(table.locator("thead")).to_contain_text(name)
    rows = table.locator("tbody tr")
    stage_row = rows.filter(has=page.locator("th", has_text="Primary stage"))
    expect(stage_row.locator("td")).to_have_text(["Experiment tracking"] * 3)
    expect(stage_row).not_to_have_class(re.compile(r"\bdiffers\b"))
    licence_row = rows.filter(has=page.locator("th", has_text="Licence"))
    expect(licence_row.locator("td")).to_have_text(["Apache-2.0", "proprietary", "proprietary"])
    expect(licence_row).to_have_class(re.compile(r"\bdiffers\b"))
    expect(licence_row.locator(".diff-mark")).to_have_text("≠")
    expect(page.get_by_role("button", name="Add")).to_be_enabled()
    assert_fits(page)
    screenshot(page, "compare")
