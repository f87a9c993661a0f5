"""Stages a text names in a list ("training jobs, experiments, model registry, endpoints and model monitoring")
are in the stack as asked for, each quoting its own item, however short the item."""

import pytest
from rest_framework.test import APIClient

from recommender.stacks import needs

pytestmark = pytest.mark.django_db

LISTED = (
    "We are moving to AWS and need training jobs, experiments, model registry, endpoints and model monitoring "
    "for our churn model."
)


def stack(api: APIClient, text: str, **extra) -> dict[str, dict]:
    response = api.post("/api/recommendations/", {"use_case": text, **extra}, format="json")
    assert response.status_code == 201, response.content
    return {entry["stage"]: entry for entry in response.json()["stack"]}


def test_list_items_are_read_one_by_one() -> None:
    parts = needs.parts_of(LISTED)
    assert "model registry" not in parts  # too short for a part of prose
    items = [item for items in needs.list_items(LISTED, parts) for item in items if item not in parts]
    assert items == ["experiments", "model registry", "endpoints"]  # a longer item is prose, read as a clause
    assert needs.list_items("We train a churn model and serve it.", []) == []


def test_each_named_stage_is_asked_and_quotes_its_item(api: APIClient) -> None:
    entries = stack(api, LISTED, team_size=2)  # a small team's cap does not cut what it listed
    for slug, item in (("model-registry", "model registry"), ("experiment-tracking", "experiments")):
        assert slug in entries, list(entries)
        assert entries[slug]["reason"] == "asked"
        assert entries[slug]["why"].startswith(f"You listed “{item}” among what you need.")
    assert entries["training"]["reason"] == "asked"


def test_a_list_of_other_things_names_no_stage(api: APIClient) -> None:
    text = "Our CVs are full of names, emails, phone numbers and home addresses, which we strip before training."
    for entry in stack(api, text).values():
        assert "phone numbers" not in entry["why"] and "emails" not in entry["why"], entry["stage"]


def test_prose_with_commas_is_still_held_to_the_team_size_cap(api: APIClient) -> None:
    text = "We are 2 people, we train XGBoost nightly, we serve it behind an API, and we watch drift weekly."
    assert needs.list_items(text, needs.parts_of(text)) == []  # its clauses are parts, not items
    assert len(stack(api, text)) <= 4


def test_a_very_long_list_is_read_up_to_the_cap() -> None:
    text = "We need " + ", ".join(f"tool number {i}" for i in range(400)) + "."
    assert sum(len(items) for items in needs.list_items(text, needs.parts_of(text))) <= needs.MAX_PARTS


@pytest.mark.parametrize(
    ("text", "slug", "item"),
    [
        # One stage, named twice in a list of three: not a misreading.
        ("We have a churn model in production. We need documentation, explainability, bias testing.",
         "explainability-fairness", "explainability"),
        # Bare stage names, which the classifier trained on sentences reads poorly, name their stage outright.
        ("Small team. Needs: tracking, registry, serving.", "model-registry", "registry"),
        ("Small team. Needs: tracking, registry, serving.", "experiment-tracking", "tracking"),
    ],
)  # fmt: skip
def test_a_stage_named_in_a_short_list_is_asked(api: APIClient, text: str, slug: str, item: str) -> None:
    entries = stack(api, text)
    assert slug in entries, list(entries)
    assert entries[slug]["reason"] == "asked"
    assert entries[slug]["why"].startswith(f"You listed “{item}” among what you need.")
