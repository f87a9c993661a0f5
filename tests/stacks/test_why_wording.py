"""The `why` of each pick reads as plain sentences: one tool picked for two stages says so, a team of one is
not "a team of 1", constraints are listed once and in words."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

LAB = (
    "I am a PhD student; I train vision models on a shared GPU cluster for papers and never deploy anything to "
    "production. I keep losing track of runs."
)


def stack(api: APIClient, **data) -> dict[str, dict]:
    response = api.post("/api/recommendations/", data, format="json")
    assert response.status_code == 201, response.content
    return {entry["stage"]: entry for entry in response.json()["stack"]}


def test_one_tool_for_two_stages_is_said_in_both(api: APIClient) -> None:
    entries = stack(api, use_case=LAB, team_size=1, stages=["experiment-tracking", "model-registry", "serving"])
    tracking, registry = entries["experiment-tracking"], entries["model-registry"]
    assert tracking["tool"]["slug"] == registry["tool"]["slug"]
    assert "It is also this stack's pick for model registry: one tool for both." in tracking["why"]
    assert "also this stack's pick for experiment tracking" in registry["why"]
    assert "also this stack's pick" not in entries["serving"]["why"]


def test_a_team_of_one_reads_as_such(api: APIClient) -> None:
    whys = " ".join(e["why"] for e in stack(api, use_case=LAB, team_size=1).values())
    assert "a team of one" in whys
    assert "a team of 1 " not in whys and "should a team" not in whys


def test_a_research_lab_is_not_told_about_production_unasked(api: APIClient) -> None:
    tracking = stack(api, use_case="A research group comparing optimisers across many training runs.")
    assert "experiment-tracking" in tracking
    assert "production" not in tracking["experiment-tracking"]["why"]


def test_constraints_are_listed_in_words(api: APIClient) -> None:
    text = "A fraud model on card transactions; we retrain weekly and must explain decisions to regulators."
    entries = stack(api, use_case=text, open_source_only=True, hosting="managed", cloud="aws")
    assert any(entry["tool"] for entry in entries.values())
    for entry in entries.values():
        if entry["tool"]:
            assert "It fits every constraint you set (open source only, managed only and on AWS)." in entry["why"]
            assert "met by a library" not in entry["why"]


def test_a_negated_clause_is_not_quoted_as_asking(api: APIClient) -> None:
    training = stack(api, use_case=LAB, team_size=1)["training"]
    assert "“I train vision models on a shared GPU cluster for papers”" in training["why"]
    assert "never deploy" not in training["why"]
