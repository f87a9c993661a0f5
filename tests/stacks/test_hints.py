"""Constraints a team states in words while leaving their fields unset are pointed out, never applied unasked."""

import re

import pytest
from rest_framework.test import APIClient

from recommender.stacks.constraints import Constraints
from recommender.stacks.hints import unset_in_text
from recommender.stacks.models import Recommendation

pytestmark = pytest.mark.django_db
FINTECH = (
    "We're three engineers at a fintech startup building a fraud model on transaction tables; we retrain weekly, "
    "must explain decisions to regulators, and only use open source"
)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (FINTECH, "open_source_only", True),
        ("We use no proprietary tools at all.", "open_source_only", True),
        ("Patient data must stay on our own servers.", "hosting", "self-hosted"),
        ("Everything runs on-premises, air-gapped.", "hosting", "self-hosted"),
        ("Order history lands in S3 and everything we run is on AWS.", "cloud", "aws"),
        ("Our data sits in BigQuery.", "cloud", "gcp"),
        ("time series forecasting on aws", "cloud", "aws"),
        ("The LLM runs on our own GPUs.", "hosting", "self-hosted"),
        ("Scans cannot leave the hospital network.", "hosting", "self-hosted"),
        ("We don't want to self-host anything.", "hosting", "managed"),
        ("Two of us, and nobody wants to run servers.", "hosting", "managed"),
        ("We are moving off our on-prem cluster because nobody wants to run servers.", "hosting", "managed"),
        ("We have no ops team, so it should be fully managed.", "hosting", "managed"),
        ("We are not on AWS, we use Azure.", "cloud", "azure"),  # the cloud they are not on is left out
        ("We are leaving GCP; everything new goes to AWS.", "cloud", "aws"),
        ("Bootstrapped, so the tools must be free.", "budget", "low"),
        ("We have a tight budget this year.", "budget", "low"),
    ],
)
def test_a_constraint_stated_in_words_is_pointed_out(text: str, field: str, value) -> None:
    hints = unset_in_text(text, Constraints())
    assert [(h.field, h.value) for h in hints] == [(field, value)]
    assert hints[0].quote in text and hints[0].quote in hints[0].message


@pytest.mark.parametrize(
    ("text", "constraints"),
    [
        (FINTECH, Constraints(open_source_only=True)),  # already set
        ("Patient data must stay on our own servers.", Constraints(hosting="self-hosted")),
        ("We moved from AWS to Azure last year.", Constraints()),  # two clouds: which one is theirs is unclear
        ("We contribute to open source projects and like managed tools.", Constraints()),
        ("Our awsome team builds cloud-native apps.", Constraints()),
        ("We are migrating off the on-prem cluster to the cloud.", Constraints()),  # where they leave from
        ("Air-gapped lab, and nobody wants to run servers.", Constraints()),  # both ways: unclear
        ("We don't want to self-host anything.", Constraints(hosting="managed")),
        ("No budget worries: the bank pays for whatever works.", Constraints()),
        ("We don't have a tight budget: the bank pays for whatever works.", Constraints()),
        ("We have a tight budget this year.", Constraints(budget="medium")),  # set, even if not to low
    ],
)
def test_nothing_is_pointed_out_when_set_or_unclear(text: str, constraints: Constraints) -> None:
    assert unset_in_text(text, constraints) == []


@pytest.mark.parametrize(
    ("text", "constraints", "field", "value", "said"),
    [
        ("Everything runs on-premises, air-gapped.", Constraints(hosting="managed"), "hosting", "self-hosted",
         "but hosting is “managed”, so managed services are picked"),
        ("Nobody wants to run servers.", Constraints(hosting="self-hosted"), "hosting", "managed",
         "but hosting is “self-hosted”, so hosted services are left out"),
        ("All our data is in Azure.", Constraints(cloud="aws"), "cloud", "azure", "but the cloud is set to AWS"),
    ],
)  # fmt: skip
def test_a_field_the_text_contradicts_is_pointed_out(
    text: str, constraints: Constraints, field: str, value: str, said: str
) -> None:
    hints = unset_in_text(text, constraints)
    assert [(h.field, h.value) for h in hints] == [(field, value)]
    assert said in hints[0].message


def test_the_stack_does_not_follow_a_hint_until_it_is_set(api: APIClient, client) -> None:
    data = {"use_case": FINTECH, "hosting": "managed", "cloud": "aws"}
    body = api.post("/api/recommendations/", data, format="json").json()
    assert [h["field"] for h in body["hints"]] == ["open_source_only"]
    assert body["constraints"]["open_source_only"] is False
    assert not all(e["tool"]["open_source"] for e in body["stack"] if e["tool"])

    page = client.get(Recommendation.objects.get(id=body["id"]).get_absolute_url()).content.decode()
    assert "“only use open source”, but “open source only” is not set" in page
    form = re.search(r'<div class="card hints".*?</form>', page, re.S).group(0)
    assert '<input type="hidden" name="open_source_only" value="on">' in form
    assert '<input type="hidden" name="hosting" value="managed">' in form
    assert '<input type="hidden" name="cloud" value="aws">' in form
    assert '<input type="hidden" name="team_size" value="">' in form  # read from the text again

    again = client.post("/recommend/", dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form)))
    assert again.status_code == 302
    redone = Recommendation.objects.exclude(id=body["id"]).get()
    assert redone.result["constraints"]["open_source_only"] is True and redone.result["hints"] == []
    assert all(e["tool"]["open_source"] for e in redone.result["stack"] if e["tool"])


def test_no_hint_no_card(api: APIClient, client) -> None:
    body = api.post("/api/recommendations/", {"use_case": FINTECH, "open_source_only": True}, format="json").json()
    assert body["hints"] == []
    page = client.get(Recommendation.objects.get(id=body["id"]).get_absolute_url()).content.decode()
    assert 'class="card hints"' not in page
