"""Real-browser journeys: headless Chromium (Debian's package, driven by Playwright) against the site served as
`make run` serves it, gunicorn and a Celery worker on a free port, over the test database.

Without Chromium these tests are skipped with a message on a developer's machine; under CI (CI=true) they fail,
since .ci/run installs it. Every journey runs at desktop width and again at phone width.
"""

import io
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import TestCase, TransactionTestCase
from pytest_django.fixtures import validate_django_db

from tests import servers
from tests.e2e import browsing
from tests.e2e.browsing import ARTIFACTS, DEVICES

CHROMIUM = Path("/usr/bin/chromium")
# The closed network would otherwise fill Chromium's log with refused connections to Google's services.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).resolve().parent


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _transactional(item: pytest.Item) -> bool:
    """Whether pytest-django runs this test on committed data and empties the database after it."""
    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))


def _rolls_back(item: pytest.Item) -> bool:
    uses_db = item.get_closest_marker("django_db") is not None or "db" in item.fixturenames
    cls = getattr(item, "cls", None)
    return (uses_db or (cls is not None and issubclass(cls, TestCase))) and not _transactional(item)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    journeys = [item for item in items if HERE in item.path.parents]
    if not journeys:
        return
    for item in journeys:
        # Committed data, which the server processes read; available_apps=[] keeps pytest-django from emptying
        # the tables after each journey, because they share the shipped data (the package's `site` empties
        # them once at the end, as a transactional test does).
        item.add_marker(pytest.mark.django_db(transaction=True, available_apps=[]))
        if not CHROMIUM.exists() and not in_ci():
            item.add_marker(
                pytest.mark.skip(reason=f"browser journeys need Chromium at {CHROMIUM}: apt-get install chromium")
            )
    # pytest-django has ordered the tests that roll back first, then the transactional ones, each of which
    # empties the database. The journeys go in between, while the data the session loaded is still there:
    # embedding it all again would take a minute or more.
    rest = [item for item in items if HERE not in item.path.parents]
    boundary = next((i for i, item in enumerate(rest) if not _rolls_back(item)), len(rest))
    items[:] = rest[:boundary] + journeys + rest[boundary:]


def pytest_terminal_summary(terminalreporter) -> None:
    if browsing.saved:
        terminalreporter.write_line(f"e2e screenshots ({len(browsing.saved)}) and server log: {ARTIFACTS}/")


@dataclass
class Site:
    url: str
    log: Path


@pytest.fixture(scope="package")
def site(django_db_setup, django_db_blocker) -> Iterator[Site]:
    """gunicorn and a Celery worker over the test database, with what `make run`'s set-up loads.

    The session loaded and embedded the catalog and the library; the loaders keep what is there and add the
    starter Q&A. Static files are collected because the server runs with the production storage. The database
    is emptied at the end, as after any transactional test.
    """
    from community.celery import app

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    with django_db_blocker.unblock():
        app.control.purge()  # tasks that earlier tests left name rows that are gone
        env = {"DATABASE_URL": servers.database_url(), "VAR_DIR": str(settings.VAR_DIR)}
    log_path = ARTIFACTS / "server.log"
    with log_path.open("w") as log:
        # Readied while the server's workers load the model, which takes them seconds.
        static = servers.collect_static(env, log)
        worker = servers.start_worker("--concurrency=2", env=env, log=log)
        try:
            with django_db_blocker.unblock():
                for command in ("load_catalog", "build_index", "load_ethics", "load_recommender", "load_demo"):
                    call_command(command, stdout=io.StringIO())
            with servers.Server(log=log, **env) as server:
                assert static.wait(timeout=120) == 0, f"collectstatic failed: see {log_path}"
                yield Site(server.url, log_path)
                worker.send_signal(signal.SIGTERM)  # it shuts down while gunicorn does: each takes seconds
        finally:
            servers.stop(worker)
    with django_db_blocker.unblock():
        call_command("flush", "--noinput", verbosity=0)


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: CI must run these tests (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, which Django takes for an async context; this
    # process's own database calls (pytest-django's set-up and clean-up around each test) stay synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
            # Connections opened while the loop ran are that context's own: left open, they would keep
            # pytest-django from dropping the test database at the end.
            connections.close_all()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(params=list(DEVICES), ids=list(DEVICES))
def device(request) -> str:
    return request.param


@pytest.fixture
def new_page(browser, site, device):
    """Opens pages in fresh browser contexts (separate cookies: separate people) at the test's screen width."""
    contexts = []

    def open_page():
        context = browser.new_context(
            base_url=site.url, viewport=DEVICES[device], is_mobile=device == "phone", has_touch=device == "phone"
        )
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
