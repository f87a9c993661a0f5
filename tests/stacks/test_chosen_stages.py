"""A person who knows better than the inference picks the stages: in the API, on the form, and from a saved
recommendation's page. Stages a high-risk use case requires stay; constraints still hold; bad choices change nothing."""

import html
import re

import pytest
from rest_framework.test import APIClient

from recommender.stacks.models import Recommendation
from tests.stacks.test_recommend_api import FINTECH, post, tools_of

pytestmark = pytest.mark.django_db
LENDING = (
    "We decide which small-business loan applications to approve with a gradient-boosted model and we retrain it "
    "every month on the decisions of the credit committee."
)


def test_the_stack_is_made_of_the_chosen_stages_with_their_tools(api: APIClient) -> None:
    body = post(
        api,
        use_case=FINTECH,
        open_source_only=True,
        team_size=2,
        stages=["monitoring", "data-validation", "model-registry", "monitoring"],
    )
    # Lifecycle order, no repeats, and the team-size cap does not cut what the person asked for.
    assert [e["stage"] for e in body["stack"]] == ["data-validation", "model-registry", "monitoring"]
    assert body["stages_chosen"] is True and body["also_consider"] == []
    for entry in body["stack"]:
        assert entry["reason"] == "chosen" and entry["tool"] is not None
        assert entry["why"].startswith("You chose ")
    assert all(t["open_source"] for t in tools_of(body))


def test_a_chosen_stage_the_text_asks_for_quotes_the_text(api: APIClient) -> None:
    body = post(api, use_case=FINTECH, stages=["explainability-fairness"])
    entry = body["stack"][0]
    assert entry["reason"] == "asked" and "explain decisions to regulators" in entry["why"]


def test_a_high_risk_use_case_keeps_its_required_stages(api: APIClient) -> None:
    body = post(api, use_case=LENDING, stages=["data-labeling"])
    assert [p["slug"] for p in body["risk_profiles"]][:1] == ["lending"]
    reasons = {e["stage"]: e["reason"] for e in body["stack"]}
    assert reasons["data-labeling"] == "chosen"
    assert reasons["explainability-fairness"] == "required"


def test_inferred_stacks_offer_the_next_stages_in_line(api: APIClient) -> None:
    body = post(api, use_case=FINTECH, open_source_only=True, team_size=3)
    assert body["stages_chosen"] is False
    offered = [s["stage"] for s in body["also_consider"]]
    assert 1 <= len(offered) <= 3
    assert not set(offered) & {e["stage"] for e in body["stack"]}


@pytest.mark.parametrize(
    "stages", ["serving", ["serving", "no-such-stage"], ["serving", 3], ["Serving!"], ["x" * 60], ["s"] * 25]
)
def test_bad_stage_choices_are_a_400_naming_stages_and_save_nothing(api: APIClient, stages) -> None:
    before = Recommendation.objects.count()
    response = api.post("/api/recommendations/", {"use_case": FINTECH, "stages": stages}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["stages"], response.content
    assert Recommendation.objects.count() == before


@pytest.mark.parametrize("stages", [[], None])
def test_no_stages_chosen_lets_them_be_inferred(api: APIClient, stages) -> None:
    body = post(api, use_case=FINTECH, stages=stages)  # as a form with every stage unticked
    assert body["stages_chosen"] is False
    assert "chosen" not in {e["reason"] for e in body["stack"]} and len(body["stack"]) >= 3


def test_an_unknown_stage_is_named_in_the_message(api: APIClient) -> None:
    response = api.post("/api/recommendations/", {"use_case": FINTECH, "stages": ["no-such-stage"]}, format="json")
    assert "no-such-stage" in response.json()["stages"][0]


def test_the_form_takes_chosen_stages(client) -> None:
    response = client.post("/recommend/", {"use_case": FINTECH, "hosting": "any", "stages": ["serving", "monitoring"]})
    assert response.status_code == 302
    recommendation = Recommendation.objects.get(id=response["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert [e["stage"] for e in recommendation.result["stack"]] == ["serving", "monitoring"]
    page = client.get(response["Location"]).content.decode()
    assert page.count("your choice") == 2


def test_a_wrong_stage_on_the_form_is_an_error_there(client) -> None:
    before = Recommendation.objects.count()
    response = client.post("/recommend/", {"use_case": FINTECH, "hosting": "any", "stages": ["serving", "bogus"]})
    assert response.status_code == 400
    assert "bogus is not one of the available choices" in html.unescape(response.content.decode())
    assert Recommendation.objects.count() == before


def test_the_recommendation_page_lets_people_change_the_stages(client) -> None:
    response = client.post("/recommend/", {"use_case": FINTECH, "hosting": "managed", "cloud": "aws", "team_size": "3"})
    page = client.get(response["Location"]).content.decode()
    recommendation = Recommendation.objects.get(id=response["Location"].rstrip("/").rsplit("/", 1)[-1])
    form = page[page.index("Not the stages you need?") :]
    form = form[: form.index("</form>")]
    ticked = re.findall(r'name="stages" value="([a-z-]+)" checked', form)
    assert ticked == [e["stage"] for e in recommendation.result["stack"]]
    assert 'name="hosting" value="managed"' in form and 'name="cloud" value="aws"' in form
    assert form.count("worth a look") == len(recommendation.result["also_consider"]) > 0

    # Re-posting the form as shown, with one stage more, gives a new recommendation on the same terms.
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    fields["use_case"] = html.unescape(fields["use_case"])
    response = client.post("/recommend/", {**fields, "stages": [*ticked, "data-validation"]})
    again = Recommendation.objects.get(id=response["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert again.id != recommendation.id and again.use_case == recommendation.use_case
    assert again.constraints == recommendation.constraints
    order = re.findall(r'name="stages" value="([a-z-]+)"', form)
    assert [e["stage"] for e in again.result["stack"]] == sorted({*ticked, "data-validation"}, key=order.index)
