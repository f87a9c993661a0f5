"""Test set-up: the real database of the settings (SQLite or PostgreSQL), the real model, the real broker.

The shipped catalog and responsible-AI library are loaded and embedded once per session, so every test starts from the catalog users see.
Tests marked `redis` need the server named by REDIS_URL: without the variable they are skipped with a message;
with it, a server that does not answer fails them.
"""

import os

import pytest
from django.conf import settings as django_settings

from community.catalog import indexing
from community.catalog.loading import load_catalog
from community.ethics import indexing as ethics_indexing
from community.ethics.loading import load_library
from recommender.stacks.loading import index_examples, index_needs, load_examples, load_needs


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("REDIS_URL"):
        return
    skip = pytest.mark.skip(reason="needs Redis: REDIS_URL is not set (.ci/run sets it)")
    for item in items:
        if "redis" in item.keywords:
            item.add_marker(skip)


def pytest_report_header(config: pytest.Config) -> list[str]:
    engine = django_settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = "redis" if django_settings.REDIS_URL else "filesystem"
    return [f"mlopshub: database={engine} broker={broker}"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_catalog()
        indexing.index_all()
        load_library()
        ethics_indexing.index_all()
        load_needs()
        index_needs()
        load_examples()
        index_examples()


@pytest.fixture(autouse=True)
def _plain_static_and_no_page_cache(settings) -> None:
    # Manifest storage needs collectstatic; cached pages would hide what a test just wrote with a factory.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PAGE_CACHE_SECONDS = 0
    # Tests create hundreds of accounts; the production hasher would spend most of the suite's time on them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_anonymous_write_budget() -> None:
    # The test client's anonymous writes all come from 127.0.0.1: one test's writes must not throttle the next's.
    from django.core.cache import cache, caches
    from django.core.cache.backends.locmem import LocMemCache

    cache.delete("throttle_writes_127.0.0.1")
    # On SQLite a rolled-back user id is given out again, so the next test's person would inherit the write budget
    # spent under that id. The in-process cache (the embedded default) holds nothing else a test needs: empty it.
    # PostgreSQL never reuses an id, and Redis (which also carries the broker's queues) is left alone.
    if isinstance(caches["default"], LocMemCache):
        cache.clear()


@pytest.fixture
def inprocess_worker(transactional_db):
    """A Celery worker in a thread of this process (tests of killed or separate workers start processes)."""
    from tests import servers

    with servers.inprocess_worker() as worker:
        yield worker
