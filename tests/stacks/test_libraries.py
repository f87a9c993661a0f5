"""A library runs inside the team's own code: it suits a team that hosts nothing as well as one that hosts all."""

import pytest
from rest_framework.test import APIClient

from recommender.stacks.constraints import Constraints, ToolFacts

pytestmark = pytest.mark.django_db
CHURN = (
    "Two data scientists training gradient-boosted models on tabular churn data. We run nothing ourselves: "
    "everything is managed on AWS, and account managers must see why a customer is flagged."
)


def tool(*, library: bool = False, self_hosted: bool = False, managed: bool = False) -> ToolFacts:
    return ToolFacts(
        1, "t", "T", "MIT", 1, frozenset({1}), True, library, self_hosted, managed, frozenset(), frozenset(), 0.0
    )


@pytest.mark.parametrize(
    ("hosting", "kind", "allowed"),
    [
        ("managed", {"library": True}, True),
        ("self-hosted", {"library": True}, True),
        ("managed", {"self_hosted": True}, False),
        ("self-hosted", {"managed": True}, False),
        ("managed", {"managed": True}, True),
        ("self-hosted", {"self_hosted": True}, True),
    ],
)
def test_a_library_meets_either_hosting_constraint(hosting: str, kind: dict, allowed: bool) -> None:
    assert Constraints(hosting=hosting).allows(tool(**kind)) is allowed


def test_a_managed_team_gets_modelling_and_explanation_libraries(api: APIClient) -> None:
    stages = ["ml-frameworks", "explainability-fairness", "serving"]
    data = {"use_case": CHURN, "hosting": "managed", "cloud": "aws", "team_size": 2, "stages": stages}
    response = api.post("/api/recommendations/", data, format="json")
    assert response.status_code == 201, response.content
    stack = {e["stage"]: e for e in response.json()["stack"]}
    # Before libraries were told apart, a managed team's modelling pick was a hosted recommender service.
    modelling = stack["ml-frameworks"]
    assert "library" in modelling["tool"]["hosting"], modelling["tool"]["slug"]
    assert "a library that runs in your own code or on your own machine, with nothing to host" in modelling["why"]
    assert "It fits every constraint you set (managed only and on AWS)." in modelling["why"]
    assert "library" in stack["explainability-fairness"]["tool"]["hosting"] or any(
        "library" in t["hosting"] for t in stack["explainability-fairness"]["alternatives"]
    )
    # Serving is a service: a managed team still gets a managed endpoint, not a library.
    assert "managed" in stack["serving"]["tool"]["hosting"]
    for entry in stack.values():
        for t in [entry["tool"], *entry["alternatives"]]:
            assert {"managed", "library"} & set(t["hosting"]), t["slug"]
            assert set(t["clouds"]) <= {"aws"}, t["slug"]


def test_a_managed_team_gets_hosted_services_where_they_do_the_job(api: APIClient) -> None:
    text = "Three of us ship a churn model as an API and must notice when its inputs drift."
    data = {"use_case": text, "hosting": "managed", "stages": ["serving", "monitoring"]}
    response = api.post("/api/recommendations/", data, format="json")
    assert response.status_code == 201, response.content
    for entry in response.json()["stack"]:
        # An embedded runtime or a drift library would meet the constraint, but the team asked for services:
        # the pick is one, and every service comes before any library among the alternatives.
        tools = [entry["tool"], *entry["alternatives"]]
        hosted = ["managed" in t["hosting"] for t in tools]
        assert hosted[0] and hosted == sorted(hosted, reverse=True), (entry["stage"], [t["slug"] for t in tools])


def test_no_bonus_lifts_a_language_model_tool_into_a_stack_without_one(api: APIClient) -> None:
    text = (
        "Credit scoring for consumer loans at a regional bank: logistic regression and gradient boosting on bureau "
        "data. Regulators want explanations for every declined applicant and fairness reports."
    )
    data = {"use_case": text, "hosting": "managed", "cloud": "aws", "team_size": 12, "stages": ["privacy-security"]}
    response = api.post("/api/recommendations/", data, format="json")
    assert response.status_code == 201, response.content
    privacy = next(e for e in response.json()["stack"] if e["stage"] == "privacy-security")
    # Bedrock's guardrails are AWS's own and managed, but they guard prompts, not a credit model's data.
    assert "llm" not in privacy["tool"]["domains"], privacy["tool"]["slug"]


@pytest.mark.parametrize(
    ("kind", "hosting", "said", "unsaid"),
    [
        ({"library": True}, "managed", "with nothing to host", "self-hosted"),
        ({"library": True, "self_hosted": True, "managed": True}, "managed", "also available as a managed", "self-"),
        ({"library": True, "self_hosted": True, "managed": True}, "any", "a self-hosted or managed service", "only"),
        ({"self_hosted": True}, "self-hosted", "self-hosted", "library"),
    ],
)
def test_the_why_says_how_a_tool_is_run_as_the_team_would_run_it(kind, hosting, said, unsaid) -> None:
    from recommender.stacks.explain import _hosting

    text = _hosting(tool(**kind), hosting)
    assert said in text and unsaid not in text, text
