"""A pick's alternatives are other makers' tools first: the pick's own hosted edition is hardly an alternative."""

import pytest
from rest_framework.test import APIClient

from recommender.stacks.snapshot import snapshot

pytestmark = pytest.mark.django_db


def test_the_makers_own_editions_give_way_to_other_makers(api: APIClient) -> None:
    text = "We need a feature store for online features; we run Hopsworks today."
    response = api.post("/api/recommendations/", {"use_case": text, "stages": ["feature-store"]}, format="json")
    assert response.status_code == 201, response.content
    entry = response.json()["stack"][0]
    assert entry["tool"]["slug"] == "hopsworks"
    alternatives = [t["slug"] for t in entry["alternatives"]]
    assert len(alternatives) == 3 and not any(slug.startswith("hopsworks") for slug in alternatives), alternatives


def test_a_maker_is_known_with_or_without_its_owner() -> None:
    snap = snapshot()
    tools = {t.slug: t for t in snap.tools.values()}
    assert tools["weights-biases"].maker == tools["wandb-models"].maker == "weights & biases"
    # Linked as the SDK and its hosted platform: editions of one tool, so neither is the other's alternative.
    assert tools["wandb-models"].id in tools["weights-biases"].editions
    assert tools["amazon-sagemaker-clarify"].id not in tools["amazon-sagemaker-model-monitor"].editions


def test_a_clouds_other_services_are_not_taken_for_editions(api: APIClient) -> None:
    text = "Three of us ship a churn model as an API and must notice when its inputs drift."
    data = {"use_case": text, "hosting": "managed", "cloud": "aws", "stages": ["monitoring"]}
    entry = api.post("/api/recommendations/", data, format="json").json()["stack"][0]
    assert entry["tool"]["slug"] == "amazon-sagemaker-model-monitor"
    assert "amazon-sagemaker-clarify" in [t["slug"] for t in entry["alternatives"]]
