"""/healthz/ checks the database, the cache and the broker, and names the one that fails."""

import pytest

pytestmark = pytest.mark.django_db


def test_all_components_answer(client) -> None:
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "ok"}}


def test_an_unreachable_broker_is_a_503_naming_it(client, settings) -> None:
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    response = client.get("/healthz/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded" and body["checks"]["database"] == "ok"
    assert body["checks"]["broker"] != "ok" and "Traceback" not in body["checks"]["broker"]


def test_a_broken_cache_is_a_503_naming_it(client, settings) -> None:
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/healthz/")
    assert response.status_code == 503 and response.json()["checks"]["cache"].startswith("RuntimeError")
