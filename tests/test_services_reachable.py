"""With REDIS_URL set, Redis must answer: as the Celery broker and as the cache."""

import pytest
from django.conf import settings
from django.core.cache import cache


@pytest.mark.redis
def test_redis_is_the_broker_and_the_cache_and_answers() -> None:
    import redis

    assert settings.CELERY_BROKER_URL == settings.REDIS_URL
    assert redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3).ping()
    cache.set("mlopshub:ping", "pong", 10)
    assert cache.get("mlopshub:ping") == "pong"


@pytest.mark.redis
def test_celery_connects_to_redis() -> None:
    from community.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)
        assert conn.transport.driver_type == "redis"


@pytest.mark.django_db
def test_database_answers() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
