"""Start a pipeline run from its form and watch its steps turn green on the run page, which never reloads."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.browsing import assert_fits, screenshot, sign_up

# On every page from its start: each swap of the live status records how many steps had succeeded by then.
WATCH = """
window.seen = [];
document.addEventListener("htmx:afterSwap", () => {
  window.seen.push(document.querySelectorAll("#run-status .step-graph li.status-succeeded").length);
});
"""


def test_start_a_run_and_watch_its_steps_succeed(new_page) -> None:
    page: Page = new_page()
    sign_up(page, "runner")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Pipelines").click()
    expect(page.get_by_role("heading", name="Pipeline demos")).to_be_visible()
    assert_fits(page)
    card = page.locator("section.pipeline#tabular-fairness")
    card.get_by_label("rows", exact=True).fill("1000")
    card.get_by_label("pause", exact=True).fill("0.3")  # seconds each step waits, so the page shows the run unfolding
    page.add_init_script(WATCH)
    card.get_by_role("button", name="Start a run").click()

    expect(page).to_have_url(re.compile(r"/pipelines/runs/\d+/$"))
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    graph = page.locator("#run-status .step-graph li")
    expect(graph).to_have_count(5)
    expect(page.locator("#run-status .run-state .status")).to_have_text("succeeded", timeout=120_000)
    expect(graph.locator(".small")).to_have_text(["succeeded"] * 5)
    expect(graph).to_have_class([re.compile(r"\bstatus-succeeded\b")] * 5)
    # Green: the succeeded style's colour, not just its class name.
    border = graph.first.evaluate("li => getComputedStyle(li).borderTopColor")
    red, green, blue = map(int, re.findall(r"\d+", border)[:3])
    assert green > red and green > blue, border

    seen = page.evaluate("window.seen")
    assert navigations == [] and seen, (navigations, seen)  # updated in place, at least once
    assert seen == sorted(seen) and seen[-1] == 5, seen
    expect(page.locator(".decision h2")).to_have_text(re.compile(r"^Decision: (promote|block)$"))
    plot = page.locator("#step-bias-audit img").first
    plot.scroll_into_view_if_needed()  # the plots load lazily, as a person scrolls to them
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=plot.element_handle())
    assert_fits(page)
    screenshot(page, "pipeline-run")
