"""Search by meaning with the real model over the real catalog."""

import pytest

from community.catalog.models import Tool
from community.catalog.search import search_tools as search_ids
from community.catalog.search import with_tools


def search_tools(query: str, limit: int):
    return with_tools(search_ids(query, limit), Tool.objects.select_related("primary_stage"))


pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "stage"),
    [
        ("label images for object detection", "data-labeling"),
        ("keep track of which hyperparameters made which model", "experiment-tracking"),
        ("detect data drift in production", "monitoring"),
        ("vector database for retrieval augmented generation", "vector-search"),
        ("check incoming data quality", "data-validation"),
        ("explain predictions and check a model for bias", "explainability-fairness"),
    ],
)
def test_plain_words_find_the_right_stage(query: str, stage: str) -> None:
    results = search_tools(query, limit=5)
    assert results[0].tool.primary_stage.slug == stage
    assert sum(r.tool.primary_stage.slug == stage for r in results) >= 3


def test_a_tool_name_finds_that_tool_first() -> None:
    assert search_tools("mlflow", limit=3)[0].tool.slug == "mlflow"
    assert search_tools("Great Expectations", limit=3)[0].tool.slug == "great-expectations"


def test_scores_are_ranked_and_keyword_hits_flagged() -> None:
    results = search_tools("feature store", limit=10)
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert any(r.keyword for r in results)


def test_search_page_and_api(client) -> None:
    page = client.get("/search/", {"q": "label images for object detection"})
    assert page.status_code == 200
    assert page.context["results"][0].tool.primary_stage.slug == "data-labeling"
    assert f"{page.context['results'][0].score:.2f} match</span>" in page.content.decode()  # a number with a name
    data = client.get("/api/search/", {"q": "label images for object detection", "limit": 5}).json()
    assert data["count"] == 5
    assert data["results"][0]["tool"]["primary_stage"] == "data-labeling"
    assert {"score", "semantic_score", "keyword_match", "tool"} <= set(data["results"][0])


def test_empty_search_page_explains_itself(client) -> None:
    assert "Describe the job" in client.get("/search/").content.decode()


def test_keyword_index_follows_catalog_writes() -> None:
    from community.catalog import services

    tool = Tool.objects.get(slug="feast")
    services.tool_update(tool, name="Zanzibar Features")
    assert search_tools("zanzibar features", limit=3)[0].tool.slug == "feast"
