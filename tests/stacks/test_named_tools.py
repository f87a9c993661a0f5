"""A tool the text names as the team's is its pick in that stage; one the team turns from gives way."""

import pytest
from rest_framework.test import APIClient

from recommender.stacks.mentions import named_tools
from recommender.stacks.snapshot import snapshot

pytestmark = pytest.mark.django_db


def named(text: str) -> dict[str, bool]:
    snap = snapshot()
    return {snap.tools[tool_id].slug: kept for tool_id, kept in named_tools(text, snap).items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We already run Dagster and use Prefect for small jobs.", {"dagster": True, "prefect": True}),
        ("Our models are in TensorFlow.", {"tensorflow": True}),
        ("Just scikit-learn on a laptop.", {"scikit-learn": True}),
        ("We use Airflow for retraining and Seldon for serving.", {"apache-airflow": True, "seldon-core": True}),
        ("We don't want Kubeflow.", {"kubeflow": False}),
        ("We use Ray for training.", {"ray": True}),
        ("Great Expectations checks our data.", {"great-expectations": True}),
    ],
)
def test_names_are_found_kept_or_turned_from(text: str, expected: dict[str, bool]) -> None:
    found = named(text)
    assert {slug: found.get(slug) for slug in expected} == expected, found


@pytest.mark.parametrize(
    "text",
    [
        "Evidently, we need monitoring.",  # a capital at a sentence's start says nothing
        "We have great expectations for this project and a ray of hope.",  # everyday words, not as written
        "We call the OpenAI API.",  # the maker, not its evals or its agents SDK
        "Our transformer model in TF.",  # TF is no family of TF Encrypted and TF-Agents
    ],
)
def test_everyday_words_and_makers_name_no_tool(text: str) -> None:
    assert named(text) == {}


def test_moving_off_a_platform_turns_from_all_its_services() -> None:
    found = named("We are moving off SageMaker to something cheaper.")
    assert found and not any(found.values())
    assert "amazon-sagemaker-inference-endpoints" in found


def stack(api: APIClient, text: str, **extra) -> dict[str, dict]:
    response = api.post("/api/recommendations/", {"use_case": text, **extra}, format="json")
    assert response.status_code == 201, response.content
    return {entry["stage"]: entry for entry in response.json()["stack"]}


TEAM = (
    "Our models are in TensorFlow. We retrain weekly and serve predictions to our app; we already run Dagster "
    "for the pipelines but we are moving off SageMaker."
)


def test_the_teams_own_tools_are_its_picks_and_the_why_says_so(api: APIClient) -> None:
    entries = stack(api, TEAM, cloud="aws", stages=["ml-frameworks", "orchestration", "serving"])
    assert entries["ml-frameworks"]["tool"]["slug"] == "tensorflow"
    assert entries["orchestration"]["tool"]["slug"] == "dagster"
    assert "You named Dagster in your text" in entries["orchestration"]["why"]
    serving = [entries["serving"]["tool"]["slug"]] + [t["slug"] for t in entries["serving"]["alternatives"]]
    assert not [slug for slug in serving if slug.startswith("amazon-sagemaker")], serving


def test_a_named_tool_never_breaks_a_constraint(api: APIClient) -> None:
    text = "We already use Weights & Biases for experiments and want to keep it."
    entries = stack(api, text, open_source_only=True, stages=["experiment-tracking"])
    pick = entries["experiment-tracking"]["tool"]
    assert pick["slug"] != "weights-biases" and pick["open_source"]
