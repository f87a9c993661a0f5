"""The catalog API: field names, filters, pagination, 400s that name the parameter, similar tools, search."""

import pytest

from community.catalog.models import Tool

pytestmark = pytest.mark.django_db
TOOL_FIELDS = {
    "slug", "name", "summary", "homepage", "repository", "licence", "open_source", "hosting", "clouds",
    "languages", "primary_stage", "stages", "domains", "integrations",
}  # fmt: skip


def test_stages(client) -> None:
    data = client.get("/api/stages/").json()
    assert [s["slug"] for s in data][:3] == ["data-labeling", "data-pipeline", "data-storage"]
    assert {"slug", "name", "order", "description"} <= set(data[0])


def test_tool_list_is_paginated_with_count_and_results(client) -> None:
    data = client.get("/api/tools/").json()
    assert data["count"] == Tool.objects.count()
    assert len(data["results"]) == 20
    assert set(data["results"][0]) >= TOOL_FIELDS
    second = client.get("/api/tools/", {"page": 2, "page_size": 50}).json()
    assert len(second["results"]) == 50


def test_tool_detail_uses_slugs_for_stages(client) -> None:
    data = client.get("/api/tools/mlflow/").json()
    assert data["primary_stage"] == "experiment-tracking"
    assert {"experiment-tracking", "model-registry"} <= set(data["stages"])
    assert data["open_source"] is True and "self-hosted" in data["hosting"]


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"stage": "monitoring", "open_source": "true"}, lambda t: t["open_source"] and "monitoring" in t["stages"]),
        ({"hosting": "managed", "cloud": "gcp"}, lambda t: "managed" in t["hosting"] and "gcp" in t["clouds"]),
        ({"hosting": "library", "stage": "explainability-fairness"}, lambda t: "library" in t["hosting"]),
        ({"language": "python", "domain": "vision"}, lambda t: "python" in t["languages"] and "vision" in t["domains"]),
        ({"search": "drift"}, lambda t: "drift" in (t["name"] + t["summary"]).lower()),
    ],
)
def test_filters(client, params: dict, check) -> None:
    data = client.get("/api/tools/", {**params, "page_size": 100}).json()
    assert data["count"] > 0
    assert all(check(t) for t in data["results"])


@pytest.mark.parametrize(
    "params",
    [
        {"stage": "nowhere"},
        {"open_source": "maybe"},
        {"hosting": "cloudy"},
        {"cloud": "mars"},
        {"language": "klingon"},
        {"domain": "x"},
        {"page": "abc"},
        {"page": "0"},
        {"page": "9999"},
        {"page_size": "1000"},
        {"sort": "random"},
    ],
)
def test_bad_query_values_are_400_naming_the_parameter(client, params: dict) -> None:
    response = client.get("/api/tools/", params)
    assert response.status_code == 400
    assert set(params) <= set(response.json())


def test_unknown_tool_is_404(client) -> None:
    assert client.get("/api/tools/not-a-tool/").status_code == 404
    assert client.get("/api/tools/not-a-tool/similar/").status_code == 404


def test_similar_tools_same_stage_first(client) -> None:
    data = client.get("/api/tools/feast/similar/").json()
    assert data and data[0]["tool"]["primary_stage"] == "feature-store"
    assert all(0 < item["score"] <= 1 for item in data)
    assert "feast" not in {item["tool"]["slug"] for item in data}


def test_search_requires_q(client) -> None:
    response = client.get("/api/search/")
    assert response.status_code == 400 and "q" in response.json()
    assert client.get("/api/search/", {"q": "x", "limit": "500"}).status_code == 400


def test_schema_and_docs_are_served_offline(client) -> None:
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/tools/{slug}/similar/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower()
