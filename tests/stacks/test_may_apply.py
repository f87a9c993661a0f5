"""A high-risk domain whose words the text uses, though the text reads less like its use cases than a confident
match does: shown as one that may apply, its laws listed and its required stages offered, not added."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

LAWYER = "Which rules apply to a credit scoring model in the EU?"


def recommend(api: APIClient, text: str, **extra) -> dict:
    response = api.post("/api/recommendations/", {"use_case": text, **extra}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_a_lawyers_one_line_question_is_told_lending_may_apply(api: APIClient) -> None:
    body = recommend(api, LAWYER, stages=["serving"])
    profiles = {p["slug"]: p for p in body["risk_profiles"]}
    assert "lending" in profiles, body["risk_profiles"]
    assert profiles["lending"]["confident"] is False
    assert any("credit scoring" in reason for reason in profiles["lending"]["reasons"])
    # Offered, not forced on a stack whose stages the person chose.
    assert [e["stage"] for e in body["stack"]] == ["serving"]
    offered = [s["stage"] for s in body["also_consider"]]
    assert {"explainability-fairness", "monitoring"} <= set(offered), offered
    laws = {r["slug"] for r in body["resources"]}
    assert "equal-credit-opportunity-act-regulation-b" in laws or "cfpb-circular-2022-03" in laws, laws


def test_a_confident_match_is_marked_so_and_adds_its_stages(api: APIClient) -> None:
    text = "We score loan applicants for a consumer lender and decide who gets credit and at what rate."
    body = recommend(api, text, stages=["serving"])
    lending = next(p for p in body["risk_profiles"] if p["slug"] == "lending")
    assert lending["confident"] is True
    assert {"explainability-fairness", "monitoring"} <= {e["stage"] for e in body["stack"]}


def test_the_page_says_the_domain_may_apply(api: APIClient, client) -> None:
    body = recommend(api, LAWYER)
    page = client.get(body["url"]).content.decode()
    assert "may be a high-risk use case" in page
    assert "Lending" in page


def test_a_domain_word_alone_is_not_a_domain_that_may_apply(api: APIClient) -> None:
    text = "I am a PhD student; I train vision models for papers. I keep losing track of runs."
    assert recommend(api, text)["risk_profiles"] == []  # "student" is an education word, nothing more
