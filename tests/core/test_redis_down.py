"""Redis down while the site runs (in process, against a dead address): pages render from the database, writes
succeed and are kept, and the work they would queue is reported, not lost: the next page says it waits, and the
periodic resync queues it (or embeds it) once the queue is back. tests/core/test_redis_outage.py does the same
against real servers."""

import pytest
from kombu.exceptions import OperationalError

from community.core.cache import ResilientRedisCache
from community.core.queue import WAITING_NOTICE
from community.core.services import resync
from community.pipelines import services
from community.pipelines.models import PipelineRun, Status
from community.qa.models import Answer, Question
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


def test_a_run_that_cannot_be_queued_waits_and_the_resync_queues_it_once(
    client, redis_down, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    client.force_login(old_user())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/pipelines/drift-retrain/start/", {"rows": "1000"})
    run = PipelineRun.objects.get()
    assert response.status_code == 302 and run.status == Status.WAITING and run.error == ""
    assert "starts by itself once the queue is back" in client.get(run.get_absolute_url()).content.decode()
    assert services.runs_queue_waiting() == 0  # still down: the run stays waiting
    assert PipelineRun.objects.get().status == Status.WAITING
    sent = []
    monkeypatch.setattr(
        "celery.app.task.Task.apply_async", lambda self, args=None, **kw: sent.append((self.name, args))
    )
    assert services.runs_queue_waiting() == 1  # the queue is back
    assert services.runs_queue_waiting() == 0  # and a second resync finds nothing to do
    assert PipelineRun.objects.get().status == Status.QUEUED
    assert sent == [("community.pipelines.tasks.run_step", (run.pk, "validate"))]


@pytest.mark.django_db(transaction=True)  # the enqueue runs on a real commit, inside the request
def test_a_question_asked_while_the_queue_is_down_is_indexed_by_the_resync(client, redis_down) -> None:
    client.force_login(old_user())
    form = {"title": "Which feature store suits a small team on GCP?", "body": "Two people.", "tags": "features"}
    response = client.post("/questions/ask/", form, follow=True)
    question = Question.objects.get(title=form["title"])
    page = response.content.decode()
    assert WAITING_NOTICE in page and "listed once this question is indexed" in page
    assert resync()["questions_embedded"] == 1
    assert set(resync().values()) == {0}  # idempotent
    assert "listed once this question is indexed" not in client.get(question.get_absolute_url()).content.decode()
