"""Redis down while the site runs: pages render from the database, writes succeed and are kept, and the work
they would queue is reported, not lost: a pipeline run says it waits and starts once the queue is back."""

import pytest
from kombu.exceptions import OperationalError

from community.core.cache import ResilientRedisCache
from community.pipelines.models import PipelineRun
from community.pipelines.services import QUEUE_DOWN
from community.qa.models import Answer
from tests.factories import ask, old_user

pytestmark = pytest.mark.django_db
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_the_resilient_cache_misses_instead_of_failing() -> None:
    cache = ResilientRedisCache(DEAD_REDIS, {"OPTIONS": {"socket_connect_timeout": 0.2}})
    assert cache.get("x", "fallback") == "fallback"
    assert cache.add("x", 1) is False
    cache.set("x", 1)
    with pytest.raises(ValueError):
        cache.incr("x")


@pytest.fixture
def redis_down(settings, monkeypatch):
    """The site's cache and broker both unreachable."""
    settings.CACHES = {
        "default": {"BACKEND": "community.core.cache.ResilientRedisCache", "LOCATION": DEAD_REDIS,
                    "OPTIONS": {"socket_connect_timeout": 0.2}}
    }  # fmt: skip
    settings.PAGE_CACHE_SECONDS = 600

    def broker_down(self, *args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr("celery.app.task.Task.apply_async", broker_down)


def test_pages_render_and_writes_are_kept(client, redis_down, django_capture_on_commit_callbacks) -> None:
    for url in ("/", "/tools/", "/tools/mlflow/", "/questions/", "/ethics/", "/pipelines/", "/healthz/"):
        response = client.get(url)
        assert response.status_code == (503 if url == "/healthz/" else 200), url
    question = ask()
    client.force_login(old_user())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/questions/{question.pk}/answer/", {"body": "Kept even though the queue is down."})
    assert response.status_code == 302
    assert Answer.objects.filter(question=question, body__startswith="Kept").exists()


def test_a_run_that_cannot_be_queued_says_so_and_starts_when_the_queue_returns(
    client, redis_down, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    client.force_login(old_user())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/pipelines/drift-retrain/start/", {"rows": "1000"})
    run = PipelineRun.objects.get()
    assert response.status_code == 302 and run.status == "queued" and run.error == QUEUE_DOWN
    assert "cannot be reached" in client.get(run.get_absolute_url()).content.decode()
    sent = []
    monkeypatch.setattr(
        "celery.app.task.Task.apply_async", lambda self, args=None, **kw: sent.append((self.name, args))
    )
    client.get(run.get_absolute_url())  # the queue is back: looking at the run queues it
    run.refresh_from_db()
    assert run.error == "" and sent == [("community.pipelines.tasks.run_step", (run.pk, "validate"))]
