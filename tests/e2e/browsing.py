"""What the journeys share: a person signing up, logging in and out, and what every page must do on a screen
(fit its width), plus the screenshot of a journey's end state."""

import re
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect

from tests import servers

ARTIFACTS = servers.ROOT / "var" / "e2e-artifacts"
DEVICES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
PASSWORD = "lanterns-over-the-harbour-42"
saved: list[Path] = []


def screenshot(page: Page, name: str) -> Path:
    """The whole page as it ended, named after the journey and the screen it ran on."""
    width = page.viewport_size["width"]
    device = next(name for name, size in DEVICES.items() if size["width"] == width)
    path = ARTIFACTS / f"{name}-{device}.png"
    page.screenshot(path=str(path), full_page=True)
    saved.append(path)
    return path


def assert_fits(page: Page) -> None:
    """Nothing sticks out sideways: the page is no wider than the screen (a phone would scroll it sideways)."""
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide on a {width}px screen"
    # No link of the main menu hidden past the edge (a menu that scrolled sideways hid four at phone width).
    hidden = page.evaluate(
        "[...document.querySelectorAll('.main-nav a')]"
        ".filter(a => a.getBoundingClientRect().right > window.innerWidth).map(a => a.textContent)"
    )
    assert hidden == [], f"{page.url}: {hidden} out of sight on a {width}px screen"


def username(who: str) -> str:
    return f"{who}-{uuid.uuid4().hex[:8]}"


def sign_up(page: Page, who: str) -> str:
    """From the home page, through the header's Sign up button; returns the new username."""
    name = username(who)
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill(name)
    page.get_by_label("Email").fill(f"{name}@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Password confirmation:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/questions/$"))
    expect(page.locator(".account-nav")).to_contain_text(name)
    return name


def log_out(page: Page) -> None:
    page.locator(".account-nav").get_by_role("button", name="Log out").click()
    expect(page.locator(".account-nav")).to_contain_text("Log in")


def log_in(page: Page, name: str) -> None:
    page.locator(".account-nav").get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill(name)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".account-nav")).to_contain_text(name)
