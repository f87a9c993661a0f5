"""`make bench` (or `python -m tests.bench.run --load`): a mixed read workload and a write mix at the same time,
from this process against gunicorn on loopback, for LOAD_SECONDS. Reports requests per second, p50 and p99,
errors, and whether every question's score equals the votes that succeeded on it.

It runs on whatever the settings name: the embedded default, or PostgreSQL and Redis when DATABASE_URL and
REDIS_URL are set (`DATABASE_URL=… REDIS_URL=… make bench BENCH_ARGS=--load`); the table says which.
"""

import http.client
import json
import os
import random
import statistics
import threading
import time
from urllib.parse import quote, urlparse

from django.conf import settings

from tests.bench.run import QUERIES, Server

LOAD_SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
READERS, WRITERS = 4, 2
WEB_WORKERS = int(os.environ.get("WEB_WORKERS", "2"))  # what community/gunicorn.py will start


def backing_services() -> str:
    """The database and broker this run uses, as the settings resolved them (no credentials)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        database = "SQLite (embedded default)"
    else:
        database = f"PostgreSQL `{db['NAME']}` on {db['HOST']}:{db['PORT']}"
    if settings.REDIS_URL:
        url = urlparse(settings.REDIS_URL)
        broker = f"Redis {url.hostname}:{url.port or 6379}{url.path or '/0'} (broker and cache)"
    else:
        broker = "filesystem broker, in-process cache"
    return f"{database}; {broker}"


class Client:
    def __init__(self, port: int, token: str | None = None) -> None:
        self.port, self.token = port, token

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, float, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        started = time.perf_counter()
        conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = conn.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - started
        conn.close()
        return response.status, elapsed, data


def _writers_tokens(count: int) -> list[str]:
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    tokens = []
    for i in range(count):
        user, _ = get_user_model().objects.get_or_create(username=f"load-writer-{i}")
        get_user_model().objects.filter(pk=user.pk).update(date_joined=timezone.now() - datetime.timedelta(days=30))
        tokens.append(Token.objects.get_or_create(user=user)[0].key)
    return tokens


def load_phase() -> str:
    from community.catalog.models import Tool
    from community.qa.models import Question, Vote

    tools = list(Tool.objects.values_list("slug", flat=True)[:200])
    questions = list(Question.objects.values_list("id", flat=True)[:200])
    read_paths = (
        ["/", "/tools/", "/questions/"]
        + [f"/tools/{s}/" for s in tools[:50]]
        + [f"/questions/{q}/" for q in questions[:50]]
        + [f"/api/search/?q={quote(q)}" for q in QUERIES]
    )
    tokens = _writers_tokens(8)
    services = backing_services()
    print(f"load test: {LOAD_SECONDS} s on {services}", flush=True)
    reads: list[float] = []
    writes: list[float] = []
    errors: list[str] = []
    votes: dict[int, set[int]] = {}  # question id -> writers whose +1 succeeded
    created: list[int] = []
    lock = threading.Lock()

    with Server(API_WRITE_RATE="1000000/minute") as server:
        # The clock starts once the server answers: its workers load the model first, which can take most of a
        # minute on a busy machine and would otherwise be counted as time under load.
        started = time.monotonic()
        stop = started + LOAD_SECONDS

        def reader() -> None:
            client = Client(server.port)
            rng = random.Random()
            while time.monotonic() < stop:
                status, elapsed, _ = client.call("GET", rng.choice(read_paths))
                with lock:
                    (reads if status == 200 else errors).append(elapsed if status == 200 else f"GET {status}")

        def writer(index: int) -> None:
            rng = random.Random(index)
            while time.monotonic() < stop:
                who = rng.randrange(len(tokens))
                client = Client(server.port, tokens[who])
                roll = rng.random()
                if roll < 0.2 or not created:
                    body = {
                        "title": f"Load question {index}-{rng.random():.6f} about serving",
                        "body": "Measured under load.",
                        "tags": ["serving"],
                    }
                    status, elapsed, data = client.call("POST", "/api/questions/", body)
                    ok = status == 201
                    if ok:
                        with lock:
                            created.append(json.loads(data)["id"])
                elif roll < 0.5:
                    with lock:
                        target = rng.choice(created)
                    status, elapsed, _ = client.call(
                        "POST", f"/api/questions/{target}/answers/", {"body": "An answer under load."}
                    )
                    ok = status == 201
                else:
                    with lock:
                        target = rng.choice(created)
                    status, elapsed, _ = client.call("POST", f"/api/questions/{target}/vote/", {"value": 1})
                    ok = status in (200, 403)  # 403: one's own question
                    if status == 200:
                        with lock:
                            votes.setdefault(target, set()).add(who)
                with lock:
                    (writes if ok else errors).append(elapsed if ok else f"POST {status}")

        threads = [threading.Thread(target=reader) for _ in range(READERS)]
        threads += [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started

    exact = all(
        Question.objects.get(pk=q).score == len(voters) == Vote.objects.filter(question_id=q).count()
        for q, voters in votes.items()
    )
    Question.objects.filter(pk__in=created).delete()

    def figures(values: list[float]) -> str:
        values = sorted(values)
        p99 = values[min(len(values) - 1, int(0.99 * len(values)))] * 1000
        return f"{len(values) / elapsed:.0f} req/s, p50 {statistics.median(values) * 1000:.1f} ms, p99 {p99:.1f} ms"

    return "\n".join(
        [
            "| figure | value |",
            "|---|---|",
            f"| reads ({READERS} clients: landscape, tool pages, questions, search) | {figures(reads)} |",
            f"| writes at the same time ({WRITERS} clients: questions, answers, votes) | {figures(writes)} |",
            f"| errors | {len(errors)} |",
            f"| vote totals exact afterwards ({sum(len(v) for v in votes.values())} votes on {len(votes)} questions) | {'yes' if exact else 'NO'} |",
            f"| duration | {elapsed:.0f} s, gunicorn with {WEB_WORKERS} workers on loopback |",
            f"| database and broker | {services} |",
        ]
    )
