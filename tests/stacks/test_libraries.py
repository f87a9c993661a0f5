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
    assert "managed only, met by a library with nothing to host" in modelling["why"]
    assert "library" in stack["explainability-fairness"]["tool"]["hosting"] or any(
        "library" in t["hosting"] for t in stack["explainability-fairness"]["alternatives"]
    )
    # Serving is a service: a managed team still gets a managed endpoint, not a library.
    assert "managed" in stack["serving"]["tool"]["hosting"]
    for entry in stack.values():
        for t in [entry["tool"], *entry["alternatives"]]:
            assert {"managed", "library"} & set(t["hosting"]), t["slug"]
            assert set(t["clouds"]) <= {"aws"}, t["slug"]
