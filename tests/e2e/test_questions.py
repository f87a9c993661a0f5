"""Two people on the Q&A: one signs up and asks (similar questions appear while the title is typed), the other
answers and upvotes the question, and the asker upvotes and accepts the answer. Reputation follows."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.browsing import assert_fits, log_in, log_out, screenshot, sign_up

TITLE = "Evidently reports drift on many features every Monday: is my reference window wrong?"
DEMO_TWIN = "Evidently flags drift on half my features every Monday. Is it the weekend traffic or my reference window?"
BODY = "We compare each week's traffic with a reference window from March. Half the features drift every Monday."
ANSWER = "Build the reference from the same weekdays as the current window, so weekly seasonality cancels out."


def test_ask_answer_vote_and_accept(new_page, device: str) -> None:
    page: Page = new_page()
    asker = sign_up(page, "asker")
    page.get_by_role("link", name="Ask a question").click()
    title = page.get_by_label("Title")
    title.press_sequentially(TITLE, delay=15)
    similar = page.locator("#similar")
    expect(similar).to_contain_text("Similar questions")
    expect(similar.get_by_role("link", name=DEMO_TWIN)).to_be_visible()
    assert_fits(page)
    page.get_by_label("Body").fill(BODY)
    page.get_by_label("Tags").fill("drift evidently")
    page.get_by_role("button", name="Post your question").click()
    expect(page).to_have_url(re.compile(r"/questions/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    question_url = page.url
    log_out(page)

    answerer = sign_up(page, "answerer")
    page.goto(question_url)
    page.get_by_label("Your answer").fill(ANSWER)
    page.get_by_role("button", name="Post your answer").click()
    expect(page.locator("article.post").filter(has_text=ANSWER)).to_be_visible()
    question_votes = page.locator("#question .vote")
    question_votes.get_by_role("button", name="Upvote").click()
    # The vote goes through htmx: the widget changes in place.
    expect(question_votes.get_by_label("Score")).to_have_text("1")
    expect(question_votes.get_by_role("button", name="Upvote (undo)")).to_have_attribute("aria-pressed", "true")
    log_out(page)

    log_in(page, asker)
    page.goto(question_url)
    answer = page.locator("article.post").filter(has_text=ANSWER)
    answer.get_by_role("button", name="Upvote").click()
    expect(answer.get_by_label("Score")).to_have_text("1")
    answer.get_by_role("button", name="Accept this answer").click()
    answer = page.locator("article.post.accepted")
    expect(answer).to_contain_text("✓ Accepted answer")
    expect(answer).to_contain_text(ANSWER)
    # +10 for the upvoted answer and +15 for its acceptance, on top of the 1 every account starts with;
    # the asker has +5 for the upvoted question and +2 for accepting.
    expect(answer.locator(".post-meta")).to_contain_text(f"{answerer} (26)")
    expect(page.locator("#question .post-meta").filter(has_text="by ")).to_contain_text(f"{asker} (8)")
    expect(page.locator("#question .vote").get_by_label("Score")).to_have_text("1")
    assert_fits(page)
    screenshot(page, "questions")
