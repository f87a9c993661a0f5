"""What already works, and everything beyond what a team "just needs", stays out of its stack."""

import pytest
from rest_framework.test import APIClient

from recommender.stacks import scope

pytestmark = pytest.mark.django_db


def recommend(api: APIClient, text: str, **extra) -> tuple[list[str], list[str]]:
    response = api.post("/api/recommendations/", {"use_case": text, **extra}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    return [e["stage"] for e in body["stack"]], [s["stage"] for s in body["also_consider"]]


def test_what_already_works_is_left_out(api: APIClient) -> None:
    text = (
        "Our churn model is in decent shape. MLflow for runs and registry, Airflow retraining, BentoML serving, "
        "all working. What bit us is drift after a pricing change: we need to notice that kind of shift and get "
        "alerted."
    )
    stack, offered = recommend(api, text)
    assert "monitoring" in stack
    in_place = {"experiment-tracking", "model-registry", "orchestration", "serving"}
    assert not in_place & set(stack + offered), (stack, offered)


def test_a_team_that_just_needs_one_thing_gets_that_and_is_offered_the_rest(api: APIClient) -> None:
    stack, offered = recommend(api, "I just need my image model behind an HTTP endpoint that scales to zero at night.")
    assert stack == ["serving"]
    assert offered  # the stages it would otherwise have had are still a click away


def test_need_only_names_the_stage_and_the_why_quotes_it(api: APIClient) -> None:
    text = (
        "We have a fraud model on Databricks; the pipeline and tracking work fine and we are not changing them. "
        "We need only monitoring."
    )
    stack, _ = recommend(api, text)
    assert stack == ["monitoring"]
    body = api.post("/api/recommendations/", {"use_case": text}, format="json").json()
    assert body["stack"][0]["reason"] == "asked"
    assert body["stack"][0]["why"].startswith("You wrote “We need only monitoring”")


def test_a_high_risk_domain_keeps_its_stages_whatever_the_scope(api: APIClient) -> None:
    text = "We score loan applicants for a consumer lender. We just need somewhere to serve the model."
    stack, _ = recommend(api, text)
    assert {"serving", "explainability-fairness"} <= set(stack)


@pytest.mark.parametrize(
    "text",
    [
        "A PhD lab training segmentation models on microscopy images for our papers. Papers only, no deployment.",
        "We simulate warehouse robots and train RL policies; nothing is in production yet, we track many runs.",
    ],
)
def test_a_model_that_is_not_deployed_gets_no_serving_or_monitoring(api: APIClient, text: str) -> None:
    stack, _ = recommend(api, text)
    assert not {"serving", "monitoring"} & set(stack), stack


def test_no_production_monitoring_is_a_need_not_a_scope(api: APIClient) -> None:
    text = "Our fraud model scores card payments live and we have no production monitoring at all."
    stack, _ = recommend(api, text)
    assert "monitoring" in stack


def test_a_model_its_maker_serves_gets_no_serving_stage(api: APIClient) -> None:
    text = (
        "Our app calls GPT-4o via Azure OpenAI to draft replies to customer emails; we want to evaluate answer "
        "quality and block personal data from leaking."
    )
    stack, _ = recommend(api, text, cloud="azure")
    assert "serving" not in stack and "llm-ops" in stack, stack


def test_a_team_that_also_serves_its_own_model_keeps_serving(api: APIClient) -> None:
    text = (
        "We prototyped with GPT-4 but now fine-tune Llama 3 8B on our tickets and must serve it ourselves on two "
        "GPUs behind our API."
    )
    stack, _ = recommend(api, text)
    assert "serving" in stack, stack


@pytest.mark.parametrize(
    ("text", "deployed"),
    [
        ("Papers only, no deployment.", False),
        ("We never deploy anything; it is research.", False),
        ("Nothing is in production yet.", False),
        ("We never deploy on Fridays, and we have no production monitoring yet.", True),
        ("The model won't be deployed: it is for the board.", False),
    ],
)
def test_what_says_a_model_is_not_deployed(text: str, deployed: bool) -> None:
    assert scope.not_deployed(text) is not deployed
