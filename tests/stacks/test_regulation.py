"""The laws a stack is shown when no high-risk domain matched or may apply: its stages' regulation, less the
laws written for sectors."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def laws(api: APIClient, text: str, stages: list[str]) -> list[str]:
    response = api.post("/api/recommendations/", {"use_case": text, "stages": stages}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["risk_profiles"] == []
    return [r["slug"] for r in body["resources"] if r["kind"] == "regulation"]


def test_a_factory_model_is_not_told_about_hiring_or_credit_laws(api: APIClient) -> None:
    text = "We inspect welds on a factory line with a camera model; the plant manager wants to know why a part failed."
    shown = laws(api, text, ["explainability-fairness", "serving"])
    assert "eu-ai-act" in shown  # a law for every sector
    for sector_law in (
        "nyc-local-law-144",
        "cfpb-circular-2022-03",
        "naic-model-bulletin-ai-insurers",
        "colorado-ai-act",
    ):
        assert sector_law not in shown, shown


@pytest.mark.parametrize(
    "text",
    [
        # It reads like an employee-attrition example (hiring) at 0.47, and a used-car price like a loan.
        "We predict which customers will churn from our telecom plans and must explain each score to the team.",
        "A model that prices used cars for our dealership and explains each price.",
        "A fraud model on card transactions for a fintech; we must explain declined payments to regulators.",
    ],
)
def test_a_text_that_only_reads_like_a_sectors_examples_gets_no_sector_law(api: APIClient, text: str) -> None:
    shown = laws(api, text, ["explainability-fairness"])
    assert "eu-ai-act" in shown, shown
    for sector_law in (
        "nyc-local-law-144",
        "cfpb-circular-2022-03",
        "colorado-ai-act",
        "fair-credit-reporting-act-2018",
    ):
        assert sector_law not in shown, shown


def test_a_sectors_laws_come_with_the_domain_its_words_name(api: APIClient) -> None:
    body = api.post(
        "/api/recommendations/",
        {"use_case": "Which rules apply to a credit scoring model in the EU?", "stages": ["serving"]},
        format="json",
    ).json()
    assert "lending" in {p["slug"] for p in body["risk_profiles"]}
    assert "cfpb-circular-2022-03" in {r["slug"] for r in body["resources"]}


def test_the_general_laws_are_shown_whichever_regulated_stage_is_in_the_stack(api: APIClient) -> None:
    text = "A chatbot over our help-center articles that answers customers; we need RAG and must keep answers grounded."
    shown = laws(api, text, ["llm-apps", "privacy-security"])
    assert "eu-ai-act" in shown, shown  # chatbots have transparency duties under it
    assert laws(api, text, ["llm-apps"]) == []  # no explainability or privacy stage: no laws


def test_a_sector_law_is_kept_out_of_the_general_ones(api: APIClient) -> None:
    shown = laws(api, "We forecast bakery demand for our shops.", ["explainability-fairness"])
    assert "eu-ai-act" in shown and "nyc-local-law-144" not in shown, shown
