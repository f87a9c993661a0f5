"""A stage the text says the team does not need stays out of the stack; a need stated in the negative stays in."""

import pytest
from rest_framework.test import APIClient

from recommender.stacks.declined import declining

pytestmark = pytest.mark.django_db


def stages(api: APIClient, text: str, **extra) -> list[str]:
    response = api.post("/api/recommendations/", {"use_case": text, **extra}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    return [entry["stage"] for entry in body["stack"]] + [s["stage"] for s in body["also_consider"]]


@pytest.mark.parametrize(
    ("text", "left_out"),
    [
        (
            "We are 3 people building a churn model on Postgres. We do not need a feature store, and no need "
            "for a model registry yet. We retrain monthly.",
            {"feature-store", "model-registry"},
        ),
        (
            "Our vision models for defects are in decent shape. Monitoring stage not needed: anomaly detection is "
            "the product. We need labeling for new defect classes.",
            {"monitoring"},
        ),
    ],
)
def test_a_declined_stage_is_neither_in_the_stack_nor_offered(api: APIClient, text: str, left_out: set) -> None:
    found = stages(api, text)
    assert not left_out & set(found), found


def test_a_stage_the_person_chooses_is_kept_whatever_the_text_says(api: APIClient) -> None:
    text = "We do not need a feature store for our churn model."
    assert "feature-store" in stages(api, text, stages=["feature-store", "serving"])


@pytest.mark.parametrize(
    ("clause", "declines"),
    [
        ("we don't need a feature store", True),
        ("we do not really need experiment tracking yet", True),
        ("no need for a model registry", True),
        ("monitoring is not needed", True),
        ("labeling is out of scope", True),
        ("we don't want a notebook server", True),
        # Needs and constraints in the negative.
        ("we don't know which settings produced which model", False),
        ("we have no monitoring at all", False),
        ("we don't want to manage servers", False),
        ("we don't want our data locked into one warehouse vendor", False),
        ("strip CV personal data we don't need", False),
    ],
)
def test_what_declines_a_stage(clause: str, declines: bool) -> None:
    assert declining(clause) is declines
