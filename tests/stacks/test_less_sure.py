"""Each inferred stage says how likely the team needs it, and the page marks the implied ones it is less sure
of, so people know which to question with the stage picker."""

import re

import pytest
from rest_framework.test import APIClient

from recommender.stacks.models import Recommendation
from recommender.stacks.result import LESS_SURE
from tests.stacks.test_recommend_api import FINTECH, post

pytestmark = pytest.mark.django_db


def test_inferred_stages_carry_their_likelihood_and_the_page_marks_the_less_sure(api: APIClient, client) -> None:
    body = post(api, use_case=FINTECH, open_source_only=True, team_size=3)
    for entry in body["stack"]:
        assert 0 < entry["likelihood"] <= 1, entry
        assert entry["less_sure"] == (entry["reason"] == "implied" and entry["likelihood"] < LESS_SURE), entry
    less_sure = [e["stage_name"] for e in body["stack"] if e["less_sure"]]
    assert less_sure, [(e["stage"], e["reason"], e["likelihood"]) for e in body["stack"]]
    assert all(not e["less_sure"] for e in body["stack"] if e["reason"] == "asked")

    page = client.get(Recommendation.objects.get(id=body["id"]).get_absolute_url()).content.decode()
    marked = re.findall(
        r">([^<>]+)</a>(?:\s*<span class=\"badge\">[^<]*</span>)?\s*<span class=\"badge less-sure\"", page
    )
    assert sorted(m.replace("&amp;", "&") for m in marked) == sorted(less_sure)


def test_chosen_stages_are_not_given_a_likelihood(api: APIClient) -> None:
    body = post(api, use_case=FINTECH, stages=["serving", "monitoring"])
    assert all(e["likelihood"] is None and not e["less_sure"] for e in body["stack"] if e["reason"] == "chosen")
