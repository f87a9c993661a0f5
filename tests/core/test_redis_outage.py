"""A real Redis outage while the site runs: a private redis-server, gunicorn and a Celery worker with beat, then
the Redis process killed. Pages still render; a pipeline run started and a question asked are saved, and the
next page says their work waits; when Redis comes back (empty, on the same port), the periodic resync queues the
run, which finishes, and embeds the question, which search by meaning then finds. Nobody touches anything."""

import http.client
import json
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.test import Client

from community.core.queue import WAITING_NOTICE
from community.pipelines.models import PipelineRun, Status, StepRun
from community.qa import indexing as qa_indexing
from community.qa.models import Question
from recommender.models import Embedding
from tests.factories import ToolFactory, ask, old_user
from tests.servers import RedisServer, Server, Worker, collect_static, database_url, wait

WAITING_FOR_INDEX = "listed once this question is indexed"
WAITING_RUN = "starts by itself once the queue is back"


class Browser:
    """One signed-in person at a browser: cookies kept, the CSRF token sent with forms, redirects followed."""

    def __init__(self, port: int, session_key: str) -> None:
        self.port = port
        self.cookies = {settings.SESSION_COOKIE_NAME: session_key}

    def get(self, path: str) -> tuple[int, str]:
        return self._request("GET", path, None)

    def post(self, path: str, form: dict[str, str]) -> tuple[int, str]:
        return self._request("POST", path, {**form, "csrfmiddlewaretoken": self.cookies[settings.CSRF_COOKIE_NAME]})

    def _request(self, method: str, path: str, form: dict | None) -> tuple[int, str]:
        for _ in range(5):
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            if form is not None:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            conn.request(method, path, urlencode(form) if form is not None else None, headers)
            response = conn.getresponse()
            body = response.read().decode()
            conn.close()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, value = header.split(";", 1)[0].split("=", 1)
                self.cookies[name.strip()] = value
            if response.status not in (301, 302, 303):
                return response.status, body
            method, path, form = "GET", response.headers["Location"], None
        raise AssertionError(f"too many redirects from {path}")


def _indexed(question_id: int) -> bool:
    return Embedding.objects.filter(kind=qa_indexing.KIND, object_id=question_id).exists()


@pytest.fixture
def site(transactional_db):
    """A private Redis, a worker with beat (loading while the static files are collected) and gunicorn."""
    with RedisServer() as redis:
        env = {"DATABASE_URL": database_url(), "REDIS_URL": redis.url, "VAR_DIR": str(settings.VAR_DIR)}
        # Resync every 2 s rather than 30: each one keeps the single worker process busy for a fraction of that.
        with Worker("--pool=solo", "-B", graceful=False, RESYNC_SECONDS="2", **env):
            assert collect_static(env).wait(timeout=120) == 0, "collectstatic failed"
            with Server(warm=True, graceful=False, WEB_WORKERS="1", **env) as server:
                yield redis, server


@pytest.mark.redis
def test_the_site_rides_out_a_redis_outage_and_catches_up_by_itself(site) -> None:
    redis, server = site
    person = old_user()
    tool = ToolFactory()
    earlier = ask(author=person, title="How do I version the data behind each trained model?")
    client = Client()
    client.force_login(person)
    # The chain works before the outage: beat's resync embeds the question asked above (its own enqueue went to
    # the test's broker, not this one), and the worker has its model loaded.
    assert wait(lambda: _indexed(earlier.pk), 60), "the resync never ran before the outage"
    browser = Browser(server.port, client.cookies[settings.SESSION_COOKIE_NAME].value)

    redis.kill()
    for path in ("/", f"/tools/{tool.slug}/", "/questions/", f"/questions/{earlier.pk}/", "/pipelines/"):
        status, page = browser.get(path)
        assert status == 200, (path, status)
    status, page = browser.post("/pipelines/tabular-fairness/start/", {"rows": "1000"})
    run = PipelineRun.objects.get()
    assert status == 200 and WAITING_NOTICE in page and WAITING_RUN in page
    assert run.status == Status.WAITING
    browser.get("/questions/ask/")
    title = "Which drift detector copes with weekly seasonality?"
    form = {"title": title, "body": "Our features move every Monday.", "tags": "drift monitoring"}
    status, page = browser.post("/questions/ask/", form)
    assert status == 200 and WAITING_NOTICE in page and WAITING_FOR_INDEX in page
    # Nothing written is lost: the rows are there, the run and its steps still queued.
    question = Question.objects.get(title=title, author=person)
    assert StepRun.objects.filter(run=run, status=Status.QUEUED).count() == run.steps.count() > 0
    assert not _indexed(question.pk)

    redis.start()  # same port, empty: whatever it held before the outage is gone
    assert wait(lambda: PipelineRun.objects.get(pk=run.pk).finished, 45), PipelineRun.objects.get(pk=run.pk)
    run.refresh_from_db()
    assert run.status == Status.SUCCEEDED, (run.status, run.error)
    assert wait(lambda: _indexed(question.pk), 30)
    status, body = browser.get(f"/api/questions/similar/?q={quote(title)}&limit=3")
    assert status == 200 and question.pk in [hit["id"] for hit in json.loads(body)]
    status, page = browser.get(f"/questions/{question.pk}/")
    assert status == 200 and WAITING_FOR_INDEX not in page
