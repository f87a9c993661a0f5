"""Risk-profile matching on use-case texts written with their expected profiles before the matcher was tuned."""

import pytest

from community.ethics.matching import ProfileMatch, keyword_hits, match_risk_profiles, segments
from community.ethics.models import RiskProfile
from tests.ethics.risk_cases import CASES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("text", "expected", "unexpected"), CASES, ids=[c[0][:40] for c in CASES])
def test_use_case_matches_its_profiles(text: str, expected: set[str], unexpected: set[str]) -> None:
    matched = {m.profile.slug for m in match_risk_profiles(text)}
    assert expected <= matched, f"missing {expected - matched}; got {matched}"
    assert not matched & unexpected, f"wrongly matched {matched & unexpected}"


def test_every_match_says_why() -> None:
    matches = match_risk_profiles("credit scoring for small-business loans")
    lending = next(m for m in matches if m.profile.slug == "lending")
    assert lending.reasons
    assert any("“" in reason for reason in lending.reasons)


def test_one_telling_sentence_in_a_long_description_is_enough() -> None:
    text = (
        "We are a team of four in Lisbon. Our stack is Python and PostgreSQL on a single cloud account. "
        "We retrain every Monday and deploy behind a REST endpoint. Most of our users are on mobile. "
        "The product ranks applicants for open engineering positions before recruiters see them. "
        "We care about latency and want simple tooling."
    )
    assert "hiring" in {m.profile.slug for m in match_risk_profiles(text)}


def test_segments_keep_the_whole_text_and_its_sentences() -> None:
    parts = segments("We score loans. We also forecast demand for bread!")
    assert parts[0] == "We score loans. We also forecast demand for bread!"
    assert "We also forecast demand for bread!" in parts


def test_empty_text_matches_nothing() -> None:
    assert match_risk_profiles("   ") == []


@pytest.mark.parametrize(
    ("text", "keywords", "hits"),
    [
        ("We score Loans for small shops", ["loan", "loans"], ["loan"]),
        ("mortgage-lending at scale", ["mortgage lending", "lending"], ["mortgage lending", "lending"]),
        ("the bank's credit score model", ["bank", "credit score", "credit scores"], ["bank", "credit score"]),
        ("cheap buses and a church", ["bus", "churches"], ["bus"]),
        ("a loaner car", ["loan"], []),
        ("credit_score column", ["credit"], []),
        ("scores credit", ["credit score"], []),
    ],
)
def test_keywords_are_whole_words_in_order_plural_or_not(text: str, keywords: list[str], hits: list[str]) -> None:
    assert keyword_hits(text, keywords) == hits


def match(keywords: list[str], similarity: float, closeness: float) -> ProfileMatch:
    return ProfileMatch(RiskProfile(slug="hiring", name="Hiring"), 0.0, similarity, keywords, closeness=closeness)


@pytest.mark.parametrize(
    ("keywords", "similarity", "closeness", "confident", "may_apply"),
    [
        # A sentence nearest the domain's examples, backed by one of its words.
        (["recruiter"], 0.5, 0.5, True, False),
        # Nearer another domain's examples: two of this domain's words still make it confident, one does not.
        (["recruiter", "resume"], 0.0, 0.5, True, False),
        (["recruiter"], 0.0, 0.5, False, True),
        # A word, and a text that reads only faintly like the domain: nothing to show.
        (["student"], 0.0, 0.33, False, False),
        (["student"], 0.32, 0.32, False, True),
        # No word of the domain: only a very close example is enough, and a fairly close one shows nothing.
        ([], 0.72, 0.72, False, False),
        ([], 0.8, 0.8, True, False),
    ],
)
def test_how_sure_a_match_is(
    keywords: list[str], similarity: float, closeness: float, confident: bool, may_apply: bool
) -> None:
    found = match(keywords, similarity, closeness)
    assert (found.confident, found.may_apply) == (confident, may_apply)


def test_a_chatbot_that_merely_sounds_like_a_domains_example_is_no_confident_match() -> None:
    # It reads like "a chatbot that recommends a travel policy" (insurance) at 0.72, with no insurance word.
    text = "A travel agency chatbot that suggests itineraries and books hotels for customers."
    assert not [m.profile.slug for m in match_risk_profiles(text) if m.confident]


@pytest.mark.parametrize(
    ("text", "slug", "matched"),
    [
        ("We do NOT make lending decisions; we forecast ATM cash demand for a bank.", "lending", False),
        ("This is not about hiring, it plans shifts in our warehouse.", "hiring", False),
        # A negative that is not a denial of the domain keeps its words.
        ("We don't know which loans will default before they do.", "lending", True),
        ("We must show our hiring model does not disadvantage women.", "hiring", True),
    ],
)
def test_a_domains_words_in_what_a_clause_denies_do_not_count(text: str, slug: str, matched: bool) -> None:
    found = {m.profile.slug: m for m in match_risk_profiles(text)}
    assert (slug in found and bool(found[slug].keywords)) is matched, found.get(slug)
    if not matched and slug in found:
        assert not found[slug].confident and not found[slug].may_apply
