"""GET /api/resources/ (filters), /api/resources/<id>/, /api/checklists/<stage>/, POST /api/risk-profiles/match/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from community.catalog.models import Stage, Tool
from community.ethics.models import Region, Resource, Topic
from community.ethics.services import ethics_changed
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def all_results(api: APIClient, url: str) -> list[dict]:
    results = []
    while url:
        body = api.get(url).json()
        results += body["results"]
        url = body["next"]
    return results


def test_filter_to_eu_regulation(api: APIClient) -> None:
    results = all_results(api, "/api/resources/?kind=regulation&region=eu")
    titles = {r["title"] for r in results}
    assert {"EU AI Act", "General Data Protection Regulation GDPR"} <= titles
    assert all(r["kind"] == "regulation" and r["region"]["code"] == "eu" for r in results)
    assert len(results) == Resource.objects.filter(kind="regulation", region__code="eu").count()


def test_topic_and_stage_filters_combine(api: APIClient) -> None:
    results = all_results(api, "/api/resources/?topic=fairness-bias&stage=explainability-fairness")
    assert results and all("fairness-bias" in r["topics"] and "explainability-fairness" in r["stages"] for r in results)
    assert len({r["id"] for r in results}) == len(results)
    both = all_results(api, "/api/resources/?kind=toolkit&kind=paper")
    assert {r["kind"] for r in both} == {"toolkit", "paper"}


def test_search_ranks_by_meaning(api: APIClient) -> None:
    results = api.get("/api/resources/", {"search": "why did the model turn down this applicant"}).json()["results"]
    top = [r["slug"] for r in results[:8]]
    assert any(slug in top for slug in ("shap", "microsoft-interpret-ml", "alibi", "cfpb-circular-2022-03")), top
    nothing = api.get("/api/resources/", {"search": "zzqx"}).json()
    assert nothing["count"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [("kind=law", "kind"), ("region=atlantis", "region"), ("topic=nope", "topic"), ("stage=nope", "stage")],
)
def test_a_bad_filter_is_a_400_naming_it(api: APIClient, query: str, field: str) -> None:
    response = api.get(f"/api/resources/?{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_resource_detail(api: APIClient) -> None:
    act = Resource.objects.get(slug="eu-ai-act")
    body = api.get(f"/api/resources/{act.id}/").json()
    assert body["slug"] == "eu-ai-act" and body["region"] == {"code": "eu", "name": "European Union"}
    assert body["page"].endswith("/ethics/resources/eu-ai-act/")
    assert api.get("/api/resources/999999/").status_code == 404


def test_checklist_of_a_stage(api: APIClient) -> None:
    body = api.get("/api/checklists/explainability-fairness/").json()
    assert body["stage"] == "explainability-fairness" and len(body["items"]) >= 4
    tools = {t["slug"] for item in body["items"] for t in item["tools"]}
    assert "fairlearn" in tools
    resources = {r["slug"] for item in body["items"] for r in item["resources"]}
    assert resources & {"eu-ai-act", "eu-ai-act-risk-tiers"}
    assert api.get("/api/checklists/no-such-stage/").status_code == 404
    assert len(api.get("/api/checklists/").json()) == 24


def test_match_a_use_case(api: APIClient) -> None:
    response = api.post(
        "/api/risk-profiles/match/", {"use_case": "credit scoring for small-business loans"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["profiles"][0]["slug"] == "lending"
    lending = body["profiles"][0]
    assert lending["reasons"] and lending["checks"] and lending["resources"]
    assert "explainability-fairness" in lending["required_stages"]


@pytest.mark.parametrize(
    "payload", [{}, {"use_case": ""}, {"use_case": "ab"}, {"use_case": "x" * 5001}, {"use_case": ["a", "b"]}]
)
def test_a_bad_use_case_is_a_400_naming_the_field(api: APIClient, payload: dict) -> None:
    response = api.post("/api/risk-profiles/match/", payload, format="json")
    assert response.status_code == 400
    assert "use_case" in response.json()


def test_the_library_is_read_only(api: APIClient) -> None:
    assert api.post("/api/resources/", {"title": "x"}, format="json").status_code in (401, 403, 405)
    assert api.delete(f"/api/resources/{Resource.objects.first().id}/").status_code in (401, 403, 405)


def test_list_and_match_query_counts_do_not_grow_with_data(api: APIClient) -> None:
    def counts() -> tuple[int, int]:
        result = []
        for call in (
            lambda: api.get("/api/resources/?kind=regulation&page_size=100"),
            lambda: api.post("/api/risk-profiles/match/", {"use_case": "ranking CVs for recruiters"}, format="json"),
        ):
            call()  # the first call after a change fills the per-version payload cache
            with CaptureQueriesContext(connection) as ctx:
                assert call().status_code == 200
            result.append(len(ctx))
        return tuple(result)

    before = counts()
    eu, topic = Region.objects.get(code="eu"), Topic.objects.first()
    stage, tool = Stage.objects.get(slug="training"), Tool.objects.get(slug="fairlearn")
    for _ in range(30):
        ResourceFactory(kind="regulation", region=eu, stages=[stage], topics=[topic], tools=[tool])
    ethics_changed()
    assert counts() == before
