"""A body nested a thousand levels deep exhausts Python's JSON decoder: it is a 400, never a 500."""

import pytest
from rest_framework.test import APIClient

from recommender.stacks.models import Recommendation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/recommendations/", "/api/risk-profiles/match/", "/api/auth/token/"])
@pytest.mark.parametrize("depth", [1000, 40])
def test_deeply_nested_json_is_a_400_naming_the_problem(path: str, depth: int) -> None:
    body = '{"use_case": "We forecast bakery demand every night for forty shops.", "x": ' + "[" * depth
    body += "]" * depth + "}"
    response = APIClient().post(path, body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "nested deeper than 32 levels" in response.json()["non_field_errors"][0]
    assert Recommendation.objects.count() == 0


def test_ordinary_nesting_is_read() -> None:
    data = {"use_case": "We forecast bakery demand every night for forty shops.", "stages": ["data-pipeline"]}
    response = APIClient().post("/api/recommendations/", data, format="json")
    assert response.status_code == 201, response.content
