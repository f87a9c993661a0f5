"""Cached list pages follow the catalog: a write gives it a new version and the next request sees it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.catalog import services
from community.catalog.models import Tool

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.PAGE_CACHE_SECONDS = 60


@pytest.mark.parametrize("url", ["/tools/?search=mlflow", "/api/tools/?search=mlflow"])
def test_cached_page_is_served_until_the_catalog_changes(client, url: str) -> None:
    first = client.get(url)
    assert b"MLflow" in first.content
    with CaptureQueriesContext(connection) as ctx:
        again = client.get(url)
    assert again.content == first.content
    assert len(ctx) == 1  # only the version lookup

    services.tool_update(Tool.objects.get(slug="mlflow"), name="MLflow Renamed")
    assert b"MLflow Renamed" in client.get(url).content


def test_logged_in_visitors_are_not_served_from_the_cache(client, django_user_model) -> None:
    client.get("/tools/")
    user = django_user_model.objects.create_user("ana", password="pw-12345-long")
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        client.get("/tools/")
    assert len(ctx) > 1
