"""Describe a use case with constraints, get a stack, and open its shared link as someone else would."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.browsing import assert_fits, screenshot

USE_CASE = (
    "We are four engineers at a regional bank building a credit scoring model on tabular loan applications. "
    "We retrain monthly, must explain every declined application to the regulator, and watch for drift."
)


def test_get_a_recommendation_and_open_its_shared_link(new_page) -> None:
    page: Page = new_page()
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Recommend").click()
    expect(page.get_by_role("heading", name="Recommend a stack")).to_be_visible()
    assert_fits(page)
    page.get_by_label("What are you building, and what binds you?").fill(USE_CASE)
    page.get_by_label("Open source only").check()
    page.get_by_label("Cloud").select_option("aws")
    page.get_by_label("Team size").fill("4")
    page.get_by_role("button", name="Recommend my stack").click()

    expect(page).to_have_url(re.compile(r"/recommendations/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", name="Your stack")).to_be_visible()
    expect(page.locator("blockquote.use-case")).to_contain_text("credit scoring model")
    constraints = page.locator("p.small.muted").filter(has_text="Constraints:")
    expect(constraints).to_contain_text("open source only")
    expect(constraints).to_contain_text("AWS")
    expect(constraints).to_contain_text("team of 4")
    steps = page.locator("ol.lifecycle > li.lifecycle-step")
    expect(steps).not_to_have_count(0)
    picks = steps.locator("h2 a")
    expect(picks).not_to_have_count(0)
    # Open source only: every pick carries the badge.
    expect(steps.filter(has=page.locator("h2 a")).filter(has_not=page.locator("h2 .badge.oss"))).to_have_count(0)
    expect(page.locator(".ethics-panel")).to_contain_text("Lending")
    picked = picks.all_inner_texts()
    assert_fits(page)

    shared = page.get_by_role("link", name="link to share").get_attribute("href")
    stranger = new_page()  # someone else, not signed in, opening the link they were sent
    stranger.goto(shared)
    expect(stranger.get_by_role("heading", name="Your stack")).to_be_visible()
    expect(stranger.locator("ol.lifecycle > li.lifecycle-step h2 a")).to_have_text(picked)
    expect(stranger.locator("blockquote.use-case")).to_contain_text("credit scoring model")
    expect(stranger.get_by_role("link", name="Log in").last).to_be_visible()
    assert_fits(stranger)
    screenshot(stranger, "recommendation")

    # Not the stages they need: open the picker, add data validation, drop the first stage, and recommend again.
    page.get_by_text("Not the stages you need? Choose them").click()
    assert_fits(page)
    picker = page.locator("details.stages-choice")
    first_stage = steps.first.locator("p.eyebrow a").text_content()
    picker.get_by_label("Data validation & quality").check()
    picker.get_by_label(first_stage, exact=True).uncheck()
    picker.get_by_role("button", name="Recommend with these stages").click()
    expect(page).to_have_url(re.compile(r"/recommendations/[0-9a-f-]{36}/$"))
    adjusted = page.locator("ol.lifecycle > li.lifecycle-step")
    expect(adjusted.filter(has_text="Data validation & quality")).to_contain_text("your choice")
    expect(page.locator("p.small.muted").filter(has_text="Constraints:")).to_contain_text("team of 4")
    stage_names = adjusted.locator("p.eyebrow a").all_text_contents()
    assert first_stage not in stage_names or adjusted.filter(has_text=first_stage).locator(".badge").text_content() == (
        "required"
    )
    screenshot(page, "recommendation-adjusted")
